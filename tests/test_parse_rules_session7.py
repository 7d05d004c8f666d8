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
