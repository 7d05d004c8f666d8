"""Reading and writing conversation state (storage/conversation.py) inside the event's transaction."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import TextClause, bindparam, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.draft import OrderDraft
from storage.conversation import ChatPerson, ProcessedUpdate
from storage.models import UTCDateTime

_seen = ProcessedUpdate.__table__  # type: ignore[attr-defined]
_people = ChatPerson.__table__  # type: ignore[attr-defined]


@dataclass
class Chat:
    """One user's conversation in one chat, as loaded at the start of an event."""

    chat_id: int
    user_id: int
    shop_id: int | None = None
    draft: OrderDraft | None = None
    revision: int = 0
    card_message_id: int | None = None
    ask: str | None = None
    ask_data: dict[str, Any] = field(default_factory=dict)
    stored: bool = False  # a row exists
    changed: bool = False

    def set_draft(self, draft: OrderDraft | None) -> None:
        """A new draft or a changed one: a new revision makes buttons on older cards stale."""
        self.draft = draft
        self.revision = random.randint(1, 2**31 - 1) if draft is not None else 0
        self.changed = True

    def set_ask(self, ask: str | None, **data: Any) -> None:
        self.ask, self.ask_data = ask, dict(data)
        self.changed = True

    def touch(self) -> None:
        self.changed = True

    @property
    def empty(self) -> bool:
        return self.draft is None and self.ask is None and self.shop_id is None


def _sql(statement: str) -> TextClause:
    """A statement built once: the hot path skips SQLAlchemy's per-call statement construction."""
    return text(statement).bindparams(bindparam("now", type_=UTCDateTime())) if ":now" in statement \
        else text(statement)


_LOAD = _sql("SELECT shop_id, draft, revision, card_message_id, ask, ask_data FROM conversation"
             " WHERE chat_id = :chat_id AND user_id = :user_id")
_INSERT = _sql("INSERT INTO conversation (chat_id, user_id, shop_id, draft, revision, card_message_id, ask,"
               " ask_data, updated_at) VALUES (:chat_id, :user_id, :shop_id, :draft, :revision,"
               " :card_message_id, :ask, :ask_data, :now)")
_UPDATE = _sql("UPDATE conversation SET shop_id = :shop_id, draft = :draft, revision = :revision,"
               " card_message_id = :card_message_id, ask = :ask, ask_data = :ask_data, updated_at = :now"
               " WHERE chat_id = :chat_id AND user_id = :user_id")
_DELETE = _sql("DELETE FROM conversation WHERE chat_id = :chat_id AND user_id = :user_id")
_CARD_MESSAGE = _sql("UPDATE conversation SET card_message_id = :message_id"
                     " WHERE chat_id = :chat_id AND user_id = :user_id")
_CLAIM = _sql("INSERT INTO processed_update (key, processed_at) VALUES (:key, :now)")
# The same syntax on SQLite and PostgreSQL: a message reported twice is kept once.
_CARD_ADD = _sql("INSERT INTO sent_card (shop_id, order_number, chat_id, message_id, created_at)"
                 " VALUES (:shop_id, :number, :chat_id, :message_id, :now)"
                 " ON CONFLICT (chat_id, message_id) DO NOTHING")
_CARDS_OF = _sql("SELECT chat_id, message_id FROM sent_card"
                 " WHERE shop_id = :shop_id AND order_number = :number"
                 " ORDER BY id")


def _conn(s: Session | Connection) -> Connection:
    return s.connection() if isinstance(s, Session) else s


def load_chat(s: Session, chat_id: int, user_id: int) -> Chat:
    row = _conn(s).execute(_LOAD, {"chat_id": chat_id, "user_id": user_id}).first()
    if row is None:
        return Chat(chat_id, user_id)
    draft = OrderDraft.from_json(json.loads(row.draft)) if row.draft else None
    return Chat(chat_id, user_id, shop_id=row.shop_id, draft=draft, revision=row.revision,
                card_message_id=row.card_message_id, ask=row.ask,
                ask_data=json.loads(row.ask_data) if row.ask_data else {}, stored=True)


def save_chat(s: Session, chat: Chat, now: datetime) -> None:
    if not chat.changed:
        return
    key = {"chat_id": chat.chat_id, "user_id": chat.user_id}
    conn = _conn(s)
    if chat.empty:
        if chat.stored:
            conn.execute(_DELETE, key)
    else:
        values = key | {
            "shop_id": chat.shop_id,
            "draft": json.dumps(chat.draft.to_json(), ensure_ascii=False) if chat.draft is not None else None,
            "revision": chat.revision,
            "card_message_id": chat.card_message_id if chat.draft is not None else None,
            "ask": chat.ask,
            "ask_data": json.dumps(chat.ask_data, ensure_ascii=False) if chat.ask_data else None,
            "now": now,
        }
        conn.execute(_UPDATE if chat.stored else _INSERT, values)
    chat.stored = not chat.empty
    chat.changed = False


def set_card_message(s: Session | Connection, chat_id: int, user_id: int, message_id: int) -> None:
    _conn(s).execute(_CARD_MESSAGE, {"chat_id": chat_id, "user_id": user_id, "message_id": message_id})


def already_applied(s: Session, keys: list[str]) -> bool:
    return s.execute(select(_seen.c.key).where(_seen.c.key.in_(keys)).limit(1)).first() is not None


def claim(s: Session, keys: list[str], now: datetime) -> bool:
    """Record the update (and callback) ids in this transaction; False if they were applied before.

    Postgres aborts the transaction on the failed insert; the caller leaves it, which rolls back.
    """
    try:
        _conn(s).execute(_CLAIM, [{"key": k, "now": now} for k in keys])
    except IntegrityError:
        return False
    return True


def add_card(s: Session | Connection, shop_id: int, number: int, chat_id: int, message_id: int,
             now: datetime) -> None:
    """Remember where an order card is; the same message reported twice is kept once."""
    _conn(s).execute(_CARD_ADD, {"chat_id": chat_id, "message_id": message_id, "shop_id": shop_id,
                                 "number": number, "now": now})


def cards_of(s: Session, shop_id: int, number: int) -> list[tuple[int, int]]:
    rows = _conn(s).execute(_CARDS_OF, {"shop_id": shop_id, "number": number})
    return [(r.chat_id, r.message_id) for r in rows]


def remember_name(s: Session, user_id: int, name: str, known: dict[int, str]) -> None:
    """Store a display name once per change; `known` is the engine's cache of what is stored."""
    name = (name or "").strip()[:128]
    if not name or known.get(user_id) == name:
        return
    stored = s.execute(select(_people.c.name).where(_people.c.user_id == user_id)).scalar()
    if stored is None:
        s.execute(insert(_people).values(user_id=user_id, name=name))
    elif stored != name:
        s.execute(update(_people).where(_people.c.user_id == user_id).values(name=name))
    known[user_id] = name


def names_of(s: Session, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = s.execute(select(_people.c.user_id, _people.c.name).where(_people.c.user_id.in_(user_ids)))
    return {r.user_id: r.name for r in rows}
