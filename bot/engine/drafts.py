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

import re
from decimal import Decimal

from markupsafe import Markup

from bot.engine import lines, orders, render
from bot.engine.catalogs import ShopCatalog
from bot.engine.engine import MANAGERS, MEMBERS, Turn, Usage
from bot.engine.events import Button, Edit, Keyboard
from bot.parse import Correction
from bot.parse.phones import find_phones
from bot.parse.text import fold
from core import orders as core_orders
from core import products as core_products
from core.draft import MAX_QTY, DraftItem, OrderDraft
from core.money import Money, UnreadableAmount, parse_major

_NUMBER = re.compile(r"^#?(\d{1,9})$")
# "qty 3", "jumlah: 3", "sl 3", "số lượng 3", "3 pcs": a new quantity for the draft's (last) line.
_QTY = re.compile(r"^(?:qty|quantity|jumlah|jml|sl|s\.l\.|số lượng|so luong)\s*[:=]?\s*(\d{1,4})"
                  r"(?:\s*(?:pcs|pc|buah|bh|cái|chiếc|units?))?\s*$", re.IGNORECASE)
# "diskon 10%", "giảm 10%", "10% off": a share of the goods' value.
_PERCENT_OFF = re.compile(
    r"(?:\b(?:diskon|disc|discount|potongan|potong|giảm|giam|giảm giá|giam gia|chiết khấu|chiet khau|less)"
    r"\s*[:=]?\s*(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:%|persen|percent|phần trăm|phan tram))"
    r"|(?:\b(\d{1,2}(?:[.,]\d{1,2})?)\s*%\s*(?:off|diskon|disc))", re.IGNORECASE)
_ORDER_HEADING = re.compile(
    r"(?:^|[\n|/;])\s*(?:đơn hàng|đơn|don hang|don|orderan|order|pesanan|pesenan)\s*(?:no\.?\s*)?#?\s*"
    r"(\d{1,2})\s*[:.)\-–]", re.IGNORECASE)
# Replies that drop the whole draft, folded (no accents): id, vi, en.
_DISCARD = frozenset({
    "batal", "batalin", "batalkan", "batal aja", "gak jadi", "ga jadi", "gk jadi", "nggak jadi", "tidak jadi",
    "hapus semua", "buang", "buang aja",
    "huy", "huy don", "huy don nay", "thoi", "thoi khoi", "bo don", "khong lay nua",
    "cancel", "cancel this", "cancel order", "cancel it", "discard", "never mind", "nevermind", "forget it"})
# The labels of the buyer's fields (`alamat:`, `hp:`, `nama:`, `penerima:`) and the field each fills.
_BUYER_LABELS = {"name": "name", "recipient": "name", "phone": "phone", "address": "address"}
_DIGITS = re.compile(r"\d(?:[\s.-]?\d){8,}")  # a phone number as typed, valid or not
_PHONE_LIKE = re.compile(r"\+?\d[\d\s().-]{6,}\d")  # looser: `(021) 555-1234`, `+84 912 345 678`
# What the discount question's answer is read as: the shop language's word for a discount before it.
_DISCOUNT_WORD = {"id": "diskon", "vi": "giảm", "en": "discount"}
# The answer to "how many in stock (and at what price)?" for a product added from the card: `10`,
# `stok 10`, `10 pcs 85rb`, `10, harga Rp85.000`, `còn 10 giá 150k`.
_STOCK_REPLY = re.compile(
    r"^(?:stok|stock|sisa|ada|còn|con|tồn|ton|kho)?\s*[:=]?\s*(\d{1,7})"
    r"(?:\s*(?:pcs|pc|buah|bh|biji|cái|chiếc|units?))?"
    r"(?:\s*[,;/@]?\s*(?:harga|giá|gia|price)?\s*[:=]?\s*(\S.*?))?\s*$", re.IGNORECASE)
# What one costs the shop, said after the stock and price (`10 85rb modal 40rb`): the rest of the reply.
_COST_PART = re.compile(
    r"[,;/]?\s*\b(?:harga\s+modal|modal|hpp|giá\s+vốn|gia\s+von|vốn|von|cost)\b\s*[:=]?\s*", re.IGNORECASE)
# A quantity typed alone, as the answer to `how many?`: `3`, `3 pcs`, `x3`, `3 cái`.
_BARE_QTY = re.compile(r"(?:(?:qty|jumlah|jml|sl|số lượng|so luong|quantity)\s*[:=]?\s*)?(?:x\s*)?(\d{1,4})"
                       r"\s*(?:x|pcs|pc|buah|biji|cái|chiếc|chai|units?)?", re.IGNORECASE)
# A price as it is typed in the shop's currency, for the examples of the stock question, and a cost.
_PRICE_EXAMPLE = {"IDR": "85rb", "VND": "150k", "MYR": "RM12.90"}
_COST_EXAMPLE = {"IDR": "40rb", "VND": "80k", "MYR": "RM7.20"}


def order_command(turn: Turn, args: str) -> None:
    """`/order 1001` shows that order; `/order <text>` starts a draft from the text; `/order` alone
    shows the open draft's card again (it scrolled away, or the console restarted)."""
    if not args:
        if turn.chat.draft is not None and turn.shop is not None:
            return present(turn)
        raise Usage("order")
    number = _NUMBER.match(args)
    if number:
        return orders.show(turn, int(number.group(1)))
    enter(turn, args)


def enter(turn: Turn, text: str) -> None:
    """A new order, or a correction to the open draft in plain words."""
    chat, ev = turn.chat, turn.event
    cat = turn.catalog()
    many = _orders_in(cat, text)
    if many > 1:  # one card would mix their buyers and goods: nothing is read, nothing is lost
        return turn.say("draft.several", count=many)
    if chat.draft is not None and _discards(turn, text):
        return _discard(turn)
    if chat.draft is not None:
        replying = ev.reply_to_message_id is not None and (
            ev.reply_to_message_id == chat.card_message_id or ev.reply_to_bot)
        # A correction reads the whole text too: one that looks like a new order is one; in reply to the
        # card, only goods for another buyer are (the next order pasted).
        fix = cat.correction(text)
        pasted = _another_buyer(fix, chat.draft) if replying else _looks_like_new_order(fix, chat.draft, text)
        if not pasted:
            if _which_line(turn, chat.draft, fix, text):
                return None
            if not _correct(chat.draft, fix, text, cat):
                return _unchanged(turn)
            chat.set_draft(chat.draft)
            return present(turn)
        draft = fix.draft
        old = chat.draft.customer
        if chat.draft.items and (old.name, old.phone) != (draft.customer.name, draft.customer.phone):
            # one open draft per chat: say that the unconfirmed one, another buyer's, is gone
            who = old.name
            turn.say("draft.replaced", who=f" ({who})" if who else "")
    else:
        draft = cat.parse(text)
    if not draft.items and not any((draft.customer.name, draft.customer.phone, draft.customer.address)):
        return turn.say("draft.not_understood")
    chat.shop_id = turn.shop.id if turn.shop else None
    chat.set_draft(draft)
    chat.source_message_id = ev.message_id
    present(turn)


def reread(turn: Turn, text: str) -> bool:
    """The seller edited the message their open draft was read from: the draft is read again from the
    new text (corrections typed since are dropped with the old reading) and its card sent anew. False for
    an edit of any other message: an order already confirmed from it never changes unseen."""
    chat, ev = turn.chat, turn.event
    if chat.draft is None or ev.message_id is None or ev.message_id != chat.source_message_id:
        return False
    turn.need(MEMBERS, "enter orders")
    draft = turn.catalog().parse(text)
    if not draft.items:
        return False
    chat.set_draft(draft)
    present(turn)
    return True


def _another_buyer(fix: Correction, open_draft: OrderDraft) -> bool:
    """`1 pashmina cream, Sari 0812…` typed in reply to Budi's card: goods for a buyer with another name
    and another phone is the next order pasted, not a correction of this one (`Budi Santoso` for `Budi`,
    or the same phone, is the same buyer)."""
    new, old = fix.draft.customer, open_draft.customer
    if not (fix.draft.items and new.name and new.phone and (old.name or old.phone)) or fix.items_op:
        return False
    was, now = fold(old.name or ""), fold(new.name)
    return not (was and (now in was or was in now)) and new.phone != old.phone


def _looks_like_new_order(fix: Correction, open_draft: OrderDraft, text: str) -> bool:
    """Whether a message typed over an open draft is another order: goods with two of name, phone and
    address; or goods for another buyer by name with more of an order (how it is paid or sent, a phone
    number, even one mistyped): `1 cold brew, Ahmad 011234567, Shah Alam, bank in` while Lim's draft
    waits for its address."""
    new = fix.draft
    c = new.customer
    if not new.items:
        return False
    if _whole_order(new):
        return True
    before = open_draft.customer.name
    if fix.items_op is not None or not (c.name and before) or fold(c.name) == fold(before):
        return False
    more = (new.payment, new.courier, new.channel, new.shipping_fee)
    return any(v is not None for v in more) or _DIGITS.search(text) is not None


def _orders_in(cat: ShopCatalog, text: str) -> int:
    """How many orders one message holds: numbered headings (`Đơn 1: … / Đơn 2: …`, `Order 2 -`), or the
    phone numbers of three buyers or more (two may be who orders and who receives)."""
    numbered = {m.group(1) for m in _ORDER_HEADING.finditer(text)}
    if len(numbered) > 1:
        return len(numbered)
    if len(_PHONE_LIKE.findall(text)) < 3:
        return 1  # the phone finder is the costly part; most messages hold one number or two
    phones = {p.e164 for p in find_phones(text, cat.parser.region, cat.parser.numbers) if p.e164}
    return len(phones) if len(phones) > 2 else 1


def _discards(turn: Turn, text: str) -> bool:
    """`batal`, `gak jadi kak`, `thôi`, `cancel this`: a reply that drops the whole draft."""
    words = fold(text).replace("!", " ").replace(".", " ").replace("?", " ").split()
    if len(words) > 5:
        return False
    lex = turn.catalog().parser.lex
    while len(words) > 1 and " ".join(words) not in _DISCARD and lex.has("fillers", words[-1]):
        words.pop()  # `gak jadi kak`
    while len(words) > 1 and " ".join(words) not in _DISCARD and lex.has("fillers", words[0]):
        words.pop(0)
    return " ".join(words) in _DISCARD


def _discard(turn: Turn, *, card: int | None = None, say: bool = True) -> None:
    """Drop the draft and its question; its card says so, and so does the bot unless a press did it."""
    chat = turn.chat
    card = card if card is not None else chat.card_message_id
    chat.set_draft(None)
    chat.set_ask(None)
    if card is not None:
        turn.actions.append(Edit(turn.event.chat_id, card, str(turn.tr("draft.discarded"))))
    if say:
        turn.say("draft.discarded")


def reads_as_order(turn: Turn, text: str) -> bool:
    """Whether a message is a whole order: goods with two of the buyer's name, phone and address."""
    return _whole_order(turn.catalog().parse(text))


def _whole_order(draft: OrderDraft) -> bool:
    c = draft.customer
    return bool(draft.items) and sum(1 for v in (c.name, c.phone, c.address) if v) >= 2


def _unchanged(turn: Turn) -> None:
    """A reply to the card that changes nothing on it (`qty 0`, `diskon 150%`, a word we do not know)."""
    turn.send(Markup("{}\n{}").format(turn.tr("draft.unchanged"), turn.tr("draft.how_to_edit")))


def _bare_qty(draft: OrderDraft, fix: Correction, text: str) -> int | None:
    """The quantity of `qty 3`, `sl 3`, `jadi 3 aja`: a number for a line, naming no product."""
    qty = _QTY.match(text.strip())
    if draft.items and not fix.draft.items and (qty or fix.qty):
        return int(qty.group(1)) if qty else fix.qty
    return None


def _which_line(turn: Turn, draft: OrderDraft, fix: Correction, text: str) -> bool:
    """`qty 3` or `harga 90rb` to a card of several lines names none of them: asked which, rather than a
    guess; nothing changes until the product is named with it."""
    if len(draft.items) < 2:
        return False
    wanted = _bare_qty(draft, fix, text)
    if wanted:
        turn.say("draft.which_line", count=len(draft.items), qty=wanted, example=draft.items[-1].name)
        return True
    cat = turn.catalog()
    if lines.bare_price(cat, text) is not None:  # `harga 90rb`: the same, for a price
        example = f"{draft.items[-1].name} {text.strip()}"
        turn.say("draft.which_price", count=len(draft.items), example=example)
        return True
    swapped_in = lines.swap_unclear(draft.items, fix, cat.rows)
    if swapped_in is not None:  # `ganti jadi pashmina cream`: not the last line by guess
        new = cat.rows[swapped_in.sku].title if swapped_in.sku in cat.rows else swapped_in.name
        turn.say("draft.which_swap", count=len(draft.items), new=new, old=draft.items[0].name)
        return True
    named = lines.lowered_lines(draft.items, text, cat)
    if len(named) > 1:  # `kurangi 1 kaos` to a card of two kaos
        turn.say("draft.which_lower", count=len(named), example=draft.items[named[-1]].name)
        return True
    return False


def _correct(draft: OrderDraft, fix: Correction, text: str, cat: ShopCatalog) -> bool:
    """Apply the fields a correction mentions; everything it leaves out stays as it was. Whether the
    draft changed."""
    before = draft.to_json()
    if lines.swap_number(fix):  # `ganti kaos jadi 2`, `change white coffee to 2`: no address, no name
        lines.swap(draft.items, fix, cat)
        return draft.to_json() != before
    new = fix.draft
    wanted = _bare_qty(draft, fix, text)
    if wanted:  # `qty 0` is no quantity: the line stays as it is (removing it is `hapus …`)
        draft.items[-1].qty = wanted
    price = lines.bare_price(cat, text)
    if price is not None and len(draft.items) == 1:  # `harga 90rb`: the line's quantity stays
        draft.items[0].unit_price = price
    for name in ("name", "phone", "address"):
        value = getattr(new.customer, name)
        if value:
            setattr(draft.customer, name, value)
    for name in ("channel", "payment", "courier", "shipping_fee", "discount", "note", "channel_ref"):
        value = getattr(new, name)
        if value is not None:
            setattr(draft, name, value)
    if new.discount is not None:
        draft.discount_percent = new.discount_percent  # an amount typed: no share to follow any more
    if fix.no_discount:
        draft.discount = draft.discount_percent = None  # `tanpa diskon`, `không giảm nữa`
    percent = _PERCENT_OFF.search(text)
    share = Decimal((percent.group(1) or percent.group(2)).replace(",", ".")) if percent else Decimal(0)
    if 0 < share < 100:
        draft.discount_percent = share
    if fix.old_items:
        lines.swap(draft.items, fix, cat)
    elif (fewer := lines.taken_off(draft.items, text, cat)) is not None:
        draft.items = fewer
    else:
        named = [it for it in new.items if it.sku or it.candidates or it.name.strip()]
        if named:
            lines.edit_lines(draft.items, named, fix.items_op, lines.qty_written(cat, text), cat.rows)
        elif not fix.mentioned and fix.qty is None:
            change = lines.variant_change(draft.items, text, cat)
            if change is not None:
                at, sku = change
                row = cat.rows[sku]
                draft.items[at] = DraftItem(sku=sku, name=row.title, qty=draft.items[at].qty,
                                            unit_price=row.price, qty_unclear=draft.items[at].qty_unclear)
    return draft.to_json() != before


def _follow_share(draft: OrderDraft, cat: ShopCatalog) -> None:
    """`diskon 10%` stays ten percent of the goods as lines and quantities change."""
    if draft.discount_percent is not None:
        draft.discount = _share(draft, cat, draft.discount_percent)


def _share(draft: OrderDraft, cat: ShopCatalog, percent: Decimal) -> Decimal:
    """`diskon 10%`: that share of the goods' value, in the shop's currency."""
    goods = sum((it.qty * (it.unit_price if it.unit_price is not None else cat.prices.get(it.sku or "", 0))
                 for it in draft.items), Decimal(0))
    return Money.of(goods * percent / 100, cat.currency).major


def next_question(turn: Turn, draft: OrderDraft) -> tuple[str, int] | None:
    """The one thing to ask next: an open product line first, then name, phone, address.

    A line with a SKU is settled here; if the catalog lost that SKU since, the core says so on Confirm.
    """
    for index, item in enumerate(draft.items):
        if item.sku is None:
            return ("item", index)
    for index, item in enumerate(draft.items):
        if item.qty_unclear:
            return ("qty", index)
    for name in ("name", "phone", "address"):
        value = getattr(draft.customer, name)
        if not value and not (name == "phone" and value == ""):  # a phone of "": left out (No phone)
            return (name, -1)
    if not draft.items:
        return ("items", -1)
    if draft.discount and render.draft_value(draft, turn.catalog().prices, turn.shop.currency if turn.shop
                                             else "") < 0:
        return ("discount", -1)  # more off than the goods and shipping are worth: which discount was meant
    return None


def present(turn: Turn, *, edit_message: int | None = None) -> None:
    """Show the draft card with its next question (or Confirm / Edit / Discard) as a new message."""
    chat, t = turn.chat, turn.tr
    draft = chat.draft
    assert draft is not None and turn.shop is not None
    cat = turn.catalog()
    _follow_share(draft, cat)
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
            if not item.candidates and turn.role in MANAGERS:  # a product the catalog lacks altogether
                buttons.append([Button(str(t("button.add_product")), f"d:{chat.revision}:n{index}")])
            buttons.append([Button(str(t("button.remove_item")), f"d:{chat.revision}:r{index}"),
                            Button(str(t("button.discard")), f"d:{chat.revision}:x")])
        else:
            chat.set_ask(kind, index=index)
            ask_text = t(f"ask.{kind}")
            if kind == "discount":
                ask_text = t("ask.discount", discount=t.major(draft.discount, turn.shop.currency))
            buttons = render.draft_buttons(t, chat.revision)
            if kind == "qty":  # the usual counts a press away, or any number typed
                ask_text = t("ask.qty", name=draft.items[index].name)
                buttons = [[Button(str(n), f"d:{chat.revision}:q{index}:{n}") for n in range(1, 6)],
                           [Button(str(t("button.remove_item")), f"d:{chat.revision}:r{index}"),
                            Button(str(t("button.discard")), f"d:{chat.revision}:x")]]
            if kind == "phone":  # marketplaces hide the buyer's phone: the order can go without one
                buttons.append([Button(str(t("button.no_phone")), f"d:{chat.revision}:np")])
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
    if _discards(turn, text):
        return _discard(turn)
    cat = turn.catalog()
    kind = chat.ask or ""
    asked = kind if kind in ("name", "address", "phone") else None
    fix = cat.correction(text, expect=asked)
    if _another_buyer(fix, chat.draft) or (
            not turn.event.reply_to_bot and _looks_like_new_order(fix, chat.draft, text)):
        chat.set_ask(None)
        return enter(turn, text)  # a whole new order pasted instead of an answer
    draft = chat.draft
    if kind == "new_product":
        return _answer_new_product(turn, draft, fix, text, cat)
    asked_line = int(chat.ask_data.get("index", -1)) if kind == "qty" else -1
    if 0 <= asked_line < len(draft.items):
        if _answer_qty(draft, asked_line, text):
            turn.chat.set_draft(draft)
            return present(turn)
        asked_qty = draft.items[asked_line].qty
    if kind == "item":
        changed = _answer_item(draft, fix, text, cat, int(chat.ask_data.get("index", 0)),
                               chat.ask_data.get("choices") or [])
    elif asked:
        plain = cat.correction(text)
        if _corrects_instead(cat, draft, plain, text, asked):
            if _which_line(turn, draft, plain, text):
                return None
            changed = _correct(draft, plain, text, cat)
        else:
            fix.draft.items = []  # "Budi Santoso" answers who; it is not a product
            if kind == "phone" and not fix.draft.customer.phone:
                return turn.ask("ask.phone_again")
            if not getattr(fix.draft.customer, kind):
                setattr(fix.draft.customer, kind, " ".join(text.split()))
            changed = _correct(draft, fix, "", cat)
    elif kind == "discount" and _labels_other(cat, fix, text, kind):
        changed = _correct(draft, fix, text, cat)  # `alamat: …` while asked which discount
    elif kind == "discount":
        said = fix.draft.discount
        if said is None:
            said = cat.correction(f"{_DISCOUNT_WORD.get(turn.shop.locale, 'discount')} {text}").draft.discount
        if said is None:
            return present(turn)  # still no amount: the same question again
        draft.discount, changed = (said or None), True
    else:
        if _which_line(turn, draft, fix, text):
            return None
        changed = _correct(draft, fix, text, cat)
    if 0 <= asked_line < len(draft.items) and draft.items[asked_line].qty != asked_qty:
        draft.items[asked_line].qty_unclear = False  # `bergo hitam 3`: how many, said another way
    if not changed:
        return _unchanged(turn)
    chat.set_draft(draft)
    present(turn)


def _corrects_instead(cat: ShopCatalog, draft: OrderDraft, plain: Correction, text: str, asked: str) -> bool:
    """Does a reply to a question about the buyer correct something else instead: `ongkir 10rb`, `diskon
    10%`, `ganti jadi XL`, `alamat: …` while asked who; `harga 90rb`, `kurangi 1 kaos` while asked where?"""
    return (_says_something_else(plain, asked) or _PERCENT_OFF.search(text) is not None
            or _labels_other(cat, plain, text, asked) or lines.bare_price(cat, text) is not None
            or lines.taken_off(draft.items, text, cat) is not None
            or plain.changes and bool(plain.old_items or lines.variant_change(draft.items, text, cat)))


def _labels_other(cat: ShopCatalog, plain: Correction, text: str, asked: str) -> bool:
    """`alamat: Jl Mawar 3` while asked who, `nama: Sari` while asked where or which discount: a reply that
    names one of the buyer's fields by its label, and gives it, corrects that field whatever was asked."""
    said = lines.labelled(cat, text)
    kind = _BUYER_LABELS.get(said[0]) if said else None
    return kind is not None and kind != asked and kind in plain.mentioned


def _says_something_else(fix: Correction, asked: str) -> bool:
    """Does a reply to a question about `asked` correct other things instead: a quantity, the shipping,
    a discount, how it is paid or sent, a catalog product, or (to the phone question) who or where?"""
    others = {"qty", "shipping_fee", "discount", "payment", "courier", "channel"}
    others |= {"name", "address"} if asked == "phone" else {"phone"}
    return bool((fix.mentioned - {asked}) & others) or any(it.sku or it.candidates for it in fix.draft.items)


def _answer_item(draft: OrderDraft, fix: Correction, text: str, cat: ShopCatalog, index: int,
                 choices: list[str]) -> bool:
    """A reply to "which one?" for an open line: the variant it names (`XL`, `size L`, `yang cream`), a
    product named in full, or else a correction of something else."""
    rows = cat.rows
    fewer = lines.taken_off(draft.items, text, cat)
    if fix.items_op in ("add", "remove") or fix.old_items or fewer is not None:
        return _correct(draft, fix, text, cat)  # `tambah 1 pashmina`, `hapus topi`: the lines, not an answer
    chosen = lines.variant_named(cat, text, [sku for sku in choices if sku in rows])
    picked = [it for it in fix.draft.items if it.sku]
    if index < len(draft.items) and (chosen or picked):
        new = DraftItem(sku=chosen, name=rows[chosen].title, qty=1) if chosen else picked[0]
        draft.items[index] = lines.replace_product(draft.items[index], new, rows)
        if chosen:
            return True  # the reply named a variant and nothing else
        fix.draft.items = []
        _correct(draft, fix, text, cat)
        return True
    return _correct(draft, fix, text, cat)


def _answer_qty(draft: OrderDraft, index: int, text: str) -> bool:
    """`3` (or `3 pcs`, `x3`) in answer to how many of a line whose message said `x0`: that line's quantity.
    Anything else is read as a correction, as any reply to the card is."""
    said = _BARE_QTY.fullmatch(text.strip())
    if not said or not 0 <= index < len(draft.items) or not 1 <= int(said.group(1)) <= MAX_QTY:
        return False
    draft.items[index].qty, draft.items[index].qty_unclear = int(said.group(1)), False
    return True


def _ask_new_product(turn: Turn, index: int) -> None:
    """Ask how many of the line's product are in stock (and its price, when the order names none)."""
    assert turn.shop is not None and turn.chat.draft is not None
    item, currency = turn.chat.draft.items[index], turn.shop.currency
    turn.chat.set_ask("new_product", index=index)
    example, cost = _PRICE_EXAMPLE.get(currency, "100"), _COST_EXAMPLE.get(currency, "50")
    if item.unit_price is None:
        return turn.ask("ask.new_stock_price", name=item.name, example=example, cost=cost)
    return turn.ask("ask.new_stock", name=item.name, price=turn.tr.major(item.unit_price, currency),
                    example=example, cost=cost)


def _answer_new_product(turn: Turn, draft: OrderDraft, fix: Correction, text: str, cat: ShopCatalog) -> None:
    """The stock (and price) of a product added to the catalog from the card; a reply that is none but
    corrects the draft (`ongkir 10rb`) changes the card instead."""
    assert turn.shop is not None
    index = int(turn.chat.ask_data.get("index", -1))
    if not 0 <= index < len(draft.items) or draft.items[index].sku:
        return present(turn)  # the line was removed or named meanwhile
    item, currency = draft.items[index], turn.shop.currency
    reply, count, price, cost = _STOCK_REPLY.match(text.strip()), None, item.unit_price, None
    if reply:
        count, rest = int(reply.group(1)), reply.group(2) or ""
        try:
            if costed := _COST_PART.search(rest):
                rest, cost = rest[:costed.start()].strip(), parse_major(rest[costed.end():], currency)
            price = parse_major(rest, currency) if rest else price
        except UnreadableAmount:
            count = None
    if count is None or price is None:
        if not reply and _correct(draft, fix, text, cat):
            turn.chat.set_draft(draft)
            return present(turn)
        return turn.ask("ask.new_stock_again", example=_PRICE_EXAMPLE.get(currency, "100"))
    turn.need(MANAGERS, "add products")
    added = core_products.add_product(turn.s, turn.shop.id, item.name, price, count, cost=cost,
                                      by_user=turn.user)
    draft.items[index] = DraftItem(sku=added.sku, name=added.title, qty=item.qty, unit_price=item.unit_price,
                                   qty_unclear=item.qty_unclear)
    turn.catalog_changed()
    turn.chat.set_draft(draft)
    turn.say("draft.product_added", name=added.title, sku=added.sku, price=turn.tr.money(added.price),
             cost=f", {turn.tr('stock.cost')} {turn.tr.money(added.cost)}" if added.cost else "",
             stock=added.on_hand)
    return present(turn)


def press(turn: Turn, data: str) -> None:
    """Confirm, Edit, Discard, or a product chosen for an open line, on the user's current draft."""
    chat, t = turn.chat, turn.tr
    parts = data.split(":")
    revision, op = (int(parts[1]) if parts[1].isdigit() else -1), parts[2]
    if chat.draft is None or revision != chat.revision:
        return turn.answer(t("draft.stale"))
    draft = chat.draft
    if op == "x":
        turn.answer(t("draft.discarded"))
        return _discard(turn, card=turn.event.message_id, say=False)
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
                                           unit_price=old.unit_price, qty_unclear=old.qty_unclear)
        chat.set_draft(draft)
        turn.answer()
        return present(turn, edit_message=turn.event.message_id)
    if op.startswith("q") and len(parts) == 4 and op[1:].isdigit():  # how many, for a line that said `x0`
        index = int(op[1:])
        if index < len(draft.items) and parts[3].isdigit():
            draft.items[index].qty, draft.items[index].qty_unclear = int(parts[3]), False
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
    if op.startswith("n") and op[1:].isdigit():
        turn.need(MANAGERS, "add products")
        index = int(op[1:])
        turn.answer()
        if index < len(draft.items) and draft.items[index].sku is None:
            return _ask_new_product(turn, index)
        return present(turn, edit_message=turn.event.message_id)
    if op == "np":
        draft.customer.phone = ""
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
        if kind == "item":
            return turn.answer(t("ask.variant", name=draft.items[question[1]].name), alert=True)
        if kind == "discount":
            discount = t.major(draft.discount, turn.shop.currency)
            return turn.answer(t("ask.discount", discount=discount), alert=True)
        if kind == "qty":
            return turn.answer(t("ask.qty", name=draft.items[question[1]].name), alert=True)
        return turn.answer(t(f"ask.{kind}"), alert=True)
    order = core_orders.create_order(turn.conn, turn.shop.id, draft, by_user=turn.user,
                                     source_chat=turn.event.chat_id, now=turn.now)
    chat.set_draft(None)
    chat.set_ask(None)
    turn.answer(t("draft.confirmed", number=order.number))
    orders.post_new(turn, order, here=turn.event.message_id)
