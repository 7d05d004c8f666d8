"""What owners met in session 10: money is marked in only where the goods allow it (never for a
cancelled order, COD only once the courier has the parcel), and marking it twice says so."""

from __future__ import annotations

import pytest
from engine_harness import ADMIN, GROUP, OWNER, STAFF, Phone, available, clock, make_shop
from sqlalchemy.engine import Engine as Database
from test_engine_commands_session7 import ORDER

from bot.engine import Engine
from bot.engine.words import status
from bot.i18n import Translator
from core import orders, shops
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


# -- shipping again, stock in by name, the shop's own command words ----------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_shipping_again_with_another_waybill_says_it_was_corrected_and_the_same_one_changes_nothing(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    confirm(phone, locale, "COD")
    phone.say(STAFF, "/packed 1001", chat=GROUP)
    phone.say(STAFF, "/ship 1001 jnt JP111", chat=GROUP)

    same = phone.texts(phone.say(STAFF, "/ship 1001 jnt JP111", chat=GROUP))
    fixed = phone.texts(phone.say(STAFF, "/ship 1001 jnt JP222", chat=GROUP))

    assert same == str(t("done.already", number=1001, status=status(t, "shipped", mid=True)))
    assert fixed.endswith(str(t("done.waybill_changed", number=1001, waybill="JP222", old="JP111")))
    card = [m for m in phone.by_chat[GROUP] if m.buttons][-1]
    assert "JP222" in card.text and "JP111" not in card.text
    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
    assert (order.status, order.waybill) == ("shipped", "JP222")
    assert [e.to_state for e in order.events].count("shipped") == 1


def test_stock_is_counted_in_by_product_words_and_words_that_fit_several_list_their_skus(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = make_shop(engine, "id")
    before = available(engine, shop, "HPS-CRM")

    added = phone.texts(phone.say(OWNER, "/stock add pashmina cream 10"))
    several = phone.texts(phone.say(OWNER, "/stok tambah pashmina 5"))

    assert "HPS-CRM" in added and available(engine, shop, "HPS-CRM") == (before[0] + 10, before[1])
    assert several.splitlines()[0] == str(t("stock.which", text="pashmina", sku="HPS-CRM", amount="5"))
    assert {"HPS-CRM", "HPS-HTM", "HPS-DPK"} <= {line.split("<code>")[1].split("</code>")[0]
                                                  for line in several.splitlines()[1:]}
    assert available(engine, shop, "HPS-HTM")[0] == 70  # nothing counted in while it is unclear which


def test_vietnamese_shops_move_orders_with_their_own_command_words(engine: Database, phone: Phone) -> None:
    t = Translator("vi")
    shop = make_shop(engine, "vi")
    confirm(phone, "vi", "COD")
    confirm(phone, "vi", "COD")

    phone.say(STAFF, "/donggoi 1001 1002", chat=GROUP)
    phone.say(STAFF, "/guihang 1001 ghtk S123456789", chat=GROUP)
    phone.say(STAFF, "/dagiao 1001", chat=GROUP)
    phone.say(STAFF, "/hoan 1001 khách trả lại", chat=GROUP)
    shown = phone.texts(phone.say(STAFF, "/don 1002", chat=GROUP))
    helped = phone.texts(phone.say(STAFF, "/trogiup", chat=GROUP))

    with unit_of_work(engine) as s:
        assert [orders.get_order(s, shop, n).status for n in (1001, 1002)] == ["return_requested", "packed"]
    assert "#1002" in shown and str(t("status.packed")) in shown
    assert "/packed" in helped


def test_an_unknown_order_reads_the_same_alone_and_among_others(engine: Database, phone: Phone) -> None:
    t = Translator("id")
    make_shop(engine, "id")
    confirm(phone, "id", "COD")

    alone = phone.texts(phone.say(OWNER, "/ship 1009 jnt JP1"))
    among = phone.texts(phone.say(OWNER, "/packed 1001 1009")).splitlines()[-2:]

    assert alone == str(t("error.unknown_order", number=1009))
    assert among[1] == str(t("done.failed", number=1009, why=t("error.no_such_order")))
    assert all("tidak ditemukan" in said for said in (alone, among[1]))


@pytest.mark.parametrize("locale", LOCALES)
def test_today_says_how_much_of_the_day_s_sales_is_still_to_be_paid(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    confirm(phone, locale, TRANSFER[locale])
    confirm(phone, locale, TRANSFER[locale])
    phone.say(OWNER, "/paid 1001")
    with unit_of_work(engine) as s:
        each = orders.get_order(s, shop, 1002).total

    today = phone.texts(phone.say(OWNER, "/today")).splitlines()

    assert f"{t('today.takings')}: <b>{t.money(each + each)}</b>" in today
    assert f"{t('today.unpaid')}: {t.money(each)}" in today
    phone.say(OWNER, "/paid 1002")
    assert str(t("today.unpaid")) not in phone.texts(phone.say(OWNER, "/today"))


@pytest.mark.parametrize("locale", LOCALES)
def test_order_alone_shows_the_open_draft_again_and_without_one_says_how_to_use_it(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    assert phone.texts(phone.say(OWNER, "/order")) == str(t("error.usage", usage=t("usage.order")))
    phone.say(OWNER, ORDER[locale])
    first = phone.last(OWNER)

    phone.say(OWNER, "/order")
    again = phone.last(OWNER)
    assert again is not first and again.text == first.text
    phone.press(OWNER, again, str(t("button.confirm")))

    assert str(t("status.confirmed")) in again.text  # the card pressed became the order's card


# -- leaving a shop ---------------------------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_a_staff_member_leaves_the_shop_and_can_no_longer_move_its_orders(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    confirm(phone, locale, "COD")

    phone.say(STAFF, "/leave")
    asked = phone.last(STAFF)
    phone.press(STAFF, asked, str(t("team.leave_yes")))

    assert asked.text == str(t("team.left", shop="Toko Rina")) and asked.buttons == []
    refused = phone.texts(phone.say(STAFF, "/packed 1001", chat=GROUP))
    assert refused == str(t("error.not_member"))
    with unit_of_work(engine) as s:
        assert shops.role_of(s, shop, STAFF) is None
        assert orders.get_order(s, shop, 1001).status == "confirmed"


def test_the_only_owner_cannot_leave_and_staying_changes_nothing(engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = make_shop(engine, "id")

    alone = phone.texts(phone.say(OWNER, "/leave"))
    phone.say(ADMIN, "/keluar", chat=GROUP)
    asked = phone.last(GROUP)
    phone.press(STAFF, asked, str(t("team.leave_yes")))  # someone else's button: not theirs to press
    phone.press(ADMIN, asked, str(t("team.stay")))

    assert alone == str(t("team.last_owner", shop="Toko Rina"))
    assert asked.text == str(t("team.stayed"))
    with unit_of_work(engine) as s:
        assert [shops.role_of(s, shop, u) for u in (OWNER, ADMIN, STAFF)] == ["owner", "admin", "staff"]
