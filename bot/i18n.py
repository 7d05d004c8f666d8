"""Words in the shop's language: message catalogs (id, vi, en), money and time through babel."""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import parse_pattern
from babel.numbers import NumberPattern, get_currency_name
from markupsafe import Markup, escape

from core.money import Money

LOCALES = ("id", "vi", "en")
CATALOGS = Path(__file__).parent / "templates" / "locale"


@dataclass(frozen=True)
class Region:
    """What a new shop gets unless its owner picks otherwise."""

    currency: str
    timezone: str


REGIONS = {
    "id": Region("IDR", "Asia/Jakarta"),
    "vi": Region("VND", "Asia/Ho_Chi_Minh"),
    "en": Region("MYR", "Asia/Kuala_Lumpur"),
}
# Telegram language codes of people who would rather read one of our three languages.
_LANGUAGE_HINTS = {"id": "id", "in": "id", "ms": "id", "jv": "id", "su": "id", "vi": "vi"}


def guess_locale(language_code: str | None) -> str:
    """Our locale for a Telegram `language_code` (`id`, `vi-VN`, `en-US`, …); English otherwise."""
    base = (language_code or "").split("-")[0].split("_")[0].lower()
    return _LANGUAGE_HINTS.get(base, "en")


@cache
def catalog(locale: str) -> dict[str, str]:
    """The flat `section.key → text` catalog of one locale; text is trusted Telegram HTML."""
    with (CATALOGS / f"{locale}.toml").open("rb") as fh:
        data = tomllib.load(fh)
    flat: dict[str, str] = {}

    def walk(prefix: str, node: dict[str, Any]) -> None:
        for key, value in node.items():
            name = f"{prefix}{key}"
            if isinstance(value, dict):
                walk(name + ".", value)
            else:
                flat[name] = str(value)

    walk("", data)
    return flat


class Translator:
    """`t("draft.title", number=3)`: the locale's text with its `{placeholders}` filled and escaped."""

    def __init__(self, locale: str):
        self.locale = locale if locale in LOCALES else "en"
        # Built once per locale: cards ask for dozens of texts each, most of them without placeholders.
        self._texts = {key: Markup(text) for key, text in (catalog("en") | catalog(self.locale)).items()}

    def __call__(self, key: str, **params: Any) -> Markup:
        text = self._texts.get(key)
        if text is None:
            raise KeyError(f"no message {key!r}")
        if not params:
            return text
        if params.get("count") == 1 and (one := self._texts.get(key + "_one")) is not None:
            text = one  # `1 order`, where the language says one otherwise than many
        # What Markup.format does (each value escaped, the text trusted), at half its cost: the
        # catalogs' placeholders are plain `{name}`s, with no format specs to apply to a value.
        return Markup(str.format(text, **{name: escape(value) for name, value in params.items()}))

    def addressed(self, who: Markup, text: Markup) -> Markup:
        """`Sari, why is #1001 cancelled?`: a text put to one person by name, going on mid-sentence
        after the comma (a lower-case first letter, in all three languages; English keeps its `I`)."""
        return Markup("{}, {}").format(who, mid_sentence(text))

    def has(self, key: str) -> bool:
        return key in self._texts

    def money(self, amount: Money | None) -> str:
        return "–" if amount is None else money_text(amount.minor, amount.currency, self.locale)

    def major(self, amount: Decimal | None, currency: str) -> str:
        return "–" if amount is None else money_text(Money.of(amount, currency).minor, currency, self.locale)

    def currency_name(self, currency: str) -> str:
        """`Rupiah Indonesia`, `Đồng Việt Nam`, `Malaysian Ringgit`: the currency as the locale names it."""
        return get_currency_name(currency, locale=_babel_locale(self.locale, currency)) if currency else ""

    def when(self, moment: datetime | None, timezone: str) -> str:
        if moment is None:
            return ""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        # Cards show minutes: every moment of the same minute reads the same, so it is formatted once.
        return when_text(moment.replace(second=0, microsecond=0), timezone, self.locale)


_TAG = re.compile(r"<[^>]*>")


def plain_text(text: str) -> str:
    """Our Telegram HTML as the plain text a button's alert shows: tags dropped, entities decoded (only
    tags are left as `<`, since every value filled in was escaped)."""
    return html.unescape(_TAG.sub("", text))


def mid_sentence(text: Markup) -> Markup:
    """`text` as it reads after a comma: its first word lower-cased, unless it is English's `I` or
    an abbreviation (`SĐT`, `COD`) or starts with markup."""
    first = text.split(" ", 1)[0]
    if not first[:1].isupper() or first in ("I", "I'm", "I’m") or first[1:2].isupper():
        return text
    return Markup(text[0].lower() + text[1:])


@lru_cache(maxsize=4096)
def money_text(minor: int, currency: str, locale: str) -> str:
    """`Rp85.000`, `85.000 ₫`, `RM12.90`: babel in the shop's locale (cached: order cards repeat prices)."""
    where, pattern = _currency_format(locale, currency)
    return pattern.apply(Money(minor, currency).major, where, currency=currency)


@cache
def _currency_format(locale: str, currency: str) -> tuple[Locale, NumberPattern]:
    """What `babel.numbers.format_currency` looks up on every call, looked up once."""
    where = _babel_locale(locale, currency)
    return where, where.currency_formats["standard"]


@cache
def _babel_locale(locale: str, currency: str) -> Locale:
    """The CLDR locale for our locale, in the region of the currency when CLDR has one (en_MY, not en_VN)."""
    if locale == "en":
        name = {"MYR": "en_MY", "IDR": "en_ID", "VND": "en_VN"}.get(currency, "en")
    else:
        name = {"id": "id_ID", "vi": "vi_VN"}.get(locale, locale)
    try:
        return Locale.parse(name)
    except UnknownLocaleError:
        return Locale.parse(locale)


_WHEN = parse_pattern("d MMM HH:mm")


@lru_cache(maxsize=1024)
def when_text(moment: datetime, timezone: str, locale: str) -> str:
    """A short local date and time, e.g. `27 Nov 14:05`, for an aware moment."""
    return _WHEN.apply(moment.astimezone(_zone(timezone)), _babel_locale(locale, ""))


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
