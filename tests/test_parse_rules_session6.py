"""General rules for the error kinds the held-out stand-in unseen16 showed (session 6), each on messages of
our own (other names, places and products than the set's), in the languages it applies to."""

from __future__ import annotations

import pytest
from parse_helpers import draft

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
