"""A small Telegram Bot API server on 127.0.0.1 for end-to-end tests and the adapter benchmark.

It runs in a background thread, records every call the bot makes, remembers the messages in
each chat (so a test can reply to one or press its buttons), and hands the bot the updates a
test posts: queued for getUpdates (long polling), or POSTed to the webhook the bot set.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, web

TOKEN = "123456:TEST-token"
BOT: dict[str, Any] = {"id": 123456, "is_bot": True, "first_name": "Lapak", "username": "lapak_bot",
                       "can_join_groups": True, "can_read_all_group_messages": False,
                       "supports_inline_queries": False}

Params = dict[str, Any]
# How the frameworks encode parameters: every value a string, objects JSON-encoded.
JSON_FIELDS = {"reply_markup", "commands", "scope", "allowed_updates", "reply_parameters",
               "link_preview_options", "entities", "caption_entities"}
INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "cache_time", "max_connections",
              "reply_to_message_id"}
BOOL_FIELDS = {"show_alert", "drop_pending_updates", "disable_notification", "disable_web_page_preview",
               "protect_content", "allow_sending_without_reply"}


@dataclass(frozen=True)
class User:
    id: int
    first_name: str
    language_code: str | None = "id"
    username: str | None = None

    def as_dict(self) -> Params:
        data: Params = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            data["language_code"] = self.language_code
        if self.username:
            data["username"] = self.username
        return data


@dataclass(frozen=True)
class Chat:
    id: int
    type: str = "private"  # private, group, supergroup
    title: str | None = None

    @classmethod
    def private(cls, user: User) -> Chat:
        return cls(user.id, "private")

    def as_dict(self) -> Params:
        data: Params = {"id": self.id, "type": self.type}
        if self.title:
            data["title"] = self.title
        return data


@dataclass
class Call:
    method: str
    params: Params
    at: float
    status: int = 200
    result: Any = None  # what the server answered, e.g. the Message with its message_id
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)


class BotAPIServer:
    """Start with `start()` (or as a context manager); `url` is the LAPAK_TELEGRAM_API_URL to use."""

    def __init__(self, token: str = TOKEN, *, polling_cap: float = 1.0, latency: float = 0.0):
        self.token = token
        self.polling_cap = polling_cap  # longest a getUpdates waits, whatever timeout it asks for
        self.latency = latency  # seconds each call takes, as Telegram's round trip would
        self.calls: list[Call] = []
        self._succeeded: Counter[str] = Counter()
        self.messages: dict[tuple[int, int], Params] = {}
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self.files: dict[str, bytes] = {}
        self._pending: list[tuple[Params, bool]] = []  # (update, delivered yet)
        # The kinds of update the bot asked for (getUpdates or setWebhook); Telegram drops the others.
        self.allowed_updates: list[str] | None = None
        # method -> the failures still to give: (which calls, retry_after for a 429, or a 400's error)
        self._failures: dict[str, list[tuple[Callable[[Params], bool], int, str | None]]] = {}
        self._ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._cond = threading.Condition()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._new_update: asyncio.Event | None = None
        self._client: ClientSession | None = None
        self.port = 0

    # --- running ------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> BotAPIServer:
        started = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(started,), name="botapi", daemon=True)
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("the Bot API test server did not start")
        return self

    def stop(self) -> None:
        if self._loop and self._thread:
            asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def __enter__(self) -> BotAPIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self, started: threading.Event) -> None:
        loop = self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        loop.run_until_complete(self._startup())
        started.set()
        loop.run_forever()
        loop.close()

    async def _startup(self) -> None:
        self._new_update = asyncio.Event()
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._client = ClientSession()

    async def _shutdown(self) -> None:
        assert self._new_update and self._runner and self._client
        self._new_update.set()
        await self._client.close()
        await self._runner.cleanup()

    def _in_loop(self, coro: Any, timeout: float = 10) -> Any:
        assert self._loop
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    # --- what the test does as users -----------------------------------------------------------

    def message(self, user: User, text: str | None = None, *, chat: Chat | None = None,
                reply_to: int | None = None, document: tuple[str, bytes] | None = None,
                update_id: int | None = None) -> Params:
        """Build the update for `user` writing `text` (and/or sending a file) in `chat`."""
        chat = chat or Chat.private(user)
        message: Params = {"message_id": self._next_message_id(chat.id), "date": int(time.time()),
                           "chat": chat.as_dict(), "from": user.as_dict()}
        if text is not None:
            message["caption" if document else "text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["caption_entities" if document else "entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(command)}]
        if reply_to is not None:
            message["reply_to_message"] = self.messages[(chat.id, reply_to)]
        if document:
            name, content = document
            file_id = f"file{len(self.files) + 1}"
            self.files[file_id] = content
            message["document"] = {"file_id": file_id, "file_unique_id": file_id, "file_name": name,
                                   "mime_type": "text/csv", "file_size": len(content)}
        self.messages[(chat.id, message["message_id"])] = message
        return {"update_id": update_id or next(self._ids), "message": message}

    def press(self, user: User, chat: Chat, message_id: int, data: str) -> Params:
        """Build the update for `user` pressing the button carrying `data` on a bot message."""
        message = self.messages[(chat.id, message_id)]
        query = {"id": f"cq{next(self._ids)}", "from": user.as_dict(), "chat_instance": str(chat.id),
                 "message": message, "data": data}
        return {"update_id": next(self._ids), "callback_query": query}

    def deliver(self, update: Params) -> int:
        """Hand the bot an update: POST it to the webhook when one is set (with the secret the bot
        registered), else queue it for getUpdates. Returns the webhook's HTTP status, or 0 when queued."""
        kinds = set(update) - {"update_id"}
        if self.allowed_updates is not None and not kinds & set(self.allowed_updates):
            return 0  # a kind of update the bot did not ask for never reaches it
        if self.webhook_url:
            return self.post_webhook(update, self.webhook_secret)
        with self._cond:
            self._pending.append((update, False))
        assert self._loop and self._new_update
        self._loop.call_soon_threadsafe(self._new_update.set)
        return 0

    def say(self, user: User, text: str | None = None, **kwargs: Any) -> Params:
        """`message` and `deliver` in one: the update, as delivered."""
        update = self.message(user, text, **kwargs)
        self.deliver(update)
        return update

    def fail_next(self, method: str, retry_after: int = 1, times: int = 1, *,
                  where: Callable[[Params], bool] = lambda p: True, error: str | None = None) -> None:
        """Answer the next `times` calls of `method` (matching `where`) with 429 Too Many Requests,
        or with 400 and `error` when given."""
        with self._cond:
            self._failures.setdefault(method, []).extend([(where, retry_after, error)] * times)

    def post_webhook(self, update: Params, secret: str | None) -> int:
        """POST an update to the bot's webhook with this secret header (None: without one)."""
        return int(self._in_loop(self._post_webhook(update, secret)))

    async def _post_webhook(self, update: Params, secret: str | None) -> int:
        assert self._client
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        async with self._client.post(self.webhook_url, json=update, headers=headers) as response:
            return response.status

    # --- what the test checks -----------------------------------------------------------------

    def mark(self) -> int:
        """A point in the call log; `wait_for(..., since=mark)` looks only at calls after it."""
        with self._cond:
            return len(self.calls)

    def calls_to(self, method: str, since: int = 0) -> list[Call]:
        with self._cond:
            return [c for c in self.calls[since:] if c.method == method and c.status == 200]

    def wait_for(self, method: str, where: Callable[[Params], bool] = lambda p: True, *,
                 since: int = 0, timeout: float = 10.0) -> Call:
        """The first successful call of `method` after `since` matching `where`, waiting for it."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for call in self.calls[since:]:
                    if call.method == method and call.status == 200 and where(call.params):
                        return call
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.params.get("text")) for c in self.calls[since:]]
                    raise AssertionError(f"no {method} within {timeout}s; calls since: {seen}")
                self._cond.wait(left)

    def wait_count(self, method: str, count: int, *, since: int = 0, timeout: float = 60.0) -> None:
        """Wait until `method` has succeeded `count` times after `since` (for throughput runs)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            before = sum(1 for c in self.calls[:since] if c.method == method and c.status == 200)
            while self._succeeded[method] - before < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"fewer than {count} {method} within {timeout}s")
                self._cond.wait(left)

    def reply_text(self, since: int, chat_id: int, timeout: float = 5.0) -> str:
        """The text of the next message the bot sends to `chat_id`."""
        return str(self.wait_for("sendMessage", lambda p: p["chat_id"] == chat_id, since=since,
                                 timeout=timeout).params["text"])

    def buttons(self, chat_id: int, message_id: int) -> dict[str, str]:
        """The buttons now on a message: label -> callback data."""
        markup = self.messages[(chat_id, message_id)].get("reply_markup") or {}
        return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}

    # --- the API --------------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"},
                                     status=401)
        method = request.match_info["method"]
        params, files = await _read_params(request)
        if self.latency:
            await asyncio.sleep(self.latency)
        call = Call(method, params, time.monotonic(), files=files)
        with self._cond:
            failures = self._failures.get(method, [])
            failure = next((f for f in failures if f[0](params)), None)
            if failure:
                failures.remove(failure)
        if failure:
            _, retry_after, error = failure
            call.status = 400 if error else 429
            self._record(call)
            if error:
                return web.json_response({"ok": False, "error_code": 400, "description": error}, status=400)
            return web.json_response({"ok": False, "error_code": 429,
                                      "description": f"Too Many Requests: retry after {retry_after}",
                                      "parameters": {"retry_after": retry_after}}, status=429)
        handler = getattr(self, f"_m_{method.lower()}", None)
        try:
            result = await handler(params, files) if handler else True
        except _BadRequest as exc:
            call.status = 400
            self._record(call)
            return web.json_response({"ok": False, "error_code": 400, "description": str(exc)}, status=400)
        call.result = result
        if method != "getUpdates" or result:
            self._record(call)  # empty polls are left out, or the log drowns in them
        return web.json_response({"ok": True, "result": result})

    async def _file(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].rsplit("/", 1)[-1].split(".")[0]
        if request.match_info["token"] != self.token or file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])

    def _record(self, call: Call) -> None:
        with self._cond:
            self.calls.append(call)
            if call.status == 200:
                self._succeeded[call.method] += 1
            self._cond.notify_all()

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _bot_message(self, params: Params, **content: Any) -> Params:
        chat_id = params["chat_id"]
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
        if chat_id < 0:
            chat["title"] = "Shop group"
        message: Params = {"message_id": self._next_message_id(chat_id), "date": int(time.time()),
                           "chat": chat, "from": BOT, **content}
        if (params.get("reply_markup") or {}).get("inline_keyboard"):
            # As Telegram does: a message carries only an inline keyboard (a ForceReply is not kept).
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message["message_id"])] = message
        return message

    async def _m_getme(self, params: Params, files: Any) -> Params:
        return BOT

    async def _m_getupdates(self, params: Params, files: Any) -> list[Params]:
        assert self._new_update
        offset = params.get("offset") or 0
        if params.get("allowed_updates") is not None:
            self.allowed_updates = params["allowed_updates"]
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), self.polling_cap)
        while True:
            with self._cond:
                # Updates below the offset were confirmed by the bot; a redelivered one is queued anew.
                self._pending = [(u, sent) for u, sent in self._pending
                                 if not (sent and u["update_id"] < offset)]
                fresh = [u for u, sent in self._pending if not sent][: int(params.get("limit") or 100)]
                if fresh:
                    ids = {id(u) for u in fresh}
                    self._pending = [(u, sent or id(u) in ids) for u, sent in self._pending]
                    return fresh
                self._new_update.clear()
            left = deadline - time.monotonic()
            if left <= 0 or self._runner is None:
                return []
            try:
                await asyncio.wait_for(self._new_update.wait(), left)
            except TimeoutError:
                return []

    async def _m_sendmessage(self, params: Params, files: Any) -> Params:
        return self._bot_message(params, text=params["text"])

    async def _m_senddocument(self, params: Params, files: dict[str, tuple[str, bytes]]) -> Params:
        name, content = files.get("document", ("file", b""))
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = content
        document = {"file_id": file_id, "file_unique_id": file_id, "file_name": name,
                    "file_size": len(content)}
        extra = {"caption": params["caption"]} if params.get("caption") else {}
        return self._bot_message(params, document=document, **extra)

    async def _m_editmessagetext(self, params: Params, files: Any) -> Params:
        key = (params["chat_id"], params["message_id"])
        if key not in self.messages:
            raise _BadRequest("Bad Request: message to edit not found")
        message = self.messages[key]
        same_markup = message.get("reply_markup") == params.get("reply_markup")
        if message.get("text") == params["text"] and same_markup:
            raise _BadRequest("Bad Request: message is not modified")
        message["text"] = params["text"]
        message["edit_date"] = int(time.time())
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _m_getfile(self, params: Params, files: Any) -> Params:
        file_id = params["file_id"]
        if file_id not in self.files:
            raise _BadRequest("Bad Request: invalid file_id")
        return {"file_id": file_id, "file_unique_id": file_id, "file_size": len(self.files[file_id]),
                "file_path": f"documents/{file_id}.csv"}

    async def _m_setwebhook(self, params: Params, files: Any) -> bool:
        self.webhook_url = params["url"]
        self.webhook_secret = params.get("secret_token")
        if params.get("allowed_updates") is not None:
            self.allowed_updates = params["allowed_updates"]
        return True

    async def _m_deletewebhook(self, params: Params, files: Any) -> bool:
        self.webhook_url, self.webhook_secret = "", None
        return True

    async def _m_getwebhookinfo(self, params: Params, files: Any) -> Params:
        with self._cond:
            pending = sum(1 for _, sent in self._pending if not sent)
        return {"url": self.webhook_url, "has_custom_certificate": False, "pending_update_count": pending}


class _BadRequest(Exception):
    pass


async def _read_params(request: web.Request) -> tuple[Params, dict[str, tuple[str, bytes]]]:
    """The call's parameters, however the framework sent them (query, JSON, form, multipart)."""
    raw: dict[str, Any] = dict(request.query)
    files: dict[str, tuple[str, bytes]] = {}
    if request.content_type == "application/json":
        raw.update(await request.json())
    elif request.can_read_body:
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                files[key] = (value.filename, value.file.read())
            else:
                raw[key] = value
    params: Params = {}
    for key, value in raw.items():
        if not isinstance(value, str):
            params[key] = value
        elif value.startswith("attach://") and value[9:] in files:
            files[key] = files.pop(value[9:])  # aiogram names the file part and points at it
        elif key in JSON_FIELDS:
            params[key] = json.loads(value)
        elif key in INT_FIELDS:
            params[key] = int(value) if value.lstrip("-").isdigit() else value
        elif key in BOOL_FIELDS:
            params[key] = value.lower() == "true"
        else:
            params[key] = value
    return params, files


class BotThread:
    """An adapter's `serve(settings, engine, stop=…, ready=…)` running in its own thread and event loop,
    so a plain test can talk to it through the server and stop it at the end."""

    def __init__(self, serve: Callable[..., Any], *args: Any, **kwargs: Any):
        self._serve, self._args, self._kwargs = serve, args, kwargs
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._main, name="bot", daemon=True)
        self.error: BaseException | None = None

    def start(self, timeout: float = 10) -> BotThread:
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError(f"the bot did not start: {self.error!r}")
        if self.error:
            raise self.error
        return self

    def stop(self, timeout: float = 10) -> None:
        if self._loop and self._stop and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise RuntimeError("the bot did not stop")
        if self.error:
            raise self.error

    def __enter__(self) -> BotThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _main(self) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            await self._serve(*self._args, stop=self._stop, ready=self._ready.set, **self._kwargs)

        try:
            asyncio.run(main())
        except BaseException as exc:  # handed to the test thread by start() or stop()
            self.error = exc
            self._ready.set()
