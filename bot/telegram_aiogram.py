"""The aiogram adapter (LAPAK_BOT_FRAMEWORK=aiogram, extra `lapak[aiogram]`): updates in, actions out."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from contextlib import suppress

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest, TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    ChatMemberUpdated,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.adapter_common import (
    CONCURRENCY,
    ChatQueue,
    EngineLike,
    SendLimiter,
    chat_type,
    dispatch,
    removed,
    retry_after_429,
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
RETRIES = 3  # after a 429, as many as python-telegram-bot's limiter is given


def build(settings: Settings, engine: EngineLike, *, rate_limit: bool = True) -> tuple[Bot, Dispatcher]:
    """The aiogram Bot (pointed at LAPAK_TELEGRAM_API_URL when set) and a Dispatcher with Lapak's handlers."""
    if not settings.telegram_token:
        raise ValueError("LAPAK_TELEGRAM_TOKEN is not set")
    session = AiohttpSession(
        api=TelegramAPIServer.from_base(settings.telegram_api_url.rstrip("/"))
        if settings.telegram_api_url else TelegramAPIServer.from_base("https://api.telegram.org"))
    session.middleware(_Limits(SendLimiter() if rate_limit else None))
    bot = Bot(settings.telegram_token, session=session)
    dp = Dispatcher()
    handler = _Handler(engine)
    dp.message.register(handler.on_message)
    dp.edited_message.register(handler.on_edited)
    dp.my_chat_member.register(handler.on_membership)
    dp.callback_query.register(handler.on_press)
    return bot, dp


async def serve(settings: Settings, engine: EngineLike, *, stop: asyncio.Event,
                ready: Callable[[], None] | None = None, rate_limit: bool = True) -> None:
    """Run the bot until `stop` is set: long polling, or a webhook server when LAPAK_WEBHOOK_URL is set."""
    secret = webhook_secret(settings.webhook_secret) if settings.webhook_url else None
    bot, dp = build(settings, engine, rate_limit=rate_limit)
    try:
        me = await bot.me()
        await set_commands(engine, lambda commands, locale: bot.set_my_commands(
            [BotCommand(command=name, description=text) for name, text in commands], language_code=locale))
        if settings.webhook_url:
            assert secret is not None
            await _serve_webhook(settings, bot, dp, secret, stop, ready, me.username)
        else:
            await _serve_polling(bot, dp, stop, ready, me.username)
    finally:
        await bot.session.close()


async def _serve_polling(bot: Bot, dp: Dispatcher, stop: asyncio.Event, ready: Callable[[], None] | None,
                         username: str | None) -> None:
    await bot.delete_webhook(drop_pending_updates=False)  # getUpdates is refused while a webhook is set
    polling = asyncio.create_task(dp.start_polling(
        bot, polling_timeout=POLLING_TIMEOUT, handle_signals=False, close_bot_session=False,
        allowed_updates=ALLOWED_UPDATES, tasks_concurrency_limit=CONCURRENCY))
    log.info("aiogram adapter running as @%s (long polling)", username)
    if ready:
        ready()
    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait([polling, stopping], return_when=asyncio.FIRST_COMPLETED)
    if not polling.done():
        with suppress(RuntimeError):  # "Polling is not started": it had not got that far
            await dp.stop_polling()
        polling.cancel()
    stopping.cancel()
    with suppress(asyncio.CancelledError):
        await polling  # re-raises what stopped it early, if anything did


async def _serve_webhook(settings: Settings, bot: Bot, dp: Dispatcher, secret: str, stop: asyncio.Event,
                         ready: Callable[[], None] | None, username: str | None) -> None:
    assert settings.webhook_url
    app = web.Application()
    # A call without the secret header, or with a wrong one, is refused (401) before it is read.
    SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=secret).register(
        app, path="/" + webhook_path(settings.webhook_url))
    setup_application(app, dp, bot=bot)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.webhook_listen, settings.webhook_port).start()
        await bot.set_webhook(settings.webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
        log.info("aiogram adapter running as @%s (webhook)", username)
        if ready:
            ready()
        await stop.wait()
    finally:
        await runner.cleanup()


def run(settings: Settings, engine: EngineLike) -> None:
    """`lapak run` with aiogram: serve until SIGINT or SIGTERM."""
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)  # one INFO line per update drowns the log

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with suppress(NotImplementedError):
                loop.add_signal_handler(sig, stop.set)
        await serve(settings, engine, stop=stop)

    asyncio.run(main())


class _Limits(BaseRequestMiddleware):
    """Telegram's flood limits on everything sent to a chat, and a wait-and-retry after a 429
    (aiogram has neither built in)."""

    def __init__(self, limiter: SendLimiter | None):
        self.limiter = limiter

    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        chat_id = getattr(method, "chat_id", None)

        async def attempt() -> Response[TelegramType]:
            if self.limiter is None or chat_id is None:
                return await make_request(bot, method)
            async with self.limiter.slot(chat_id):
                return await make_request(bot, method)

        return await retry_after_429(attempt, _retry_after, tries=1 + RETRIES)


def _retry_after(exc: Exception) -> float | None:
    return float(exc.retry_after) if isinstance(exc, TelegramRetryAfter) else None


class _Handler:
    """Every message and press goes through here: one Incoming, the engine in a worker thread, the actions."""

    def __init__(self, engine: EngineLike):
        self.engine = engine
        self.queue = ChatQueue()

    async def on_message(self, message: Message, bot: Bot, event_update: Update) -> None:
        await self._read(message, bot, event_update, edited=False)

    async def on_edited(self, message: Message, bot: Bot, event_update: Update) -> None:
        await self._read(message, bot, event_update, edited=True)

    async def _read(self, message: Message, bot: Bot, event_update: Update, *, edited: bool) -> None:
        async with self.queue.turn(message.chat.id):
            try:
                event = await message_incoming(message, bot, event_update.update_id, edited=edited)
            except Exception:
                log.exception("could not read update %s", event_update)
                return
            if event is not None:
                await dispatch(event, self.engine, _Transport(bot), event_update)

    async def on_membership(self, member: ChatMemberUpdated, bot: Bot, event_update: Update) -> None:
        event = removed(member.chat.id, member.chat.type, member.chat.title, event_update.update_id,
                        member.from_user.id, member.new_chat_member.status)
        if event is not None:
            async with self.queue.turn(event.chat_id):
                await dispatch(event, self.engine, _Transport(bot), event_update)

    async def on_press(self, query: CallbackQuery, bot: Bot, event_update: Update) -> None:
        event = press_incoming(query, event_update.update_id)
        if event is not None:
            async with self.queue.turn(event.chat_id):
                await dispatch(event, self.engine, _Transport(bot), event_update)


def press_incoming(query: CallbackQuery, update_id: int) -> Incoming | None:
    """The neutral event for a button press; None for a press on an inline-mode message."""
    on = query.message
    kind = chat_type(on.chat.type) if on else None
    if on is None or kind is None:
        return None  # Lapak posts no inline-mode messages
    user = query.from_user
    return Incoming(chat_id=on.chat.id, chat_type=kind, user_id=user.id, user_name=user.full_name,
                    update_id=update_id, message_id=on.message_id, callback_id=query.id,
                    callback_data=query.data, language_code=user.language_code)


async def message_incoming(message: Message, bot: Bot, update_id: int, *,
                           edited: bool = False) -> Incoming | None:
    """The neutral event for a message; None for what Lapak does not serve."""
    moved = upgraded(message.chat.id, update_id, message.from_user.id if message.from_user else None,
                     message.migrate_to_chat_id, message.migrate_from_chat_id)
    if moved is not None:
        return moved
    kind = chat_type(message.chat.type)
    if kind is None or message.from_user is None:
        return None  # channel posts, anonymous admins
    reply = message.reply_to_message
    name: str | None = None
    content: bytes | None = None
    doc = message.document
    if doc is not None and wants_document(doc.file_name, doc.mime_type, doc.file_size):
        downloaded = await bot.download(doc.file_id)
        name, content = doc.file_name or "upload.csv", downloaded.read() if downloaded else None
    text = message.text or message.caption
    return Incoming(
        chat_id=message.chat.id, chat_type=kind, user_id=message.from_user.id,
        user_name=message.from_user.full_name, text=text, update_id=update_id,
        message_id=message.message_id, reply_to_message_id=reply.message_id if reply else None,
        reply_to_bot=bool(reply and reply.from_user and reply.from_user.id == bot.id),
        language_code=message.from_user.language_code, document_name=name, document=content,
        edited=edited, unread=not text and content is None)


class _Transport:
    """The four actions in aiogram calls."""

    def __init__(self, bot: Bot):
        self.bot = bot

    async def send(self, chat_id: int, text: str, buttons: Keyboard, reply_to: int | None,
                   force_reply: bool = False) -> int:
        reply = ReplyParameters(message_id=reply_to, allow_sending_without_reply=True) if reply_to else None
        markup = ForceReply(force_reply=True, selective=True) if force_reply else _markup(buttons)
        sent = await self.bot.send_message(chat_id, text, parse_mode="HTML", reply_markup=markup,
                                           reply_parameters=reply)
        return sent.message_id

    async def edit(self, chat_id: int, message_id: int, text: str, buttons: Keyboard) -> None:
        try:
            await self.bot.edit_message_text(text=text, chat_id=chat_id, message_id=message_id,
                                             parse_mode="HTML", reply_markup=_markup(buttons))
        except TelegramBadRequest as exc:
            # Two presses of the same button render the same card; Telegram calls that an error.
            if "not modified" not in exc.message.lower():
                raise

    async def answer(self, callback_id: str, text: str | None, alert: bool) -> None:
        await self.bot.answer_callback_query(callback_id, text=text, show_alert=alert)

    async def send_document(self, chat_id: int, filename: str, content: bytes, caption: str | None) -> None:
        await self.bot.send_document(chat_id, BufferedInputFile(content, filename=filename), caption=caption,
                                     parse_mode="HTML")


def _markup(buttons: Keyboard) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=b.label, callback_data=b.data) for b in row] for row in buttons])
