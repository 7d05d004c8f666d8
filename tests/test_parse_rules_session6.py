"""General rules for the error kinds the held-out stand-in unseen16 showed (session 6), each on messages of
our own (other names, places and products than the set's), in the languages it applies to."""

from __future__ import annotations

import pytest
from parse_helpers import draft, items

# -- an address word of several words (`chung cư`, `ký túc xá`) starts an address --------------------------


@pytest.mark.parametrize(
    ("loc", "text", "address"),
    [
        ("vi", "em ơi gửi chị 2 son kem lì đỏ về Chung cư Hưng Phúc, Q.7, TP.HCM nhé",
         "Chung cư Hưng Phúc, Q.7, TP.HCM"),
        ("vi", "lấy 1 toner hoa hồng về Kí túc xá khu A, Linh Trung, Thủ Đức giúp mình",
         "Kí túc xá khu A, Linh Trung, Thủ Đức"),
        ("vi", "lay 1 toner hoa hong ve ky tuc xa khu B, Linh Trung, Thu Duc nha",
         "ky tuc xa khu B, Linh Trung, Thu Duc"),
    ],
)
def test_an_address_word_of_several_words_starts_the_address_after_the_goods(loc: str, text: str,
                                                                             address: str) -> None:
    d = draft(loc, text)
    assert (d["customer"]["name"], d["customer"]["address"]) == (None, address)
    assert d["missing"] == ["name", "phone"]


def test_an_address_word_of_several_words_alone_is_no_address() -> None:
    # `nhà em ở chung cư`: where she lives, said in passing, with nothing after the words
    d = draft("vi", "Chị Lan lấy 1 son kem lì đỏ, nhà em ở chung cư nên giao giờ hành chính nha")
    assert d["customer"]["address"] is None
    assert d["customer"]["name"] == "Lan"


# -- a spaced dash inside a phone number, after its prefix; a quantity before ` - ` and the phone -----------


@pytest.mark.parametrize(
    ("loc", "text", "phone"),
    [
        ("en", "Name: Nurul Huda\nPhone: 013 - 775 2190\nAddress: 8 Jalan Mawar, 81200 Johor Bahru",
         "+60137752190"),
        ("id", "Nama: Wulan Sari\nNo HP: 0857 - 2211 - 4090\nAlamat: Jl. Cempaka 3, Salatiga",
         "+6285722114090"),
        ("id", "Rina, kaos polos hitam L 2 - 0813 4477 2910 - Jl. Sawo 12, Blitar", "+6281344772910"),
    ],
)
def test_a_spaced_dash_after_a_phones_prefix_or_before_it_keeps_the_number(loc: str, text: str,
                                                                           phone: str) -> None:
    assert draft(loc, text)["customer"]["phone"] == phone


def test_a_spaced_dash_between_a_phone_and_a_house_number_still_separates_them() -> None:
    d = draft("vi", "Ngô Bảo Châu 0916 402 118 - 27 Lý Thường Kiệt, TP. Vinh")
    assert d["customer"]["phone"] == "+84916402118"
    assert d["customer"]["address"] == "27 Lý Thường Kiệt, TP. Vinh"


# -- an order head after the platform's name, `frm`, `CO`, and before the buyer's phone ---------------------


@pytest.mark.parametrize(
    ("loc", "text", "name"),
    [
        ("en", "IG order frm Siti Khadijah bt Omar, 012-664 0938, 3 Jalan Delima 2, 41200 Klang. 2 kopi o",
         "Siti Khadijah bt Omar"),
        ("en", "Shopee order from Lim Wei Ling, 017-220 4815, 21 Jalan SS2/24, 47300 PJ. 1 kaya jam",
         "Lim Wei Ling"),
        ("id", "CO Ibu Ratna Dewi (0812 9921 4470) - Jl. Merpati 6, Ungaran - kaos polos hitam L 1",
         "Ratna Dewi"),
        ("id", "checkout Rudi Hartono 0878 1100 2299, pashmina cream 2, Jl. Pahlawan 12, Madiun",
         "Rudi Hartono"),
        ("id", "Order Dewi Lestari 0813 5566 7788, kaos polos hitam M 2, Jl. Kenari 4, Kediri",
         "Dewi Lestari"),
    ],
)
def test_an_order_head_names_the_buyer_after_a_platform_or_before_the_phone(loc: str, text: str,
                                                                            name: str) -> None:
    assert draft(loc, text)["customer"]["name"] == name


@pytest.mark.parametrize(
    "text",
    [
        "co ya kak, kaos polos hitam L 2. Jl. Melati 3, Bogor 0812 3456 7890",
        "CO pashmina hitam 2 ya kak, kirim ke Jl. Melati 3, Bogor 0812 3456 7890",
    ],
)
def test_checkout_before_goods_or_chat_names_no_one(text: str) -> None:
    assert draft("id", text)["customer"]["name"] is None


# -- `khách quen`, `khách sỉ` before a name; the order said after a name in running text -------------------


@pytest.mark.parametrize(
    ("text", "name", "skus"),
    [
        ("Khách sỉ Đỗ Minh Thư đặt: 10 son kem lì đỏ, 0912 345 678, 5 Lê Duẩn, Đà Nẵng", "Đỗ Minh Thư",
         [("SKL-DO", 10)]),
        ("Khách ruột Phan Gia Bảo lấy 2 serum b5, 0912 345 678, 5 Lê Duẩn, Đà Nẵng", "Phan Gia Bảo",
         [("SB5-30", 2)]),
        ("Khách quen Lưu Ngọc Ánh đặt thêm: 1 toner hoa hồng. SĐT 0933 410 227, đ/c 9 Trần Phú, Nha Trang",
         "Lưu Ngọc Ánh", [("TNR-200", 1)]),
    ],
)
def test_a_regular_or_wholesale_customer_word_before_a_name_labels_it(text: str, name: str,
                                                                      skus: list[tuple[str, int]]) -> None:
    d = draft("vi", text)
    assert d["customer"]["name"] == name
    assert [(i["sku"], i["qty"]) for i in d["items"]] == skus


def test_a_regular_customer_word_before_the_goods_names_no_one() -> None:
    d = draft("vi", "khách quen lấy lại 2 son kem lì đỏ, gửi 5 Lê Duẩn, Đà Nẵng 0912 345 678")
    assert d["customer"]["name"] is None
    assert [(i["sku"], i["qty"]) for i in d["items"]] == [("SKL-DO", 2)]


def test_the_order_said_after_a_labelled_name_in_running_text_is_read() -> None:
    d = draft("id", "a.n Budi Santoso pesan kaos polos hitam L 2, Jl. Melati 3, Bogor 0812 3456 7890")
    assert d["customer"]["name"] == "Budi Santoso"
    assert [(i["sku"], i["qty"]) for i in d["items"]] == [("KPH-L", 2)]


# -- a day and a month's name is a date, not a quantity of an unknown product --------------------------------


@pytest.mark.parametrize(
    ("loc", "text", "want"),
    [
        ("en", "2 kopi o please. Need it by 14 Feb for my wife 🙏", [("KOK-250", 2, 9.5)]),
        ("en", "1 raya hamper, can you send it before 3 November? Thanks", [("HMP-RAYA", 1, 89)]),
        ("id", "kaos polos hitam L 1 ya kak, tolong sampai sebelum 17 Agustus", [("KPH-L", 1, 85000)]),
        ("id", "pashmina cream 2, dikirim tgl 5 Januari aja kak", [("HPS-CRM", 2, 45000)]),
    ],
)
def test_a_day_before_a_months_name_is_a_date_not_a_line(loc: str, text: str,
                                                        want: list[tuple[str, int, float]]) -> None:
    assert items(loc, text) == want


def test_a_quantity_of_an_unknown_product_is_still_a_line() -> None:
    want = [("HMP-RAYA", 1, 89), (None, 2, None)]
    assert items("en", "1 raya hamper + 2 jars of acar buah, deliver by 5 Dec") == want


# -- `sale` names the price of the goods before it --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("rok plisket mocca 1 ya kak, td liat di story lagi sale jadi 79rb. Nama Intan, Jl. Dahlia 2, Garut",
         [("RPL-MCA", 1, 79000)]),
        ("tas selempang kanvas satu, kmrn sale 59rb kan kak? Jl. Mawar 8, Cianjur", [("TSK-01", 1, 59000)]),
    ],
)
def test_a_sale_price_after_the_goods_is_their_price(text: str, want: list[tuple[str, int, int]]) -> None:
    assert items("id", text) == want


def test_a_sale_word_without_an_amount_keeps_the_catalog_price() -> None:
    want = [("RPL-HTM", 1, 99000)]
    assert items("id", "rok plisket hitam 1 kak, masih sale kan? Jl. Dahlia 2, Garut") == want


# -- `bayarnya …`: a way to pay with the -nya of its topic ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "kaos polos putih M 2 ya. Sinta, Jl. Kenanga 9, Tegal 0812 7700 3344. Bayarnya pas barang sampe aja",
        "pashmina hitam 1, Jl. Gatot Subroto 5, Kendari 0852 1100 9988, bayarnya ke kurir ya kak",
        "bergo instan navy 2, Jl. Cendana 1, Bima 0813 4400 1122. bayarnya kalau udah sampe ya",
    ],
)
def test_the_topic_form_of_a_pay_on_delivery_phrase_is_cod(text: str) -> None:
    assert draft("id", text)["payment"] == "cod"


def test_bayarnya_before_a_bank_is_still_a_transfer() -> None:
    d = draft("id", "kaos polos putih M 2, Jl. Kenanga 9, Tegal 0812 7700 3344, bayarnya tf BCA")
    assert d["payment"] == "transfer"


# -- `rumahnya`, `omahe` (Javanese): whose home it is, then the address ------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Mbak, tuku rok plisket mocca siji. Jenengku Sumarni, omahku Desa Krajan RT 01 RW 05, Kec. Pakis, "
         "Malang. 0856 4411 2200", "Desa Krajan RT 01 RW 05, Kec. Pakis, Malang"),
        ("pashmina hitam 2. Wati, rumahnya Ds. Sidomulyo RT 3 RW 1, Kec. Gondang, Nganjuk 0813 6655 1201",
         "Ds. Sidomulyo RT 3 RW 1, Kec. Gondang, Nganjuk"),
    ],
)
def test_whose_home_it_is_before_the_address_is_not_part_of_it(text: str, address: str) -> None:
    assert draft("id", text)["customer"]["address"] == address


def test_a_home_word_in_chat_starts_no_address() -> None:
    d = draft("id", "rumahku jauh kak, kaos polos hitam L 1 ya. Tono 0813 2222 1111, Jl. Kaliurang 5, Sleman")
    assert (d["customer"]["name"], d["customer"]["address"]) == ("Tono", "Jl. Kaliurang 5, Sleman")


# -- two ways to pay (or couriers) with only `or` between them: a choice offered, even without `?` ---------


@pytest.mark.parametrize(
    ("loc", "text", "payment", "courier"),
    [
        ("vi", "[09:02] Shop Hoa: dạ ship 25k, chị chuyển khoản hay cod ạ\n[09:04] Chị Thảo: cod em nhé",
         "cod", None),
        ("id", "[13:10] Admin: ongkir 18rb ya kak, mau tf atau cod\n[13:12] Yuni: cod aja kak", "cod", None),
        ("id", "kaos polos hitam L 1, kirim jne atau jnt terserah kak, bayar cod", "cod", None),
        ("en", "[10:00] Shop: postage RM8, poslaju or citylink?\n[10:03] Amir: citylink pls", None,
         "citylink"),
    ],
)
def test_a_choice_offered_names_neither_way_the_answer_does(loc: str, text: str, payment: str | None,
                                                            courier: str | None) -> None:
    d = draft(loc, text)
    assert (d["payment"], d["courier"]) == (payment, courier)


def test_a_way_to_pay_and_a_courier_with_or_between_are_no_choice() -> None:
    d = draft("id", "pashmina cream 1, bayar cod atau jne sama aja kak")
    assert (d["payment"], d["courier"]) == ("cod", "jne")


# -- `nanti alamat …`: a promise said before the label ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "kak rok plisket hitam 1 sama pashmina cream 1 ya, nanti alamat sama no hp nya aku kabarin besok",
        "kaos polos putih L 2 dulu kak, nanti alamat Kantor baru aku kirim kalau udah pindah",
    ],
)
def test_a_promise_before_the_address_label_gives_no_address(text: str) -> None:
    d = draft("id", text)
    assert d["customer"]["address"] is None
    assert "address" in d["missing"]


def test_an_address_label_after_chat_still_takes_its_value() -> None:
    d = draft("id", "kaos polos putih L 2 ya kak, nanti dikirim alamat Jl. Sawo Kecik 4, Jepara ya")
    assert d["customer"]["address"] == "Jl. Sawo Kecik 4, Jepara"


# -- a title abbreviated inside a street's name (`Jl. Tgk. …`, `Jl. Laks. …`) ends no sentence --------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("gamis syari navy L 1. Nama Cut Meutia, Jl. Tgk. Daud Beureueh No. 12, Banda Aceh. 0852 6000 1122",
         "Jl. Tgk. Daud Beureueh No. 12, Banda Aceh"),
        ("bergo instan hitam 2. Atas nama Putu Ayu, Jl. I Gst. Ngr. Rai No. 8, Denpasar. 0813 3300 4455",
         "Jl. I Gst. Ngr. Rai No. 8, Denpasar"),
        ("kaos polos putih M 1. Nama Andi, Jl. Laks. Malahayati No. 3, Bandar Lampung. 0812 7200 5511",
         "Jl. Laks. Malahayati No. 3, Bandar Lampung"),
    ],
)
def test_a_title_abbreviated_in_a_street_name_keeps_the_address_whole(text: str, address: str) -> None:
    assert draft("id", text)["customer"]["address"] == address


# -- `kirim ke mama ya, namanya …`: who the recipient is to the buyer, then their name ---------------------


@pytest.mark.parametrize(
    ("text", "name", "address"),
    [
        ("rok plisket hitam 1. Kirim ke mama ya, namanya Sri Wahyuni. Jl. Pemuda 20, Klaten. 0813 9090 1122",
         "Sri Wahyuni", "Jl. Pemuda 20, Klaten"),
        ("tunik rayon motif 1, kirim ke bapak aja, namanya Slamet Riyadi, Jl. Veteran 7, Boyolali 0812 5151",
         "Slamet Riyadi", "Jl. Veteran 7, Boyolali"),
    ],
)
def test_a_family_word_alone_before_the_recipients_name_is_no_address(text: str, name: str,
                                                                      address: str) -> None:
    d = draft("id", text)
    assert (d["customer"]["name"], d["customer"]["address"]) == (name, address)


def test_a_title_before_a_name_still_names_the_recipient() -> None:
    d = draft("id", "rok plisket hitam 1. Kirim ke Bu Sri, Jl. Pemuda 20, Klaten. 0813 9090 1122")
    assert (d["customer"]["name"], d["customer"]["address"]) == ("Sri", "Jl. Pemuda 20, Klaten")


# ======================================================================================================
# unseen17's kinds (session 6, second set): general rules for the error kinds it showed, on our own messages
# ======================================================================================================

# -- a purpose given in passing (`buat stok jualan`, `for resale`) ends the clause holding the quantity ----


@pytest.mark.parametrize(
    ("loc", "text", "qty"),
    [
        ("id", "kak bergo instan hitam masih ready? aku ambil selusin ya buat stok jualan", 12),
        ("id", "kaos polos putih L ada kak? mau 5 ya utk dijual lagi di warung", 5),
        ("en", "sis got serunding daging? I take 6 for resale at my kedai", 6),
    ],
)
def test_a_purpose_after_a_quantity_leaves_only_the_product_asked_for(loc: str, text: str, qty: int) -> None:
    got = items(loc, text)
    assert len(got) == 1
    assert got[0][0] is not None and got[0][1] == qty


def test_a_purpose_word_alone_still_reads_the_product_after_it() -> None:
    # `buat` (for) alone is no purpose phrase: `buat ibu` still orders what follows
    assert items("id", "kak pesan bergo instan hitam 2 buat ibu, kirim Jl. Kenari 4, Kudus") == [
        ("BGI-HTM", 2, 39000)]


# -- paying on delivery said with the payer between the words (`nhận hàng bác trả tiền`, Javanese `dugi`) ---


@pytest.mark.parametrize(
    ("loc", "text"),
    [
        ("vi", "Bác lấy 2 chai dầu gội bưởi, giao về 8 Lê Lợi, TP. Huế. Nhận hàng bác trả tiền nhé cháu"),
        ("vi", "anh lấy 1 toner hoa hồng nha, anh gửi tiền khi nhận hàng"),
        ("id", "Mbak, kulo pesen kaos polos hitam L setunggal. Mbayar pas barang dugi nggih"),
    ],
)
def test_paying_on_delivery_with_the_payer_named_is_cod(loc: str, text: str) -> None:
    assert draft(loc, text)["payment"] == "cod"


def test_receiving_the_goods_alone_says_no_way_to_pay() -> None:
    assert draft("vi", "Em lấy 1 toner hoa hồng, nhận hàng em sẽ đánh giá 5 sao cho shop")["payment"] is None


# -- a chat pasted with a bare clock time starting each line (`14:02 với …`) --------------------------------


def test_bare_clock_times_starting_the_lines_of_a_pasted_chat_are_no_quantities() -> None:
    text = ("[Zalo] Cô Ngọc Quận 3:\n09:15 cô lấy 1 toner hoa hồng\n09:16 thêm 1 xịt khoáng nữa\n"
            "09:20 Giao cho Trần Thị Ngọc, 5 Võ Văn Tần, Q.3, TP.HCM\n09:21 0903 118 552")
    d = draft("vi", text)
    assert sorted(items("vi", text)) == [("TNR-200", 1, 175000), ("XKH-150", 1, 159000)]
    assert d["customer"]["phone"] == "+84903118552"


def test_quantities_starting_lines_are_no_clock_times() -> None:
    text = "Nama: Yuni\nPesanan:\n2 kaos polos hitam L\n3 bergo instan hitam\nJam kirim: 10:30"
    assert sorted(items("id", text)) == [("BGI-HTM", 3, 39000), ("KPH-L", 2, 85000)]


# -- `Lr.` (lorong) and `Moh.`/`Muh.` (Muhammad) inside a street's name end no sentence ---------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("rok plisket hitam 1. kirim ke Jl. Veteran Selatan Lr. 2 No. 14, Mamajang, Makassar a.n. Nurul. "
         "0852 4100 7788", "Jl. Veteran Selatan Lr. 2 No. 14, Mamajang, Makassar"),
        ("kaos polos putih M 2, kirim ke Jl. Moh. Yamin No. 5, Tondo, Palu. a.n Rahmat 0813 4422 1900",
         "Jl. Moh. Yamin No. 5, Tondo, Palu"),
        ("bergo instan navy 1, alamat Jl. Muh. Husni Thamrin No. 2, Baubau. a.n. Sitti 0852 1133 7766",
         "Jl. Muh. Husni Thamrin No. 2, Baubau"),
    ],
)
def test_a_lane_or_muhammad_abbreviated_in_a_street_keeps_the_address_whole(text: str, address: str) -> None:
    assert draft("id", text)["customer"]["address"] == address


# -- a correction that swaps one product for another (`… instead`, `ganti …`, `đổi qua …`) ----------------


@pytest.mark.parametrize(
    ("loc", "text", "want"),
    [
        ("en", "nak 3 dodol durian, eh sorry, make it 3 serunding daging instead. Cash on delivery",
         [("SRD-250", 3, 22.9)]),
        ("id", "kak pesan rok plisket hitam 1, eh ganti bergo instan navy aja kak", [("BGI-NVY", 1, 39000)]),
        ("vi", "em lấy 1 xịt khoáng nha, à không, đổi qua toner hoa hồng nha chị", [("TNR-200", 1, 175000)]),
        ("vi", "e lay son kem li mau do 1 cay, a k, doi qua mau cam dat nha", [("SKL-CAM", 1, 189000)]),
    ],
)
def test_a_correction_swapping_the_product_replaces_the_line_before(loc: str, text: str, want: list) -> None:
    assert items(loc, text) == want


def test_an_added_product_after_a_correction_word_keeps_the_line_before() -> None:
    # no swap word: `sorry, lupa` adds a product, it does not replace one
    got = sorted(items("id", "kak pesan rok plisket hitam 1, eh sorry lupa, bergo instan navy 1 juga ya"))
    assert got == [("BGI-NVY", 1, 39000), ("RPL-HTM", 1, 99000)]


def test_a_product_said_to_be_at_home_already_leaves_the_order() -> None:
    text = "sis nak 2 murukku and 2 serunding daging. Oh wait, serunding daging still got stock at home"
    assert [sku for sku, _, _ in items("en", text)] == ["MRK-300"]


# -- southern `gửi dzô`, `giao zô` (into) before the address, as `gửi về` (not `vô`: `gui Vo Thanh Tam`) ----


@pytest.mark.parametrize(
    "text",
    [
        "Tui lấy 2 xịt khoáng nha, gửi dzô 12/4 Lê Văn Sỹ, P.13, Q.3, Sài Gòn. Tên Trần Văn Tư 0908 551 214",
        "bà lấy 1 toner hoa hồng, giao zô 12/4 Lê Văn Sỹ, P.13, Q.3, Sài Gòn. Tên Trần Văn Tư 0908 551 214",
    ],
)
def test_a_southern_into_before_the_address_starts_it(text: str) -> None:
    d = draft("vi", text)
    assert d["customer"]["address"] == "12/4 Lê Văn Sỹ, P.13, Q.3, Sài Gòn"
    assert [sku for sku, _, _ in items("vi", text) if sku is None] == []


def test_deliver_at_a_time_is_no_address() -> None:
    d = draft("vi", "Chị Thu lấy 1 toner hoa hồng, giao vào buổi sáng nha, 0908 551 214")
    assert d["customer"]["address"] is None


def test_send_before_a_surname_vo_typed_without_marks_is_no_label() -> None:
    d = draft("vi", "lay 1 xit khoang, gui Vo Thi Sau 0977 112 233, 12 Tran Phu, Nha Trang")
    assert d["customer"]["name"] == "Vo Thi Sau"



# -- a one-word name written with marks is no connector of a foreign name (`Vân` is not Dutch `van`) -------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lên đơn cho cô Vân nhé: 1 toner hoa hồng, 1 son kem lì đỏ. SĐT 0912 224 680, "
         "địa chỉ 9 Nguyễn Trãi, Q.5, TP.HCM", "Vân"),
        ("Đơn của anh Đệ nha: 2 xịt khoáng. SĐT 0912 224 680, địa chỉ 9 Nguyễn Trãi, Q.5, TP.HCM", "Đệ"),
    ],
)
def test_a_one_word_name_that_folds_to_a_connector_is_a_name(text: str, name: str) -> None:
    assert draft("vi", text)["customer"]["name"] == name


def test_a_middle_name_van_in_lower_case_still_joins_the_name() -> None:
    d = draft("vi", "Chị lấy 1 toner, gửi về Trương văn Bình 0912 224 680, 9 Nguyễn Trãi, Q.5, TP.HCM")
    assert d["customer"]["name"] == "Trương văn Bình"


def test_a_connector_inside_a_name_still_joins_it() -> None:
    d = draft("en", "Name: Robert van Dijk\nPhone: 012-345 6789\nAddress: 3 Jalan Ampang, 50450 Kuala Lumpur")
    assert d["customer"]["name"] == "Robert van Dijk"


# -- a marketplace receipt: the product, then `Rp85.000 x 2` below it, then `Subtotal Produk:` --------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Pesanan Baru Tokopedia\nPenerima: Yosephine Manurung\n0813 7011 2290\n"
         "Jl. Gatot Subroto 11, Medan\n\nRok Plisket - Hitam\nRp99.000 x 3\nSubtotal Produk: Rp297.000",
         [("RPL-HTM", 3, 99000)]),
        ("Bergo Instan - Navy\n2 x Rp39.000\nSubtotal Pesanan: Rp78.000", [("BGI-NVY", 2, 39000)]),
    ],
)
def test_a_price_times_a_count_below_a_product_is_its_unit_price_and_quantity(text: str, want: list) -> None:
    assert items("id", text) == want


def test_a_price_times_the_written_quantity_is_the_unit_price() -> None:
    assert items("id", "bergo instan navy 4\nRp39.000 x 4") == [("BGI-NVY", 4, 39000)]


def test_a_subtotal_of_the_products_is_no_price_of_the_line() -> None:
    # an order-level total leaves the line's price to the catalog (a voucher may be taken off it)
    text = "Kaos Polos Putih - L\nSubtotal Produk: Rp80.000\nOngkir: Rp10.000"
    assert items("id", text) == [("KPP-L", 1, 85000)]
    assert draft("id", text)["shipping_fee"] == 10000


# -- `Address I send tomorrow ya`: an address promised for later is no address ---------------------------


@pytest.mark.parametrize(
    ("loc", "text"),
    [
        ("en", "Order from Nadia Kamal, 013-229 4810. 2 murukku + 1 kacang putih. Address I send tomorrow"),
        ("en", "Nadia Kamal 013-229 4810, 2 murukku. Address send you tomorrow, now on the road"),
    ],
)
def test_an_address_promised_for_tomorrow_is_missing(loc: str, text: str) -> None:
    d = draft(loc, text)
    assert d["customer"]["address"] is None
    assert "address" in d["missing"]


# -- `how much postage to Sabah?`: a place alone after the postage word is where it is asked for ----------


@pytest.mark.parametrize(
    "text",
    [
        "Hello, postage to Sarawak how much? Want 3 murukku and 1 dodol durian",
        "hi sis how much shipping to Penang? I want 2 kerepek ubi",
    ],
)
def test_postage_asked_to_a_place_is_no_address(text: str) -> None:
    d = draft("en", text)
    assert d["customer"]["address"] is None
    assert d["shipping_fee"] is None


def test_postage_to_a_person_and_street_still_gives_the_address() -> None:
    d = draft("en", "Postage to Liyana Musa, 12 Jalan Mawar, 81200 Johor Bahru. 2 murukku")
    assert d["customer"]["name"] == "Liyana Musa"
    assert d["customer"]["address"] == "12 Jalan Mawar, 81200 Johor Bahru"


def test_postage_to_a_state_with_its_amount_is_the_shipping_fee() -> None:
    text = ("Liyana: 3 kerepek ubi ya, send to 9 Jalan Kenanga 2, 88300 Kota Kinabalu, Sabah\n"
            "Shop: Postage to Sabah RM18 ok")
    d = draft("en", text)
    assert d["shipping_fee"] == 18
    assert d["customer"]["address"] == "9 Jalan Kenanga 2, 88300 Kota Kinabalu, Sabah"


# -- `send to my mother in Sibu`: who the parcel goes to and the town they live in, the address below -------


@pytest.mark.parametrize(
    ("loc", "text", "address"),
    [
        ("en", "I take 3 murukku, send to my sister in Miri\nMs Wong Mei Ling, 22 Jalan Bulan, 98000 Miri, "
         "Sarawak. her hp 014-882 1930", "22 Jalan Bulan, 98000 Miri, Sarawak"),
        ("id", "aku ambil 2 bergo instan navy, kirim ke adikku di Bekasi\nNurul Aini, Jl. Kemang 3 No. 8, "
         "Bekasi Utara. 0812 5533 9010", "Jl. Kemang 3 No. 8, Bekasi Utara"),
    ],
)
def test_a_relative_in_a_town_leaves_the_address_to_the_line_below(loc: str, text: str, address: str) -> None:
    assert draft(loc, text)["customer"]["address"] == address


def test_a_relative_at_a_street_is_the_address() -> None:
    d = draft("en", "2 murukku, send to my mother at 5 Jalan Mawar, 81200 Johor Bahru. 012-880 1122")
    assert d["customer"]["address"] == "5 Jalan Mawar, 81200 Johor Bahru"


# -- `kirim ke ibu saya ya, Bu Darsih, alamatnya …`: who the recipient is, then their title and name -------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kak kirim ke bapak saya ya, Pak Sutarno, alamatnya Dusun Ngasem RT 02 RW 05, Desa Sumberejo, "
         "Kec. Wonosari, Gunungkidul. HP bapak 0857 2210 4433. Pesan rok plisket hitam 1", "Sutarno"),
        ("tolong kirim ke mertua aku, Bu Sumarni, alamat: Jl. Kenari 8, Kudus. 0812 9080 7766. "
         "bergo instan navy 2", "Sumarni"),
    ],
)
def test_a_relative_then_a_title_and_name_names_the_recipient(text: str, name: str) -> None:
    d = draft("id", text)
    assert d["customer"]["name"] == name
    assert d["customer"]["address"] is not None and name not in d["customer"]["address"]


def test_a_relative_then_an_address_still_gives_the_address() -> None:
    d = draft("id", "kirim ke ibu saya ya, Jl. Kenari 8, Kudus. Namanya Sumarni 0812 9080 7766. bergo navy 2")
    assert d["customer"]["address"] == "Jl. Kenari 8, Kudus"


# -- a colour typed without its vowels (`htm`, `mrh`, `nvy`), as `pth` already is -------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("kak aq psn bergo htm 3 ya, kirim ke Jl. Dahlia 4, Kediri an Wiwik 0813 5566 7788",
         [("BGI-HTM", 3, 39000)]),
        ("psn gamis nvy uk XL 1 sm rok plisket htm 1 kak", [("GSN-XL", 1, 259000), ("RPL-HTM", 1, 99000)]),
    ],
)
def test_a_colour_without_its_vowels_picks_the_variant(text: str, want: list) -> None:
    assert sorted(items("id", text)) == sorted(want)


# -- `katanya kalo ambil 3 dapet potongan`: a condition of a promo is no order line ------------------------


@pytest.mark.parametrize(
    ("loc", "text", "want"),
    [
        ("id", "kak aku ambil 2 bergo instan hitam, kan kalo beli 2 dapet diskon 5rb. "
         "kirim ke Jl. Mawar 3, Blitar a.n. Tika 0812 3344 5566", [("BGI-HTM", 2, 39000)]),
        ("en", "I take 4 murukku, the shop said if buy 4 got free postage. Send to 3 Jalan Ros, 30000 Ipoh, "
         "Alia 012-771 2345", [("MRK-300", 4, 18)]),
    ],
)
def test_a_promos_condition_after_the_order_adds_no_line(loc: str, text: str, want: list) -> None:
    assert [(sku, qty) for sku, qty, _ in items(loc, text)] == [(sku, qty) for sku, qty, _ in want]


def test_an_order_with_if_in_passing_keeps_its_lines() -> None:
    got = items("id", "kalo bisa kirim hari ini ya kak, rok plisket hitam 1 sama bergo instan navy 2")
    assert sorted(got) == [("BGI-NVY", 2, 39000), ("RPL-HTM", 1, 99000)]


# -- `rok plisket mocca 2 … eh roknya 1 aja`: a correction naming the product short keeps its variant -----


@pytest.mark.parametrize(
    ("loc", "text", "want"),
    [
        ("id", "aku ambil bergo instan navy 3 sama rok plisket hitam 1\neh bergonya 2 aja kak",
         [("BGI-NVY", 2, 39000), ("RPL-HTM", 1, 99000)]),
        ("vi", "em lấy 2 son kem lì đỏ với 1 toner hoa hồng\nà nhầm, son kem lì 1 cây thôi",
         [("SKL-DO", 1, 189000), ("TNR-200", 1, 175000)]),
    ],
)
def test_a_correction_naming_the_product_short_keeps_the_chosen_variant(loc: str, text: str,
                                                                        want: list) -> None:
    assert sorted(items(loc, text)) == sorted(want)


def test_a_correction_naming_another_variant_still_takes_it() -> None:
    got = items("id", "aku ambil bergo instan navy 3\neh bergo instan hitam 3 aja kak")
    assert got == [("BGI-HTM", 3, 39000)]


# -- `10 miếng mặt nạ lẻ`: a bare number before a phrase that names one variant counts it -----------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Shop ơi lấy cho chị 10 mặt nạ lẻ nha, giao 5 Lý Thái Tổ, Q.10, TP.HCM. Chị Hằng 0903 441 552",
         [("MNG-1", 10, 18000)]),
        ("em đặt 10 miếng mặt nạ lẻ 16k/miếng với 1 toner hoa hồng",
         [("MNG-1", 10, 16000), ("TNR-200", 1, 175000)]),
    ],
)
def test_a_number_before_a_single_variants_name_is_its_quantity(text: str, want: list) -> None:
    assert sorted(items("vi", text)) == sorted(want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("em lấy 1 hộp mặt nạ 10 miếng nha", [("MNG-H10", 1, 150000)]),
        ("cho em 2 ntt 100ml", [("NTT-100", 2, 69000)]),
    ],
)
def test_a_count_written_beside_the_box_still_picks_the_box(text: str, want: list) -> None:
    assert items("vi", text) == want
