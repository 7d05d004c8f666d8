"""One item line read against the catalog: product by fuzzy phrase, variant from the words around it,
quantity in its many forms, and a price per unit or per line (what the clause holds is read once, in
`clause`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from bot.parse.catalog_index import CatalogIndex
from bot.parse.clause import ClauseReader
from bot.parse.lexicon import STRICT

_SIZES = {"xs", "s", "m", "l", "xl", "xxl", "xxxl", "2xl", "3xl", "4xl"}
_ORDINAL_BEFORE = re.compile(r"(?:(?<!\w)ke[- ]?|#|(?<!\w)thu |(?<!\w)lan thu )$")


@dataclass(slots=True)
class ItemRead:
    """What one clause says about an item."""

    text: str
    rows: list[int] = field(default_factory=list)  # catalog rows it may be; one when resolved
    head: str | None = None  # first word of the matched phrase, to read `sama yg putih` after it
    qty: int | None = None
    price: Decimal | None = None
    per_unit: bool = False
    name: str = ""
    content: list[str] = field(default_factory=list)  # words neither catalog nor grammar
    free: list[str] = field(default_factory=list)  # canonical catalog words not used by the match
    variant_hits: int = 0
    qty_word: bool = False  # the quantity was a number word (`dua`, `hai`), weaker evidence of an item

    @property
    def matched(self) -> bool:
        return bool(self.rows)

    def copy(self) -> ItemRead:
        """A copy whose lists the caller may change (dataclasses.replace is several times slower)."""
        return ItemRead(
            self.text,
            list(self.rows),
            self.head,
            self.qty,
            self.price,
            self.per_unit,
            self.name,
            list(self.content),
            list(self.free),
            self.variant_hits,
            self.qty_word,
        )


class ItemReader:
    def __init__(self, index: CatalogIndex, currency: str):
        self.ix = index
        self.lex = index.lex
        self.currency = currency
        self.clauses = ClauseReader(index, currency)
        self.neutral = self.clauses.neutral  # grammar and chat words: neither catalog nor content
        self._shared_cache: dict[tuple[int, ...], tuple[frozenset[int], frozenset[str]]] = {}
        self._cache: dict[tuple[str, str | None, tuple[int, ...] | None, bool], ItemRead] = {}

    # -- reading ----------------------------------------------------------------------------------

    def read(self, text: str, head: str | None = None, within: list[int] | None = None) -> ItemRead:
        """Read a clause (cached: the parser asks about the same clause more than once)."""
        key = (text, head, tuple(within) if within else None, STRICT.get())
        hit = self._cache.get(key)
        if hit is None:
            hit = self._read(text, head, within)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[key] = hit
        return hit.copy()

    def names_product(self, text: str) -> bool:
        """Does the clause name catalog rows? Most clauses of addresses and chat hold no catalog phrase
        and no SKU, which the shared clause reading tells without finishing the read."""
        if not self.clauses.may_name_product(text):
            return False
        cl = self.clauses.clause(text)
        if cl.sku_row is None and cl.best is None and not any(c in self.ix.head_rows for c in cl.canon if c):
            return False  # the only ways to rows without a product to continue (see `_read`)
        return bool(self.read(text).rows)

    def _counts(self, toks: list[tuple[str, int, int]], low: str, i: int) -> bool:
        """Is word `i` a unit right after a number (`tiga biji`, `2 biji`), not a word of its own (`biji`
        is also coffee beans)?"""
        if i == 0 or not self.lex.has("units", toks[i][0]):
            return False
        before, s, e = toks[i - 1]
        return before.isdigit() or self.lex.number(low[s:e]) is not None

    def _times(self, toks: list[tuple[str, int, int]], i: int) -> int:
        """How many one of the unit after word `i` counts (`lusin` 12, `tá` 12; `a` may stand between)."""
        after = [t for t, _, _ in toks[i + 1 : i + 3]]
        if after and after[0] == "a":  # `half a dozen`
            after = after[1:]
        return self.lex.unit_multipliers.get(after[0], 1) if after else 1

    def may_pick_variant(self, text: str) -> bool:
        """Can the clause pick a variant of a product named before (`yg putih`, `size 39`)? Only a
        catalog word or a number in it can (see `_pick_variant`)."""
        cl = self.clauses.clause(text)
        return any(c is not None or t.isdigit() for (t, _, _), c in zip(cl.toks, cl.canon, strict=True))

    def _read(self, text: str, head: str | None = None, within: list[int] | None = None) -> ItemRead:
        """Read a clause; with `head`, a clause without a product is read as a variant of that product."""
        cl = self.clauses.clause(text)
        out = ItemRead(text=text, qty=cl.qty, price=cl.price, per_unit=cl.per_unit, name=cl.name)
        f, sku_row, second, size_nums, toks, canon, best, low = (
            cl.f,
            cl.sku_row,
            cl.second,
            cl.size_nums,
            cl.toks,
            cl.canon,
            cl.best,
            cl.low,
        )
        used: set[int] = set()
        if sku_row is not None:
            out.rows = [sku_row]
            out.head = self.ix.head_of[sku_row]
        elif best is not None:
            pid, positions = best
            ph = self.ix.phrases[pid]
            used.update(positions)
            out.rows = sorted(ph.rows)
            out.head = ph.toks[0]
        elif head is not None:
            out.rows = sorted(within or self.ix.head_rows.get(head, set()))
            out.head = head
        elif any(c in self.ix.head_rows for c in canon if c is not None):
            self._partial(out, toks, canon, used)
        if best is not None and out.rows:
            self._variant_beside(out, toks, canon, used)
        if len(out.rows) > 1:
            self._pick_variant(out, toks, canon, used, continuation=best is None)
        elif best is None and head is not None:
            out.rows = []
        near = range(min(used) - 1, max(used) + 3) if used else range(0)
        # a colour, flavour or meat word beside the phrase, whether a catalog word or not (`serunding ayam`
        # where the catalog's serunding is beef)
        if out.rows:
            # a unit after a number counts pieces, it asks for no kind (`tiga biji`: not coffee beans)
            group = self.ix.colour_group
            asked = [(i, c or toks[i][0]) for i, c in enumerate(canon) if i not in used and i in near]
            kinds = [w for i, w in asked if w not in group or not self._counts(toks, low, i)]
            if self._other_colour(out.rows, kinds):
                out.rows, out.head = [], None  # `sneakers hitam` when the shop's sneakers are white: not ours
        # quantity: a marked one, else the first bare number that is not a size, else a number word
        if out.qty is None:
            for i, (t, s, _) in enumerate(toks):
                if i in used or not t.isdigit() or s in size_nums or (s > 0 and f[s - 1] == "_"):
                    continue
                # every match ends at `s` (or before a newline there) and is at most nine characters
                # long: the search starts just before it (a lookbehind still sees what lies before)
                if _ORDINAL_BEFORE.search(f, max(0, s - 12), s):
                    continue  # `order ke-2`, `#2`: which one, not how many
                if t[0] == "0" and len(t) > 1:
                    continue  # `Budi 0812`, `Ali 012`: the start of a phone number, never how many
                n = int(t)
                if 1 <= n <= 999 or t == "0":  # `bergo hitam 0`: a quantity that cannot be (UNCLEAR)
                    out.qty = n
                    used.add(i)
                    break
        if out.qty is None:
            for i, (_, s, e) in enumerate(toks):
                word_n = self.lex.number(low[s:e]) if i not in used else None
                # a number word that is also a catalog word (`segi empat`) is a quantity only outside
                # the phrase that named the product (`pashmina hitam empat`)
                if word_n is not None and (
                    canon[i] is None
                    or canon[i] not in self.ix.vocab
                    or (used and not self.ix.in_phrase_pair(canon, i))
                ):
                    out.qty = word_n * self._times(toks, i)  # `satu lusin` is twelve
                    out.qty_word = True
                    used.add(i)
                    break
                if word_n is None and i not in used and self.lex.has("half_words", low[s:e]):
                    times = self._times(toks, i)
                    if times > 1 and times % 2 == 0:  # `setengah lusin`, `half a dozen`, `nửa tá`: six
                        out.qty = times // 2
                        out.qty_word = True
                        used.add(i)
                        break
        for i, (t, _, _) in enumerate(toks):
            if i in used:
                continue
            if canon[i] is not None:
                out.free.append(canon[i] or t)
            elif (
                not t.isdigit()
                and t not in self.neutral
                and len(t) > 1
                and self.lex.number(low[toks[i][1] : toks[i][2]]) is None
            ):
                out.content.append(t)
        if (
            out.price is not None
            and second is not None
            and out.qty
            and out.qty > 1
            and second == out.price * out.qty
        ):
            out.per_unit = True  # `2 son 89k = 178k`: the unit price, then the line total
        return out

    def _pick_variant(
        self,
        out: ItemRead,
        toks: list[tuple[str, int, int]],
        canon: list[str | None],
        used: set[int],
        continuation: bool,
    ) -> None:
        rows = out.rows
        rows_set, shared = self._shared(tuple(rows))
        hit_pos: dict[int, set[int]] = {}
        hit_words: dict[int, set[str]] = {}
        # walk the clause's words, not the rows: a product may have hundreds of rows
        for i, (t, _, _) in enumerate(toks):
            if i in used:
                continue
            c = canon[i]
            words = ({c} | self.ix.also.get(c, set())) if c is not None else ({t} if t.isdigit() else set())
            for w in words:
                if w in shared:
                    continue
                for r in self.ix.rows_with(w, rows_set):
                    hit_pos.setdefault(r, set()).add(i)
                    hit_words.setdefault(r, set()).add(c or t)
        scores = {r: len(ws) for r, ws in hit_words.items()}
        top = max(scores.values()) if scores else 0
        winners = [r for r, s in scores.items() if s == top]
        if top > 0 and len(winners) == 1:
            out.rows = winners
            used.update(hit_pos[winners[0]])
            out.variant_hits = top
        elif top > 0 and continuation:
            out.rows = winners
            used.update(hit_pos[winners[0]])
            out.variant_hits = top

    def _variant_beside(
        self, out: ItemRead, toks: list[tuple[str, int, int]], canon: list[str | None], used: set[int]
    ) -> None:
        """`ntt 100ml` where the alias `ntt` names the 400ml bottle: a size or measure written beside the
        phrase that none of its rows has picks the rows of the same product that have it."""
        family = self.ix.family[out.rows[0]]
        if len(family) < 2 or any(self.ix.family[r] is not family for r in out.rows):
            return
        lo, hi = min(used), max(used)
        for i in (hi + 1, lo - 1):
            if not 0 <= i < len(toks) or i in used:
                continue
            c = canon[i]
            if c is None or not (any(ch.isdigit() for ch in c) or c in _SIZES):
                continue
            if i < lo and c.isdigit() and len(out.rows) == 1:
                continue  # `10 miếng mặt nạ lẻ`: a bare number before a phrase naming one row counts it
            if any(c in self.ix.alias_toks[r] for r in out.rows):
                if len(out.rows) == 1 and c.isdigit() and c in self.ix.variant_toks[out.rows[0]]:
                    used.add(i)  # `white coffee 15 sachets 2`: the row's own variant, no quantity
                return  # the phrase's own rows have it: `_pick_variant` chooses among them
            having = [r for r in family if c in self.ix.variant_toks[r]]
            if having:
                out.rows = having
                used.add(i)
                return

    def _partial(
        self, out: ItemRead, toks: list[tuple[str, int, int]], canon: list[str | None], used: set[int]
    ) -> None:
        """`Produk: Kaos Polos` (then `Warna: Hitam`, `Size: XL`): the start of product names, with no
        other word, is an open line whose candidates are the rows of every name it starts."""
        words = {c for c in canon if c is not None and not c.isdigit()}  # a number here is a quantity
        if not words or any(
            c is None and not t.isdigit() and t not in self.neutral
            for (t, _, _), c in zip(toks, canon, strict=True)
        ):
            return  # `kem mắt`: a word the catalog does not know, so an unknown product, not an open one
        rows: set[int] = set()
        rarest = min(words, key=lambda w: len(self.ix.by_token.get(w, ())))  # a phrase must hold every word
        holding = self.ix.by_token.get(rarest, ())
        starting = [pid for w in words for pid in self.ix.by_first.get(w, ())]  # or start with one
        # either list holds every phrase that counts, and the union of their rows is the same in any order
        for pid in starting if len(starting) < len(holding) else holding:
            ph = self.ix.phrases[pid]
            if ph.toks[0] in words and words <= self.ix.phrase_sets[pid]:
                rows |= ph.rows
                if len(rows) > 40:
                    return
        if 1 < len(rows) <= 40:
            out.rows = sorted(rows)
            out.head = next(c for c in canon if c is not None and not c.isdigit())
            used.update(i for i, c in enumerate(canon) if c is not None and not c.isdigit())

    def _other_colour(self, rows: list[int], words: Sequence[str | None]) -> bool:
        """Does the clause ask for a colour or flavour, or a meat, the product comes in no row of? Each is
        its own dimension: `sambal garing pedas` asks a flavour of a fish sambal, no other fish."""
        group = self.ix.colour_group
        asked = {group[w] for w in words if w and w in group}
        if not asked:
            return False
        offered = {group[t] for r in rows for t in self.ix.alias_toks[r] if t in group}
        kind = self.lex.colour_kind
        for dim in {kind.get(g, "colour") for g in asked}:
            mine = {g for g in offered if kind.get(g, "colour") == dim}
            if mine and not any(g in mine for g in asked):
                return True
        return False

    def _shared(self, rows: tuple[int, ...]) -> tuple[frozenset[int], frozenset[str]]:
        """The rows as a set and the words all of them share (cached per set of rows)."""
        got = self._shared_cache.get(rows)
        if got is None:
            got = (frozenset(rows), frozenset(set.intersection(*(self.ix.alias_toks[r] for r in rows))))
            if len(self._shared_cache) > 2048:
                self._shared_cache.clear()
            self._shared_cache[rows] = got
        return got
