"""What owners met in session 11: small answers that pointed the wrong way."""

from __future__ import annotations

import pytest
from engine_harness import GROUP, OWNER, STAFF, Phone, clock, make_shop
from sqlalchemy.engine import Engine as Database
from test_engine_commands_session7 import ORDER, shop_with_orders

from bot.engine import Engine
from bot.engine.events import Button
from bot.engine.words import status
from bot.i18n import Translator
from core import orders, shops
from core.draft import OrderDraft
from core.errors import InvalidDraft
from storage.db import unit_of_work

LOCALES = ["id", "vi", "en"]


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


@pytest.mark.parametrize("locale", LOCALES)
def test_unbind_in_a_private_chat_says_to_send_unbind_in_the_group_and_unbinds_nothing(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)

    said = phone.texts(phone.say(OWNER, "/unbind"))

    assert said == str(t("bind.private_unbind")) and "/unbind" in said and "/bind " not in said
    with unit_of_work(engine) as s:
        assert shops.groups_of_shop(s, shop)


# -- `bergo hitam x0`: a quantity no order can have is asked, never taken for one ----------------------------

ZERO = {"id": ("bergo hitam x0, pashmina cream 2, Budi 0812-3456-7890, Jl Melati 5 Bandung, COD",
               "Bergo Instan Hitam", "BGI-HTM"),
        "vi": ("toner x0, Lan 0912 345 678, 25 Nguyễn Trãi Q.1 TP.HCM, ship cod", "Toner hoa hồng 200ml",
               "TNR-200"),
        "en": ("dodol x 999999, Wei Ling 016-228 7745, 23 Jalan Bukit Bintang Kuala Lumpur, cod",
               "Dodol Durian 500g", "DDR-500")}


@pytest.mark.parametrize("locale", LOCALES)
def test_an_impossible_quantity_is_asked_with_counts_to_press_and_confirm_waits_for_it(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    text, name, sku = ZERO[locale]

    phone.say(OWNER, text)
    card = phone.last(OWNER)
    question = str(t("ask.qty", name=name))
    assert question in card.text and f"❓ × {name}" in card.text
    assert [b.label for b in card.buttons[0]] == ["1", "2", "3", "4", "5"]
    assert str(t("button.confirm")) not in [b.label for row in card.buttons for b in row]

    phone.press(OWNER, phone.last(OWNER), "3")
    answered = phone.last(OWNER).text
    assert f"3 × {name}" in answered and question not in answered
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    with unit_of_work(engine) as s:
        assert [(i.sku, i.qty) for i in orders.get_order(s, shop, 1001).items if i.sku == sku] == [(sku, 3)]


@pytest.mark.parametrize(("locale", "reply", "qty"),
                         [("id", "4", 4), ("vi", "4 chai", 4), ("en", "qty 2", 2),
                          ("id", "qty 3", 3),  # the asked line, though the card has two
                          ("id", "bergo hitam 3", 3)])
def test_a_typed_count_or_a_quantity_correction_answers_how_many(
        engine: Database, phone: Phone, locale: str, reply: str, qty: int) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    text, name, _ = ZERO[locale]
    phone.say(OWNER, text)

    card = phone.texts(phone.say(OWNER, reply))

    assert f"{qty} × {name}" in card and str(t("ask.qty", name=name)) not in card


def test_pressing_confirm_while_the_quantity_is_unclear_says_the_question_and_records_nothing(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = make_shop(engine, "id")
    phone.say(OWNER, ZERO["id"][0])
    confirm = Button(str(t("button.confirm")), phone.last(OWNER).buttons[0][0].data.rsplit(":", 2)[0] + ":c")

    said = phone.texts(phone.press(OWNER, phone.last(OWNER), confirm))

    assert said == str(t("ask.qty", name="Bergo Instan Hitam"))
    with unit_of_work(engine) as s:
        assert orders.list_orders(s, shop) == []


def test_the_core_refuses_to_confirm_a_line_whose_quantity_is_unclear(engine: Database) -> None:
    shop = make_shop(engine, "id")
    draft = OrderDraft.from_json({"customer": {"name": "Budi", "phone": "+6281234567890", "address": "Jl A"},
                                  "items": [{"sku": "BGI-HTM", "qty": 1, "qty_unclear": True}],
                                  "currency": "IDR"})
    with unit_of_work(engine) as s, pytest.raises(InvalidDraft, match="no quantity an order can have"):
        orders.create_order(s, shop, draft, by_user=OWNER)


# -- money that goes back: a paid order cancelled or returned owes a refund, and /refund records it -------

TRANSFER = {"id": "transfer", "vi": "chuyển khoản", "en": "bank transfer"}


def paid_order(engine: Database, phone: Phone, locale: str) -> int:
    """A shop whose order #1001, paid by transfer, is confirmed and marked paid."""
    t = Translator(locale)
    shop = make_shop(engine, locale)
    phone.say(OWNER, f"{ORDER[locale]}\n{TRANSFER[locale]}")
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    phone.say(OWNER, "/paid 1001")
    return shop


@pytest.mark.parametrize("locale", LOCALES)
def test_a_paid_order_that_is_cancelled_shows_a_refund_due_until_refund_records_it(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = paid_order(engine, phone, locale)

    phone.say(OWNER, "/cancel 1001 stok habis")
    assert f"· {t('payment_status.refund_due')}" in phone.last(GROUP).text

    said = phone.texts(phone.say(OWNER, "/refund 1001"))
    assert str(t("done.line", number=1001, status=t("payment_status.refunded"))) in said.splitlines()
    assert f"· {t('payment_status.refunded')}" in phone.last(GROUP).text
    again = phone.texts(phone.say(OWNER, "/refund 1001"))
    assert again == str(t("done.already", number=1001, status=status(t, "refunded", mid=True)))
    with unit_of_work(engine) as s:
        events = orders.get_order(s, shop, 1001).events
    assert [e.to_state for e in events if e.machine == "payment"] == ["unpaid", "paid", "refunded"]


@pytest.mark.parametrize("locale", LOCALES)
def test_an_order_whose_goods_stayed_sold_cannot_be_refunded(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = paid_order(engine, phone, locale)

    said = phone.texts(phone.say(OWNER, "/refund 1001"))

    why = t("error.not_allowed", current=status(t, "confirmed", mid=True),
            wanted=status(t, "refunded", mid=True))
    assert said == str(t("done.failed", number=1001, why=why))
    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).payment_status == "paid"


# -- `ganti jadi pashmina cream`, `kurangi 1 kaos` to a card where more than one line fits: asked, not guessed

THREE = {"id": ("2 kaos hitam L, 1 kaos putih M, 1 bergo navy, Lina 0812 5555 6666, Jl Kenari 2 Malang",
                "ganti jadi pashmina cream", "kurangi 1 kaos", "Kaos Polos Putih M",
                ("Hijab Pashmina Cream", "Kaos Polos Hitam L")),
         "vi": ("2 son đỏ, 1 son cam đất, 1 toner, chị Mai 0912 345 678, 12 Nguyễn Trãi, Q.1, TP.HCM",
                "đổi thành kem chống nắng", "bớt 1 son", "Son kem lì Cam đất",
                ("Kem chống nắng SPF50 50ml", "Son kem lì Đỏ")),
         "en": ("2 kerepek pisang pedas, 1 kerepek pisang manis, 1 dodol, Ahmad 012-345 6789, "
                "12 Jalan Ampang, Kuala Lumpur", "change to teh tarik", "minus 1 kerepek pisang",
                "Kerepek Pisang Manis, 200g", ("Teh Tarik 3in1 12 sachets", "Kerepek Pisang Pedas, 200g"))}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_swap_or_a_lowering_that_fits_several_lines_asks_which_and_changes_nothing(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    order, swap, lower, last, (new, old) = THREE[locale]
    phone.say(OWNER, order)
    card = phone.last(OWNER).text

    swapped = phone.texts(phone.say(OWNER, swap))
    lowered = phone.texts(phone.say(OWNER, lower))

    assert swapped == str(t("draft.which_swap", count=3, new=new, old=old))
    assert "🧾" not in swapped and "🧾" not in lowered
    assert lowered == str(t("draft.which_lower", count=2, example=last))
    phone.say(OWNER, "/order")  # the card again, as it was
    assert phone.last(OWNER).text == card


@pytest.mark.parametrize("locale", LOCALES)
def test_an_order_typed_as_the_new_shop_s_name_is_not_taken_for_one(engine: Database, phone: Phone,
                                                                     locale: str) -> None:
    t = Translator(locale)
    stranger = 4242
    phone.say(stranger, "/start", language=locale)

    said = phone.texts(phone.say(stranger, "kaos hitam L 1, Budi 081234567890, Jl Melati 5", language=locale))

    assert said == str(t("onboard.not_a_name"))
    with unit_of_work(engine) as s:
        assert shops.list_shops(s) == []
    assert "Toko Baru" in phone.texts(phone.say(stranger, "Toko Baru", language=locale))


# -- refusals that name the step to take first, and a waybill sent in reply to a card -----------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_a_refused_move_names_the_step_to_take_first(engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop_with_orders(engine, phone, locale, 1, packed=False)

    said = phone.texts(phone.say(STAFF, "/ship 1001 jnt JP1234567890", chat=GROUP))

    assert said.endswith(" " + str(t("error.first", status=status(t, "packed", mid=True),
                                      command="/packed 1001")))
    far = phone.texts(phone.say(STAFF, "/delivered 1001", chat=GROUP))  # two steps away: no single one
    assert "/packed" not in far and "/ship" not in far


@pytest.mark.parametrize("locale", LOCALES)
def test_a_waybill_sent_in_reply_to_a_packed_order_s_card_ships_it(engine: Database, phone: Phone,
                                                                  locale: str) -> None:
    shop = shop_with_orders(engine, phone, locale, 1, packed=True)
    card = next(m for m in reversed(phone.by_chat[GROUP]) if m.buttons)  # the order's card

    phone.say(STAFF, "jnt JP1234567890", chat=GROUP, reply_to=card)

    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
    courier = "jtvn" if locale == "vi" else "jnt"  # J&T as the shop's country knows it
    assert (order.status, order.courier, order.waybill) == ("shipped", courier, "JP1234567890")
