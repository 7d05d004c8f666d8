"""Order search: what an order can be found by, as one folded text the database matches a needle in.

SQLite's LOWER and LIKE fold ASCII letters only and PostgreSQL's LIKE folds none, so `Đức`, `Ngọc` and a
waybill in other letter case were found by neither. The order keeps its name, address, waybill, phone
digits and marketplace reference folded (lower case, no diacritics) in `orders.search`; a search folds
its text the same way and looks for it as a substring, the same on both databases.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"\D")
_FOLDS = str.maketrans({"đ": "d", "Đ": "d", "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o"})


def fold(text: str) -> str:
    """Lower case without diacritics, spaces collapsed: `Nguyễn  Trãi` -> `nguyen trai`."""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLDS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def phone_digits(text: str) -> str:
    """A phone number's digits without its leading zeros: `0812…` and `+62812…` both hold `812…`."""
    return _DIGITS.sub("", text).lstrip("0")


def order_search_text(name: str | None, phone: str | None, address: str | None, waybill: str | None,
                      channel_ref: str | None) -> str:
    """The text `orders.search` holds for an order with these fields: one line each."""
    return "\n".join((fold(name or ""), phone_digits(phone or ""), fold(address or ""), fold(waybill or ""),
                      fold(channel_ref or "")))
