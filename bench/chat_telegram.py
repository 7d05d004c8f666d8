"""Updates per second through the python-telegram-bot adapter, next to a bare python-telegram-bot echo bot.

Both run in this process against the local Bot API server of the tests (tests/botapi.py), so what
is measured is the framework, the adapter and the engine, not the network. Both handle as many
updates at once as the adapter does in production. Telegram's flood limits (30 messages/s) would
cap both at the same figure, so the limiter is off for both here.

The adapter's workload is real order entry: each of many sellers types an order (the engine parses
it and answers with a draft card), then presses Confirm (the order is stored with stock reserved,
the press answered and the card edited). The echo bot answers every text with the same text.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# The local Bot API server lives with the tests.
sys.path.insert(0, str(ROOT / "tests"))

from botapi import TOKEN, BotAPIServer, BotThread, Chat, User  # noqa: E402
from telegram import Update  # noqa: E402
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters  # noqa: E402

from bot.adapter_common import CONCURRENCY  # noqa: E402
from bot.compiled import parser_build  # noqa: E402
from bot.engine.events import Action, Answer, Button, Edit, Incoming, Send  # noqa: E402
from bot.settings import Settings  # noqa: E402

TARGET_RATIO = 0.5
ORDER = "pashmina cream 2\nSiti 0812345{n:05d}\nJl. Mawar {n} Bandung\ntransfer jnt"
CATALOG = b"sku,name,variant,aliases,price,cost,stock\nPSM-CRM,Pashmina,cream,,45000,20000,1000000\n"


async def serve_echo(server_url: str, *, stop: asyncio.Event, ready: Callable[[], None],
                     concurrency: int = CONCURRENCY) -> None:
    """The echo bot of python-telegram-bot's examples, handling as many updates at once as the adapter."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message and update.effective_chat
        await context.bot.send_message(update.effective_chat.id, update.effective_message.text or "")

    app = (ApplicationBuilder().token(TOKEN).base_url(f"{server_url}/bot")
           .base_file_url(f"{server_url}/file/bot").concurrent_updates(concurrency).build())
    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with app:
        await app.start()
        assert app.updater
        await app.updater.start_polling(timeout=10, poll_interval=0)
        ready()
        await stop.wait()
        await app.updater.stop()
        await app.stop()


def measure_echo(count: int, users: int, concurrency: int = CONCURRENCY, latency: float = 0.0) -> float:
    """Updates/s of the echo bot: `count` texts from `users` people, all queued at once."""
    with BotAPIServer(latency=latency) as server:
        people = [User(10_000 + i, f"User {i}") for i in range(users)]
        with BotThread(serve_echo, server.url, concurrency=concurrency):
            _warm(server, people[:1], lambda s, u: s.message(u, "hi"), "sendMessage")
            start = server.mark()
            began = time.perf_counter()
            for i in range(count):
                server.deliver(server.message(people[i % users], f"pesan {i}"))
            server.wait_count("sendMessage", count, since=start)
            return count / (time.perf_counter() - began)


def measure_adapter(count: int, users: int, concurrency: int = CONCURRENCY, latency: float = 0.0, *,
                    instant: bool = False) -> float:
    """Updates/s of the adapter: rounds in which every seller types an order, then every seller
    presses Confirm on its draft card. `instant` swaps the engine for one that answers at once,
    to show what the adapter itself costs."""
    from bot.engine.engine import Engine
    from bot.telegram_ptb import serve
    from storage.db import make_engine, upgrade

    with tempfile.TemporaryDirectory() as tmp, BotAPIServer(latency=latency) as server:
        db = make_engine(f"sqlite:///{tmp}/bench.db", background_checkpoints=True)  # as `lapak run` does
        upgrade(db)
        engine: Any = _InstantEngine() if instant else Engine(db, bot_username="lapak_bot")
        people = [User(10_000 + i, f"Seller {i}") for i in range(users)]
        settings = Settings(telegram_token=TOKEN, telegram_api_url=server.url)
        with BotThread(serve, settings, engine, rate_limit=False, concurrency=concurrency):
            if not instant:
                for person in people:
                    _onboard(server, person)
            rounds = max(1, count // (2 * users))
            # Round 0 warms up, as the echo bot's first message and bench/chat.py's first orders do:
            # each shop's catalog and parser are built, the templates compiled.
            _order_round(server, people, 0)
            done = 0
            began = time.perf_counter()
            for round_ in range(1, rounds + 1):
                done += _order_round(server, people, round_)
            elapsed = time.perf_counter() - began
        db.dispose()
        return done / elapsed


def _order_round(server: BotAPIServer, people: list[User], round_: int) -> int:
    """Every seller types an order, then every seller presses Confirm on its draft card; the updates sent."""
    users = len(people)
    start = server.mark()
    for i, person in enumerate(people):
        server.deliver(server.message(person, ORDER.format(n=round_ * users + i)))
    server.wait_count("sendMessage", users, since=start)
    presses = _confirm_presses(server, start, people)
    start = server.mark()
    for update in presses:
        server.deliver(update)
    server.wait_count("editMessageText", len(presses), since=start)  # the last action
    return users + len(presses)


class _InstantEngine:
    """Answers like the engine (a draft card with buttons, then an answer and an edit) at no cost."""

    def handle(self, event: Incoming) -> list[Action]:
        if event.callback_id:
            assert event.message_id is not None
            return [Answer(event.callback_id), Edit(event.chat_id, event.message_id, "✅ <b>#1001</b>")]
        buttons = [[Button("✅ Konfirmasi", "d:1:c"), Button("✏️ Ubah", "d:1:e"), Button("🗑 Buang", "d:1:x")]]
        return [Send(event.chat_id, f"🧾 <b>Pesanan baru</b>\n{event.text}", buttons,
                     track=f"draft:{event.chat_id}")]

    def record_sent(self, track: str, chat_id: int, message_id: int) -> None:
        pass

    def commands(self, locale: str) -> list[tuple[str, str]]:
        return [("help", "help")]


def _confirm_presses(server: BotAPIServer, since: int, people: list[User]) -> list[dict[str, Any]]:
    """A press of Confirm on the draft card each seller got after `since`."""
    presses = []
    for person in people:
        card = server.wait_for("sendMessage", lambda p, who=person.id: p["chat_id"] == who, since=since)
        message_id = card.result["message_id"]
        buttons = server.buttons(person.id, message_id).values()
        confirm = next((d for d in buttons if d.endswith(":c")), None)
        assert confirm, f"no Confirm on {card.params}"
        presses.append(server.press(person, Chat.private(person), message_id, confirm))
    return presses


def _onboard(server: BotAPIServer, person: User) -> None:
    """/start, a shop name, language and region buttons, then the catalog CSV: the seller's setup."""

    def reply(mark: int, buttons: bool = False) -> int:
        call = server.wait_for("sendMessage", lambda p: p["chat_id"] == person.id
                               and (not buttons or "reply_markup" in p), since=mark)
        return int(call.result["message_id"])

    def first_button(message_id: int) -> int:
        mark = server.mark()
        data = next(iter(server.buttons(person.id, message_id).values()))
        server.deliver(server.press(person, Chat.private(person), message_id, data))
        return mark

    mark = server.mark()
    server.say(person, "/start")
    reply(mark)
    mark = server.mark()
    server.say(person, f"Toko {person.first_name}")
    language = reply(mark, buttons=True)
    region = reply(first_button(language), buttons=True)
    reply(first_button(region))
    mark = server.mark()
    server.say(person, "/import", document=("katalog.csv", CATALOG))
    reply(mark)


def _warm(server: BotAPIServer, people: list[User], make: Callable[[BotAPIServer, User], dict[str, Any]],
          method: str) -> None:
    mark = server.mark()
    for person in people:
        server.deliver(make(server, person))
    server.wait_count(method, len(people), since=mark)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=1000, help="updates per run")
    parser.add_argument("--users", type=int, default=50, help="sellers (private chats) sending them")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--concurrency", type=int, default=CONCURRENCY, help="updates handled at once")
    parser.add_argument("--latency", type=float, default=0.0,
                        help="seconds each API call takes, as a round trip to Telegram would")
    args = parser.parse_args()
    run = (args.updates, args.users, args.concurrency, args.latency)
    logging.basicConfig(level=logging.WARNING)
    # Alternate the runs so a busy moment on the machine does not favour one side.
    echo = adapter = instant = 0.0
    for _ in range(args.rounds):
        echo = max(echo, measure_echo(*run))
        adapter = max(adapter, measure_adapter(*run))
        instant = max(instant, measure_adapter(*run, instant=True))
    print(f"python-telegram-bot, {parser_build()}, {args.concurrency} updates at once, local Bot API server"
          f"{f' answering in {args.latency * 1000:.0f} ms' if args.latency else ''}, best of {args.rounds}:")
    print(f"  bare echo bot                      {echo:6.0f} updates/s")
    print(f"  Lapak adapter + engine (SQLite)    {adapter:6.0f} updates/s  (order texts, Confirm presses)")
    print(f"  Lapak adapter, instant engine      {instant:6.0f} updates/s  (the adapter's own cost)")
    ratio = adapter / echo
    verdict = "ok" if ratio >= TARGET_RATIO else "BELOW TARGET"
    print(f"ratio adapter+engine / echo: {ratio:.2f} (target >= {TARGET_RATIO}): {verdict}")
    print(f"ratio adapter alone / echo:  {instant / echo:.2f}")


if __name__ == "__main__":
    main()
