"""Order entry and order cards through the engine, as sellers and their staff use them, in three languages."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest
from conftest import CORPUS
from engine_harness import GROUP, OWNER, STAFF, Phone, available, clock, make_shop
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine, catalogs
from bot.engine.events import Answer, Edit, Send
from bot.engine.words import status
from bot.i18n import Translator
from core import orders, products
from core.catalog import read_catalog
from storage.db import unit_of_work

LOCALES = ["id", "vi", "en"]

ORDER = {
    "id": ("Nama: Budi Santoso\nNo HP: 0812-3456-7890\nAlamat: Jl. Melati No. 5, Bandung\n"
           "Pesanan: Kaos Polos Hitam L 2\nPembayaran: COD", "KPH-L"),
    "vi": ("Tên: Nguyễn Thị Lan\nSĐT: 0912 345 678\nĐịa chỉ: 25 Nguyễn Trãi, Q.1, TP.HCM\n"
           "Sản phẩm: Kem chống nắng SPF50 50ml 2\nThanh toán: COD", "KCN-50"),
    "en": ("Name: Tan Wei Ling\nPhone: 016-228 7745\nAddress: 23, Jalan Bukit Bintang, 55100 Kuala Lumpur\n"
           "Order: Kopi O Kosong Powder 250g - 2\nPayment: COD", "KOK-250"),
}
NO_PHONE = {loc: "\n".join(line for line in text.splitlines() if not line.lower().startswith(
    ("no hp", "sđt", "phone"))) for loc, (text, _) in ORDER.items()}
PHONE_REPLY = {"id": "0812 3456 7890", "vi": "0912 345 678", "en": "016-228 7745"}
OPEN_VARIANT = {  # (text, the variants offered as buttons, the one pressed, its SKU)
    "id": ("Nama: Budi\nNo HP: 081234567890\nAlamat: Jl. Melati 5, Bandung\nPesanan: Kaos Polos Hitam 2",
           {"Kaos Polos Hitam M", "Kaos Polos Hitam L", "Kaos Polos Hitam XL"},
           "Kaos Polos Hitam XL", "KPH-XL"),
    "vi": ("Tên: Lan\nSĐT: 0912345678\nĐịa chỉ: 25 Nguyễn Trãi, Q.1\nSản phẩm: Son kem lì 1",
           {"Son kem lì Đỏ", "Son kem lì Cam đất", "Son kem lì Hồng đất"}, "Son kem lì Cam đất", "SKL-CAM"),
    "en": ("Name: Wei Ling\nPhone: 0162287745\nAddress: 23 Jalan Bukit Bintang, KL\n"
           "Order: Arabica Coffee Beans - 1",
           {"Arabica Coffee Beans Whole Bean, 250g", "Arabica Coffee Beans Ground, 250g"},
           "Arabica Coffee Beans Ground, 250g", "ARB-GR"),
}
ADDRESS_FIX = {"id": ("alamat: Jl. Mawar 3, Bogor", "Jl. Mawar 3, Bogor"),
               "vi": ("địa chỉ: 3 Lê Lợi, Huế", "3 Lê Lợi, Huế"),
               "en": ("address: 3 Jalan Ampang, Kuala Lumpur", "3 Jalan Ampang, Kuala Lumpur")}


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


def shop_in(engine: Database, locale: str) -> int:
    names = {"id": "Toko Rina", "vi": "Shop Lan", "en": "Kedai Wei"}
    return make_shop(engine, locale, name=names[locale])


def enter_order(phone: Phone, locale: str, text: str | None = None) -> Send:
    actions = phone.say(OWNER, text or ORDER[locale][0])
    sends = [a for a in actions if isinstance(a, Send)]
    assert sends, phone.texts(actions)
    return sends[-1]


@pytest.mark.parametrize("locale", LOCALES)
def test_an_order_typed_privately_becomes_a_draft_card_and_confirm_reserves_stock_and_posts_the_group_card(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = shop_in(engine, locale)
    sku = ORDER[locale][1]
    before = available(engine, shop, sku)

    card = enter_order(phone, locale)

    assert str(t("draft.total")) in card.text and str(t("draft.subtotal")) in card.text
    labels = [b.label for row in card.buttons for b in row]
    assert labels == [str(t("button.confirm")), str(t("button.edit")), str(t("button.discard"))]
    draft = phone.last(OWNER)
    actions = phone.press(OWNER, draft, str(t("button.confirm")))

    assert any(isinstance(a, Answer) and "1001" in (a.text or "") for a in actions)
    assert available(engine, shop, sku) == (before[0], before[1] + 2)
    group_card = phone.last(GROUP)
    assert "#1001" in group_card.text and str(t("status.confirmed")) in group_card.text
    assert [b.label for row in group_card.buttons for b in row] == [str(t("action.packed")),
                                                                    str(t("action.cancelled"))]
    assert "#1001" in draft.text and draft.edits == 1  # the draft card became the order card in place
    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).status == "confirmed"


def test_a_shops_parser_is_built_once_and_again_only_when_its_catalog_changes(
        engine: Database, phone: Phone, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    parser = catalogs.Parser
    monkeypatch.setattr(catalogs, "Parser",
                        lambda rows, **kw: built.append(kw["locale"]) or parser(rows, **kw))
    shop = shop_in(engine, "id")

    for _ in range(3):
        enter_order(phone, "id")
        phone.press(OWNER, phone.last(OWNER), str(Translator("id")("button.confirm")))
    assert built == ["id"]

    with unit_of_work(engine) as s:
        products.import_products(s, shop, read_catalog("sku,name,price\nKPH-L,Kaos Polos Hitam L,90000\n"))
    card = enter_order(phone, "id")
    assert built == ["id", "id"] and "Rp180.000" in card.text  # the new price, from the rebuilt catalog


@pytest.mark.parametrize("locale", LOCALES)
def test_a_missing_field_is_asked_and_the_reply_fills_it(engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop_in(engine, locale)

    card = enter_order(phone, locale, NO_PHONE[locale])
    assert str(t("ask.phone")) in card.text

    actions = phone.say(OWNER, PHONE_REPLY[locale])
    card = [a for a in actions if isinstance(a, Send)][-1]
    assert str(t("ask.phone")) not in card.text
    assert "+" in card.text  # the phone, in E.164
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    assert "#1001" in phone.last(GROUP).text


@pytest.mark.parametrize("locale", LOCALES)
def test_a_correction_in_plain_words_re_renders_the_card(engine: Database, phone: Phone, locale: str) -> None:
    shop_in(engine, locale)
    enter_order(phone, locale)
    fix, address = ADDRESS_FIX[locale]

    actions = phone.say(OWNER, fix, reply_to=phone.last(OWNER))

    card = [a for a in actions if isinstance(a, Send)][-1]
    assert address in card.text
    assert ORDER[locale][0].splitlines()[0].split(":", 1)[1].strip() in card.text  # the name stayed


CORRECTIONS = {  # (what the seller replies, what the card then shows)
    "id": [("qty 3", "3 × Kaos Polos Hitam L"), ("ongkir 20rb", "Rp20.000"),
           ("ganti jadi pashmina cream", "3 × Hijab Pashmina Cream"), ("diskon 5rb", "−Rp5.000")],
    "vi": [("sl 3", "3 × Kem chống nắng SPF50 50ml"), ("ship 30k", "30.000\xa0₫"),
           ("đổi thành son kem lì đỏ", "3 × Son kem lì Đỏ"), ("giảm 20k", "−20.000\xa0₫")],
    "en": [("qty 3", "3 × Kopi O Kosong Powder 250g"), ("shipping RM8", "RM8.00"),
           ("change to teh tarik", "3 × Teh Tarik 3in1"), ("discount RM2", "−RM2.00")],
}


@pytest.mark.parametrize("locale", LOCALES)
def test_quantity_shipping_product_and_discount_corrections_each_re_render_the_card(
        engine: Database, phone: Phone, locale: str) -> None:
    shop_in(engine, locale)
    enter_order(phone, locale)

    for reply, shown in CORRECTIONS[locale]:
        card = [a for a in phone.say(OWNER, reply, reply_to=phone.last(OWNER)) if isinstance(a, Send)][-1]
        assert shown in card.text, (reply, card.text)


@pytest.mark.parametrize("locale", LOCALES)
def test_an_open_variant_is_asked_with_buttons_and_a_press_picks_it(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = shop_in(engine, locale)
    text, variants, pick, sku = OPEN_VARIANT[locale]

    card = enter_order(phone, locale, text)

    offered = {b.label.split(" · ")[0] for row in card.buttons for b in row if ":i" in b.data}
    assert offered == variants
    phone.press(OWNER, phone.last(OWNER), pick + " · ")
    draft = phone.last(OWNER)
    assert [b.label for b in draft.buttons[0]][0] == str(t("button.confirm"))
    phone.press(OWNER, draft, str(t("button.confirm")))
    with unit_of_work(engine) as s:
        assert [i.sku for i in orders.get_order(s, shop, 1001).items] == [sku]


# A price list of `sku,name,price` sent again: the order's line, with its variant and the new price.
PRICE_LIST_LINE = {"id": "• 2 × Kaos Polos Hitam L @ Rp170.000 = Rp340.000",
                   "vi": "• 2 × Kem chống nắng SPF50 50ml @ 578.000\xa0₫ = 1.156.000\xa0₫",
                   "en": "• 2 × Kopi O Kosong Powder 250g @ RM19.00 = RM38.00"}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_price_list_without_variant_or_aliases_columns_keeps_the_variants_orders_are_typed_with(
        engine: Database, phone: Phone, locale: str) -> None:
    shop = shop_in(engine, locale)
    sku = ORDER[locale][1]
    with unit_of_work(engine) as s:
        product = products.get_product(s, shop, sku)
    prices = f"sku,name,price\n{sku},{product.name},{product.price.major * 2}\n"

    reply = phone.texts(phone.say(OWNER, "/import", document=("katalog.csv", prices.encode())))

    assert reply == str(Translator(locale)("import.done", created=0, updated=1, unchanged=0))
    assert PRICE_LIST_LINE[locale] in enter_order(phone, locale).text.splitlines()


def test_a_catalog_saved_in_nfd_is_found_by_an_order_typed_in_nfc(engine: Database, phone: Phone) -> None:
    make_shop(engine, "vi", catalog=False)
    sheet = unicodedata.normalize("NFD", "Mã,Tên sản phẩm,Phân loại,Giá bán\n"
                                         "AT-DEN,Áo thun,Đen,150.000\nQJ-XANH,Quần jean,Xanh,350.000\n")
    assert sheet != unicodedata.normalize("NFC", sheet)  # a Mac's spelling: `á` as `a` and an accent

    reply = phone.texts(phone.say(OWNER, "/import", document=("katalog.csv", sheet.encode())))

    assert reply == str(Translator("vi")("import.done", created=2, updated=0, unchanged=0))
    card = enter_order(phone, "vi", "Tên: Lan\nSĐT: 0912345678\nĐịa chỉ: 25 Nguyễn Trãi, Q.1\n"
                                    "Sản phẩm: áo thun đen 2")
    assert "• 2 × Áo thun Đen @ 150.000\xa0₫ = 300.000\xa0₫" in card.text.splitlines()


@pytest.mark.parametrize("locale", LOCALES)
def test_a_catalog_imported_again_in_lower_case_updates_and_offers_each_variant_once(
        engine: Database, phone: Phone, locale: str) -> None:
    shop = shop_in(engine, locale)
    text, variants, pick, sku = OPEN_VARIANT[locale]
    with unit_of_work(engine) as s:
        row = next(r for r in products.export_products(s, shop) if r.sku == sku)
    aliases = "|".join(row.aliases)
    again = (f'sku,name,variant,aliases,price\n'
             f'{sku.lower()},{row.name},"{row.variant}",{aliases},{row.price}\n')


    reply = phone.texts(phone.say(OWNER, "/import", document=("katalog.csv", again.encode())))

    assert reply == str(Translator(locale)("import.done", created=0, updated=0, unchanged=1))
    card = enter_order(phone, locale, text)
    offered = [b.label.split(" · ")[0] for row in card.buttons for b in row if ":i" in b.data]
    assert sorted(offered) == sorted(variants)


SAME_SKU_IN_OTHER_CAPITALS = {
    "id": "• baris 3, SKU (sku): dgb-300 sama dengan DGB-300 di baris 2 "
          "(huruf besar atau kecil tetap satu SKU); satu SKU cukup satu baris",
    "vi": "• dòng 3, SKU (sku): dgb-300 trùng với DGB-300 ở dòng 2 "
          "(chữ hoa hay chữ thường vẫn là một SKU); mỗi SKU chỉ ghi một dòng",
    "en": "• row 3, sku: dgb-300 is DGB-300 of row 2 (capitals or not, it's one SKU); "
          "each SKU goes on one row only",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_two_rows_whose_skus_differ_only_in_capitals_are_refused_as_one_sku(engine: Database, phone: Phone,
                                                                            locale: str) -> None:
    make_shop(engine, locale, catalog=False)
    csv = b"sku,name,price\nDGB-300,Dau goi,150\ndgb-300,Dau goi,150\n"

    refused = phone.texts(phone.say(OWNER, "/import", document=("katalog.csv", csv))).splitlines()

    assert refused == [str(Translator(locale)("error.catalog", rows="", more="")).strip(),
                       SAME_SKU_IN_OTHER_CAPITALS[locale]]


@pytest.mark.parametrize("locale", LOCALES)
def test_an_oversell_names_the_short_sku_and_keeps_the_draft_open(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = shop_in(engine, locale)
    text, sku = ORDER[locale]
    big = text.replace(" 2\n", " 500\n").replace("- 2\n", "- 500\n")
    enter_order(phone, locale, big)
    before = available(engine, shop, sku)

    actions = phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))

    refusal = " ".join(a.text or "" for a in actions if isinstance(a, Answer))
    title = {"id": "Kaos Polos Hitam L", "vi": "Kem chống nắng SPF50 50ml", "en": "Kopi O Kosong Powder 250g"}
    assert f"{title[locale]} ({sku}) {before[0] - before[1]}/500" in refusal  # what is short, by name
    assert available(engine, shop, sku) == before
    # the draft is still open: a quantity correction and Confirm go through
    phone.say(OWNER, {"id": "Pesanan: Kaos Polos Hitam L 1", "vi": "Sản phẩm: Kem chống nắng SPF50 50ml 1",
                      "en": "Order: Kopi O Kosong Powder 250g - 1"}[locale], reply_to=phone.last(OWNER))
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    assert available(engine, shop, sku) == (before[0], before[1] + 1)


def test_discard_drops_the_draft_and_old_buttons_do_nothing(engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = shop_in(engine, "id")
    enter_order(phone, "id")
    old = phone.last(OWNER)
    phone.say(OWNER, "alamat: Jl. Mawar 3, Bogor", reply_to=old)  # a newer card; `old` is stale now

    stale = phone.press(OWNER, old, str(t("button.confirm")))
    assert any(isinstance(a, Answer) and a.text == str(t("draft.stale")) for a in stale)
    phone.press(OWNER, phone.last(OWNER), str(t("button.discard")))
    again = phone.press(OWNER, old, str(t("button.confirm")))
    assert [a.text for a in again if isinstance(a, Answer)] == [str(t("draft.stale"))]
    with unit_of_work(engine) as s:
        assert orders.list_orders(s, shop) == []


def test_in_a_group_a_drafts_question_is_answered_by_a_reply_not_by_chatter(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop_in(engine, "id")
    phone.say(STAFF, "/order " + NO_PHONE["id"], chat=GROUP)
    question = phone.last(GROUP)
    assert str(t("ask.phone")) in question.text
    assert str(t("ask.reply_here")) in question.text  # or a bot in privacy mode never hears the answer

    assert phone.say(STAFF, "sebentar ya, aku cek dulu", chat=GROUP) == []
    phone.say(STAFF, "0812 3456 7890", chat=GROUP, reply_to=question)

    assert "+6281234567890" in phone.last(GROUP).text


@pytest.mark.parametrize("locale", LOCALES)
def test_in_a_private_chat_a_drafts_question_needs_no_reply_hint(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop_in(engine, locale)
    phone.say(OWNER, NO_PHONE[locale])
    card = phone.last(OWNER)
    assert str(t("ask.phone")) in card.text and str(t("ask.reply_here")) not in card.text


def test_in_a_group_only_the_order_command_a_mention_or_a_reply_starts_a_draft(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop_in(engine, "id")
    text = ORDER["id"][0]

    assert phone.say(STAFF, text, chat=GROUP) == []  # talk between people: not for the bot
    assert str(t("draft.total")) in phone.texts(phone.say(STAFF, "/order " + text, chat=GROUP))
    phone.press(STAFF, phone.last(GROUP), str(t("button.discard")))
    assert str(t("draft.total")) in phone.texts(phone.say(STAFF, "@lapak_bot " + text, chat=GROUP))
    phone.press(STAFF, phone.last(GROUP), str(t("button.discard")))
    bot_message = phone.last(GROUP)
    assert str(t("draft.total")) in phone.texts(phone.say(STAFF, text, chat=GROUP, reply_to=bot_message))


@pytest.mark.parametrize("locale", LOCALES)
def test_a_press_on_packed_moves_the_order_and_edits_its_card_everywhere(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = shop_in(engine, locale)
    enter_order(phone, locale)
    private_card = phone.last(OWNER)
    phone.press(OWNER, private_card, str(t("button.confirm")))
    group_card = phone.last(GROUP)

    actions = phone.press(STAFF, group_card, str(t("action.packed")))

    edited = {(a.chat_id, a.message_id) for a in actions if isinstance(a, Edit)}
    assert edited == {(GROUP, group_card.message_id), (OWNER, private_card.message_id)}
    for card in (group_card, private_card):
        assert str(t("status.packed")) in card.text and "Sari" in card.text  # status, who
        assert [b.label for row in card.buttons for b in row] == [str(t("action.shipped")),
                                                                  str(t("action.cancelled"))]
    answer = [a for a in actions if isinstance(a, Answer)]
    assert answer and "#1001" in (answer[0].text or "")
    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).status == "packed"


@pytest.mark.parametrize("locale", LOCALES)
def test_shipped_asks_for_the_waybill_and_the_reply_ships_the_order(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = shop_in(engine, locale)
    sku = ORDER[locale][1]
    enter_order(phone, locale)
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    card = phone.last(GROUP)
    phone.press(STAFF, card, str(t("action.packed")))
    on_hand, reserved = available(engine, shop, sku)

    phone.press(STAFF, card, str(t("action.shipped")))
    question = phone.last(GROUP)
    assert "#1001" in question.text and question is not card
    # A bot in a group sees only replies to it: the question has Telegram open one, for whoever pressed
    assert question.force_reply and f'<a href="tg://user?id={STAFF}">' in question.text
    phone.say(STAFF, "jnt JP1234567890", chat=GROUP, reply_to=question)

    assert str(t("status.shipped")) in card.text and "JP1234567890" in card.text
    assert available(engine, shop, sku) == (on_hand - 2, reserved - 2)
    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
    jnt = "jtvn" if locale == "vi" else "jnt"  # J&T in Vietnam is its own company, as the parser reads it
    assert (order.status, order.courier, order.waybill) == ("shipped", jnt, "JP1234567890")


def test_cancel_asks_for_a_reason_and_releases_the_stock(engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = shop_in(engine, "id")
    before = available(engine, shop, "KPH-L")
    enter_order(phone, "id")
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    card = phone.last(GROUP)

    phone.press(STAFF, card, str(t("action.cancelled")))
    question = phone.last(GROUP)
    assert str(t("ask.reason", number=1001)).lower() in question.text.lower() and question.force_reply
    phone.say(STAFF, "pembeli batal", chat=GROUP, reply_to=question)

    assert str(t("status.cancelled")) in card.text and card.buttons == []
    assert "pembeli batal" in card.text  # why, for whoever looks at the card later
    assert available(engine, shop, "KPH-L") == before
    shown = phone.texts(phone.say(OWNER, "/order 1001"))
    assert "pembeli batal" in shown and str(t("card.profit")) not in shown  # a cancelled order made nothing
    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).cancel_reason == "pembeli batal"


@pytest.mark.parametrize("locale", LOCALES)
def test_cancel_on_an_old_card_of_a_shipped_order_is_refused_at_once_not_after_asking_why(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = shop_in(engine, locale)
    enter_order(phone, locale)
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    card = phone.last(GROUP)
    cancel = phone.button(card, str(t("action.cancelled")))  # as an old copy of the card still shows it
    phone.press(STAFF, card, str(t("action.packed")))
    phone.say(STAFF, "/ship 1001 jnt JP1234567890", chat=GROUP)

    actions = phone.press(STAFF, card, cancel)

    assert str(t("ask.reason", number=1001)) not in phone.texts(actions)
    refusal = str(t("error.not_allowed_order", number=1001, current=status(t, "shipped", mid=True),
                    wanted=status(t, "cancelled", mid=True)))
    assert refusal in phone.texts(actions)
    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).status == "shipped"


def confirmed_orders(phone: Phone, count: int) -> None:
    t = Translator("id")
    for _ in range(count):
        enter_order(phone, "id")
        phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))


@pytest.mark.parametrize("locale", LOCALES)
def test_commands_move_many_orders_at_once_and_say_which_could_not(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = shop_in(engine, locale)
    for _ in range(3):
        enter_order(phone, locale)
        phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))

    reply = phone.texts(phone.say(STAFF, "/packed 1001 1002 1009", chat=GROUP))
    assert f"#1009: {t('error.no_such_order')}" in reply and reply.count("1009") == 1
    phone.say(STAFF, "/ship 1001 jnt JP1234567890", chat=GROUP)
    phone.say(STAFF, "/delivered 1001", chat=GROUP)
    phone.say(STAFF, "/return 1001", chat=GROUP)
    phone.say(STAFF, "/cancel 1003 stok rusak", chat=GROUP)
    refused = phone.texts(phone.say(STAFF, "/delivered 1003", chat=GROUP))

    assert all(str(status(t, name, mid=True)) in refused for name in ("cancelled", "delivered"))
    with unit_of_work(engine) as s:
        got = {n: orders.get_order(s, shop, n).status for n in (1001, 1002, 1003)}
    assert got == {1001: "return_requested", 1002: "packed", 1003: "cancelled"}


def test_commands_work_with_the_bot_suffix_and_in_any_case(engine: Database, phone: Phone) -> None:
    shop = shop_in(engine, "id")
    confirmed_orders(phone, 1)

    phone.say(STAFF, "/PACKED@Lapak_Bot 1001", chat=GROUP)
    assert phone.say(STAFF, "/delivered@other_bot 1001", chat=GROUP) == []  # another bot's command

    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).status == "packed"


def test_the_waybill_can_be_asked_for_by_a_short_ship_command(engine: Database, phone: Phone) -> None:
    shop = shop_in(engine, "id")
    confirmed_orders(phone, 1)
    phone.say(STAFF, "/packed 1001", chat=GROUP)

    phone.say(STAFF, "/ship 1001", chat=GROUP)
    question = phone.last(GROUP)
    # it replies to the command, so Telegram opens the reply for its sender only
    assert question.force_reply and question.reply_to and (GROUP, question.reply_to) not in phone.messages
    phone.say(STAFF, "sicepat 000123456789", chat=GROUP)  # a bot that sees all group talk takes it too

    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
    assert (order.status, order.courier, order.waybill) == ("shipped", "sicepat", "000123456789")


def test_in_a_private_chat_a_question_is_a_plain_message(engine: Database, phone: Phone) -> None:
    shop = shop_in(engine, "id")
    confirmed_orders(phone, 1)

    phone.say(OWNER, "/cancel 1001")
    question = phone.last(OWNER)
    assert str(Translator("id")("ask.reason", number=1001)) == question.text
    assert not question.force_reply and question.reply_to is None
    phone.say(OWNER, "salah input")

    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).status == "cancelled"


@pytest.mark.parametrize("locale", LOCALES)
def test_order_find_today_and_stock_show_the_shop_in_its_language(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop_in(engine, locale)
    enter_order(phone, locale)
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    name = ORDER[locale][0].splitlines()[0].split(":", 1)[1].strip()

    assert "#1001" in phone.texts(phone.say(STAFF, "/order 1001", chat=GROUP))
    assert "#1001" in phone.texts(phone.say(STAFF, f"/find {name.split()[-1]}", chat=GROUP))
    assert str(t("today.count", count=1)) in phone.texts(phone.say(STAFF, "/today", chat=GROUP))
    assert ORDER[locale][1] in phone.texts(phone.say(STAFF, "/stock", chat=GROUP))


def test_staff_never_see_costs_or_profit_and_owners_do(engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop_in(engine, "id")
    confirmed_orders(phone, 1)

    for command in ("/today", "/stock", "/order 1001"):
        staff_view = phone.texts(phone.say(STAFF, command))
        assert str(t("today.profit")) not in staff_view and str(t("stock.cost")) not in staff_view
        assert "42.000" not in staff_view  # KPH-L's cost price
    assert str(t("today.profit")) not in phone.texts(phone.say(OWNER, "/today", chat=GROUP))  # staff see it
    assert str(t("today.profit")) in phone.texts(phone.say(OWNER, "/today"))
    assert "Rp42.000" in phone.texts(phone.say(OWNER, "/stock kaos polos hitam"))
    assert str(t("card.profit")) in phone.texts(phone.say(OWNER, "/order 1001"))


def test_stock_add_counts_goods_in(engine: Database, phone: Phone) -> None:
    shop = shop_in(engine, "id")
    on_hand, _ = available(engine, shop, "KPH-L")

    reply = phone.texts(phone.say(OWNER, "/stock add kph-l 10"))

    assert "KPH-L" in reply
    assert available(engine, shop, "KPH-L")[0] == on_hand + 10


def test_a_catalog_csv_imports_and_a_bad_row_imports_nothing_and_names_the_row(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = make_shop(engine, "id", catalog=False)
    bad = b"sku,name,variant,aliases,price,cost,stock\nA-1,Kaos,M,,85000,40000,5\nA-2,Kaos,L,,mahal,40000,5\n"

    refused = phone.texts(phone.say(OWNER, "/import", document=("katalog.csv", bad)))
    assert "3" in refused and "price" in refused
    assert "A-1" not in phone.texts(phone.say(OWNER, "/stock"))

    good = bad.replace(b"mahal", b"90000")
    assert str(t("import.done", created=2, updated=0, unchanged=0)) in phone.texts(
        phone.say(OWNER, "/import", document=("katalog.csv", good)))
    assert available(engine, shop, "A-2") == (5, 0)


# A CSV each shop refuses, and the lines its seller reads: in the shop's language, naming row and column.
IMPORT_REFUSED = {
    "id": (b"sku,name,price,cost,stock\nA-1,Topi,50.000,20.000,5\nA-2,Kaos,1.5,40.000,-5\n", [
        "• baris 3, harga (price): 1.5 punya desimal, padahal Rupiah Indonesia tanpa desimal; "
        "tulis angka lengkapnya, mis. 85.000",
        "• baris 3, stok (stock): -5 kurang dari nol"]),
    "vi": ((CORPUS / "catalog-en.csv").read_bytes(), [
        "• dòng 2, giá (price): 12.90 có số lẻ thập phân, nhưng Đồng Việt Nam không có số lẻ; "
        "hãy ghi đủ số tiền, ví dụ 150.000",
        "• dòng 2, giá vốn (cost): 7.20 có số lẻ thập phân, nhưng Đồng Việt Nam không có số lẻ; "
        "hãy ghi đủ số tiền, ví dụ 150.000"]),
    "en": (b"sku,name,price,cost,stock\nA-1,Cap,12.905,7.20,5\nA-2,Tee,12,x,1\n", [
        "• row 2, price: 12.905 has more decimals than the 2 of the Malaysian Ringgit; write e.g. 1,200.50",
        "• row 3, cost: “x” isn't an amount I can read; write just the number, e.g. 1,200.50"]),
}
NOT_A_CATALOG = {
    "id": "• Sepertinya ini bukan CSV katalog: baris pertamanya harus berisi nama kolom, "
          "mis. kode;nama;harga;stok.",
    "vi": "• Tệp này có vẻ không phải CSV danh mục: dòng đầu phải là tên các cột, ví dụ mã;tên;giá;tồn kho.",
    "en": "• This doesn't look like a catalog CSV: its first row must name the columns, "
          "e.g. sku,name,price,stock.",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_an_import_refused_says_what_is_wrong_in_the_shops_language(engine: Database, phone: Phone,
                                                                     locale: str) -> None:
    make_shop(engine, locale, catalog=False)
    csv, lines = IMPORT_REFUSED[locale]

    refused = phone.texts(phone.say(OWNER, "/import", document=("katalog.csv", csv))).splitlines()

    assert refused[0] == str(Translator(locale)("error.catalog", rows="", more="")).strip()
    assert refused[1:len(lines) + 1] == lines
    assert str(Translator(locale)("stock.none")) in phone.texts(phone.say(OWNER, "/stock"))


# Numbers past what the database keeps: slips of the keyboard, named by row like any bad cell.
TOO_LARGE = (b"sku,name,price,stock,low_stock\nA-1,Topi,50,99999999999999999999,3000000000\n",
             b"sku,name,price,stock\nA-1,Topi,99999999999999999999,5\n")
TOO_LARGE_LINES = {
    "id": ["• baris 2, stok (stock): 99999999999999999999 terlalu besar; periksa lagi angkanya",
           "• baris 2, harga (price): 99999999999999999999 terlalu besar; periksa lagi angkanya"],
    "vi": ["• dòng 2, tồn kho (stock): 99999999999999999999 quá lớn; kiểm tra lại con số",
           "• dòng 2, giá (price): 99999999999999999999 quá lớn; kiểm tra lại con số"],
    "en": ["• row 2, stock: 99999999999999999999 is too large; check the number",
           "• row 2, price: 99999999999999999999 is too large; check the number"],
}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_number_too_large_to_keep_is_refused_by_row_in_the_shops_language(engine: Database, phone: Phone,
                                                                            locale: str) -> None:
    make_shop(engine, locale, catalog=False)
    heading = str(Translator(locale)("error.catalog", rows="", more="")).strip()

    counts, price = (phone.texts(phone.say(OWNER, "/import", document=("katalog.csv", csv))).splitlines()
                     for csv in TOO_LARGE)

    assert counts[:2] == [heading, TOO_LARGE_LINES[locale][0]]
    assert "low_stock" in counts[2] and "3000000000" in counts[2]
    assert price[:2] == [heading, TOO_LARGE_LINES[locale][1]]
    assert str(Translator(locale)("stock.none")) in phone.texts(phone.say(OWNER, "/stock"))


@pytest.mark.parametrize("locale", LOCALES)
def test_a_file_that_is_not_a_catalog_gets_one_line_in_the_shops_language(engine: Database, phone: Phone,
                                                                           locale: str) -> None:
    make_shop(engine, locale, catalog=False)

    refused = phone.texts(phone.say(OWNER, "/import", document=("harga.txt", b"Halo kak\nKaos 85rb\n")))

    assert refused.splitlines()[1:] == [NOT_A_CATALOG[locale]]


# A seller's own sheet, saved by Excel in the shop's country: its own column names and separator.
OWN_SHEET = {
    "id": ("Kode;Nama Produk;Varian;Harga;Stok\nTPI-1;Topi Bucket;Hitam;50.000;5\n", 50000, "Hitam"),
    "vi": ("Mã;Tên sản phẩm;Phân loại;Giá bán (đ);Tồn kho\nTPI-1;Mũ bucket;Đen;150.000;5\n", 150000, "Đen"),
    "en": ("SKU Code,Product Name,Variant,Price (RM),Qty\nTPI-1,Bucket Hat,Black,29.90,5\n", 2990, "Black"),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_sheet_with_the_shops_own_column_names_imports(engine: Database, phone: Phone, locale: str) -> None:
    shop = make_shop(engine, locale, catalog=False)
    sheet, price, variant = OWN_SHEET[locale]

    reply = phone.texts(phone.say(OWNER, "/import", document=("katalog.csv", sheet.encode())))

    assert reply == str(Translator(locale)("import.done", created=1, updated=0, unchanged=0))
    with unit_of_work(engine) as s:
        p = products.get_product(s, shop, "TPI-1")
    assert (p.price.minor, p.on_hand, p.variant) == (price, 5, variant)


# A sheet with columns beside the catalog's, and the line that says they were left out.
OTHER_COLUMNS = {
    "id": ("Kode;Nama;Kategori;Harga;Berat\nTPI-1;Topi;Aksesoris;50.000;200\n",
           "Kolom yang dilewati karena bukan kolom katalog: Kategori, Berat."),
    "vi": ("Mã,Tên,Giá,Ghi chú\nTPI-1,Mũ,150.000,hàng mới\n",
           "Đã bỏ qua các cột không thuộc danh mục: Ghi chú."),
    "en": ("SKU,Name,Price,Note,Category\nTPI-1,Cap,29.90,new,hats\n",
           "Left out, as they are not catalog columns: Note, Category."),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_columns_beside_the_catalogs_are_left_out_and_named_in_the_reply(engine: Database, phone: Phone,
                                                                         locale: str) -> None:
    shop = make_shop(engine, locale, catalog=False)
    sheet, left_out = OTHER_COLUMNS[locale]

    reply = phone.texts(phone.say(OWNER, "/import", document=("katalog.csv", sheet.encode())))

    assert reply.splitlines() == [str(Translator(locale)("import.done", created=1, updated=0, unchanged=0)),
                                  left_out]
    assert available(engine, shop, "TPI-1") == (0, 0)


# A sheet without a price column, and what its seller reads: the file to fix, not rows.
NO_PRICE = {
    "id": ("Kode;Nama;Harga Satuan (ribu)\nTPI-1;Topi;50\n", [
        "Tidak ada yang diimpor. Perbaiki filenya lalu kirim ulang:",
        "• Kolom <b>harga (price)</b> tidak ada; katalog wajib punya kolom kode (SKU), nama, dan harga.",
        "• Kolom <b>Harga Satuan (ribu)</b> tidak dikenal; kalau isinya kode, nama, atau harga, "
        "beri judul itu."]),
    "vi": ("Mã;Tên;Giá sỉ\nTPI-1;Mũ;150.000\n", [
        "Chưa nhập gì cả. Sửa tệp rồi gửi lại:",
        "• Thiếu cột <b>giá (price)</b>; danh mục nào cũng cần cột mã (SKU), tên và giá.",
        "• Không nhận ra cột <b>Giá sỉ</b>; nếu cột đó là mã, tên hoặc giá, hãy đặt tên cột như vậy."]),
    "en": ("SKU,Name,Price (USD)\nTPI-1,Cap,9.90\n", [
        "Nothing was imported. Fix the file and send it again:",
        "• The column <b>price</b> is missing; every catalog needs a SKU, a name and a price column "
        "(e.g. sku, name, price).",
        "• I don't know the column <b>Price (USD)</b>; if it holds the SKU, the name or the price, "
        "give it that name."]),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_missing_column_asks_to_fix_the_file_not_rows(engine: Database, phone: Phone, locale: str) -> None:
    make_shop(engine, locale, catalog=False)
    sheet, lines = NO_PRICE[locale]

    refused = phone.texts(phone.say(OWNER, "/import", document=("katalog.csv", sheet.encode())))

    assert refused.splitlines() == lines
    assert str(Translator(locale)("stock.none")) in phone.texts(phone.say(OWNER, "/stock"))


SAVE_AS_CSV = {
    "id": ["Tidak ada yang diimpor. Perbaiki filenya lalu kirim ulang:",
           "• Ini file Excel (spreadsheet), bukan CSV. Di Excel pilih File → Save As (Simpan Sebagai) → "
           "“CSV UTF-8”, lalu kirim file itu."],
    "vi": ["Chưa nhập gì cả. Sửa tệp rồi gửi lại:",
           "• Đây là tệp Excel (bảng tính), không phải CSV. Trong Excel chọn File → Save As (Lưu thành) → "
           "“CSV UTF-8”, rồi gửi tệp đó."],
    "en": ["Nothing was imported. Fix the file and send it again:",
           "• This is an Excel (or other spreadsheet) file, not a CSV. In Excel choose File → Save As → "
           "“CSV UTF-8”, then send that file."],
}


@pytest.mark.parametrize("locale", LOCALES)
def test_an_excel_file_is_asked_to_be_saved_as_csv(engine: Database, phone: Phone, locale: str) -> None:
    make_shop(engine, locale, catalog=False)
    xlsx = io.BytesIO()
    with zipfile.ZipFile(xlsx, "w") as z:  # what Excel saves: a zip archive of XML parts
        z.writestr("[Content_Types].xml", "<Types/>")

    refused = phone.texts(phone.say(OWNER, "/import", document=("katalog.xlsx", xlsx.getvalue())))

    assert refused.splitlines() == SAVE_AS_CSV[locale]


@pytest.mark.parametrize(("locale", "written", "shown"), [("id", "50.000", "Rp50.000"),
                                                          ("id", "1.500.000", "Rp1.500.000"),
                                                          ("vi", "150.000", "150.000\xa0₫")])
def test_a_price_with_thousands_dots_imports_as_written(engine: Database, phone: Phone, locale: str,
                                                         written: str, shown: str) -> None:
    shop = make_shop(engine, locale, catalog=False)
    csv = f"sku,name,variant,aliases,price,cost,stock\nNEW-1,Topi,,topi,{written},,5\n".encode()

    phone.say(OWNER, "/import", document=("katalog.csv", csv))

    assert shown in phone.texts(phone.say(OWNER, "/stock"))
    with unit_of_work(engine) as s:
        assert str(products.get_product(s, shop, "NEW-1").price.major) == written.replace(".", "")


@pytest.mark.parametrize(("locale", "written", "shown"), [("id", "159k", "Rp159.000"),
                                                          ("id", "1,5jt", "Rp1.500.000"),
                                                          ("vi", "1tr2", "1.200.000\xa0₫"),
                                                          ("vi", "150 nghìn", "150.000\xa0₫"),
                                                          ("en", "RM1.5k", "RM1,500.00")])
def test_a_price_in_chat_shorthand_imports_as_the_chat_reads_it(engine: Database, phone: Phone, locale: str,
                                                                 written: str, shown: str) -> None:
    make_shop(engine, locale, catalog=False)
    csv = f'sku,name,price,stock\nNEW-1,Topi,"{written}",5\n'.encode()

    reply = phone.texts(phone.say(OWNER, "/import", document=("katalog.csv", csv)))

    assert reply == str(Translator(locale)("import.done", created=1, updated=0, unchanged=0))
    assert shown in phone.texts(phone.say(OWNER, "/stock"))


def test_a_whole_new_order_pasted_instead_of_an_answer_starts_a_new_draft(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = shop_in(engine, "id")
    enter_order(phone, "id", NO_PHONE["id"])
    assert str(t("ask.phone")) in phone.last(OWNER).text

    enter_order(phone, "id", ORDER["id"][0].replace("Kaos Polos Hitam L 2", "Gamis Syari Navy L 1"))
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))

    with unit_of_work(engine) as s:
        assert [i.sku for i in orders.get_order(s, shop, 1001).items] == ["GSN-L"]


UNKNOWN = {"id": ("Topi Bucket Ungu 2", "Kaos Polos Putih L 1", "KPP-L"),
           "vi": ("Mũ bảo hiểm 2", "Son kem lì Đỏ 1", "SKL-DO"),
           "en": ("Durian Cake 2", "Teh Tarik 3in1 1", "TTK-12")}


@pytest.mark.parametrize("locale", LOCALES)
def test_an_unknown_product_is_asked_with_buttons_and_can_be_removed_and_replaced(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = shop_in(engine, locale)
    unknown, known, sku = UNKNOWN[locale]
    lines = ORDER[locale][0].splitlines()
    text = "\n".join(f"{line.split(':')[0]}: {unknown}" if line.startswith(("Pesanan", "Sản phẩm", "Order"))
                     else line for line in lines)

    card = enter_order(phone, locale, text)
    assert str(t("ask.product", name=unknown.rsplit(" ", 1)[0])) in card.text
    phone.press(OWNER, phone.last(OWNER), str(t("button.remove_item")))
    assert str(t("ask.items")) in phone.last(OWNER).text
    phone.say(OWNER, known)
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))

    with unit_of_work(engine) as s:
        assert [(i.sku, i.qty) for i in orders.get_order(s, shop, 1001).items] == [(sku, 1)]


def test_shipping_a_shipped_order_again_corrects_its_waybill(engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = shop_in(engine, "id")
    enter_order(phone, "id")
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    phone.say(STAFF, "/packed 1001", chat=GROUP)
    phone.say(STAFF, "/ship 1001 sicepat SC001", chat=GROUP)

    phone.say(STAFF, "/ship 1001 jne CGK0001", chat=GROUP)

    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
    assert (order.status, order.courier, order.waybill) == ("shipped", "jne", "CGK0001")
    assert "CGK0001" in phone.last(GROUP).text or "CGK0001" in phone.texts(phone.last_actions)


@pytest.mark.parametrize(("moves", "command"), [([], "/ship 1001"), (["/packed 1001", "/ship 1001 jnt JP1",
                                                                      "/delivered 1001", "/return 1001"],
                                                                     "/cancel 1001")])
def test_a_command_that_would_ask_for_details_refuses_a_move_not_allowed_before_asking(
        engine: Database, phone: Phone, moves: list[str], command: str) -> None:
    t = Translator("id")
    shop_in(engine, "id")
    enter_order(phone, "id")
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    for move in moves:
        phone.say(STAFF, move, chat=GROUP)

    said = phone.texts(phone.say(STAFF, command, chat=GROUP))

    assert str(t("ask.reason", number=1001)) not in said and "JP1234567890" not in said
    refusal = str(t("error.not_allowed_order", number=1001, current="X", wanted="Y"))
    assert said.startswith(refusal.split("X")[0])
