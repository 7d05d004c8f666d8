"""Amounts spelled out in words, as voice typing writes them: `dua puluh ribu`, `hai trăm nghìn`,
`fifteen ringgit`. A run of number words counts as money only with a magnitude (ribu, nghìn, thousand, …)
or a currency word after it; `pashmina dua` stays a quantity."""

from __future__ import annotations

import re
from decimal import Decimal

from bot.parse.lexicon import alternation

# folded number words of Indonesian/Malay, Vietnamese and English
UNITS = {
    "nol": 0,
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "lapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "khong": 0,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "lam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
TENS = {"puluh"}  # `dua puluh` = 20 (Vietnamese `mươi` is handled with `muoi` after a unit)
TEEN = {"belas"}  # `dua belas` = 12
HUNDRED = {"ratus", "tram", "hundred"}
BIG = {
    "ribu": 1000,
    "rebu": 1000,
    "nghin": 1000,
    "ngan": 1000,
    "thousand": 1000,
    "juta": 1_000_000,
    "trieu": 1_000_000,
    "million": 1_000_000,
}
SE = {"seratus": ("hundred", 100), "seribu": ("big", 1000), "sejuta": ("big", 1_000_000)}  # se- is "one"
HALF = {"ruoi", "setengah", "half"}
FILLER = {"and", "linh", "le"}  # `one hundred and five`, `một trăm linh năm`
CURRENCY = {"ringgit", "rupiah", "dong", "rm", "rp"}

_WORD = re.compile(r"[a-z]+")
# a word that can start a spelled-out amount; most clauses have none, and are answered by one search.
# It starts at the character before the word (no letter a-z), searched in the text with a space put
# before it: sre skips from one such character to the next, where a lookbehind first is tried everywhere
_STARTS = re.compile(r"[^a-z](?:" + alternation({*UNITS, *BIG, *SE}) + r")(?![a-z])")


def has_number_word(folded: str) -> bool:
    """Is there a word an amount in words can start with? Most texts have none."""
    return _STARTS.search(" " + folded) is not None


def word_amounts(folded: str) -> list[tuple[int, int, Decimal]]:
    """(start, end, value) of every amount written in words in already folded text."""
    out: list[tuple[int, int, Decimal]] = []
    if not _STARTS.search(" " + folded):
        return out
    words = list(_WORD.finditer(folded))
    i = 0
    while i < len(words):
        # a number starts with a number word or a `se-` magnitude (`seribu`); a magnitude alone is
        # another word (`ngân hàng`, the bank, folds to `ngan hang`)
        if words[i].group(0) not in UNITS and words[i].group(0) not in SE:
            i += 1
            continue
        value, j = _read_number(folded, words, i)
        if value is not None:
            out.append((words[i].start(), words[j - 1].end(), value))
            i = j
        else:
            i += 1
    return out


def _read_number(folded: str, words: list[re.Match[str]], i: int) -> tuple[Decimal | None, int]:
    total = Decimal(0)
    hundreds = small = 0
    money = False
    last_big = 0
    after_big = False  # `một triệu hai` is 1.2 million, as `1tr2` is
    j = i
    while j < len(words):
        w = words[j].group(0)
        if j > i and folded[words[j - 1].end() : words[j].start()].strip():
            break  # punctuation between words ends the number
        if w in SE:
            kind, n = SE[w]
            if kind == "big":
                total += n
                last_big, money, after_big = n, True, True
            else:
                hundreds += n
                after_big = False
        elif w in UNITS:
            if w == "muoi" and small and small < 10:
                small *= 10  # `hai mươi` = 20
            elif after_big and UNITS[w] < 10 and not _continues(words, j):
                total += Decimal(UNITS[w]) * last_big / 10
                j += 1
                break
            else:
                small += UNITS[w]
            after_big = False
        elif w in TENS:
            small = (small or 1) * 10
        elif w in TEEN:
            small = (small or 1) + 10
        elif w in HUNDRED:
            hundreds = (small or 1) * 100
            small = 0
        elif w in BIG:
            total += (hundreds + small or 1) * BIG[w]
            hundreds = small = 0
            last_big, money, after_big = BIG[w], True, True
        elif w in HALF and last_big:
            total += Decimal(last_big) / 2  # `hai triệu rưỡi`, `dua juta setengah`
            j += 1
            break
        elif w in FILLER and j > i:
            pass
        elif w in CURRENCY and j > i:
            money = True
            j += 1
            break
        else:
            break
        j += 1
    if not money:
        return None, j
    return total + hundreds + small, j


def _continues(words: list[re.Match[str]], j: int) -> bool:
    """Does a magnitude word follow this unit (`một triệu hai trăm nghìn`)?"""
    nxt = words[j + 1].group(0) if j + 1 < len(words) else ""
    return nxt in HUNDRED or nxt in BIG or nxt in TENS or nxt in TEEN or nxt == "muoi"
