"""The python-telegram-bot adapter (the default): Telegram updates in, engine actions out."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from contextlib import suppress

from telegram import (
    Bot,
    BotCommand,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.adapter_common import (
    CONCURRENCY,
    ChatQueue,
    EngineLike,
    chat_type,
    dispatch,
    removed,
    set_commands,
    upgraded,
    wants_document,
    webhook_path,
    webhook_secret,
)
from bot.engine.events import Incoming, Keyboard
from bot.settings import Settings

log = logging.getLogger("lapak.telegram")

ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
POLLING_TIMEOUT = 10  # seconds a getUpdates waits for news; Telegram allows up to 50


def build_application(settings: Settings, engine: EngineLike, *, rate_limit: bool = True,
                      concurrency: int = CONCURRENCY) -> Application:
    """The python-telegram-bot Application with Lapak's one handler; started by `serve`."""
    if not settings.telegram_token:
        raise ValueError("LAPAK_TELEGRAM_TOKEN is not set")
    # No job queue: Lapak's scheduler runs its own jobs, and an idle second scheduler is only a thread.
    builder = (ApplicationBuilder().token(settings.telegram_token).concurrent_updates(concurrency)
               .job_queue(None))
    if settings.telegram_api_url:
        api = settings.telegram_api_url.rstrip("/")
        builder = builder.base_url(f"{api}/bot").base_file_url(f"{api}/file/bot")
    if rate_limit:
        # Telegram's limits (30 messages/s, 20/min per group); after a 429 it waits retry_after.
        # (The builder's generic type pins the limiter's argument type to None; AIORateLimiter's is int.)
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]
    app = builder.build()
    handler = _Handler(engine)
    app.add_handler(TypeHandler(Update, handler))
    app.add_error_handler(_log_error)
    return app


async def serve(settings: Settings, engine: EngineLike, *, stop: asyncio.Event,
                ready: Callable[[], None] | None = None, rate_limit: bool = True,
                concurrency: int = CONCURRENCY) -> None:
    """Run the bot until `stop` is set: long polling, or a webhook server when LAPAK_WEBHOOK_URL is set."""
    secret = webhook_secret(settings.webhook_secret) if settings.webhook_url else None
    app = build_application(settings, engine, rate_limit=rate_limit, concurrency=concurrency)
    updater = app.updater
    assert updater is not None
    async with app:  # getMe now; closes the HTTP pool at the end
        await set_commands(engine, lambda commands, locale: app.bot.set_my_commands(
            [BotCommand(name, description) for name, description in commands], language_code=locale))
        await app.start()
        if settings.webhook_url:
            await updater.start_webhook(
                listen=settings.webhook_listen, port=settings.webhook_port,
                url_path=webhook_path(settings.webhook_url), webhook_url=settings.webhook_url,
                secret_token=secret, allowed_updates=ALLOWED_UPDATES)
        else:
            await updater.start_polling(timeout=POLLING_TIMEOUT, poll_interval=0,
                                        allowed_updates=ALLOWED_UPDATES)
        log.info("python-telegram-bot adapter running as @%s (%s)", app.bot.username,
                 "webhook" if settings.webhook_url else "long polling")
        if ready:
            ready()
        try:
            await stop.wait()
        finally:
            await updater.stop()
            await app.stop()


def run(settings: Settings, engine: EngineLike) -> None:
    """`lapak run` with python-telegram-bot: serve until SIGINT or SIGTERM."""

    logging.getLogger("httpx").setLevel(logging.WARNING)  # one INFO line per API call drowns the log

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with suppress(NotImplementedError):
                loop.add_signal_handler(sig, stop.set)
        await serve(settings, engine, stop=stop)

    asyncio.run(main())


class _Handler:
    """Every update goes through here: one Incoming, the engine in a worker thread, the actions."""

    def __init__(self, engine: EngineLike):
        self.engine = engine
        self.queue = ChatQueue()

    async def __call__(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        async with self.queue.turn(chat.id):
            try:
                event = await to_incoming(update, context.bot.id)
            except Exception:
                log.exception("could not read update %s", update)
                return
            if event is not None:
                await dispatch(event, self.engine, _Transport(context.bot), update)


async def to_incoming(update: Update, bot_id: int) -> Incoming | None:
    """The neutral event for a message or a button press; None for what Lapak does not serve."""
    query = update.callback_query
    if query is not None:
        on = query.message
        kind = chat_type(on.chat.type) if on else None
        if on is None or kind is None:
            return None  # a press on an inline-mode message: Lapak posts none
        return Incoming(chat_id=on.chat.id, chat_type=kind, user_id=query.from_user.id,
                        user_name=query.from_user.full_name, update_id=update.update_id,
                        message_id=on.message_id, callback_id=query.id, callback_data=query.data,
                        language_code=query.from_user.language_code)
    member = update.my_chat_member
    if member is not None:
        return removed(member.chat.id, member.chat.type, member.chat.title, update.update_id,
                       member.from_user.id, member.new_chat_member.status)
    message = update.message or update.edited_message
    if message is not None and (moved := upgraded(
            message.chat.id, update.update_id, message.from_user.id if message.from_user else None,
            message.migrate_to_chat_id, message.migrate_from_chat_id)):
        return moved
    if message is None or message.from_user is None:
        return None  # edits, channel posts, anonymous admins
    kind = chat_type(message.chat.type)
    if kind is None:
        return None
    reply = message.reply_to_message
    name, content = await _document(message)
    text = message.text or message.caption
    return Incoming(
        chat_id=message.chat.id, chat_type=kind, user_id=message.from_user.id,
        user_name=message.from_user.full_name, text=text,
        update_id=update.update_id, message_id=message.message_id,
        reply_to_message_id=reply.message_id if reply else None,
        reply_to_bot=bool(reply and reply.from_user and reply.from_user.id == bot_id),
        language_code=message.from_user.language_code, document_name=name, document=content,
        edited=update.edited_message is not None, unread=not text and content is None)


async def _document(message: Message) -> tuple[str | None, bytes | None]:
    doc = message.document
    if doc is None or not wants_document(doc.file_name, doc.mime_type, doc.file_size):
        return None, None
    file = await doc.get_file()
    return doc.file_name or "upload.csv", bytes(await file.download_as_bytearray())


class _Transport:
    """The four actions in python-telegram-bot calls."""

    def __init__(self, bot: Bot):
        self.bot = bot

    async def send(self, chat_id: int, text: str, buttons: Keyboard, reply_to: int | None,
                   force_reply: bool = False) -> int:
        reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
        markup = ForceReply(selective=True) if force_reply else _markup(buttons)
        sent = await self.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML,
                                           reply_markup=markup, reply_parameters=reply)
        return sent.message_id

    async def edit(self, chat_id: int, message_id: int, text: str, buttons: Keyboard) -> None:
        try:
            await self.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id,
                                             parse_mode=ParseMode.HTML, reply_markup=_markup(buttons))
        except BadRequest as exc:
            # Two presses of the same button render the same card; Telegram calls that an error.
            if "not modified" not in exc.message.lower():
                raise

    async def answer(self, callback_id: str, text: str | None, alert: bool) -> None:
        await self.bot.answer_callback_query(callback_id, text=text, show_alert=alert)

    async def send_document(self, chat_id: int, filename: str, content: bytes, caption: str | None) -> None:
        await self.bot.send_document(chat_id, InputFile(content, filename=filename), caption=caption,
                                     parse_mode=ParseMode.HTML)


def _markup(buttons: Keyboard) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
                                 for row in buttons])


async def _log_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    # The handler catches its own errors; this is for the framework's (network, polling).
    log.error("python-telegram-bot error on update %s", update, exc_info=context.error)
