"""General rules for error kinds seen while using the bot (session 11, second round): a buyer's name before
an order verb, a number with a leading zero, a phone right before a house number, an unknown brand after
`the`, price-label abbreviations, words that lower a line, a form's title line; each on messages of our
own."""

from __future__ import annotations

from decimal import Decimal

import pytest
from parse_helpers import draft, items, parser

# -- `Budi 0812`: a number written with a leading zero is never a quantity ------------------------------


@pytest.mark.parametrize(
    ("locale", "text", "name", "expected"),
    [
        ("id", "2 kaos hitam L 85rb, Budi 0812, Jl Melati 5 Bandung", "Budi", [("KPH-L", 2, 85000)]),
        ("id", "pashmina cream 2, Sari 0857, Jl Kenanga 3 Depok", "Sari", [("HPS-CRM", 2, 45000)]),
        ("en", "2 dodol, Ali 012, 5 Jalan Mawar Kajang", "Ali", [("DDR-500", 2, 15)]),
        ("en", "murukku x1, Mei Ling 019, 8 Jalan Ipoh KL", "Mei Ling", [("MRK-300", 1, 9.9)]),
        ("vi", "2 son đỏ, Lan 0912, 20 Nguyễn Trãi, Hà Nội", "Lan", [("SKL-DO", 2, 189000)]),
    ],
)
def test_a_short_number_with_a_leading_zero_is_an_unreadable_phone_not_goods(
    locale: str, text: str, name: str, expected: list[tuple[str, int, float]]
) -> None:
    d = draft(locale, text)
    assert items(locale, text) == expected
    assert d["customer"]["name"] == name
    assert d["customer"]["phone"] is None
    assert "phone" in d["missing"]


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "pashmina hitam 03", [("HPS-HTM", 1, 45000)]),
        ("en", "dodol 012", [("DDR-500", 1, 15)]),
        ("vi", "toner 02", [("TNR-200", 1, 175000)]),
    ],
)
def test_a_number_with_a_leading_zero_after_goods_is_not_their_quantity(
    locale: str, text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text", "address"),
    [
        ("id", "Budi 081234567890, Jl Melati 5, RT 003/RW 005, Bogor", "Jl Melati 5, RT 003/RW 005, Bogor"),
        ("en", "Ali 0123456789, Lot 012 Kampung Baru, 01000 Kangar", "Lot 012 Kampung Baru, 01000 Kangar"),
    ],
)
def test_numbers_with_a_leading_zero_inside_an_address_stay_in_it(
    locale: str, text: str, address: str
) -> None:
    assert draft(locale, text)["customer"]["address"] == address


# -- `Ali 0123456789 5 Jalan Mawar`: a phone typed in one go, then the house number the address starts with --


@pytest.mark.parametrize(
    ("locale", "text", "phone", "address"),
    [
        ("en", "Ali 0123456789 5 Jalan Mawar Kajang, 2 dodol", "+60123456789", "5 Jalan Mawar Kajang"),
        ("en", "2 dodol, Ali 0123456789 5 Jalan Mawar Kajang", "+60123456789", "5 Jalan Mawar Kajang"),
        # the whole run is a valid 13-digit Indonesian number: the house number is still not its tail
        ("id", "Sari 081234567890 5 Jl Mawar Bogor, 1 tunik", "+6281234567890", "5 Jl Mawar Bogor"),
        ("id", "1 tunik, Sari 0812-3456-7890 12 Jl Mawar, Bogor", "+6281234567890", "12 Jl Mawar, Bogor"),
        ("vi", "Lan 0912345678 20 Nguyễn Trãi, Hà Nội, 1 kcn", "+84912345678", "20 Nguyễn Trãi, Hà Nội"),
    ],
)
def test_a_number_after_a_whole_phone_starts_the_address(
    locale: str, text: str, phone: str, address: str
) -> None:
    customer = draft(locale, text)["customer"]
    assert (customer["phone"], customer["address"]) == (phone, address)


@pytest.mark.parametrize(
    ("locale", "text", "phone"),
    [
        ("id", "Budi 0812 3456 7890, Jl Melati 5", "+6281234567890"),
        ("en", "Ali 012 345 6789, 5 Jalan Mawar", "+60123456789"),
        ("vi", "Lan 0912 345 678, 20 Nguyễn Trãi", "+84912345678"),
    ],
)
def test_a_phone_typed_in_groups_is_still_read_whole(locale: str, text: str, phone: str) -> None:
    assert draft(locale, text)["customer"]["phone"] == phone


# -- `Ah Kow order 2 kopi o`: capitalised words before an order verb name who orders ---------------------


@pytest.mark.parametrize(
    ("locale", "text", "name", "expected"),
    [
        ("en", "Ah Kow order 2 kopi o kosong, 012-345 6789, 12 Jalan Bukit Bintang KL", "Ah Kow",
         [("KOK-250", 2, 9.5)]),
        ("en", "Ah Meng nak order 1 hamper, 012-345 6789, 12 Jalan Ampang KL", "Ah Meng",
         [("HMP-RAYA", 1, 89)]),
        ("en", "Wei Ling wants 1 teh tarik, 012-345 6789, 12 Jalan Bukit Bintang KL", "Wei Ling",
         [("TTK-12", 1, 11.5)]),
        ("en", "Kumar would like 2 murukku, 0123456789, 5 Jalan Mawar Kajang", "Kumar",
         [("MRK-300", 2, 9.9)]),
        ("en", "Nurul Ain ordered 2 dodol, 0123456789, 5 Jalan Mawar Kajang", "Nurul Ain",
         [("DDR-500", 2, 15)]),
        ("id", "Budi mau order 2 kaos hitam L, 0812-3456-7890, Jl Melati 5 Bandung", "Budi",
         [("KPH-L", 2, 85000)]),
        ("id", "Bu Sari pesan 1 gamis M, 0812-3456-7890, Jl Melati 5 Bandung", "Sari",
         [("GSN-M", 1, 249000)]),
        ("id", "Dewi Lestari pengen 2 pashmina hitam, 081234567890, Jl Kenanga 3 Depok", "Dewi Lestari",
         [("HPS-HTM", 2, 45000)]),
        ("vi", "chị Hoa đặt 2 son đỏ, 0912 345 678, 12 Lê Lợi, Quận 1", "Hoa", [("SKL-DO", 2, 189000)]),
        ("vi", "Thu Trang lấy 1 toner, 0912345678, 20 Nguyễn Trãi, Hà Nội", "Thu Trang",
         [("TNR-200", 1, 175000)]),
    ],
)
def test_a_buyers_name_before_an_order_verb_is_the_name_and_the_goods_are_items(
    locale: str, text: str, name: str, expected: list[tuple[str, int, float]]
) -> None:
    assert draft(locale, text)["customer"]["name"] == name
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text", "name", "written"),
    [
        ("id", "Budi mau order 2 kaos hitam, 0812-3456-7890, Jl Melati 5", "Budi", "kaos hitam"),
        ("id", "Bu Sari pesan 1 gamis, 0812-3456-7890, Jl Melati 5", "Sari", "gamis"),
        ("en", "Kumar order 2 kerepek pisang, 0123456789, 5 Jalan Mawar", "Kumar", "kerepek pisang"),
        ("en", "Ah Kow order 2 cheesecake, 0123456789, 5 Jalan Mawar", "Ah Kow", "cheesecake"),
        ("vi", "Thu Trang đặt 1 nước hoa Chanel, 0912345678, 20 Nguyễn Trãi, Hà Nội", "Thu Trang",
         "nước hoa Chanel"),
    ],
)
def test_an_open_or_unknown_line_after_a_buyers_name_is_written_without_the_name(
    locale: str, text: str, name: str, written: str
) -> None:
    d = draft(locale, text)
    assert d["customer"]["name"] == name
    assert [it["name"] for it in d["items"]] == [written]


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "Ok I want 2 kopi o, 0123456789, 5 Jalan Mawar Kajang"),
        ("id", "Saya mau order 2 kaos hitam L, 081234567890, Jl Melati 5"),
        ("vi", "Mình đặt 2 son đỏ, 0912345678, 20 Nguyễn Trãi, Hà Nội"),
    ],
)
def test_the_writers_own_word_before_an_order_verb_names_no_one(locale: str, text: str) -> None:
    assert draft(locale, text)["customer"]["name"] is None


# -- `1 serum the ordinary`: goods no catalog sells are still an item line (sku null) -------------------


@pytest.mark.parametrize(
    ("locale", "text", "written", "qty"),
    [
        ("en", "1 serum the ordinary", "serum the ordinary", 1),
        ("en", "Ali 0123456789 5 Jalan Mawar Kajang, 1 serum the ordinary", "serum the ordinary", 1),
        ("en", "Ali 0123456789, 5 Jalan Mawar, Kajang, 2 kek batik", "kek batik", 2),
        ("id", "mau 1 serum the ordinary ya", "serum the ordinary", 1),
        ("id", "Budi 081234567890 Jl Melati 5 Bandung, 2 topi merah", "topi merah", 2),
        # unmarked, `the` is also `thẻ` (a card): before a brand's English word it is the article
        ("vi", "1 serum the ordinary", "serum the ordinary", 1),
        ("vi", "lấy 1 serum The Ordinary", "serum The Ordinary", 1),
        ("vi", "1 serum the ordinary, Lan 0912345678", "serum the ordinary", 1),
        ("vi", "1 serum the ordinary, chị Lan 0912345678, 20 Nguyễn Trãi, Hà Nội", "serum the ordinary", 1),
    ],
)
def test_an_unknown_product_is_an_item_line_without_a_sku(
    locale: str, text: str, written: str, qty: int
) -> None:
    d = draft(locale, text)
    assert [(it["sku"], it["name"], it["qty"]) for it in d["items"]] == [(None, written, qty)]
    assert d["payment"] is None
    assert "items" not in d["missing"]


@pytest.mark.parametrize(
    ("locale", "text", "address"),
    [
        ("en", "Ali 0123456789 5 Jalan Mawar, 1 serum the ordinary", "5 Jalan Mawar"),
        ("id", "Budi 081234567890 Jl Melati 5, 2 topi merah", "Jl Melati 5"),
        ("vi", "1 serum the ordinary, chị Lan 0912345678, 20 Nguyễn Trãi, Hà Nội", "20 Nguyễn Trãi, Hà Nội"),
        # a Vietnamese street typed number first, bare and unmarked, holds its own `the` (Phạm Thế Hiển)
        ("vi", "2 son đỏ, chị Lan 0912345678, 25 pham the hien, q8, hcm", "25 pham the hien, q8, hcm"),
    ],
)
def test_unknown_goods_after_an_address_are_not_part_of_it(locale: str, text: str, address: str) -> None:
    assert draft(locale, text)["customer"]["address"] == address


@pytest.mark.parametrize(
    "text", ["1 toner, thanh toan the", "2 son do thanh toan the nhe", "1 toner, quẹt thẻ"]
)
def test_a_card_named_in_vietnamese_without_marks_is_still_a_card(text: str) -> None:
    assert draft("vi", text)["payment"] == "card"


# -- `Hrg: 170rb`: sellers' abbreviations of `harga` label a price as the word does --------------------


@pytest.mark.parametrize(
    ("locale", "template", "full", "short"),
    [
        ("id", "Nama: Budi\nPesanan: kaos hitam L 2\n{}: 170rb", "Harga", "Hrg"),
        ("id", "Nama: Budi\nPesanan: kaos hitam L 2\n{}: 170rb", "Harganya", "Hrgnya"),
        ("id", "Nama: Budi\nPesanan: gamis L 1\n{}: 230rb\nOngkir: 20rb", "Harga", "Hrga"),
        ("id", "1 gamis L {} 90rb", "harga", "hrg"),
        ("id", "2 kaos hitam L, {} 80rb/pcs", "harga", "hrg"),
        ("en", "Name: Ali\nOrder: dodol 2\n{}: RM28", "Harga", "Hrg"),
        ("en", "2 dodol {} RM28", "harga", "hrg"),
        ("vi", "Tên: Lan\nĐơn: son đỏ 2\n{}: 300k", "Giá", "Gia"),
    ],
)
def test_an_abbreviated_price_label_reads_as_the_word(
    locale: str, template: str, full: str, short: str
) -> None:
    said = draft(locale, template.format(full))
    assert said["items"] and said["items"][0]["unit_price"] is not None
    assert draft(locale, template.format(short)) == said


def test_a_form_line_labelled_hrg_prices_the_line_above_it() -> None:
    assert items("id", "Nama: Budi\nPesanan: gamis L 1\nHrg: 230rb\nOngkir: 20rb") == [("GSN-L", 1, 230000)]


# -- `kurangi 1 kaos`, `bớt son đỏ`, `less 1 white coffee`: words that lower a line take goods off it -------


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "kurangi 1 kaos hitam L", [("KPH-L", 1)]),
        ("id", "kurangin pashmina cream", [("HPS-CRM", 1)]),
        ("id", "dikurangi 2 bergo hitam ya", [("BGI-HTM", 2)]),
        ("vi", "bớt 1 son đỏ", [("SKL-DO", 1)]),
        ("vi", "bớt son đỏ nha", [("SKL-DO", 1)]),
        ("vi", "giảm bớt 1 toner", [("TNR-200", 1)]),
        ("en", "less 1 white coffee", [("WC3-15", 1)]),
        ("en", "reduce 2 dodol", [("DDR-500", 2)]),
    ],
)
def test_a_word_that_lowers_takes_the_goods_after_it_off_the_card(
    locale: str, text: str, expected: list[tuple[str, int]]
) -> None:
    fix = parser(locale).read_correction(text)
    assert fix.items_op == "remove"
    assert [(it.sku, it.qty) for it in fix.draft.items] == expected
    assert fix.draft.discount is None  # `less 1 white coffee` is no discount of RM1


@pytest.mark.parametrize(
    ("locale", "text", "discount"),
    [
        ("id", "kurangin 5rb dong", Decimal(5000)),
        ("id", "dikurangi 10rb ya", Decimal(10000)),
        ("vi", "bớt 20k", Decimal(20000)),
        ("vi", "bớt cho em 20k", Decimal(20000)),
        ("en", "less RM5", Decimal(5)),
    ],
)
def test_a_word_that_lowers_before_an_amount_is_still_a_discount(
    locale: str, text: str, discount: Decimal
) -> None:
    fix = parser(locale).read_correction(text)
    assert (fix.items_op, fix.draft.discount, fix.draft.items) == (None, discount, [])


@pytest.mark.parametrize(("locale", "text"), [("id", "kurangi diskon"), ("en", "reduce discount")])
def test_lowering_the_discount_does_not_take_it_off(locale: str, text: str) -> None:
    assert not parser(locale).read_correction(text).no_discount


def test_a_phone_missing_a_digit_is_no_goods_taken_off() -> None:
    fix = parser("id").read_correction("eh kurang satu angka, 081234567890")
    assert fix.items_op is None and fix.draft.items == []


# -- `📝 FORMAT ORDER AYU HIJAB`: a form's title line under a note emoji is no note ------------------------

FORMS = {
    "id": "{}\nNama: Sari\nNo HP: 081234567890\nAlamat: Jl Melati 5 Bandung\nPesanan: pashmina cream 2",
    "vi": "{}\nTên: Lan\nSĐT: 0912345678\nĐịa chỉ: 20 Nguyễn Trãi, Hà Nội\nSản phẩm: son đỏ 2",
    "en": "{}\nName: Ali\nPhone: 0123456789\nAddress: 5 Jalan Mawar Kajang\nOrder: dodol 2",
}


@pytest.mark.parametrize(
    ("locale", "title"),
    [
        ("id", "📝 FORMAT ORDER AYU HIJAB"),
        ("id", "📝 *FORM ORDER*:"),
        ("id", "🗒 Format Pemesanan Ayu Hijab"),
        ("vi", "📝 ĐƠN HÀNG SHOP MỸ PHẨM"),
        ("vi", "📝 Mẫu đơn đặt hàng"),
        ("en", "📝 ORDER FORM KOPI KITA"),
        ("en", "📝 Order Form - Kopi Kita"),
    ],
)
def test_a_forms_title_line_is_no_note(locale: str, title: str) -> None:
    d = draft(locale, FORMS[locale].format(title))
    assert d["note"] is None
    assert d["missing"] == [] and len(d["items"]) == 1


@pytest.mark.parametrize(
    ("locale", "text", "note"),
    [
        ("id", FORMS["id"].format("📝 FORMAT ORDER") + "\n📝 Catatan: bungkus kado", "bungkus kado"),
        ("vi", FORMS["vi"].format("") + "\n📝 Đơn hàng giao trước 5h chiều nha",
         "Đơn hàng giao trước 5h chiều nha"),
        ("en", FORMS["en"].format("📝 ORDER FORM") + "\n📝 leave at the guard house",
         "leave at the guard house"),
    ],
)
def test_a_note_under_the_emoji_below_the_title_is_still_the_note(locale: str, text: str, note: str) -> None:
    assert draft(locale, text)["note"] == note
