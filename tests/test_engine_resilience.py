"""The engine under mishaps: redelivered updates, restarts, bugs; and every domain error's words."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
from engine_harness import GROUP, OWNER, STAFF, Phone, available, clock, make_shop
from sqlalchemy import text
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine, drafts
from bot.engine.engine import DraftOpen, NoShop, Usage
from bot.engine.events import Answer, Edit, Incoming, Send
from bot.engine.words import describe
from bot.i18n import Translator
from core import errors, orders, shops
from storage.db import unit_of_work

ORDER = ("Nama: Budi Santoso\nNo HP: 0812-3456-7890\nAlamat: Jl. Melati No. 5, Bandung\n"
         "Pesanan: Kaos Polos Hitam L 2")
T = Translator("id")


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


def test_a_redelivered_message_changes_nothing(engine: Database, phone: Phone) -> None:
    make_shop(engine, "id")

    first = phone.say(OWNER, ORDER, update_id=5000)
    again = phone.say(OWNER, ORDER, update_id=5000)

    assert first and again == []


def test_a_redelivered_confirm_makes_one_order(engine: Database, phone: Phone) -> None:
    shop = make_shop(engine, "id")
    before = available(engine, shop, "KPH-L")
    phone.say(OWNER, ORDER)
    card = phone.last(OWNER)

    confirm = phone.button(card, str(T("button.confirm")))

    phone.press(OWNER, card, confirm, update_id=6000)
    assert phone.press(OWNER, card, confirm, update_id=6000) == []

    with unit_of_work(engine) as s:
        assert [o.number for o in orders.list_orders(s, shop)] == [1001]
    assert available(engine, shop, "KPH-L") == (before[0], before[1] + 2)


def test_the_same_press_under_a_new_update_id_is_still_applied_once(engine: Database, phone: Phone) -> None:
    shop = make_shop(engine, "id")
    phone.say(OWNER, ORDER)
    phone.press(OWNER, phone.last(OWNER), str(T("button.confirm")))
    card = phone.last(GROUP)

    def press(update_id: int) -> list[object]:
        return list(phone.engine.handle(Incoming(
            chat_id=GROUP, chat_type="group", user_id=STAFF, user_name="Sari", update_id=update_id,
            message_id=card.message_id, callback_id="same-press", callback_data=f"o:{shop}:1001:packed")))

    assert press(7001)
    assert press(7002) == []


def test_a_domain_error_is_recorded_once_and_a_redelivery_stays_silent(
        engine: Database, phone: Phone) -> None:
    make_shop(engine, "id")

    assert phone.texts(phone.say(STAFF, "/packed 1234", chat=GROUP, update_id=8000))
    assert phone.say(STAFF, "/packed 1234", chat=GROUP, update_id=8000) == []


def test_a_restart_continues_the_conversation(engine: Database, phone: Phone) -> None:
    shop = make_shop(engine, "id")
    phone.say(OWNER, ORDER.replace("No HP: 0812-3456-7890\n", ""))
    assert str(T("ask.phone")) in phone.last(OWNER).text

    phone.engine = Engine(engine, now=clock)  # the process restarted: nothing kept in memory
    phone.say(OWNER, "No HP: 0812 3456 7890")
    phone.engine = Engine(engine, now=clock)
    phone.press(OWNER, phone.last(OWNER), str(T("button.confirm")))
    phone.engine = Engine(engine, now=clock)
    card = phone.last(GROUP)
    phone.press(STAFF, card, str(T("action.packed")))

    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
    assert order.status == "packed" and order.phone
    assert str(T("status.packed")) in card.text


def test_an_unexpected_error_is_logged_and_answered_with_an_apology(
        engine: Database, phone: Phone, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    make_shop(engine, "id")

    def broken(turn: object, text: str) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(drafts, "enter", broken)
    with caplog.at_level(logging.ERROR, logger="lapak.engine"):
        said = phone.texts(phone.say(OWNER, ORDER, update_id=9100))

    assert said == str(T("error.unexpected"))
    assert "update_id=9100" in caplog.text and "a bug" in caplog.text
    monkeypatch.undo()
    assert str(T("draft.total")) in phone.texts(phone.say(OWNER, ORDER))  # and the bot keeps going


ERRORS: list[errors.LapakError] = [
    NoShop(True), NoShop(False), Usage("ship"), DraftOpen("Toko Rina"),
    errors.NotAMember(5), errors.Forbidden("bind", "staff"),
    errors.OutOfStock([errors.Shortage("KPH-L", 5, 2), errors.Shortage("KPP-M", 3, 0)]),
    errors.UnknownOrder(1009), errors.UnknownProduct("ZZZ"),
    errors.NotAllowed("fulfilment", "shipped", "packed"),
    errors.InvalidInvite("unknown"), errors.InvalidInvite("used"), errors.InvalidInvite("expired"),
    errors.DuplicateOrder("shopee", "2411ABC", 1003), errors.DuplicateWaybill("jnt", "JP1", 1002),
    errors.InvalidDraft(["no items"]), errors.InvalidValue("currency", "XYZ"),
    errors.CatalogError([errors.RowProblem(3, "price", "not_amount", "mahal",
                                           {"currency": "IDR", "digits": 0})]), errors.UnknownShop(9),
]


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_every_domain_error_becomes_one_sentence_in_the_shops_language(
        locale: str, error: errors.LapakError) -> None:
    words = str(describe(error, Translator(locale)))

    assert words and "{" not in words and "Traceback" not in words
    if not isinstance(error, errors.CatalogError):
        assert "\n" not in words
    if isinstance(error, errors.OutOfStock):
        assert "KPH-L" in words and "KPP-M" in words


# Each catalog problem with the values core gives it, on a data row (3) or the header (1).
PROBLEMS = [
    errors.RowProblem(1, "", "not_utf8"), errors.RowProblem(1, "", "spreadsheet"),
    errors.RowProblem(1, "", "not_catalog", "harga,qty"),
    errors.RowProblem(1, "colour", "unknown_column", "colour"),
    errors.RowProblem(1, "price", "missing_column", "price"),
    errors.RowProblem(1, "price", "same_column", "Harga Jual", {"first": "Harga"}),
    errors.RowProblem(3, "", "extra_values"),
    errors.RowProblem(3, "name", "empty"),
    errors.RowProblem(3, "sku", "duplicate_sku", "A", {"first_row": 2}),
    errors.RowProblem(3, "sku", "duplicate_sku_case", "dgb-300", {"first_row": 2, "first": "DGB-300"}),
    errors.RowProblem(3, "price", "not_amount", "mahal", {"currency": "IDR", "digits": 0}),
    errors.RowProblem(3, "cost", "negative", "-5", {"currency": "VND", "digits": 0}),
    errors.RowProblem(3, "price", "no_decimals", "7.90", {"currency": "VND", "digits": 0}),
    errors.RowProblem(3, "price", "decimals", "1.500", {"currency": "MYR", "digits": 2}),
    errors.RowProblem(3, "stock", "not_whole", "x"), errors.RowProblem(3, "active", "not_yes_no", "ya"),
    errors.RowProblem(3, "stock", "below_reserved", "2", {"reserved": 4}),
    errors.RowProblem(3, "stock", "too_large", "99999999999999999999"),
]


def test_every_catalog_problem_core_can_raise_is_in_the_list_below() -> None:
    assert {p.code for p in PROBLEMS} == set(errors.CATALOG_PROBLEMS)


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.code)
def test_every_catalog_problem_is_worded_in_the_shops_language(locale: str,
                                                               problem: errors.RowProblem) -> None:
    t = Translator(locale)
    words = str(describe(errors.CatalogError([problem]), t)).splitlines()[1]

    assert t.has(f"import.problem.{problem.code}") and "{" not in words
    assert problem.value in words or problem.code == "not_catalog"
    assert (f" {problem.row}" in words) == (problem.row > 1)


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_the_command_menu_is_registered_in_each_language(engine: Database, locale: str) -> None:
    menu = Engine(engine).commands(locale)

    assert {name for name, _ in menu} == {
        "start", "order", "packed", "ship", "delivered", "cancel", "return", "paid", "refund", "find",
        "today", "stock", "import", "invite", "team", "leave", "bind", "unbind", "shop", "help"}
    assert all(re.fullmatch(r"[a-z_]{1,32}", name) and 0 < len(text) <= 256 for name, text in menu)
    assert dict(menu)["packed"] == str(Translator(locale)("cmd.packed"))


def test_a_press_the_engine_does_not_know_is_answered_quietly(engine: Database, phone: Phone) -> None:
    actions = phone.engine.handle(Incoming(chat_id=OWNER, chat_type="private", user_id=OWNER,
                                           callback_id="x1", callback_data="zz:nothing"))
    assert actions == [Answer("x1")]


def test_an_empty_message_gets_no_reply(engine: Database, phone: Phone) -> None:
    make_shop(engine, "id")
    assert phone.say(OWNER, None) == []
    assert all(isinstance(a, Send) for a in phone.say(OWNER, "/help"))


def test_a_card_reported_twice_is_edited_once(engine: Database, phone: Phone) -> None:
    shop = make_shop(engine, "id")
    phone.say(OWNER, ORDER)
    phone.press(OWNER, phone.last(OWNER), str(T("button.confirm")))
    card = phone.last(GROUP)
    phone.engine.record_sent(f"card:{shop}:1001", GROUP, card.message_id)  # the adapter retried its report

    actions = phone.press(STAFF, card, str(T("action.packed")))

    edits = [(a.chat_id, a.message_id) for a in actions if isinstance(a, Edit)]
    assert edits.count((GROUP, card.message_id)) == 1


def test_edit_explains_how_to_correct_the_draft(engine: Database, phone: Phone) -> None:
    make_shop(engine, "id")
    phone.say(OWNER, ORDER)

    said = phone.texts(phone.press(OWNER, phone.last(OWNER), str(T("button.edit"))))

    assert said == str(T("draft.how_to_edit"))


def test_two_workers_given_the_same_update_apply_it_once(engine: Database, phone: Phone) -> None:
    from concurrent.futures import ThreadPoolExecutor

    shop = make_shop(engine, "id")
    phone.say(OWNER, ORDER)
    card = phone.last(OWNER)
    press = Incoming(chat_id=OWNER, chat_type="private", user_id=OWNER, user_name="Rina", update_id=9900,
                     message_id=card.message_id, callback_id="twice",
                     callback_data=phone.button(card, str(T("button.confirm"))).data)
    workers = [Engine(engine, now=clock) for _ in range(4)]

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda worker: worker.handle(press), workers))

    assert sorted(len(r) > 0 for r in results) == [False, False, False, True]
    with unit_of_work(engine) as s:
        assert [o.number for o in orders.list_orders(s, shop)] == [1001]


def test_threads_of_one_process_take_turns_at_sqlite_instead_of_failing(tmp_path: object) -> None:
    """The adapters handle several updates at once in threads. With SQLite's busy timeout at zero, a
    thread that met another's write lock would fail at once: every order must still get its card."""
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    from sqlalchemy import event, text

    from storage.db import make_engine, upgrade

    db = make_engine(f"sqlite:///{Path(str(tmp_path)) / 'busy.db'}")

    @event.listens_for(db, "connect")
    def _no_waiting(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=0")  # type: ignore[attr-defined]

    upgrade(db)
    shop = make_shop(db, "id", group=None)
    engine = Engine(db, now=clock)
    sellers = [OWNER, *range(9000, 9007)]
    with unit_of_work(db) as s:
        for seller in sellers[1:]:
            shops.add_member(s, shop, seller, "staff")

    def enter(n: int) -> list[object]:
        seller = sellers[n % len(sellers)]
        return list(engine.handle(Incoming(chat_id=seller, chat_type="private", user_id=seller, user_name="S",
                                           text=ORDER, update_id=100_000 + n)))

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(enter, range(160)))

    apology = str(T("error.unexpected"))
    assert all(a and isinstance(a[0], Send) and apology not in a[0].text for a in answers)
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM processed_update")).scalar() == 160
    db.dispose()


def test_a_connection_broken_under_the_engine_costs_one_apology(tmp_path: object, caplog: object) -> None:
    """SQLite events share one open connection; if it breaks (here: its file handle closed under it),
    that event is answered with the apology and the next one runs on a fresh connection."""
    from pathlib import Path

    from storage.db import make_engine, upgrade

    db = make_engine(f"sqlite:///{Path(str(tmp_path)) / 'broken.db'}")
    upgrade(db)
    make_shop(db, "id")
    engine = Engine(db, now=clock)

    def say(update_id: int) -> str:
        [reply] = engine.handle(Incoming(chat_id=OWNER, chat_type="private", user_id=OWNER, user_name="Rina",
                                         text=ORDER, update_id=update_id))
        assert isinstance(reply, Send)
        return reply.text

    assert "Budi Santoso" in say(1)
    shared = engine._writes._conn  # noqa: SLF001
    assert shared is not None
    shared.connection.dbapi_connection.close()  # type: ignore[union-attr]

    assert say(2) == str(Translator("en")("error.unexpected"))
    assert "Budi Santoso" in say(3) and "Budi Santoso" in say(4)
    db.dispose()


def test_applied_update_ids_are_kept_a_week_and_then_dropped(engine: Database) -> None:
    start = clock()
    moment = [start]
    phone = Phone(Engine(engine, now=lambda: moment[0]))
    make_shop(engine, "id")

    def at(when: timedelta, update_id: int) -> set[str]:
        moment[0] = start + when
        phone.say(OWNER, "/help", update_id=update_id)
        with engine.connect() as conn:
            return set(conn.execute(text("SELECT key FROM processed_update")).scalars())

    at(timedelta(0), 7001)
    at(timedelta(days=1), 7002)
    assert phone.say(OWNER, "/help", update_id=7001) == []  # a day on: still known, applied once
    # a week and a bit after the first: it goes, the second (not a week old yet) stays
    assert at(timedelta(days=8, minutes=-5), 7003) == {"u:7002", "u:7003"}
    # ten minutes later the second is a week old too, but old ids are dropped once an hour, not per event
    assert at(timedelta(days=8, minutes=5), 7004) == {"u:7002", "u:7003", "u:7004"}
    assert at(timedelta(days=8, hours=1), 7005) == {"u:7003", "u:7004", "u:7005"}
