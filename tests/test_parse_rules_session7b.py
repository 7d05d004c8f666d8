"""General rules for the misreadings a tester typing like a seller found (session 7b), each on messages of
our own (other names, places and products than the tester's), with guards against overreach."""

from __future__ import annotations

from decimal import Decimal

import pytest
from parse_helpers import draft, items, parser

# -- a bare number before lower-case words starts a street only in Vietnamese, and never with a price -------


@pytest.mark.parametrize(
    ("loc", "text", "item", "name", "address"),
    [
        ("id", "3 kaos kaki putih 30rb, Dedi 081377788899, Jl Melati 12 Bogor",
         (None, 3, 10000), "Dedi", "Jl Melati 12 Bogor"),
        ("id", "4 bros mutiara, Yuni 082133344455, Jl Anggrek 7 Solo",
         (None, 4, None), "Yuni", "Jl Anggrek 7 Solo"),
        ("id", "1 dompet kulit 120rb, Sari 085612345678, Perum Griya Asri B2 Bekasi",
         (None, 1, 120000), "Sari", "Perum Griya Asri B2 Bekasi"),
        ("vi", "2 mũ bảo hiểm 150k, Lan 0905123456, 12 Lê Lợi Huế",
         (None, 2, 75000), "Lan", "12 Lê Lợi Huế"),
        ("vi", "1 kep toc 30k, chi Thu 0912333444, 8 tran phu, nha trang",
         (None, 1, 30000), "Thu", "8 tran phu, nha trang"),
    ],
)
def test_an_unknown_product_first_is_a_line_not_a_street(
    loc: str, text: str, item: tuple[None, int, int | None], name: str, address: str
) -> None:
    d = draft(loc, text)
    assert items(loc, text) == [item]
    assert d["customer"]["name"] == name
    assert d["customer"]["address"] == address


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("lay 1 son kem li do nha, 56 hung vuong, hai chau, da nang. Ten Vo Thi Lan 0905 111 222",
         "56 hung vuong, hai chau, da nang"),
        ("e lay 1 ntt 100ml, e o 45 ng trai, p2, tp soc trang. ten Lam Thi Be 0939 60 71 82",
         "45 ng trai, p2, tp soc trang"),
    ],
)
def test_a_vietnamese_street_typed_in_lower_case_is_still_the_address(text: str, address: str) -> None:
    assert draft("vi", text)["customer"]["address"] == address


# -- `…, free ongkir`: the free word cut from its postage label is no part of the address before it ---------


@pytest.mark.parametrize(
    ("loc", "text", "address"),
    [
        ("id", "2 pashmina hitam, atas nama Wulan 0813 4455 6677, Jl Diponegoro 5 Kediri, gratis ongkir ya",
         "Jl Diponegoro 5 Kediri"),
        ("id", "2 pashmina hitam, a.n Wulan 0813 4455 6677, Jl Diponegoro 5 Kediri free ongkir",
         "Jl Diponegoro 5 Kediri"),
        ("id", "order 1 gamis navy L, nama Putri 0857 1122 3344, alamat Jl Merdeka 10 Cirebon, "
         "bebas ongkir kak",
         "Jl Merdeka 10 Cirebon"),
        ("en", "1 kopi o, name Aisyah 012-555 6677, 3 Jalan Teratai, Kuantan, free postage",
         "3 Jalan Teratai, Kuantan"),
        ("vi", "lay 1 son kem li do, ten Hoa 0905 111 222, 12 Le Loi, Hue, free ship", "12 Le Loi, Hue"),
    ],
)
def test_a_free_word_before_the_postage_label_is_not_the_address(loc: str, text: str, address: str) -> None:
    d = draft(loc, text)
    assert d["customer"]["address"] == address
    assert d["shipping_fee"] == 0


def test_a_free_postage_label_alone_in_its_part_leaves_the_name_after_it() -> None:
    d = draft("id", "2 pashmina hitam, diskon 10rb, free ongkir, Wulan 0813 4455 6677, Jl Diponegoro 5 "
                    "Kediri")
    assert (d["customer"]["name"], d["shipping_fee"], d["discount"]) == ("Wulan", 0, 10000)


@pytest.mark.parametrize(
    ("text", "shipping", "discount"),
    [
        ("2 gamis navy XL, total 568rb udah potong diskon 40rb, free ongkir. Jl. Gatot Subroto 2, Kisaran",
         0, 40000),
        ("2 pashmina hitam, Wulan 0813 4455 6677, Jl Diponegoro 5 Kediri, ongkir 15rb", 15000, None),
    ],
)
def test_the_amount_before_a_free_word_stays_with_its_own_label(
    text: str, shipping: int, discount: int | None
) -> None:
    d = draft("id", text)
    assert (d["shipping_fee"], d["discount"]) == (shipping, discount)


# -- one price-word amount after several unpriced lines is what the order costs, no line's price ------------


@pytest.mark.parametrize(
    ("loc", "text", "want"),
    [
        ("vi", "lấy 1 toner + 2 mặt nạ, giá 400k, tên Quỳnh 0912 222 333, 5 Hai Bà Trưng, Huế",
         [("TNR-200", 1, 175000), ("MNG-H10", 2, 150000)]),
        ("id", "2 pashmina hitam + 1 segiempat milo, harga 155rb, a.n Dewi 0812 1111 2222, Jl Pemuda 4 "
         "Semarang",
         [("HPS-HTM", 2, 45000), ("HSV-MLO", 1, 65000)]),
        ("en", "2 kopi o + 1 teh tarik, price RM30, Farah 012-777 1234, 8 Jalan Kenari, Klang",
         [("KOK-250", 2, 9.5), ("TTK-12", 1, 11.5)]),
    ],
)
def test_a_price_for_several_lines_is_the_orders_not_theirs(
    loc: str, text: str, want: list[tuple[str, int, float]]
) -> None:
    assert sorted(items(loc, text)) == sorted(want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("khach zalo: 2 dau goi buoi, gia 450k, ten Linh 0905 666 777, 120 Nguyen Van Linh, Da Nang",
         [("DGB-300", 2, 225000)]),
        ("lấy 2 toner + 1 mặt nạ, giá 160k/chai, tên Quỳnh 0912 222 333, 5 Hai Bà Trưng, Huế",
         [("TNR-200", 2, 160000), ("MNG-H10", 1, 160000)]),
    ],
)
def test_a_price_for_one_line_or_marked_per_unit_still_prices_the_lines(
    text: str, want: list[tuple[str, int, int]]
) -> None:
    assert sorted(items("vi", text)) == sorted(want)


# -- `7 tran hung dao q5 hcm`: a lower-case Vietnamese street run on into its district or city ---------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("lay 2 son kem li do, anh Tuan 0912 345 678, 25 le van sy p13 q3", "25 le van sy p13 q3"),
        ("e lay 1 toner nha, chi Ngoc 0988 777 666, 14 nguyen trai thanh xuan ha noi",
         "14 nguyen trai thanh xuan ha noi"),
        ("1 kcn, Mai 0905 123 123, 33 bach dang hai chau da nang", "33 bach dang hai chau da nang"),
    ],
)
def test_a_lower_case_street_ending_in_its_district_or_city_is_the_address(text: str, address: str) -> None:
    assert draft("vi", text)["customer"]["address"] == address


def test_a_lower_case_line_of_goods_alone_is_no_street() -> None:
    d = draft("vi", "chi Ngoc 0988 777 666, 14 Nguyen Trai, Ha Noi. lay 2 mu bao hiem nha")
    assert d["customer"]["address"] == "14 Nguyen Trai, Ha Noi"


# -- `Lan đặt 1 kem chống nắng …`: capitalised words right before an order verb and its goods name the buyer


@pytest.mark.parametrize(
    ("loc", "text", "name"),
    [
        ("vi", "Nguyễn Thị Hằng lấy 2 son kem lì đỏ, 0912 345 678, 18 Trần Phú, Nha Trang",
         "Nguyễn Thị Hằng"),
        ("id", "Rina pesan 2 pashmina hitam, 0812 3456 7890, Jl Kenanga 3 Depok", "Rina"),
        ("id", "Siang kak, Rina mau pesan 2 pashmina hitam, 0812 3456 7890, Jl Kenanga 3 Depok", "Rina"),
        ("en", "Kumar order 2 kopi o, 016-777 8888, 12 Lorong Maju, Ipoh", "Kumar"),
    ],
)
def test_a_name_right_before_an_order_verb_is_the_buyers(loc: str, text: str, name: str) -> None:
    assert draft(loc, text)["customer"]["name"] == name


@pytest.mark.parametrize(
    ("loc", "text"),
    [
        ("vi", "Mình đặt 1 kem chống nắng, 0987654321, 45 Lê Lợi Hà Nội"),
        ("vi", "Dạ lấy 2 toner nha, 0987654321, 45 Lê Lợi Hà Nội"),
        ("id", "Saya pesan 2 pashmina hitam, 0812 3456 7890, Jl Kenanga 3 Depok"),
        ("id", "Jadi ambil 2 pashmina hitam, 0812 3456 7890, Jl Kenanga 3 Depok"),
        ("en", "I want 2 kopi o, 016-777 8888, 12 Lorong Maju, Ipoh"),
        ("en", "Alright need 2 kopi o, 016-777 8888, 12 Lorong Maju, Ipoh"),
        ("en", "Boss nak 2 kopi o, 016-777 8888, 12 Lorong Maju, Ipoh"),
    ],
)
def test_the_writers_own_word_before_an_order_verb_names_no_one(loc: str, text: str) -> None:
    assert draft(loc, text)["customer"]["name"] is None


# -- `buyer Kumar 016…`, `customer Tan Mei Ling …`: a bare buyer label before a name, not before chat --------


@pytest.mark.parametrize(
    ("loc", "text", "name"),
    [
        ("en", "Lazada order: 2 kopi o, customer Tan Mei Ling 012-888 9999, 7 Jalan Ros, Taiping",
         "Tan Mei Ling"),
        ("id", "order shopee: 2 pashmina hitam, buyer Lestari 0813 4455 6677, Jl Gatot Subroto 21 Denpasar",
         "Lestari"),
        ("id", "2 pashmina hitam, buyer lestari ayu 0813 4455 6677, Jl Gatot Subroto 21 Denpasar",
         "lestari ayu"),
    ],
)
def test_a_bare_buyer_label_names_the_buyer(loc: str, text: str, name: str) -> None:
    assert draft(loc, text)["customer"]["name"] == name


@pytest.mark.parametrize(
    "text",
    [
        "Shopee order 2 teh tarik, buyer paid on Lazada, Farid 013-444 5555, 2 Jalan Mawar, Kuantan",
        "customer service said ok, 2 kopi o, Farid 013-444 5555, 2 Jalan Mawar, Kuantan",
    ],
)
def test_the_buyer_word_in_a_sentence_labels_nothing(text: str) -> None:
    assert draft("en", text)["customer"]["name"] == "Farid"


# -- `RM 7,50`: the comma before the two digits of cents is a decimal comma, no cut between parts ------------


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("shipping RM 7,50", "shipping_fee", 7.5),
        ("postage jadi RM 9,90 ya", "shipping_fee", 9.9),
        ("discount RM2,50", "discount", 2.5),
    ],
)
def test_a_correction_with_a_decimal_comma_keeps_its_cents(text: str, field: str, value: float) -> None:
    fix = parser("en").read_correction(text)
    assert field in fix.mentioned
    assert getattr(fix.draft, field) == Decimal(str(value))


def test_a_line_total_and_postage_with_decimal_commas() -> None:
    d = draft("en", "2 kopi o RM 19,00, Farid 013-444 5555, 2 Jalan Mawar, Kuantan, postage RM 7,50")
    assert items("en", "2 kopi o RM 19,00, Farid 013-444 5555, 2 Jalan Mawar") == [("KOK-250", 2, 9.5)]
    assert d["shipping_fee"] == 7.5
    assert d["customer"]["address"] == "2 Jalan Mawar, Kuantan"


def test_a_comma_and_a_space_after_an_amount_still_cut_the_parts() -> None:
    d = draft("en", "Farid 013-444 5555, 2 kopi o, postage RM8, 50 Jalan Mawar, Kuantan")
    assert d["shipping_fee"] == 8
    assert d["customer"]["address"] == "50 Jalan Mawar, Kuantan"
