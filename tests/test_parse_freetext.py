"""Names and addresses in running text, found by their shape and place."""

from __future__ import annotations

import pytest
from parse_helpers import draft


@pytest.mark.parametrize(
    ("locale", "text", "name"),
    [
        ("id", "Rudi Hartono 0812 3456 7890 Jl. Mawar 3, Bogor", "Rudi Hartono"),
        ("id", "kirim ke Bu Endang, Jl. Kartini 12, Kudus", "Endang"),
        ("id", "kak aku Salsa mau order pashmina hitam 1", "Salsa"),
        ("id", "Kak ini Bayu, jadi ambil bergo hitam 1", "Bayu"),
        ("id", "atas nama Dimas Prasetyo ya", "Dimas Prasetyo"),
        ("id", "a.n Lina, 0813 1111 2222", "Lina"),
        ("vi", "chị Hương lấy 1 serum b5 nhé", "Hương"),
        ("vi", "Đơn anh Khoa: 1 xịt khoáng", "Khoa"),
        ("vi", "Mình là Phạm Thu Trang, sđt 0903 111 222", "Phạm Thu Trang"),
        ("vi", "em tên Ngọc Anh", "Ngọc Anh"),
        ("vi", "ten hoang long sdt 0912 333 444", "hoang long"),
        ("en", "Deliver to Encik Rahman, 5 Jalan Bunga, 75100 Melaka", "Rahman"),
        ("en", "012-345 6789, Siti Aminah", "Siti Aminah"),
        ("en", "Name: Kumar a/l Muthu", "Kumar a/l Muthu"),
    ],
)
def test_the_recipients_name_without_greetings_or_honorifics(locale: str, text: str, name: str) -> None:
    assert draft(locale, text)["customer"]["name"] == name


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("id", "kak pashmina hitam masih ready?"),
        ("id", "Transfer BCA, kurir JNE"),
        ("vi", "Shop ơi còn son đỏ không ạ"),
        ("en", "Hi boss, same address as last time"),
    ],
)
def test_no_name_is_invented(locale: str, text: str) -> None:
    assert draft(locale, text)["customer"]["name"] is None


@pytest.mark.parametrize(
    ("locale", "text", "address"),
    [
        (
            "id",
            "kirim ke Jl. Cendana No. 7, Kel. Sukajadi, Kec. Sukarame, Palembang. Nama Rina",
            "Jl. Cendana No. 7, Kel. Sukajadi, Kec. Sukarame, Palembang",
        ),
        (
            "id",
            "Perum Bukit Indah Blok F2 No. 10, Cibinong, Bogor ya kak 🙏",
            "Perum Bukit Indah Blok F2 No. 10, Cibinong, Bogor",
        ),
        (
            "id",
            "alamat Dusun Krajan RT 02 RW 01, Desa Sukorejo, Kec. Bangsal, Mojokerto",
            "Dusun Krajan RT 02 RW 01, Desa Sukorejo, Kec. Bangsal, Mojokerto",
        ),
        ("vi", "gửi về 45 Lê Lai, P. Bến Thành, Q.1, TP.HCM nha", "45 Lê Lai, P. Bến Thành, Q.1, TP.HCM"),
        ("vi", "dc 12 hem 5 Nguyen Trai, Q.5, HCM", "12 hem 5 Nguyen Trai, Q.5, HCM"),
        ("vi", "giao GHN về 7 Trần Phú, Hải Châu, Đà Nẵng giúp em", "7 Trần Phú, Hải Châu, Đà Nẵng"),
        (
            "en",
            "Ship to 12, Jalan Ampang, 50450 Kuala Lumpur. Thanks",
            "12, Jalan Ampang, 50450 Kuala Lumpur",
        ),
        (
            "en",
            "Lot 7, Kampung Baru, 21000 Kuala Terengganu, 013-999 2222",
            "Lot 7, Kampung Baru, 21000 Kuala Terengganu",
        ),
    ],
)
def test_the_address_as_written_without_other_fields(locale: str, text: str, address: str) -> None:
    assert draft(locale, text)["customer"]["address"] == address


def test_a_self_correction_replaces_the_address() -> None:
    text = "giao về 8 Lê Lợi, P. Phú Hội? à không, 8 Lê Lợi, TP. Huế nhé"
    assert draft("vi", text)["customer"]["address"] == "8 Lê Lợi, TP. Huế"


def test_the_sellers_bank_account_holder_is_not_the_customer() -> None:
    text = "kirim ke Wati, Jl. Melati 2, Solo. TF BRI ke 0123-01-567890-50-1 a.n. Toko Ayu"
    assert draft("id", text)["customer"]["name"] == "Wati"


def test_a_name_right_after_a_phone_at_the_start_of_a_line() -> None:
    assert draft("en", "012-488 2299, jason lee")["customer"]["name"] == "jason lee"


@pytest.mark.parametrize(("locale", "text", "name"), [
    ("id", "Nama: Bu Ratna\nHP: 0812 1111 2222", "Bu Ratna"),
    ("id", "pesanan atas nama Ibu Ratna Sari, 0812 1111 2222", "Ratna Sari"),
    ("vi", "Người nhận: chị Hoa\nSĐT: 0912 111 222", "chị Hoa"),
    ("vi", "giao cho em nhé, tên chị Hoa, sđt 0912 111 222", "Hoa"),
])
def test_a_form_field_keeps_its_honorific_and_running_text_drops_it(
        locale: str, text: str, name: str) -> None:
    assert draft(locale, text)["customer"]["name"] == name


@pytest.mark.parametrize(("locale", "text", "name", "address"), [
    ("vi", "1 son đỏ nha. Gửi về Trần Bảo Ngọc, 0912 345 678, 31 Phan Chu Trinh, TP. Huế",
     "Trần Bảo Ngọc", "31 Phan Chu Trinh, TP. Huế"),
    ("id", "kaos putih M 1. kirim ke Budi Santoso, 0812 3456 7890, Jl. Melati 3, Depok",
     "Budi Santoso", "Jl. Melati 3, Depok"),
    ("en", "1 kerepek ubi. send to Ravi Chandran, 016 225 7701, 15 Jalan Sentosa, Johor",
     "Ravi Chandran", "15 Jalan Sentosa, Johor"),
])
def test_a_recipient_word_then_name_phone_and_address(
    locale: str, text: str, name: str, address: str
) -> None:
    cust = draft(locale, text)["customer"]
    assert (cust["name"], cust["address"]) == (name, address)


@pytest.mark.parametrize(("text", "name", "address"), [
    ("老板 1 kerepek ubi. 送去 Ravi Chandran, 15 Jalan Sentosa, Johor. 016 225 7701",
     "Ravi Chandran", "15 Jalan Sentosa, Johor"),
    ("1 kerepek ubi. Send to my house: 29, Jalan Sentosa, Johor. Ravi 016 225 7701",
     "Ravi", "29, Jalan Sentosa, Johor"),
    ("1 kerepek ubi. deliver to my office: Level 3, Menara ABC, Jalan Ampang, KL. Ravi 016 225 7701",
     "Ravi", "Level 3, Menara ABC, Jalan Ampang, KL"),
])
def test_chinese_and_my_house_recipient_words_start_the_address(text: str, name: str, address: str) -> None:
    cust = draft("en", text)["customer"]
    assert (cust["name"], cust["address"]) == (name, address)


@pytest.mark.parametrize(("text", "name"), [
    ("kak sy mau order kaos putih M 2 ya.. kirim ke jl melati no 3 depok. an budi santoso 0811 7650 4321",
     "budi santoso"),
    ("sy pesen kulot krem 1 kak, jl kenanga 5 bogor, an rina 0812 1111 2222", "rina"),
    ("gw order kaos putih M 1 ya, kirim ke jl melati 3 depok", None),
])
def test_a_lower_case_an_before_the_phone_names_the_buyer_and_sy_is_never_a_name(
    text: str, name: str | None
) -> None:
    assert draft("id", text)["customer"]["name"] == name


@pytest.mark.parametrize(("text", "name", "address", "courier"), [
    ("e lấy 2 son đỏ nha. Giao 14/3 Nguyễn Trãi, P.2, Q.5, TP.HCM giúp e. Bảo Trâm 0912 345 678",
     "Bảo Trâm", "14/3 Nguyễn Trãi, P.2, Q.5, TP.HCM", None),
    ("c lấy 1 son đỏ, gửi 12 Lê Lợi, Q. 1, HCM cho c. Minh Thư 0912 345 678",
     "Minh Thư", "12 Lê Lợi, Q. 1, HCM", None),
    ("1 son đỏ, giao ghtk nha. 12 Lê Lợi, Q.1, HCM. Lan 0912 345 678", "Lan", "12 Lê Lợi, Q.1, HCM", "ghtk"),
])
def test_giao_before_a_house_number_starts_the_address_and_a_pronoun_ends_the_sentence(
    text: str, name: str, address: str, courier: str | None
) -> None:
    d = draft("vi", text)
    assert (d["customer"]["name"], d["customer"]["address"], d["courier"]) == (name, address, courier)
