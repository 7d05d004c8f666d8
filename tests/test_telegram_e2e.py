"""End to end over real HTTP: each Telegram adapter, the real engine and database, a local Bot API server."""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from botapi import BOT, TOKEN, BotAPIServer, BotThread, Call, Chat, User
from conftest import CORPUS
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine
from bot.i18n import Translator
from bot.settings import Settings
from core import orders, products, shops
from storage.db import unit_of_work

HAS_AIOGRAM = importlib.util.find_spec("aiogram") is not None
FRAMEWORKS = ["ptb", pytest.param("aiogram", marks=pytest.mark.skipif(not HAS_AIOGRAM,
                                                                       reason="aiogram is not installed"))]
OWNER = User(7001, "Rina", "id")
STAFF = User(7002, "Sari", "id")
STRANGER = User(7003, "Joko", "id")
GROUP = Chat(-1007000, "supergroup", "Toko Rina · tim")
SECRET = "s3cret-Token_for-tests"
ORDER = "kaos hitam M 2\nSiti Aminah 081234567890\nJl. Mawar No. 5, Bandung\ntransfer jnt"
SKU = "KPH-M"  # Kaos Polos Hitam M: 40 in the catalog


@pytest.fixture
def server() -> Iterator[BotAPIServer]:
    with BotAPIServer(polling_cap=0.5) as s:
        yield s


@dataclass
class Bot:
    """A running adapter, and the chat it is in, seen from the test."""

    server: BotAPIServer
    db: Database
    webhook: bool

    def say(self, user: User, text: str | None = None, *, chat: Chat | None = None, **kwargs: Any) -> int:
        """`user` writes in `chat` (their private chat by default); returns the mark before it."""
        mark = self.server.mark()
        status = self.server.deliver(self.server.message(user, text, chat=chat, **kwargs))
        assert status in (0, 200)
        return mark

    def press(self, user: User, chat: Chat, message_id: int, ends_with: str) -> int:
        """`user` presses the button whose callback data ends with `ends_with`."""
        buttons = self.server.buttons(chat.id, message_id).values()
        data = next((d for d in buttons if d.endswith(ends_with)), None)
        assert data, f"no {ends_with} button on {self.server.messages[(chat.id, message_id)]}"
        mark = self.server.mark()
        assert self.server.deliver(self.server.press(user, chat, message_id, data)) in (0, 200)
        return mark

    def reply(self, mark: int, chat: Chat | User,
              where: Callable[[dict[str, Any]], bool] = lambda p: True) -> Call:
        """The bot's next message in that chat after `mark`."""
        return self.server.wait_for("sendMessage", lambda p: p["chat_id"] == chat.id and where(p), since=mark)

    def edit(self, mark: int, chat: Chat, message_id: int, contains: str = "") -> Call:
        return self.server.wait_for("editMessageText", lambda p: p["chat_id"] == chat.id
                                    and p["message_id"] == message_id and contains in p["text"], since=mark)

    def shop_id(self) -> int:
        with unit_of_work(self.db) as s:
            ((shop, role),) = shops.shops_of_user(s, OWNER.id)
            return shop.id

    def stock(self) -> tuple[int, int]:
        with unit_of_work(self.db) as s:
            p = products.get_product(s, self.shop_id(), SKU)
            return p.on_hand, p.reserved

    def orders(self) -> list[orders.OrderView]:
        with unit_of_work(self.db) as s:
            return orders.list_orders(s, self.shop_id())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(framework: str) -> Callable[..., Any]:
    if framework == "aiogram":
        from bot.telegram_aiogram import serve
    else:
        from bot.telegram_ptb import serve  # type: ignore[assignment]
    return serve


@pytest.fixture
def start_bot(server: BotAPIServer, engine: Database) -> Iterator[Callable[..., Bot]]:
    """Start an adapter in-process against the server; stopped when the test ends."""
    running: list[BotThread] = []

    def start(framework: str, *, webhook: bool = False) -> Bot:
        settings = Settings(telegram_token=TOKEN, telegram_api_url=server.url)
        if webhook:
            port = _free_port()
            settings = Settings(telegram_token=TOKEN, telegram_api_url=server.url, webhook_secret=SECRET,
                                webhook_url=f"http://127.0.0.1:{port}/lapak/hook", webhook_port=port)
        thread = BotThread(_serve(framework), settings, Engine(engine, bot_username="lapak_bot")).start()
        running.append(thread)
        return Bot(server, engine, webhook)

    yield start
    for thread in running:
        thread.stop()


def onboard(bot: Bot) -> None:
    """The owner creates the shop and imports the catalog, invites a staff member, binds the group."""
    mark = bot.say(OWNER, "/start")
    bot.reply(mark, OWNER)  # the welcome, asking for the shop's name
    mark = bot.say(OWNER, "Toko Rina")
    language = bot.reply(mark, OWNER, lambda p: "reply_markup" in p).result["message_id"]
    mark = bot.press(OWNER, Chat.private(OWNER), language, ":id")
    region = bot.reply(mark, OWNER, lambda p: "reply_markup" in p).result["message_id"]
    mark = bot.press(OWNER, Chat.private(OWNER), region, ":id")
    assert "Toko Rina" in bot.reply(mark, OWNER).params["text"]

    mark = bot.say(OWNER, "/import", document=("katalog.csv", (CORPUS / "catalog-id.csv").read_bytes()))
    assert "33" in bot.reply(mark, OWNER).params["text"]

    mark = bot.say(OWNER, "/invite staff")
    code = re.search(r"start=join-([\w-]+)", bot.reply(mark, OWNER).params["text"])
    assert code
    mark = bot.say(STAFF, f"/start join-{code.group(1)}")
    assert "Toko Rina" in bot.reply(mark, STAFF).params["text"]

    mark = bot.say(OWNER, "/bind@lapak_bot", chat=GROUP)
    assert "Toko Rina" in bot.reply(mark, GROUP).params["text"]


def enter_and_confirm(bot: Bot) -> tuple[int, int]:
    """The owner types an order in private and confirms it: the draft card there becomes the order
    card, and the group gets one too. Returns both message ids (private, group)."""
    mark = bot.say(OWNER, ORDER)
    draft = bot.reply(mark, OWNER, lambda p: "reply_markup" in p)
    assert "Siti Aminah" in draft.params["text"]
    mine = int(draft.result["message_id"])
    mark = bot.press(OWNER, Chat.private(OWNER), mine, ":c")
    card = bot.reply(mark, GROUP)
    bot.edit(mark, Chat.private(OWNER), mine)
    bot.server.wait_for("answerCallbackQuery", since=mark)
    return mine, int(card.result["message_id"])


def pack_and_ship(bot: Bot, card: int, number: int) -> None:
    """Staff press Packed, then Shipped, which asks for the waybill; the card changes in place each time."""
    mark = bot.press(STAFF, GROUP, card, ":packed")
    bot.edit(mark, GROUP, card)
    assert bot.server.wait_for("answerCallbackQuery", since=mark).params.get("text")
    mark = bot.press(STAFF, GROUP, card, ":shipped")
    question = bot.reply(mark, GROUP)
    # In a group Telegram gives a bot only the replies to it: the question has the app open one for
    # whoever pressed (named in it), so their answer reaches the bot.
    assert question.params["reply_markup"] == {"force_reply": True, "selective": True}
    assert f'<a href="tg://user?id={STAFF.id}">{STAFF.first_name}</a>' in question.params["text"]
    mark = bot.say(STAFF, "jnt JP1234567890", chat=GROUP, reply_to=question.result["message_id"])
    bot.edit(mark, GROUP, card, "JP1234567890")
    bot.reply(mark, GROUP, lambda p: str(number) in p["text"])


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_seller_onboards_takes_an_order_and_staff_ship_it_from_the_group(
        start_bot: Callable[..., Bot], framework: str, webhook: bool) -> None:
    bot = start_bot(framework, webhook=webhook)
    onboard(bot)
    mine, card = enter_and_confirm(bot)
    (order,) = bot.orders()
    assert (order.status, order.customer_name, bot.stock()) == ("confirmed", "Siti Aminah", (40, 2))

    pack_and_ship(bot, card, order.number)
    bot.edit(0, Chat.private(OWNER), mine, "JP1234567890")  # the owner's copy follows along

    (order,) = bot.orders()
    assert (order.status, order.payment_status, order.courier, order.waybill) == (
        "shipped", "unpaid", "jnt", "JP1234567890")
    assert [e.to_state for e in order.events if e.machine == "fulfilment"][-2:] == ["packed", "shipped"]
    assert all(e.by_user == STAFF.id and e.source_chat == GROUP.id for e in order.events[-2:])
    assert bot.stock() == (38, 0)  # shipping takes the reserved two from the shelf
    card_text = bot.server.messages[(GROUP.id, card)]["text"]
    assert "JP1234567890" in card_text and "Sari" in card_text


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_command_menu_is_registered_in_each_language_and_for_everyone_else(
        start_bot: Callable[..., Bot], server: BotAPIServer, framework: str) -> None:
    start_bot(framework)
    def menu_in(language: str | None) -> Call:
        return server.wait_for("setMyCommands", lambda p: p.get("language_code") == language)

    calls = [menu_in(language) for language in ("id", "vi", "en", None)]
    menus = [{c["command"]: c["description"] for c in call.params["commands"]} for call in calls]
    assert all("order" in menu and "help" in menu for menu in menus)
    assert menus[0]["help"] != menus[1]["help"]  # Indonesian and Vietnamese words, not one list


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_webhook_call_with_a_wrong_or_missing_secret_is_refused_and_changes_nothing(
        start_bot: Callable[..., Bot], server: BotAPIServer, framework: str) -> None:
    bot = start_bot(framework, webhook=True)
    assert server.calls_to("setWebhook")[-1].params["secret_token"] == SECRET
    onboard(bot)
    _, card = enter_and_confirm(bot)
    mark = server.mark()
    press = server.press(STAFF, GROUP, card, next(d for d in server.buttons(GROUP.id, card).values()
                                                  if d.endswith(":packed")))
    assert server.post_webhook(press, "not-the-secret") in (401, 403)
    assert server.post_webhook(press, None) in (401, 403)
    assert server.post_webhook(server.message(OWNER, "/stock add KPH-M 5"), "") in (401, 403)

    later = bot.say(OWNER, "/help")  # handled after anything the refused calls could have started
    bot.reply(later, OWNER)
    assert [c.method for c in server.calls[mark:]] == ["sendMessage"]
    (order,) = bot.orders()
    assert order.status == "confirmed" and bot.stock() == (40, 2)


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_redelivered_update_changes_nothing(start_bot: Callable[..., Bot], server: BotAPIServer,
                                              framework: str, webhook: bool) -> None:
    bot = start_bot(framework, webhook=webhook)
    onboard(bot)
    update = server.message(OWNER, f"/stock add {SKU} 10")
    mark = server.mark()
    server.deliver(update)
    bot.reply(mark, OWNER)
    assert bot.stock() == (50, 0)

    mark = server.mark()
    server.deliver(update)  # Telegram sends it again, e.g. after a timeout on its side
    later = bot.say(OWNER, "/help")
    bot.reply(later, OWNER)
    assert len(server.calls_to("sendMessage", mark)) == 1  # only the /help answer
    assert bot.stock() == (50, 0)


# python-telegram-bot's own limiter reads RetryAfter.retry_after, which warns of a future type change.
@pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_429_from_telegram_is_retried_after_the_wait_it_names(
        start_bot: Callable[..., Bot], server: BotAPIServer, framework: str) -> None:
    bot = start_bot(framework)
    onboard(bot)
    server.fail_next("sendMessage", retry_after=1, where=lambda p: p["chat_id"] == GROUP.id)
    mark = server.mark()
    _, card = enter_and_confirm(bot)
    refused = next(c for c in server.calls[mark:] if c.status == 429)
    sent = next(c for c in server.calls_to("sendMessage", mark) if c.result["message_id"] == card
                and c.params["chat_id"] == GROUP.id)
    assert sent.at - refused.at >= 1.0
    assert sent.params["text"] == refused.params["text"]


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_card_that_cannot_be_sent_is_logged_and_the_order_is_kept(
        start_bot: Callable[..., Bot], server: BotAPIServer, framework: str,
        caplog: pytest.LogCaptureFixture) -> None:
    bot = start_bot(framework)
    onboard(bot)
    server.fail_next("sendMessage", error="Forbidden: bot was kicked from the supergroup chat",
                     where=lambda p: p["chat_id"] == GROUP.id)
    mark = bot.say(OWNER, ORDER)
    draft = bot.reply(mark, OWNER, lambda p: "reply_markup" in p)
    with caplog.at_level(logging.ERROR, logger="lapak.telegram"):
        mark = bot.press(OWNER, Chat.private(OWNER), draft.result["message_id"], ":c")
        server.wait_for("answerCallbackQuery", since=mark)
        later = bot.say(OWNER, "/help")
        bot.reply(later, OWNER)  # the bot carries on
    assert "could not perform Send" in caplog.text
    (order,) = bot.orders()
    assert order.status == "confirmed" and bot.stock() == (40, 2)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_stranger_pressing_a_card_button_is_refused_and_nothing_moves(
        start_bot: Callable[..., Bot], server: BotAPIServer, framework: str) -> None:
    bot = start_bot(framework)
    onboard(bot)
    _, card = enter_and_confirm(bot)
    mark = bot.press(STRANGER, GROUP, card, ":packed")
    server.wait_for("answerCallbackQuery", since=mark)
    assert not server.calls_to("editMessageText", mark)
    (order,) = bot.orders()
    assert order.status == "confirmed"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_bound_group_telegram_upgrades_to_a_supergroup_gets_the_next_cards_under_its_new_id(
        start_bot: Callable[..., Bot], server: BotAPIServer, framework: str) -> None:
    bot = start_bot(framework)
    onboard(bot)
    old, new = Chat(-7010, "group", "Gudang"), Chat(-1007010, "supergroup", "Gudang")
    mark = bot.say(OWNER, "/bind", chat=old)
    assert "Toko Rina" in bot.reply(mark, old).params["text"]

    # Telegram reports the upgrade twice: a service message in the old group and one in the new.
    for chat, field, other in ((old, "migrate_to_chat_id", new), (new, "migrate_from_chat_id", old)):
        update = server.message(OWNER, chat=chat)
        update["message"][field] = other.id
        server.deliver(update)
    mark = bot.say(STAFF, "/shop", chat=new)
    assert "Toko Rina" in bot.reply(mark, new).params["text"]  # the new id works for the shop
    _, card = enter_and_confirm(bot)
    mark = bot.say(STAFF, "/packed 1001", chat=new)

    bot.reply(mark, new, lambda p: "1001" in p["text"])
    (order,) = bot.orders()
    assert order.status == "packed"
    assert [c for c in server.calls_to("sendMessage") if c.params["chat_id"] == old.id][1:] == []
    assert len([c for c in server.calls_to("sendMessage") if c.params["chat_id"] == new.id]) == 3


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_webhook_mode_without_a_secret_does_not_start(server: BotAPIServer, engine: Database,
                                                      framework: str) -> None:
    settings = Settings(telegram_token=TOKEN, telegram_api_url=server.url,
                        webhook_url="https://shop.example/lapak/hook")
    with pytest.raises(ValueError, match="LAPAK_WEBHOOK_SECRET"):
        BotThread(_serve(framework), settings, Engine(engine)).start()
    assert not server.calls  # nothing was registered with Telegram


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_lapak_run_serves_telegram_and_stops_cleanly_on_sigterm(server: BotAPIServer, tmp_path: Path,
                                                                framework: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAPAK_")}
    env.update(LAPAK_TELEGRAM_TOKEN=TOKEN, LAPAK_TELEGRAM_API_URL=server.url, LAPAK_BOT_FRAMEWORK=framework,
               LAPAK_DATABASE_URL=f"sqlite:///{tmp_path}/lapak.db")
    command = [sys.executable, "-c", "from bot.cli import main; main()", "run"]
    proc = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        server.say(OWNER, "/start")
        assert server.wait_for("sendMessage", timeout=30).params["chat_id"] == OWNER.id  # the welcome
    finally:
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, output
    assert f"{'aiogram' if framework == 'aiogram' else 'python-telegram-bot'} adapter running" in output


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_an_edit_a_sticker_or_a_spreadsheet_in_private_gets_an_answer_and_in_the_group_nothing(
        start_bot: Callable[..., Bot], server: BotAPIServer, framework: str) -> None:
    t = Translator("id")
    bot = start_bot(framework)
    onboard(bot)

    mark = bot.say(OWNER, "/shop")  # a message the owner will edit
    bot.reply(mark, OWNER)
    edit = server.message(OWNER, ORDER)
    edit["message"]["message_id"] -= 1
    edit["message"]["edit_date"] = edit["message"]["date"]
    mark = server.mark()
    server.deliver({"update_id": edit["update_id"], "edited_message": edit["message"]})
    assert bot.reply(mark, OWNER).params["text"] == str(t("error.edited"))

    for chat in (GROUP, Chat.private(OWNER)):  # the group's sticker first: answered never
        sticker = server.message(OWNER, chat=chat)
        sticker["message"]["sticker"] = {"file_id": "st1", "file_unique_id": "st1", "type": "regular",
                                         "width": 512, "height": 512, "is_animated": False, "is_video": False}
        mark = server.mark()
        server.deliver(sticker)
    assert bot.reply(mark, OWNER).params["text"] == str(t("error.unread"))

    sheet = server.message(OWNER, document=("katalog.xlsx", b"PK\x03\x04" + bytes(200)))
    sheet["message"]["document"]["mime_type"] = \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    mark = server.mark()
    server.deliver(sheet)
    assert str(t("import.problem.spreadsheet")) in bot.reply(mark, OWNER).params["text"]  # save it as CSV
    assert [c for c in server.calls_to("sendMessage") if c.params["chat_id"] == GROUP.id][1:] == []
    assert bot.orders() == []


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_group_that_removes_the_bot_is_unbound_and_the_owner_hears_how_to_connect_it_again(
        start_bot: Callable[..., Bot], server: BotAPIServer, framework: str) -> None:
    t = Translator("id")
    bot = start_bot(framework)
    onboard(bot)
    me = {k: BOT[k] for k in ("id", "is_bot", "first_name", "username")}
    mark = server.mark()
    server.deliver({"update_id": 7777, "my_chat_member": {
        "chat": GROUP.as_dict(), "from": STAFF.as_dict(), "date": int(time.time()),
        "old_chat_member": {"user": me, "status": "member"},
        "new_chat_member": {"user": me, "status": "kicked", "until_date": 0}}})

    told = bot.reply(mark, OWNER).params["text"]
    assert told == str(t("bind.removed", group=GROUP.title, shop="Toko Rina"))
    mark = bot.say(OWNER, ORDER)
    draft = bot.reply(mark, OWNER, lambda p: "reply_markup" in p)
    mark = bot.press(OWNER, Chat.private(OWNER), int(draft.result["message_id"]), ":c")
    bot.edit(mark, Chat.private(OWNER), int(draft.result["message_id"]))
    assert [o.number for o in bot.orders()] == [1001]
    assert [c for c in server.calls_to("sendMessage", mark) if c.params["chat_id"] == GROUP.id] == []
    with unit_of_work(bot.db) as s:
        assert shops.groups_of_shop(s, bot.shop_id()) == []
