"""The draft's product lines as replies change them: which line a reply names, and what it makes of it."""

from __future__ import annotations

import copy
import re
from decimal import Decimal

from bot.engine.catalogs import ShopCatalog
from bot.parse import Correction
from bot.parse.money import find_amounts
from bot.parse.text import fold
from core.catalog import CatalogRow
from core.draft import DraftItem
from core.money import UnreadableAmount, parse_major

# `kaos hitam L jadi 3`, `change white coffee to 2 pcs`: what a swap swaps in is a quantity
_SWAP_NUMBER = re.compile(r"\W*(\d{1,4})\W*\w{0,6}\W*")
# Words that take a number of goods off a line (`kurangi 1 kaos`, `bớt 1 son`, `less 1 coffee`), folded; the
# parser's words that remove (`hapus 1 pashmina`, `minus 1 white coffee`) do too when a number follows.
_LOWER = frozenset({"kurangi", "kurangin", "dikurangi", "kurang", "bot", "bot di", "giam bot", "less",
                    "reduce"})
_COUNT = re.compile(r"\d{1,4}")
# `alamat: …`, `hp = …`: a label and its colon at the start of a reply
_LABEL_COLON = re.compile(r"\s*([^:=\n]{1,30}?)\s*[:=]\s*(.*)", re.DOTALL)


def labelled(cat: ShopCatalog, text: str) -> tuple[str, str] | None:
    """The field a reply's first words name with a label of the shop's languages (`alamat: Jl Mawar 3`,
    `hp 0812…`, `giá 150k`) and what follows it; None for a reply that starts with no label."""
    labels = cat.parser.lex.labels
    colon = _LABEL_COLON.match(text)
    if colon and labels.get(fold(colon.group(1))):
        return labels[fold(colon.group(1))], colon.group(2).strip()
    words = text.split()
    for size in (3, 2, 1):
        kind = labels.get(fold(" ".join(words[:size]))) if len(words) > size else None
        if kind:
            return kind, " ".join(words[size:])
    return None


def bare_price(cat: ShopCatalog, text: str) -> Decimal | None:
    """The price of `harga 90rb`, `giá: 150k`, `price RM25.80`: a price for a line, naming no product."""
    said = labelled(cat, text)
    if said is None or said[0] != "price":
        return None
    try:
        price = parse_major(said[1], cat.currency)
    except UnreadableAmount:
        return None
    return price if price > 0 else None


def qty_written(cat: ShopCatalog, text: str) -> bool:
    """Whether a reply naming a product writes its quantity: a figure that is no price (`kaos hitam L harga
    90rb`, `son đỏ 150k` write none; `kaos hitam L 3` does)."""
    folded = fold(text)
    for amount in reversed(find_amounts(folded, cat.currency, strong_only=True)):
        folded = folded[:amount.start] + " " + folded[amount.end:]
    words = folded.split()
    labels = cat.parser.lex.labels
    kept = [w for at, w in enumerate(words) if not (at and labels.get(words[at - 1].strip(":=")) == "price")]
    return any(ch.isdigit() for w in kept for ch in w)


def swap_number(fix: Correction) -> int | None:
    """The quantity a swap swaps in (`ganti kaos jadi 2`, `đổi son thành 2`, `change white coffee to 2`)."""
    number = _SWAP_NUMBER.fullmatch(fix.new_text) if fix.old_items else None
    return int(number.group(1)) if number and int(number.group(1)) >= 1 else None


def lowered(text: str, cat: ShopCatalog) -> tuple[int | None, str, list[DraftItem], bool] | None:
    """`kurangi 1 kaos`: how many fewer (None without a number), the words of the goods, the catalog's
    products they name, and whether the reply lowers (rather than removes); None for another reply."""
    lex = cat.parser.lex
    words = text.split()
    size = next((n for n in (2, 1) if len(words) > n and (
        fold(" ".join(words[:n])) in _LOWER or lex.has("removes", " ".join(words[:n]))
        or lex.has("cancels", " ".join(words[:n])))), 0)
    if not size:
        return None
    count = int(words[size]) if _COUNT.fullmatch(words[size]) else lex.number(words[size])
    rest = " ".join(words[size + (count is not None):])
    named = [it for it in cat.parse(rest).items if it.sku or it.candidates] if rest else []
    return count, rest, named, fold(" ".join(words[:size])) in _LOWER


def lowered_lines(lines: list[DraftItem], text: str, cat: ShopCatalog) -> list[int]:
    """The lines a `kurangi 1 kaos` with a number names: more than one, and the bot asks which."""
    said = lowered(text, cat)
    if said is None or said[0] is None or not said[1]:
        return []
    new = said[2][0] if said[2] else DraftItem(sku=None, name=said[1], qty=1)
    return [i for i, line in enumerate(lines) if _names(new, line, cat.rows)]


def taken_off(lines: list[DraftItem], text: str, cat: ShopCatalog) -> list[DraftItem] | None:
    """`kurangi 1 kaos`, `bớt 1 son đỏ`, `minus 1 white coffee`, `hapus 2 pashmina`: the lines with that many
    fewer on the line of the product named (off the card at zero); `hapus topi`: without the line of that
    product the shop lacks. None for a reply that is none of these (a product not on the card: unchanged)."""
    said = lowered(text, cat)
    if said is None:
        return None
    count, rest, named, lowers = said
    after = [copy.copy(line) for line in lines]
    if count is None:
        if named or lowers:
            return None  # `hapus bergo`: the catalog's product, taken off by the correction's reading
        at = line_of(after, DraftItem(sku=None, name=rest, qty=1), cat.rows, family=False)
        if at is None or after[at].sku is not None:
            return None
        del after[at]
        return after
    if count < 1 or not rest:
        return None
    at = line_of(after, named[0] if named else DraftItem(sku=None, name=rest, qty=1), cat.rows, family=False)
    if at is None:
        return after if named else None  # `kurangi 1 bergo` to a card without one: nothing to lower or add
    if count >= after[at].qty:
        del after[at]
    else:
        after[at].qty -= count
    return after

def variant_change(lines: list[DraftItem], text: str, cat: ShopCatalog) -> tuple[int, str] | None:
    """`ganti jadi L`, `ganti size M`, `ukuran XL aja`: a reply naming only a variant changes the one line
    of a product that comes in it (its quantity stays, at the variant's price): that line and the SKU."""
    rows = cat.rows
    found: list[tuple[int, str]] = []
    for at, line in enumerate(lines):
        base = rows[line.sku].name if line.sku in rows else None
        family = [sku for sku, row in rows.items() if row.name == base] if base else line.candidates
        sku = variant_named(cat, text, [s for s in family if s in rows]) if len(family) > 1 else None
        if sku and sku != line.sku:
            found.append((at, sku))
    return found[0] if len(found) == 1 else None


def edit_lines(lines: list[DraftItem], named: list[DraftItem], op: str | None, qty_written: bool,
                rows: dict[str, CatalogRow]) -> None:
    """The draft's lines after a reply naming products: `tambah` adds (to a line of the same product
    if there is one), `hapus` removes that product's lines, `ganti jadi` replaces the line of that
    product (or, naming another product, the last line); a product named alone changes its own line,
    or the line of its other variant, and is added when the draft has neither."""
    for new in named:
        same = line_of(lines, new, rows, family=False)
        if op == "remove":
            lines[:] = [line for line in lines if not _names(new, line, rows)]
            continue
        if op == "add":
            if same is not None and new.sku:
                lines[same].qty += new.qty
            else:
                lines.append(copy.copy(new))
            continue
        at = same if same is not None else line_of(lines, new, rows, family=True)
        if at is None and op == "replace" and lines:
            at = len(lines) - 1
        if at is None:
            lines.append(copy.copy(new))
            continue
        old, item = lines[at], copy.copy(new)
        if at == same and old.sku and not new.sku:
            # `yg kaos 3`, `the coffee 3`: a product named vaguely is the one its line already holds
            item = copy.copy(old)
            item.qty = new.qty if qty_written else old.qty
            item.unit_price = old.unit_price if new.unit_price is None else new.unit_price
            lines[at] = item
            continue
        if not qty_written:
            item.qty = old.qty  # `ganti jadi pashmina cream`: no new quantity, the old one stands
        row = rows.get(new.sku or "")
        if new.sku == old.sku and old.unit_price is not None and (row is None or new.unit_price == row.price):
            item.unit_price = old.unit_price  # the price the seller wrote for that line stays
        lines[at] = item


def swap(lines: list[DraftItem], fix: Correction, cat: ShopCatalog) -> None:
    """`ganti bergo jadi pashmina cream`, `kaos hitam L jadi XL`, `sneakers 40 jadi 42`, `kaos hitam L jadi
    3`: the line of the product swapped out takes the product, the variant or the quantity swapped in;
    its quantity stays unless one is written with the new product."""
    rows, old = cat.rows, fix.old_items[0]
    at = line_of(lines, old, rows, family=False)
    at = line_of(lines, old, rows, family=True) if at is None else at
    if at is None:
        return
    line = lines[at]
    if fix.draft.items:
        item = copy.copy(fix.draft.items[0])
        if not re.search(r"\d", fix.new_text):
            item.qty = line.qty
    else:
        base = rows[line.sku].name if line.sku in rows else None
        family = [sku for sku, row in rows.items() if row.name == base] if base else line.candidates
        sku = variant_named(cat, fix.new_text, family)
        number = swap_number(fix)
        if sku:
            item = DraftItem(sku=sku, name=rows[sku].title, qty=line.qty, unit_price=rows[sku].price)
        elif number:
            item = copy.copy(line)
            item.qty = number
        else:
            return
    lines[at] = item


def _names(new: DraftItem, line: DraftItem, rows: dict[str, CatalogRow]) -> bool:
    """Does a product named in a reply (`bergo`, `kaos hitam L`) name this line of the draft?"""
    if new.sku:
        return line.sku == new.sku
    if new.candidates:
        return line.sku in new.candidates or bool(set(line.candidates) & set(new.candidates))
    said = fold(new.name.strip())
    if not said:
        return False
    if line.sku is None:
        return said in fold(line.name)
    # a name the catalog does not know (`coffee`), every word of it in the line's product (`White Coffee`)
    return set(said.split()) <= set(fold(rows[line.sku].title if line.sku in rows else line.name).split())


def swap_unclear(lines: list[DraftItem], fix: Correction, rows: dict[str, CatalogRow]) -> DraftItem | None:
    """`ganti jadi pashmina cream` to a card of several lines, none of them that product or another of its
    variants: the product to swap in, for the bot to ask which line it replaces (None: the line is clear)."""
    if not fix.replace_items or fix.old_items or len(lines) < 2:
        return None
    named = [it for it in fix.draft.items if it.sku or it.candidates]
    if len(named) != 1 or line_of(lines, named[0], rows, family=True) is not None:
        return None
    return named[0]


def line_of(lines: list[DraftItem], new: DraftItem, rows: dict[str, CatalogRow], *,
             family: bool) -> int | None:
    """The last line naming the product `new` names (its SKU), or with `family`, another of its variants."""
    if not family:
        hits = [i for i, line in enumerate(lines) if _names(new, line, rows)]
        return hits[-1] if hits else None
    names = {rows[s].name for s in ([new.sku] if new.sku else new.candidates) if s in rows}
    hits = [i for i, line in enumerate(lines)
            if names & {rows[s].name for s in ([line.sku] if line.sku else line.candidates) if s in rows}]
    return hits[-1] if hits else None


def variant_named(cat: ShopCatalog, text: str, choices: list[str]) -> str | None:
    """The one choice whose variant the reply names (`XL`, `size L`, `cream aja`, `ground` for `Ground,
    250g`): the only one named in full, else the only one holding every variant word the reply says."""
    # a filler as written: `đỏ` (red) folds to `do`, as `đó` (that) does
    words = {fold(w) for w in text.replace(",", " ").split() if not cat.parser.lex.has("fillers", w)}
    variants = {sku: set(fold(cat.rows[sku].variant).replace(",", " ").split()) for sku in choices}
    full = [sku for sku, variant in variants.items() if variant and variant <= words]
    if len(full) == 1:
        return full[0]
    said = words & set().union(*variants.values()) if variants else set()
    hits = [sku for sku, variant in variants.items() if said and said <= variant]
    return hits[0] if len(hits) == 1 and not full else None


def replace_product(old: DraftItem, new: DraftItem, rows: dict[str, CatalogRow]) -> DraftItem:
    """The line's product as now named; the quantity stays unless a new one was given."""
    row = rows.get(new.sku or "")
    return DraftItem(sku=new.sku, name=row.title if row else new.name,
                     qty=new.qty if new.qty != 1 else old.qty, unit_price=new.unit_price,
                     qty_unclear=old.qty_unclear and new.qty == 1)
