"""What a seller reads: examples that fit the shop's country and work as typed, plain refusals."""

from __future__ import annotations

import re

import pytest
from engine_harness import GROUP, NAMES, OWNER, STAFF, Phone, available, clock, make_shop
from markupsafe import Markup
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine
from bot.engine.events import Answer, Send
from bot.i18n import Translator, catalog

LOCALES = ["id", "vi", "en"]
# Words of another country's shops: a product of its catalog, its phone prefix, its street names.
FOREIGN = {
    "en": ["kaos", "Budi", "0812", "Jl.", "Bandung", "Mawar", "black tee", "20k", "áo", "Lê Lợi", "0901"],
    "id": ["Jalan Ampang", "RM", "áo", "Lê Lợi", "0901", "black tee"],
    "vi": ["kaos", "Budi", "0812", "Jl.", "Jalan", "áo", "black tee"],
}
ORDER = {  # an order with every field but the phone
    "id": "Nama: Budi Santoso\nAlamat: Jl. Melati No. 5, Bandung\nPesanan: Kaos Polos Hitam L 2",
    "vi": "Tên: Nguyễn Thị Lan\nĐịa chỉ: 25 Nguyễn Trãi, Q.1, TP.HCM\nSản phẩm: Kem chống nắng SPF50 50ml 2",
    "en": "Name: Tan Wei Ling\nAddress: 23, Jalan Bukit Bintang, 55100 Kuala Lumpur\n"
          "Order: Kopi O Kosong Powder 250g - 2",
}
PHONE = {"id": "No HP: 0812-3456-7890", "vi": "SĐT: 0912 345 678", "en": "Phone: 016-228 7745"}
# What the Edit hint's examples promise, applied in order: (shipping fee shown, product changed to).
EDITED = {"id": ("Rp20.000", "3 × Hijab Pashmina Cream"), "vi": ("30.000\xa0₫", "3 × Son kem lì Cam đất"),
          "en": ("RM8.00", "3 × Teh Tarik 3in1")}


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


def card_of(phone: Phone, text: str) -> str:
    sends = [a for a in phone.say(OWNER, text) if isinstance(a, Send)]
    assert sends, phone.texts()
    return sends[-1].text


def examples(text: str) -> list[str]:
    return re.findall(r"<i>(.*?)</i>", text)


@pytest.mark.parametrize("locale", LOCALES)
def test_no_text_of_a_shop_gives_an_example_from_another_countrys_shops(locale: str) -> None:
    texts = catalog(locale)

    leaks = [(key, word) for key, text in texts.items() for word in FOREIGN[locale]
             if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]

    assert leaks == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_example_order_of_the_not_understood_hint_becomes_a_whole_draft(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    hint = str(t("draft.not_understood"))
    assert hint in phone.texts(phone.say(OWNER, "hello"))

    card = card_of(phone, examples(hint)[0])

    assert str(t("draft.title")) in card and "❓" not in card and "+" in card  # products known, phone read
    for ask in ("product", "variant", "name", "phone", "address"):
        assert str(t(f"ask.{ask}", name="")).split("“")[0] not in card


@pytest.mark.parametrize("locale", LOCALES)
def test_each_example_of_the_edit_hint_does_what_it_says_on_a_draft(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    card_of(phone, f"{ORDER[locale]}\n{PHONE[locale]}")
    hint = phone.texts(phone.press(OWNER, phone.last(OWNER), str(t("button.edit"))))
    address, qty, shipping, change = examples(hint)
    fee, product = EDITED[locale]

    assert address.split(":", 1)[1].strip() in card_of(phone, address)
    assert "3 ×" in card_of(phone, qty)
    assert fee in card_of(phone, shipping)
    assert product in card_of(phone, change)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_phone_number_in_the_ask_again_hint_is_read_as_a_phone_number(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    assert str(t("ask.phone")) in card_of(phone, ORDER[locale])
    number = re.findall(r"\d[\d \-]+\d", str(t("ask.phone_again")))[-1]

    card = card_of(phone, number)

    assert str(t("ask.phone")) not in card and "+" in card


SKU = {"id": ("KPH-L", 55), "vi": ("SRM-50", 30), "en": ("WC3-15", 60)}  # a product and how many are in stock
DRAFT = {"id": "draf", "vi": "nháp", "en": "draft"}


@pytest.mark.parametrize("locale", LOCALES)
def test_taking_out_more_stock_than_there_is_says_how_many_are_left_and_mentions_no_draft(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    sku, left = SKU[locale]

    said = phone.texts(phone.say(OWNER, f"/stock add {sku} -1000"))

    assert sku in said and str(left) in said and "1000" in said
    assert DRAFT[locale] not in said.lower() and said != str(t("error.unexpected"))
    assert available(engine, shop, sku) == (left, 0)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("amount", ["0", "99999999999999999999", "-99999999999999999999", "lima"])
def test_a_stock_count_that_is_no_amount_is_answered_with_how_to_write_one(
        engine: Database, phone: Phone, locale: str, amount: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    sku, left = SKU[locale]

    said = phone.texts(phone.say(OWNER, f"/stock add {sku} {amount}"))

    assert f"/stock add {sku} 10" in said and "delta" not in said and said != str(t("error.unexpected"))
    assert available(engine, shop, sku) == (left, 0)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("action", ["cancelled", "shipped"])
def test_a_question_put_to_staff_by_name_after_a_press_goes_on_in_lower_case(
        engine: Database, phone: Phone, locale: str, action: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    card_of(phone, f"{ORDER[locale]}\n{PHONE[locale]}")
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    card = phone.last(GROUP)
    if action == "shipped":
        phone.press(STAFF, card, str(t("action.packed")))

    phone.press(STAFF, card, str(t(f"action.{action}")))

    question = phone.last(GROUP).text
    after_name = question.split("</a>, ", 1)[1]
    assert NAMES[STAFF] in question and after_name[0].islower(), question


@pytest.mark.parametrize(("text", "read"), [
    ("Why is #1001 cancelled?", "why is #1001 cancelled?"),
    ("Kenapa #1001 dibatalkan?", "kenapa #1001 dibatalkan?"),
    ("Vì sao huỷ #1001?", "vì sao huỷ #1001?"),
    ("Địa chỉ giao hàng ở đâu?", "địa chỉ giao hàng ở đâu?"),
    ("I don't know “kopi”. Which product is it?", "I don't know “kopi”. Which product is it?"),
    ("SĐT người mua?", "SĐT người mua?"),
    ("↩️ Reply to this message.", "↩️ Reply to this message."),
])
def test_a_sentence_going_on_after_a_name_keeps_english_i_and_abbreviations(text: str, read: str) -> None:
    assert Translator("en").addressed(Markup("Sari"), Markup(text)) == f"Sari, {read}"


def test_an_alert_after_a_press_is_plain_text_without_markup_or_entities(
        engine: Database, phone: Phone) -> None:
    make_shop(engine, "en", name="Mak Cik's <Kuih>")
    make_shop(engine, "id", name="Toko Rina", group=None, admin=None, staff=None)
    card_of(phone, f"{ORDER['en']}\n{PHONE['en']}")  # a draft of the first shop is open
    phone.say(OWNER, "/shop")

    actions = phone.press(OWNER, phone.last(OWNER), "Toko Rina")

    alert = next(a.text for a in actions if isinstance(a, Answer) and a.alert)
    assert alert is not None and "Mak Cik's <Kuih>" in alert and "&" not in alert
