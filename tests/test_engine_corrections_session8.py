"""Replies to an open draft card a tester typed as a seller (session 8): removal words that name a product
not on the card, and corrections that take off the discount or change the one open line's variant."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from engine_harness import OWNER, Phone, clock, make_shop
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine
from bot.engine.events import Send
from bot.i18n import Translator
from core import products
from core.catalog import CatalogRow
from storage.db import unit_of_work

ORDERS = {
    "id": "2 kaos hitam L + 1 pashmina cream, Budi 081234567890, Jl Melati 5 Bandung",
    "vi": "chị Mai lấy 2 son đỏ + 1 kem chống nắng, 0912 345 678, 12 Nguyễn Trãi, Q.1, TP.HCM",
    "en": "2 white coffee + 1 hamper, Ahmad 012-345 6789, 12 Jalan Ampang, Kuala Lumpur",
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


# -- removal words never add a product --------------------------------------------------------------------

NOT_ON_THE_CARD = [("id", "tanpa bergo"), ("id", "gak pake sandal ya kak"), ("en", "no murukku"),
                   ("en", "tanpa serunding"), ("en", "sorry no murukku pls"), ("vi", "khỏi son cam nha"),
                   ("vi", "không lấy toner")]


@pytest.mark.parametrize(("locale", "reply"), NOT_ON_THE_CARD)
def test_a_removal_word_before_a_product_not_on_the_card_adds_nothing(
        engine: Database, phone: Phone, locale: str, reply: str) -> None:
    make_shop(engine, locale)
    card_after(phone, ORDERS[locale])

    assert str(Translator(locale)("draft.unchanged")) in card_after(phone, reply).text


@pytest.mark.parametrize(("locale", "reply", "shown"), [
    ("id", "tanpa pashmina ya", ["2 × Kaos Polos Hitam L"]),
    ("id", "gak pake pashmina", ["2 × Kaos Polos Hitam L"]),
    ("en", "no hamper", ["2 × White Coffee 3in1 15 sachets"]),
    ("en", "tanpa white coffee", ["1 × Raya Hamper Box"]),
    ("vi", "khỏi son đỏ nha", ["1 × Kem chống nắng SPF50 50ml"]),
])
def test_a_removal_word_before_a_product_on_the_card_takes_its_line_off(
        engine: Database, phone: Phone, locale: str, reply: str, shown: list[str]) -> None:
    make_shop(engine, locale)
    card_after(phone, ORDERS[locale])

    assert lines(card_after(phone, reply)) == shown


def test_no_before_a_house_number_is_still_the_address(engine: Database, phone: Phone) -> None:
    make_shop(engine, "en")
    card_after(phone, ORDERS["en"])

    card = card_after(phone, "No 12 Jalan Ampang, 50450 Kuala Lumpur")

    assert "No 12 Jalan Ampang, 50450 Kuala Lumpur" in card.text
    assert lines(card) == ["2 × White Coffee 3in1 15 sachets", "1 × Raya Hamper Box"]


# -- a variant's number (`30 sachets`) is no second line on the card ---------------------------------------


@pytest.mark.parametrize(("reply", "shown"), [
    ("2 white coffee 30 sachets, Ahmad 012-345 6789, 12 Jalan Ampang, KL",
     ["2 × White Coffee 3in1 30 sachets"]),
    ("2 white coffee 15 sachets, Ahmad 012-345 6789, 12 Jalan Ampang, KL",
     ["2 × White Coffee 3in1 15 sachets"]),
])
def test_a_variant_added_without_aliases_is_read_by_its_number(engine: Database, phone: Phone, reply: str,
                                                                shown: list[str]) -> None:
    shop = make_shop(engine, "en")
    with unit_of_work(engine) as s:  # the seller adds the bigger pack, with no aliases of its own
        products.import_products(s, shop, [CatalogRow(sku="WC3-30", name="White Coffee 3in1",
                                                      variant="30 sachets", price=Decimal("24.90"), stock=5)])

    assert lines(card_after(phone, reply)) == shown


# -- the discount taken off in words -----------------------------------------------------------------------

WITH_DISCOUNT = {
    "id": "2 kaos hitam L, Budi 081234567890, Jl Melati 5 Bandung, diskon 10rb",
    "vi": "chị Mai lấy 2 son đỏ, 0912 345 678, 12 Nguyễn Trãi, Q.1, TP.HCM, giảm 20k",
    "en": "2 white coffee, Ahmad 012-345 6789, 12 Jalan Ampang, Kuala Lumpur, discount RM5",
}


@pytest.mark.parametrize(("locale", "reply"), [
    ("id", "tanpa diskon"), ("id", "diskonnya gak jadi"), ("id", "hapus diskon ya kak"),
    ("vi", "không giảm nữa"), ("vi", "bỏ giảm giá"),
    ("en", "remove discount"), ("en", "no discount pls"),
])
def test_a_discount_taken_off_in_words_leaves_the_card(engine: Database, phone: Phone, locale: str,
                                                       reply: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    assert f"{t('draft.discount')}:" in card_after(phone, WITH_DISCOUNT[locale]).text

    card = card_after(phone, reply)

    assert f"{t('draft.discount')}:" not in card.text and len(lines(card)) == 1


def test_a_share_off_taken_off_stays_off_as_the_goods_change(engine: Database, phone: Phone) -> None:
    t = Translator("id")
    make_shop(engine, "id")
    card_after(phone, "2 kaos hitam L, Budi 081234567890, Jl Melati 5 Bandung, diskon 10%")
    card_after(phone, "tanpa diskon")

    assert f"{t('draft.discount')}:" not in card_after(phone, "qty 3").text


# -- a variant named alone changes the one line that comes in it --------------------------------------------

VARIANTS = [
    ("id", "2 kaos hitam L + 1 pashmina cream, Budi 081234567890, Jl Melati 5 Bandung", "ganti jadi XL",
     ["2 × Kaos Polos Hitam XL", "1 × Hijab Pashmina Cream"]),
    ("id", "2 kaos hitam L + 1 tas selempang, Budi 081234567890, Jl Melati 5 Bandung", "ganti size M",
     ["2 × Kaos Polos Hitam M", "1 × Tas Selempang Kanvas"]),
    ("id", "2 kaos hitam L, Budi 081234567890, Jl Melati 5 Bandung", "ukuran XL aja",
     ["2 × Kaos Polos Hitam XL"]),
    ("vi", "chị Mai lấy 2 son cam, 0912 345 678, 12 Nguyễn Trãi, Q.1, TP.HCM", "đổi son sang màu đỏ",
     ["2 × Son kem lì Đỏ"]),
    ("en", "2 arabica whole bean, Ahmad 012-345 6789, 12 Jalan Ampang, Kuala Lumpur", "change to ground",
     ["2 × Arabica Coffee Beans Ground, 250g"]),
]


@pytest.mark.parametrize(("locale", "order", "reply", "shown"), VARIANTS)
def test_a_variant_named_alone_changes_its_line(engine: Database, phone: Phone, locale: str, order: str,
                                                reply: str, shown: list[str]) -> None:
    make_shop(engine, locale)
    card_after(phone, order)

    assert lines(card_after(phone, reply)) == shown


def test_a_variant_two_lines_come_in_changes_neither(engine: Database, phone: Phone) -> None:
    make_shop(engine, "id")
    card_after(phone, "2 kaos hitam L + 1 kaos putih M, Budi 081234567890, Jl Melati 5 Bandung")

    assert str(Translator("id")("draft.unchanged")) in card_after(phone, "ganti jadi XL").text


def test_a_variant_change_typed_while_asked_who_is_no_name(engine: Database, phone: Phone) -> None:
    make_shop(engine, "id")
    card_after(phone, "2 kaos hitam L, 081234567890, Jl Melati 5 Bandung")  # asks who

    card = card_after(phone, "ukuran XL aja")

    assert lines(card) == ["2 × Kaos Polos Hitam XL"] and "👤 –" in card.text


def test_a_name_that_is_also_a_colour_answers_who(engine: Database, phone: Phone) -> None:
    make_shop(engine, "vi")
    card_after(phone, "lấy 2 son dưỡng không màu, 0912 345 678, 12 Nguyễn Trãi, Q.1, TP.HCM")  # asks who

    card = card_after(phone, "Hồng")

    assert lines(card) == ["2 × Son dưỡng môi Không màu"] and "👤 Hồng" in card.text


# -- postage after its courier, and correction fillers, on the card ----------------------------------------


def test_postage_after_its_courier_is_the_shipping_fee(engine: Database, phone: Phone) -> None:
    make_shop(engine, "vi")
    card_after(phone, ORDERS["vi"])

    card = card_after(phone, "COD, ship GHTK 30k")

    assert "Phí ship: 30.000\xa0₫" in card.text and "🚚 GHTK" in card.text


@pytest.mark.parametrize(("locale", "reply", "shown", "gone"), [
    ("vi", "sdt sai, đúng là 0912 999 888", "+84912999888", "đúng là"),
    ("vi", "địa chỉ mới 30 Võ Văn Tần, Q.3, HCM", "🏠 30 Võ Văn Tần, Q.3, HCM", "mới 30"),
    ("en", "sorry address should be 9 Jalan Ampang, KL", "🏠 9 Jalan Ampang, KL", "should be"),
    ("id", "alamat yang benar Jl. Kenanga 5, Bogor", "🏠 Jl. Kenanga 5, Bogor", "yang benar"),
])
def test_correction_fillers_stay_off_the_card(engine: Database, phone: Phone, locale: str, reply: str,
                                              shown: str, gone: str) -> None:
    make_shop(engine, locale)
    card_after(phone, ORDERS[locale])

    card = card_after(phone, reply)

    assert shown in card.text and gone not in card.text
