"""What the adapters (console, python-telegram-bot, aiogram) hand the engine, and what they get back.

Adapters turn a framework update into one `Incoming`, call `Engine.handle`, and
perform each returned action in order. After performing a `Send` whose `track`
is set, they report the new message id with `Engine.record_sent`, so the engine
can edit that card later (wherever it was posted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ChatType = Literal["private", "group"]


@dataclass(frozen=True)
class Incoming:
    chat_id: int
    chat_type: ChatType  # "group" also covers supergroups
    user_id: int
    user_name: str = ""
    text: str | None = None
    update_id: int | None = None  # Telegram's update_id; None in the console
    message_id: int | None = None  # the message itself, or for a press: the message carrying the button
    reply_to_message_id: int | None = None
    reply_to_bot: bool = False
    callback_id: str | None = None  # set for a button press
    callback_data: str | None = None
    language_code: str | None = None  # the user's Telegram language, a hint for onboarding
    document_name: str | None = None  # an attached file (e.g. a catalog CSV for /import)
    document: bytes | None = None
    # Telegram upgraded this group to a supergroup: `chat_id` is its new id, this its old one.
    migrated_from: int | None = None
    edited: bool = False  # the user edited a message they had sent: its new text
    bot_removed: bool = False  # `user_id` removed the bot from this group (or it was made to leave)
    chat_title: str = ""
    # Nothing here Lapak reads: a sticker, a voice note, a photo without a caption, a file that is no catalog.
    unread: bool = False


@dataclass(frozen=True)
class Button:
    label: str
    data: str  # callback data, at most 64 bytes


Keyboard = list[list[Button]]


@dataclass(frozen=True)
class Send:
    chat_id: int
    text: str  # Telegram HTML
    buttons: Keyboard = field(default_factory=list)
    reply_to: int | None = None
    track: str | None = None  # when set, report the sent message id back with Engine.record_sent
    # A question whose answer is the next message: Telegram opens a reply to it for the user it names or
    # replies to (in a group a bot sees only replies to it, commands and mentions). Never with buttons.
    force_reply: bool = False


@dataclass(frozen=True)
class Edit:
    chat_id: int
    message_id: int
    text: str  # Telegram HTML
    buttons: Keyboard = field(default_factory=list)


@dataclass(frozen=True)
class Answer:
    """Answer a button press (stops the spinner); `text` shows as a toast, or an alert when `alert`."""

    callback_id: str
    text: str | None = None
    alert: bool = False


@dataclass(frozen=True)
class SendDocument:
    chat_id: int
    filename: str
    content: bytes
    caption: str | None = None


Action = Send | Edit | Answer | SendDocument
