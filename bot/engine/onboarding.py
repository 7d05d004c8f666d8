"""Getting a shop going: /start creates one in a few questions, invites bring people in, groups get bound.

```mermaid
stateDiagram-v2
    [*] --> onboard_name: /start (no shop)
    onboard_name --> onboard_locale: shop name typed
    onboard_locale --> onboard_region: language pressed
    onboard_region --> [*]: currency and time zone pressed (or typed) -> shop created, user is owner
```

Someone in several shops (an owner with a second shop, staff of two) picks the one their private chat
works on with /shop; `/shop new` creates another. A group works for the one shop it is bound to.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from bot.engine.engine import MANAGERS, DraftOpen, NoShop, Turn
from bot.engine.events import Button
from bot.engine.words import describe
from bot.i18n import LOCALES, REGIONS
from bot.parse.text import fold
from core import shops
from core.errors import Forbidden, LapakError, NotAMember
from core.shops import ShopView

_JOIN = re.compile(r"^join-([A-Za-z0-9_-]{4,64})$")
_LANGUAGE_NAMES = {"id": "🇮🇩 Bahasa Indonesia", "vi": "🇻🇳 Tiếng Việt", "en": "🇬🇧 English"}
_FLAGS = {"id": "🇮🇩", "vi": "🇻🇳", "en": "🇲🇾"}
# Typed instead of pressed (folded: no accents, lower case).
_LANGUAGE_WORDS = {"id": {"id", "indonesia", "bahasa indonesia", "bahasa", "indo"},
                   "vi": {"vi", "viet", "tieng viet", "vietnamese", "viet nam", "vietnam"},
                   "en": {"en", "english", "inggris", "tieng anh"}}
_REGION_WORDS = {"id": {"idr", "indonesia", "rupiah"}, "vi": {"vnd", "vietnam", "viet nam", "dong"},
                 "en": {"myr", "malaysia", "ringgit", "rm"}}


def start(turn: Turn, args: str) -> None:
    if turn.in_group:
        if turn.shop is None:
            return turn.say("start.group_unbound")
        return turn.say("start.group", shop=turn.shop.name)
    join = _JOIN.match(args.strip())
    if join:
        shop, role = shops.join_shop(turn.s, join.group(1), turn.user, now=turn.now)
        turn.take_up(shop, role)
        turn.chat.set_ask(None)
        return turn.say("start.joined", shop=shop.name, role=turn.tr(f"role.{role}"))
    if turn.shop is not None and turn.role is not None:
        turn.chat.set_ask(None)
        key = "start.owner" if turn.role == "owner" else "start.member"
        return turn.say(key, shop=turn.shop.name, role=turn.tr(f"role.{turn.role}"))
    locale = turn.tr.locale
    turn.chat.set_ask("onboard_name", locale=locale)
    turn.say("onboard.welcome")


def answer(turn: Turn, text: str) -> None:
    data = dict(turn.chat.ask_data)
    if turn.chat.ask == "onboard_name":
        name = " ".join(text.split())
        if "\n" in text.strip() or len(name) > 60:  # an order pasted before the shop exists
            return turn.say("onboard.welcome")
        if sum(ch.isdigit() for ch in name) >= 7:  # a phone number in it: an order, or a staff member's
            return turn.say("onboard.not_a_name")  # message who has not opened their invite link yet
        turn.chat.set_ask("onboard_locale", **data, name=name)
        buttons = [[Button(_LANGUAGE_NAMES[loc], f"s:l:{loc}")] for loc in _ordered(data.get("locale"))]
        return turn.send(turn.tr("onboard.language", name=name), buttons)
    said = fold(" ".join(text.split())).strip(" .!")
    if turn.chat.ask == "onboard_region":
        # A typed answer: `VND`, `Malaysia`, or "SGD Asia/Singapore" — any ISO currency and IANA zone.
        region = next((REGIONS[loc] for loc, words in _REGION_WORDS.items() if said in words), None)
        if region is not None:
            return _create(turn, region.currency, region.timezone)
        parts = text.split()
        if len(parts) == 2:
            try:  # the core checks currency and zone before it writes anything
                return _create(turn, parts[0].upper(), parts[1])
            except LapakError as exc:
                turn.send(describe(exc, turn.tr))  # then the choice again
        return _ask_region(turn, data)
    typed = next((loc for loc, words in _LANGUAGE_WORDS.items() if said in words), None)
    if typed is not None:  # `Tiếng Việt`, `english` typed instead of pressed
        return _choose_language(turn, data, typed)
    # Still waiting for a button: show the choice again.
    buttons = [[Button(_LANGUAGE_NAMES[loc], f"s:l:{loc}")] for loc in _ordered(data.get("locale"))]
    turn.send(turn.tr("onboard.language", name=data.get("name", "")), buttons)


def press(turn: Turn, data: str) -> None:
    _, kind, value = (data.split(":") + ["", ""])[:3]
    ask = dict(turn.chat.ask_data)
    if turn.chat.ask not in ("onboard_locale", "onboard_region") or value not in LOCALES:
        return turn.answer(turn.tr("onboard.stale"))
    if kind == "l":
        turn.answer()
        return _choose_language(turn, ask, value)
    if kind == "r":
        region = REGIONS[value]
        turn.answer()
        return _create(turn, region.currency, region.timezone)
    turn.answer()


def _choose_language(turn: Turn, ask: dict[str, str], locale: str) -> None:
    turn.tr = turn.engine.translator(locale)
    ask["locale"] = locale
    turn.chat.set_ask("onboard_region", **ask)
    _ask_region(turn, ask)


def _ask_region(turn: Turn, ask: dict[str, str]) -> None:
    first = ask.get("locale", "en")
    buttons = [[Button(f"{_FLAGS[loc]} {REGIONS[loc].currency} · {REGIONS[loc].timezone}", f"s:r:{loc}")]
               for loc in _ordered(first)]
    turn.send(turn.tr("onboard.region", currency=REGIONS[first].currency,
                      timezone=REGIONS[first].timezone), buttons)


def _create(turn: Turn, currency: str, timezone: str) -> None:
    ask = turn.chat.ask_data
    locale = ask.get("locale", "en")
    shop = shops.create_shop(turn.s, name=ask.get("name") or "Lapak", currency=currency, locale=locale,
                             timezone=timezone, owner_user_id=turn.user)
    turn.take_up(shop, "owner")
    turn.chat.set_ask(None)
    turn.say("onboard.done", shop=shop.name, currency=shop.currency, timezone=shop.timezone)


def _ordered(first: str | None) -> list[str]:
    return sorted(LOCALES, key=lambda loc: loc != first)


def invite(turn: Turn, args: str) -> None:
    role = (args.split() or ["staff"])[0].lower()
    if role not in ("staff", "admin"):
        from bot.engine.engine import Usage

        raise Usage("invite")
    shop = turn.need(MANAGERS, "invite")
    if turn.in_group:  # a one-time link posted in a group is anyone's to take
        return turn.say("error.invite_in_group")
    code = shops.create_invite(turn.s, shop.id, role, by_user=turn.user, now=turn.now)
    link = f"https://t.me/{turn.engine.bot_username}?start=join-{code}"
    turn.say("invite.link", role=turn.tr(f"role.{role}"), link=link, shop=shop.name)


def bind(turn: Turn, args: str) -> None:
    if not turn.in_group:
        return turn.say("bind.private")
    mine = [(shop, role) for shop, role in shops.shops_of_user(turn.s, turn.user)]
    if not mine:
        if turn.shop is not None:
            raise NotAMember(turn.user)
        raise NoShop(False)
    managed = [(shop, role) for shop, role in mine if role in MANAGERS]
    if not managed:
        shop, role = mine[0]
        turn.use_shop(shop, role)
        raise Forbidden("bind", role)
    if len(managed) > 1:  # which one: the group works for one shop
        return turn.send(turn.tr("bind.choose"), [[Button(shop.name, f"b:{shop.id}")] for shop, _ in managed])
    _bind(turn, *managed[0])


def bind_press(turn: Turn, data: str) -> None:
    """The shop chosen for this group, by someone who manages it."""
    chosen = data.partition(":")[2]
    mine = shops.shops_of_user(turn.s, turn.user)
    managed = next(((shop, role) for shop, role in mine if str(shop.id) == chosen), None)
    if managed is None:
        raise NotAMember(turn.user)
    if managed[1] not in MANAGERS:
        turn.use_shop(*managed)  # refused in that shop's language
        raise Forbidden("bind", managed[1])
    turn.answer()
    _bind(turn, *managed)


def _bind(turn: Turn, shop: ShopView, role: str) -> None:
    if turn.shop is not None and turn.shop.id == shop.id:
        return turn.say("bind.already", shop=shop.name)
    shops.bind_group(turn.s, shop.id, turn.event.chat_id, by_user=turn.user)
    turn.use_shop(shop, role)
    turn.say("bind.done", shop=shop.name)


def group_upgraded(turn: Turn, old_chat_id: int) -> None:
    """A bound group became a supergroup (Telegram gives it a new id): it stays bound, silently, so the
    next order's card goes to it and its commands keep working."""
    shops.move_group(turn.s, old_chat_id, turn.event.chat_id)


def bot_removed(turn: Turn) -> None:
    """The bot was taken out of a bound group: the group is unbound, so new cards stop going where
    nobody reads them, and the shop's owners and admins hear it privately, with how to connect it again."""
    shop = turn.shop
    if shop is None:
        return
    shops.unbind_group(turn.s, shop.id, turn.event.chat_id, by_user=None)
    text = turn.tr("bind.removed", group=turn.event.chat_title or turn.event.chat_id, shop=shop.name)
    for user, role in shops.members(turn.s, shop.id):
        if role in MANAGERS:
            turn.send(text, chat_id=user)


def unbind(turn: Turn, args: str) -> None:
    if not turn.in_group:
        return turn.say("bind.private_unbind")
    shop = turn.need(MANAGERS, "unbind")
    shops.unbind_group(turn.s, shop.id, turn.event.chat_id, by_user=turn.user)
    turn.say("bind.undone", shop=shop.name)


_NEW = {"new", "baru", "mới", "moi"}


def shop_command(turn: Turn, args: str) -> None:
    """`/shop`: the user's shops, the current one marked, the others a press away; `/shop NAME` switches
    at once; `/shop new` creates another. In a group: which shop the group works for."""
    if turn.in_group:
        if turn.shop is None:
            raise NoShop(True)
        return turn.say("shop.group", shop=turn.shop.name)
    wanted = " ".join(args.split())
    if wanted.lower() in _NEW:
        return _new_shop(turn)
    mine = [m for m in turn.mine if m.role is not None]
    if not mine:
        raise NoShop(False)
    if wanted:
        found = [m for m in mine if wanted.lower() in (m.shop.name.lower(), str(m.shop.id))]
        if len(found) == 1:
            return _switch(turn, found[0].shop, found[0].role)
        turn.say("shop.unknown", text=wanted)
    current = turn.shop.id if turn.shop is not None else None
    rows = Markup("\n").join(
        turn.tr("shop.current" if m.shop.id == current else "shop.line", name=m.shop.name,
                role=turn.tr(f"role.{m.role}")) for m in mine)
    buttons = [[Button(m.shop.name, f"h:{m.shop.id}")] for m in mine if m.shop.id != current]
    buttons.append([Button(str(turn.tr("shop.new_button")), "h:new")])
    turn.send(Markup("\n").join((turn.tr("shop.list"), rows, turn.tr("shop.pick"))), buttons)


def shop_press(turn: Turn, data: str) -> None:
    """A shop pressed in the /shop list (or New shop)."""
    chosen = data.partition(":")[2]
    if turn.in_group:
        return turn.answer()
    if chosen == "new":
        turn.answer()
        return _new_shop(turn)
    found = next((m for m in turn.mine if str(m.shop.id) == chosen and m.role is not None), None)
    if found is None:
        raise NotAMember(turn.user)
    turn.answer()
    _switch(turn, found.shop, found.role)


def _switch(turn: Turn, shop: ShopView, role: str | None) -> None:
    turn.take_up(shop, role)
    turn.say("shop.switched", shop=shop.name, role=turn.tr(f"role.{role}"))


def _new_shop(turn: Turn) -> None:
    """Onboarding again, for a user who already works in a shop; their open draft stays theirs to finish."""
    if turn.chat.draft is not None:
        raise DraftOpen(turn.shop.name if turn.shop is not None else "")
    turn.chat.set_ask("onboard_name", locale=turn.tr.locale)
    turn.say("shop.new")
