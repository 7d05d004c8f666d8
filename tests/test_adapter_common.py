"""The adapters' shared, framework-free pieces: long text, chat kinds, webhook settings, limits."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from bot.adapter_common import (
    ChatQueue,
    SendLimiter,
    chat_type,
    clip_html,
    perform,
    retry_after_429,
    split_html,
    wants_document,
    webhook_path,
    webhook_secret,
)
from bot.engine.events import Action, Answer, Button, Edit, Incoming, Keyboard, Send


def test_a_short_message_is_sent_as_it_is() -> None:
    assert split_html("<b>Pesanan #1001</b>\nTotal Rp 150.000") == ["<b>Pesanan #1001</b>\nTotal Rp 150.000"]


def test_a_long_list_is_cut_at_line_breaks_into_messages_within_the_limit() -> None:
    lines = [f"{i}. Pashmina cream x2 — Rp 90.000" for i in range(300)]
    parts = split_html("\n".join(lines), 1000)
    assert all(len(p) <= 1000 for p in parts)
    assert "\n".join(parts).split("\n") == lines


def test_a_tag_open_at_a_cut_is_closed_and_reopened_in_the_next_part() -> None:
    parts = split_html("<b>" + "kata " * 100 + "</b>", 120)
    assert len(parts) > 1
    for part in parts:
        assert part.startswith("<b>") and part.endswith("</b>") and len(part) <= 120


def test_a_cut_never_falls_inside_a_tag_or_an_entity() -> None:
    text = ('<a href="https://t.me/lapak_bot?start=join-abc">link</a> &amp; ' * 40).strip()
    for part in split_html(text, 100):
        assert part.count("<a ") == part.count("</a>")
        assert "&am" not in part.replace("&amp;", "")


def test_an_edit_that_cannot_be_split_is_clipped_with_an_ellipsis() -> None:
    clipped = clip_html("<i>" + "x " * 100 + "</i>", 50)
    assert len(clipped) <= 50 and clipped.endswith("</i>…")


@pytest.mark.parametrize(("telegram", "ours"), [
    ("private", "private"), ("group", "group"), ("supergroup", "group"), ("channel", None)])
def test_supergroups_are_groups_and_channels_are_not_served(telegram: str, ours: str | None) -> None:
    assert chat_type(telegram) == ours


@pytest.mark.parametrize(("name", "mime", "size", "wanted"), [
    ("katalog.csv", "text/csv", 2_000, True),
    ("KATALOG.CSV", None, None, True),
    ("foto.jpg", "image/jpeg", 2_000, False),
    ("huge.csv", "text/csv", 50_000_000, False),
])
def test_only_a_catalog_csv_is_downloaded(name: str, mime: str | None, size: int | None,
                                          wanted: bool) -> None:
    assert wants_document(name, mime, size) is wanted


def test_the_webhook_listens_on_the_public_urls_path() -> None:
    assert webhook_path("https://shop.example/lapak/tg/") == "lapak/tg"
    assert webhook_path("https://shop.example") == "telegram"


@pytest.mark.parametrize("secret", [None, "", "has space", "x" * 257])
def test_webhook_mode_refuses_to_start_without_a_usable_secret(secret: str | None) -> None:
    with pytest.raises(ValueError, match="LAPAK_WEBHOOK_SECRET"):
        webhook_secret(secret)


class _Engine:
    def __init__(self) -> None:
        self.recorded: list[tuple[str, int, int]] = []

    def handle(self, event: Incoming) -> list[Action]:
        return []

    def record_sent(self, track: str, chat_id: int, message_id: int) -> None:
        self.recorded.append((track, chat_id, message_id))

    def commands(self, locale: str) -> list[tuple[str, str]]:
        return []


class _Transport:
    """Records what would be sent; the first send fails when told to, like a blocked chat."""

    def __init__(self, fail_first_send: bool = False) -> None:
        self.fail_first_send = fail_first_send
        self.done: list[tuple[str, Any]] = []

    async def send(self, chat_id: int, text: str, buttons: Keyboard, reply_to: int | None,
                   force_reply: bool = False) -> int:
        if self.fail_first_send:
            self.fail_first_send = False
            raise RuntimeError("Forbidden: bot was blocked by the user")
        self.done.append(("send", (chat_id, text, buttons, reply_to, force_reply)))
        return 100 + len(self.done)

    async def edit(self, chat_id: int, message_id: int, text: str, buttons: Keyboard) -> None:
        self.done.append(("edit", (chat_id, message_id, text)))

    async def answer(self, callback_id: str, text: str | None, alert: bool) -> None:
        self.done.append(("answer", callback_id))

    async def send_document(self, chat_id: int, filename: str, content: bytes, caption: str | None) -> None:
        self.done.append(("document", filename))


def test_a_long_tracked_card_keeps_its_buttons_and_id_on_the_last_part() -> None:
    engine, transport = _Engine(), _Transport()
    card = Send(-5, "\n".join(["baris"] * 2000), [[Button("Packed", "o:1:packed")]], reply_to=7,
                track="card:1:1001")
    asyncio.run(perform([card], transport, engine, "update 1"))
    sends = [args for kind, args in transport.done if kind == "send"]
    assert len(sends) > 1
    assert sends[0][3] == 7 and all(s[3] is None for s in sends[1:])  # only the first part replies
    assert all(not s[2] for s in sends[:-1]) and sends[-1][2]  # only the last part has buttons
    assert engine.recorded == [("card:1:1001", -5, 100 + len(sends))]


def test_a_long_question_asks_for_the_reply_on_its_last_part_only() -> None:
    engine, transport = _Engine(), _Transport()
    asyncio.run(perform([Send(-5, "\n".join(["baris"] * 2000), reply_to=7, force_reply=True)], transport,
                        engine, "update 3"))
    sends = [args for kind, args in transport.done if kind == "send"]
    assert len(sends) > 1 and sends[-1][4] and not any(s[4] for s in sends[:-1])


def test_a_failed_send_is_logged_and_the_remaining_actions_still_happen(
        caplog: pytest.LogCaptureFixture) -> None:
    engine, transport = _Engine(), _Transport(fail_first_send=True)
    actions: list[Action] = [Send(1, "to a blocked chat"), Edit(-5, 9, "card"), Answer("cq1")]
    asyncio.run(perform(actions, transport, engine, "update 2"))
    assert [kind for kind, _ in transport.done] == ["edit", "answer"]
    assert "could not perform Send for update update 2" in caplog.text


def test_a_429_is_retried_after_the_wait_telegram_names() -> None:
    tries: list[float] = []

    async def call() -> str:
        tries.append(time.monotonic())
        if len(tries) == 1:
            raise _Flood(0.2)
        return "sent"

    def retry_after(exc: Exception) -> float | None:
        return exc.retry_after if isinstance(exc, _Flood) else None

    assert asyncio.run(retry_after_429(call, retry_after)) == "sent"
    assert tries[1] - tries[0] >= 0.2


def test_other_errors_are_not_retried() -> None:
    async def call() -> None:
        raise ValueError("Bad Request: chat not found")

    with pytest.raises(ValueError):
        asyncio.run(retry_after_429(call, lambda e: None))


class _Flood(Exception):
    def __init__(self, retry_after: float):
        self.retry_after = retry_after


def test_a_group_gets_at_most_its_per_minute_share_while_private_chats_go_on() -> None:
    async def main() -> tuple[int, int]:
        limiter = SendLimiter(per_second=1000, per_group_minute=3)
        sent = {"group": 0, "private": 0}

        async def one(chat_id: int, key: str) -> None:
            async with limiter.slot(chat_id):
                sent[key] += 1

        tasks = [asyncio.create_task(one(-100, "group")) for _ in range(6)]
        tasks += [asyncio.create_task(one(42, "private")) for _ in range(6)]
        await asyncio.sleep(0.2)
        for task in tasks:
            task.cancel()
        return sent["group"], sent["private"]

    group, private = asyncio.run(main())
    assert group == 3 and private == 6


def test_updates_from_one_chat_are_handled_one_at_a_time_in_order() -> None:
    async def main() -> list[str]:
        queue, log = ChatQueue(), []

        async def one(chat_id: int, name: str, pause: float) -> None:
            async with queue.turn(chat_id):
                log.append(f"{name} starts")
                await asyncio.sleep(pause)
                log.append(f"{name} ends")

        await asyncio.gather(one(1, "a1", 0.05), one(1, "a2", 0), one(2, "b1", 0))
        return log

    assert asyncio.run(main()) == ["a1 starts", "b1 starts", "b1 ends", "a1 ends", "a2 starts", "a2 ends"]
