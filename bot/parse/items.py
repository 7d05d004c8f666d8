"""One item line read against the catalog: product by fuzzy phrase, variant from the words around it,
quantity in its many forms, and a price per unit or per line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from bot.parse.catalog_index import CatalogIndex, join_measures
from bot.parse.lexicon import STRICT, alternation
from bot.parse.money import find_amounts
from bot.parse.money_words import has_number_word
from bot.parse.text import fold

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_DIGIT = re.compile(r"\d")
_RUNS = re.compile(r"[a-z]+|\d+")  # the letter and figure runs of an ASCII word (`2pcs`, `l2`)
_ORDINAL_BEFORE = re.compile(r"(?:(?<!\w)ke[- ]?|#|(?<!\w)thu |(?<!\w)lan thu )$")
_GLUED = re.compile(r"([a-z]{1,3})(\d{1,2})")
_SKU_RE = re.compile(r"(?<![\w-])[a-z0-9][a-z0-9_./-]*[a-z0-9](?![\w-])")
# words that sit between a product and its variant without changing what is meant
VARIANT_LABELS = {
    "size",
    "sz",
    "sise",
    "ukuran",
    "uk",
    "ukr",
    "no",
    "nomor",
    "nomer",
    "warna",
    "wrn",
    "color",
    "colour",
    "mau",
    "loai",
    "tone",
    "yg",
    "yang",
    "saiz",
    "flavour",
    "flavor",
    "perisa",
    "type",
    "varian",
    "variant",
    "motif",
    "model",
    "the",
    "of",
    "in",
    "cai",
    "con",
    "loại",
    "phan",
    "dung",
    "tich",
}
SIZE_MARK_RE = re.compile(
    r"(?=[snu])(?<!\w)(?:size|sz|no|ukuran|uk|nomor|nomer|so|saiz|nomor sepatu)\s*[:.]?\s*(\d{1,3})(?!\w)"
)
# `màu 21` marks a shade in Vietnamese; in Indonesian `mau 3` is "want 3"
SIZE_MARK_VI_RE = re.compile(r"(?=[smt])(?<!\w)(?:size|sz|mau|so|ma mau|tone)\s*[:.]?\s*(\d{1,3})(?!\w)")
# each pattern opens with a lookahead of the letters it can start with: a quick test at each place;
# with the characters a clause must hold for it to match at all (most clauses hold no `x` or bracket)
QTY_MARK_RES = [
    ("x×", re.compile(r"(?=[x×])(?<!\w)(?:x|×)\s?(\d{1,4})(?!\w)")),
    ("x×", re.compile(r"(?=\d)(?<![\w.,])(\d{1,4})\s?(?:x|×)(?!\w)")),
    ("(", re.compile(r"\(\s*(\d{1,4})\s*\)")),
    (
        "",
        re.compile(
            r"(?=[qsjkb])(?<!\w)(?:qty|sl|slg|jumlah|jml|so luong|quantity|kuantiti|bilangan)"
            r"\s*[:=.]?\s*(\d{1,4})(?!\w)"
        ),
    ),
]


class Clause(NamedTuple):
    """A clause's words, amounts and quantity marks, and the catalog phrase it holds, if any."""

    f: str  # folded, with SKU codes, amounts and quantity marks blanked
    sku_row: int | None
    price: Decimal | None
    per_unit: bool
    second: Decimal | None
    size_nums: frozenset[int]  # offsets of numbers marked as sizes (`size 39`)
    qty: int | None  # a marked quantity (`x2`, `2 pcs`)
    toks: list[tuple[str, int, int]]
    canon: list[str | None]  # the catalog word each token stands for
    best: tuple[int, list[int]] | None  # the best catalog phrase and where its words are
    low: str
    name: str  # the product as written


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
        self.units = self.lex.words("units")
        self._shared_cache: dict[tuple[int, ...], tuple[frozenset[int], frozenset[str]]] = {}
        self._cache: dict[tuple[str, str | None, tuple[int, ...] | None, bool], ItemRead] = {}
        self._clauses: dict[tuple[str, bool], Clause] = {}
        self._no_product: set[tuple[str, bool]] = set()  # clauses whose words name no product
        units = "|".join(sorted((re.escape(u) for u in self.units if u != "x"), key=len, reverse=True))
        units = "|".join(
            sorted({units, *map(re.escape, self.lex.unit_multipliers)} - {""}, key=len, reverse=True)
        )
        self._unit_qty = re.compile(rf"(?=\d)(?<![\w.,])(\d{{1,4}})\s?({units})(?!\w)") if units else None
        self._per_words = sorted(self.lex.words("per_unit"), key=len, reverse=True)
        # `89k/pcs`: a per-unit mark starting with `/` is cut out of the clause even inside a word
        # (`/pc` of `/pcs` leaves `s`); where one runs into a word, only a full reading tells its words
        slash_marks = alternation(w for w in self._per_words if w.startswith("/"))
        self._slash_cut = re.compile(rf"(?:{slash_marks})[^\W_]") if slash_marks else None
        glued = "|".join(map(re.escape, sorted(self.lex.words("glued_units"))))
        # `2c son đỏ`: a one-letter unit counts only written onto its number (`23 c nhé` is a shade and `chị`)
        self._glued_qty = re.compile(rf"(?=\d)(?<![\w.,])(\d{{1,3}})(?:{glued})(?!\w)") if glued else None
        self.neutral = (
            self.units
            | self.lex.words("fillers")
            | self.lex.words("order_verbs")
            | self.lex.words("honorifics")
            | VARIANT_LABELS
            | self.lex.words("price_words")
            | {w for p in self.lex.words("per_unit") for w in p.strip("/").split()}
            | {w for p in self.lex.words("corrections") for w in p.split()}
            | {
                "dan",
                "sama",
                "sm",
                "and",
                "va",
                "voi",
                "vs",
                "n",
                "plus",
                "with",
                "serta",
                "lagi",
                "juga",
                "aja",
                "nya",
                "ya",
                "kak",
                "aku",
                "saya",
                "i",
                "me",
                "em",
                "minh",
                "chi",
                "toi",
                "a",
                "nak",
                "je",
                "nha",
                "nhe",
                "lah",
                "please",
                "pls",
                "ready",
                "ada",
                "con",
                "khong",
                "masih",
                "stock",
                "masing",
                "masing2",
                "msg2",
                "each",
                "tiap",
                "setiap",
                "moi",
                "stok",
                "buat",
                "utk",
                "untuk",
                "for",
                "cho",
                "them",
                "set",
                "tambah",
            }
        )
        self._not_name = frozenset(self.neutral | set(self.lex.numbers) | self.units)  # words around a name

    # -- the pieces -------------------------------------------------------------------------------
    def _prices(self, f: str) -> tuple[str, Decimal | None, bool, Decimal | None]:
        """The clause with its amounts blanked, the first price, whether it is per unit, and a second
        price if one follows (`89k = 178k`)."""
        price: Decimal | None = None
        second: Decimal | None = None
        per_unit = False
        amounts = find_amounts(f, self.currency, strong_only=True)
        if not amounts:
            return f, None, False, None  # most clauses: nothing to blank
        chars = list(f)
        per_words = self._per_words
        for a in amounts:
            after = f[a.end : a.end + 16].lstrip(" )")
            before = f[max(0, a.start - 14) : a.start].rstrip(" :")
            marker = next(
                (
                    w
                    for w in per_words
                    if after.startswith(w)
                    and (len(after) == len(w) or not after[len(w)].isalnum() or w.startswith("/"))
                ),
                None,
            )
            unit_marked = (
                before.endswith("@")
                or marker is not None
                or any(
                    before.endswith(w)
                    and not w.startswith("/")
                    and (len(before) == len(w) or not before[-len(w) - 1].isalnum())
                    for w in per_words
                )
            )
            if marker is not None:
                at = f.find(marker, a.end)
                for i in range(at, at + len(marker) if at >= 0 else at):
                    chars[i] = " "
            if price is None:
                price, per_unit = a.value, unit_marked
            elif second is None:
                second = a.value
            for i in range(a.start, a.end):
                chars[i] = " "
        return "".join(chars), price, per_unit, second

    def _unglue(self, toks: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """`L2`, `XL1`: a size and its quantity typed together are two words."""
        out: list[tuple[str, int, int]] = []
        for t, s, e in toks:
            g = _GLUED.fullmatch(t) if t[-1].isdigit() else None
            if g and g.group(1) in self.ix.vocab:
                cut = s + len(g.group(1))
                out += [(g.group(1), s, cut), (g.group(2), cut, e)]
            else:
                out.append((t, s, e))
        return out

    def _qty_marks(self, f: str) -> tuple[str, int | None]:
        for needs, rx in QTY_MARK_RES:
            if needs and not any(ch in f for ch in needs):
                continue
            m = rx.search(f)
            if m:
                n = int(m.group(1))
                if 1 <= n <= 9999:
                    return f[: m.start()] + " " * (m.end() - m.start()) + f[m.end() :], n
        m = None
        for cand in self._unit_qty.finditer(f) if self._unit_qty else ():
            if " ".join(cand.group(0).split()) not in self.ix.variant_phrases:
                m = cand  # not `15 sachets` or `10 miếng`, which name a variant
                break
        if m and 1 <= int(m.group(1)) <= 9999:
            times = self.lex.unit_multipliers.get(m.group(2), 1)  # `1 lusin` is twelve
            return f[: m.start(1)] + " " * (m.end(1) - m.start(1)) + f[m.end(1) :], int(m.group(1)) * times
        m = self._glued_qty.search(f) if self._glued_qty else None
        if m:
            return f[: m.start()] + " " * (m.end() - m.start()) + f[m.end() :], int(m.group(1))
        return f, None

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
        key = (text, STRICT.get())
        if key in self._no_product:
            return False
        if key not in self._clauses and not self._may_name_product(text):
            if len(self._no_product) > 4096:
                self._no_product.clear()
            self._no_product.add(key)
            return False
        cl = self._clause(text)
        if cl.sku_row is None and cl.best is None and not any(c in self.ix.head_rows for c in cl.canon if c):
            return False  # the only ways to rows without a product to continue (see `_read`)
        return bool(self.read(text).rows)

    def says_nothing(self, text: str) -> bool:
        """Does the clause hold no catalog word, no figure and no number word? Then it names no row,
        no quantity, no price and no variant (a full reading finds each only from one of those), told
        from its words alone."""
        if (text, STRICT.get()) in self._clauses:
            return False  # read already: the reading answers at once
        f = fold(text)
        if any(ch.isdigit() for ch in f) or has_number_word(f):
            return False
        ix, lex, strict = self.ix, self.lex, STRICT.get()
        if "-" in f and any(m.group(0) in ix.by_sku for m in _SKU_RE.finditer(f)):
            return False
        low = text.lower()
        if len(low) != len(text):
            low = text
        for m in _TOKEN_RE.finditer(f):
            s, e = m.span()
            if ix.canonical(m.group(), text[s:e], strict) is not None or lex.number(low[s:e]) is not None:
                return False
        return True

    def may_pick_variant(self, text: str) -> bool:
        """Can the clause pick a variant of a product named before (`yg putih`, `size 39`)? Only a
        catalog word or a number in it can (see `_pick_variant`)."""
        cl = self._clause(text)
        return any(c is not None or t.isdigit() for (t, _, _), c in zip(cl.toks, cl.canon, strict=True))

    def _may_name_product(self, text: str) -> bool:
        """False when no word of the clause can stand for the first word of a catalog phrase and it
        holds no SKU code: then it names no rows, told from its words alone, without reading amounts,
        quantities and phrases. A full reading only blanks words out of the folded clause (amounts,
        quantity marks, SKU codes) or cuts a word where letters and figures meet (`2pcs`, `L2`), so
        the words it can see are among the words and letter or figure runs looked at here."""
        f = join_measures(fold(text))
        if not f.isascii() or (self._slash_cut is not None and "/" in f and self._slash_cut.search(f)):
            return True  # letters outside a-z or a mark cut out of a word: the full reading decides
        ix = self.ix
        if (_DIGIT.search(f) is not None or "-" in f) and any(
            m.group(0) in ix.by_sku for m in _SKU_RE.finditer(f)
        ):
            return True
        canonical, vocab, heads, also, strict = ix.canonical, ix.vocab, ix.head_rows, ix.also, STRICT.get()
        for m in _TOKEN_RE.finditer(f):
            word = m.group()
            pieces = [(word, m.start())]
            if not word.isalpha() and not word.isdigit():
                pieces += [(r.group(), m.start() + r.start()) for r in _RUNS.finditer(word)]
            for w, s in pieces:
                if w.isdigit() and w not in vocab:
                    continue  # a number is a catalog word only as a variant (size 39)
                c = canonical(w, text[s : s + len(w)], strict)
                if c is not None and (c in heads or any(a in heads for a in also.get(c, ()))):
                    return True
        return False

    def _clause(self, text: str) -> Clause:
        """The part of a reading that does not depend on the product it may continue (cached per text:
        a clause is read plain and then as a variant of the line before, and both share this)."""
        key = (text, STRICT.get())
        got = self._clauses.get(key)
        if got is None:
            got = self._read_clause(text)
            if len(self._clauses) > 4096:
                self._clauses.clear()
            self._clauses[key] = got
        return got

    def _read_clause(self, text: str) -> Clause:
        f = join_measures(fold(text))
        digits = _DIGIT.search(f) is not None
        sku_row = None
        if digits or "-" in f:  # every SKU code the index keeps has a digit or a dash
            for m in _SKU_RE.finditer(f):
                sku_row = self.ix.by_sku.get(m.group(0))
                if sku_row is not None:
                    # a SKU code written out (`KPH-L x2`) names the row; its digits are not a quantity
                    f = f[: m.start()] + " " * (m.end() - m.start()) + f[m.end() :]
                    break
        f, price, per_unit, second = self._prices(f)
        size_rx = SIZE_MARK_VI_RE if self.lex.locale == "vi" else SIZE_MARK_RE
        size_nums = frozenset(m.start(1) for m in size_rx.finditer(f)) if digits else frozenset()
        f, qty = self._qty_marks(f) if digits else (f, None)
        toks = [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(f)]
        if digits:
            toks = self._unglue(toks)
        low = text.lower()
        if len(low) != len(text):
            low = text
        # numbers are catalog words only as variants (size 39, cushion 21)
        canonical, vocab, strict = self.ix.canonical, self.ix.vocab, STRICT.get()
        canon = [
            canonical(t, text[s:e], strict) if not t.isdigit() or t in vocab else None for t, s, e in toks
        ]
        best = self._best_phrase(toks, canon) if sku_row is None else None
        name = self._written_name(text, toks, size_nums)
        return Clause(f, sku_row, price, per_unit, second, size_nums, qty, toks, canon, best, low, name)

    def _read(self, text: str, head: str | None = None, within: list[int] | None = None) -> ItemRead:
        """Read a clause; with `head`, a clause without a product is read as a variant of that product."""
        cl = self._clause(text)
        out = ItemRead(text=text, qty=cl.qty, price=cl.price, per_unit=cl.per_unit, name=cl.name)
        f, sku_row, second, size_nums, toks, canon, best, low = (
            cl.f, cl.sku_row, cl.second, cl.size_nums, cl.toks, cl.canon, cl.best, cl.low
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
        if len(out.rows) > 1:
            self._pick_variant(out, toks, canon, used, continuation=best is None)
        elif best is None and head is not None:
            out.rows = []
        near = range(min(used) - 1, max(used) + 3) if used else range(0)
        if out.rows and self._other_colour(
            out.rows, [c for i, c in enumerate(canon) if i not in used and i in near]
        ):
            out.rows, out.head = [], None  # `sneakers hitam` when the shop's sneakers are white: not ours
        # quantity: a marked one, else the first bare number that is not a size, else a number word
        if out.qty is None:
            for i, (t, s, _) in enumerate(toks):
                if i in used or not t.isdigit() or s in size_nums or (s > 0 and f[s - 1] == "_"):
                    continue
                if _ORDINAL_BEFORE.search(f, 0, s):
                    continue  # `order ke-2`, `#2`: which one, not how many
                n = int(t)
                if 1 <= n <= 999:
                    out.qty = n
                    used.add(i)
                    break
        if out.qty is None:
            for i, (_, s, e) in enumerate(toks):
                word_n = self.lex.number(low[s:e]) if i not in used else None
                if word_n is not None and (canon[i] is None or canon[i] not in self.ix.vocab):
                    out.qty = word_n
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

    def _best_phrase(
        self, toks: list[tuple[str, int, int]], canon: list[str | None]
    ) -> tuple[int, list[int]] | None:
        where: dict[str, list[int]] = {}
        for i, c in enumerate(canon):
            if c is not None:
                where.setdefault(c, []).append(i)
                for alt in self.ix.also.get(c, ()):
                    where.setdefault(alt, []).append(i)
        if not where:
            return None  # no catalog word: no phrase
        present = where.keys()
        ix = self.ix
        # the phrases whose words are all here, longest first (a stable sort keeps the first of equals):
        # a phrase with fewer words never beats one found, so the shorter ones are not placed at all
        found = [pid for c in where for pid in ix.by_rarest.get(c, ()) if ix.phrase_sets[pid] <= present]
        found.sort(key=lambda pid: -len(ix.phrases[pid].toks))
        best: tuple[tuple[int, int, int, int], int, list[int]] | None = None
        for pid in found:
            ph = ix.phrases[pid]
            if best is not None and len(ph.toks) < best[0][0]:
                break
            positions = self._place(ph.toks, where)
            lo, hi = min(positions), max(positions)
            gap_ok = True
            for j in range(lo, hi + 1):
                if j in positions:
                    continue
                t = toks[j][0]
                if canon[j] is None and not t.isdigit() and t not in self.neutral and len(t) > 2:
                    gap_ok = False
                    break
            if not gap_ok:
                continue
            # more words first; then words written as in the catalog over near spellings; then closer
            exact = sum(1 for j in positions if toks[j][0] == canon[j])
            key = (len(ph.toks), exact, -(hi - lo), ix.phrase_chars[pid])
            if best is None or key > best[0]:
                best = (key, pid, positions)
        return (best[1], best[2]) if best else None

    @staticmethod
    def _place(ptoks: tuple[str, ...], where: dict[str, list[int]]) -> list[int]:
        """Positions of a phrase's words in the clause, choosing the occurrences closest together."""
        if all(len(where[t]) == 1 for t in ptoks):
            return [where[t][0] for t in ptoks]  # each word once: the only placing there is
        first = where[ptoks[0]]
        best: list[int] = []
        for start in first:
            pos = [start]
            for t in ptoks[1:]:
                options = [p for p in where[t] if p not in pos]
                if not options:
                    options = where[t]
                pos.append(min(options, key=lambda p: abs(p - start)))
            if not best or max(pos) - min(pos) < max(best) - min(best):
                best = pos
        return best

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

    def _other_colour(self, rows: list[int], words: list[str | None]) -> bool:
        """Does the clause ask for a colour or flavour the product comes in no row of?"""
        asked = {self.ix.colour_group[w] for w in words if w and w in self.ix.colour_group}
        if not asked:
            return False
        offered = {
            self.ix.colour_group[t] for r in rows for t in self.ix.alias_toks[r] if t in self.ix.colour_group
        }
        return bool(offered) and not (asked & offered)

    def _shared(self, rows: tuple[int, ...]) -> tuple[frozenset[int], frozenset[str]]:
        """The rows as a set and the words all of them share (cached per set of rows)."""
        got = self._shared_cache.get(rows)
        if got is None:
            got = (frozenset(rows), frozenset(set.intersection(*(self.ix.alias_toks[r] for r in rows))))
            if len(self._shared_cache) > 2048:
                self._shared_cache.clear()
            self._shared_cache[rows] = got
        return got

    def _written_name(self, text: str, toks: list[tuple[str, int, int]], size_nums: frozenset[int]) -> str:
        """The product as the buyer wrote it: from the first to the last word that names something."""
        not_name = self._not_name
        keep = [
            i for i, (t, s, _) in enumerate(toks) if (s in size_nums if t.isdigit() else t not in not_name)
        ]
        if not keep:
            return text.strip()
        lo, hi = keep[0], keep[-1]
        if lo > 0 and toks[lo - 1][0] in VARIANT_LABELS and toks[lo - 1][0] not in ("yg", "yang"):
            lo -= 1
        if hi + 1 < len(toks) and toks[hi + 1][0].isdigit() and toks[hi + 1][1] in size_nums:
            hi += 1
        return text[toks[lo][1] : toks[hi][2]].strip(" ,.-:;()")
