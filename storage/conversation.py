"""Conversation state kept in the database: open drafts, pending questions, updates seen, cards sent.

A restart, or another webhook worker, reads the same rows and continues the
same conversation; nothing about a chat lives only in memory.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, Integer, String, Text
from sqlmodel import Field, SQLModel

from storage.models import UTCDateTime


class Conversation(SQLModel, table=True):
    """One user's conversation in one chat: the draft being entered and the question waiting for a reply."""

    __tablename__ = "conversation"

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    shop_id: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    draft: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # OrderDraft as JSON
    revision: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    card_message_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    # the message the draft was read from: an edit of it reads the draft again
    source_message_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    ask: str | None = Field(default=None, sa_column=Column(String(32), nullable=True))
    ask_data: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # JSON
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class ProcessedUpdate(SQLModel, table=True):
    """A Telegram update_id (`u:…`) or callback id (`c:…`) already applied; written with its effect."""

    __tablename__ = "processed_update"
    __table_args__ = {"sqlite_with_rowid": False}  # one b-tree by key: each claim writes one page, not two

    key: str = Field(sa_column=Column(String(96), primary_key=True))
    processed_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class SentCard(SQLModel, table=True):
    """An order card posted in a chat, so a status change edits it in place wherever it is."""

    __tablename__ = "sent_card"
    # Keyed by the message (one b-tree on SQLite, without a rowid): a card costs two index pages, not three.
    __table_args__ = (Index("ix_sent_card_order", "shop_id", "order_number"), {"sqlite_with_rowid": False})

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    message_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    shop_id: int = Field(sa_column=Column(Integer, nullable=False))
    order_number: int = Field(sa_column=Column(Integer, nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class ChatPerson(SQLModel, table=True):
    """The display name a Telegram user last showed, for "packed by Rina" on cards."""

    __tablename__ = "chat_person"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    name: str = Field(sa_column=Column(String(128), nullable=False))
