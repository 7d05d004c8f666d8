"""Words in the shop's language: message catalogs (id, vi, en), money and time through babel."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.numbers import format_currency
from markupsafe import Markup

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
        self._texts = catalog(self.locale)
        self._fallback = catalog("en")

    def __call__(self, key: str, **params: Any) -> Markup:
        text = self._texts.get(key) or self._fallback.get(key)
        if text is None:
            raise KeyError(f"no message {key!r}")
        template = Markup(text)
        return template.format(**params) if params else template

    def has(self, key: str) -> bool:
        return key in self._texts or key in self._fallback

    def money(self, amount: Money | None) -> str:
        return "–" if amount is None else money_text(amount.minor, amount.currency, self.locale)

    def major(self, amount: Decimal | None, currency: str) -> str:
        return "–" if amount is None else money_text(Money.of(amount, currency).minor, currency, self.locale)

    def when(self, moment: datetime | None, timezone: str) -> str:
        return "" if moment is None else when_text(moment, timezone, self.locale)


@lru_cache(maxsize=4096)
def money_text(minor: int, currency: str, locale: str) -> str:
    """`Rp85.000`, `85.000 ₫`, `RM12.90`: babel in the shop's locale (cached: order cards repeat prices)."""
    return format_currency(Money(minor, currency).major, currency, locale=_babel_locale(locale, currency))


def _babel_locale(locale: str, currency: str) -> str:
    if locale == "en":
        return {"MYR": "en_MY", "IDR": "en_ID", "VND": "en_VN"}.get(currency, "en")
    return {"id": "id_ID", "vi": "vi_VN"}.get(locale, locale)


def when_text(moment: datetime, timezone: str, locale: str) -> str:
    """A short local date and time, e.g. `27 Nov 14:05`."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    local = moment.astimezone(_zone(timezone))
    return format_datetime(local, "d MMM HH:mm", locale=_babel_locale(locale, ""))


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
