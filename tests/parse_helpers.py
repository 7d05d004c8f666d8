"""Parsers over the corpus catalogs, built once per test run."""

from __future__ import annotations

from functools import cache

from conftest import CORPUS

from bot.parse import Parser
from core.catalog import read_catalog

CURRENCY = {"id": "IDR", "vi": "VND", "en": "MYR"}


@cache
def parser(locale: str) -> Parser:
    return Parser(read_catalog(CORPUS / f"catalog-{locale}.csv"), locale=locale, currency=CURRENCY[locale])


def draft(locale: str, text: str) -> dict:  # type: ignore[type-arg]
    return parser(locale).parse(text).to_json()


def items(locale: str, text: str) -> list[tuple[str | None, int, float | int | None]]:
    return [(it["sku"], it["qty"], it["unit_price"]) for it in draft(locale, text)["items"]]
