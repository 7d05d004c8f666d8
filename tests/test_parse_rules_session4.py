"""General rules for the error kinds the held-out stand-in unseen10 showed (session 4), each on messages of
our own (other names, places and products than the set's), in the languages it applies to."""

from __future__ import annotations

import pytest
from parse_helpers import draft, items

# -- a form label with a bracketed hint ----------------------------------------------------------------


def test_a_bracketed_hint_after_a_form_label_keeps_the_label() -> None:
    d = draft("id", "Nama Lengkap: Sinta Dewi\nNo HP: 0812 7711 2200\n"
                    "Alamat Lengkap (Jalan, No Rumah, Kecamatan, Kota): Jl. Kenanga No. 8, Kec. Beji, Depok\n"
                    "Pesanan: kaos polos hitam L 1")
    assert d["customer"]["address"] == "Jl. Kenanga No. 8, Kec. Beji, Depok"


def test_a_voucher_code_in_brackets_after_a_discount_label_is_no_amount() -> None:
    d = draft("en", "Website order\nShip to: Farah Aziz\n+60 13-220 4410\n12 Jalan Mawar, 40100 Shah Alam\n"
                    "Teh Tarik 3in1 × 2 — RM23.00\nDiscount (MERDEKA15): -RM5.00\nShipping: RM0.00")
    assert d["discount"] == 5


def test_a_hint_naming_another_field_is_not_the_labels() -> None:
    d = draft("id", "Nama (pengirim): Toko Ani\nNama penerima: Rudi Hartono\nHP: 0813 9090 1122\n"
                    "Alamat: Jl. Cendana 9, Malang\nPesanan: kaos polos hitam L 1")
    assert d["customer"]["name"] == "Rudi Hartono"


# -- the value taken back after the new one --------------------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "text", "expected"),
    [
        ("vi", "lay 2 son kem li cam dat nha, a nham, son do chu ko phai cam dat. gui ve 8 Tran Phu, "
               "Nha Trang. "
               "chi Ngoc 0905 221 343", [("SKL-DO", 2, 189000)]),
        ("id", "kaos hitam XL 1 ya kak, eh salah, M bukan XL. kirim ke Jl. Salak 2 Bogor a.n. Tono "
               "0812 5566 7788",
         [("KPH-M", 1, 85000)]),
    ],
)
def test_a_correction_taking_back_the_old_value_after_the_new_one_keeps_the_new(
    loc: str, text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items(loc, text) == expected


# -- a phone, courier or way to pay changed by a later correction ------------------------------------------


def test_a_phone_and_courier_named_after_a_correction_replace_the_earlier_ones() -> None:
    d = draft("id", "Pesen kaos polos hitam L 2\nnama: Wulan Sari\nhp 0857-1100-2233\n"
                    "alamat: Jl. Pahlawan No. 3, Semarang\nkirim jne\n"
                    "eh salah nomernya kak, yg bener 0857-1100-2244\nkurirnya sicepat aja, jne lama")
    assert (d["customer"]["phone"], d["courier"]) == ("+6285711002244", "sicepat")


def test_a_courier_changed_with_actually_is_the_new_one() -> None:
    d = draft("en", "Aisyah Rahman 012-330 4455 | 7 Jalan Teratai, 81100 Johor Bahru | 2 teh tarik 3in1 | "
                    "J&T -> actually change to Pos Laju | paid")
    assert d["courier"] == "poslaju"


def test_two_phones_without_a_correction_keep_the_first() -> None:
    d = draft("id", "nama: Dedi\nhp 0812-3300-1100\nalamat: Jl. Mawar 2, Solo\nkaos polos hitam L 1\n"
                    "hp kantor 0271 700 800")
    assert d["customer"]["phone"] == "+6281233001100"


# -- a message headed by an order word and the buyer's name ------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "text", "name"),
    [
        ("id", "Order Pak Joko (langganan)\n- kaos polos hitam L x1 = 85rb\n"
               "kirim ke Jl. Gajah Mada 3, Kediri\n"
               "hp 0813-5050-6060", "Joko"),
        ("id", "Pesanan Ratna Kusuma: kaos polos hitam M 1. Alamat Jl. Sudirman 4, Pekanbaru. "
               "Hp 0812 6060 7070",
         "Ratna Kusuma"),
        ("en", "Order for Melissa Tan: 2 teh tarik 3in1, send to 3 Jalan Kuching, 51200 Kuala Lumpur. "
               "016-778 9900",
         "Melissa Tan"),
        ("vi", "Đơn của Trần Thu Hà: 1 son kem lì đỏ, gửi về 5 Lê Lợi, Huế. 0905 667 788", "Trần Thu Hà"),
    ],
)
def test_an_order_headed_by_a_persons_name_is_theirs(loc: str, text: str, name: str) -> None:
    assert draft(loc, text)["customer"]["name"] == name


@pytest.mark.parametrize(
    ("loc", "text"),
    [
        ("id", "Pesanan kaos polos hitam L 2, kirim ke Jl. Melati 4, Bandung. 0812 4411 2233"),
        ("id", "Order IG: kaos polos hitam L 1, alamat Jl. Kenari 2, Bogor, 0812 5511 2233"),
    ],
)
def test_an_order_word_before_goods_or_a_channel_names_nobody(loc: str, text: str) -> None:
    assert draft(loc, text)["customer"]["name"] is None


# -- a run-on address followed by the goods ----------------------------------------------------------------


def test_goods_after_a_run_on_address_are_read_once() -> None:
    text = "Gửi về 45 Nguyễn Huệ, P. Bến Nghé, Q.1 giúp em 2 son kem lì đỏ với 1 son cam đất nha"
    assert items("vi", text) == [("SKL-DO", 2, 189000), ("SKL-CAM", 1, 189000)]


# -- words --------------------------------------------------------------------------------------------------


def test_javanese_phone_and_recipient_words() -> None:
    d = draft("id", "Mbak, aku tuku kaos polos hitam L siji. Kirimno nang Mas Bagus Santoso, "
                    "Jl. Pemuda No. 7, Klaten. Nomere 0857-3030-4040. Bayare COD")
    assert (d["customer"]["name"], d["customer"]["phone"]) == ("Bagus Santoso", "+6285730304040")


def test_a_word_before_a_repeat_buyers_name_is_not_part_of_it() -> None:
    d = draft("en", "Same as last time. Still Kelvin Ong, 012-556 7788, 9 Jalan Ipoh, 51200 Kuala Lumpur. "
                    "2 teh tarik 3in1")
    assert d["customer"]["name"] == "Kelvin Ong"


def test_a_labelled_unit_price_is_each() -> None:
    text = "Sản phẩm: Son kem lì Đỏ x2 - đơn giá 189.000₫\nNgười nhận: Lê Mai\nSĐT: 0905 111 222\n" \
           "Địa chỉ: 3 Hùng Vương, Huế"
    assert items("vi", text) == [("SKL-DO", 2, 189000)]


def test_malay_cash_when_the_goods_arrive_is_cod() -> None:
    d = draft("en", "nak 2 teh tarik 3in1. Nama Zulkifli, 013-440 5566, 4 Jalan Kenari, 08000 Sungai Petani. "
                    "Bayar tunai bila barang sampai")
    assert d["payment"] == "cod"
