"""What owners met in session 10: money is marked in only where the goods allow it (never for a
cancelled order, COD only once the courier has the parcel), and marking it twice says so."""

from __future__ import annotations

import pytest
from engine_harness import GROUP, OWNER, STAFF, Phone, clock, make_shop
from sqlalchemy.engine import Engine as Database
from test_engine_commands_session7 import ORDER

from bot.engine import Engine
from bot.engine.words import status
from bot.i18n import Translator
from core import orders
from storage.db import unit_of_work

LOCALES = ["id", "vi", "en"]


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


def confirm(phone: Phone, locale: str, how: str) -> None:
    t = Translator(locale)
    phone.say(OWNER, f"{ORDER[locale]}\n{how}")
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))


TRANSFER = {"id": "transfer", "vi": "chuyển khoản", "en": "bank transfer"}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_cancelled_order_cannot_be_marked_paid_and_a_cod_order_not_before_it_ships(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    confirm(phone, locale, TRANSFER[locale])
    confirm(phone, locale, "COD")
    phone.say(OWNER, "/cancel 1001 salah input")
    phone.say(STAFF, "/packed 1002", chat=GROUP)

    said = phone.texts(phone.say(OWNER, "/paid 1001 1002")).splitlines()

    def refused(number: int, current: str, wanted: str) -> str:
        why = t("error.not_allowed", current=status(t, current, mid=True), wanted=status(t, wanted, mid=True))
        return str(t("done.failed", number=number, why=why))

    assert said == [refused(1001, "cancelled", "paid"), refused(1002, "packed", "settled")]
    with unit_of_work(engine) as s:
        assert [orders.get_order(s, shop, n).payment_status for n in (1001, 1002)] == [
            "unpaid", "cod_pending"]

    phone.say(STAFF, "/ship 1002 jnt JP1234567890", chat=GROUP)
    assert phone.texts(phone.say(OWNER, "/paid 1002")).endswith(
        "\n" + str(t("done.line", number=1002, status=t("payment_status.settled"))))


@pytest.mark.parametrize("locale", LOCALES)
def test_marking_an_order_paid_twice_says_it_already_is(engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    confirm(phone, locale, TRANSFER[locale])
    phone.say(OWNER, "/paid 1001")

    again = phone.texts(phone.say(OWNER, "/paid 1001"))

    assert again == str(t("done.already", number=1001, status=status(t, "paid", mid=True)))
    assert "paid" not in again or locale == "en"
    with unit_of_work(engine) as s:
        events = orders.get_order(s, shop, 1001).events
    assert [e.to_state for e in events if e.machine == "payment"] == ["unpaid", "paid"]
