"""What sellers met in session 9: a product the catalog lacks is added from the order's card, with its
first stock count, so a shop without a catalog file can take its first order."""

from __future__ import annotations

from decimal import Decimal

import pytest
from engine_harness import GROUP, OWNER, STAFF, Phone, clock, make_shop
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine
from bot.i18n import Translator
from core import orders, products
from core.errors import InvalidValue
from storage.db import unit_of_work

LOCALES = ["id", "vi", "en"]

# A product no sample catalog has, with a line total (so the unit price is written), in each language.
NEW = {
    "id": ("2 topi bucket ungu 70rb, Budi 0812-3456-7890, Jl Melati 5 Bandung, COD", "topi bucket ungu",
           "TOPI-BUCKET-UNGU", Decimal(35000), "10"),
    "vi": ("mũ bảo hiểm fullface x2 300k, Lan 0912 345 678, 25 Nguyễn Trãi Q.1 TP.HCM, ship cod",
           "mũ bảo hiểm fullface", "MU-BAO-HIEM-FULLFACE", Decimal(150000), "còn 10"),
    "en": ("2 durian cake RM50, Wei Ling 016-228 7745, 23 Jalan Bukit Bintang Kuala Lumpur, cod",
           "durian cake", "DURIAN-CAKE", Decimal(25), "10 pcs"),
}
CURRENCY = {"id": "IDR", "vi": "VND", "en": "MYR"}
EXAMPLE = {"id": "85rb", "vi": "150k", "en": "RM12.90"}  # the price the questions show as an example


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


def labels(phone: Phone, chat: int) -> list[str]:
    return [b.label for row in phone.last(chat).buttons for b in row]


@pytest.mark.parametrize("locale", LOCALES)
def test_an_owner_adds_an_unknown_product_from_the_card_with_its_stock_and_confirms_the_order(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    text, name, sku, price, reply = NEW[locale]
    phone.say(OWNER, text)
    card = phone.last(OWNER)
    assert str(t("ask.product", name=name)) in card.text

    phone.press(OWNER, card, str(t("button.add_product")))
    question = phone.last(OWNER).text
    assert name in question and t.major(price, CURRENCY[locale]) in question

    said = phone.texts(phone.say(OWNER, reply))

    assert sku in said and str(t("button.confirm")) in labels(phone, OWNER)
    with unit_of_work(engine) as s:
        added = products.get_product(s, shop, sku)
    assert (added.name, added.price.major, added.on_hand, added.reserved) == (name, price, 10, 0)
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
        assert [(i.sku, i.qty) for i in order.items] == [(sku, 2)]
        assert products.get_product(s, shop, sku).reserved == 2
    assert sku not in phone.last(GROUP).text or name in phone.last(GROUP).text


@pytest.mark.parametrize("locale", LOCALES)
def test_a_shop_without_a_catalog_takes_its_first_order_by_adding_the_product_and_its_price(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale, catalog=False)
    text, name, sku, _, _ = NEW[locale]
    no_price = text.replace(" 70rb", "").replace(" 300k", "").replace(" RM50", "")
    example = {"id": "10 45rb", "vi": "10 120k", "en": "10 RM19.90"}[locale]
    phone.say(OWNER, no_price)
    phone.press(OWNER, phone.last(OWNER), str(t("button.add_product")))
    question = str(t("ask.new_stock_price", name=name, example="X", cost="Y")).split("X")[0]
    assert phone.last(OWNER).text.startswith(question)

    again = phone.texts(phone.say(OWNER, "10"))  # a count without the price it was asked for
    assert again == str(t("ask.new_stock_again", example=EXAMPLE[locale]))
    phone.say(OWNER, example)
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))

    with unit_of_work(engine) as s:
        assert products.get_product(s, shop, sku).price.major == {"id": 45000, "vi": 120000,
                                                                  "en": Decimal("19.90")}[locale]
        order = orders.get_order(s, shop, 1001)
    assert [(i.sku, i.qty) for i in order.items] == [(sku, 2)]
    assert order.subtotal.major == 2 * {"id": 45000, "vi": 120000, "en": Decimal("19.90")}[locale]


def test_staff_are_not_offered_to_add_a_product_and_a_press_of_the_button_is_refused(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = make_shop(engine, "id")
    text = "@lapak_bot " + NEW["id"][0]
    phone.say(STAFF, text, chat=GROUP)
    card = phone.last(GROUP)
    assert str(t("ask.product", name="topi bucket ungu")) in card.text
    assert str(t("button.add_product")) not in [b.label for row in card.buttons for b in row]
    remove = phone.button(card, str(t("button.remove_item")))
    add = type(remove)(str(t("button.add_product")), remove.data.replace(":r0", ":n0"))

    said = phone.texts(phone.press(STAFF, card, add))

    assert str(t("error.forbidden", role=t("role.staff"))) in said
    with unit_of_work(engine) as s:
        assert not products.list_products(s, shop, text="topi")


def test_a_correction_instead_of_the_stock_changes_the_card_and_a_word_asks_again(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    make_shop(engine, "id")
    phone.say(OWNER, NEW["id"][0])
    phone.press(OWNER, phone.last(OWNER), str(t("button.add_product")))

    phone.say(OWNER, "ongkir 15rb")
    assert "Rp15.000" in phone.last(OWNER).text and str(t("button.add_product")) in labels(phone, OWNER)
    phone.press(OWNER, phone.last(OWNER), str(t("button.add_product")))
    assert phone.texts(phone.say(OWNER, "sepuluh")) == str(t("ask.new_stock_again", example="85rb"))
    phone.say(OWNER, "stok 12, harga Rp40.000")

    assert "TOPI-BUCKET-UNGU" in phone.texts()
    assert "Rp15.000" in phone.last(OWNER).text and "Rp35.000" in phone.last(OWNER).text  # the order's price


def test_a_product_added_twice_by_name_gets_a_numbered_sku_and_skus_drop_accents(engine: Database) -> None:
    shop = make_shop(engine, "vi", catalog=False)
    with unit_of_work(engine) as s:
        first = products.add_product(s, shop, "Áo dài đỏ", Decimal(350000), 3, by_user=OWNER)
        second = products.add_product(s, shop, "áo  dài  đỏ", Decimal(360000), 0, by_user=OWNER)
        assert (first.sku, second.sku) == ("AO-DAI-DO", "AO-DAI-DO-2")
        assert (second.name, second.on_hand) == ("áo dài đỏ", 0)


@pytest.mark.parametrize(("name", "price", "count"), [("", Decimal(1000), 1), ("x" * 201, Decimal(1000), 1),
                                                      ("Topi", Decimal(-1), 1), ("Topi", Decimal("1.5"), 1),
                                                      ("Topi", Decimal(1000), -1),
                                                      ("Topi", Decimal(1000), 1_000_001)])
def test_a_product_added_with_a_bad_value_is_refused_and_nothing_is_written(
        engine: Database, name: str, price: Decimal, count: int) -> None:
    shop = make_shop(engine, "id", catalog=False)
    with pytest.raises(InvalidValue), unit_of_work(engine) as s:
        products.add_product(s, shop, name, price, count)
    with unit_of_work(engine) as s:
        assert products.list_products(s, shop) == []
