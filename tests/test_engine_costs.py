"""What owners met in session 11: a profit is never shown as known when some goods have no cost price.
An order whose goods lack a cost says so under its profit (and /today counts such orders), and a product
added from the card can be given its cost in the same reply as its stock and price."""

from __future__ import annotations

from decimal import Decimal

import pytest
from engine_harness import GROUP, OWNER, Phone, clock, make_shop
from sqlalchemy.engine import Engine as Database
from test_engine_session9 import NEW

from bot.engine import Engine
from bot.i18n import Translator
from core import orders, products
from core.errors import InvalidValue
from storage.db import unit_of_work

LOCALES = ["id", "vi", "en"]
# The stock, price and cost of the product added from the card, as an owner types them.
WITH_COST = {"id": ("10 35rb modal 20rb", Decimal(20000)), "vi": ("10 150k vốn 90k", Decimal(90000)),
             "en": ("10 RM25 cost RM14.50", Decimal("14.50"))}


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


def add_and_confirm(phone: Phone, locale: str, reply: str) -> str:
    """Enter the order of a product the catalog lacks, add it with `reply`, confirm: the owner's card."""
    t = Translator(locale)
    phone.say(OWNER, NEW[locale][0])
    phone.press(OWNER, phone.last(OWNER), str(t("button.add_product")))
    phone.say(OWNER, reply)
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    return phone.last(OWNER).text


@pytest.mark.parametrize("locale", LOCALES)
def test_a_product_added_with_its_cost_shows_the_orders_profit_without_a_warning(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    _, name, sku, price, _ = NEW[locale]
    reply, cost = WITH_COST[locale]

    card = add_and_confirm(phone, locale, reply)

    with unit_of_work(engine) as s:
        added = products.get_product(s, shop, sku)
        order = orders.get_order(s, shop, 1001)
    assert added.cost is not None
    assert (added.price.major, added.cost.major, added.on_hand) == (price, cost, 10)
    assert [i.unit_cost for i in order.items] == [added.cost] and order.costless == []
    profit = t.money(order.subtotal - order.cogs)
    assert f"{t('card.profit')}: {profit}" in card and "⚠️" not in card
    assert Decimal(str(order.to_json()["items"][0]["unit_cost"])) == cost
    assert "unit_cost" not in order.to_json(with_costs=False)["items"][0]


@pytest.mark.parametrize("locale", LOCALES)
def test_goods_without_a_cost_are_named_under_the_profit_for_the_owner_and_never_shown_to_the_group(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    _, name, _, _, reply = NEW[locale]

    card = add_and_confirm(phone, locale, reply)  # stock only: the product has a price but no cost

    warning = str(t("card.no_cost", names=name))
    assert f"⚠️ {warning}" in card.splitlines()
    assert card.index(str(t("card.profit"))) < card.index(warning)
    group = phone.last(GROUP).text
    assert warning not in group and str(t("card.profit")) not in group
    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
    assert order.costless == [name] and order.cogs.minor == 0

    today = phone.texts(phone.say(OWNER, "/today"))
    assert f"⚠️ {t('today.costless', count=1)}" in today.splitlines()


def test_an_order_of_catalog_goods_with_costs_has_no_warning_and_today_none_either(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    make_shop(engine, "id")
    phone.say(OWNER, "2 kaos hitam L 85rb, Budi 0812-3456-7890, Jl Melati 5 Bandung, COD jnt")
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))

    assert "⚠️" not in phone.last(OWNER).text and str(t("card.cogs")) in phone.last(OWNER).text
    assert "⚠️" not in phone.texts(phone.say(OWNER, "/today"))


@pytest.mark.parametrize("reply", ["10 35rb modal abc", "10 modal -5rb"])
def test_a_cost_that_is_no_amount_is_asked_again_and_adds_nothing(
        engine: Database, phone: Phone, reply: str) -> None:
    t = Translator("id")
    shop = make_shop(engine, "id")
    phone.say(OWNER, NEW["id"][0])
    phone.press(OWNER, phone.last(OWNER), str(t("button.add_product")))

    said = phone.texts(phone.say(OWNER, reply))

    assert said == str(t("ask.new_stock_again", example="85rb"))
    with unit_of_work(engine) as s:
        assert NEW["id"][2] not in {p.sku for p in products.list_products(s, shop)}


def test_the_core_refuses_a_cost_the_currency_cannot_hold(engine: Database) -> None:
    shop = make_shop(engine, "vi", catalog=False)
    with unit_of_work(engine) as s, pytest.raises(InvalidValue, match="cost"):
        products.add_product(s, shop, "Son môi", Decimal(150000), 3, cost=Decimal("80000.5"))
