"""Someone in several shops: /shop lists them and switches the private chat between them, `/shop new`
creates another, /bind asks which shop a group is for; an open draft never moves to another shop."""

from __future__ import annotations

import re

import pytest
from engine_harness import ADMIN, GROUP, OWNER, STAFF, STRANGER, Phone, available, clock, make_shop
from sqlalchemy import text
from sqlalchemy.engine import Engine as Database
from test_engine_orders import ORDER

from bot.engine import Engine
from bot.i18n import Translator
from core import shops
from storage.db import unit_of_work

LOCALES = ["id", "vi", "en"]
NEXT = {"id": "vi", "vi": "en", "en": "id"}  # the second shop speaks another language
UNBOUND = -5003


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


def two_shops(db: Database, locale: str) -> tuple[int, int]:
    """The owner's first shop (with its group, admin and staff) and a second one of their own."""
    first = make_shop(db, locale, name="Toko Rina")
    second = make_shop(db, NEXT[locale], name="Shop Hoa", group=None, admin=None, staff=None)
    return first, second


def orders_of(db: Database, shop: int) -> list[int]:
    with db.connect() as conn:
        return list(conn.execute(text("SELECT number FROM orders WHERE shop_id = :s"), {"s": shop}).scalars())


@pytest.mark.parametrize("locale", LOCALES)
def test_shop_lists_my_shops_and_a_press_switches_where_my_orders_go(
        engine: Database, phone: Phone, locale: str) -> None:
    first, second = two_shops(engine, locale)
    t, t2 = Translator(locale), Translator(NEXT[locale])
    phone.say(OWNER, "/start")  # the chat works on the first shop

    phone.say(OWNER, "/shop")
    listing = phone.last(OWNER)
    assert str(t("shop.current", name="Toko Rina", role=t("role.owner"))) in listing.text
    assert str(t("shop.line", name="Shop Hoa", role=t("role.owner"))) in listing.text
    assert [b.label for row in listing.buttons for b in row] == ["Shop Hoa", str(t("shop.new_button"))]

    switched = phone.texts(phone.press(OWNER, listing, "Shop Hoa"))
    assert str(t2("shop.switched", shop="Shop Hoa", role=t2("role.owner"))) in switched  # its own language

    order_text, sku = ORDER[NEXT[locale]]
    phone.say(OWNER, order_text)
    phone.press(OWNER, phone.last(OWNER), "c")
    assert orders_of(engine, second) == [1001] and orders_of(engine, first) == []
    assert available(engine, second, sku)[1] == 2  # reserved in the second shop's stock


def test_shop_with_a_name_switches_at_once_and_an_unknown_name_says_so(
        engine: Database, phone: Phone) -> None:
    first, _ = two_shops(engine, "id")
    t = Translator("id")

    unknown = phone.texts(phone.say(OWNER, "/shop Toko Budi"))
    assert str(t("shop.unknown", text="Toko Budi")) in unknown
    assert str(t("shop.list")) in unknown  # and the list to pick from

    switched = phone.texts(phone.say(OWNER, "/shop shop hoa"))
    assert str(Translator("vi")("shop.switched", shop="Shop Hoa", role=Translator("vi")("role.owner"))) \
        in switched
    back = phone.texts(phone.say(OWNER, f"/shop {first}"))  # or its number
    assert str(t("shop.switched", shop="Toko Rina", role=t("role.owner"))) in back


@pytest.mark.parametrize("locale", LOCALES)
def test_an_open_draft_keeps_its_shop_until_confirmed_or_discarded(
        engine: Database, phone: Phone, locale: str) -> None:
    first, second = two_shops(engine, locale)
    t = Translator(locale)
    order_text, sku = ORDER[locale]
    phone.say(OWNER, order_text)
    card = phone.last(OWNER)

    refused = phone.texts(phone.say(OWNER, "/shop Shop Hoa"))
    assert str(t("error.draft_open", shop="Toko Rina")) in refused
    phone.say(OWNER, "/shop")
    pressed = phone.texts(phone.press(OWNER, phone.last(OWNER), "Shop Hoa"))
    assert str(t("error.draft_open", shop="Toko Rina")) in pressed
    assert str(t("error.draft_open", shop="Toko Rina")) in phone.texts(phone.say(OWNER, "/shop new"))

    phone.press(OWNER, card, "c")  # the draft still goes to the shop it was typed for
    assert orders_of(engine, first) == [1001] and orders_of(engine, second) == []
    assert available(engine, first, sku)[1] == 2
    assert "Shop Hoa" in phone.texts(phone.say(OWNER, "/shop Shop Hoa"))  # and now the switch works


def test_shop_new_creates_another_shop_and_the_chat_works_on_it(engine: Database, phone: Phone) -> None:
    make_shop(engine, "id", name="Toko Rina")
    t = Translator("id")

    assert str(t("shop.new")) in phone.texts(phone.say(OWNER, "/shop baru"))
    phone.say(OWNER, "Kedai Kopi Rina")
    phone.press(OWNER, phone.last(OWNER), "s:l:en")
    done = phone.texts(phone.press(OWNER, phone.last(OWNER), "s:r:en"))

    assert "Kedai Kopi Rina" in done
    with unit_of_work(engine) as s:
        mine = {shop.name: role for shop, role in shops.shops_of_user(s, OWNER)}
    assert mine == {"Toko Rina": "owner", "Kedai Kopi Rina": "owner"}
    listing = phone.texts(phone.say(OWNER, "/shop"))
    en = Translator("en")
    assert str(en("shop.current", name="Kedai Kopi Rina", role=en("role.owner"))) in listing


def test_an_invite_is_not_used_up_while_a_draft_of_another_shop_is_open(
        engine: Database, phone: Phone) -> None:
    make_shop(engine, "id", name="Toko Rina")
    make_shop(engine, "en", name="Kedai Wei", owner=201, admin=None, staff=None, group=None)
    link = phone.texts(phone.say(201, "/invite staff"))
    code = re.search(r"start=(join-[\w-]+)", link)
    assert code
    phone.say(STAFF, ORDER["id"][0])  # staff of Toko Rina, with a draft open
    card = phone.last(STAFF)

    refused = phone.texts(phone.say(STAFF, f"/start {code.group(1)}"))
    assert str(Translator("id")("error.draft_open", shop="Toko Rina")) in refused
    phone.press(STAFF, card, "x")  # discarded
    joined = phone.texts(phone.say(STAFF, f"/start {code.group(1)}"))
    en = Translator("en")
    assert str(en("start.joined", shop="Kedai Wei", role=en("role.staff"))) in joined


@pytest.mark.parametrize("locale", LOCALES)
def test_bind_asks_which_shop_when_the_sender_manages_several(
        engine: Database, phone: Phone, locale: str) -> None:
    _, second = two_shops(engine, locale)
    t = Translator(locale)
    phone.say(OWNER, "/start")

    asked = phone.say(OWNER, "/bind", chat=UNBOUND)
    choice = phone.last(UNBOUND)
    assert asked and [b.label for row in choice.buttons for b in row] == ["Toko Rina", "Shop Hoa"]
    refused = phone.texts(phone.press(STRANGER, choice, "Shop Hoa"))  # only the owner's press counts
    assert refused and "Shop Hoa" not in refused
    done = phone.texts(phone.press(OWNER, choice, "Shop Hoa"))

    t2 = Translator(NEXT[locale])
    assert str(t2("bind.done", shop="Shop Hoa")) in done
    with engine.connect() as conn:
        assert conn.execute(text("SELECT shop_id FROM group_chat WHERE chat_id = :c"),
                            {"c": UNBOUND}).scalar() == second
    assert str(t2("shop.group", shop="Shop Hoa")) in phone.texts(phone.say(OWNER, "/shop", chat=UNBOUND))
    assert str(t("shop.group", shop="Toko Rina")) in phone.texts(phone.say(STAFF, "/shop", chat=GROUP))


def test_a_staff_member_of_one_shop_cannot_bind_it_by_pressing_a_managers_choice(
        engine: Database, phone: Phone) -> None:
    make_shop(engine, "id", name="Toko Rina")
    make_shop(engine, "id", name="Toko Dua", group=None, admin=None, staff=None)
    phone.say(OWNER, "/bind", chat=UNBOUND)
    choice = phone.last(UNBOUND)

    refused = phone.texts(phone.press(STAFF, choice, "Toko Rina"))  # staff of Toko Rina: not a manager

    assert str(Translator("id")("error.forbidden", role=Translator("id")("role.staff"))) in refused
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM group_chat WHERE chat_id = :c"),
                            {"c": UNBOUND}).scalar() == 0
    phone.press(ADMIN, choice, "Toko Rina")  # an admin of it may
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM group_chat WHERE chat_id = :c"),
                            {"c": UNBOUND}).scalar() == 1


def test_a_stranger_asking_for_shops_hears_how_to_get_one(engine: Database, phone: Phone) -> None:
    make_shop(engine, "id")
    answer = phone.texts(phone.say(STRANGER, "/shop", language="vi"))
    assert str(Translator("vi")("error.no_shop")) in answer
