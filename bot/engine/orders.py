"""Order cards: posted where the shop works, moved by buttons or commands, edited in place everywhere."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import NamedTuple

from markupsafe import Markup

from bot.engine import render, state
from bot.engine.engine import MANAGERS, MEMBERS, Turn, Usage
from bot.engine.events import Edit
from bot.engine.words import describe
from bot.engine.words import status as status_word
from core import lifecycle, shops
from core import orders as core_orders
from core.draft import OTHER_COURIER
from core.errors import LapakError, NotAllowed
from core.money import Money
from core.order_views import OrderView
from core.shops import ShopView

_NUMBER = re.compile(r"^#?(\d{1,9})[.,;]?$")
_LEADING_NUMBER = re.compile(r"\s*#?(\d{1,9})(?:[.,;]|\s|$)")
_COURIER_WORDS = 4  # the longest courier name in the lexicons (`dhl ecommerce`, `giao hàng tiết kiệm`)
# A courier the lexicon does not know, named before a waybill: words of letters (`lalamove`, `mr speedy`),
# not a waybill's prefix typed apart from its figures (`JP 777`).
_OTHER_COURIER = re.compile(r"^[^\W\d_][^\W\d]{2,}$")
# Steps that need one more answer before they can happen, and how long the bot waits for it.
_ASKS = {"shipped": "waybill", "cancelled": "reason"}
ASK_FOR = timedelta(minutes=30)


def post_new(turn: Turn, order: OrderView, *, here: int | None) -> None:
    """A confirmed order: the draft card becomes the order card, and every bound group gets one.
    An owner or admin confirming in private sees the order's cost and profit there; groups never do."""
    assert turn.shop is not None
    cards = _Cards(turn, order)
    chat_id = turn.event.chat_id
    text, buttons = cards.text(costs=_sees_costs(turn, chat_id)), cards.buttons
    if here is not None:
        turn.actions.append(Edit(chat_id, here, text, buttons))
        state.add_card(turn.conn, turn.shop.id, order.number, chat_id, here, turn.now)
    else:
        turn.send(text, buttons, track=f"card:{turn.shop.id}:{order.number}")
    for group in state.groups_of(turn.conn, turn.shop.id):
        if group != chat_id:
            turn.send(cards.text(costs=False), buttons, chat_id=group,
                      track=f"card:{turn.shop.id}:{order.number}")


class _Cards:
    """An order's card as each place shows it (with or without costs), each text rendered once."""

    def __init__(self, turn: Turn, order: OrderView):
        assert turn.shop is not None
        self.turn, self.order = turn, order
        self.names = turn.engine.names(turn.conn, {e.by_user for e in order.events if e.by_user is not None})
        self.buttons = render.order_buttons(turn.tr, turn.shop.id, order.number, order.status)
        self._card: render.OrderCard | None = None

    def text(self, *, costs: bool) -> str:
        if self._card is None:
            assert self.turn.shop is not None
            self._card = render.order_card(self.turn.tr, self.order, self.turn.shop.timezone, self.names)
        return self._card.text(costs=costs)


def _sees_costs(turn: Turn, chat_id: int) -> bool:
    """Whether a card in `chat_id` shows cost and profit: only in the private chat of an owner or admin
    (a private chat's id is its user's; a group's is never a member's)."""
    assert turn.shop is not None
    if chat_id == turn.event.chat_id:
        return turn.role in MANAGERS and not turn.in_group
    return shops.role_of(turn.conn, turn.shop.id, chat_id) in MANAGERS


def show(turn: Turn, number: int) -> None:
    shop = turn.need(MEMBERS, "see orders")
    order = core_orders.get_order(turn.conn, shop.id, number)
    cards = _Cards(turn, order)
    turn.send(cards.text(costs=_sees_costs(turn, turn.event.chat_id)), cards.buttons,
              track=f"card:{shop.id}:{number}")


def move(turn: Turn, number: int, to: str, *, courier: str | None = None, waybill: str | None = None,
         reason: str | None = None, note: str | None = None) -> OrderView:
    """Apply one transition through the core and edit every card of that order."""
    shop = turn.need(MEMBERS, "move orders")
    order = core_orders.move_order(turn.conn, shop.id, number, to, by_user=turn.user,
                                   source_chat=turn.event.chat_id, courier=courier, waybill=waybill,
                                   reason=reason, note=note, now=turn.now)
    _refresh(turn, order)
    return order


def _moved(turn: Turn, order: OrderView) -> dict[str, object]:
    """What `done.moved` says: '#1001 is now packed'."""
    return {"number": order.number, "status": status_word(turn.tr, order.status, mid=True)}


def _refresh(turn: Turn, order: OrderView) -> None:
    """Edit the order's card wherever it was posted, and the one just pressed; an owner's private card
    keeps its cost and profit."""
    assert turn.shop is not None
    cards = _Cards(turn, order)
    where = state.cards_of(turn.conn, turn.shop.id, order.number)
    ev = turn.event
    if ev.callback_id and ev.message_id is not None and (ev.chat_id, ev.message_id) not in where:
        where.append((ev.chat_id, ev.message_id))
    groups = set(state.groups_of(turn.conn, turn.shop.id)) if len(where) > 1 else set()
    for chat_id, message_id in where:
        costs = chat_id not in groups and _sees_costs(turn, chat_id)
        turn.actions.append(Edit(chat_id, message_id, cards.text(costs=costs), cards.buttons))


def press(turn: Turn, data: str) -> None:
    """A button on an order card: `o:<shop>:<number>:<status>`."""
    try:
        _, shop_id, number, to = data.split(":")
        shop = _act_on(turn, int(shop_id))
    except (ValueError, LapakError):
        return turn.answer()
    turn.need(MEMBERS, "move orders")
    if to in _ASKS:
        current = core_orders.get_order(turn.conn, shop.id, int(number))
        _may_move(current, to)  # an old card's button: refused now, not after the waybill or reason
        if current.status != to:
            _ask_for(turn, _ASKS[to], shop=shop.id, number=int(number))
            turn.answer()
            return turn.ask(f"ask.{_ASKS[to]}", number=number, courier=current.courier or _courier(turn))
    order = move(turn, int(number), to)
    turn.answer(turn.tr("done.moved", **_moved(turn, order)))


def _ask_for(turn: Turn, kind: str, **data: object) -> None:
    """Wait for Shipped's waybill or Cancel's reason, for a while: a message much later is not one."""
    data.pop("asked", None)
    turn.chat.set_ask(kind, asked=turn.now.timestamp(), **data)


def pending(turn: Turn) -> str | None:
    """The waybill or reason question this user still has open here, if any; one asked more than
    ASK_FOR ago is dropped."""
    kind = turn.chat.ask
    if kind not in _ASKS.values():
        return None
    if turn.now.timestamp() - float(turn.chat.ask_data.get("asked", 0)) > ASK_FOR.total_seconds():
        turn.chat.set_ask(None)
        return None
    return kind


def _may_move(order: OrderView, to: str) -> None:
    """Refuse a move before asking for its waybill or reason, not after they were typed."""
    if order.status != to and to not in lifecycle.next_steps(order.status):
        raise NotAllowed("fulfilment", order.status, to, order.number)


def _act_on(turn: Turn, shop_id: int) -> ShopView:
    """The shop a card belongs to becomes the turn's shop; the one loaded with the chat needs no lookup."""
    if turn.shop is None or turn.shop.id != shop_id:
        shop = shops.get_shop(turn.s, shop_id)
        turn.use_shop(shop, shops.role_of(turn.s, shop.id, turn.user))
    assert turn.shop is not None
    return turn.shop


def answer(turn: Turn, text: str) -> None:
    """The waybill for Shipped, or the reason for Cancel, asked after a press or a short command."""
    data, kind = turn.chat.ask_data, turn.chat.ask
    turn.chat.set_ask(None)
    _act_on(turn, int(data["shop"]))
    number = int(data["number"])
    if kind == "waybill":
        sent = _shipment(turn, text.split())
        if sent is None or not sent.waybill:
            _ask_for(turn, "waybill", **data)
            example = data.get("other") or data.get("courier") or _courier(turn)
            return turn.ask("ask.waybill", number=number, courier=example)
        if sent.courier is None and "courier" in data:  # `/ship 1001 jnt`, then the waybill alone
            sent = Shipment(data["courier"], data.get("other"), sent.waybill)
        order = move(turn, number, "shipped", courier=sent.courier, waybill=sent.waybill, note=sent.other)
    else:
        return _cancel_all(turn, [number, *data.get("more", [])], text)
    turn.say("done.moved", **_moved(turn, order))


def _courier(turn: Turn) -> str:
    """The courier a waybill example names when the order has none yet: one the shop's sellers use."""
    return str(turn.tr("example.courier"))


class Shipment(NamedTuple):
    courier: str | None  # a courier's code; OTHER_COURIER for one without; None when none was named
    other: str | None  # that courier's name as typed, when it has no code (`lalamove`)
    waybill: str | None


def _shipment(turn: Turn, words: list[str]) -> Shipment | None:
    """`J&T JP777`, `viettel post VT555`, `lalamove LL1`, `JP777`: the courier read with the order parser's
    courier words, then the waybill as typed. None when the words are no courier and one waybill."""
    lex = turn.catalog().parser.lex
    for n in range(min(len(words), _COURIER_WORDS), 0, -1):
        code = lex.courier_of(" ".join(words[:n]))
        if code is not None:
            named, rest = " ".join(words[:n]), words[n:]
            break
    else:
        if len(words) == 1 and _OTHER_COURIER.match(words[0]):
            return Shipment(OTHER_COURIER, words[0], None)  # `lalamove`: a courier, the waybill to come
        if not words:
            return Shipment(None, None, None)
        if len(words) == 1:
            return Shipment(None, None, words[0]) if _waybill(words) else None
        if len(words) > 1 + _COURIER_WORDS or not all(_OTHER_COURIER.match(w) for w in words[:-1]):
            return None
        named, rest, code = " ".join(words[:-1]), words[-1:], "none"
    if len(rest) > 1 or (rest and not _waybill(rest)):
        return None  # `jnt JP 777`: a waybill is one word, so which is it? `jnt ok`: no waybill at all
    waybill = rest[0] if rest else None
    return Shipment(code, None, waybill) if code != "none" else Shipment(OTHER_COURIER, named, waybill)


def reads_as_waybill(turn: Turn, text: str) -> bool:
    """`JP1234567890`, `sicepat 000123456789`: a message that names a waybill (and maybe its courier)."""
    sent = _shipment(turn, text.split())
    return sent is not None and sent.waybill is not None


def _waybill(words: list[str]) -> bool:
    """A waybill has figures (`JP1234567890`, `SPXID0123`, `000123`); `ok` or `nanti` is none."""
    return bool(words) and any(ch.isdigit() for ch in words[0])


def edit(turn: Turn, shop_id: int, number: int, text: str) -> None:
    """A reply to an order's card (`alamat: Jl. Mawar 3`, `hp 0812…`, `ongkir 15rb`, `kurir jne`) corrects
    that order while it is confirmed or packed, on every card. Its goods stay, as their stock is reserved:
    changing them is cancelling and entering the order again."""
    shop = _act_on(turn, shop_id)
    turn.need(MEMBERS, "edit orders")
    fix = turn.catalog().correction(text)
    draft, who = fix.draft, fix.draft.customer
    changes: dict[str, object] = {key: value for key, value in (
        ("customer_name", who.name), ("phone", who.phone), ("address", who.address),
        ("courier", draft.courier)) if value}
    if draft.shipping_fee is not None:
        changes["shipping_fee"] = Money.of(draft.shipping_fee, shop.currency).minor
    if (not changes or set(changes) == {"courier"}) and reads_as_waybill(turn, text):
        return ship(turn, f"{number} {text}")  # `poslaju EN123456789MY` to a card: it ships, as /ship does
    if not changes:
        goods = fix.mentioned & {"items", "qty", "discount", "payment", "channel"}
        return turn.say("edit.goods" if goods else "edit.how", number=number)
    order = core_orders.edit_order(turn.conn, shop.id, number, changes, by_user=turn.user,
                                   source_chat=turn.event.chat_id, now=turn.now)
    _refresh(turn, order)
    fields = ", ".join(str(turn.tr(f"edit.field.{key}")) for key in changes)
    turn.say("edit.done", number=number, fields=fields)


def _numbers(args: str) -> tuple[list[int], list[str]]:
    numbers: list[int] = []
    rest: list[str] = []
    for word in args.replace(",", " ").split():
        m = _NUMBER.match(word)
        if m and not rest:
            numbers.append(int(m.group(1)))
        else:
            rest.append(word)
    return numbers, rest


def bulk(turn: Turn, to: str, args: str) -> None:
    """`/packed 1001 1002`: each order moves or says why not; the others still move. `/return 1001 box
    damaged`: why it comes back, kept on the order's card."""
    numbers, rest = _numbers(args)
    if not numbers:
        raise Usage(to)
    note = " ".join(rest)[:500] if to == "return_requested" and rest else None
    _move_each(turn, numbers, to, note=note)


class _Already(Exception):
    """An order named in a command is already where the command would move it: nothing to do."""

    def __init__(self, status: str):
        self.status = status


def _move_each(turn: Turn, numbers: list[int], to: str, *, reason: str | None = None,
               note: str | None = None) -> None:
    """Each order moves or says why not; the others still move. One already there says so: somebody
    else may have packed it, and a ✅ would read as if this command had."""
    shop = turn.need(MEMBERS, "move orders")

    def act(number: int) -> Markup:
        if core_orders.status_of(turn.conn, shop.id, number)[0] == to:
            raise _Already(to)
        return status_word(turn.tr, move(turn, number, to, reason=reason, note=note).status)

    _each(turn, numbers, act)


def _each(turn: Turn, numbers: list[int], act: Callable[[int], Markup | str]) -> None:
    """`act` on each order (once, however often it is named), each in its own savepoint: a line per
    order with what it is now, or why not; the others still happen."""
    lines: list[Markup] = []
    for number in dict.fromkeys(numbers):
        try:
            with turn.conn.begin_nested():
                now = act(number)
            lines.append(turn.tr("done.line", number=number, status=now))
        except LapakError as exc:
            lines.append(turn.tr("done.failed", number=number, why=describe(exc, turn.tr, order_named=True)))
        except _Already as repeat:
            lines.append(turn.tr("done.already", number=number, status=status_word(turn.tr, repeat.status,
                                                                                  mid=True)))
    turn.send(Markup("\n").join(lines))


def paid(turn: Turn, args: str) -> None:
    """`/paid 1001 1002`: the money of these orders is in. A transfer or e-wallet order becomes paid; a COD
    or marketplace order, whose money the courier or the platform passes on, becomes settled."""
    numbers, _ = _numbers(args)
    if not numbers:
        raise Usage("paid")
    shop = turn.need(MANAGERS, "mark orders paid")

    def pay(number: int) -> Markup | str:
        _, payment = core_orders.status_of(turn.conn, shop.id, number)
        to = "paid" if payment in ("unpaid", "paid") else "settled"
        if payment == to:
            raise _Already(to)
        order = core_orders.move_payment(turn.conn, shop.id, number, to, by_user=turn.user,
                                         source_chat=turn.event.chat_id, now=turn.now)
        _refresh(turn, order)
        return render.label(turn.tr, "payment_status", order.payment_status)

    _each(turn, numbers, pay)


def refund(turn: Turn, args: str) -> None:
    """`/refund 1001`: the money of a cancelled or returned order went back to the buyer."""
    numbers, _ = _numbers(args)
    if not numbers:
        raise Usage("refund")
    shop = turn.need(MANAGERS, "refund orders")

    def pay_back(number: int) -> Markup | str:
        if core_orders.status_of(turn.conn, shop.id, number)[1] == "refunded":
            raise _Already("refunded")
        order = core_orders.move_payment(turn.conn, shop.id, number, "refunded", by_user=turn.user,
                                         source_chat=turn.event.chat_id, now=turn.now)
        _refresh(turn, order)
        return render.label(turn.tr, "payment_status", order.payment_status)

    _each(turn, numbers, pay_back)


def ship(turn: Turn, args: str) -> None:
    """`/ship 1001 jnt JP1234567890`; without a waybill, the bot asks for it."""
    words = args.split()
    m = _NUMBER.match(words[0]) if words else None
    sent = _shipment(turn, words[1:]) if m else None
    if m is None or sent is None:
        raise Usage("ship")
    number = int(m.group(1))
    assert turn.shop is not None
    if not sent.waybill:
        order = core_orders.get_order(turn.conn, turn.shop.id, number)
        _may_move(order, "shipped")
        named = {} if sent.courier is None else {"courier": sent.courier, "other": sent.other}
        _ask_for(turn, "waybill", shop=turn.shop.id, number=number, **named)
        example = sent.other or sent.courier or order.courier or _courier(turn)
        return turn.ask("ask.waybill", number=number, courier=example)
    before = core_orders.get_order(turn.conn, turn.shop.id, number) if _shipped(turn, number) else None
    if before is not None and before.waybill == sent.waybill and sent.courier in (None, before.courier):
        return turn.say("done.already", number=number, status=status_word(turn.tr, "shipped", mid=True))
    order = move(turn, number, "shipped", courier=sent.courier, waybill=sent.waybill, note=sent.other)
    if before is None:
        return turn.say("done.moved", **_moved(turn, order))
    # shipped again with another waybill: it corrects a typo, and says so rather than "now shipped"
    turn.say("done.waybill_changed", number=number, waybill=order.waybill, old=before.waybill or "–")


def _shipped(turn: Turn, number: int) -> bool:
    assert turn.shop is not None
    return core_orders.status_of(turn.conn, turn.shop.id, number)[0] == "shipped"


def _orders_then_reason(turn: Turn, args: str) -> tuple[list[int], str]:
    """`1001 2 barang rusak`: the order numbers, then the reason. The first number is an order's; the
    numbers after it are orders' while they are orders of this shop, so a reason may start with one."""
    leading: list[int] = []
    ends: list[int] = []
    at = 0
    while (m := _LEADING_NUMBER.match(args, at)) is not None:
        leading.append(int(m.group(1)))
        at = m.end()
        ends.append(at)
    if not leading:
        return [], args.strip()
    assert turn.shop is not None
    known = core_orders.known_numbers(turn.conn, turn.shop.id, leading[1:])
    count = 1
    while count < len(leading) and leading[count] in known:
        count += 1
    return leading[:count], args[ends[count - 1]:].strip()


def cancel(turn: Turn, args: str) -> None:
    """`/cancel 1001 buyer changed their mind`, `/cancel 1001 1002 salah input`; without a reason, the bot
    asks for it."""
    if not args and (turn.chat.draft is not None or turn.chat.ask):
        turn.chat.set_draft(None)  # "/cancel" alone stops whatever the bot was asking
        turn.chat.set_ask(None)
        return turn.say("cancel.cleared")
    numbers, reason = _orders_then_reason(turn, args)
    if not numbers:
        raise Usage("cancel")
    assert turn.shop is not None
    if not reason:
        _may_move(core_orders.get_order(turn.conn, turn.shop.id, numbers[0]), "cancelled")
        _ask_for(turn, "reason", shop=turn.shop.id, number=numbers[0], more=numbers[1:])
        return turn.ask("ask.reason", number=", #".join(str(n) for n in numbers))
    _cancel_all(turn, numbers, reason)


def _cancel_all(turn: Turn, numbers: list[int], reason: str) -> None:
    """Cancel one order, or several for one reason: each is cancelled or says why not."""
    reason = " ".join(reason.split())[:500]
    if len(numbers) == 1:
        order = move(turn, numbers[0], "cancelled", reason=reason)
        return turn.say("done.moved", **_moved(turn, order))
    _move_each(turn, numbers, "cancelled", reason=reason)
