"""Each adapter turns a Telegram update into the same neutral Incoming, whichever framework parsed it."""

from __future__ import annotations

import asyncio
import importlib.util
import time
from typing import Any

import pytest
from botapi import BOT, TOKEN, Chat, User

from bot.engine.events import Incoming

HAS_AIOGRAM = importlib.util.find_spec("aiogram") is not None
FRAMEWORKS = ["ptb", pytest.param("aiogram", marks=pytest.mark.skipif(not HAS_AIOGRAM,
                                                                       reason="aiogram is not installed"))]
SELLER = User(501, "Rina", "vi")
GROUP = Chat(-100501, "supergroup", "Toko Rina · tim")


def incoming(framework: str, update: dict[str, Any]) -> Incoming | None:
    if framework == "ptb":
        from telegram import Update

        from bot.telegram_ptb import to_incoming

        return asyncio.run(to_incoming(Update.de_json(update, None), BOT["id"]))
    from aiogram import Bot
    from aiogram.types import Update as AiogramUpdate

    from bot.telegram_aiogram import message_incoming, press_incoming

    parsed = AiogramUpdate.model_validate(update)
    if parsed.callback_query:
        return press_incoming(parsed.callback_query, parsed.update_id)
    assert parsed.message
    return asyncio.run(message_incoming(parsed.message, Bot(TOKEN), parsed.update_id))


def message(text: str | None, chat: Chat, *, user: User = SELLER, **extra: Any) -> dict[str, Any]:
    return {"update_id": 90, "message": {"message_id": 12, "date": int(time.time()), "chat": chat.as_dict(),
                                         "from": user.as_dict(), **({"text": text} if text else {}), **extra}}


def bot_message(chat: Chat, message_id: int = 11) -> dict[str, Any]:
    return {"message_id": message_id, "date": int(time.time()), "chat": chat.as_dict(), "from": BOT,
            "text": "Nomor resi untuk #1001?"}


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_private_message_carries_who_wrote_what_and_their_language(framework: str) -> None:
    event = incoming(framework, message("kaos hitam M 2", Chat.private(SELLER)))
    assert event == Incoming(chat_id=501, chat_type="private", user_id=501, user_name="Rina",
                             text="kaos hitam M 2", update_id=90, message_id=12, language_code="vi")


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_reply_in_a_supergroup_is_a_group_message_replying_to_the_bot(framework: str) -> None:
    event = incoming(framework, message("jnt JP1234567890", GROUP, reply_to_message=bot_message(GROUP)))
    assert event is not None
    assert (event.chat_id, event.chat_type, event.reply_to_message_id, event.reply_to_bot) == (
        GROUP.id, "group", 11, True)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_reply_to_a_person_is_not_a_reply_to_the_bot(framework: str) -> None:
    other = message("ok", GROUP, user=User(502, "Sari"))["message"]
    event = incoming(framework, message("siap", GROUP, reply_to_message=other))
    assert event is not None and event.reply_to_message_id == 12 and not event.reply_to_bot


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_caption_counts_as_the_text(framework: str) -> None:
    photo = [{"file_id": "p1", "file_unique_id": "p1", "width": 90, "height": 90}]
    event = incoming(framework, message(None, Chat.private(SELLER), caption="/import", photo=photo))
    assert event is not None and event.text == "/import" and event.document is None


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_button_press_names_the_message_it_is_on(framework: str) -> None:
    update = {"update_id": 91, "callback_query": {
        "id": "cq7", "from": User(502, "Sari", "id").as_dict(), "chat_instance": "x",
        "message": bot_message(GROUP, 33), "data": "o:1:1001:packed"}}
    assert incoming(framework, update) == Incoming(
        chat_id=GROUP.id, chat_type="group", user_id=502, user_name="Sari", update_id=91, message_id=33,
        callback_id="cq7", callback_data="o:1:1001:packed", language_code="id")


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_channel_posts_are_not_served(framework: str) -> None:
    assert incoming(framework, message("promo", Chat(-100900, "channel", "Promo"))) is None


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_group_upgraded_to_a_supergroup_is_one_event_whichever_of_its_two_reports_comes(
        framework: str) -> None:
    old = Chat(-501, "group", "Toko Rina · tim")
    in_old = incoming(framework, message(None, old, migrate_to_chat_id=GROUP.id))
    in_new = incoming(framework, message(None, GROUP, migrate_from_chat_id=old.id))

    expected = Incoming(chat_id=GROUP.id, chat_type="group", user_id=SELLER.id, update_id=90,
                        migrated_from=old.id)
    assert in_old == expected and in_new == expected
