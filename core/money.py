"""Money as integer minor units of one currency; never floats."""

from __future__ import annotations

import re
import unicodedata
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


class UnreadableAmount(ValueError):
    """A written amount that is not one, or not one of this currency: a `CATALOG_PROBLEMS` code."""

    def __init__(self, code: str, text: str, currency: str):
        self.code, self.text, self.currency = code, text, currency
        super().__init__(f"{text!r}: {code}")


# Signs a spreadsheet cell may carry besides the ISO code: `Rp 50.000`, `150.000 ₫`, `RM12.90`.
_SIGNS = {"IDR": ("rp",), "VND": ("₫", "đ", "vnđ"), "MYR": ("rm",)}
# IDR, VND: `.` or `,` groups thousands (`50.000`, `1,500,000`); a last group of one or two digits is a
# decimal part, which must be zero (`85.000,00`, as a spreadsheet formats rupiah).
_WHOLE = re.compile(r"(?P<int>[0-9]{1,3}(?P<sep>[.,])[0-9]{3}(?:(?P=sep)[0-9]{3})*|[0-9]+)"
                    r"(?:(?P<dot>[.,])(?P<frac>[0-9]{1,2}))?")
# MYR and other currencies with decimals: `,` groups thousands and `.` is the decimal point (`1,200.50`).
_DECIMAL = re.compile(r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?")
# No currency known: only what `write_catalog` writes, where `.` is the decimal point and nothing groups.
_PLAIN = re.compile(r"(?P<int>[0-9]+)(?:\.(?P<frac>[0-9]{1,2}))?")

# The multiplier words of the money shorthand sellers type (`159k`, `39rb`, `1,5jt`, `1tr2`, `2 củ`),
# folded (no accents). The chat parser (bot/parse/money.py) reads the same words, so a price the bot takes
# in a message is one the catalog takes too.
SHORTHAND = {
    "k": 1000, "rb": 1000, "ribu": 1000, "rebu": 1000, "ewu": 1000, "jt": 1_000_000, "juta": 1_000_000,
    "jeti": 1_000_000, "tr": 1_000_000, "trieu": 1_000_000, "cu": 1_000_000, "nghin": 1000, "ngan": 1000,
    "ng": 1000, "ty": 1_000_000_000,
}
# `1,5jt`, `39 rb`, `1tr2` (1.2 million): before the word, a `.` or `,` marks decimals, of which one or two
# are read; `1.500k` (1.5 thousand, or 1500 thousand?) is no amount. Digits after it are its tenths etc.
_SHORTHAND = re.compile(r"(?P<int>[0-9]+)(?:[.,](?P<frac>[0-9]{1,2}))?\s?(?P<word>"
                        + "|".join(sorted(SHORTHAND, key=len, reverse=True)) + r")(?P<tail>[0-9]{1,3})?")


def parse_major(text: str, currency: str | None) -> Decimal:
    """An amount in major units as a seller writes it in a spreadsheet, read as the currency writes it.

    IDR and VND have no decimals, so `50.000` is fifty thousand; `1.5` (one and a half, or a slip for
    1.500?) is refused, never guessed. The chat's shorthand is read as the chat reads it (`159k`, `1,5jt`,
    `1tr2`). Raises `UnreadableAmount` with a `CATALOG_PROBLEMS` code.
    """
    cur = (currency or "").upper()
    body = _without_sign(text.strip(), cur)
    negative = body.startswith("-")
    if negative:
        body = body[1:].lstrip()
    digits = exponent(cur) if cur else None
    pattern = _PLAIN if digits is None else _WHOLE if digits == 0 else _DECIMAL
    m = pattern.fullmatch(body)
    if m is None and (short := _SHORTHAND.fullmatch(_folded(body))) is not None:
        value = _shorthand(short)
        if value is None:
            raise UnreadableAmount("not_amount", text, cur)
        if negative and value:
            raise UnreadableAmount("negative", text, cur)
        return value
    if m is None or (digits == 0 and m["sep"] and m["sep"] == m["dot"]):  # `1.000.50`: no reading fits
        raise UnreadableAmount("not_amount", text, cur)
    frac = m["frac"] or ""
    value = Decimal(f"{m['int'].replace('.', '').replace(',', '')}.{frac or '0'}")
    if negative and value:
        raise UnreadableAmount("negative", text, cur)
    if digits == 0 and frac.strip("0"):
        raise UnreadableAmount("no_decimals", text, cur)
    if digits and len(frac) > digits:
        raise UnreadableAmount("decimals", text, cur)
    return value if frac.strip("0") else Decimal(int(value))


def _folded(text: str) -> str:
    """`1,5 Triệu` → `1,5 trieu`: lower case without accents, as the multiplier words are written."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))


def _shorthand(m: re.Match[str]) -> Decimal | None:
    """The whole amount a shorthand match is (`1,5jt` → 1500000); None for both decimals and digits
    after the word (`1,5tr2`), which no one writes."""
    if m["frac"] and m["tail"]:
        return None
    fraction = m["frac"] or m["tail"] or "0"
    return Decimal(int(Decimal(f"{m['int']}.{fraction}") * SHORTHAND[m["word"]]))  # two decimals at most


def _without_sign(text: str, currency: str) -> str:
    """`Rp 50.000` → `50.000`: the shop's own currency sign or code, before or after; no other."""
    if not currency:
        return text
    low = text.lower()
    for sign in sorted((currency.lower(), *_SIGNS.get(currency, ())), key=len, reverse=True):
        if low.startswith(sign):
            rest = text[len(sign):]
            return rest[1:].lstrip() if rest.startswith(".") else rest.lstrip()
        if low.endswith(sign):
            return text[: -len(sign)].rstrip()
    return text
