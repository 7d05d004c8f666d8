"""Phone numbers found in chat text and written as E.164 with the shop's country."""

from __future__ import annotations

import pytest

from bot.parse.phones import find_phones, region_for


def _phones(text: str, region: str) -> list[str | None]:
    return [p.e164 for p in find_phones(text, region)]


@pytest.mark.parametrize(
    ("text", "region", "e164"),
    [
        ("HP 0812-3456-7890", "ID", "+6281234567890"),
        ("wa 0857 1234 5678", "ID", "+6285712345678"),
        ("no hp 62 813 2222 4444", "ID", "+6281322224444"),
        ("Phone +62 811 7000 8000.", "ID", "+6281170008000"),
        ("sđt 0903 123 456", "VN", "+84903123456"),
        ("SĐT: +84 912 345 678", "VN", "+84912345678"),
        ("call 012-345 6789", "MY", "+60123456789"),
        ("Tel: 6012-998 1122", "MY", "+60129981122"),
        ("hp 011-2345 6789", "MY", "+601123456789"),
    ],
)
def test_a_written_number_becomes_e164_in_the_shops_country(text: str, region: str, e164: str) -> None:
    assert _phones(text, region) == [e164]


@pytest.mark.parametrize(("text", "region"), [("hp 0812 345", "ID"), ("sđt: 0912 34", "VN")])
def test_a_number_too_short_to_be_valid_is_found_but_null(text: str, region: str) -> None:
    assert _phones(text, region) == [None]


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Rp 1.500.000", "ID"),
        ("Lazada #123456789", "MY"),
        ("No 12, Jalan SS 2/24, 47300 Petaling Jaya", "MY"),
        ("RT 03/RW 07, Depok 16415", "ID"),
    ],
)
def test_money_order_numbers_and_postcodes_are_not_phones(text: str, region: str) -> None:
    assert [p for p in _phones(text, region) if p] == []


def test_a_spaced_dash_ends_the_number_before_the_next_field() -> None:
    assert _phones("Hoa - 0935 222 111 - 56 Hùng Vương", "VN") == ["+84935222111"]


@pytest.mark.parametrize(
    ("locale", "currency", "region"),
    [
        ("id", "IDR", "ID"),
        ("vi", "VND", "VN"),
        ("en", "MYR", "MY"),
        ("en", "", "MY"),
    ],
)
def test_the_region_follows_the_currency_then_the_locale(locale: str, currency: str, region: str) -> None:
    assert region_for(locale, currency) == region
