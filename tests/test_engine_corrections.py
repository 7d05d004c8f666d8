"""Replies that correct an open draft card, as sellers type them: adding, removing and swapping one line
while the others stay, corrections typed while the bot waits for an answer, a variant named in words,
a discount bigger than the order, and replies that change nothing."""

from __future__ import annotations

import re

import pytest
from engine_harness import OWNER, Phone, clock, make_shop
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine
from bot.engine.events import Send
from bot.i18n import Translator
from core import orders
from storage.db import unit_of_work

LOCALES = ["id", "vi", "en"]
# Two lines, then: add a third, take one off, swap the remaining second line for its other variant.
TWO_LINES = {
    "id": "2 kaos hitam L + 1 pashmina cream, Budi 081234567890, Jl Melati 5 Bandung",
    "vi": "chị Mai lấy 2 son đỏ + 1 kem chống nắng, 0912 345 678, 12 Nguyễn Trãi, Q.1, TP.HCM",
    "en": "2 white coffee + 1 hamper, Ahmad 012-345 6789, 12 Jalan Ampang, Kuala Lumpur",
}
STEPS = {  # (reply, the lines the card then shows)
    "id": [("tambah 1 bergo hitam", ["2 × Kaos Polos Hitam L", "1 × Hijab Pashmina Cream",
                                     "1 × Bergo Instan Hitam"]),
           ("hapus bergo", ["2 × Kaos Polos Hitam L", "1 × Hijab Pashmina Cream"]),
           ("ganti jadi pashmina hitam", ["2 × Kaos Polos Hitam L", "1 × Hijab Pashmina Hitam"]),
           ("tambah 1 kaos hitam L", ["3 × Kaos Polos Hitam L", "1 × Hijab Pashmina Hitam"]),
           ("pashminanya gak jadi", ["3 × Kaos Polos Hitam L"])],
    "vi": [("thêm 1 son cam", ["2 × Son kem lì Đỏ", "1 × Kem chống nắng SPF50 50ml",
                               "1 × Son kem lì Cam đất"]),
           ("bỏ son đỏ", ["1 × Kem chống nắng SPF50 50ml", "1 × Son kem lì Cam đất"]),
           ("đổi thành son hồng đất", ["1 × Kem chống nắng SPF50 50ml", "1 × Son kem lì Hồng đất"]),
           ("kem chống nắng không lấy nữa", ["1 × Son kem lì Hồng đất"])],
    "en": [("add 2 teh tarik", ["2 × White Coffee 3in1 15 sachets", "1 × Raya Hamper Box",
                                "2 × Teh Tarik 3in1 12 sachets"]),
           ("remove hamper", ["2 × White Coffee 3in1 15 sachets", "2 × Teh Tarik 3in1 12 sachets"]),
           # naming the line: `change to kopi o` alone fits neither line, so the bot asks which (session 11)
           ("change teh tarik to kopi o",
            ["2 × White Coffee 3in1 15 sachets", "2 × Kopi O Kosong Powder 250g"])],
}


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


def card_after(phone: Phone, text: str) -> Send:
    sends = [a for a in phone.say(OWNER, text) if isinstance(a, Send)]
    assert sends, text
    return sends[-1]


def lines(card: Send) -> list[str]:
    """The card's item lines without their prices: `2 × Kaos Polos Hitam L`."""
    return [re.sub(r"\s*(❓)?\s*@.*$", "", line[2:]) for line in card.text.splitlines()
            if line.startswith("• ")]


@pytest.mark.parametrize("locale", LOCALES)
def test_adding_removing_and_swapping_a_line_keeps_the_other_lines(engine: Database, phone: Phone,
                                                                     locale: str) -> None:
    make_shop(engine, locale)
    card_after(phone, TWO_LINES[locale])

    for reply, shown in STEPS[locale]:
        assert lines(card_after(phone, reply)) == shown, reply


@pytest.mark.parametrize("locale", LOCALES)
def test_a_confirmed_order_holds_the_lines_the_corrections_left(engine: Database, phone: Phone,
                                                                 locale: str) -> None:
    shop = make_shop(engine, locale)
    card_after(phone, TWO_LINES[locale])
    for reply, _ in STEPS[locale]:
        card_after(phone, reply)

    phone.press(OWNER, phone.last(OWNER), str(Translator(locale)("button.confirm")))

    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
        assert [f"{i.qty} × {i.name}" for i in order.items] == STEPS[locale][-1][1]


def test_a_product_named_alone_changes_its_own_line_or_its_variant_and_is_added_otherwise(
        engine: Database, phone: Phone) -> None:
    make_shop(engine, "id")
    card_after(phone, TWO_LINES["id"])

    assert lines(card_after(phone, "kaos hitam L nya 3 aja")) == ["3 × Kaos Polos Hitam L",
                                                                   "1 × Hijab Pashmina Cream"]
    assert lines(card_after(phone, "pashmina dusty pink")) == ["3 × Kaos Polos Hitam L",
                                                               "1 × Hijab Pashmina Dusty Pink"]
    assert lines(card_after(phone, "1 ciput rajut")) == ["3 × Kaos Polos Hitam L",
                                                         "1 × Hijab Pashmina Dusty Pink",
                                                         "1 × Inner Ciput Rajut"]


def test_a_price_written_for_a_line_stays_when_only_its_quantity_changes(engine: Database,
                                                                        phone: Phone) -> None:
    make_shop(engine, "id")
    card_after(phone, "1 kaos hitam L 80rb, Budi 081234567890, Jl Melati 5 Bandung")

    card = card_after(phone, "kaos hitam L 2")

    assert "2 × Kaos Polos Hitam L @ Rp80.000" in card.text


QUESTION_FIXES = {  # an order with only a product, then corrections typed while the bot asks who the buyer is
    "id": ("2 kaos hitam L", [("ongkir 10rb", "Rp10.000"), ("qty 3", "3 × Kaos Polos Hitam L")],
           "Budi Santoso"),
    "vi": ("2 son đỏ", [("ship 30k", "30.000\xa0₫"), ("sl 3", "3 × Son kem lì Đỏ")], "Nguyễn Thị Lan"),
    "en": ("2 white coffee", [("shipping RM8", "RM8.00"), ("qty 3", "3 × White Coffee 3in1 15 sachets")],
           "Tan Wei Ling"),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_correction_typed_while_the_bot_asks_who_is_a_correction_not_the_buyers_name(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    order, fixes, name = QUESTION_FIXES[locale]
    assert str(t("ask.name")) in card_after(phone, order).text

    for reply, shown in fixes:
        card = card_after(phone, reply)
        assert shown in card.text and f"👤 {reply}" not in card.text, reply
        assert str(t("ask.name")) in card.text  # the question still stands

    card = card_after(phone, name)
    assert f"👤 {name}" in card.text and str(t("ask.phone")) in card.text


ADDRESS_WHILE_PHONE = {"id": ("alamat: Jl Baru 1, Depok", "nama: Sari"),
                       "vi": ("địa chỉ: 3 Lê Lợi, Huế", "tên: Hoa"),
                       "en": ("address: 3 Jalan Ampang, KL", "name: Aisyah")}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_labelled_address_or_name_typed_while_the_bot_asks_the_phone_is_taken(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    order, _, name = QUESTION_FIXES[locale]
    card_after(phone, order)
    card_after(phone, name)
    address, new_name = ADDRESS_WHILE_PHONE[locale]

    card = card_after(phone, address)
    assert address.split(":", 1)[1].strip() in card.text and str(t("ask.phone")) in card.text
    card = card_after(phone, new_name)
    assert f"👤 {new_name.split(':', 1)[1].strip()}" in card.text
    assert str(t("ask.phone_again")) not in card.text


VARIANT_WORDS = {  # an order naming a product with several variants, and a reply naming one of them in words
    "id": ("2 kaos hitam, Rina 081298765432, Jl Kenanga 3 Depok", "size XL", "2 × Kaos Polos Hitam XL",
           "Rina"),
    "vi": ("1 son kem lì, Lan 0912345678, 25 Nguyễn Trãi, Q.1", "màu cam đất nha", "1 × Son kem lì Cam đất",
           "Lan"),
    "en": ("1 arabica coffee beans, Wei Ling 0162287745, 23 Jalan Bukit Bintang, KL", "ground",
           "1 × Arabica Coffee Beans Ground, 250g", "Wei Ling"),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_variant_named_in_words_answers_which_one_and_leaves_the_buyer_as_they_were(
        engine: Database, phone: Phone, locale: str) -> None:
    make_shop(engine, locale)
    order, reply, shown, name = VARIANT_WORDS[locale]
    card_after(phone, order)

    card = card_after(phone, reply)

    assert lines(card) == [shown] and f"👤 {name}" in card.text


DISCOUNTS = {  # (order of one cheap line, a discount bigger than it, the right one, the total it gives)
    "id": ("1 ciput rajut, Budi 081234567890, Jl Melati 5 Bandung", "diskon 50rb", "5rb", "Rp10.000"),
    "vi": ("1 son đỏ, Lan 0912345678, 25 Nguyễn Trãi, Q.1", "giảm 500k", "20k", "169.000\xa0₫"),
    "en": ("1 white coffee, Ahmad 012-345 6789, 12 Jalan Ampang, KL", "less RM20", "RM1.90", "RM11.00"),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_discount_bigger_than_the_order_is_asked_about_and_never_shows_a_negative_total(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    order, too_much, right, total = DISCOUNTS[locale]
    card_after(phone, order)

    card = card_after(phone, too_much)
    assert "-" not in card.text.split(str(t("draft.total")))[1].splitlines()[0]
    question = str(t("ask.discount", discount="X")).split("X")[-1][:20]
    assert question in card.text
    actions = phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    assert question in phone.texts(actions) and "{" not in phone.texts(actions)  # the question, not an error
    with unit_of_work(engine) as s:
        assert orders.list_orders(s, shop) == []

    card = card_after(phone, right)
    assert f"{t('draft.total')}: {total}" in card.text and question not in card.text


@pytest.mark.parametrize(("locale", "reply"), [("id", "diskon 10%"), ("vi", "giảm 10%"), ("en", "10% off")])
def test_a_percentage_discount_is_that_share_of_the_goods(engine: Database, phone: Phone, locale: str,
                                                          reply: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    card_after(phone, TWO_LINES[locale])
    goods = {"id": "Rp215.000", "vi": "", "en": "RM114.80"}[locale]
    discount = {"id": "−Rp21.500", "vi": "−", "en": "−RM11.48"}[locale]

    card = card_after(phone, reply)

    assert f"{t('draft.discount')}: {discount}" in card.text and goods in card.text


@pytest.mark.parametrize(("locale", "reply"), [("id", "qty 0"), ("id", "qty 100000000000"), ("vi", "sl 0"),
                                               ("en", "qty 0"), ("en", "hmm")])
def test_a_reply_that_changes_nothing_says_so_and_how_to_change_the_card(engine: Database, phone: Phone,
                                                                        locale: str, reply: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    before = lines(card_after(phone, TWO_LINES[locale]))

    actions = phone.say(OWNER, reply)

    text = phone.texts(actions)
    assert str(t("draft.unchanged")) in text
    assert not any("• " in a.text for a in actions if isinstance(a, Send))  # no card sent again
    asked = phone.texts(phone.say(OWNER, "qty 2" if locale != "vi" else "sl 2"))  # the draft is still open
    assert asked == str(t("draft.which_line", count=2, qty=2, example=before[-1].split(" × ", 1)[1]))


NO_PHONE_ORDER = {"id": "2 kaos hitam L, Budi, Jl Melati 5 Bandung, via shopee",
                  "vi": "2 son đỏ, chị Lan, 25 Nguyễn Trãi, Q.1, TP.HCM, đơn shopee",
                  "en": "2 white coffee, Ahmad, 12 Jalan Ampang, Kuala Lumpur, shopee order"}


@pytest.mark.parametrize("locale", LOCALES)
def test_an_order_whose_buyer_phone_the_marketplace_hides_can_be_confirmed_without_one(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    card = card_after(phone, NO_PHONE_ORDER[locale])
    assert str(t("ask.phone")) in card.text

    phone.press(OWNER, phone.last(OWNER), str(t("button.no_phone")))
    card_now = phone.last(OWNER)
    assert str(t("ask.phone")) not in card_now.text
    phone.press(OWNER, card_now, str(t("button.confirm")))

    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
        assert order.phone is None and order.customer_name


@pytest.mark.parametrize("locale", LOCALES)
def test_a_new_order_pasted_over_an_unconfirmed_draft_says_that_draft_is_gone(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    card_after(phone, TWO_LINES[locale])
    second = {"id": "1 gamis navy M, Rina 081298765432, Jl Kenanga 3 Depok",
              "vi": "1 kem chống nắng, Hoa 0987654321, 45 Lê Lợi, Hà Nội",
              "en": "1 hamper, Siti 019-402 7716, 8 Jalan Tun Razak, KL"}[locale]
    first_buyer = {"id": "Budi", "vi": "Mai", "en": "Ahmad"}[locale]

    text = phone.texts(phone.say(OWNER, second))

    assert str(t("draft.replaced", who=f" ({first_buyer})")) in text
    assert text.index(first_buyer) < text.index(str(t("draft.title")))  # said before the new card


def test_the_variants_offered_come_in_the_order_of_the_sellers_catalog(engine: Database,
                                                                       phone: Phone) -> None:
    make_shop(engine, "id")  # catalog-id.csv lists Kaos Polos Hitam M, L, XL in that order

    card = card_after(phone, "2 kaos hitam, Rina 081298765432, Jl Kenanga 3 Depok")

    offered = [b.label.split(" · ")[0] for row in card.buttons for b in row if ":i" in b.data]
    assert offered == ["Kaos Polos Hitam M", "Kaos Polos Hitam L", "Kaos Polos Hitam XL"]


@pytest.mark.parametrize("reply", ["them 1 son do", "thêm 1 son đỏ nha"])
def test_an_added_product_whose_last_word_is_also_a_filler_keeps_it(engine: Database, phone: Phone,
                                                                   reply: str) -> None:
    make_shop(engine, "vi")
    card_after(phone, "2 srm 150ml, chi Lan 0912345678, 12 Nguyen Trai Q1 HCM, cod ghtk")

    assert "1 × Son kem lì Đỏ" in lines(card_after(phone, reply))


SWAPS = {  # (two lines, a reply swapping the FIRST line for another product or variant, the lines after)
    "id": [("1 bergo hitam + 2 kaos hitam L, Budi 081234567890, Jl Melati 5 Bandung",
            "ganti bergo jadi pashmina cream", ["1 × Hijab Pashmina Cream", "2 × Kaos Polos Hitam L"]),
           ("2 kaos hitam L + 1 bergo hitam, Budi 081234567890, Jl Melati 5 Bandung", "kaos hitam L jadi XL",
            ["2 × Kaos Polos Hitam XL", "1 × Bergo Instan Hitam"]),
           ("2 kaos hitam L + 1 bergo hitam, Budi 081234567890, Jl Melati 5 Bandung", "kaos hitam L jadi 3",
            ["3 × Kaos Polos Hitam L", "1 × Bergo Instan Hitam"]),
           ("2 kaos hitam L + 1 bergo hitam, Budi 081234567890, Jl Melati 5 Bandung",
            "ganti kaos hitam L jadi kaos putih L", ["2 × Kaos Polos Putih L", "1 × Bergo Instan Hitam"])],
    "vi": [("2 son đỏ + 1 kem chống nắng, chị Mai 0912 345 678, 12 Nguyễn Trãi, Q.1",
            "đổi son đỏ thành son cam", ["2 × Son kem lì Cam đất", "1 × Kem chống nắng SPF50 50ml"])],
    "en": [("2 white coffee + 1 teh tarik, Ahmad 012-345 6789, 12 Jalan Ampang, KL",
            "replace white coffee with dodol", ["2 × Dodol Durian 500g", "1 × Teh Tarik 3in1 12 sachets"]),
           ("2 white coffee + 1 teh tarik, Ahmad 012-345 6789, 12 Jalan Ampang, KL",
            "change white coffee to kopi o",
            ["2 × Kopi O Kosong Powder 250g", "1 × Teh Tarik 3in1 12 sachets"])],
}


@pytest.mark.parametrize(("locale", "order", "reply", "shown"),
                         [(loc, *case) for loc, cases in SWAPS.items() for case in cases])
def test_swapping_a_named_line_changes_that_line_and_keeps_the_other(
        engine: Database, phone: Phone, locale: str, order: str, reply: str, shown: list[str]) -> None:
    make_shop(engine, locale)
    card_after(phone, order)

    assert lines(card_after(phone, reply)) == shown


SHARES = {  # (order with a share off, a quantity change, the discount shown after it)
    "id": ("2 kaos hitam L, Budi 081234567890, Jl Melati 5 Bandung, diskon 10%", "qty 1", "−Rp8.500"),
    "vi": ("2 son đỏ, chị Mai 0912 345 678, 12 Nguyễn Trãi, Q.1, giảm 10%", "sl 1", "−18.900\xa0₫"),
    "en": ("2 white coffee, Ahmad 012-345 6789, 12 Jalan Ampang, KL, discount 10%", "qty 1", "−RM1.29"),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_share_off_follows_the_goods_when_the_quantity_changes(engine: Database, phone: Phone,
                                                                 locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    order, change, shown = SHARES[locale]
    card_after(phone, order)

    card = card_after(phone, change)
    assert f"{t('draft.discount')}: {shown}" in card.text
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    with unit_of_work(engine) as s:
        assert t.money(orders.get_order(s, shop, 1001).discount) == shown[1:]


@pytest.mark.parametrize(("reply", "shown"), [("diskon 12,5%", "−Rp21.250"), ("diskon 10%", "−Rp17.000"),
                                              ("diskon 7,5 persen", "−Rp12.750")])
def test_a_share_off_with_a_decimal_comma_or_typed_while_asked_who_is_a_discount(
        engine: Database, phone: Phone, reply: str, shown: str) -> None:
    t = Translator("id")
    make_shop(engine, "id")
    card_after(phone, "2 kaos hitam L, Jl Melati 5 Bandung, 081234567890, cod")  # asks who

    card = card_after(phone, reply)

    assert f"{t('draft.discount')}: {shown}" in card.text and "👤 –" in card.text
