"""Replies that correct an open draft card (session 11): a price alone keeps the line's quantity, a product
named vaguely keeps the variant on the card, `ganti X jadi 2` is a quantity, a labelled field answers
whatever was asked, lines are added and removed while an unknown product is asked about, `kurangi 1 X`
lowers a line, and another buyer's order typed in reply starts a draft of its own."""

from __future__ import annotations

import re

import pytest
from engine_harness import OWNER, Phone, clock, make_shop
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine
from bot.engine.events import Send
from bot.i18n import Translator


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


def card_after(phone: Phone, text: str, *, reply: bool = False) -> Send:
    """The last message the bot sends after `text` (typed, or in reply to the bot's last message)."""
    sends = [a for a in phone.say(OWNER, text, reply_to=phone.last(OWNER) if reply else None)
             if isinstance(a, Send)]
    assert sends, text
    return sends[-1]


def lines(card: Send) -> list[str]:
    """The card's item lines without their prices: `2 × Kaos Polos Hitam L`."""
    return [re.sub(r"\s*(❓)?\s*@.*$", "", line[2:]) for line in card.text.splitlines()
            if line.startswith("• ")]


def priced(card: Send) -> list[str]:
    """The card's item lines with their unit prices: `2 × Kaos Polos Hitam L @ Rp90.000`."""
    return [re.sub(r"\s*=.*$", "", line[2:]) for line in card.text.splitlines() if line.startswith("• ")]


ONE_LINE = {
    "id": "2 kaos hitam L, Budi 081234567890, Jl Melati 5 Bandung",
    "vi": "chị Mai lấy 2 son đỏ, 0912 345 678, 12 Nguyễn Trãi, Q.1, TP.HCM",
    "en": "2 white coffee, Ahmad 012-345 6789, 12 Jalan Ampang, Kuala Lumpur",
}
TWO_LINES = {
    "id": "2 kaos hitam L + 1 pashmina cream, Budi 081234567890, Jl Melati 5 Bandung",
    "vi": "chị Mai lấy 2 son đỏ + 1 kem chống nắng, 0912 345 678, 12 Nguyễn Trãi, Q.1, TP.HCM",
    "en": "2 white coffee + 1 hamper, Ahmad 012-345 6789, 12 Jalan Ampang, Kuala Lumpur",
}


# -- 1. a price alone keeps the line's quantity -------------------------------------------------------------

@pytest.mark.parametrize(("locale", "reply", "shown"), [
    ("id", "harga 90rb", "2 × Kaos Polos Hitam L @ Rp90.000"),
    ("id", "harga: 90.000", "2 × Kaos Polos Hitam L @ Rp90.000"),
    ("vi", "giá 150k", "2 × Son kem lì Đỏ @ 150.000\xa0₫"),
    ("en", "price 25.80", "2 × White Coffee 3in1 15 sachets @ RM25.80"),
    ("en", "price RM11.50", "2 × White Coffee 3in1 15 sachets @ RM11.50"),
])
def test_a_price_alone_changes_the_lines_price_and_keeps_its_quantity(
        engine: Database, phone: Phone, locale: str, reply: str, shown: str) -> None:
    make_shop(engine, locale)
    card_after(phone, ONE_LINE[locale])

    assert priced(card_after(phone, reply)) == [shown]


@pytest.mark.parametrize(("locale", "reply", "shown"), [
    ("id", "kaos hitam L harga 90rb",
     ["2 × Kaos Polos Hitam L @ Rp90.000", "1 × Hijab Pashmina Cream @ Rp45.000"]),
    ("vi", "son đỏ giá 150k",
     ["2 × Son kem lì Đỏ @ 150.000\xa0₫", "1 × Kem chống nắng SPF50 50ml @ 289.000\xa0₫"]),
    ("en", "hamper price RM80",
     ["2 × White Coffee 3in1 15 sachets @ RM12.90", "1 × Raya Hamper Box @ RM80.00"]),
])
def test_a_price_for_a_named_line_keeps_that_lines_quantity(engine: Database, phone: Phone, locale: str,
                                                             reply: str, shown: list[str]) -> None:
    make_shop(engine, locale)
    card_after(phone, TWO_LINES[locale])

    assert priced(card_after(phone, reply)) == shown


@pytest.mark.parametrize(("locale", "reply"), [("id", "harga 90rb"), ("vi", "giá 150k"),
                                               ("en", "price RM11")])
def test_a_price_alone_to_a_card_of_several_lines_asks_which_line(engine: Database, phone: Phone,
                                                                  locale: str, reply: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    before = priced(card_after(phone, TWO_LINES[locale]))

    text = phone.texts(phone.say(OWNER, reply))

    example = f"{before[-1].split(' × ', 1)[1].split(' @ ')[0]} {reply}"
    assert text == str(t("draft.which_price", count=2, example=example))
    assert priced(card_after(phone, "ongkir 10rb" if locale == "id" else "ship 10k" if locale == "vi"
                             else "shipping RM8")) == before


@pytest.mark.parametrize(("locale", "order", "reply", "shown"), [
    ("id", "2 kaos hitam L, Budi 081234567890", "harga 90rb", "2 × Kaos Polos Hitam L @ Rp90.000"),
    ("vi", "2 son đỏ, chị Mai 0912 345 678", "giá 150k", "2 × Son kem lì Đỏ @ 150.000\xa0₫"),
    ("en", "2 white coffee, Ahmad 012-345 6789", "price 11.50", "2 × White Coffee 3in1 15 sachets @ RM11.50"),
])
def test_a_price_alone_typed_while_asked_the_address_is_the_lines_price(
        engine: Database, phone: Phone, locale: str, order: str, reply: str, shown: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    card_after(phone, order)

    card = card_after(phone, reply)

    assert priced(card) == [shown] and "🏠 –" in card.text and str(t("ask.address")) in card.text


# -- 2. a product named vaguely keeps the variant on its line ---------------------------------------------

@pytest.mark.parametrize(("locale", "reply", "shown"), [
    ("id", "yg kaos 3", ["3 × Kaos Polos Hitam L", "1 × Hijab Pashmina Cream"]),
    ("id", "kaosnya 3 aja", ["3 × Kaos Polos Hitam L", "1 × Hijab Pashmina Cream"]),
    ("vi", "cái son 3", ["3 × Son kem lì Đỏ", "1 × Kem chống nắng SPF50 50ml"]),
    ("en", "the coffee 3", ["3 × White Coffee 3in1 15 sachets", "1 × Raya Hamper Box"]),
])
def test_a_product_named_vaguely_keeps_the_variant_on_its_line_and_takes_the_quantity(
        engine: Database, phone: Phone, locale: str, reply: str, shown: list[str]) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    card_after(phone, TWO_LINES[locale])

    card = card_after(phone, reply)

    assert lines(card) == shown and "❓" not in card.text
    assert str(t("button.confirm")) in [b.label for row in card.buttons for b in row]


# -- 3. `ganti X jadi 2` is a quantity, whatever was asked --------------------------------------------------

NO_ADDRESS = {  # (an order with no address, so the bot asks where; a reply changing the quantity; the line)
    "id": ("3 kaos hitam L, Budi 081234567890", "ganti kaos jadi 2", "2 × Kaos Polos Hitam L"),
    "vi": ("3 son đỏ, chị Mai 0912 345 678", "đổi son thành 2", "2 × Son kem lì Đỏ"),
    "en": ("3 white coffee, Ahmad 012-345 6789", "change white coffee to 2",
           "2 × White Coffee 3in1 15 sachets"),
}


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_change_a_line_to_a_number_while_asked_the_address_is_its_quantity(engine: Database, phone: Phone,
                                                                           locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    order, reply, shown = NO_ADDRESS[locale]
    assert str(t("ask.address")) in card_after(phone, order).text

    card = card_after(phone, reply)

    assert lines(card) == [shown] and "🏠 –" in card.text and str(t("ask.address")) in card.text


@pytest.mark.parametrize(("locale", "order", "reply", "shown"), [
    ("id", "3 kaos hitam L, 081234567890, Jl Melati 5 Bandung", "ganti kaos jadi 2",
     "2 × Kaos Polos Hitam L"),
    ("vi", "3 son đỏ, 0912 345 678, 12 Nguyễn Trãi, Q.1", "đổi son đỏ thành 2", "2 × Son kem lì Đỏ"),
    ("en", "3 white coffee, 012-345 6789, 12 Jalan Ampang, KL", "change white coffee to 2",
     "2 × White Coffee 3in1 15 sachets"),
])
def test_change_a_line_to_a_number_while_asked_who_is_no_name(
        engine: Database, phone: Phone, locale: str, order: str, reply: str, shown: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    assert str(t("ask.name")) in card_after(phone, order).text

    card = card_after(phone, reply)

    assert lines(card) == [shown] and "👤 –" in card.text and str(t("ask.name")) in card.text


@pytest.mark.parametrize(("locale", "reply", "shown"), [
    ("id", "ganti kaos jadi 1", ["1 × Kaos Polos Hitam L", "1 × Hijab Pashmina Cream"]),
    ("vi", "đổi kem chống nắng thành 2", ["2 × Son kem lì Đỏ", "2 × Kem chống nắng SPF50 50ml"]),
    ("en", "change hamper to 2", ["2 × White Coffee 3in1 15 sachets", "2 × Raya Hamper Box"]),
])
def test_change_a_line_to_a_number_changes_that_lines_quantity(engine: Database, phone: Phone, locale: str,
                                                               reply: str, shown: list[str]) -> None:
    make_shop(engine, locale)
    card_after(phone, TWO_LINES[locale])

    card = card_after(phone, reply)

    assert lines(card) == shown and card_after(phone, "/order").text == card.text  # nothing else moved


# -- 4. a labelled field answers whatever was asked ---------------------------------------------------------

LABELLED = [  # (locale, an order missing a field, a labelled reply about another field, shown, still asked)
    ("id", "2 kaos hitam L, 081234567890, Jl Melati 5 Bandung", "alamat: Jl Mawar 3, Bogor",
     ["🏠 Jl Mawar 3, Bogor", "👤 –"], "ask.name"),
    ("id", "2 kaos hitam L, 081234567890, Jl Melati 5 Bandung", "hp: 081298765432",
     ["📞 +6281298765432", "👤 –"], "ask.name"),
    ("id", "2 kaos hitam L, Budi 081234567890", "nama: Sari", ["👤 Sari", "🏠 –"], "ask.address"),
    ("vi", "2 son đỏ, 0912 345 678, 12 Nguyễn Trãi, Q.1", "địa chỉ: 3 Lê Lợi, Huế",
     ["🏠 3 Lê Lợi, Huế", "👤 –"], "ask.name"),
    ("vi", "2 son đỏ, chị Mai 0912 345 678", "tên: Hoa", ["👤 Hoa", "🏠 –"], "ask.address"),
    ("en", "2 white coffee, 012-345 6789, 12 Jalan Ampang, KL", "address: 3 Jalan Tun Razak, KL",
     ["🏠 3 Jalan Tun Razak, KL", "👤 –"], "ask.name"),
    ("en", "2 white coffee, Ahmad 012-345 6789", "name: Siti", ["👤 Siti", "🏠 –"], "ask.address"),
]


@pytest.mark.parametrize(("locale", "order", "reply", "shown", "asked"), LABELLED)
def test_a_labelled_field_fills_that_field_whatever_the_bot_asked(
        engine: Database, phone: Phone, locale: str, order: str, reply: str, shown: list[str],
        asked: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    assert str(t(asked)) in card_after(phone, order).text

    card = card_after(phone, reply)

    assert all(s in card.text for s in shown), card.text
    assert str(t(asked)) in card.text


@pytest.mark.parametrize(("locale", "order", "too_much", "reply", "shown"), [
    ("id", "1 ciput rajut, Budi 081234567890, Jl Melati 5 Bandung", "diskon 50rb",
     "alamat: Jl Mawar 3, Bogor", "🏠 Jl Mawar 3, Bogor"),
    ("vi", "1 son đỏ, Lan 0912345678, 25 Nguyễn Trãi, Q.1", "giảm 500k", "sđt: 0987654321",
     "📞 +84987654321"),
    ("en", "1 white coffee, Ahmad 012-345 6789, 12 Jalan Ampang, KL", "less RM20", "name: Siti", "👤 Siti"),
])
def test_a_labelled_field_typed_while_asked_about_the_discount_is_taken(
        engine: Database, phone: Phone, locale: str, order: str, too_much: str, reply: str,
        shown: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    card_after(phone, order)
    question = str(t("ask.discount", discount="X")).split("X")[-1][:20]
    assert question in card_after(phone, too_much).text

    card = card_after(phone, reply)

    assert shown in card.text and question in card.text


# -- 5. lines added and removed while an unknown product is asked about --------------------------------------

UNKNOWN = {  # (an order with a product the shop lacks, adding, what the card then shows, removing, then)
    "id": ("2 kaos hitam L + 1 topi, Budi 081234567890, Jl Melati 5 Bandung",
           "tambah 1 pashmina cream", ["2 × Kaos Polos Hitam L", "1 × topi", "1 × Hijab Pashmina Cream"],
           "hapus topi", ["2 × Kaos Polos Hitam L", "1 × Hijab Pashmina Cream"]),
    "vi": ("chị Mai lấy 2 son đỏ + 1 nón, 0912 345 678, 12 Nguyễn Trãi, Q.1",
           "thêm 1 kem chống nắng", ["2 × Son kem lì Đỏ", "1 × nón", "1 × Kem chống nắng SPF50 50ml"],
           "bỏ nón", ["2 × Son kem lì Đỏ", "1 × Kem chống nắng SPF50 50ml"]),
    "en": ("2 white coffee + 1 cap, Ahmad 012-345 6789, 12 Jalan Ampang, KL",
           "add 1 hamper", ["2 × White Coffee 3in1 15 sachets", "1 × cap", "1 × Raya Hamper Box"],
           "remove cap", ["2 × White Coffee 3in1 15 sachets", "1 × Raya Hamper Box"]),
}


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_adding_and_removing_lines_while_an_unknown_product_is_asked_about(engine: Database, phone: Phone,
                                                                           locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    order, add, after_add, remove, after_remove = UNKNOWN[locale]
    unknown = after_add[1].split(" × ")[1]
    asked = str(t("ask.product", name=unknown))
    assert asked in card_after(phone, order).text

    card = card_after(phone, add)
    assert lines(card) == after_add and asked in card.text  # the unknown line is still asked about

    card = card_after(phone, remove)
    assert lines(card) == after_remove and "❓" not in card.text


@pytest.mark.parametrize(("locale", "reply", "shown"), [
    ("id", "hapus kaos", ["1 × topi"]),
    ("vi", "bỏ son đỏ", ["1 × nón"]),
    ("en", "remove white coffee", ["1 × cap"]),
])
def test_removing_a_known_line_while_an_unknown_product_is_asked_about_keeps_the_question(
        engine: Database, phone: Phone, locale: str, reply: str, shown: list[str]) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    card_after(phone, UNKNOWN[locale][0])

    card = card_after(phone, reply)

    assert lines(card) == shown and str(t("ask.product", name=shown[0].split(" × ")[1])) in card.text


# -- 6. `kurangi 1 X` lowers a line; `hapus X` takes it off --------------------------------------------------

THREE = {
    "id": "3 kaos hitam L + 1 pashmina cream, Budi 081234567890, Jl Melati 5 Bandung",
    "vi": "chị Mai lấy 3 son đỏ + 1 kem chống nắng, 0912 345 678, 12 Nguyễn Trãi, Q.1",
    "en": "3 white coffee + 1 hamper, Ahmad 012-345 6789, 12 Jalan Ampang, KL",
}
LOWER = {  # replies in turn, and the lines after each
    "id": [("kurangi 1 kaos hitam L", ["2 × Kaos Polos Hitam L", "1 × Hijab Pashmina Cream"]),
           ("hapus 1 kaos", ["1 × Kaos Polos Hitam L", "1 × Hijab Pashmina Cream"]),
           ("kurangin 1 pashmina", ["1 × Kaos Polos Hitam L"]),
           ("tambah 2 kaos hitam L", ["3 × Kaos Polos Hitam L"]),
           ("hapus kaos", [])],
    "vi": [("bớt 1 son đỏ", ["2 × Son kem lì Đỏ", "1 × Kem chống nắng SPF50 50ml"]),
           ("bớt 1 kem chống nắng", ["2 × Son kem lì Đỏ"]),
           ("bỏ 5 son", [])],
    "en": [("minus 1 white coffee", ["2 × White Coffee 3in1 15 sachets", "1 × Raya Hamper Box"]),
           ("remove 1 hamper", ["2 × White Coffee 3in1 15 sachets"]),
           ("less 1 coffee", ["1 × White Coffee 3in1 15 sachets"])],
}


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_a_number_taken_off_a_line_lowers_it_and_removes_it_at_zero(engine: Database, phone: Phone,
                                                                    locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    card_after(phone, THREE[locale])

    for reply, shown in LOWER[locale]:
        assert lines(card_after(phone, reply)) == (shown or [str(t("draft.no_items"))]), reply


def test_a_number_taken_off_an_unknown_line_lowers_it(engine: Database, phone: Phone) -> None:
    make_shop(engine, "id")
    card_after(phone, "2 kaos hitam L + 3 topi, Budi 081234567890, Jl Melati 5 Bandung")

    assert lines(card_after(phone, "kurangi 1 topi")) == ["2 × Kaos Polos Hitam L", "2 × topi"]


def test_a_number_taken_off_a_product_not_on_the_card_changes_nothing(engine: Database,
                                                                       phone: Phone) -> None:
    make_shop(engine, "id")
    card_after(phone, THREE["id"])

    assert str(Translator("id")("draft.unchanged")) in card_after(phone, "kurangi 1 bergo").text


# -- 7. another buyer's order typed in reply starts a draft of its own ---------------------------------------

NEXT_ORDER = {  # (the open draft, with no address, the next order, for another buyer, its buyer, the first's)
    "id": ("2 kaos hitam L, Budi 081234567890", "1 pashmina cream, Sari 081298765432", "Sari", "Budi"),
    "vi": ("chị Mai lấy 2 son đỏ, 0912 345 678", "1 kem chống nắng, chị Hoa 0987654321", "Hoa", "Mai"),
    "en": ("2 white coffee, Ahmad 012-345 6789", "1 hamper, Siti 019-402 7716", "Siti", "Ahmad"),
}


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_another_buyers_order_typed_in_reply_to_the_card_starts_a_new_draft(engine: Database, phone: Phone,
                                                                            locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    card_after(phone, ONE_LINE[locale])
    _, order, buyer, first_buyer = NEXT_ORDER[locale]

    card = card_after(phone, order, reply=True)

    assert len(lines(card)) == 1 and f"👤 {buyer}" in card.text
    assert str(t("draft.replaced", who=f" ({first_buyer})")) in phone.texts()  # the first is not lost unsaid


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_another_buyers_order_typed_in_reply_to_a_question_starts_a_new_draft(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    first, order, buyer, first_buyer = NEXT_ORDER[locale]
    assert str(t("ask.address")) in card_after(phone, first).text

    card = card_after(phone, order, reply=True)

    assert len(lines(card)) == 1 and f"👤 {buyer}" in card.text
    assert str(t("draft.replaced", who=f" ({first_buyer})")) in phone.texts()


def test_the_same_buyer_typed_again_in_reply_with_another_product_corrects_the_card(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    make_shop(engine, "id")
    card_after(phone, ONE_LINE["id"])

    card = card_after(phone, "1 pashmina cream, Budi 081234567890", reply=True)

    assert lines(card) == ["2 × Kaos Polos Hitam L", "1 × Hijab Pashmina Cream"]
    assert str(t("draft.replaced", who=" (Budi)")) not in phone.texts()
