"""What owners and staff met in session 8: an owner's own cards keep cost and profit as the order moves
(groups never show them), a refused move names its order, and a group Telegram upgrades to a supergroup
stays bound."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from conftest import CORPUS
from engine_harness import ADMIN, GROUP, OWNER, STAFF, STRANGER, Phone, clock, make_shop
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine as Database
from test_engine_commands_session7 import ORDER

from bot.engine import Engine
from bot.engine.events import Action, Incoming, Send
from bot.engine.orders import ASK_FOR
from bot.engine.words import status
from bot.i18n import Translator
from core import orders, shops
from storage.db import unit_of_work

LOCALES = ["id", "vi", "en"]


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


def confirmed(phone: Phone, locale: str, who: int = OWNER) -> None:
    t = Translator(locale)
    phone.say(who, ORDER[locale])
    phone.press(who, phone.last(who), str(t("button.confirm")))


# -- cost and profit, per place ---------------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_an_owner_sees_cost_and_profit_on_their_own_card_from_confirm_to_delivered(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    confirmed(phone, locale)
    mine, group = phone.last(OWNER), phone.last(GROUP)
    assert str(t("card.profit")) in mine.text, "the owner's card, just confirmed"
    assert str(t("card.profit")) not in group.text

    phone.press(STAFF, group, str(t("action.packed")))
    phone.say(STAFF, "/ship 1001 jnt JP1234567890", chat=GROUP)
    phone.say(STAFF, "/delivered 1001", chat=GROUP)

    assert mine.edits == 1 + 3 and group.edits == 3  # the draft card became the order card, then 3 moves
    assert str(t("status.delivered")) in mine.text and str(t("status.delivered")) in group.text
    assert str(t("card.profit")) in mine.text and str(t("card.cogs")) in mine.text
    assert str(t("card.profit")) not in group.text and str(t("card.cogs")) not in group.text


def test_a_card_a_staff_member_confirmed_shows_no_costs_to_them_as_the_order_moves(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    make_shop(engine, "id")
    confirmed(phone, "id", who=STAFF)
    theirs = phone.last(STAFF)
    assert str(t("card.profit")) not in theirs.text

    phone.say(OWNER, "/packed 1001")  # the owner moves it from their private chat

    assert theirs.edits == 2 and str(t("status.packed")) in theirs.text
    assert str(t("card.profit")) not in theirs.text
    assert str(t("card.profit")) not in phone.last(GROUP).text


def test_an_order_card_the_owner_asked_for_keeps_its_profit_when_staff_move_the_order(
        engine: Database, phone: Phone) -> None:
    t = Translator("en")
    make_shop(engine, "en")
    confirmed(phone, "en", who=STAFF)
    phone.say(OWNER, "/order 1001")
    asked = phone.last(OWNER)
    assert str(t("card.profit")) in asked.text

    phone.say(STAFF, "/packed 1001", chat=GROUP)

    assert asked.edits == 1 and str(t("status.packed")) in asked.text and str(t("card.profit")) in asked.text


# -- refusals name their order ----------------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_a_refused_move_names_the_order_and_a_refused_line_names_it_once(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    confirmed(phone, locale)
    confirmed(phone, locale)

    one = phone.texts(phone.say(STAFF, "/ship 1001 jnt JP1234567890", chat=GROUP))
    many = phone.texts(phone.say(STAFF, "/delivered 1001 1002", chat=GROUP))

    shipped = {"current": status(t, "confirmed", mid=True), "wanted": status(t, "shipped", mid=True)}
    first = t("error.first", status=status(t, "packed", mid=True), command="/packed 1001")  # session 11
    assert one == f"{t('error.not_allowed_order', number=1001, **shipped)} {first}"
    assert "#1001" in one
    states = {"current": status(t, "confirmed", mid=True), "wanted": status(t, "delivered", mid=True)}
    line = str(t("done.failed", number=1002, why=t("error.not_allowed", **states)))
    assert line in many.splitlines() and many.count("#1002") == 1


# -- a group upgraded to a supergroup ---------------------------------------------------------------

SUPERGROUP = -1005001


def upgrade(phone: Phone, old: int, new: int, update_id: int) -> list[Action]:
    """What the adapters hand the engine for Telegram's report of the upgrade."""
    return phone.perform(phone.engine.handle(Incoming(chat_id=new, chat_type="group", user_id=OWNER,
                                                      update_id=update_id, migrated_from=old)))


def test_a_bound_group_upgraded_to_a_supergroup_keeps_working_under_its_new_id(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = make_shop(engine, "id")

    assert upgrade(phone, GROUP, SUPERGROUP, 9001) == []  # silent: Telegram shows the upgrade itself
    assert upgrade(phone, GROUP, SUPERGROUP, 9002) == []  # its second report changes nothing
    confirmed(phone, "id")

    assert GROUP not in phone.by_chat and str(t("action.packed")) in str(phone.last(SUPERGROUP).buttons)
    phone.say(STAFF, "/packed 1001", chat=SUPERGROUP)
    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).status == "packed"
        assert shops.groups_of_shop(s, shop) == [SUPERGROUP]
    phone.say(STAFF, "/packed 1001", chat=GROUP, language="id")  # the old id is no group of the shop's
    assert phone.texts() == str(t("error.group_not_bound"))


def test_the_two_reports_of_an_upgrade_arriving_at_once_move_the_binding_once_and_say_nothing(
        engine: Database) -> None:
    from concurrent.futures import ThreadPoolExecutor

    shop = make_shop(engine, "id")
    workers = [Engine(engine, now=clock) for _ in range(2)]
    for n in range(10):  # Telegram sends them from the old chat and the new one, handled side by side
        old, new = (GROUP, -1000 - n) if n == 0 else (-1000 - n + 1, -1000 - n)
        reports = [Incoming(chat_id=new, chat_type="group", user_id=OWNER, update_id=9100 + 2 * n + k,
                            migrated_from=old) for k in (0, 1)]
        with ThreadPoolExecutor(2) as pool:
            said = list(pool.map(lambda pair: pair[0].handle(pair[1]), zip(workers, reports, strict=True)))
        assert said == [[], []]  # no apology: the second report finds the group already moved
        with unit_of_work(engine) as s:
            assert shops.groups_of_shop(s, shop) == [new]


def test_an_upgrade_of_a_group_no_shop_uses_binds_nothing(engine: Database, phone: Phone) -> None:
    shop = make_shop(engine, "id")

    upgrade(phone, -7777, SUPERGROUP, 9001)

    with unit_of_work(engine) as s:
        assert shops.groups_of_shop(s, shop) == [GROUP]
        assert shops.shop_of_chat(s, SUPERGROUP) is None


# -- the team's talk in the group never ships or cancels --------------------------------------------

def test_talk_in_the_group_after_the_waybill_question_ships_nothing_until_a_waybill_comes(
        engine: Database, phone: Phone) -> None:
    t = Translator("vi")
    shop = make_shop(engine, "vi")
    confirmed(phone, "vi")
    card = phone.last(GROUP)
    phone.press(STAFF, card, str(t("action.packed")))
    phone.press(STAFF, card, str(t("action.shipped")))
    question = phone.last(GROUP)

    assert phone.say(STAFF, "chờ chút nha", chat=GROUP) == []  # a bot that is admin sees it: not an answer
    assert phone.say(STAFF, "ok", chat=GROUP) == []
    again = phone.texts(phone.say(STAFF, "ok", chat=GROUP, reply_to=question))  # a reply, but no waybill
    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).status == "packed"
    assert str(t("ask.waybill", number=1001, courier="GHTK")).split("<code>")[0] in again

    phone.say(STAFF, "ghtk S123456789", chat=GROUP)  # reads as a waybill: taken, reply or not
    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
    assert (order.status, order.courier, order.waybill) == ("shipped", "ghtk", "S123456789")


def test_only_a_reply_gives_the_cancel_reason_in_a_group_and_an_order_for_the_bot_stays_an_order(
        engine: Database, phone: Phone) -> None:
    t = Translator("en")
    shop = make_shop(engine, "en")
    confirmed(phone, "en")
    phone.say(STAFF, "/cancel 1001", chat=GROUP)
    question = phone.last(GROUP)

    assert phone.say(STAFF, "wait, let me ask the buyer first", chat=GROUP) == []
    phone.say(STAFF, "buyer changed their mind", chat=GROUP, reply_to=question)
    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
    assert (order.status, order.cancel_reason) == ("cancelled", "buyer changed their mind")

    confirmed(phone, "en")
    phone.say(STAFF, "/cancel 1002", chat=GROUP)
    phone.say(STAFF, "@lapak_bot 1 kopi o kosong 250g, Bala 012-666 5555, 9 Jalan Ipoh KL", chat=GROUP)
    draft = phone.last(GROUP)
    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1002).status == "confirmed"
    assert "Bala" in draft.text and str(t("button.confirm")) in str(draft.buttons)


# -- an order pasted over an open draft -------------------------------------------------------------

OPEN = {  # a complete draft left unconfirmed, and the line of it no corpus order has
    "id": ("bergo navy 1, pashmina cream 2, Tini 0812 1212 3434, Jl Kopo 5 Bandung", "Bergo Instan Navy"),
    "vi": ("2 son đỏ + 1 kem chống nắng, chị Mai 0912 345 678, 12 Nguyễn Trãi, Q.1", "Son kem lì Đỏ"),
    "en": ("2 white coffee + 1 teh tarik, Ahmad 012-345 6789, 12 Jalan Ampang, KL", "White Coffee 3in1"),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_corpus_order_pasted_over_an_unconfirmed_draft_replaces_it_and_never_mixes_with_it(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    first, line = OPEN[locale]
    notice = str(t("draft.replaced", who="|")).split("|")[0]  # the words before the buyer's name
    pasted = mixed = 0
    for message in (json.loads(row) for row in (CORPUS / "dev.jsonl").open(encoding="utf-8")):
        expected = message["expected"]
        who = expected["customer"]
        if message["locale"] != locale or not expected["items"] or sum(1 for v in who.values() if v) < 2:
            continue
        phone.say(OWNER, first)
        said = phone.texts(phone.say(OWNER, message["text"]))
        card = [m for m in phone.by_chat[OWNER] if m.buttons][-1].text
        pasted += 1
        kept = any(line in (item["name"] or "") for item in expected["items"])
        if notice not in said or (line in card and not kept):
            mixed += 1
        phone.say(OWNER, "/cancel")
    assert pasted >= 25 and mixed == 0


def test_goods_for_another_buyer_typed_while_a_draft_waits_for_its_address_start_their_own_order(
        engine: Database, phone: Phone) -> None:
    t = Translator("en")
    make_shop(engine, "en")
    phone.say(OWNER, "5 white coffee, Lim 017 555 4444, COD")  # asks for the address

    said = phone.texts(phone.say(OWNER, "1 teh tarik, Ahmad 0112345678, Shah Alam, bank in"))

    assert str(t("draft.replaced", who=" (Lim)")) in said
    card = [m for m in phone.by_chat[OWNER] if m.buttons][-1].text
    assert "Ahmad" in card and "+60175554444" not in card and "White Coffee" not in card


# -- a cancel reason or waybill question does not wait for ever ---------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_an_order_pasted_when_a_cancel_reason_is_asked_is_an_order_and_cancels_nothing(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    confirmed(phone, locale)
    phone.say(OWNER, "/cancel 1001")

    said = phone.texts(phone.say(OWNER, ORDER[locale]))

    assert str(t("cancel.not_done", number=1001)) in said
    assert str(t("button.confirm")) in str(phone.last(OWNER).buttons)  # a draft card for the new order
    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).status == "confirmed"


def test_another_command_drops_the_reason_question_so_the_next_message_is_not_a_reason(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = make_shop(engine, "id")
    confirmed(phone, "id")
    confirmed(phone, "id")
    phone.say(OWNER, "/cancel 1002")

    phone.say(OWNER, "/cancel 1001 salah input")
    phone.say(OWNER, "kaos hitam L 1")  # a correction or a new draft: anything but a reason for #1002

    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).status == "cancelled"
        assert orders.get_order(s, shop, 1002).status == "confirmed"
    assert str(t("button.confirm")) in str(phone.last(OWNER).buttons)


def test_a_waybill_question_is_dropped_after_half_an_hour(engine: Database) -> None:
    now = [clock()]
    phone = Phone(Engine(engine, now=lambda: now[0]))
    t = Translator("id")
    shop = make_shop(engine, "id")
    confirmed(phone, "id")
    phone.say(STAFF, "/packed 1001", chat=GROUP)
    phone.say(OWNER, "/ship 1001")
    now[0] += ASK_FOR + timedelta(minutes=1)

    phone.say(OWNER, "JP1234567890")

    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).status == "packed"
    assert str(t("done.moved", number=1001, status=status(t, "shipped", mid=True))) not in phone.texts()


# -- payments from chat -----------------------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_an_owner_marks_transfers_paid_and_cod_settled_and_every_card_shows_it(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    pay = {"id": ("transfer", "COD"), "vi": ("chuyển khoản", "COD"), "en": ("bank transfer", "COD")}[locale]
    for how in pay:
        phone.say(OWNER, f"{ORDER[locale]}\n{how}")
        phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    cards = [m for m in phone.by_chat[GROUP] if m.buttons]
    assert str(t("payment_status.unpaid")) in cards[0].text
    assert str(t("payment_status.cod_pending")) in cards[1].text

    phone.say(OWNER, "/packed 1002")
    phone.say(OWNER, "/ship 1002 jnt JP1234567890")  # the courier collects COD from the buyer

    said = [a for a in phone.say(OWNER, "/paid 1001 1002 1001") if isinstance(a, Send)][-1].text

    assert said.splitlines() == [str(t("done.line", number=1001, status=t("payment_status.paid"))),
                                 str(t("done.line", number=1002, status=t("payment_status.settled")))]
    assert cards[0].text.splitlines()[0].endswith(" · " + str(t("payment_status.paid")))
    assert cards[1].text.splitlines()[0].endswith(" · " + str(t("payment_status.settled")))
    with unit_of_work(engine) as s:
        assert [orders.get_order(s, shop, n).payment_status for n in (1001, 1002)] == ["paid", "settled"]


def test_only_owners_and_admins_mark_orders_paid(engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = make_shop(engine, "id")
    confirmed(phone, "id")

    refused = phone.texts(phone.say(STAFF, "/paid 1001", chat=GROUP))
    phone.say(ADMIN, "/lunas 1001", chat=GROUP)

    assert refused == str(t("error.forbidden", role=t("role.staff")))
    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).payment_status == "paid"
    assert phone.texts(phone.say(OWNER, "/paid")) == str(t("error.usage", usage=t("usage.paid")))


@pytest.mark.parametrize("locale", LOCALES)
def test_a_cancelled_cod_order_owes_nothing_and_a_marketplace_order_waits_for_its_payout(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    phone.say(OWNER, f"{ORDER[locale]}\nCOD")
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    phone.say(OWNER, f"{ORDER[locale]}\nshopee")
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    cod, shopee = [m for m in phone.by_chat[GROUP] if m.buttons]

    phone.say(OWNER, "/cancel 1001 salah input")

    assert str(t("status.cancelled")) in cod.text and str(t("payment_status.cod_pending")) not in cod.text
    assert str(t("payment_status.payout_pending")) in shopee.text
    assert str(t("payment_status.cod_pending")) not in shopee.text


def test_a_returned_order_shows_no_profit_on_the_owner_s_card(engine: Database, phone: Phone) -> None:
    t = Translator("vi")
    make_shop(engine, "vi")
    confirmed(phone, "vi")
    mine = phone.last(OWNER)
    for command in ("/packed 1001", "/ship 1001 ghtk S123456789", "/delivered 1001", "/return 1001",
                    "/returned 1001"):
        phone.say(STAFF, command, chat=GROUP)

    assert str(t("status.returned")) in mine.text and str(t("card.profit")) not in mine.text


# -- small things staff noticed ---------------------------------------------------------------------

def test_a_return_keeps_its_reason_on_the_card(engine: Database, phone: Phone) -> None:
    make_shop(engine, "en")
    confirmed(phone, "en")
    for command in ("/packed 1001", "/ship 1001 citylink CL123456", "/return 1001 box arrived crushed"):
        phone.say(STAFF, command, chat=GROUP)

    card = next(m for m in phone.by_chat[GROUP] if m.text.startswith("<b>#1001</b>"))
    assert "↩️ box arrived crushed" in card.text


def test_a_waybill_shipped_without_a_courier_shows_no_dash_before_it(engine: Database, phone: Phone) -> None:
    t = Translator("en")
    make_shop(engine, "en")
    phone.say(OWNER, "Name: Tan\nPhone: 016-228 7745\nAddress: 23 Jalan Ipoh, KL\nOrder: Kopi O Kosong 1")
    phone.press(OWNER, phone.last(OWNER), str(t("button.confirm")))
    phone.say(STAFF, "/packed 1001", chat=GROUP)

    phone.say(STAFF, "/ship 1001 LZD123456", chat=GROUP)

    card = next(m for m in phone.by_chat[GROUP] if m.text.startswith("<b>#1001</b>"))
    assert "🚚 <code>LZD123456</code>" in card.text


def test_staff_and_strangers_are_not_offered_bind_in_help(engine: Database, phone: Phone) -> None:
    make_shop(engine, "id")

    staff = phone.texts(phone.say(STAFF, "/help", chat=GROUP))
    owner = phone.texts(phone.say(OWNER, "/help", chat=GROUP))

    assert "/bind" not in staff and "/paid" not in staff and "/packed" in staff
    assert "/bind" in owner and "/paid" in owner


def test_today_lists_statuses_in_the_order_an_order_moves(engine: Database, phone: Phone) -> None:
    t = Translator("vi")
    make_shop(engine, "vi")
    for _ in range(4):
        confirmed(phone, "vi")
    phone.say(STAFF, "/cancel 1001 khách đổi ý", chat=GROUP)
    phone.say(STAFF, "/packed 1002 1003", chat=GROUP)
    phone.say(STAFF, "/ship 1003 ghtk S123456789", chat=GROUP)

    today = phone.texts(phone.say(OWNER, "/today"))

    shown = [line.split(":")[0][2:] for line in today.splitlines() if line.startswith("• ")]
    assert shown == [str(t(f"status.{s}")) for s in ("confirmed", "packed", "shipped", "cancelled")]


# -- onboarding answers typed instead of pressed ----------------------------------------------------

NEWCOMER = 777


@pytest.mark.parametrize(("typed_language", "typed_region", "shop"), [
    ("Tiếng Việt", "VND", ("vi", "VND", "Asia/Ho_Chi_Minh")),
    ("bahasa indonesia", "Indonesia", ("id", "IDR", "Asia/Jakarta")),
    ("English", "Malaysia", ("en", "MYR", "Asia/Kuala_Lumpur")),
])
def test_the_language_and_region_may_be_typed_instead_of_pressed(
        engine: Database, phone: Phone, typed_language: str, typed_region: str,
        shop: tuple[str, str, str]) -> None:
    phone.say(NEWCOMER, "/start", language="en")
    phone.say(NEWCOMER, "Toko Baru")

    phone.say(NEWCOMER, typed_language)
    phone.say(NEWCOMER, typed_region)

    with unit_of_work(engine) as s:
        [(made, _)] = shops.shops_of_user(s, NEWCOMER)
    assert (made.locale, made.currency, made.timezone) == shop


def test_a_wrong_time_zone_typed_is_explained_and_the_region_buttons_come_again(
        engine: Database, phone: Phone) -> None:
    phone.say(NEWCOMER, "/start", language="en")
    phone.say(NEWCOMER, "Kopi Corner")
    phone.press(NEWCOMER, phone.last(NEWCOMER), "s:l:en")

    said = phone.texts(phone.say(NEWCOMER, "SGD Asia/Singapura"))

    assert "Asia/Singapura" in said
    assert phone.last(NEWCOMER).buttons[0][0].data == "s:r:en"
    phone.press(NEWCOMER, phone.last(NEWCOMER), "s:r:en")
    with unit_of_work(engine) as s:
        [(made, _)] = shops.shops_of_user(s, NEWCOMER)
    assert made.currency == "MYR"


# -- commands as staff type them --------------------------------------------------------------------

def test_a_mistyped_command_in_the_group_gets_a_guess_and_another_bot_s_command_gets_nothing(
        engine: Database, phone: Phone) -> None:
    t = Translator("id")
    make_shop(engine, "id")
    confirmed(phone, "id")

    assert phone.texts(phone.say(STAFF, "/pakced 1001", chat=GROUP)) == str(
        t("error.did_you_mean", command="pakced", guess="packed"))
    assert phone.say(STAFF, "/weather jakarta", chat=GROUP) == []


@pytest.mark.parametrize("command", ["/kemas 1001", "/packed1001", "/KEMAS@lapak_bot 1001"])
def test_the_shop_s_own_words_and_a_number_without_its_space_work(
        engine: Database, phone: Phone, command: str) -> None:
    shop = make_shop(engine, "id")
    confirmed(phone, "id")

    phone.say(STAFF, command, chat=GROUP)

    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).status == "packed"


# -- several orders in one message ------------------------------------------------------------------

SEVERAL = [
    ("vi", "Đơn 1: Lan 0912 345 678, 12 Lê Lợi Q1, 1 kem chống nắng / Đơn 2: Minh 0987 654 321, "
           "5 Hai Bà Trưng Q1, 2 toner / Đơn 3: Vy 0903 111 222, 9 Pasteur Q3, 1 serum b5", 3),
    ("id", "Pesanan 1: Budi 0812 3456 7890, Jl Melati 5 Bandung, kaos hitam L 2\n"
           "Pesanan 2: Sari 0813 2222 3333, Jl Mawar 7 Bogor, bergo navy 1", 2),
    ("en", "Tan 016-228 7745, 23 Jalan Ipoh KL, 1 kopi o\n"
           "Lim 017-555 4444, 9 Jalan Ampang KL, 2 white coffee\n"
           "Raju 012-666 5555, 4 Jalan Klang, 1 dodol", 3),
]


@pytest.mark.parametrize(("locale", "text", "count"), SEVERAL)
def test_a_message_with_several_orders_is_not_mixed_into_one_card(
        engine: Database, phone: Phone, locale: str, text: str, count: int) -> None:
    t = Translator(locale)
    make_shop(engine, locale)

    said = phone.texts(phone.say(OWNER, text))

    assert said == str(t("draft.several", count=count))
    assert not any(m.buttons for m in phone.by_chat[OWNER])  # no card to confirm


@pytest.mark.parametrize("locale", LOCALES)
def test_no_corpus_order_is_taken_for_several(engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    several = str(t("draft.several", count=9)).split("9")[0]
    messages = [json.loads(row) for row in (CORPUS / "dev.jsonl").open(encoding="utf-8")]

    taken = [m["id"] for m in messages if m["locale"] == locale
             and several in phone.texts(phone.say(OWNER, m["text"]))]

    assert taken == []


@pytest.mark.parametrize(("locale", "typed"), [
    ("id", "batal"), ("id", "gak jadi kak"), ("vi", "thôi"), ("vi", "Hủy đơn"), ("en", "cancel this"),
    ("en", "never mind")])
def test_a_reply_that_drops_the_draft_discards_it(engine: Database, phone: Phone, locale: str,
                                                  typed: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    phone.say(OWNER, ORDER[locale])

    said = phone.texts(phone.say(OWNER, typed))

    assert str(t("draft.discarded")) in said
    with unit_of_work(engine) as s:
        rows = s.connection().exec_driver_sql("SELECT count(*) FROM conversation WHERE draft IS NOT NULL")
        assert rows.scalar() == 0


# -- correcting a confirmed order by replying to its card -------------------------------------------

NEW_ADDRESS = {"id": "alamat: Jl. Mawar No. 3, Bogor", "vi": "địa chỉ: 88 Lê Lợi, Q.1, TP.HCM",
               "en": "address: 12 Jalan Ampang, 50450 Kuala Lumpur"}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_reply_to_an_order_card_corrects_its_address_on_every_card(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    confirmed(phone, locale)
    mine, group = phone.last(OWNER), phone.last(GROUP)

    said = phone.texts(phone.say(OWNER, NEW_ADDRESS[locale], reply_to=mine))

    address = NEW_ADDRESS[locale].split(": ", 1)[1]
    assert str(t("edit.done", number=1001, fields=t("edit.field.address"))) in said
    assert address in mine.text and address in group.text
    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
        assert order.address == address and order.status == "confirmed"
        assert [(e.machine, e.note, e.by_user) for e in order.events][-1] == ("details", "address", OWNER)
    assert str(t("button.confirm")) not in str(phone.last(OWNER).buttons)  # no new draft was started


def test_staff_correct_the_phone_and_shipping_from_the_group_and_the_total_follows(
        engine: Database, phone: Phone) -> None:
    shop = make_shop(engine, "id")
    confirmed(phone, "id")
    card = phone.last(GROUP)
    with unit_of_work(engine) as s:
        before = orders.get_order(s, shop, 1001)

    phone.say(STAFF, "hp 0813-2222-3333, ongkir 15rb", chat=GROUP, reply_to=card)

    with unit_of_work(engine) as s:
        after = orders.get_order(s, shop, 1001)
    assert (after.phone, after.shipping_fee.minor) == ("+6281322223333", 15000)
    assert after.total.minor == before.total.minor - before.shipping_fee.minor + 15000
    assert "+6281322223333" in card.text


def test_goods_and_shipped_orders_are_not_corrected_by_a_reply(engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = make_shop(engine, "id")
    confirmed(phone, "id")
    card = phone.last(GROUP)

    goods = phone.texts(phone.say(STAFF, "tambah 1 bergo hitam", chat=GROUP, reply_to=card))
    phone.say(STAFF, "/packed 1001", chat=GROUP)
    phone.say(STAFF, "/ship 1001 jne JNE123456", chat=GROUP)
    late = phone.texts(phone.say(STAFF, "alamat: Jl. Mawar 3, Bogor", chat=GROUP, reply_to=card))
    stranger = phone.texts(phone.say(STRANGER, "alamat: Jl. Kenanga 1, Depok", chat=GROUP, reply_to=card))

    assert goods == str(t("edit.goods", number=1001))
    assert late == str(t("edit.locked", number=1001, status=status(t, "shipped", mid=True)))
    assert stranger == str(t("error.not_member")) and "Jl. Kenanga" not in card.text
    with unit_of_work(engine) as s:
        order = orders.get_order(s, shop, 1001)
    assert [i.sku for i in order.items] == ["KPH-L"] and "Mawar" not in (order.address or "")


@pytest.mark.parametrize("locale", LOCALES)
def test_a_draft_whose_product_was_taken_out_of_the_catalog_is_refused_in_the_shop_s_language(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    phone.say(OWNER, ORDER[locale])
    draft = phone.last(OWNER)
    with unit_of_work(engine) as s:  # the owner re-imports the catalog with the product `active` no
        sku = s.execute(sql_text("SELECT sku FROM product WHERE shop_id = :s"), {"s": shop}).scalars().all()
        s.execute(sql_text("UPDATE product SET active = false WHERE shop_id = :shop"), {"shop": shop})

    answer = phone.texts(phone.press(OWNER, draft, str(t("button.confirm"))))

    named = [k for k in sku if k in answer]
    assert len(named) == 1 and answer == str(t("error.not_sold", skus=named[0]))
    assert "no longer sold" not in answer or locale == "en"
    with unit_of_work(engine) as s:
        assert orders.list_orders(s, shop) == []


def test_a_status_inside_a_sentence_is_written_in_lower_case(engine: Database, phone: Phone) -> None:
    make_shop(engine, "vi")
    confirmed(phone, "vi")
    card = phone.last(GROUP)
    phone.say(STAFF, "/packed 1001", chat=GROUP)
    phone.say(STAFF, "/ship 1001 ghtk S123456", chat=GROUP)

    late = phone.texts(phone.say(STAFF, "địa chỉ: 12 Lê Lợi, Q.1", chat=GROUP, reply_to=card))
    refused = phone.texts(phone.say(STAFF, "/packed 1001", chat=GROUP))

    assert late == "#1001 đang giao: không thể sửa thông tin nữa."
    assert refused == "⚠️ #1001: Đơn đó đang ở trạng thái đang giao, nên không thể chuyển sang đã đóng gói."


@pytest.mark.parametrize("locale", LOCALES)
def test_a_command_for_an_order_already_there_says_so_and_touches_no_card(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    confirmed(phone, locale)
    card = phone.last(GROUP)
    phone.press(STAFF, card, str(t("action.packed")))
    edits = card.edits

    again = phone.texts(phone.say(ADMIN, "/packed 1001", chat=GROUP))

    assert again == str(t("done.already", number=1001, status=status(t, "packed", mid=True)))
    assert card.edits == edits


@pytest.mark.parametrize("locale", LOCALES)
def test_stock_marks_a_product_taken_out_of_the_catalog_as_not_sold(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    with unit_of_work(engine) as s:
        sku, on_hand = s.execute(sql_text("SELECT sku, on_hand FROM product WHERE shop_id = :s ORDER BY sku"),
                                 {"s": shop}).first()
        s.execute(sql_text("UPDATE product SET active = false WHERE sku = :k"), {"k": sku})

    listed = phone.texts(phone.say(OWNER, "/stock")).splitlines()

    line = next(x for x in listed if x.startswith(f"<code>{sku}</code>"))
    assert str(t("stock.inactive", count=on_hand)) in line and "⚠️" not in line
    others = [x for x in listed if x.startswith("<code>") and x is not line]
    assert others and not any("🚫" in x for x in others)


TWO_ITEMS = {"id": ("2 kaos hitam L, 1 kaos putih M, Budi 0812-3456-7890, Jl Melati 5 Bandung", "qty 3",
                    "kaos putih M 3", "3 × Kaos Polos Putih M"),
             "vi": ("2 son đỏ, 1 sữa rửa mặt, chị Mai 0912 345 678, 12 Nguyễn Trãi, Q.1", "sl 3",
                    "sữa rửa mặt 3", "3 × Sữa rửa mặt"),
             "en": ("2 white coffee, 1 kopi o, Ahmad 012-345 6789, 12 Jalan Ampang, KL", "qty 3",
                    "kopi o 3", "3 × Kopi O")}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_bare_quantity_for_a_card_of_several_lines_asks_which_and_changes_nothing(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    make_shop(engine, locale)
    order, bare, named, line = TWO_ITEMS[locale]
    phone.say(OWNER, order)
    card = phone.last(OWNER)
    before = card.text
    last = [x for x in before.splitlines() if x.startswith("• ")][-1]

    asked = phone.texts(phone.say(OWNER, bare))
    assert asked == str(t("draft.which_line", count=2, qty=3,
                          example=last[2:].split(" × ", 1)[1].split(" @")[0].replace(" ❓", "")))
    assert card.text == before

    phone.say(OWNER, named)
    assert line in phone.last(OWNER).text


@pytest.mark.parametrize("locale", LOCALES)
def test_editing_the_message_of_an_open_draft_reads_it_again_and_a_confirmed_order_never_changes(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    old_city, new_city = {"id": ("Bandung", "Bogor"), "vi": ("TP.HCM", "Hà Nội"),
                          "en": ("Kuala Lumpur", "Shah Alam")}[locale]

    updates = iter(range(9800, 9900))

    def message(text: str, message_id: int, *, edited: bool = False) -> str:
        return phone.texts(phone.perform(phone.engine.handle(Incoming(
            chat_id=OWNER, chat_type="private", user_id=OWNER, user_name="Rina", text=text,
            update_id=next(updates), message_id=message_id, edited=edited))))

    message(ORDER[locale], 501)
    message(ORDER[locale].replace(old_city, new_city), 501, edited=True)
    card = phone.last(OWNER)
    assert new_city in card.text and old_city not in card.text
    assert message("hello", 502, edited=True) == str(t("error.edited"))  # not the draft's message
    phone.press(OWNER, card, str(t("button.confirm")))

    assert message(ORDER[locale].replace(old_city, "Ipoh"), 501, edited=True) == str(t("error.edited"))
    with unit_of_work(engine) as s:
        (order,) = orders.list_orders(s, shop)
    assert new_city in (order.address or "") and "Ipoh" not in (order.address or "")
