"""storage.sql: statements run on the DBAPI cursor behave as SQLAlchemy's own execution would."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from storage.db import unit_of_work
from storage.models import Shop, table
from storage.sql import Statement

SHOP = table(Shop)
ADD = Statement(insert(SHOP).returning(SHOP.c.id), columns=("name", "currency", "locale", "timezone",
                                                            "created_at"))
ADD_WITH_ID = Statement(insert(SHOP), columns=("id", "name", "currency", "locale", "timezone", "created_at"))
BUMP = Statement(update(SHOP).where(SHOP.c.id == bindparam("shop"))
                 .values(last_order_number=SHOP.c.last_order_number + 1).returning(SHOP.c.last_order_number))
READ = Statement(select(SHOP.c.name, SHOP.c.created_at).where(SHOP.c.id == bindparam("shop")))
T = datetime(2026, 3, 2, 8, 0, tzinfo=timezone(timedelta(hours=7)))  # microsecond 0: the text form matters


def _shop(**kw: object) -> dict[str, object]:
    return {"name": "Toko", "currency": "IDR", "locale": "id", "timezone": "Asia/Jakarta", "created_at": T,
            **kw}


def test_a_written_time_reads_back_through_the_orm_and_through_rows_as_the_same_utc_time(
        engine: Engine) -> None:
    with unit_of_work(engine) as s:
        shop_id = ADD.run(s.connection(), _shop()).fetchone()[0]
        assert READ.rows(s.connection(), {"shop": shop_id}) == [{"name": "Toko", "created_at": T}]
        assert READ.rows(s.connection(), {"shop": shop_id})[0]["created_at"].tzinfo == UTC
    with unit_of_work(engine) as s:
        assert s.execute(select(SHOP.c.created_at).where(SHOP.c.id == shop_id)).scalar_one() == T


def test_values_the_statement_and_the_column_defaults_carry_are_sent_with_the_callers(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        shop_id = ADD.run(s.connection(), _shop()).fetchone()[0]
        assert [BUMP.run(s.connection(), {"shop": shop_id}).fetchone()[0] for _ in range(2)] == [1001, 1002]


def test_a_broken_unique_key_raises_sqlalchemys_integrity_error_and_leaves_nothing_of_the_call(
        engine: Engine) -> None:
    with unit_of_work(engine) as s:
        ADD_WITH_ID.run_many(s.connection(), [_shop(id=7), _shop(id=8)])
    with pytest.raises(IntegrityError), unit_of_work(engine) as s:
        ADD_WITH_ID.run_many(s.connection(), [_shop(id=9), _shop(id=7)])
    with unit_of_work(engine) as s:
        assert sorted(s.execute(select(SHOP.c.id)).scalars()) == [7, 8]
