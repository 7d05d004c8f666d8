"""Money as integer minor units of one currency; never floats."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel.numbers import get_currency_precision


@cache
def exponent(currency: str) -> int:
    """Digits after the decimal point in everyday use (CLDR): IDR 0, VND 0, MYR 2 (babel looks them up
    in its locale data on every call; a shop has one currency, so once)."""
    return int(get_currency_precision(currency.upper()))


@dataclass(frozen=True, order=True, slots=True)
class Money:
    minor: int
    currency: str

    @classmethod
    def of(cls, major: Decimal | int | str, currency: str) -> Money:
        """Build from an amount in major units (`Money.of("12.90", "MYR")`), rounding half up."""
        amount = Decimal(str(major))
        scaled = (amount * (10 ** exponent(currency))).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return cls(int(scaled), currency.upper())

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(0, currency.upper())

    @property
    def major(self) -> Decimal:
        return Decimal(self.minor).scaleb(-exponent(self.currency))

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def __mul__(self, times: int) -> Money:
        if not isinstance(times, int):
            raise TypeError("Money can only be multiplied by an integer")
        return Money(self.minor * times, self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def __bool__(self) -> bool:
        return self.minor != 0


def major_to_json(value: Decimal | None) -> int | float | None:
    """A major-unit amount as a JSON number: 85000 stays an int, 12.90 becomes 12.9."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
