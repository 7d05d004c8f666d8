"""Getting started: a shop in a few questions, invite links, binding groups, shops set up ahead of time."""

from __future__ import annotations

import re

import pytest
from engine_harness import GROUP, OWNER, STAFF, STRANGER, Phone, clock, make_shop
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine
from bot.i18n import REGIONS, Translator
from core import shops
from storage.db import unit_of_work

LOCALES = ["id", "vi", "en"]
TELEGRAM_LANGUAGE = {"id": "id", "vi": "vi-VN", "en": "en-US"}
NEWCOMER = 777


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


@pytest.mark.parametrize("locale", LOCALES)
def test_start_creates_a_shop_in_three_questions_with_defaults_guessed_from_the_language(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)

    welcome = phone.texts(phone.say(NEWCOMER, "/start", language=TELEGRAM_LANGUAGE[locale]))
    assert str(t("onboard.welcome")) in welcome
    phone.say(NEWCOMER, "Toko Baru")
    language = phone.last(NEWCOMER)
    assert language.buttons[0][0].data == f"s:l:{locale}"  # the guessed language comes first
    phone.press(NEWCOMER, language, f"s:l:{locale}")
    region = phone.last(NEWCOMER)
    assert region.buttons[0][0].data == f"s:r:{locale}"
    done = phone.texts(phone.press(NEWCOMER, region, f"s:r:{locale}"))

    assert "Toko Baru" in done
    with unit_of_work(engine) as s:
        [(shop, role)] = shops.shops_of_user(s, NEWCOMER)
    assert role == "owner"
    assert (shop.locale, shop.currency, shop.timezone) == (locale, REGIONS[locale].currency,
                                                           REGIONS[locale].timezone)


def test_a_typed_currency_and_time_zone_replace_the_guess(engine: Database, phone: Phone) -> None:
    phone.say(NEWCOMER, "/start", language="en")
    phone.say(NEWCOMER, "Kopi Corner")
    phone.press(NEWCOMER, phone.last(NEWCOMER), "s:l:en")

    phone.say(NEWCOMER, "SGD Asia/Singapore")

    with unit_of_work(engine) as s:
        [(shop, _)] = shops.shops_of_user(s, NEWCOMER)
    assert (shop.currency, shop.timezone, shop.locale) == ("SGD", "Asia/Singapore", "en")


@pytest.mark.parametrize("locale", LOCALES)
def test_an_invite_link_lets_one_person_join_with_its_role(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale, name="Toko Rina")

    link = phone.texts(phone.say(OWNER, "/invite staff"))
    code = re.search(r"https://t\.me/lapak_bot\?start=(join-[\w-]+)", link)
    assert code, link
    joined = phone.texts(phone.say(NEWCOMER, f"/start {code.group(1)}"))

    assert str(t("start.joined", shop="Toko Rina", role=t("role.staff"))) in joined
    with unit_of_work(engine) as s:
        assert shops.role_of(s, shop, NEWCOMER) == "staff"
    again = phone.texts(phone.say(STRANGER, f"/start {code.group(1)}"))
    assert str(Translator("en")("error.invite_used")) in again
    with unit_of_work(engine) as s:
        assert shops.role_of(s, shop, STRANGER) is None


@pytest.mark.parametrize("locale", LOCALES)
def test_bind_connects_a_group_and_unbind_disconnects_it(engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale, name="Toko Rina", group=None)
    assert str(t("error.group_not_bound")) not in phone.texts(phone.say(OWNER, "/bind", chat=GROUP))

    with unit_of_work(engine) as s:
        assert shops.groups_of_shop(s, shop) == [GROUP]
    assert phone.texts(phone.say(OWNER, "/unbind", chat=GROUP)) == str(t("bind.undone", shop="Toko Rina"))
    with unit_of_work(engine) as s:
        assert shops.groups_of_shop(s, shop) == []


@pytest.mark.parametrize("locale", LOCALES)
def test_a_shop_set_up_ahead_greets_its_owner_on_start(engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale, name="Kedai Ahead", admin=None, staff=None, group=None, catalog=False)

    said = phone.texts(phone.say(OWNER, "/start", language="en"))

    assert said == str(t("start.owner", shop="Kedai Ahead"))


def test_a_stranger_writing_an_order_privately_is_pointed_to_start(engine: Database, phone: Phone) -> None:
    make_shop(engine, "id")

    said = phone.texts(phone.say(STRANGER, "Nama: Budi\nPesanan: Kaos Polos Hitam L 1", language="id"))

    assert said == str(Translator("id")("error.no_shop"))


def test_an_unbound_group_says_how_to_bind_it(engine: Database, phone: Phone) -> None:
    make_shop(engine, "vi", group=None)

    said = phone.texts(phone.say(STAFF, "/packed 1001", chat=GROUP))

    assert said == str(Translator("en")("error.group_not_bound"))


def test_an_order_pasted_before_the_shop_exists_is_not_taken_for_its_name(
        engine: Database, phone: Phone) -> None:
    phone.say(NEWCOMER, "/start", language="id")

    said = phone.texts(phone.say(NEWCOMER, "Nama: Budi\nAlamat: Jl. Melati 5\nPesanan: kaos hitam L 2"))

    assert said == str(Translator("id")("onboard.welcome"))
    with unit_of_work(engine) as s:
        assert shops.shops_of_user(s, NEWCOMER) == []


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_invite_in_a_group_creates_no_link_and_says_to_ask_in_private(engine: Database, locale: str) -> None:
    from sqlalchemy import text

    make_shop(engine, locale)
    phone = Phone(Engine(engine, now=clock))

    said = phone.texts(phone.say(OWNER, "/invite staff", chat=GROUP))

    assert str(Translator(locale)("error.invite_in_group")) in said and "start=join-" not in said
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM invite")).scalar() == 0
