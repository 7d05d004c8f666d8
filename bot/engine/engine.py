"""The Engine: one event in, one transaction, a list of actions out."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from markupsafe import Markup
from sqlalchemy.engine import Connection
from sqlalchemy.engine import Engine as Database
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.engine import state
from bot.engine.events import Action, Answer, Incoming, Keyboard, Send
from bot.engine.words import describe
from bot.i18n import Translator, guess_locale, plain_text
from core.errors import Forbidden, LapakError, NotAMember

if TYPE_CHECKING:
    from bot.engine.catalogs import ShopCatalog
    from core.shops import ShopView

log = logging.getLogger("lapak.engine")

MEMBERS = frozenset({"owner", "admin", "staff"})
MANAGERS = frozenset({"owner", "admin"})
# Telegram redelivers an update for at most a day and a callback id is never reused: the ids applied are
# kept a week, and the older ones dropped about once an hour (the table would otherwise grow forever).
CLAIMS_KEPT = timedelta(days=7)
FORGET_EVERY = timedelta(hours=1)


class NoShop(LapakError):
    """The user has no shop to act on here (a stranger in private, or an unbound group)."""

    def __init__(self, in_group: bool):
        self.in_group = in_group
        super().__init__("this group is not bound to a shop" if in_group else "no shop yet")


class DraftOpen(LapakError):
    """An order draft of one shop is open in this chat: taking up another shop now would hand it that
    draft, so the user confirms or discards it first (nothing else of the event is kept)."""

    def __init__(self, shop: str):
        self.shop = shop
        super().__init__(f"a draft for {shop} is open")


class Usage(LapakError):
    """A command written the wrong way; `key` names the catalog's usage sentence."""

    def __init__(self, key: str):
        self.key = key
        super().__init__(f"usage: {key}")


class StockAmount(LapakError):
    """`/stock add SKU n` with an n that is no count of goods: not a whole number, zero, or absurdly large."""

    def __init__(self, sku: str, amount: str):
        self.sku, self.amount = sku, amount
        super().__init__(f"{amount!r} is not an amount of {sku} to count in or out")


class StockBelowZero(LapakError):
    """`/stock add SKU -n` taking out more than is there (a stock count, not an order: no draft to fix)."""

    def __init__(self, sku: str, available: int, taken: int):
        self.sku, self.available, self.taken = sku, available, taken
        super().__init__(f"{sku}: only {available} available, cannot take out {taken}")


@dataclass
class Turn:
    """Everything one event's handlers share: the event, its transaction, its chat, its shop, its words."""

    engine: Engine
    conn: Connection  # the event's transaction, shared by the engine's statements and the core's session
    event: Incoming
    now: datetime
    chat: state.Chat
    shop: ShopView | None
    role: str | None
    tr: Translator
    versions: dict[int, int] = field(default_factory=dict)  # catalog version of each shop read with the chat
    mine: list[state.Membership] = field(default_factory=list)  # the shops this user acts on here, best first
    actions: list[Action] = field(default_factory=list)
    _catalog: ShopCatalog | None = None
    _session: Session | None = None

    @property
    def s(self) -> Session:
        """The core's unit of work, opened on the event's transaction when a handler first calls the core."""
        if self._session is None:
            self._session = Session(bind=self.conn, expire_on_commit=False)
        return self._session

    def end(self, *, keep: bool) -> None:
        """Write what the core's session holds (when `keep`) and let it go; the transaction ends after."""
        if self._session is not None:
            if keep:
                self._session.flush()
            self._session.close()

    @property
    def user(self) -> int:
        return self.event.user_id

    @property
    def in_group(self) -> bool:
        return self.event.chat_type == "group"

    def send(self, text: str, buttons: Keyboard | None = None, *, track: str | None = None,
             chat_id: int | None = None) -> None:
        self.actions.append(Send(chat_id if chat_id is not None else self.event.chat_id, str(text),
                                 buttons or [], track=track))

    def say(self, key: str, **params: object) -> None:
        self.send(self.tr(key, **params))

    def ask(self, key: str, **params: object) -> None:
        """A question answered by this user's next message. In a group Telegram hands a bot only the
        messages that reply to it (privacy mode, on by default), so there the question makes Telegram
        open a reply for this user alone: it replies to their command, or names them after a press."""
        ev = self.event
        if not self.in_group:
            return self.say(key, **params)
        text = self.tr(key, **params)
        if ev.callback_id:  # a press has no message of theirs to reply to
            who = Markup('<a href="tg://user?id={}">{}</a>').format(ev.user_id, ev.user_name or ev.user_id)
            text = self.tr.addressed(who, text)
        self.actions.append(Send(ev.chat_id, str(text), reply_to=None if ev.callback_id else ev.message_id,
                                 force_reply=True))
        return None

    def answer(self, text: str | None = None, *, alert: bool = False) -> None:
        if self.event.callback_id:
            shown = None if text is None else plain_text(text)  # an alert or toast shows no HTML
            self.actions.append(Answer(self.event.callback_id, shown, alert))

    def need(self, roles: frozenset[str], action: str) -> ShopView:
        """The shop to act on, if this user's role allows `action`; a refusal otherwise."""
        if self.shop is None:
            raise NoShop(self.in_group)
        if self.role is None:
            raise NotAMember(self.user)
        if self.role not in roles:
            raise Forbidden(action, self.role)
        return self.shop

    def use_shop(self, shop: ShopView, role: str | None) -> None:
        self.shop, self.role = shop, role
        self.tr = self.engine.translator(shop.locale)

    def take_up(self, shop: ShopView, role: str | None) -> None:
        """Work on `shop` in this chat from now on (joined, created, switched to); refused while a draft of
        another shop is open here, which would otherwise be confirmed into this one."""
        chat = self.chat
        if chat.draft is not None and chat.shop_id not in (None, shop.id):
            raise DraftOpen(next((m.shop.name for m in self.mine if m.shop.id == chat.shop_id), ""))
        self.use_shop(shop, role)
        chat.shop_id = shop.id
        chat.touch()

    def catalog(self) -> ShopCatalog:
        """The shop's catalog, looked up once per event (its version was read with the chat)."""
        shop = self.shop
        assert shop is not None
        if self._catalog is None or self._catalog.shop_id != shop.id:
            version = self.versions.get(shop.id)
            if version is None:  # a shop taken up during the event (joined, created, pressed on)
                version = self.versions[shop.id] = state.catalog_version(self.conn, shop.id)
            self._catalog = self.engine.catalog_of(self, shop, version)
        return self._catalog

    def catalog_changed(self) -> ShopCatalog:
        """The shop's catalog as this event's transaction has just changed it, read again and kept out of
        the engine's cache: the change may still roll back, and the cache knows catalogs by version."""
        from bot.engine.catalogs import ShopCatalog

        shop = self.shop
        assert shop is not None
        version = self.versions[shop.id] = state.catalog_version(self.conn, shop.id)
        self._catalog = ShopCatalog.load(self.s, shop, version)
        return self._catalog


class _Writes:
    """The connection each event's transaction runs on.

    SQLite takes one writer at a time, and the adapters handle several updates at once in threads:
    they take turns here, on a lock, instead of in SQLite's busy handler, which sleeps 1–100 ms
    between tries (other processes still meet that), and share one connection kept open, with no
    pool checkout, reset and return per event. PostgreSQL writers run side by side, each on a
    connection from the pool.
    """

    def __init__(self, db: Database):
        self.db = db
        self.serial = db.dialect.name == "sqlite"
        self._lock = threading.Lock()
        self._conn: Connection | None = None

    def connection(self) -> AbstractContextManager[Connection]:
        """`with writes.connection() as conn:` the connection to run one event's statements on."""
        return self if self.serial else self.db.connect()

    # SQLite: the object itself is the context (one holder at a time, under the lock).
    def __enter__(self) -> Connection:
        self._lock.acquire()
        try:
            if self._conn is None or self._conn.closed or self._conn.invalidated:
                self._conn = self.db.connect()
        except BaseException:
            self._lock.release()
            raise
        return self._conn

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _tb: object) -> None:
        try:
            broken = kind is not None and not issubclass(kind, (LapakError, _Redelivered))
            if broken and self._conn is not None:
                # Anything but a refusal may have left the connection unusable (a closed file, a failed
                # BEGIN): the next event opens a fresh one. (A refusal was rolled back as usual.)
                conn, self._conn = self._conn, None
                conn.invalidate()
                conn.close()
        finally:
            self._lock.release()


class Engine:
    """Turns neutral events into actions; thread-safe, all state in the database."""

    def __init__(self, db: Database, *, bot_username: str = "lapak_bot",
                 now: Callable[[], datetime] | None = None):
        self.db = db
        self.bot_username = bot_username.lstrip("@")
        self._now = now or (lambda: datetime.now(UTC))
        self._catalogs: dict[int, ShopCatalog] = {}
        self._translators = {loc: Translator(loc) for loc in ("id", "vi", "en")}
        self._names: dict[int, str] = {}
        self._lock = threading.Lock()
        self._writes = _Writes(db)
        self._forget_at: datetime | None = None  # when old claims are next dropped (None: at the first event)

    # -- the adapters' API -------------------------------------------------------------------

    def handle(self, event: Incoming) -> list[Action]:
        """Apply one event once; a redelivered update_id or callback id returns []."""
        keys = _keys(event)
        now = self._now()
        turn: Turn | None = None
        try:
            with self._writes.connection() as conn, conn.begin():
                # Claimed first: a redelivery (or a second worker) fails right here, before any work.
                if keys and not state.claim(conn, keys, now):
                    raise _Redelivered
                turn = self._turn(conn, event, now)
                kept = False
                try:
                    self._dispatch(turn)
                    state.save_chat(conn, turn.chat, now)
                    kept = True
                finally:
                    turn.end(keep=kept)
            if self._forget_at is None or now >= self._forget_at:
                self._forget_old_claims(now)
            return turn.actions
        except _Redelivered:
            return []
        except IntegrityError:
            if keys and self._applied(keys):
                return []  # another worker applied the same update at the same moment
            return self._failed(event, turn)
        except LapakError as exc:
            return self._refused(event, turn, exc, keys)
        except Exception:
            return self._failed(event, turn)

    def record_sent(self, track: str, chat_id: int, message_id: int) -> None:
        """The adapter sent a tracked message (an order card): remember its id so it can be edited later."""
        kind, _, rest = track.partition(":")
        if kind == "card":
            shop_id, _, number = rest.partition(":")
            # One INSERT in the driver's own transaction (SQLite commits it by itself), no BEGIN round trip.
            with self._writes.connection() as conn:
                state.add_card(conn, int(shop_id), int(number), chat_id, message_id, self._now())
                conn.connection.commit()

    def _forget_old_claims(self, now: datetime) -> None:
        """Drop the update and callback ids applied more than CLAIMS_KEPT ago, in a transaction of its own;
        a failure is logged and tried again at the next due time, never the event's concern."""
        self._forget_at = now + FORGET_EVERY
        try:
            with self._writes.connection() as conn, conn.begin():
                gone = state.forget_claims(conn, now - CLAIMS_KEPT)
        except Exception:
            log.exception("could not drop the applied update ids older than %s", now - CLAIMS_KEPT)
            return
        if gone:
            log.info("dropped %d applied update ids older than %s", gone, now - CLAIMS_KEPT)

    def commands(self, locale: str) -> list[tuple[str, str]]:
        from bot.engine.commands import menu

        return menu(self.translator(locale))

    # -- wiring ------------------------------------------------------------------------------

    def translator(self, locale: str) -> Translator:
        return self._translators.get(locale) or self._translators["en"]

    def catalog_of(self, turn: Turn, shop: ShopView, version: int) -> ShopCatalog:
        """The shop's products and parser, rebuilt only when the catalog version changes."""
        from bot.engine.catalogs import ShopCatalog

        cached = self._catalogs.get(shop.id)
        if cached is None or cached.version != version or cached.locale != shop.locale \
                or cached.currency != shop.currency:
            cached = ShopCatalog.load(turn.s, shop, version)
            with self._lock:
                self._catalogs[shop.id] = cached
        return cached

    def remember_name(self, conn: Connection, user_id: int, name: str) -> None:
        state.remember_name(conn, user_id, name, self._names)

    def names(self, conn: Connection, user_ids: set[int]) -> dict[int, str]:
        """Display names for cards; the ones this process wrote itself need no query."""
        known = {u: self._names[u] for u in user_ids if u in self._names}
        missing = user_ids - set(known)
        return known | state.names_of(conn, missing) if missing else known

    def _turn(self, conn: Connection, event: Incoming, now: datetime) -> Turn:
        chat, mine = state.load(conn, event.chat_id, event.user_id, group=event.chat_type == "group")
        shop = mine[0].shop if mine else None
        role = mine[0].role if mine else None
        locale = shop.locale if shop else chat.ask_data.get("locale") or guess_locale(event.language_code)
        return Turn(self, conn, event, now, chat, shop, role, self.translator(locale),
                    versions={m.shop.id: m.catalog_version for m in mine}, mine=mine)

    def _dispatch(self, turn: Turn) -> None:
        from bot.engine import router

        stranger = turn.role is None
        self._remember(turn)  # a member's name, for the cards this event renders
        router.dispatch(turn)
        if stranger:
            self._remember(turn)  # someone who just joined or created a shop

    def _remember(self, turn: Turn) -> None:
        """A member's display name, for "packed by Rina" on cards and /team (stored once per change)."""
        if turn.role is not None and turn.event.user_name:
            self.remember_name(turn.conn, turn.user, turn.event.user_name)

    def _applied(self, keys: list[str]) -> bool:
        with self.db.connect() as conn:
            return state.already_applied(conn, keys)

    def _refused(self, event: Incoming, turn: Turn | None, exc: LapakError, keys: list[str]) -> list[Action]:
        """A domain error: nothing of the event was kept; say why in one sentence, once."""
        tr = turn.tr if turn else self.translator(guess_locale(event.language_code))
        try:
            with self._writes.connection() as conn, conn.begin():
                if keys and not state.claim(conn, keys, self._now()):
                    raise _Redelivered
        except (_Redelivered, IntegrityError):
            return []
        text = str(describe(exc, tr))
        if event.callback_id:  # an alert is plain text, and cut short only after its entities are decoded
            return [Answer(event.callback_id, plain_text(text)[:190], alert=True)]
        return [Send(event.chat_id, text)]

    def _failed(self, event: Incoming, turn: Turn | None) -> list[Action]:
        shown = replace(event, document=None) if event.document else event  # not megabytes of CSV
        log.exception("could not handle %r (document: %s bytes)", shown,
                      len(event.document) if event.document else 0)
        tr = turn.tr if turn else self.translator(guess_locale(event.language_code))
        text = str(tr("error.unexpected"))
        if event.callback_id:
            return [Answer(event.callback_id, text, alert=True)]
        return [Send(event.chat_id, text)]


class _Redelivered(Exception):
    """The update was applied before: leave the transaction (rolling it back) and answer nothing."""


def _keys(event: Incoming) -> list[str]:
    keys = []
    if event.update_id is not None:
        keys.append(f"u:{event.update_id}")
    if event.callback_id is not None:
        keys.append(f"c:{event.callback_id}")
    return keys
