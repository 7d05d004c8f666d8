"""The money shorthand sellers type, read by the currency's rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.parse.money import find_amounts, parse_amount
from bot.parse.text import fold


@pytest.mark.parametrize(
    ("text", "currency", "amount"),
    [
        ("45rb", "IDR", "45000"),
        ("45 ribu", "IDR", "45000"),
        ("120k", "IDR", "120000"),
        ("Rp120.000", "IDR", "120000"),
        ("Rp. 75.500", "IDR", "75500"),
        ("Rp 1.250.000", "IDR", "1250000"),
        ("IDR 99,000", "IDR", "99000"),
        ("2,5jt", "IDR", "2500000"),
        ("2.5 juta", "IDR", "2500000"),
        ("3jt", "IDR", "3000000"),
        ("1jt2", "IDR", "1200000"),
        ("250k", "VND", "250000"),
        ("250 nghìn", "VND", "250000"),
        ("250 ngàn", "VND", "250000"),
        ("250.000đ", "VND", "250000"),
        ("250,000 VND", "VND", "250000"),
        ("99.000₫", "VND", "99000"),
        ("2tr5", "VND", "2500000"),
        ("1tr25", "VND", "1250000"),
        ("1,5 triệu", "VND", "1500000"),
        ("RM9.90", "MYR", "9.90"),
        ("RM 15", "MYR", "15.00"),
        ("rm7.5", "MYR", "7.50"),
        ("RM1,299.00", "MYR", "1299.00"),
    ],
)
def test_a_shorthand_amount_reads_as_the_seller_meant_it(text: str, currency: str, amount: str) -> None:
    assert parse_amount(text, currency) == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("gratis", "IDR"),
        ("free", "MYR"),
        ("miễn phí", "VND"),
        ("percuma", "MYR"),
    ],
)
def test_free_is_zero(text: str, currency: str) -> None:
    assert parse_amount(text, currency) == 0


@pytest.mark.parametrize("text", ["", "besok aja", "nanti info", "bao nhiêu ạ"])
def test_no_amount_is_none(text: str) -> None:
    assert parse_amount(text, "IDR") is None


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("sneakers putih size 39", "IDR"),
        ("sữa rửa mặt 150ml", "VND"),
        ("kopi o kosong 250g", "MYR"),
        ("10%", "IDR"),
    ],
)
def test_sizes_and_measures_are_not_money(text: str, currency: str) -> None:
    assert not [a for a in find_amounts(fold(text), currency) if a.strong]


def test_dong_is_a_currency_only_in_vietnam() -> None:
    assert not [a for a in find_amounts(fold("gamis navy L 1 dong"), "IDR") if a.strong]
    assert parse_amount("150 đồng", "VND") == Decimal(150)


@pytest.mark.parametrize(("text", "currency", "amount"), [
    ("ongkir dua puluh ribu", "IDR", "20000"),
    ("seratus dua puluh lima ribu", "IDR", "125000"),
    ("satu juta dua ratus ribu", "IDR", "1200000"),
    ("hai trăm nghìn", "VND", "200000"),
    ("hai mươi lăm nghìn", "VND", "25000"),
    ("một triệu hai", "VND", "1200000"),
    ("hai triệu rưỡi", "VND", "2500000"),
    ("fifteen ringgit", "MYR", "15.00"),
    ("one hundred and twenty ringgit", "MYR", "120.00"),
])
def test_an_amount_spelled_out_by_voice_typing(text: str, currency: str, amount: str) -> None:
    assert parse_amount(text, currency) == Decimal(amount)


@pytest.mark.parametrize("text", ["pashmina dua", "ambil tiga ya", "hai hộp mặt nạ", "two packs"])
def test_number_words_without_a_magnitude_are_not_money(text: str) -> None:
    assert parse_amount(text, "IDR") is None
