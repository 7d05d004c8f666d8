"""Short replies that correct a draft: `alamat: Jl X 5`, `qty 3`, `ongkir 20rb`, `ganti jadi pashmina`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.parse.text import fold
from core.draft import DraftItem, OrderDraft

if TYPE_CHECKING:
    from bot.parse.parser import Parser

_QTY_RE = re.compile(
    r"^\W*(?:(?:qty|jumlah|jml|sl|so luong|quantity|kuantiti|bilangan|jadi|jd|ambil|lay|make it|change to)"
    r"\s*[:=]?\s*)?x?\s*(\d{1,4})\s*(?:x|pcs|pc|buah|bh|psg|pasang|cai|hop|chai|packs?|boxes|box|tins?|aja|ya|nha|"
    r"nhe|saja|je|only|sahaja|lah)?\W*$"
)
# `ganti X jadi Y`, `X jadi Y`, `replace X with Y`, `change X to Y`, `đổi X thành Y` (on folded text)
_SWAP_RE = re.compile(
    r"^\W*(?P<verb>(?:ganti|gnti|tukar|tuker|ubah|replace|change|switch|swap|doi|thay)\s+)?(?P<old>\S.*?)\s+"
    r"(?P<to>jadi|jd|jdi|dengan|dgn|ke|with|to|for|into|thanh|sang|qua|bang|->|=>|→)\s+(?P<new>\S.*)$"
)
# Without a verb, only these say "X becomes Y" (`kaos hitam L jadi XL`), and only in one short clause:
# `… 1 ya. Kirim ke Jl. Melati …` is an order, not a swap.
_PLAIN_SWAP = frozenset({"jadi", "jd", "jdi", "thanh", "->", "=>", "→"})
_PLAIN_SWAP_WORDS = 8
_REPLACE_RE = re.compile(r"(?<!\w)(?:ganti|gnti|tukar|change|switch|doi|đổi|thay|ubah|jadiin|replace)(?!\w)")


@dataclass
class Correction:
    """What a short reply changes: a draft holding only what it mentions, and which fields those are."""

    draft: OrderDraft
    mentioned: set[str] = field(default_factory=set)  # name phone address items channel payment courier …
    qty: int | None = None  # `qty 3`, `jadi 3 aja`: the new quantity of the item being talked about
    # What the reply does to the draft's lines with the products it names: "add" (`tambah 1 bergo`),
    # "remove" (`hapus bergo`, `ciputnya gajadi`), "replace" (`ganti jadi pashmina cream`: the line of that
    # product, or the line before), or None (a product named alone: the engine decides).
    items_op: str | None = None
    # `ganti bergo jadi pashmina cream`, `kaos hitam L jadi XL`, `replace white coffee with dodol`: the
    # products the reply swaps out (the draft's items are what it swaps in) and the words it swaps in
    old_items: list[DraftItem] = field(default_factory=list)
    new_text: str = ""
    no_discount: bool = False  # `tanpa diskon`, `không giảm nữa`, `remove discount`: the discount comes off
    # `ganti jadi L`, `ukuran XL aja`, `đổi … sang màu đỏ`: words that change a line or name a variant's
    # field, so a variant the reply names is one, not the buyer's name (`Hồng`) answering who
    changes: bool = False

    @property
    def replace_items(self) -> bool:
        return self.items_op == "replace"


def read_correction(parser: Parser, text: str, expect: str | None = None) -> Correction:
    """Read a reply against an open draft; `expect` is the field the bot just asked for, if any."""
    op, rest = _item_op(parser, text or "") if expect is None else (None, "")
    draft = parser.parse(rest if op else text)
    no_discount = False
    if op and not draft.items:
        # `no 12 Jalan Ampang`, `không giảm nữa`: a word that adds or removes, then no goods to do it to
        no_discount = op == "remove" and _only_a_discount(parser, rest)  # `kurangi diskon`: not gone
        op, draft = None, parser.parse(text)
    if op == "lower":
        op = "remove"  # of the lines: the engine takes a number off (`kurangi 1 kaos`), the line without one
    out = Correction(draft=draft)
    if no_discount and draft.discount is None:
        out.no_discount = True
        out.mentioned.add("discount")
    folded = fold(text or "")
    swap = _SWAP_RE.match(folded) if op is None and expect is None else None
    if swap and not swap.group("verb") and not _plain_swap(swap.group("to"), folded):
        swap = None
    if swap and sum(1 for v in (draft.customer.name, draft.customer.phone, draft.customer.address) if v) >= 2:
        swap = None  # a buyer's name, phone and address: a whole new order that happens to say `ke`
    if swap:
        said = parser.parse(text[swap.start("old"):swap.end("old")])
        old = [it for it in said.items if it.sku or it.candidates]
        if old:
            out.old_items, out.new_text, op = old, text[swap.start("new"):], "replace"
            draft.items = [it for it in parser.parse(out.new_text).items if it.sku or it.candidates]
    words = folded.split()
    out.changes = bool(_REPLACE_RE.search(folded)) or any(
        parser.lex.labels.get(w.strip(".,:")) == "variant" for w in words)
    while words and parser.lex.has("fillers", words[-1]):
        words = words[:-1]  # `jadi 2 aja kak`
    qty = _QTY_RE.match(" ".join(words))
    if qty and not any(it.sku or it.candidates for it in draft.items):
        draft.items = []  # `make it 5`: the whole reply is a quantity, not a product called "make it"
        out.qty = int(qty.group(1))
        out.mentioned.add("qty")
    cust = draft.customer
    if expect == "name" and not cust.name and not draft.items:
        cust.name = parser.shape.clean_name(text.strip(), labelled=True)
    if expect == "address" and not cust.address and (text or "").strip():
        value = parser.shape.trim_tail(text.strip())
        if parser.shape.looks_like_address(value):
            cust.address = value
    for name in ("name", "phone", "address"):
        if getattr(cust, name):
            out.mentioned.add(name)
    if (
        re.search(r"\d{6,}", re.sub(r"[\s.\-]", "", folded))
        and "phone" not in out.mentioned
        and re.search(r"(?:hp|wa|sdt|phone|tel|telp|nomor|no)\b", folded)
    ):
        out.mentioned.add("phone")  # a number was given but it is not valid: the bot asks again
    if draft.items or out.old_items:
        out.mentioned.add("items")
        out.items_op = op or ("replace" if _REPLACE_RE.search(folded) else None)
    for name in ("channel", "payment", "courier", "shipping_fee", "discount", "note"):
        if getattr(draft, name) is not None:
            out.mentioned.add(name)
    return out


def _plain_swap(to: str, folded: str) -> bool:
    """Whether a swap without a verb reads as one: `kaos hitam L jadi XL`, not `… 1 ya. Kirim ke Jl. …`."""
    clause = folded.strip(" .!?")
    short = len(clause.split()) <= _PLAIN_SWAP_WORDS and not re.search(r"[,.;!?\n]", clause)
    return to in _PLAIN_SWAP and short


def _item_op(parser: Parser, text: str) -> tuple[str | None, str]:
    """The operation on the draft's lines a reply names, and the reply without those words: first words
    that add (`tambah 1 bergo`, `thêm`, `add`), remove (`hapus`, `bỏ`, `remove`, `gak jadi`) or lower
    (`kurangi 1 kaos`, `bớt son đỏ`, `less 1 white coffee`: the engine takes that many off the line, the
    line without a number), or a cancel after the product (`pashminanya gak jadi`, `son đỏ không lấy nữa`).
    A reply naming no goods after them is read whole (`bớt 20k`, `less RM5`: a discount)."""
    lex = parser.lex
    words = [w.strip(".,!?:;") for w in text.split()]
    start, end = 0, len(words)
    while start < end and (lex.has("fillers", words[start]) or lex.has("corrections", words[start])):
        start += 1  # `pls`, `sorry`, `eh`: before the word that adds or removes
    while end > start and lex.has("fillers", words[end - 1]):
        end -= 1
    for size in (3, 2, 1):
        if end - start <= size:
            continue
        head = " ".join(words[start:start + size])
        for name, op in (("adds", "add"), ("removes", "remove"), ("lowers", "lower"), ("cancels", "remove")):
            if fold(head) in lex.words(name) and (size > 1 or lex.has(name, head)):
                # the rest as written: a last word that may be a filler is also a colour (`son do`)
                return op, " ".join(words[start + size:])
        tail = " ".join(words[end - size:end])
        if fold(tail) in lex.words("cancels") and (size > 1 or lex.has("cancels", tail)):
            return "remove", " ".join(words[start:end - size])
    return None, text


def _only_a_discount(parser: Parser, rest: str) -> bool:
    """Does what follows a word that removes name only the discount (`diskon`, `giảm nữa`, `discount`)?"""
    words = [w.strip(".,!?:;") for w in rest.split()]
    words = [w for w in words if w and not parser.lex.has("fillers", w)]
    return bool(words) and parser.lex.labels.get(fold(" ".join(words))) == "discount"
