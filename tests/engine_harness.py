"""A pretend Telegram for engine tests: numbers messages, performs actions, remembers what chats show."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime

from conftest import CORPUS
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine
from bot.engine.events import Action, Answer, Button, Edit, Incoming, Keyboard, Send
from core import products, shops
from core.catalog import read_catalog
from storage.db import unit_of_work

OWNER, ADMIN, STAFF, STRANGER, OTHER = 101, 102, 103, 104, 105
GROUP, OTHER_GROUP = -5001, -5002
NAMES = {OWNER: "Rina", ADMIN: "Adi", STAFF: "Sari", STRANGER: "Joko", OTHER: "Tono"}
SHOPS = {  # locale: (currency, time zone, catalog)
    "id": ("IDR", "Asia/Jakarta", "catalog-id.csv"),
    "vi": ("VND", "Asia/Ho_Chi_Minh", "catalog-vi.csv"),
    "en": ("MYR", "Asia/Kuala_Lumpur", "catalog-en.csv"),
}


@dataclass
class Message:
    chat_id: int
    message_id: int
    text: str
    buttons: Keyboard = field(default_factory=list)
    edits: int = 0
    reply_to: int | None = None
    force_reply: bool = False  # Telegram opens a reply to it for the user it names or replies to


class Phone:
    """Plays Telegram for the engine: every Send gets a message id, tracked ones are reported back."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.messages: dict[tuple[int, int], Message] = {}
        self.by_chat: dict[int, list[Message]] = {}
        self._ids = itertools.count(1000)
        self._updates = itertools.count(1)
        self.last_actions: list[Action] = []

    def perform(self, actions: list[Action]) -> list[Action]:
        self.last_actions = actions
        for a in actions:
            if isinstance(a, Send):
                msg = Message(a.chat_id, next(self._ids), a.text, a.buttons, reply_to=a.reply_to,
                              force_reply=a.force_reply)
                self.messages[(a.chat_id, msg.message_id)] = msg
                self.by_chat.setdefault(a.chat_id, []).append(msg)
                if a.track:
                    self.engine.record_sent(a.track, a.chat_id, msg.message_id)
            elif isinstance(a, Edit):
                key = (a.chat_id, a.message_id)
                msg = self.messages.setdefault(key, Message(a.chat_id, a.message_id, ""))
                msg.text, msg.buttons = a.text, a.buttons
                msg.edits += 1
        return actions

    def say(self, user: int, text: str | None, *, chat: int | None = None, reply_to: Message | None = None,
            language: str | None = None, document: tuple[str, bytes] | None = None,
            update_id: int | None = None) -> list[Action]:
        chat_id = chat if chat is not None else user
        event = Incoming(chat_id=chat_id, chat_type="group" if chat_id < 0 else "private", user_id=user,
                         user_name=NAMES.get(user, str(user)), text=text,
                         update_id=update_id if update_id is not None else next(self._updates),
                         message_id=next(self._ids),
                         reply_to_message_id=reply_to.message_id if reply_to else None,
                         reply_to_bot=reply_to is not None, language_code=language,
                         document_name=document[0] if document else None,
                         document=document[1] if document else None)
        return self.perform(self.engine.handle(event))

    def press(self, user: int, message: Message, label_or_data: str | Button, *,
              update_id: int | None = None) -> list[Action]:
        button = label_or_data if isinstance(label_or_data, Button) else self.button(message, label_or_data)
        uid = update_id if update_id is not None else next(self._updates)
        event = Incoming(chat_id=message.chat_id, chat_type="group" if message.chat_id < 0 else "private",
                         user_id=user, user_name=NAMES.get(user, str(user)), update_id=uid,
                         message_id=message.message_id, callback_id=f"cb{uid}", callback_data=button.data)
        return self.perform(self.engine.handle(event))

    @staticmethod
    def button(message: Message, label_or_data: str) -> Button:
        for row in message.buttons:
            for b in row:
                if label_or_data in (b.data, b.label) or label_or_data.lower() in b.label.lower() \
                        or b.data.endswith(":" + label_or_data):
                    return b
        raise AssertionError(f"no button {label_or_data!r} on {message.text!r}: {message.buttons}")

    def last(self, chat: int) -> Message:
        return self.by_chat[chat][-1]

    def texts(self, actions: list[Action] | None = None) -> str:
        out = []
        for a in actions if actions is not None else self.last_actions:
            if isinstance(a, Send | Edit):
                out.append(a.text)
            elif isinstance(a, Answer) and a.text:
                out.append(a.text)
        return "\n".join(out)


def make_shop(db: Database, locale: str = "id", *, name: str = "Toko Rina", group: int | None = GROUP,
              owner: int = OWNER, admin: int | None = ADMIN, staff: int | None = STAFF,
              catalog: bool = True) -> int:
    currency, timezone, csv = SHOPS[locale]
    with unit_of_work(db) as s:
        shop = shops.create_shop(s, name=name, currency=currency, locale=locale, timezone=timezone,
                                 owner_user_id=owner)
        if admin:
            shops.add_member(s, shop.id, admin, "admin")
        if staff:
            shops.add_member(s, shop.id, staff, "staff")
        if group:
            shops.bind_group(s, shop.id, group, by_user=None)
        if catalog:
            products.import_products(s, shop.id, read_catalog(CORPUS / csv))
        return shop.id


def available(db: Database, shop_id: int, sku: str) -> tuple[int, int]:
    with unit_of_work(db) as s:
        p = products.get_product(s, shop_id, sku)
        return p.on_hand, p.reserved


def clock() -> datetime:
    return datetime(2026, 11, 27, 3, 0, tzinfo=UTC)

