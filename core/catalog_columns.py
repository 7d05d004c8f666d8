"""Which catalog column a header cell names, in the seller's own words: `Giá bán (VNĐ)` is the price."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from pathlib import Path

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    """`Giá bán (VNĐ)` → `gia`, `ban`, `vnd`: lower case, accents and punctuation gone."""
    text = text.replace("đ", "d").replace("Đ", "D")  # a letter of its own, which NFKD leaves as it is
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _WORD.findall(plain.lower())


@cache
def _lexicon() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """The names of each column (folded, spaces out) and the currency words, from the file beside us."""
    with (Path(__file__).with_name("catalog_columns.toml")).open("rb") as fh:
        data = tomllib.load(fh)
    names: dict[str, str] = {}
    for column, written in data["columns"].items():
        for name in written:
            key = "".join(_words(name))
            if names.setdefault(key, column) != column:
                raise ValueError(f"catalog_columns.toml: {name!r} names both {names[key]} and {column}")
    currency = {code: frozenset(w for word in words for w in _words(word))
                for code, words in data["currency"].items()}
    return names, currency


def column_of(cell: str, currency: str | None) -> str | None:
    """The catalog column (`price`, `sku`, …) a header cell names, or None for a column of another kind.

    The shop's currency beside a name is no part of it (`Harga (Rp)`); without a currency, any of ours."""
    names, signs = _lexicon()
    words = _words(cell)
    drop = signs.get(currency.upper(), frozenset()) if currency else frozenset().union(*signs.values())
    kept = [w for w in words if w not in drop]
    return names.get("".join(kept or words))
