"""What both Telegram adapters share, framework-free: the engine contract, Incoming, long text, limits."""

from __future__ import annotations

import asyncio
import logging
import re
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

from aiolimiter import AsyncLimiter

from bot.engine.events import Action, Answer, ChatType, Edit, Incoming, Keyboard, Send, SendDocument

log = logging.getLogger("lapak.telegram")

TEXT_LIMIT = 4096  # Telegram's limit on one message
CAPTION_LIMIT = 1024
DOCUMENT_LIMIT = 5 * 1024 * 1024  # a catalog CSV; anything bigger is not ours to read
COMMAND_LOCALES = ("id", "vi", "en")
# Updates handled at once. Each waits on Telegram's round trips (tens of ms from SE Asia), so one
# at a time would cap a bot near 20 updates/s; ChatQueue keeps each chat's updates in order.
CONCURRENCY = 8
SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as secret_token

T = TypeVar("T")


class EngineLike(Protocol):
    """The part of the conversation engine an adapter needs."""

    def handle(self, event: Incoming) -> list[Action]: ...

    def record_sent(self, track: str, chat_id: int, message_id: int) -> None: ...

    def commands(self, locale: str) -> list[tuple[str, str]]: ...


def chat_type(telegram_type: str) -> ChatType | None:
    """Our two kinds of chat; None for channels, which Lapak does not serve."""
    if telegram_type == "private":
        return "private"
    if telegram_type in ("group", "supergroup"):
        return "group"
    return None


def upgraded(chat_id: int, update_id: int, user_id: int | None, migrate_to: int | None,
             migrate_from: int | None) -> Incoming | None:
    """The event for a group's upgrade to a supergroup, which gets a new id. Telegram reports it twice,
    in the old group (`migrate_to_chat_id`) and in the new one (`migrate_from_chat_id`); both say the same."""
    if migrate_to:
        new, old = migrate_to, chat_id
    elif migrate_from:
        new, old = chat_id, migrate_from
    else:
        return None
    return Incoming(chat_id=new, chat_type="group", user_id=user_id or 0, update_id=update_id,
                    migrated_from=old)


# A catalog as sellers send it: CSV or text, or the spreadsheet itself, which the engine answers with how to
# save it as CSV. Photos of receipts, PDFs and the like are not ours to read.
_CATALOG_FILES = (".csv", ".txt", ".xlsx", ".xls", ".ods")
_CATALOG_TYPES = ("text/csv", "text/plain", "application/vnd.ms-excel",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "application/vnd.oasis.opendocument.spreadsheet")


def removed(chat_id: int, telegram_type: str, title: str | None, update_id: int, user_id: int,
            status: str) -> Incoming | None:
    """The event for the bot's own membership changing: only its removal from a group matters."""
    if chat_type(telegram_type) != "group" or status not in ("left", "kicked"):
        return None
    return Incoming(chat_id=chat_id, chat_type="group", user_id=user_id, update_id=update_id,
                    bot_removed=True, chat_title=title or "")


def wants_document(name: str | None, mime: str | None, size: int | None) -> bool:
    """Whether an attached file is downloaded for the engine: a catalog, within DOCUMENT_LIMIT."""
    if size is not None and size > DOCUMENT_LIMIT:
        return False
    return (name or "").lower().endswith(_CATALOG_FILES) or (mime or "") in _CATALOG_TYPES


def webhook_path(webhook_url: str) -> str:
    """The local path to listen on: the public URL's path (a proxy forwards it unchanged)."""
    return urlsplit(webhook_url).path.strip("/") or "telegram"


def webhook_secret(secret: str | None) -> str:
    """The secret every webhook call must carry; webhook mode without one would accept anybody."""
    if not secret:
        raise ValueError("LAPAK_WEBHOOK_SECRET must be set in webhook mode (letters, digits, _ and -)")
    if not SECRET_TOKEN.match(secret):
        raise ValueError("LAPAK_WEBHOOK_SECRET may hold only letters, digits, _ and - (at most 256)")
    return secret


# --- long text -------------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)([a-zA-Z-]+)[^>]*>")


def split_html(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Cut Telegram HTML into messages of at most `limit` characters, at line breaks where possible.

    Tags open at a cut are closed at its end and reopened in the next part, so each part
    is valid HTML on its own (Telegram refuses the whole message otherwise).
    """
    parts: list[str] = []
    reopen = ""
    rest = text
    while len(reopen + rest) > limit:
        reserve = 0
        while True:
            cut = _cut_point(rest, limit - len(reopen) - reserve)
            body = reopen + rest[:cut]
            open_tags = _open_tags(body)
            part = body.rstrip() + "".join(f"</{name}>" for name, _ in reversed(open_tags))
            if len(part) <= limit or cut == 1:
                break
            reserve += len(part) - limit  # room for the closing tags, then try again
        parts.append(part)
        reopen = "".join(tag for _, tag in open_tags)
        rest = rest[cut:].lstrip("\n")
    if rest.strip() or not parts:
        parts.append(reopen + rest)
    return parts


def _cut_point(text: str, budget: int) -> int:
    """Where to cut within `budget`: a blank line, a line break, a space, else anywhere; never
    inside a tag or an entity."""
    budget = max(budget, 1)
    window = text[:budget]
    for sep in ("\n\n", "\n", " "):
        at = window.rfind(sep)
        while at > budget // 2 and _inside_markup(window[:at]):
            at = window.rfind(sep, 0, at)
        if at > budget // 2:
            return at + len(sep)
    cut = budget
    while cut > 1 and _inside_markup(window[:cut]):
        cut -= 1
    return cut


def _inside_markup(head: str) -> bool:
    """Whether a cut right after `head` would fall inside a tag or an entity like &amp;."""
    return head.rfind("<") > head.rfind(">") or head.rfind("&") > max(head.rfind(";"), head.rfind(" "))


def _open_tags(html: str) -> list[tuple[str, str]]:
    """Tags still open at the end of `html`, outermost first: (name, the opening tag as written)."""
    stack: list[tuple[str, str]] = []
    for match in _TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if not closing:
            stack.append((name, match.group(0)))
        else:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
    return stack


def clip_html(text: str, limit: int) -> str:
    """The first part of `text` when it cannot be split (an edit, a caption)."""
    parts = split_html(text, limit - 1)
    return parts[0] + ("…" if len(parts) > 1 else "")


# --- performing actions ----------------------------------------------------------------------


class Transport(Protocol):
    """One framework's way of doing each action; the adapters implement it in a few lines each."""

    async def send(self, chat_id: int, text: str, buttons: Keyboard, reply_to: int | None,
                   force_reply: bool = False) -> int:
        """Send HTML text; return the new message id. `force_reply`: Telegram opens a reply to it for
        the user it mentions or replies to (ForceReply, selective), instead of buttons."""
        ...

    async def edit(self, chat_id: int, message_id: int, text: str, buttons: Keyboard) -> None: ...

    async def answer(self, callback_id: str, text: str | None, alert: bool) -> None: ...

    async def send_document(self, chat_id: int, filename: str, content: bytes,
                            caption: str | None) -> None: ...


async def perform(actions: Sequence[Action], transport: Transport, engine: EngineLike,
                  context: object) -> None:
    """Do each action in order. A failed one is logged and the rest still happen: the engine has
    already committed the order, so a lost message never loses the order."""
    for action in actions:
        try:
            await _perform_one(action, transport, engine)
        except Exception:
            log.exception("could not perform %s for update %s", type(action).__name__, context)


async def _perform_one(action: Action, transport: Transport, engine: EngineLike) -> None:
    if isinstance(action, Send):
        parts = split_html(action.text)
        message_id = 0
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            message_id = await transport.send(
                action.chat_id, part, action.buttons if last else [], action.reply_to if i == 0 else None,
                action.force_reply and last)
        if action.track:
            # The buttons are on the last part, so that is the message the engine edits later.
            await asyncio.to_thread(engine.record_sent, action.track, action.chat_id, message_id)
    elif isinstance(action, Edit):
        await transport.edit(action.chat_id, action.message_id, clip_html(action.text, TEXT_LIMIT),
                             action.buttons)
    elif isinstance(action, Answer):
        await transport.answer(action.callback_id, action.text and action.text[:200], action.alert)
    elif isinstance(action, SendDocument):
        caption = clip_html(action.caption, CAPTION_LIMIT) if action.caption else None
        await transport.send_document(action.chat_id, action.filename, action.content, caption)


async def dispatch(event: Incoming, engine: EngineLike, transport: Transport, context: object) -> None:
    """Hand one event to the engine in a worker thread and perform what it returns; never raises,
    so one bad update cannot stop the bot."""
    try:
        actions = await asyncio.to_thread(engine.handle, event)
    except Exception:
        # The engine answers its own errors with an apology; reaching here is a bug worth a trace.
        log.exception("engine failed on update %s", context)
        return
    await perform(actions, transport, engine, context)


async def set_commands(engine: EngineLike,
                       set_for: Callable[[list[tuple[str, str]], str | None], Awaitable[Any]]) -> None:
    """Register the command list in each language, and English for everyone else."""
    for locale in (*COMMAND_LOCALES, None):
        try:
            commands = await asyncio.to_thread(engine.commands, locale or "en")
            await set_for(commands, locale)
        except Exception:
            # A menu that did not register is cosmetic; the bot must still start.
            log.exception("could not register the %s command list", locale or "default")


# --- limits ----------------------------------------------------------------------------------


class SendLimiter:
    """Telegram's flood limits on outgoing messages: about 30 a second per bot, 20 a minute per group.

    python-telegram-bot has its own (AIORateLimiter); the aiogram adapter uses this one.
    """

    def __init__(self, per_second: float = 30, per_group_minute: float = 20):
        self._overall = AsyncLimiter(per_second, 1)
        self._group_rate = per_group_minute
        self._groups: dict[int | str, AsyncLimiter] = {}

    @asynccontextmanager
    async def slot(self, chat_id: int | str | None) -> AsyncIterator[None]:
        if isinstance(chat_id, str) or (chat_id is not None and chat_id < 0):
            group = self._groups.setdefault(chat_id, AsyncLimiter(self._group_rate, 60))
            async with group:
                async with self._overall:
                    yield
        else:
            async with self._overall:
                yield


async def retry_after_429(call: Callable[[], Awaitable[T]],
                          retry_after_of: Callable[[Exception], float | None], *, tries: int = 3) -> T:
    """Run `call`; when Telegram says 429, wait the `retry_after` it named and try again."""
    for attempt in range(tries):
        try:
            return await call()
        except Exception as exc:
            wait = retry_after_of(exc)
            if wait is None or attempt == tries - 1:
                raise
            log.warning("Telegram asked to slow down; retrying in %.1f s", wait)
            await asyncio.sleep(wait + 0.1)
    raise AssertionError("unreachable")


class ChatQueue:
    """One update at a time per chat, in arrival order, so a conversation is never reordered even
    when the framework handles updates concurrently."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: Counter[int] = Counter()

    @asynccontextmanager
    async def turn(self, chat_id: int) -> AsyncIterator[None]:
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        self._users[chat_id] += 1
        try:
            async with lock:
                yield
        finally:
            self._users[chat_id] -= 1
            if not self._users[chat_id]:
                del self._users[chat_id], self._locks[chat_id]
