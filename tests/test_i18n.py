"""Texts in the shop's language: what a buyer or seller typed is shown as text, never as Telegram HTML."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from bot.i18n import Translator


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
