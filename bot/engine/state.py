"""Conversation state (storage/conversation.py) and the user's shops here, in the event's transaction.

Every event runs these statements, so they run on the DBAPI cursor of the event's connection
(storage.sql.Statement): a few µs each instead of SQLAlchemy's twenty.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, delete, insert, literal_column, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from core.draft import OrderDraft
from core.shops import ShopView
from storage.conversation import ChatPerson, Conversation, ProcessedUpdate
from storage.models import GroupChat, Member, Shop, UTCDateTime, table
from storage.sql import Statement

_C, _P, _N = table(Conversation), table(ProcessedUpdate), table(ChatPerson)
_S, _M, _G = table(Shop), table(Member), table(GroupChat)


@dataclass
class Chat:
    """One user's conversation in one chat, as loaded at the start of an event."""

    chat_id: int
    user_id: int
    shop_id: int | None = None
    draft: OrderDraft | None = None
    revision: int = 0
    card_message_id: int | None = None
    source_message_id: int | None = None  # the message the draft was read from
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


@dataclass(frozen=True)
class Membership:
    """A shop this user may act on here, their role in it (None: not a member) and its catalog version."""

    shop: ShopView
    role: str | None
    catalog_version: int


# One round trip: the conversation row (if any) beside each shop the user acts on in this chat.
_HERE = select(literal_column("1").label("one")).subquery("here")
_CHAT = _HERE.outerjoin(_C, and_(_C.c.chat_id == bindparam("chat_id"), _C.c.user_id == bindparam("user_id")))
_WHO = select(_C.c.shop_id, _C.c.draft, _C.c.revision, _C.c.card_message_id, _C.c.ask, _C.c.ask_data,
              _C.c.source_message_id, _S.c.id, _S.c.name, _S.c.currency, _S.c.locale, _S.c.timezone,
              _S.c.catalog_version, _M.c.role)
# In private, every shop the user is a member of; in a group, the shop it is bound to, member or not.
_LOAD_PRIVATE = Statement(_WHO.select_from(
    _CHAT.outerjoin(_M, _M.c.user_id == bindparam("user_id")).outerjoin(_S, _S.c.id == _M.c.shop_id))
    .order_by(_S.c.id))
_LOAD_GROUP = Statement(_WHO.select_from(
    _CHAT.outerjoin(_G, _G.c.chat_id == bindparam("chat_id")).outerjoin(_S, _S.c.id == _G.c.shop_id)
    .outerjoin(_M, and_(_M.c.shop_id == _S.c.id, _M.c.user_id == bindparam("user_id")))))
_CATALOG_VERSION = Statement(select(_S.c.catalog_version).where(_S.c.id == bindparam("shop_id")))
_GROUPS = Statement(select(_G.c.chat_id).where(_G.c.shop_id == bindparam("shop_id")).order_by(_G.c.chat_id))
_ROW = ("shop_id", "draft", "revision", "card_message_id", "source_message_id", "ask", "ask_data",
        "updated_at")
_INSERT = Statement(insert(_C), columns=("chat_id", "user_id", *_ROW))
_THIS_CHAT = and_(_C.c.chat_id == bindparam("chat"), _C.c.user_id == bindparam("user"))
_UPDATE = Statement(update(_C).where(_THIS_CHAT), columns=_ROW)
_DELETE = Statement(delete(_C).where(_THIS_CHAT))
_CLAIM = Statement(insert(_P), columns=("key", "processed_at"))
# A press: its update id and its callback id, in one statement (executemany costs more than a row).
_CLAIM_TWO = Statement(insert(_P).values([
    {"key": bindparam("key0"), "processed_at": bindparam("at0", type_=UTCDateTime())},
    {"key": bindparam("key1"), "processed_at": bindparam("at1", type_=UTCDateTime())}]))
_APPLIED = Statement(select(_P.c.key).where(_P.c.key == bindparam("key")))
_FORGET = Statement(delete(_P).where(_P.c.processed_at < bindparam("before", type_=UTCDateTime())))
# The same syntax on SQLite and PostgreSQL: a message reported twice is kept once.
_CARD_ADD = Statement(text("INSERT INTO sent_card (shop_id, order_number, chat_id, message_id, created_at)"
                           " VALUES (:shop_id, :number, :chat_id, :message_id, :now)"
                           " ON CONFLICT (chat_id, message_id) DO NOTHING")
                      .bindparams(bindparam("now", type_=UTCDateTime())))
_CARDS_OF = Statement(text("SELECT chat_id, message_id FROM sent_card"
                           " WHERE shop_id = :shop_id AND order_number = :number ORDER BY created_at"))
_CARD_AT = Statement(text("SELECT shop_id, order_number FROM sent_card"
                          " WHERE chat_id = :chat_id AND message_id = :message_id"))
_NAME = Statement(select(_N.c.name).where(_N.c.user_id == bindparam("user")))
_NAME_ADD = Statement(insert(_N), columns=("user_id", "name"))
_NAME_SET = Statement(update(_N).where(_N.c.user_id == bindparam("user")), columns=("name",))


def load(conn: Connection, chat_id: int, user_id: int, *, group: bool) -> tuple[Chat, list[Membership]]:
    """This user's conversation in this chat, and the shops they act on here (in private: best first)."""
    statement = _LOAD_GROUP if group else _LOAD_PRIVATE
    rows = statement.run(conn, {"chat_id": chat_id, "user_id": user_id}).fetchall()
    chat_shop, draft, revision, card_message_id, ask, ask_data, source = rows[0][:7]
    if revision is None:  # no conversation row: the join found nothing
        chat = Chat(chat_id, user_id)
    else:
        chat = Chat(chat_id, user_id, shop_id=chat_shop, revision=revision, card_message_id=card_message_id,
                    source_message_id=source, ask=ask,
                    draft=OrderDraft.from_json(json.loads(draft)) if draft else None,
                    ask_data=json.loads(ask_data) if ask_data else {}, stored=True)
    shops = [Membership(ShopView(r[7], r[8], r[9], r[10], r[11]), r[13], r[12])
             for r in rows if r[7] is not None]
    # In private, the shop this conversation was about comes first; otherwise the oldest.
    shops.sort(key=lambda m: m.shop.id != chat.shop_id)
    return chat, shops


def catalog_version(conn: Connection, shop_id: int) -> int:
    row = _CATALOG_VERSION.run(conn, {"shop_id": shop_id}).fetchone()
    return int(row[0]) if row else -1


def groups_of(conn: Connection, shop_id: int) -> list[int]:
    """The group chats bound to a shop, where its order cards go."""
    return [r[0] for r in _GROUPS.run(conn, {"shop_id": shop_id}).fetchall()]


def save_chat(conn: Connection, chat: Chat, now: datetime) -> None:
    if not chat.changed:
        return
    key = {"chat": chat.chat_id, "user": chat.user_id}
    if chat.empty:
        if chat.stored:
            _DELETE.run(conn, key)
    else:
        row = {
            "shop_id": chat.shop_id,
            "draft": json.dumps(chat.draft.to_json(), ensure_ascii=False) if chat.draft is not None else None,
            "revision": chat.revision,
            "card_message_id": chat.card_message_id if chat.draft is not None else None,
            "source_message_id": chat.source_message_id if chat.draft is not None else None,
            "ask": chat.ask,
            "ask_data": json.dumps(chat.ask_data, ensure_ascii=False) if chat.ask_data else None,
            "updated_at": now,
        }
        if chat.stored:
            _UPDATE.run(conn, key | row)
        else:
            _INSERT.run(conn, {"chat_id": chat.chat_id, "user_id": chat.user_id} | row)
    chat.stored = not chat.empty
    chat.changed = False


def claim(conn: Connection, keys: list[str], now: datetime) -> bool:
    """Record the update (and callback) ids in this transaction; False if they were applied before.

    Postgres aborts the transaction on the failed insert; the caller leaves it, which rolls back.
    """
    try:
        if len(keys) == 1:
            _CLAIM.run(conn, {"key": keys[0], "processed_at": now})
        else:  # _keys gives at most two
            _CLAIM_TWO.run(conn, {"key0": keys[0], "at0": now, "key1": keys[1], "at1": now})
    except IntegrityError:
        return False
    return True


def already_applied(conn: Connection, keys: list[str]) -> bool:
    return any(_APPLIED.run(conn, {"key": k}).fetchone() is not None for k in keys)


def forget_claims(conn: Connection, before: datetime) -> int:
    """Drop the update and callback ids applied before `before`; how many went."""
    return int(_FORGET.run(conn, {"before": before}).rowcount)


def add_card(conn: Connection, shop_id: int, number: int, chat_id: int, message_id: int,
             now: datetime) -> None:
    """Remember where an order card is; the same message reported twice is kept once."""
    _CARD_ADD.run(conn, {"chat_id": chat_id, "message_id": message_id, "shop_id": shop_id, "number": number,
                         "now": now})


def cards_of(conn: Connection, shop_id: int, number: int) -> list[tuple[int, int]]:
    return [(r[0], r[1]) for r in _CARDS_OF.run(conn, {"shop_id": shop_id, "number": number}).fetchall()]


def card_at(conn: Connection, chat_id: int, message_id: int) -> tuple[int, int] | None:
    """The order (shop, number) whose card is that message, if it is one."""
    row = _CARD_AT.run(conn, {"chat_id": chat_id, "message_id": message_id}).fetchone()
    return (row[0], row[1]) if row else None


def remember_name(conn: Connection, user_id: int, name: str, known: dict[int, str]) -> None:
    """Store a display name once per change; `known` is the engine's cache of what is stored."""
    name = (name or "").strip()[:128]
    if not name or known.get(user_id) == name:
        return
    row = _NAME.run(conn, {"user": user_id}).fetchone()
    if row is None:
        _NAME_ADD.run(conn, {"user_id": user_id, "name": name})
    elif row[0] != name:
        _NAME_SET.run(conn, {"user": user_id, "name": name})
    known[user_id] = name


def names_of(conn: Connection, user_ids: set[int]) -> dict[int, str]:
    found = {}
    for user_id in user_ids:
        row = _NAME.run(conn, {"user": user_id}).fetchone()
        if row is not None:
            found[user_id] = row[0]
    return found
