"""General rules for what QA found in session 11 (amounts next to quantities, bare amounts, order totals,
buyers' requests, Vietnamese classifiers, impossible quantities), each on messages of our own."""

from __future__ import annotations

from decimal import Decimal

import pytest
from parse_helpers import draft, items

from bot.parse import Parser
from core.catalog import CatalogRow

# -- `x 2 rm 17.80`: a currency sign before a number is that number's, not the one before it --------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kuih bangkit x 2 rm 17.80", [("KBS-TIN", 2, 17.8)]),
        # RM17.80 for two packs the catalog sells at RM12.90 is the line's total (the contract's rule)
        ("white coffee x 2 rm 17.80", [("WC3-15", 2, 8.9)]),
        ("teh tarik x 3 RM 11.50", [("TTK-12", 3, 11.5)]),
        ("Aminah, 012-778 2211, 9 Jalan Kenari, Ipoh. murukku x 2 rm 9.90", [("MRK-300", 2, 9.9)]),
        ("dodol 2 rm 30", [("DDR-500", 2, 15)]),
        ("dodol x2 rm17.80", [("DDR-500", 2, 17.8)]),
    ],
)
def test_a_ringgit_sign_before_a_price_does_not_turn_the_quantity_into_money(
    text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items("en", text) == expected


def test_an_amount_written_with_rm_after_it_is_still_ringgit() -> None:
    assert items("en", "kerepek ubi 1 12.00rm") == [("KUB-200", 1, 12)]


# -- `murukku 25.80`: in ringgit a bare number with two decimals is money, not a count ----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("white coffee 25.80", [("WC3-15", 1, 25.8)]),
        ("Ali 012-334 5566 murukku 9.90", [("MRK-300", 1, 9.9)]),
        ("dodol 2 25.80", [("DDR-500", 2, 12.9)]),
        ("sambal garing 1 12.90, teh tarik 2 22.00", [("SGB-200", 1, 12.9), ("TTK-12", 2, 11)]),
    ],
)
def test_a_bare_amount_with_cents_after_an_item_is_its_price(
    text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items("en", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dodol 2 teh tarik 3", [("DDR-500", 2, 15), ("TTK-12", 3, 11.5)]),
        ("kacang putih 1.5 kg", [("KPT-300", 1, 6.5)]),
    ],
)
def test_a_bare_count_or_measure_in_ringgit_is_still_no_price(
    text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items("en", text) == expected



@pytest.mark.parametrize(
    "text", ["dodol 2 deliver at 12.30 pm", "dodol 2, hantar sebelum 5.30 petang", "dodol 2 send by 10.30"]
)
def test_a_time_of_day_with_two_decimals_is_no_price(text: str) -> None:
    assert items("en", text) == [("DDR-500", 2, 15)]


# -- `ship 30`, `ongkir 20`: where money has no cents and nothing costs under a thousand, a bare amount
# after a postage or discount label is written in thousands ------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "text", "shipping", "discount"),
    [
        ("vi", "1 toner, ship 30", 30000, None),
        ("vi", "2 son đỏ, phí ship 25, giảm 20", 25000, 20000),
        ("vi", "1 kem chống nắng\nPhí ship: 35\nGiảm giá: 15", 35000, 15000),
        ("vi", "1 toner, ship 30k", 30000, None),
        ("id", "bergo hitam 1, ongkir 20", 20000, None),
        ("id", "Pashmina cream 2\nOngkir: 18\nDiskon: 5", 18000, 5000),
        ("id", "bergo hitam 1, ongkir 20.000", 20000, None),
        ("id", "bergo hitam 1, ongkir 0", 0, None),
    ],
)
def test_a_bare_fee_under_a_thousand_is_in_thousands(
    loc: str, text: str, shipping: int, discount: int | None
) -> None:
    d = draft(loc, text)
    assert (d["shipping_fee"], d["discount"]) == (shipping, discount)


def test_in_ringgit_a_bare_fee_is_ringgit() -> None:
    assert draft("en", "dodol 2, postage 8")["shipping_fee"] == 8


def test_a_shop_that_sells_for_hundreds_of_rupiah_reads_a_bare_fee_as_written() -> None:
    rows = [CatalogRow(sku="PRM-1", name="Permen Jahe", aliases=("permen jahe",), price=Decimal(500))]
    got = Parser(rows, locale="id", currency="IDR").parse("permen jahe 10, ongkir 500").to_json()
    assert got["shipping_fee"] == 500


# -- `total bayar 250rb`, `tổng đơn 500k`, `grand total RM 60`: what the order costs in all is no item's
# price, whichever of the lexicon's total labels says it, with or without a colon ----------------------------


@pytest.mark.parametrize(
    ("loc", "text", "expected"),
    [
        ("id", "bergo hitam 2 total 250rb", [("BGI-HTM", 2, 39000)]),
        ("id", "bergo hitam 2 total bayar 250rb", [("BGI-HTM", 2, 39000)]),
        ("id", "pashmina cream 1, bergo hitam 2, grand total 250rb", [("HPS-CRM", 1, 45000),
                                                                    ("BGI-HTM", 2, 39000)]),
        ("id", "bergo hitam 2 total harga Rp 250.000", [("BGI-HTM", 2, 39000)]),
        ("vi", "2 toner tổng 500k", [("TNR-200", 2, 175000)]),
        ("vi", "2 toner tổng đơn 500k", [("TNR-200", 2, 175000)]),
        ("vi", "2 toner, tổng thanh toán 500k", [("TNR-200", 2, 175000)]),
        ("en", "dodol 2 total RM 60", [("DDR-500", 2, 15)]),
        ("en", "dodol 2 grand total RM 60", [("DDR-500", 2, 15)]),
        ("en", "dodol 2, teh tarik 1, total amount rm60", [("DDR-500", 2, 15), ("TTK-12", 1, 11.5)]),
    ],
)
def test_an_order_total_is_no_unit_price(loc: str, text: str, expected: list[tuple[str, int, float]]) -> None:
    assert items(loc, text) == expected


def test_a_line_total_is_still_divided_by_its_quantity() -> None:
    assert items("id", "bergo hitam 2 78rb") == [("BGI-HTM", 2, 39000)]


def test_jumlah_before_a_bare_number_is_still_a_quantity() -> None:
    assert items("en", "dodol jumlah 3") == [("DDR-500", 3, 15)]


# -- `bungkus kado`, `gói quà`, `gift wrap`: what the buyer asks of the parcel is the note, and no product's
# or address's words -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "text", "note", "expected"),
    [
        ("en", "dodol 2, gift wrap", "gift wrap", [("DDR-500", 2, 15)]),
        ("en", "2 mooncake gift wrap please", "gift wrap please", [(None, 2, None)]),
        ("en", "kuih bangkit 1, pls wrap it as a gift", "pls wrap it as a gift",
         [("KBS-TIN", 1, 18)]),
        ("id", "bergo hitam 2 bungkus kado ya", "bungkus kado ya", [("BGI-HTM", 2, 39000)]),
        ("id", "sandal jepit 1, jangan dilipat", "jangan dilipat", [(None, 1, None)]),
        ("id", "pashmina cream 1, minta tolong cepat ya kak", "minta tolong cepat ya kak",
         [("HPS-CRM", 1, 45000)]),
        ("vi", "1 nước hoa chanel, gói quà", "gói quà", [(None, 1, None)]),
        ("vi", "2 toner gói quà giúp em", "gói quà giúp em", [("TNR-200", 2, 175000)]),
        ("vi", "1 son đỏ, nhờ gói kỹ giúp em", "nhờ gói kỹ giúp em", [("SKL-DO", 1, 189000)]),
    ],
)
def test_a_request_in_passing_is_the_note(
    loc: str, text: str, note: str, expected: list[tuple[str | None, int, float | None]]
) -> None:
    d = draft(loc, text)
    assert (d["note"], [(it["sku"], it["qty"], it["unit_price"]) for it in d["items"]]) == (note, expected)


def test_a_request_leaves_the_name_phone_and_address_whole() -> None:
    d = draft("vi", "Lan 0912 345 678, 12 Lê Lợi, Huế, 2 toner, gói quà nhé")
    assert (d["customer"]["name"], d["customer"]["phone"], d["customer"]["address"], d["note"]) == (
        "Lan", "+84912345678", "12 Lê Lợi, Huế", "gói quà nhé")


def test_a_request_under_a_note_label_is_the_note_once() -> None:
    assert draft("id", "bergo hitam 2\nCatatan: tolong bungkus kado")["note"] == "tolong bungkus kado"


def test_a_labelled_note_and_a_request_elsewhere_are_both_kept() -> None:
    d = draft("en", "dodol 2, gift wrap\nNote: deliver after 6pm")
    assert d["note"] == "deliver after 6pm; gift wrap"


def test_paying_with_a_card_is_no_request() -> None:
    d = draft("en", "dodol 2, paying with a credit card")
    assert (d["note"], d["payment"]) == (None, "card")


def test_words_typed_with_other_marks_are_no_request() -> None:
    assert draft("vi", "2 toner, gọi qua zalo trước nhé")["note"] is None


# -- `1 cái áo thun đen`, `1 hộp bánh quy`: a classifier before an unknown product is no part of its name; a
# colour after it is, and so is a word that only looks like a grammar word without its marks (`sữa`, `đỏ`) ---


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("1 cái áo thun đen", "áo thun đen"),
        ("2 chai nước hoa chanel", "nước hoa chanel"),
        ("1 hộp bánh quy xanh", "bánh quy xanh"),
        ("1 tuýp kem đánh răng", "kem đánh răng"),
        ("1 lọ nước hoa đỏ", "nước hoa đỏ"),
        ("1 hũ kem body trắng", "kem body trắng"),
        ("3 cái túi xách đen", "túi xách đen"),
        ("1 hũ sữa chua", "sữa chua"),
        ("1 chai sữa dưỡng thể vaseline", "sữa dưỡng thể vaseline"),
        ("1 lọ kem nền vàng", "kem nền vàng"),
        ("1 lo nuoc hoa do", "nuoc hoa do"),
    ],
)
def test_an_unknown_products_name_drops_its_classifier_and_keeps_its_colour(text: str, name: str) -> None:
    got = draft("vi", text)["items"]
    assert [(it["sku"], it["name"]) for it in got] == [(None, name)]


def test_a_catalog_product_after_a_classifier_is_still_found() -> None:
    assert items("vi", "2 chai sữa tắm") == [("STT-500", 2, 185000)]


# -- `bergo hitam 0`, `dodol x 999999999`: an impossible quantity is no quantity of 1 -----------------------
# The item keeps qty 1 (the contract's type) and says `qty_unclear`, so the bot asks how many and the core
# refuses to confirm it as it is. A bare long number (`dodol 999999999`) is not read as a quantity at all:
# unmarked, it may as well be a price or a phone typed into the line.


@pytest.mark.parametrize(
    ("loc", "text"),
    [("id", "bergo hitam 0"), ("id", "bergo hitam x0"), ("id", "0 bergo hitam"), ("id", "bergo hitam qty 0"),
     ("en", "dodol x 999999999"), ("en", "dodol 0 pcs"), ("vi", "toner x0"), ("vi", "toner x99999")],
)
def test_an_impossible_quantity_is_flagged_for_the_bot_to_ask(loc: str, text: str) -> None:
    got = draft(loc, text)
    assert got["items"][0]["qty_unclear"] is True and got["items"][0]["qty"] == 1


@pytest.mark.parametrize(("loc", "text"), [("id", "bergo hitam 2"), ("id", "bergo hitam x12"),
                                           ("en", "dodol x 9999"), ("vi", "toner 1 chai")])
def test_a_possible_quantity_is_not_flagged(loc: str, text: str) -> None:
    assert "qty_unclear" not in draft(loc, text)["items"][0]


@pytest.mark.parametrize(
    ("loc", "text", "expected"),
    [
        ("id", "pashmina cream 1, bergo hitam 2 semua 250rb", [("HPS-CRM", 1, 45000), ("BGI-HTM", 2, 39000)]),
        ("vi", "1 toner 2 son đỏ tất cả 550k", [("TNR-200", 1, 175000), ("SKL-DO", 2, 189000)]),
        ("en", "dodol 2 teh tarik 1 all in RM 45", [("DDR-500", 2, 15), ("TTK-12", 1, 11.5)]),
    ],
)
def test_an_amount_for_all_after_the_last_of_several_lines_is_the_orders(
    loc: str, text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items(loc, text) == expected


@pytest.mark.parametrize(
    ("loc", "text", "expected"),
    [
        ("id", "bergo hitam 2 semua 70rb", [("BGI-HTM", 2, 35000)]),
        ("id", "pashmina cream 1, rok plisket mocca 2 (total 180rb)", [("HPS-CRM", 1, 45000),
                                                                     ("RPL-MCA", 2, 90000)]),
    ],
)
def test_a_total_on_the_only_line_or_in_its_brackets_is_still_that_lines(
    loc: str, text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items(loc, text) == expected
