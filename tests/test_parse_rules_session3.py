"""General rules for the error kinds the held-out stand-in unseen5 showed (session 3), each on messages of
our own (other names, places and products than the set's), in the languages it applies to."""

from __future__ import annotations

import pytest
from parse_helpers import draft, items

# -- a correction that names the value it takes back ----------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "text", "expected"),
    [
        ("id", "sepatu sneakers putih 39 satu ya kak.. eh salah, ukuran 42 aja kak bukan 39. "
               "kirim ke Jl. Kenari No. 3, Bogor. a.n. Dimas Saputra 0813-2200-4411",
         [("SNP-42", 1, 189000)]),
        ("id", "kaos hitam M 2 ya, eh salah bukan M tapi XL. kirim ke Jl. Mangga 4 Bekasi a.n. Rudi "
               "0812 7788 1122", [("KPH-XL", 2, 89000)]),
        ("en", "Order: 1 arabica ground... sorry, make it whole bean, not ground. Name: Alvin Tan, "
               "5 Jalan Bunga, 30450 Ipoh. Tel 016-220 3344", [("ARB-WB", 1, 32)]),
        ("vi", "lấy 1 son kem lì đỏ nha, à nhầm, son cam đất chứ không phải son đỏ. gửi về 12 Lý Thường "
               "Kiệt, Huế. Chị Thảo 0905 112 233", [("SKL-CAM", 1, 189000)]),
    ],
)
def test_a_correction_naming_the_value_it_takes_back_leaves_the_new_one(
    loc: str, text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items(loc, text) == expected


def test_a_no_before_punctuation_is_an_interjection_and_the_value_follows_it() -> None:
    text = "kaos putih M 1, eh bukan, XL. kirim ke Jl. Durian 7 Solo a.n. Wati 0812 3344 5566"
    assert items("id", text) == [("KPP-XL", 1, 89000)]


# -- a quantity changed in passing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "text", "expected"),
    [
        ("id", "ralat kak, kaos putih L 1 jadinya 4 ya. kirim ke Jl. Salak 9 Cirebon a.n. Nina "
               "0857 1100 2233", [("KPP-L", 4, 85000)]),
        ("id", "kaos hitam M 3 -> 2 aja kak. Jl. Pepaya 12 Garut a.n. Dodi 0813 5566 7788",
         [("KPH-M", 2, 85000)]),
        ("vi", "son kem lì đỏ 1 thành 2 nha. gửi 5 Trần Hưng Đạo, Quy Nhơn. Anh Nam 0935 667 788",
         [("SKL-DO", 2, 189000)]),
    ],
)
def test_a_quantity_changed_in_passing_takes_the_new_one(
    loc: str, text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items(loc, text) == expected


# -- an amount for one line in all -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "text", "expected"),
    [
        ("id", "mau 3 kaos putih M, jadi 240rb total ya kak. sama 1 kaos hitam L. Jl. Jambu 3 Malang a.n. "
               "Sari 0812 4455 6677", [("KPP-M", 3, 80000), ("KPH-L", 1, 85000)]),
        ("en", "2 arabica ground, RM60 total. Deliver to 8 Jalan Mawar, 10400 Penang. Ken 012-334 5566",
         [("ARB-GR", 2, 30)]),
    ],
)
def test_a_total_right_after_one_line_is_that_lines_price_in_all(
    loc: str, text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items(loc, text) == expected


def test_a_total_after_several_unpriced_lines_is_not_one_lines_price() -> None:
    text = "kaos hitam M 1 dan kaos putih L 1, total 170rb. Jl. Nanas 5 Kediri a.n. Bayu 0813 9988 7766"
    assert items("id", text) == [("KPH-M", 1, 85000), ("KPP-L", 1, 85000)]


# -- words written without their vowels ----------------------------------------------------------------


@pytest.mark.parametrize("pay", ["bayar dtmpt", "byr ditempat", "byr dtmpt aja", "bayar pas brng smp"])
def test_a_payment_phrase_written_without_vowels_is_read(pay: str) -> None:
    text = f"kaos hitam L 1. Jl. Sawo 2 Blitar a.n. Iwan 0812 1212 3434. {pay} ya kak"
    assert draft("id", text)["payment"] == "cod"


# -- address units that fold to common words -------------------------------------------------------------


def test_an_address_unit_written_with_its_marks_starts_the_address() -> None:
    text = ("Đặt hàng: Trần Văn Khải, 0971 223 344, tổ 12, ấp Phú Hòa, xã Long Hưng, huyện Châu Thành, Tiền "
            "Giang. 1 son dưỡng")
    assert draft("vi", text)["customer"]["address"] == (
        "tổ 12, ấp Phú Hòa, xã Long Hưng, huyện Châu Thành, Tiền Giang")


# -- a marketplace line: `Product - Variant @ price`, `Product x1 - price` -----------------------------------


def test_a_variant_after_a_dash_with_its_price_settles_the_open_line() -> None:
    text = ("Shopee - Pesanan 24112799\nPenerima: Ayu Lestari (0812-5566-7788)\n"
            "Alamat: Jl. Flamboyan 9, Klaten\n1 x Kaos Polos Putih - XL @ Rp89.000\n"
            "2 x Hijab Pashmina - Hitam @ Rp45.000\nKurir: JNE")
    assert items("id", text) == [("KPP-XL", 1, 89000), ("HPS-HTM", 2, 45000)]


@pytest.mark.parametrize(
    ("loc", "text", "expected"),
    [
        ("vi", "Shopee | Đơn 5521\nKhách: Lê Thu Hà\nSĐT: 0912 334 455\nĐịa chỉ: 8 Hàng Bài, Hà Nội\n"
               "Sản phẩm: Toner hoa hồng 200ml x1 - 160,000 VND", [("TNR-200", 1, 160000)]),
        ("id", "Pesanan: Kaos Polos Hitam M x2 - Rp150.000\nNama: Yuni\nHP: 0813 4455 6677\n"
               "Alamat: Jl. Anggur 3 Kudus", [("KPH-M", 2, 75000)]),
    ],
)
def test_an_amount_alone_after_its_line_is_that_lines_price(
    loc: str, text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items(loc, text) == expected


# -- of variants that differ in size, the large or the small one -----------------------------------------


@pytest.mark.parametrize(
    ("words", "sku", "price"),
    [("loại lớn", "SRM-150", 165000), ("loại nhỏ", "SRM-50", 75000), ("chai lớn", "SRM-150", 165000)],
)
def test_a_size_word_picks_the_larger_or_smaller_variant(words: str, sku: str, price: int) -> None:
    text = f"cho em 1 sữa rửa mặt trà xanh {words} nha, gửi 3 Lê Lợi, Đà Nẵng. Chị Mai 0905 667 788"
    assert items("vi", text) == [(sku, 1, price)]


def test_without_a_size_word_the_line_stays_open() -> None:
    text = "cho em 1 sữa rửa mặt trà xanh nha, gửi 3 Lê Lợi, Đà Nẵng. Chị Mai 0905 667 788"
    [line] = draft("vi", text)["items"]
    assert line["sku"] is None and set(line["candidates"]) == {"SRM-150", "SRM-50"}


# -- a product the catalog does not know -------------------------------------------------------------------


def test_goods_counted_in_a_unit_are_a_line_even_with_a_time_word_in_their_name() -> None:
    text = ("Hi, I'd like 3 jars of kaya jam (RM8 each) and 1 cornflakes madu. Deliver to Lim Mei Ling, "
            "4 Jalan Cempaka, 75300 Melaka. 012-778 9900")
    d = draft("en", text)
    assert [(i["sku"], i["name"], i["qty"], i["unit_price"]) for i in d["items"]] == [
        (None, "kaya jam", 3, 8), ("CRF-MDU", "Cornflakes Madu 450g", 1, 14.9)]


def test_a_time_is_still_no_line() -> None:
    text = "kaos hitam L 1 ya kak, kirim besok jam 3. Jl. Kemuning 4 Solo a.n. Tono 0812 6655 4433"
    assert items("id", text) == [("KPH-L", 1, 85000)]


def test_a_product_with_a_measure_is_no_house_number() -> None:
    text = ("Hi, I want 1 cornflakes madu and 2 Nescafe 200g jar. Deliver to Aminah Yusof, 7 Jalan Sena, "
            "16100 Kota Bharu. 013-998 1122")
    d = draft("en", text)
    assert [(i["sku"], i["qty"]) for i in d["items"]] == [("CRF-MDU", 1), (None, 2)]
    assert d["customer"]["address"] == "7 Jalan Sena, 16100 Kota Bharu"


# -- Vietnamese typed without marks: `thôi đổi thành`, surnames that are address words ----------------------


def test_a_change_of_mind_without_marks_replaces_the_line() -> None:
    text = ("shop oi cho e 1 son do... a thoi doi thanh 2 son cam dat nha. Vo Thi Lan 0911 223 344, "
            "9 Tran Phu, Hue")
    assert items("vi", text) == [("SKL-CAM", 2, 189000)]


def test_a_surname_typed_like_an_address_word_is_a_name_before_a_phone() -> None:
    text = "cho e 1 son duong nha. Ngo Minh Chau 0977 556 677, 21 Ba Trieu, Q. Hai Ba Trung, Ha Noi. ck"
    d = draft("vi", text)
    assert d["customer"]["name"] == "Ngo Minh Chau"
    assert d["customer"]["address"] == "21 Ba Trieu, Q. Hai Ba Trung, Ha Noi"


# -- unseen6's error kinds (session 3, after unseen7 was written) ----------------------------------------


def test_a_correction_replaces_the_variant_of_the_same_product_not_the_line_beside_it() -> None:
    text = ("Em lấy 1 son hồng đất với 1 son dưỡng không màu nha, à nhầm, son đỏ chứ không phải son hồng ạ. "
            "Chị Diệp 0903 221 887, 7 Lê Lai, Q.1, TP.HCM")
    assert items("vi", text) == [("SDM-KM", 1, 89000), ("SKL-DO", 1, 189000)]


@pytest.mark.parametrize(
    ("loc", "text", "expected"),
    [
        ("id", "ambil bergo navy setengah lusin sama kaos hitam L satu lusin. Jl. Cemara 2 Pati a.n. Ida "
               "0812 3131 4141", [("BGI-NVY", 6, 39000), ("KPH-L", 12, 85000)]),
        ("en", "half a dozen teh tarik 3in1 please, 12 Jalan Duta, 50480 KL. Farah 012-909 8877",
         [("TTK-12", 6, 11.5)]),
        ("vi", "lấy nửa tá miếng mặt nạ nha, 3 Hùng Vương, Huế. Chị Hoa 0905 441 552", [("MNG-1", 6, 18000)]),
    ],
)
def test_half_a_counted_unit_is_half_its_count(
    loc: str, text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items(loc, text) == expected


def test_a_javanese_name_intro_is_not_part_of_the_name() -> None:
    text = ("aku pesen kaos hitam L siji nggih. Dikirim teng Jl. Veteran 8, Klaten. Asmane Budi Raharjo, "
            "0813 7788 9911")
    assert draft("id", text)["customer"]["name"] == "Budi Raharjo"


def test_a_delivery_address_label_and_the_bank_as_payment() -> None:
    text = ("Người nhận: Phan Văn Khoa\nĐiện thoại: 0912 003 004\nĐịa chỉ giao: 25 Trần Phú, TP. Vinh\n"
            "Đặt mua: 1 toner\nEm gửi tiền qua ngân hàng rồi ạ")
    d = draft("vi", text)
    assert d["customer"]["address"] == "25 Trần Phú, TP. Vinh"
    assert d["shipping_fee"] is None and d["payment"] == "transfer"
    assert [(i["sku"], i["unit_price"]) for i in d["items"]] == [("TNR-200", 175000)]


def test_a_product_asked_about_and_then_ordered_is_one_line() -> None:
    text = ("[Zalo] Chị Lan: shop còn toner không\n[Zalo] Shop: dạ còn ạ\n[Zalo] Chị Lan: lấy 2 toner nhé, "
            "gửi 9 Bà Triệu, Huế, 0934 556 677")
    assert items("vi", text) == [("TNR-200", 2, 175000)]


# -- unseen7's error kinds (session 3, after unseen8 was written) ----------------------------------------


def test_an_em_dash_between_spaces_separates_fields() -> None:
    text = ("Tên: Trịnh Văn Lộc — SĐT 0912 447 338 — ĐC: 14 Lý Thái Tổ, Hoàn Kiếm, Hà Nội — 1 toner — "
            "freeship — COD")
    d = draft("vi", text)
    assert d["customer"]["name"] == "Trịnh Văn Lộc"
    assert d["customer"]["address"] == "14 Lý Thái Tổ, Hoàn Kiếm, Hà Nội"
    assert [(i["sku"], i["qty"]) for i in d["items"]] == [("TNR-200", 1)]


def test_a_source_header_names_the_channel_and_nothing_else() -> None:
    text = "TG group order:\nNur Izzati / 017-220 1188\nLot 12, Jalan Sultan, 08000 Sungai Petani\n2 x dodol"
    d = draft("en", text)
    assert d["channel"] == "telegram"
    assert d["customer"]["address"] == "Lot 12, Jalan Sultan, 08000 Sungai Petani"


def test_a_marketplace_name_before_a_phone_is_the_channel() -> None:
    d = draft("id", "Tokopedia 0813 2200 9988 kaos hitam L 2")
    assert d["channel"] == "tokopedia" and d["customer"]["phone"] == "+6281322009988"
    assert draft("id", "kaos hitam L 2, WA 0813 2200 9988, Jl. Duku 3 Tegal a.n. Ani")["channel"] is None


def test_a_name_told_in_a_run_on_ends_the_address() -> None:
    text = ("can I order one packet of white coffee send to No 3 Jalan Mawar 75200 Melaka name is "
            "Tan Mei Ling phone 012 880 1122 cash on delivery")
    d = draft("en", text)
    assert d["customer"]["name"] == "Tan Mei Ling"
    assert d["customer"]["address"] == "No 3 Jalan Mawar 75200 Melaka"


@pytest.mark.parametrize(
    ("loc", "text", "field", "value"),
    [
        ("en", "2 dodol please. Aina, 11 Jalan Pahang, 53000 KL. 012-300 4455. GDEX please", "name", "Aina"),
        ("en", "2 dodol please. Aina, 11 Jalan Pahang, 53000 KL. 012-300 4455. transferred d", "payment",
         "transfer"),
        ("id", "Nama: Rudi\nHP: 0812 5566 7788\nAlamat: Jl. Kelapa 1 Kudus\nPesanan: kaos hitam L 1\n"
               "Pembayaran: transferan BCA", "payment", "transfer"),
        ("vi", "Em lấy 1 toner nha. Tên Lê Hà, sđt 0905 123 456, 8 Trần Phú, Huế. Nhận hàng em trả tiền",
         "payment", "cod"),
        ("vi", "Cho em 1 toner. Mai Anh, 0356 111 222, khóm 3, P. 2, TP. Bạc Liêu. COD", "address",
         "khóm 3, P. 2, TP. Bạc Liêu"),
    ],
)
def test_more_words_of_the_lexicons(loc: str, text: str, field: str, value: str) -> None:
    d = draft(loc, text)
    assert (d["customer"] if field in ("name", "address") else d)[field] == value


# -- unseen8's error kinds (session 3, after unseen9 was written) ----------------------------------------


def test_a_unit_after_a_number_word_is_the_unit_not_a_kind_of_product() -> None:
    # `biji` is also coffee beans (a kind, like a colour): after `tiga` it counts pieces
    text = ("Bang, gue ambil kaos hitam L tiga biji ye. Anterin ke Jl. Pramuka 9, Jakarta. Nama gue Ucok "
            "0896 1122 3344")
    assert items("id", text) == [("KPH-L", 3, 85000)]


@pytest.mark.parametrize(
    ("text", "expected", "name"),
    [
        ("Mbak, aku tuku kaos hitam sing M loro karo sing XL siji yo. Kirimke Jl. Kaliurang Km 5, Sleman. "
         "Jenengku Bagus Prasetyo, hp 0878 1122 3344", [("KPH-M", 2, 85000), ("KPH-XL", 1, 89000)],
         "Bagus Prasetyo"),
        # `Neng` is a title, not part of the name
        ("Teh, abdi bade mesen kaos putih L 2 sareng bergo navy 1. Kirim ka Jl. Dago No. 12, Bandung. "
         "Nami Neng Ayu Lestari, hp 0823 5566 7788", [("KPP-L", 2, 85000), ("BGI-NVY", 1, 39000)],
         "Ayu Lestari"),
    ],
)
def test_javanese_and_sundanese_order_words(
    text: str, expected: list[tuple[str, int, float]], name: str
) -> None:
    d = draft("id", text)
    assert [(i["sku"], i["qty"], i["unit_price"]) for i in d["items"]] == expected
    assert d["customer"]["name"] == name


def test_a_grammar_word_is_never_a_near_spelling_of_a_product_word() -> None:
    # `sing` (Javanese `yang`) is not `sling` bag, `dung` (đựng) is not `dưỡng`
    text = "kaos putih sing L 1, Jl. Solo 3 Klaten a.n. Sri 0812 2233 4455"
    assert items("id", text) == [("KPP-L", 1, 85000)]
    text = ("shop oi cho minh 1 toner, them 1 tui dung my pham 60k nha. 9 Le Loi, Hue. ten Thu 0345 111 222")
    assert items("vi", text) == [("TNR-200", 1, 175000), (None, 1, 60000)]


def test_a_variant_after_a_dash_is_no_house_number() -> None:
    text = ("TikTok Shop - Đơn #55120\n1x Phấn nước cushion - 23 Tự nhiên\nNgười nhận: Lý Thu Hà\n"
            "Số điện thoại: 0328 111 222\nĐịa chỉ: 5 Lê Lợi, TP. Huế")
    d = draft("vi", text)
    assert [(i["sku"], i["qty"]) for i in d["items"]] == [("CSN-23", 1)]
    assert d["customer"]["address"] == "5 Lê Lợi, TP. Huế"


def test_two_numbers_with_or_between_them_are_a_choice_not_a_quantity() -> None:
    text = "Lấy chị 1 toner nha, size giày em chưa biết 38 hay 39. Lan Anh, 0961 000 111, 3 Bà Triệu, Huế. Ck"
    assert items("vi", text) == [("TNR-200", 1, 175000)]


def test_a_run_on_address_ends_where_the_way_to_pay_starts() -> None:
    text = ("cho chi 1 toner nha ten Vo Thi Ha so dien thoai 0919 111 222 dia chi 12 Tran Hung Dao phuong 5 "
            "quan 1 chi tra tien mat khi nhan hang")
    d = draft("vi", text)
    assert d["customer"]["address"] == "12 Tran Hung Dao phuong 5 quan 1"
    assert d["payment"] == "cod"


def test_a_total_in_brackets_after_a_line_is_that_lines_price() -> None:
    text = ("Order kak: kaos putih M 3 (total 240rb, harga grosir), bergo navy 1 @39rb. Nama Made Ayu, "
            "Jl. Teuku Umar 5, Denpasar, 0819 2233 4455")
    assert items("id", text) == [("KPP-M", 3, 80000), ("BGI-NVY", 1, 39000)]


def test_a_chat_exports_speaker_labelled_with_the_platform_names_the_channel() -> None:
    text = ("[10:02] Khách Zalo - Chị Nga: shop ơi chị lấy 1 toner nha\n"
            "[10:03] Shop: dạ chị cho em xin địa chỉ\n"
            "[10:05] Khách Zalo - Chị Nga: Nga, 0976 555 444, 3 Phan Chu Trinh, Hội An")
    assert draft("vi", text)["channel"] == "zalo"
