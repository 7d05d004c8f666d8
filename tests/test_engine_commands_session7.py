"""Group commands as staff type them: /ship with any courier's name, /find in any case and script,
/cancel with a reason that starts with a number, /stock with variant words."""

from __future__ import annotations

import pytest
from conftest import CORPUS
from engine_harness import GROUP, OTHER_GROUP, OWNER, SHOPS, STAFF, Phone, clock, make_shop
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine
from bot.i18n import Translator
from core import orders
from core.catalog import read_catalog
from storage.db import unit_of_work

LOCALES = ["id", "vi", "en"]
ORDER = {  # an order that names its courier, as many do
    "id": "Nama: Budi Santoso\nNo HP: 0812-3456-7890\nAlamat: Jl. Melati No. 5, Bandung\n"
          "Pesanan: Kaos Polos Hitam L 2\nKurir: JNE",
    "vi": "Tên: Nguyễn Thị Lan\nSĐT: 0912 345 678\nĐịa chỉ: 25 Nguyễn Trãi, Q.1, TP.HCM\n"
          "Sản phẩm: Kem chống nắng SPF50 50ml 2\nVận chuyển: GHTK",
    "en": "Name: Tan Wei Ling\nPhone: 016-228 7745\nAddress: 23, Jalan Bukit Bintang, 55100 Kuala Lumpur\n"
          "Order: Kopi O Kosong Powder 250g - 2\nCourier: Citylink",
}
DRAFT_COURIER = {"id": "jne", "vi": "ghtk", "en": "citylink"}


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


def shop_with_orders(engine: Database, phone: Phone, locale: str, count: int, *, packed: bool = True,
                     text: str | None = None) -> int:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    for _ in range(count):
        phone.say(OWNER, text or ORDER[locale])
        phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    if packed:
        phone.say(STAFF, "/packed " + " ".join(str(1001 + n) for n in range(count)), chat=GROUP)
    return shop


def order(engine: Database, shop: int, number: int) -> orders.OrderView:
    with unit_of_work(engine) as s:
        return orders.get_order(s, shop, number)


# -- /ship ------------------------------------------------------------------------------------------

SHIPS = [  # (locale, what follows the order number, courier code, waybill)
    ("id", "J&T JP777", "jnt", "JP777"),
    ("id", "j & t JP778", "jnt", "JP778"),
    ("id", "pos indonesia P123", "pos", "P123"),
    ("id", "sicepat 000123456789", "sicepat", "000123456789"),
    ("vi", "viettel post VT555", "viettelpost", "VT555"),
    ("vi", "giao hàng nhanh GHN1", "ghn", "GHN1"),
    ("vi", "J&T VN777", "jtvn", "VN777"),
    ("en", "pos laju EE123MY", "poslaju", "EE123MY"),
    ("en", "J&T JT555", "jnt", "JT555"),
    ("en", "city link CL9", "citylink", "CL9"),
]


@pytest.mark.parametrize(("locale", "words", "courier", "waybill"), SHIPS)
def test_ship_reads_the_courier_with_the_parsers_courier_words_and_keeps_the_waybill_as_typed(
        engine: Database, phone: Phone, locale: str, words: str, courier: str, waybill: str) -> None:
    shop = shop_with_orders(engine, phone, locale, 1)

    phone.say(STAFF, f"/ship 1001 {words}", chat=GROUP)

    got = order(engine, shop, 1001)
    assert (got.status, got.courier, got.waybill) == ("shipped", courier, waybill)
    card = phone.by_chat[GROUP][0]
    assert f"<code>{waybill}</code>" in card.text


@pytest.mark.parametrize("locale", LOCALES)
def test_a_courier_without_a_code_replaces_the_drafts_and_its_name_stays_apart_from_the_waybill(
        engine: Database, phone: Phone, locale: str) -> None:
    shop = shop_with_orders(engine, phone, locale, 2)
    assert order(engine, shop, 1001).courier == DRAFT_COURIER[locale]

    phone.say(STAFF, "/ship 1001 lalamove LL1", chat=GROUP)
    phone.say(STAFF, "/ship 1002 Borzo BZ-77", chat=GROUP)

    for number, name, waybill in ((1001, "lalamove", "LL1"), (1002, "Borzo", "BZ-77")):
        got = order(engine, shop, number)
        assert (got.status, got.courier, got.waybill) == ("shipped", None, waybill)
        card = phone.by_chat[GROUP][number - 1001]
        assert f"🚚 {name} <code>{waybill}</code>" in card.text


@pytest.mark.parametrize("locale", LOCALES)
def test_a_waybill_typed_in_pieces_is_refused_with_the_usage_hint(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = shop_with_orders(engine, phone, locale, 1)

    for words in ("jnt JP 777", "JP 1234 5678"):
        reply = phone.texts(phone.say(STAFF, f"/ship 1001 {words}", chat=GROUP))
        assert reply == str(t("error.usage", usage=t("usage.ship")))
    assert order(engine, shop, 1001).status == "packed"


def test_a_courier_named_in_a_short_ship_command_is_kept_for_the_waybill_asked_after_it(
        engine: Database, phone: Phone) -> None:
    shop = shop_with_orders(engine, phone, "id", 1)

    phone.say(STAFF, "/ship 1001 J&T", chat=GROUP)
    phone.say(STAFF, "JP9", chat=GROUP, reply_to=phone.last(GROUP))

    got = order(engine, shop, 1001)
    assert (got.status, got.courier, got.waybill) == ("shipped", "jnt", "JP9")


# -- /cancel ----------------------------------------------------------------------------------------

REASONS = {"id": "2 barang rusak", "vi": "2 hộp bị móp", "en": "2 sachets torn"}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_reason_that_starts_with_a_number_is_a_reason_not_another_order(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = shop_with_orders(engine, phone, locale, 1, packed=False)

    reply = phone.texts(phone.say(STAFF, f"/cancel 1001 {REASONS[locale]}", chat=GROUP))

    assert str(t("status.cancelled")) in reply
    got = order(engine, shop, 1001)
    assert (got.status, got.cancel_reason) == ("cancelled", REASONS[locale])


def test_the_numbers_after_the_first_are_orders_while_they_are_this_shops_orders(
        engine: Database, phone: Phone) -> None:
    shop = shop_with_orders(engine, phone, "id", 4, packed=False)

    phone.say(STAFF, "/cancel 1001 1002 salah input", chat=GROUP)
    phone.say(STAFF, "/cancel #1003, 1009 dus penyok", chat=GROUP)  # there is no #1009

    got = {n: (o.status, o.cancel_reason) for n in range(1001, 1005) if (o := order(engine, shop, n))}
    assert got == {1001: ("cancelled", "salah input"), 1002: ("cancelled", "salah input"),
                   1003: ("cancelled", "1009 dus penyok"), 1004: ("confirmed", None)}


def test_several_orders_without_a_reason_are_cancelled_by_the_one_reason_asked_after(
        engine: Database, phone: Phone) -> None:
    shop = shop_with_orders(engine, phone, "id", 2, packed=False)

    phone.say(STAFF, "/cancel 1001 1002", chat=GROUP)
    question = phone.last(GROUP)
    assert "#1001, #1002" in question.text
    phone.say(STAFF, "3 pcs kurang", chat=GROUP, reply_to=question)

    for number in (1001, 1002):
        assert order(engine, shop, number).cancel_reason == "3 pcs kurang"


# -- /stock -----------------------------------------------------------------------------------------

STOCK_SEARCHES = [  # (locale, what follows /stock, the SKUs it lists)
    ("id", "sneakers 42", {"SNP-42"}),
    ("id", "hitam L", {"KPH-L"}),
    ("id", "putih 38", {"SNP-38"}),
    ("id", "kaos hitam", {"KPH-M", "KPH-L", "KPH-XL"}),  # a name's words as one piece of text, as before
    ("vi", "son kem lì hồng", {"SKL-HONG"}),
    ("vi", "tẩy trang 400ml", {"NTT-400"}),
    ("en", "arabica ground 250g", {"ARB-GR"}),
    ("en", "kerepek pisang manis 200g", {"KRP-MNS"}),
]


def skus_in(text: str, locale: str) -> set[str]:
    catalog = read_catalog(CORPUS / SHOPS[locale][2])
    return {row.sku for row in catalog if f"<code>{row.sku}</code>" in text}


@pytest.mark.parametrize(("locale", "words", "skus"), STOCK_SEARCHES)
def test_stock_with_variant_words_lists_just_the_products_they_name(
        engine: Database, phone: Phone, locale: str, words: str, skus: set[str]) -> None:
    make_shop(engine, locale)

    reply = phone.texts(phone.say(STAFF, f"/stock {words}", chat=GROUP))

    assert skus_in(reply, locale) == skus


@pytest.mark.parametrize("locale", LOCALES)
def test_stock_that_finds_nothing_suggests_an_import_only_when_the_shop_has_no_products(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    make_shop(engine, locale, name="Toko Kosong", group=OTHER_GROUP, catalog=False)

    assert phone.texts(phone.say(STAFF, "/stock zzqx", chat=GROUP)) == str(t("stock.no_match", text="zzqx"))
    assert phone.texts(phone.say(OWNER, "/stock zzqx", chat=OTHER_GROUP)) == str(t("stock.none"))


# -- /find ------------------------------------------------------------------------------------------

BUYERS = {  # an order each, and searches that find it: by name, phone, address, in any case and script
    "id": ("2 kaos hitam L, Ani 081234567890, Jl Dahlia 2 Solo",
           ["Ani", "ani", "ANI", "0812 3456 7890", "+6281234567890", "dahlia", "SOLO", "0812"]),
    "vi": ("anh Đức lấy 2 son đỏ, 0912 000 678, 12 Nguyễn Trãi, Q.1, TP.HCM",
           ["Đức", "đức", "ĐỨC", "duc", "Duc", "0912000678", "nguyen trai", "Nguyễn Trãi", "0912"]),
    "en": ("2 kopi o for Élodie Ng, 016-228 7745, 3 Jalan Ampang, Kuala Lumpur",
           ["Élodie", "élodie", "elodie", "ELODIE", "0162287745", "jalan ampang", "KUALA", "016-228"]),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_find_matches_name_phone_and_address_whatever_their_case_and_diacritics(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    text, searches = BUYERS[locale]
    shop_with_orders(engine, phone, locale, 1, packed=False, text=text)

    for words in searches:
        reply = phone.texts(phone.say(STAFF, f"/find {words}", chat=GROUP))
        assert "#1001" in reply and str(t("find.none", text=words)) not in reply, words
    assert str(t("find.none", text="zzqx")) == phone.texts(phone.say(STAFF, "/find zzqx", chat=GROUP))


def test_find_ignores_diacritics_typed_or_not(engine: Database, phone: Phone) -> None:
    shop_with_orders(engine, phone, "vi", 1, packed=False,
                     text="chị Ngọc lấy 1 son đỏ, 0912 345 678, 5 Lê Lợi, Huế")

    for words in ("ngoc", "Ngoc", "NGỌC", "le loi", "hue"):
        assert "#1001" in phone.texts(phone.say(STAFF, f"/find {words}", chat=GROUP)), words


@pytest.mark.parametrize("locale", LOCALES)
def test_find_matches_a_waybill_in_any_case_and_by_a_part_of_it(
        engine: Database, phone: Phone, locale: str) -> None:
    shop_with_orders(engine, phone, locale, 2)
    phone.say(STAFF, "/ship 1001 jnt JP111222", chat=GROUP)
    phone.say(STAFF, "/ship 1002 jnt JP999888", chat=GROUP)

    for words in ("JP111222", "jp111222", "jp111", "111222"):
        reply = phone.texts(phone.say(STAFF, f"/find {words}", chat=GROUP))
        assert "#1001" in reply and "#1002" not in reply, words
