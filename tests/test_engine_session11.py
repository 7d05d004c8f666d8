"""What owners met in session 11: small answers that pointed the wrong way."""

from __future__ import annotations

import pytest
from engine_harness import OWNER, Phone, clock, make_shop
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine
from bot.i18n import Translator
from core import shops
from storage.db import unit_of_work

LOCALES = ["id", "vi", "en"]


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


@pytest.mark.parametrize("locale", LOCALES)
def test_unbind_in_a_private_chat_says_to_send_unbind_in_the_group_and_unbinds_nothing(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)

    said = phone.texts(phone.say(OWNER, "/unbind"))

    assert said == str(t("bind.private_unbind")) and "/unbind" in said and "/bind " not in said
    with unit_of_work(engine) as s:
        assert shops.groups_of_shop(s, shop)
