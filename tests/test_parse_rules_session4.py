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


def test_namanya_in_a_chat_export_names_the_recipient_not_the_speaker() -> None:
    text = ("[02/12/24 09.10] Bu Lastri: mbak pesan kaos polos hitam L satu buat keponakan\n"
            "[02/12/24 09.11] Bu Lastri: kirim ke keponakan saya aja, namanya Dimas Prasetyo\n"
            "[02/12/24 09.11] Bu Lastri: Jl. Veteran No. 21, Kel. Lowokwaru, Malang\n"
            "[02/12/24 09.12] Bu Lastri: hpnya 0813 4455 6677")
    assert draft("id", text)["customer"]["name"] == "Dimas Prasetyo"


def test_a_product_named_without_its_variant_then_ordered_with_one_is_one_line() -> None:
    text = ("IG: yg tanya kaos polos hitam kemarin, dia ambil kaos polos hitam XL 2. hp 0812 9911 2233, "
            "alamat nyusul")
    assert items("id", text) == [("KPH-XL", 2, 89000)]


def test_part_of_a_phone_number_is_no_quantity_of_goods() -> None:
    d = draft("en", "Uncle Lim again: 2 teh tarik 3in1. Send to Lim Ah Seng, 5 Jalan Tun Razak, "
                    "50400 Kuala Lumpur. Number he gave 016-77 only, will ask")
    assert [(it["sku"], it["qty"]) for it in d["items"]] == [("TTK-12", 2)]


def test_a_count_with_its_unit_and_a_bracketed_restatement_stays_with_its_line() -> None:
    text = "nak order keropok lekor frozen tiga kilo (3 pek) dan sambal bilis dua. Nama Ahmad 011-2233 4455"
    assert [(sku, qty) for sku, qty, _ in items("en", text)] == [("KLF-1K", 3), ("SGB-200", 2)]


def test_a_bare_size_after_eh_salah_with_ding_corrects_the_line_before() -> None:
    text = "kaos item M 1, eh salah XL ding 1, kirim ke Jl. Kartini 5 Jepara a.n. Yoga 0812 3434 5656"
    assert items("id", text) == [("KPH-XL", 1, 89000)]


@pytest.mark.parametrize(
    ("loc", "text", "expected"),
    [
        ("id", "mau kaos polos hitam L 1 sama kemeja flanel merah L 1. eh flanelnya gajadi deh, "
               "kirim ke Jl. Cemara 3, Kudus a.n. Rina 0812 1212 3434", [("KPH-L", 1, 85000)]),
        ("vi", "lấy 1 son kem lì đỏ với 1 son cam đất. à son cam đất không lấy nữa nha. gửi về 7 Lý Lợi, "
               "Huế, chị Hương 0905 123 123", [("SKL-DO", 1, 189000)]),
        ("en", "2 teh tarik 3in1 and 1 sambal bilis. Sorry, cancel the sambal bilis. Send to 3 Jalan "
               "Ampang, 50450 KL, Farid 012-445 6677", [("TTK-12", 2, 11.5)]),
    ],
)
def test_a_product_said_to_be_not_wanted_after_all_leaves_the_order(
    loc: str, text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items(loc, text) == expected


def test_a_cancel_word_without_a_product_named_keeps_the_order() -> None:
    text = ("kaos polos hitam L 2, kalau ga ready batal aja ya. kirim ke Jl. Nangka 8 Blitar a.n. Sari "
            "0812 6767 8989")
    assert items("id", text) == [("KPH-L", 2, 85000)]


def test_the_town_before_a_phone_ends_an_address_that_follows_a_name() -> None:
    d = draft("id", "kirim ke Melati Putri, Jl. Diponegoro No. 9, Kel. Sukarame, Tanjung Pinang "
                    "0812-7000-1212")
    assert d["customer"]["name"] == "Melati Putri"
    assert d["customer"]["address"] == "Jl. Diponegoro No. 9, Kel. Sukarame, Tanjung Pinang"


def test_a_parcel_for_my_cousin_goes_to_the_cousins_name() -> None:
    d = draft("en", "nak hantar 2 teh tarik 3in1 to my cousin Siti Aminah binti Yusof, 7 Jalan Kenanga 3, "
                    "43000 Kajang, Selangor, 017-330 2211")
    assert d["customer"]["name"] == "Siti Aminah binti Yusof"


def test_a_bare_size_number_after_a_correction_picks_that_size() -> None:
    text = ("Kak pesan sneakers putih 41 1 ya. eh salah, 42 deh kak, biar longgar. Kirim ke Jl. Sudirman "
            "No. 12, Tegal a.n. Bayu Aji 0857 1212 8989")
    assert items("id", text) == [("SNP-42", 1, 189000)]


# -- unseen11's kinds ----------------------------------------------------------------------------------------


def test_a_courier_label_holding_a_street_is_the_address() -> None:
    d = draft("vi", "Đơn web #1201\nKhách: Phạm Minh Tú\nĐT: 0912 880 771\n"
                    "Giao: 15/2 Lê Văn Sỹ, P.13, Q.3, TP.HCM\n- Son kem lì Đỏ x1: 189k")
    assert d["customer"]["address"] == "15/2 Lê Văn Sỹ, P.13, Q.3, TP.HCM"
    assert d["channel"] == "website"
    assert draft("vi", "Son kem lì Đỏ x1\nGiao: GHTK\nTên: Lan 0912 880 771")["courier"] == "ghtk"


def test_an_address_field_with_the_name_and_phone_and_the_street_below() -> None:
    d = draft("en", "Lazada | Order 9912\nShipping Address: Nur Aisyah, 013-228 9911\n"
                    "12 Jalan Mawar 3, Taman Melati, 53100 Kuala Lumpur\nItem: Teh Tarik 3in1 x2")
    assert (d["customer"]["name"], d["customer"]["address"]) == (
        "Nur Aisyah", "12 Jalan Mawar 3, Taman Melati, 53100 Kuala Lumpur")


def test_shipping_to_is_where_not_a_fee() -> None:
    d = draft("en", "Recipient: Lee Mun Kit\nMobile: 012-660 2211\nShipping to: 8 Jalan Tasik, 56000 Cheras\n"
                    "Teh Tarik 3in1 x1")
    assert (d["customer"]["address"], d["shipping_fee"]) == ("8 Jalan Tasik, 56000 Cheras", None)


def test_marketplace_fee_and_shop_voucher_lines() -> None:
    d = draft("id", "Pesanan Shopee\nKaos Polos Hitam L x1 Rp85.000\nSubtotal Pengiriman Rp9.000\n"
                    "Voucher Toko -Rp5.000\nAlamat: Jl. Anggrek 2, Depok\nNama: Tia 0812 3030 4040")
    assert (d["shipping_fee"], d["discount"]) == (9000, 5000)
    assert draft("vi", "Son kem lì Đỏ x1 ₫189.000\nVoucher của Shop: -₫20.000\nTên: Lan 0912 880 771")[
        "discount"] == 20000


def test_an_order_word_after_a_platform_tag_and_before_a_comma() -> None:
    d = draft("id", "IG: Pesanan Ibu Marlina, kaos polos hitam L 1 pcs. Alamat: Jl. Kapten Muslim 8, Medan. "
                    "No: 0812 6161 7171")
    assert d["customer"]["name"] == "Marlina"


def test_bali_banjar_abbreviation_does_not_end_a_sentence() -> None:
    d = draft("id", "ini alamatku kak: Made Suryani, Br. Kelod, Desa Sukawati, Gianyar, Bali 80582. "
                    "0878 1122 3344. kaos polos hitam L 1")
    assert d["customer"]["name"] == "Made Suryani"
    assert d["customer"]["address"] == "Br. Kelod, Desa Sukawati, Gianyar, Bali 80582"


def test_which_home_before_the_address() -> None:
    assert draft("id", "kaos polos hitam L 1, kirim ke kantor aja di Jl. Sudirman Kav. 5, Jakarta. a.n. Bima "
                       "0812 2323 4545")["customer"]["address"] == "Jl. Sudirman Kav. 5, Jakarta"
    assert draft("vi", "lay 1 son do nha, gui ve nha moi: 12 Tran Hung Dao, Q.5, HCM. ten Thu 0905 111 777")[
        "customer"]["address"] == "12 Tran Hung Dao, Q.5, HCM"


def test_a_question_offering_ways_to_pay_is_no_answer() -> None:
    text = ("[Zalo] Khách: em lấy 1 son kem lì đỏ\n[Zalo] Khách: Gửi về: 5 Lê Lợi, Huế\n"
            "[Zalo] Khách: Lan 0912 345 678\n[Zalo] Shop: Dạ chị ck hay cod ạ?\n[Zalo] Khách: cod nha em")
    assert draft("vi", text)["payment"] == "cod"


def test_vietnamese_to_is_big_not_an_english_to() -> None:
    text = ("chị lấy một chai nước tẩy trang loại to 400ml nha, gửi về số 3 ngõ 5 Kim Mã, Ba Đình, Hà Nội, "
            "chị tên là Lê Thu, số điện thoại 0912 334 455")
    d = draft("vi", text)
    assert d["customer"]["address"] == "số 3 ngõ 5 Kim Mã, Ba Đình, Hà Nội"
    assert [(it["sku"], it["qty"]) for it in d["items"]] == [("NTT-400", 1)]


def test_a_reason_given_in_passing_is_no_part_of_the_line() -> None:
    text = ("kak aku mau kemeja flanel yang merah, ukurannya M eh bukan bukan, L aja deh soalnya adikku "
            "tinggi, satu aja. alamat Jl. Merdeka 5, Bogor a.n. Yuni 0812 4141 5252")
    assert items("id", text) == [("KFM-L", 1, 149000)]


def test_a_price_on_the_line_after_the_quantity_line_is_the_lines() -> None:
    text = ("Pesanan Shopee\nAlamat Pengiriman\nRatih Lestari\n(+62) 857-2222-3131\n"
            "Jl. Pemuda No. 3, Klaten\nKaos Polos Hitam\nVariasi: L\nx2\nRp170.000\n"
            "Subtotal Pengiriman Rp9.000\nTotal Pesanan Rp179.000")
    assert items("id", text) == [("KPH-L", 2, 85000)]


@pytest.mark.parametrize(
    ("loc", "text", "address"),
    [
        ("vi", "lấy 1 son kem lì đỏ nha. Giao về 72 Lê Lợi, P. Bến Thành, Q.1 à nhầm, số 27 chứ không "
               "phải 72 ạ. Tên Mai, sđt 0903 121 212", "27 Lê Lợi, P. Bến Thành, Q.1"),
        ("id", "kaos polos hitam L 1. kirim ke Jl. Anggrek No. 12, Bogor. eh salah, no 21 bukan 12. a.n. "
               "Dewi 0812 7878 9090", "Jl. Anggrek No. 21, Bogor"),
    ],
)
def test_a_correction_of_the_house_number_fixes_the_address(loc: str, text: str, address: str) -> None:
    assert draft(loc, text)["customer"]["address"] == address


# -- unseen12's kinds ----------------------------------------------------------------------------------------


def test_a_payment_status_paid_on_the_market_is_marketplace() -> None:
    d = draft("en", "[Lazada] New order 5512\nRecipient: Lim Bee Lian\nMobile: 012-700 8811\n"
                    "Shipping address: 4 Jalan Bayu, 11900 Bayan Lepas, Pulau Pinang\n"
                    "Teh Tarik 3in1 x1 RM11.50\nPayment status: Paid (Lazada)")
    assert d["payment"] == "marketplace"


def test_whose_house_it_is_is_no_address_and_cash_when_it_reaches_is_cod() -> None:
    d = draft("en", "boss I want 2 teh tarik 3in1. Send to my sister's place ah, name Kavitha Raj, number "
                    "016 330 2244, address 9 Jalan Mutiara 2, Taman Mutiara, 56000 Cheras. "
                    "I pay cash when it reach")
    assert (d["customer"]["name"], d["customer"]["address"], d["payment"]) == (
        "Kavitha Raj", "9 Jalan Mutiara 2, Taman Mutiara, 56000 Cheras", "cod")


def test_javanese_pay_when_the_goods_arrive_is_cod() -> None:
    d = draft("id", "halo mbak, iki Bu Sumi. aku arep tuku kaos polos hitam L siji. kirimke nang "
                    "Jl. Kaliurang Km 7, Sleman. nomerku 0813 2211 4455. bayare nek barange wis teko wae yo")
    assert (d["customer"]["name"], d["payment"]) == ("Sumi", "cod")


def test_a_label_with_a_qualifier_before_its_colon_in_running_text() -> None:
    d = draft("id", "aku ambil kaos polos hitam L 1 ya kak 👍 Alamat kos: Jl. Tubagus Ismail No. 9 kamar 2, "
                    "Coblong, Bandung. Nama Rudi, 0877 1100 2200")
    assert d["customer"]["address"] == "Jl. Tubagus Ismail No. 9 kamar 2, Coblong, Bandung"


def test_a_changed_quantity_with_a_reason_and_its_price_asked_after() -> None:
    text = ("Kak aku mau kaos polos hitam L 2... eh 3 deh biar sekalian buat kakak. Kirim ke Jl. Merpati 4, "
            "Pontianak. Nama Dina, 0853 1111 2222. Harganya Rp 85.000,- kan kak?")
    assert items("id", text) == [("KPH-L", 3, 85000)]


def test_a_packers_note_holds_no_address() -> None:
    d = draft("en", "Website order: Alice Tan, 5 Jalan Ampang, 50450 Kuala Lumpur. Tel 012-334 5566. "
                    "2 teh tarik 3in1. Note: deliver to the guardhouse after 6pm.")
    assert d["customer"]["address"] == "5 Jalan Ampang, 50450 Kuala Lumpur"


# -- unseen13's kinds ----------------------------------------------------------------------------------------


def test_a_website_customer_label() -> None:
    d = draft("id", "Pesanan baru dari website\nPelanggan: Maria Ulfa\nTelepon: 0821-7000-1122\n"
                    "Alamat kirim: Jl. Sam Ratulangi 4, Manado\nItem: Kaos Polos Hitam (L) x 1")
    assert d["customer"]["name"] == "Maria Ulfa"


def test_chinese_labels_in_a_malaysian_order() -> None:
    d = draft("en", "老板 hi, order 2 teh tarik 3in1. 地址: 12 Jalan Imbi, 55100 Kuala Lumpur. "
                    "名字 Lee Mei Ling, 电话 012-778 1200. Send by Grab")
    assert (d["customer"]["name"], d["customer"]["address"]) == (
        "Lee Mei Ling", "12 Jalan Imbi, 55100 Kuala Lumpur")


def test_a_price_per_tub_is_each() -> None:
    d = draft("en", "Ali Hassan, 013-220 1100, 3 Jalan Mawar, 34600 Kamunting. cornflakes madu x2 "
                    "(live price RM12.90/tub)")
    assert [(it["sku"], it["qty"], it["unit_price"]) for it in d["items"]] == [("CRF-MDU", 2, 12.9)]


def test_javanese_kirim_neng_starts_the_address() -> None:
    d = draft("id", "mbak aku pesen kaos polos hitam L siji kirim neng jl kaliurang km 7 sleman "
                    "jenengku rina nomerku 085729011122 cod")
    assert d["customer"]["address"] is not None and d["customer"]["address"].startswith("jl kaliurang km 7")
    assert [(it["sku"], it["qty"]) for it in d["items"]] == [("KPH-L", 1)]


def test_a_question_word_is_no_name() -> None:
    text = ("[10.01, 02/12/2024] Bu Wati: kak mau kaos polos hitam L satu\n"
            "[10.02, 02/12/2024] Bu Wati: kirim ke Jl. Dahlia 3, Malang\n"
            "[10.03, 02/12/2024] Seller: a.n siapa bu?\n"
            "[10.04, 02/12/2024] Bu Wati: a.n Wati Lestari, 0813-2020-3030")
    assert draft("id", text)["customer"]["name"] == "Wati Lestari"


def test_a_correction_counting_digits_is_no_quantity() -> None:
    text = ("pesan kulot hitam 2 ya kak, a.n Dinda 0857 1234 889 eh kurang satu angka, 0857 1234 8891. "
            "Jl. Pahlawan 3 Semarang")
    d = draft("id", text)
    assert (d["customer"]["phone"], [(it["sku"], it["qty"]) for it in d["items"]]) == (
        "+6285712348891", [("CKL-HTM", 2)])
