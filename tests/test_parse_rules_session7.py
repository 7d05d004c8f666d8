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
