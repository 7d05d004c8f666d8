"""Texts in the shop's language: what a buyer or seller typed is shown as text, never as Telegram HTML."""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from bot.engine.words import describe
from bot.i18n import Translator, catalog
from core.errors import InvalidValue


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_typed_words_in_a_message_are_escaped(locale: str) -> None:
    t = Translator(locale)

    said = t("ask.product", name="<b>Kaos</b> & co")

    assert "&lt;b&gt;Kaos&lt;/b&gt; &amp; co" in said
    assert "<b>Kaos</b>" not in said


def test_the_catalogs_own_markup_stays_markup() -> None:
    t = Translator("en")

    said = t("ask.waybill", number=1001, courier=Markup("<i>jnt</i>"))

    assert said.startswith("Reply to this message") and "#1001" in said
    assert "<code><i>jnt</i> ER123456789MY</code>" in said  # trusted Markup is not escaped twice
    assert isinstance(said, Markup)


# Proper names (marketplaces, couriers) read the same in every language and are written once, in en.toml.
PROPER_NAMES = ("channel.", "courier.")


@pytest.mark.parametrize("locale", ["id", "vi"])
def test_every_text_but_a_proper_name_is_written_in_each_language(locale: str) -> None:
    missing = [key for key in catalog("en")
               if key not in catalog(locale) and not key.startswith(PROPER_NAMES)]

    assert missing == []


@pytest.mark.parametrize("locale", ["id", "vi"])
def test_each_language_fills_the_same_placeholders(locale: str) -> None:
    def names(text: str) -> set[str]:
        return set(re.findall(r"\{(\w+)\}", text))

    english = catalog("en")
    differ = [key for key, text in catalog(locale).items() if names(text) != names(english.get(key, text))]

    assert differ == []


@pytest.mark.parametrize("locale", ["id", "vi"])
@pytest.mark.parametrize("field", ["currency", "timezone", "locale", "role", "name", "courier", "status",
                                   "shop", "reason", "delta"])
def test_a_refused_setting_is_named_in_the_shops_language(locale: str, field: str) -> None:
    t = Translator(locale)

    said = describe(InvalidValue(field, "XYZ"), t)

    assert t.has(f"field.{field}") and str(t(f"field.{field}")) in said and "XYZ" in said


def test_one_order_is_one_order_in_english_and_a_count_needs_no_plural_in_indonesian_or_vietnamese() -> None:
    assert str(Translator("en")("today.count", count=1)) == "1 order"
    assert str(Translator("en")("today.count", count=3)) == "3 orders"
    assert str(Translator("id")("today.count", count=1)) == "1 pesanan"
    assert str(Translator("vi")("today.count", count=2)) == "2 đơn"


def test_indonesian_texts_call_the_seller_kamu_throughout() -> None:
    texts = catalog("id")
    assert [key for key, text in texts.items() if re.search(r"\bAnda\b", text)] == []
