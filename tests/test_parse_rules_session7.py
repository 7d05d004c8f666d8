"""General rules for the error kinds the held-out stand-in unseen18 showed (session 7), each on messages of
our own (other names, places and products than the set's), in the languages it applies to."""

from __future__ import annotations

import pytest
from parse_helpers import draft, items

# -- Minangkabau: number words (`duo`, `tigo`) after the goods, `namo` before the name -----------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ambo pesan pashmina hitam tigo, kirim ka Jl. Veteran 9, Bukittinggi. Namo Yusnita, hp "
         "0812 6611 2290",
         [("HPS-HTM", 3, 45000)]),
        ("Uni, ambo nio bergo instan navy ampek. Kirim ka Jl. Sudirman 4, Payakumbuh",
         [("BGI-NVY", 4, 39000)]),
        ("rok plisket mocca ciek jo celana kulot hitam duo, kirim ka Jl. Proklamasi 2, Padang",
         [("RPL-MCA", 1, 99000), ("CKL-HTM", 2, 109000)]),
    ],
)
def test_minang_number_words_count_the_goods(text: str, want: list[tuple[str, int, int]]) -> None:
    assert sorted(items("id", text)) == sorted(want)


def test_namo_labels_the_name_in_running_text() -> None:
    d = draft("id", "ambo pesan tunik rayon 1. Namo Syafrizal Datuak, hp 0812 6611 2290, Jl. Veteran 9")
    assert d["customer"]["name"] == "Syafrizal Datuak"


def test_a_number_word_is_no_quantity_before_a_written_one() -> None:
    want = [("HPS-HTM", 2, 45000)]
    assert items("id", "pashmina hitam 2 pcs ya, kirim ka Jl. Veteran 9, Bukittinggi") == want


# -- `gửi dìa` (Southern: về) before the address; `gui dia chi` typed without marks is `địa chỉ` -------------


@pytest.mark.parametrize(
    "text",
    [
        "tui lấy 2 son kem lì đỏ nghen. Gửi dìa 27 Lý Tự Trọng, P. An Phú, TP. Cần Thơ. Tên Lâm Thị Nhung "
        "0918 224 610",
        "lay 2 son kem li do nghen, giao dia 27 Ly Tu Trong, P. An Phu, TP. Can Tho. Ten Lam Thi Nhung 0918 "
        "224 610",
    ],
)
def test_dia_for_ve_sends_to_the_address(text: str) -> None:
    d = draft("vi", text)
    assert d["customer"]["address"].casefold().startswith(("27 lý tự trọng", "27 ly tu trong"))
    assert items("vi", text) == [("SKL-DO", 2, 189000)]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("lay 2 son kem li do, ten Le Thi Hoa 0912 345 678, gui dia chi 12 Le Loi, TP Hue",
         "12 Le Loi, TP Hue"),
        ("lấy 2 son kem lì đỏ, tên Lê Thị Hoa 0912 345 678, gửi địa chỉ 12 Lê Lợi, TP Huế",
         "12 Lê Lợi, TP Huế"),
        ("lay 2 son kem li do, ten Le Thi Hoa 0912 345 678, em gui dia chi sau nha", None),
    ],
)
def test_gui_dia_chi_is_the_address_label_not_gui_dia(text: str, address: str | None) -> None:
    assert draft("vi", text)["customer"]["address"] == address


# -- `Tên má em là X`: who she is to the buyer, then `là` and the name; `nhà má em ở …`: whose home ----------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("lấy 2 son kem lì đỏ, gửi về 12 Lê Lợi, TP. Huế. Tên mẹ em là Nguyễn Thị Hoa, sđt 0912 345 678",
         "Nguyễn Thị Hoa"),
        ("1 toner hoa hồng nha, gửi 8 Hùng Vương, Quy Nhơn. Tên chồng em là Võ Đình Khang, 0905 118 224",
         "Võ Đình Khang"),
    ],
)
def test_a_word_for_family_and_la_after_the_name_label_are_not_the_name(text: str, name: str) -> None:
    assert draft("vi", text)["customer"]["name"] == name


def test_a_name_label_without_a_word_for_family_keeps_the_name() -> None:
    d = draft("vi", "lấy 1 toner hoa hồng, gửi 8 Hùng Vương, Quy Nhơn. Tên Mẹ Thị Lan, 0905 118 224")
    assert d["customer"]["name"] == "Mẹ Thị Lan"


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("em lấy 1 toner hoa hồng, gửi về nhà má em ở ấp 2, xã Tân Phú, huyện Châu Thành, Bến Tre. Tên "
         "Lê Văn Tư 0918 224 610", "ấp 2, xã Tân Phú, huyện Châu Thành, Bến Tre"),
        ("lấy 1 toner hoa hồng, gửi về nhà chồng chị ở thôn 5, xã Hòa Bình, Bình Định. Tên Lê Văn Tư "
         "0918 224 610", "thôn 5, xã Hòa Bình, Bình Định"),
    ],
)
def test_whose_home_before_the_address_is_not_the_address(text: str, address: str) -> None:
    assert draft("vi", text)["customer"]["address"] == address


def test_a_home_with_a_number_is_the_address() -> None:
    d = draft("vi", "lấy 1 toner hoa hồng, gửi về nhà 14 ngõ 3 Kim Mã, Hà Nội. Tên Lê Văn Tư 0918 224 610")
    assert d["customer"]["address"] == "nhà 14 ngõ 3 Kim Mã, Hà Nội"


# -- the goods arriving, then the buyer handing over money: cash on delivery ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "lấy 1 toner hoa hồng, gửi 8 Hùng Vương, Quy Nhơn. Lê Văn Tư 0905 118 224. Hàng tới em đưa tiền "
        "shipper",
        "lấy 1 toner hoa hồng, gửi 8 Hùng Vương, Quy Nhơn. Lê Văn Tư 0905 118 224, tới nơi cô gửi tiền mặt",
        "lay 1 toner hoa hong, gui 8 Hung Vuong, Quy Nhon. Le Van Tu 0905 118 224. hang den anh tra tien mat",
    ],
)
def test_money_handed_over_when_the_goods_arrive_is_cod(text: str) -> None:
    assert draft("vi", text)["payment"] == "cod"


@pytest.mark.parametrize(
    ("text", "payment"),
    [
        ("lấy 1 toner hoa hồng, gửi 8 Hùng Vương, Quy Nhơn. Lê Văn Tư 0905 118 224. Em ck rồi, hàng tới em "
         "gửi tiền ship cho shipper", "transfer"),
        ("lấy 1 toner hoa hồng, gửi 8 Hùng Vương, Quy Nhơn. Lê Văn Tư 0905 118 224. Em trả tiền mặt nha",
         "cash"),
    ],
)
def test_a_transfer_or_cash_without_the_arrival_is_kept(text: str, payment: str) -> None:
    assert draft("vi", text)["payment"] == payment


# -- a kiosk (`ki-ốt`, `kios`) starts an address ------------------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "text", "address"),
    [
        ("vi", "3 son kem lì đỏ. Người nhận Đào Thị Bé, 0912 345 678, ki-ốt 45 chợ Bến Thành, Q.1, TP.HCM",
         "ki-ốt 45 chợ Bến Thành, Q.1, TP.HCM"),
        ("vi", "3 son kem li do. Nguoi nhan Dao Thi Be, 0912 345 678, kiot 45 cho Ben Thanh, Q1, HCM",
         "kiot 45 cho Ben Thanh, Q1, HCM"),
        ("id", "pashmina hitam 3. Penerima Bu Warsini, 0812 3344 5566, kios 12 Pasar Legi, Solo",
         "kios 12 Pasar Legi, Solo"),
    ],
)
def test_a_kiosk_with_its_number_is_the_address_not_a_line(loc: str, text: str, address: str) -> None:
    d = draft(loc, text)
    assert d["customer"]["address"] == address
    assert len(d["items"]) == 1 and d["items"][0]["qty"] == 3


@pytest.mark.parametrize(
    ("loc", "text", "name", "address"),
    [
        ("id", "pashmina hitam 2 ya, kemarin liat di kios sebelah lebih mahal. Kirim ke Jl. Mawar 5, Bogor. "
         "Nama Tini 0812 3344 5566", "Tini", "Jl. Mawar 5, Bogor"),
        ("vi", "lấy 2 son kem lì đỏ nha, hôm qua thấy ki-ốt bên cạnh bán mắc hơn. Gửi về 5 Lê Lợi, Huế. Tên "
         "Hoa 0912 345 678", "Hoa", "5 Lê Lợi, Huế"),
    ],
)
def test_a_kiosk_seen_in_passing_is_no_address(loc: str, text: str, name: str, address: str) -> None:
    d = draft(loc, text)
    assert (d["customer"]["name"], d["customer"]["address"]) == (name, address)


# -- form labels: `Jalan/No Rumah:`, `Nama Jalan:` name the street; `Kirim via:`, `Kirim pake:` the courier --


@pytest.mark.parametrize(
    ("text", "address", "courier"),
    [
        ("Nama : Wulan Sari\nHP : 0857 2211 4090\nJalan/No Rumah : Jl. Cempaka 3 RT 02\nKecamatan : Tingkir\n"
         "Kota : Salatiga\nPesanan : pashmina hitam 2\nKirim via : SiCepat",
         "Jl. Cempaka 3 RT 02, Tingkir, Salatiga", "sicepat"),
        ("Nama: Wulan Sari\nNo HP: 0857 2211 4090\nNama Jalan: Gg. Mawar 7, Dusun Krajan\nDesa: Sumberejo\n"
         "Kab: Jember\nOrder: bergo instan navy 1\nKirim pake: JNE",
         "Gg. Mawar 7, Dusun Krajan, Sumberejo, Jember", "jne"),
    ],
)
def test_street_and_courier_form_labels(text: str, address: str, courier: str) -> None:
    d = draft("id", text)
    assert (d["customer"]["address"], d["courier"]) == (address, courier)


def test_kirim_ke_in_a_form_is_still_the_address() -> None:
    d = draft("id", "Nama: Wulan Sari\nNo HP: 0857 2211 4090\nKirim ke: Jl. Cempaka 3, Salatiga\n"
                    "Order: bergo instan navy 1\nKirim via: JNE")
    assert (d["customer"]["address"], d["courier"]) == ("Jl. Cempaka 3, Salatiga", "jne")


# -- Malaysian Chinese: a classifier on the number (`2包`, `3罐`), `和`/`跟` between two lines -----------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("老板, 我要 3罐 kuih bangkit 和 2包 teh tarik. Send to Ong Mei Xin, 8 Jalan Bunga, 81200 JB",
         [("KBS-TIN", 3, 18), ("TTK-12", 2, 11.5)]),
        ("boss 2包 kopi o 跟 1 tin kuih bangkit, postage how much?",
         [("KOK-250", 2, 9.5), ("KBS-TIN", 1, 18)]),
    ],
)
def test_a_chinese_classifier_counts_and_he_joins_two_lines(text: str,
                                                            want: list[tuple[str, int, float]]) -> None:
    assert sorted(items("en", text)) == sorted(want)


def test_a_chinese_thanks_after_the_address_reads_no_goods() -> None:
    d = draft("en", "2 teh tarik pls. Send to Ong Mei Xin, 8 Jalan Bunga, 81200 JB 和 谢谢 boss")
    assert [(i["sku"], i["qty"]) for i in d["items"]] == [("TTK-12", 2)]


# -- the same name written in full elsewhere (a chat speaker, then the full name after the phone) ---------


@pytest.mark.parametrize(
    ("loc", "text", "name"),
    [
        ("vi", "10:02 Kim Ngân: Shop ơi lấy chị 1 toner hoa hồng nha\n10:04 Kim Ngân: Gửi về 22 Nguyễn Huệ, "
         "TP. Quy Nhơn\n10:05 Kim Ngân: 0905 118 224 Lâm Kim Ngân", "Lâm Kim Ngân"),
        ("vi", "09:40 Ngọc Hân: lấy 2 son kem lì đỏ nha shop\n09:41 Ngọc Hân: gửi về 5 Lê Duẩn, Đà Nẵng\n"
         "09:42 Ngọc Hân: 0912 345 678 Trương Ngọc Hân ạ", "Trương Ngọc Hân"),
    ],
)
def test_a_speakers_name_gives_way_to_the_same_name_in_full(loc: str, text: str, name: str) -> None:
    assert draft(loc, text)["customer"]["name"] == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tên: Ngọc\nSĐT: 0868 157 290\nĐịa chỉ: 14 Trần Hưng Đạo, Long Xuyên\nSP: 2 hũ tẩy tế bào chết\n"
         "Ghi chú: gọi chị Bích Ngọc trước khi giao", "Ngọc"),
        ("10:02 Kim Ngân: Shop ơi lấy chị 1 toner hoa hồng nha\n10:04 Kim Ngân: Gửi về 22 Nguyễn Huệ, "
         "TP. Quy Nhơn\n10:05 Kim Ngân: 0905 118 224 người nhận Lê Văn Hùng", "Lê Văn Hùng"),
    ],
)
def test_a_labelled_name_or_another_person_is_kept(text: str, name: str) -> None:
    assert draft("vi", text)["customer"]["name"] == name


# -- a chat speaker's name near a label (`Thu Trang` ~ `thị trấn`) is no typo of it ------------------------


@pytest.mark.parametrize(
    ("text", "name", "address"),
    [
        ("10:02 Thu Trang: Shop ơi lấy chị 1 toner hoa hồng nha\n10:04 Thu Trang: Gửi về 22 Nguyễn Huệ, "
         "TP. Quy Nhơn\n10:05 Thu Trang: 0905 118 224 Phạm Thu Trang", "Phạm Thu Trang",
         "22 Nguyễn Huệ, TP. Quy Nhơn"),
        ("08:15 Thị Trang: lấy 1 toner hoa hồng nha\n08:16 Thị Trang: gửi về 9 Lý Thái Tổ, Hà Nội\n"
         "08:17 Thị Trang: 0905 118 224 Đỗ Thị Trang", "Đỗ Thị Trang", "9 Lý Thái Tổ, Hà Nội"),
    ],
)
def test_a_speakers_name_near_a_label_is_no_label(text: str, name: str, address: str) -> None:
    d = draft("vi", text)
    assert (d["customer"]["name"], d["customer"]["address"]) == (name, address)
    assert items("vi", text) == [("TNR-200", 1, 175000)]


@pytest.mark.parametrize(
    ("loc", "text", "address"),
    [
        ("id", "Nma: Sari Dewi\nNo Hpp: 0812 3344 5566\nAlmat: Jl. Kenanga 5, Depok\nKode Pso: 16411\n"
         "Pesanan: pashmina hitam 2", "Jl. Kenanga 5, Depok, 16411"),
        ("vi", "Họ Tênn: Lê Thị Hoa\nSđt: 0912 345 678\nĐịa Chỉi: 12 Lê Lợi, TP Huế\nSP: 2 son kem lì đỏ",
         "12 Lê Lợi, TP Huế"),
    ],
)
def test_typos_of_form_labels_are_still_labels(loc: str, text: str, address: str) -> None:
    assert draft(loc, text)["customer"]["address"] == address


# -- the address's last place runs into the goods without a comma (`Đà Nẵng 2 son kem lì đỏ`) ---------


@pytest.mark.parametrize(
    ("loc", "text", "address", "want"),
    [
        ("vi", "Gửi về 5 Lê Duẩn, Q. Hải Châu, Đà Nẵng 2 son kem lì đỏ nha em, tên Hồ Thị Lan 0912 345 678",
         "5 Lê Duẩn, Q. Hải Châu, Đà Nẵng", [("SKL-DO", 2, 189000)]),
        ("id", "kirim ke Jl. Mawar 5, Kec. Cibinong, Bogor 2 pashmina hitam ya kak, a.n Sari 0812 3344 5566",
         "Jl. Mawar 5, Kec. Cibinong, Bogor", [("HPS-HTM", 2, 45000)]),
        ("en", "send to 8 Jalan Bunga, Taman Johor, Johor Bahru 2 kopi o pls, Ms Tan 012-334 5566",
         "8 Jalan Bunga, Taman Johor, Johor Bahru", [("KOK-250", 2, 9.5)]),
    ],
)
def test_a_place_then_a_quantity_of_goods_ends_the_address(loc: str, text: str, address: str,
                                                            want: list[tuple[str, int, float]]) -> None:
    assert draft(loc, text)["customer"]["address"] == address
    assert items(loc, text) == want


def test_a_number_after_a_street_in_a_later_part_stays_in_the_address() -> None:
    d = draft("vi", "Gửi về Hẻm 5, Lê Duẩn 12, Đà Nẵng. 2 son kem lì đỏ, tên Hồ Thị Lan 0912 345 678")
    assert d["customer"]["address"] == "Hẻm 5, Lê Duẩn 12, Đà Nẵng"


# -- `gửi về cho chị Lành ở thôn 4, …`: `cho`, the title and name, then `ở` and the address -----------------


@pytest.mark.parametrize(
    ("text", "name", "address"),
    [
        ("gửi về cho cô Sáu ở 12 Trần Phú, Nha Trang, 0905 118 224. 1 toner hoa hồng", "Sáu",
         "12 Trần Phú, Nha Trang"),
        ("giao tới cho bà Tư ở tổ 3, phường Phú Hội, Huế nha, 1 toner hoa hồng", "Tư",
         "tổ 3, phường Phú Hội, Huế"),
        ("gửi về cho anh Tâm ở ấp 2, xã Long Phước, Long Hồ, Vĩnh Long. 1 toner hoa hồng", "Tâm",
         "ấp 2, xã Long Phước, Long Hồ, Vĩnh Long"),
    ],
)
def test_cho_before_the_recipient_and_o_before_the_address(text: str, name: str, address: str) -> None:
    d = draft("vi", text)
    assert (d["customer"]["name"], d["customer"]["address"]) == (name, address)


def test_cho_a_pronoun_alone_names_no_one() -> None:
    d = draft("vi", "gửi về cho em ở 12 Trần Phú, Nha Trang, 0905 118 224. 1 toner hoa hồng")
    assert (d["customer"]["name"], d["customer"]["address"]) == (None, "12 Trần Phú, Nha Trang")
