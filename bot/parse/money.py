"""Money shorthand as sellers write it (85rb, 1,5jt, 150k, 1tr2, 150.000đ, RM12.90): a small grammar.

Whether `.` and `,` group thousands or mark decimals is decided by the digits after them and the
currency: IDR and VND amounts have no decimals, so `85.000` is eighty-five thousand; a multiplier
(`1,5jt`, `1.5 juta`) makes the separator a decimal point.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import NamedTuple

from bot.parse.money_words import has_number_word, word_amounts
from bot.parse.text import fold
from core.money import SHORTHAND

_MULT = SHORTHAND  # the multiplier words, shared with the catalog reader in core
_PREFIX = {"rp": "IDR", "idr": "IDR", "rm": "MYR", "myr": "MYR", "vnd": "VND", "$": "USD", "usd": "USD"}

AMOUNT_RE = re.compile(
    r"(?=[\d$rimuv])"  # a sign's first letter or a digit: a quick test before the slower ones at each place
    r"(?<![\w.,/#-])"
    r"(?P<pre>(?:rp|idr|rm|myr|vnd|usd|\$)\.?\s?)?"
    r"(?P<num>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<mult>" + "|".join(_MULT) + r")(?P<tail>\d{1,3})?(?![a-z]))?"
    # a sign that also goes before a number (`rm`, `idr`) is the next number's when one follows it:
    # `x 2 rm 17.80` is two at RM17.80, not RM2 then 17
    r"(?:\s?(?P<cur>d|dong|vnd|₫|rupiah|ringgit|(?:idr|myr|rm)(?!\s?\d))(?![a-z]))?"
    r"(?![\w%])"
)

_FREE_RE = re.compile(r"(?<!\w)(?:gratis|free|percuma|mien phi|bebas|waived|foc|nil|khong tinh)(?!\w)")
_SEPARATORS = re.compile(r"[.,]")
_DIGIT = re.compile(r"\d")  # every amount in figures has one: a text without is read in one search
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
# `deliver at 12.30 pm`, `sebelum 5.30 petang`: a time of day is written as a number with two decimals too
_CLOCK_BEFORE = re.compile(
    r"(?:at|by|before|after|around|until|till|jam|pukul|pkl|sebelum|selepas|lepas)\s?$"
)
_CLOCK_AFTER = re.compile(r"\s?(?:am|pm|a\.m|p\.m|pagi|petang|ptg|tengah hari|malam|hrs)(?![a-z])")


class Amount(NamedTuple):
    start: int
    end: int
    value: Decimal
    strong: bool  # written with a currency sign or shorthand, not a bare number


def _digits(num: str) -> Decimal:
    seps = [i for i, ch in enumerate(num) if ch in ".,"]
    if not seps:
        return Decimal(num)
    last = seps[-1]
    after = len(num) - last - 1
    kinds = {num[i] for i in seps}
    if after in (1, 2) and (len(seps) == 1 or len(kinds) == 2):
        whole = _SEPARATORS.sub("", num[:last])
        return Decimal(f"{whole}.{num[last + 1 :]}")
    return Decimal(_SEPARATORS.sub("", num))


def exponent(currency: str) -> int:
    return 2 if currency.upper() in ("MYR", "USD", "SGD") else 0


def _quantize(value: Decimal, currency: str) -> Decimal:
    exp = exponent(currency)
    return (
        value.quantize(Decimal(1).scaleb(-exp), rounding=ROUND_HALF_UP)
        if exp
        else value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    )


def find_amounts(folded: str, currency: str, strong_only: bool = False) -> list[Amount]:
    """Every amount in already folded text, strong (with sign or shorthand) or bare; with `strong_only`,
    the strong ones alone (the bare numbers of a clause, its quantities and sizes, are many)."""
    figures = _DIGIT.search(folded) is not None
    spelled = has_number_word(folded)
    if not figures and not spelled:
        return []  # most clauses: no amount in figures or in words
    out: list[Amount] = []
    weak: list[tuple[int, int]] = []  # bare numbers left out: a number word overlapping one is no amount
    exp0 = exponent(currency) == 0
    vnd = currency.upper() == "VND"
    for m in AMOUNT_RE.finditer(folded) if figures else ():
        pre, num, mult, tail, cur = m.groups()  # the named groups, in order
        if len(num) > 13 and sum(ch.isdigit() for ch in num) > 13:
            continue
        end = m.end()
        if cur in ("d", "dong") and not vnd:
            if not (mult or pre):
                continue
            # `kurangin 5rb dong`: outside Vietnam `dong` is a particle after the amount, not its currency
            cur, end = None, m.end("mult") if mult else m.end("num")
        grouped = ("." in num or "," in num) and _GROUPED.fullmatch(num) is not None
        # `murukku 9.90`: where money has cents, a bare number written with two of them is money (a count
        # has none, a measure one at most or a unit after it)
        cents = (
            not exp0
            and len(num) > 3
            and num[-3] == "."
            and num[:-3].isdigit()
            and not pre  # `RM 9.90`: money by its sign already
            and _CLOCK_AFTER.match(folded, m.end()) is None
            and _CLOCK_BEFORE.search(folded, max(0, m.start() - 9), m.start()) is None
        )
        if strong_only and not (pre or mult or cur or cents) and not (exp0 and grouped):
            weak.append(m.span())  # a bare number: no need of its value (reading it never fails)
            continue
        try:
            value = _digits(num)
            if mult:
                factor = Decimal(_MULT[mult])
                if tail:
                    value += Decimal(f"0.{tail}")
                value *= factor
        except (InvalidOperation, ValueError):
            continue
        strong = bool(pre or mult or cur or cents) or (exp0 and grouped and value >= 1000)
        if strong_only and not strong:
            weak.append(m.span())
            continue
        out.append(Amount(m.start(), end, _quantize(value, currency), strong))
    for start, end, value in word_amounts(folded) if spelled else ():
        if not any(a.start < end and start < a.end for a in out) and not any(
            s < end and start < e for s, e in weak
        ):
            out.append(Amount(start, end, _quantize(value, currency), True))
    return sorted(out, key=lambda a: a.start) if len(out) > 1 else out


def in_thousands(amount: Amount) -> Amount:
    """`ship 30`, `ongkir 20`: a bare amount under a thousand, where the shop sells nothing that cheap in
    a currency without cents (rupiah, dong), is written in thousands (the caller knows the shop)."""
    if amount.strong or not 0 < amount.value < 1000:
        return amount
    return amount._replace(value=amount.value * 1000)


def parse_amount(text: str, currency: str) -> Decimal | None:
    """The first amount in `text` (`20rb`, `RM 8`, `free` → 0), or None."""
    folded = fold(text or "")
    amounts = find_amounts(folded, currency)
    free = _FREE_RE.search(folded)
    if free and (not amounts or free.start() < amounts[0].start):
        return Decimal(0)
    if amounts:
        return amounts[0].value
    return None


def is_free(folded: str) -> bool:
    return bool(_FREE_RE.search(folded))
