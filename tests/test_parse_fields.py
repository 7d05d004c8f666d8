"""Labelled fields: order forms, emoji labels, typo'd labels and labels inside running text."""

from __future__ import annotations

import pytest
from parse_helpers import draft


@pytest.mark.parametrize(
    ("locale", "text", "name", "phone", "address"),
    [
        (
            "id",
            "Nama: Wulan Dari\nNo WA: 0813 1111 2222\nAlamat: Jl. Kenari No. 3, Salatiga",
            "Wulan Dari",
            "+6281311112222",
            "Jl. Kenari No. 3, Salatiga",
        ),
        (
            "id",
            "Nama Penerima : Dwi Ayu\nTelp : 0856-1111-2222\nAlamat Lengkap : Perum Asri Blok B2, Sidoarjo",
            "Dwi Ayu",
            "+6285611112222",
            "Perum Asri Blok B2, Sidoarjo",
        ),
        (
            "vi",
            "Họ tên: Trần Minh Tú\nĐiện thoại: 0903 222 111\nĐịa chỉ nhận hàng: 8 Lê Lợi, Q.1, TP.HCM",
            "Trần Minh Tú",
            "+84903222111",
            "8 Lê Lợi, Q.1, TP.HCM",
        ),
        (
            "vi",
            "Ten: Le Van Hai\nSdt: 0912 000 333\nDia chi: 5 ngo 2 Kim Ma, Ba Dinh, Ha Noi",
            "Le Van Hai",
            "+84912000333",
            "5 ngo 2 Kim Ma, Ba Dinh, Ha Noi",
        ),
        (
            "en",
            "Name: Lim Siew Lan\nContact: 012-777 3333\nAddress: 8, Jalan Melur, 43000 Kajang",
            "Lim Siew Lan",
            "+60127773333",
            "8, Jalan Melur, 43000 Kajang",
        ),
    ],
)
def test_a_filled_in_order_form_gives_name_phone_and_address(
    locale: str, text: str, name: str, phone: str, address: str
) -> None:
    c = draft(locale, text)["customer"]
    assert (c["name"], c["phone"], c["address"]) == (name, phone, address)


@pytest.mark.parametrize(
    ("locale", "text", "name", "address"),
    [
        ("id", "Nma: Sari Dewi\nAlmat: Jl. Pemuda 9, Klaten", "Sari Dewi", "Jl. Pemuda 9, Klaten"),
        (
            "id",
            "NAMA : JOKO SUSILO\nALAMAT : JL. MERDEKA 10, BLITAR",
            "JOKO SUSILO",
            "JL. MERDEKA 10, BLITAR",
        ),
        (
            "en",
            "Nmae: Chong Wei\nAdress: 3 Jalan Bukit, 11200 Penang",
            "Chong Wei",
            "3 Jalan Bukit, 11200 Penang",
        ),
    ],
)
def test_a_misspelt_or_shouted_label_is_still_a_label(
    locale: str, text: str, name: str, address: str
) -> None:
    c = draft(locale, text)["customer"]
    assert (c["name"], c["address"]) == (name, address)


@pytest.mark.parametrize(
    ("locale", "text", "name", "phone", "address"),
    [
        (
            "id",
            "👤 Rina Wati\n📱 0812 7777 8888\n📍 Jl. Gajah Mada 12, Jember",
            "Rina Wati",
            "+6281277778888",
            "Jl. Gajah Mada 12, Jember",
        ),
        (
            "en",
            "👤 Ahmad Zaki\n📞 013-222 4444\n🏠 7 Jalan Damai, 31400 Ipoh",
            "Ahmad Zaki",
            "+60132224444",
            "7 Jalan Damai, 31400 Ipoh",
        ),
    ],
)
def test_an_emoji_can_stand_for_a_label(locale: str, text: str, name: str, phone: str, address: str) -> None:
    c = draft(locale, text)["customer"]
    assert (c["name"], c["phone"], c["address"]) == (name, phone, address)


@pytest.mark.parametrize(
    ("locale", "text", "address"),
    [
        (
            "id",
            "Nama: Budi\nAlamat: Jl. Sisingamangaraja 5\nKecamatan: Medan Kota\nKota: Medan\nKode pos: 20212",
            "Jl. Sisingamangaraja 5, Medan Kota, Medan, 20212",
        ),
        (
            "en",
            "Name: Raj\nAddress: 9 Jalan Ros\nPostcode: 80000\nCity: Johor Bahru",
            "9 Jalan Ros, 80000, Johor Bahru",
        ),
    ],
)
def test_separate_address_fields_are_joined_without_their_labels(
    locale: str, text: str, address: str
) -> None:
    assert draft(locale, text)["customer"]["address"] == address


@pytest.mark.parametrize(
    ("locale", "text", "shipping", "discount"),
    [
        ("id", "Ongkir: 12rb\nDiskon: 5rb", 12000, 5000),
        ("id", "ongkir gratis ya kak, potongan 10rb", 0, 10000),
        ("vi", "Phí ship: 25.000đ\nGiảm giá: 10.000đ", 25000, 10000),
        ("vi", "freeship cho em nhé, giảm 15k", 0, 15000),
        ("en", "Postage: RM8\nDiscount: RM3", 8, 3),
        ("en", "postage free, you said RM2 discount", 0, 2),
    ],
)
def test_shipping_and_discount_are_read_from_their_labels(
    locale: str, text: str, shipping: int, discount: int
) -> None:
    d = draft(locale, text)
    assert (d["shipping_fee"], d["discount"]) == (shipping, discount)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("id", "ongkir brp kak?"),
        ("id", "ongkirnya nanti info ya"),
        ("vi", "phí ship bao nhiêu ạ"),
    ],
)
def test_asking_for_shipping_leaves_it_open(locale: str, text: str) -> None:
    assert draft(locale, text)["shipping_fee"] is None


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("id", "Nama: Tono\nAlamat: nanti aku kirim"),
        ("en", "Name: Tan\nAddress: same as last time"),
    ],
)
def test_a_promised_address_is_not_an_address(locale: str, text: str) -> None:
    assert draft(locale, text)["customer"]["address"] is None


@pytest.mark.parametrize(
    ("locale", "text", "total_free_items"),
    [
        ("id", "Pesanan: pashmina hitam 2\nTotal: 90rb", [("HPS-HTM", 2, 45000)]),
        ("vi", "Đơn: 1 serum b5\nTổng: 310k", [("SB5-30", 1, 295000)]),
    ],
)
def test_an_order_total_does_not_change_item_prices(locale: str, text: str, total_free_items: list) -> None:  # type: ignore[type-arg]
    got = [(i["sku"], i["qty"], i["unit_price"]) for i in draft(locale, text)["items"]]
    assert got == total_free_items


@pytest.mark.parametrize(("locale", "text", "name", "phone"), [
    ("id", "Pengirim: Toko Ayu (0812 1111 2222)\nPenerima: Budi Santoso\nHP: 0813 3333 4444", "Budi Santoso",
     "+6281333334444"),
    ("en", "Sender: Kedai Ahmad 012-111 2222\nRecipient: Lim Ai Ling\nPhone: 016-333 4444", "Lim Ai Ling",
     "+60163334444"),
    ("vi", "Người gửi: Shop Lan 0903 111 222\nNgười nhận: Trần Thu\nSĐT: 0912 333 444", "Trần Thu",
     "+84912333444"),
])
def test_a_dropshippers_sender_block_is_not_the_customer(
        locale: str, text: str, name: str, phone: str) -> None:
    c = draft(locale, text)["customer"]
    assert (c["name"], c["phone"]) == (name, phone)


@pytest.mark.parametrize(("locale", "text", "courier"), [
    ("id", "Kurir: POS", "pos"), ("id", "kirim via pos ya", "pos"), ("en", "Courier: Pos", "poslaju"),
    ("vi", "Vận chuyển: bưu điện", "vnpost"),
])
def test_a_courier_word_that_is_only_a_field_value(locale: str, text: str, courier: str) -> None:
    assert draft(locale, text)["courier"] == courier


def test_a_numbered_order_form() -> None:
    d = draft("id", "1. Nama : Budi\n2. No. HP : 0812-7777-1212\n"
                    "3. Alamat : Jl. Kenanga No. 7, Ciputat, Tangsel\n4. Pesanan : kaos polos putih M 2")
    address = "Jl. Kenanga No. 7, Ciputat, Tangsel"
    assert d["customer"] == {"name": "Budi", "phone": "+6281277771212", "address": address}
    assert [(i["sku"], i["qty"]) for i in d["items"]] == [("KPP-M", 2)]


@pytest.mark.parametrize(("locale", "text", "discount"), [
    ("id", "pashmina cream 2, diskon 10 persen", 9000),
    ("vi", "2 son đỏ, giảm 10%", 37800),
    ("en", "2 murukku, discount 10 percent", 1.98),
])
def test_a_percentage_discount_in_words_or_sign(locale: str, text: str, discount: float) -> None:
    assert draft(locale, text)["discount"] == discount


@pytest.mark.parametrize(("locale", "text", "discount", "shipping"), [
    ("vi", "2 son đỏ, có mã giảm 20k nha shop", 20000, None),
    ("vi", "1 son đỏ, xài mã giảm giá 15k", 15000, None),
    ("en", "2 murukku. Voucher code MERDEKA = RM3", 3, None),
    ("en", "3 murukku, discount code SALE5: -RM4.50", 4.5, None),
    ("id", "kaos polos putih M 2, kode voucher HEMAT20: -Rp10.000", 10000, None),
    ("id", "pashmina cream 2, ongkos kirimnya 12.000 ya", None, 12000),
    ("id", "pashmina cream 1 biaya kirimnya 9rb", None, 9000),
])
def test_voucher_codes_and_nya_labels_carry_the_discount_and_the_postage(
    locale: str, text: str, discount: float | None, shipping: float | None
) -> None:
    d = draft(locale, text)
    assert (d["discount"], d["shipping_fee"]) == (discount, shipping)


@pytest.mark.parametrize(("locale", "text", "name", "address"), [
    ("id", "Nama 👉 Budi Santoso\nHP 👉 0812 3456 7890\nAlamat 👉 Jl. Melati No. 3, Depok",
     "Budi Santoso", "Jl. Melati No. 3, Depok"),
    ("en", "Name -> Aina Zulkifli\nPhone -> 012-345 6789\nAddress -> 8 Jalan Mawar, 43000 Kajang",
     "Aina Zulkifli", "8 Jalan Mawar, 43000 Kajang"),
    ("vi", "Tên ➡️ Ngọc Hân\nSĐT ➡️ 0912 345 678\nĐịa chỉ ➡️ 12 Hai Bà Trưng, Q.1, HCM",
     "Ngọc Hân", "12 Hai Bà Trưng, Q.1, HCM"),
])
def test_a_pointing_arrow_between_a_label_and_its_value_is_a_colon(
    locale: str, text: str, name: str, address: str
) -> None:
    cust = draft(locale, text)["customer"]
    assert (cust["name"], cust["address"]) == (name, address)


@pytest.mark.parametrize(("locale", "text", "address"), [
    ("vi", "👤 Thu Hà\n📱 0912 345 678\n🏠 15 Nguyễn Huệ, P. Phước Trung, Bà Rịa - Vũng Tàu\n🛍 1 son đỏ",
     "15 Nguyễn Huệ, P. Phước Trung, Bà Rịa - Vũng Tàu"),
    ("vi", "Tên: Quốc Bảo\nSĐT: 0912 345 678\nĐịa chỉ: 8 Thống Nhất, Phan Rang - Tháp Chàm, Ninh Thuận",
     "8 Thống Nhất, Phan Rang - Tháp Chàm, Ninh Thuận"),
])
def test_a_hyphen_inside_a_place_name_does_not_cut_the_address(locale: str, text: str, address: str) -> None:
    assert draft(locale, text)["customer"]["address"] == address


@pytest.mark.parametrize(("text", "name", "address"), [
    ("kaos putih M 1 nggih, dikirim teng Ds. Bendo RT 01 RW 02, Kec. Ponggok, Blitar. atas nama Sri Wahyuni "
     "0857 1111 2222", "Sri Wahyuni", "Ds. Bendo RT 01 RW 02, Kec. Ponggok, Blitar"),
    ("tumbas kulot krem setunggal, kirim menyang Dsn. Krajan RT 2 RW 3, Kec. Wates. jenengku Rina "
     "0857 1111 2222",
     "Rina", "Dsn. Krajan RT 2 RW 3, Kec. Wates"),
    ("aku tuku kaos putih M siji. Dikirim teng omahku Jl. Kaliurang Km 7, Sleman. jenengku Rina Wati "
     "0857 1111 2222", "Rina Wati", None),
])
def test_javanese_recipient_words_start_the_address(text: str, name: str, address: str | None) -> None:
    cust = draft("id", text)["customer"]
    assert cust["name"] == name
    assert address is None or cust["address"] == address
