"""Money is integer minor units of one currency, with the exponent CLDR gives it."""

from decimal import Decimal

import pytest

from core.money import Money, exponent, major_to_json


@pytest.mark.parametrize(("currency", "digits"), [("IDR", 0), ("VND", 0), ("MYR", 2), ("USD", 2)])
def test_each_currency_has_the_everyday_number_of_decimals(currency: str, digits: int) -> None:
    assert exponent(currency) == digits


@pytest.mark.parametrize(("major", "currency", "minor"), [
    ("85000", "IDR", 85000), (85000, "IDR", 85000), ("12.90", "MYR", 1290), ("12", "MYR", 1200),
    ("150000", "VND", 150000), ("0.005", "MYR", 1), ("0.004", "MYR", 0), ("1.5", "IDR", 2),
])
def test_an_amount_in_major_units_becomes_minor_units_rounding_half_up(major: str, currency: str,
                                                                       minor: int) -> None:
    assert Money.of(major, currency) == Money(minor, currency)


def test_the_currency_code_is_upper_cased() -> None:
    assert Money.of("1", "myr").currency == "MYR"
    assert Money.zero("idr") == Money(0, "IDR")


def test_major_gives_back_the_decimal_amount() -> None:
    assert Money(1290, "MYR").major == Decimal("12.90")
    assert Money(85000, "IDR").major == Decimal(85000)


def test_sums_differences_and_multiples_stay_in_minor_units() -> None:
    a, b = Money(85000, "IDR"), Money(15000, "IDR")
    assert a + b == Money(100000, "IDR")
    assert a - b == Money(70000, "IDR")
    assert a * 3 == 3 * a == Money(255000, "IDR")
    assert -b == Money(-15000, "IDR")


def test_two_currencies_never_mix() -> None:
    with pytest.raises(ValueError, match="IDR and MYR"):
        Money(1, "IDR") + Money(1, "MYR")


def test_money_is_never_multiplied_by_a_float() -> None:
    with pytest.raises(TypeError):
        Money(100, "MYR") * 1.5  # type: ignore[operator]


def test_zero_is_falsy_and_anything_else_truthy() -> None:
    assert not Money.zero("IDR")
    assert Money(1, "IDR")


def test_amounts_become_json_numbers_without_needless_decimals() -> None:
    assert major_to_json(Decimal("85000")) == 85000
    assert major_to_json(Decimal("12.90")) == 12.9
    assert major_to_json(None) is None
