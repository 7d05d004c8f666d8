"""Order entry: text becomes a draft card; questions fill what is missing; Confirm makes the order.

```mermaid
stateDiagram-v2
    [*] --> draft: order text (private, /order, mention or reply in a bound group)
    draft --> draft: correction in plain words, answer to a question, product chosen by button
    draft --> order: Confirm (nothing missing, stock enough)
    draft --> draft: Confirm with too little stock (short SKUs named, draft stays)
    draft --> [*]: Discard
```
"""

from __future__ import annotations

import copy
import re

from markupsafe import Markup

from bot.engine import orders, render
from bot.engine.engine import Turn, Usage
from bot.engine.events import Button, Edit, Keyboard
from core import orders as core_orders
from core.catalog import CatalogRow
from core.draft import DraftItem, OrderDraft

_NUMBER = re.compile(r"^#?(\d{1,9})$")
# "qty 3", "jumlah: 3", "sl 3", "số lượng 3", "3 pcs": a new quantity for the draft's (last) line.
_QTY = re.compile(r"^(?:qty|quantity|jumlah|jml|sl|s\.l\.|số lượng|so luong)\s*[:=]?\s*(\d{1,4})"
                  r"(?:\s*(?:pcs|pc|buah|bh|cái|chiếc|units?))?\s*$", re.IGNORECASE)


def order_command(turn: Turn, args: str) -> None:
    """`/order 1001` shows that order; `/order <text>` starts a draft from the text."""
    if not args:
        raise Usage("order")
    number = _NUMBER.match(args)
    if number:
        return orders.show(turn, int(number.group(1)))
    enter(turn, args)


def enter(turn: Turn, text: str) -> None:
    """A new order, or a correction to the open draft in plain words."""
    chat, ev = turn.chat, turn.event
    cat = turn.catalog()
    if chat.draft is not None:
        replying = ev.reply_to_message_id is not None and (
            ev.reply_to_message_id == chat.card_message_id or ev.reply_to_bot)
        # A correction reads the whole text too: one that looks like a new order is one.
        fix = cat.correction(text)
        if replying or not _looks_like_new_order(fix):
            _correct(chat.draft, fix, text)
            chat.set_draft(chat.draft)
            return present(turn)
        draft = fix
    else:
        draft = cat.parse(text)
    if not draft.items and not any((draft.customer.name, draft.customer.phone, draft.customer.address)):
        return turn.say("draft.not_understood")
    chat.shop_id = turn.shop.id if turn.shop else None
    chat.set_draft(draft)
    present(turn)


def _looks_like_new_order(draft: OrderDraft) -> bool:
    c = draft.customer
    return bool(draft.items) and sum(1 for v in (c.name, c.phone, c.address) if v) >= 2


def _correct(draft: OrderDraft, fix: OrderDraft, text: str = "") -> None:
    """Apply the fields a correction mentions; everything it leaves out stays as it was."""
    qty = _QTY.match(text.strip())
    if qty and draft.items and not fix.items:
        draft.items[-1].qty = max(1, int(qty.group(1)))
    for name in ("name", "phone", "address"):
        value = getattr(fix.customer, name)
        if value:
            setattr(draft.customer, name, value)
    for name in ("channel", "payment", "courier", "shipping_fee", "discount", "note", "channel_ref"):
        value = getattr(fix, name)
        if value is not None:
            setattr(draft, name, value)
    if not fix.items:
        return
    named = [it for it in fix.items if it.sku or it.candidates or it.name.strip()]
    if not named:  # "qty 3": a quantity without a product changes the only (or last) line
        if draft.items:
            draft.items[-1].qty = fix.items[0].qty
        return
    replaced = [copy.copy(it) for it in fix.items]  # "ganti jadi pashmina cream": the product changes
    if len(replaced) == 1 and len(draft.items) == 1 and not re.search(r"\d", text):
        replaced[0].qty = draft.items[0].qty  # no new quantity written: the old one stands
    draft.items = replaced


def next_question(turn: Turn, draft: OrderDraft) -> tuple[str, int] | None:
    """The one thing to ask next: an open product line first, then name, phone, address.

    A line with a SKU is settled here; if the catalog lost that SKU since, the core says so on Confirm.
    """
    for index, item in enumerate(draft.items):
        if item.sku is None:
            return ("item", index)
    for name in ("name", "phone", "address"):
        if not getattr(draft.customer, name):
            return (name, -1)
    if not draft.items:
        return ("items", -1)
    return None


def present(turn: Turn, *, edit_message: int | None = None) -> None:
    """Show the draft card with its next question (or Confirm / Edit / Discard) as a new message."""
    chat, t = turn.chat, turn.tr
    draft = chat.draft
    assert draft is not None and turn.shop is not None
    cat = turn.catalog()
    question = next_question(turn, draft)
    buttons: Keyboard
    ask_text: Markup | None = None
    if question is None:
        chat.set_ask(None)
        buttons = render.draft_buttons(t, chat.revision)
    else:
        kind, index = question
        if kind == "item":
            item = draft.items[index]
            choices = ([c for c in item.candidates if c in cat.rows] or cat.suggestions(item.name))[:6]
            chat.set_ask(kind, index=index, choices=choices)  # buttons carry a position: SKUs can be long
            ask_text = t("ask.variant" if item.candidates else "ask.product", name=item.name)
            buttons = [[Button(f"{cat.rows[sku].title} · {t.major(cat.rows[sku].price, cat.currency)}",
                               f"d:{chat.revision}:i{index}:{n}")] for n, sku in enumerate(choices)]
            buttons.append([Button(str(t("button.remove_item")), f"d:{chat.revision}:r{index}"),
                            Button(str(t("button.discard")), f"d:{chat.revision}:x")])
        else:
            chat.set_ask(kind, index=index)
            ask_text = t(f"ask.{kind}")
            buttons = render.draft_buttons(t, chat.revision)
    if ask_text is not None and turn.in_group:
        # a bot in a group sees only replies to it: the answer must be one (the card has buttons, and
        # Telegram puts buttons or a forced reply on a message, not both)
        ask_text = Markup("{}\n{}").format(ask_text, t("ask.reply_here"))
    text = render.draft_card(t, draft, turn.shop.currency, cat.titles, cat.prices, ask_text)
    if edit_message is not None:
        turn.actions.append(Edit(turn.event.chat_id, edit_message, text, buttons))
        chat.card_message_id = edit_message
    else:
        # Untracked: Confirm edits the card the press came from, and a reply to the bot is a correction.
        turn.send(text, buttons)


def answer(turn: Turn, text: str) -> None:
    """A reply to the draft's question: the field it asked for, or a correction in plain words."""
    chat = turn.chat
    if chat.draft is None or turn.shop is None:
        chat.set_ask(None)
        return enter(turn, text)
    cat = turn.catalog()
    kind = chat.ask or ""
    fix = cat.correction(text, expect=kind if kind in ("name", "address", "phone") else None)
    if not turn.event.reply_to_bot and _looks_like_new_order(fix):
        chat.set_ask(None)
        return enter(turn, text)  # a whole new order pasted instead of an answer
    draft = chat.draft
    if kind == "item":
        index = int(chat.ask_data.get("index", 0))
        picked = [it for it in fix.items if it.sku]
        if picked and index < len(draft.items):
            draft.items[index] = _replace_product(draft.items[index], picked[0], cat.rows)
            fix.items = []
        _correct(draft, fix, text)
    elif kind in ("name", "address", "phone"):
        fix.items = []  # "Budi Santoso" answers who; it is not a product
        if kind == "phone" and not fix.customer.phone:
            return turn.ask("ask.phone_again")
        if not getattr(fix.customer, kind):
            setattr(fix.customer, kind, " ".join(text.split()))
        _correct(draft, fix)
    else:
        _correct(draft, fix, text)
    chat.set_draft(draft)
    present(turn)


def _replace_product(old: DraftItem, new: DraftItem, rows: dict[str, CatalogRow]) -> DraftItem:
    """The line's product as now named; the quantity stays unless a new one was given."""
    row = rows.get(new.sku or "")
    return DraftItem(sku=new.sku, name=row.title if row else new.name,
                     qty=new.qty if new.qty != 1 else old.qty, unit_price=new.unit_price)


def press(turn: Turn, data: str) -> None:
    """Confirm, Edit, Discard, or a product chosen for an open line, on the user's current draft."""
    chat, t = turn.chat, turn.tr
    parts = data.split(":")
    revision, op = (int(parts[1]) if parts[1].isdigit() else -1), parts[2]
    if chat.draft is None or revision != chat.revision:
        return turn.answer(t("draft.stale"))
    draft = chat.draft
    if op == "x":
        chat.set_draft(None)
        chat.set_ask(None)
        turn.answer(t("draft.discarded"))
        if turn.event.message_id is not None:
            turn.actions.append(Edit(turn.event.chat_id, turn.event.message_id, str(t("draft.discarded"))))
        return
    if op == "e":
        turn.answer()
        return turn.say("draft.how_to_edit")
    if op.startswith("i") and len(parts) == 4:
        index, choices = int(op[1:]), chat.ask_data.get("choices") or []
        position = int(parts[3]) if parts[3].isdigit() else len(choices)
        sku = choices[position] if position < len(choices) else ""
        rows = turn.catalog().rows
        if index < len(draft.items) and sku in rows:
            old = draft.items[index]
            # A price the seller wrote stays; otherwise the chosen product's catalog price applies.
            draft.items[index] = DraftItem(sku=sku, name=rows[sku].title, qty=old.qty,
                                           unit_price=old.unit_price)
        chat.set_draft(draft)
        turn.answer()
        return present(turn, edit_message=turn.event.message_id)
    if op.startswith("r"):
        index = int(op[1:])
        if index < len(draft.items):
            del draft.items[index]
        chat.set_draft(draft)
        turn.answer()
        return present(turn, edit_message=turn.event.message_id)
    if op == "c":
        return confirm(turn)
    turn.answer()


def confirm(turn: Turn) -> None:
    chat, t = turn.chat, turn.tr
    draft = chat.draft
    assert draft is not None and turn.shop is not None
    question = next_question(turn, draft)
    if question is not None:
        kind = question[0]
        key = "ask.variant" if kind == "item" else f"ask.{kind}"
        name = draft.items[question[1]].name if kind == "item" else ""
        return turn.answer(t(key, name=name) if kind == "item" else t(key), alert=True)
    order = core_orders.create_order(turn.conn, turn.shop.id, draft, by_user=turn.user,
                                     source_chat=turn.event.chat_id, now=turn.now)
    chat.set_draft(None)
    chat.set_ask(None)
    turn.engine.remember_name(turn.conn, turn.user, turn.event.user_name)
    turn.answer(t("draft.confirmed", number=order.number))
    orders.post_new(turn, order, here=turn.event.message_id)
