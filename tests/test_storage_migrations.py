"""The migrations build the schema the models describe, on SQLite and PostgreSQL, and go back down."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from conftest import BACKENDS, PG_URL
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

import storage.conversation  # noqa: F401  (its tables are part of the metadata)
import storage.models  # noqa: F401
from storage.db import MIGRATIONS, current_revision, make_engine, upgrade

PARTIAL = {"ux_orders_shop_channel_ref": "channel_ref", "ux_orders_shop_waybill": "waybill"}


@pytest.fixture(params=BACKENDS)
def empty(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a database with no tables yet: a new SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'lapak.db'}")
        yield engine
        engine.dispose()
        return
    assert PG_URL
    name = f"lapak_migrate_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(PG_URL).set(database=name).render_as_string(hide_password=False))
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _differences(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), SQLModel.metadata))


def _where(engine: Engine, index: str) -> str:
    found = {ix["name"]: ix for ix in inspect(engine).get_indexes("orders")}
    options = found[index].get("dialect_options", {})
    where = options.get(f"{engine.dialect.name}_where")
    return "" if where is None else str(where)


def test_the_migrated_schema_is_the_models_schema(engine: Engine) -> None:
    assert _differences(engine) == []
    for index, column in PARTIAL.items():
        assert f"{column} IS NOT NULL" in _where(engine, index).replace("(", "").replace(")", "")


def _order(conn: Connection, number: int, **values: object) -> None:
    """An order written straight into the table, past the core's own check for twins."""
    row = {"number": number, "channel": None, "ref": None, "courier": None, "waybill": None} | values
    conn.execute(text(
        "INSERT INTO orders (shop_id, number, status, payment_status, currency, channel, channel_ref,"
        " courier, waybill, shipping_fee, discount, subtotal, total, cogs, created_at, updated_at)"
        " VALUES (1, :number, 'confirmed', 'unpaid', 'IDR', :channel, :ref, :courier, :waybill,"
        " 0, 0, 0, 0, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"), row)


def test_the_database_itself_refuses_a_second_order_with_the_same_ref_or_waybill(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO shop (id, name, currency, locale, timezone, last_order_number,"
                          " catalog_version, created_at)"
                          " VALUES (1, 'Toko', 'IDR', 'id', 'Asia/Jakarta', 1000, 0, CURRENT_TIMESTAMP)"))
        for number in (1001, 1002, 1003):  # without a reference or a waybill: never a collision
            _order(conn, number)
        _order(conn, 1004, channel="shopee", ref="SP-1", courier="jnt", waybill="JP1")
        _order(conn, 1005, channel="tokopedia", ref="SP-1", courier="jne", waybill="JP1")  # other channel
    for twin in ({"channel": "shopee", "ref": "SP-1"}, {"courier": "jnt", "waybill": "JP1"}):
        with pytest.raises(IntegrityError), engine.begin() as conn:
            _order(conn, 1006, **twin)


def _migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


def test_claims_and_cards_are_keyed_by_what_identifies_them(engine: Engine) -> None:
    key = inspect(engine).get_pk_constraint("sent_card")
    assert key["constrained_columns"] == ["chat_id", "message_id"]
    if engine.dialect.name == "postgresql":  # named as if the table had been created so
        assert key["name"] == "sent_card_pkey"
    assert inspect(engine).get_pk_constraint("processed_update")["constrained_columns"] == ["key"]
    if engine.dialect.name == "sqlite":  # one b-tree each: no rowid beside the key
        with engine.connect() as conn:
            for table in ("processed_update", "sent_card"):
                schema = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = :t"), {"t": table})
                assert "WITHOUT ROWID" in str(schema.scalar())


def test_an_upgrade_keeps_the_claims_and_cards_already_written(empty: Engine) -> None:
    engine = empty
    _migrate(engine, "0002")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO processed_update VALUES ('u:7', CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO sent_card (shop_id, order_number, chat_id, message_id, created_at)"
                          " VALUES (1, 1001, -100, 55, CURRENT_TIMESTAMP),"
                          " (1, 1001, 42, 9, CURRENT_TIMESTAMP)"))
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT key FROM processed_update")).scalars().all() == ["u:7"]
        cards = conn.execute(text("SELECT chat_id, message_id FROM sent_card WHERE order_number = 1001"
                                  " ORDER BY chat_id")).all()
    assert [tuple(c) for c in cards] == [(-100, 55), (42, 9)]


def test_down_to_the_first_revision_and_up_again(empty: Engine) -> None:
    engine = empty
    upgrade(engine)
    _migrate(engine, "0001", down=True)
    assert current_revision(engine) == "0001"
    assert "conversation" not in inspect(engine).get_table_names()
    assert _where(engine, "ux_orders_shop_waybill") == ""  # the full index again
    upgrade(engine)
    assert _differences(engine) == []
    assert "waybill IS NOT NULL" in _where(engine, "ux_orders_shop_waybill").replace("(", "").replace(")", "")


def test_down_one_revision_keeps_the_cards(empty: Engine) -> None:
    engine = empty
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO sent_card (shop_id, order_number, chat_id, message_id, created_at)"
                          " VALUES (1, 1001, -100, 55, CURRENT_TIMESTAMP)"))
    _migrate(engine, "0003", down=True)
    with engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(text("SELECT id, chat_id, message_id FROM sent_card"))] == [
            (1, -100, 55)]


def test_an_upgrade_fills_the_search_text_of_the_orders_already_kept(empty: Engine) -> None:
    engine = empty
    _migrate(engine, "0004")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO shop (id, name, currency, locale, timezone, last_order_number,"
                          " catalog_version, created_at)"
                          " VALUES (1, 'Shop', 'VND', 'vi', 'Asia/Ho_Chi_Minh', 1000, 0, CURRENT_TIMESTAMP)"))
        _order(conn, 1001, courier="ghn", waybill="GHN-Ab1")
        conn.execute(text("UPDATE orders SET customer_name = 'anh Đức', phone = '+84912000678',"
                          " address = '12 Nguyễn Trãi, Q.1' WHERE number = 1001"))
        _order(conn, 1002)
    upgrade(engine)
    with engine.connect() as conn:
        found = conn.execute(text("SELECT number, search FROM orders ORDER BY number")).all()
    assert [tuple(r) for r in found] == [(1001, "anh duc\n84912000678\n12 nguyen trai, q.1\nghn-ab1\n"),
                                         (1002, "\n\n\n\n")]
