"""What one clause holds, read once and shared by every reading of it: its folded words with amounts,
quantity marks and SKU codes blanked out, the catalog word each stands for, the best catalog phrase,
its price and marked quantity; and what its words alone tell (no product, nothing at all)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from bot.parse.catalog_index import CatalogIndex, join_measures
from bot.parse.lexicon import STRICT, alternation
from bot.parse.money import find_amounts
from bot.parse.money_words import has_number_word
from bot.parse.text import fold, has_digit
from core.draft import MAX_QTY

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_CONTRACTED = frozenset({"d", "m", "ll", "re", "ve"})  # what follows the apostrophe of `I'd`, `I'm`, `we'll`
# variant labels no product's name starts with
_NOT_BEFORE_A_NAME = frozenset({"yg", "yang", "sing", "of", "the"})
_DIGIT = re.compile(r"\d")
_RUNS = re.compile(r"[a-z]+|\d+")  # the letter and figure runs of an ASCII word (`2pcs`, `l2`)
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
    "sing",  # Javanese `yang`: `kaos putih sing L`
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
# chat and grammar words around a product in any of the languages (`sama`, `kak`, `nha`, `please`)
_CHAT_WORDS = frozenset(
    {
        "dan", "sama", "sm", "and", "va", "voi", "vs", "n", "plus", "with", "serta", "lagi", "juga", "aja",
        "nya", "ya", "kak", "aku", "saya", "i", "me", "em", "minh", "chi", "toi", "a", "nak", "je", "nha",
        "nhe", "lah", "please", "pls", "ready", "ada", "con", "khong", "masih", "stock", "masing",
        "masing2", "msg2", "each", "tiap", "setiap", "moi", "stok", "buat", "utk", "untuk", "for", "cho",
        "them", "set", "tambah",
    }
)
SIZE_MARK_RE = re.compile(
    r"(?=[snu])(?<!\w)(?:size|sz|no|ukuran|uk|nomor|nomer|so|saiz|nomor sepatu)\s*[:.]?\s*(\d{1,3})(?!\w)"
)
# `màu 21` marks a shade in Vietnamese; in Indonesian `mau 3` is "want 3"
SIZE_MARK_VI_RE = re.compile(r"(?=[smt])(?<!\w)(?:size|sz|mau|so|ma mau|tone)\s*[:.]?\s*(\d{1,3})(?!\w)")
# each pattern opens with a lookahead of the letters it can start with: a quick test at each place;
# with the characters a clause must hold for it to match at all (most clauses hold no `x` or bracket)
# (a mark with more figures than any quantity, `x99999`, is read too: a quantity that cannot be, see UNCLEAR)
QTY_MARK_RES = [
    ("x×", re.compile(r"(?=[x×])(?<!\w)(?:x|×)\s?(\d{1,9})(?!\w)")),
    ("x×", re.compile(r"(?=\d)(?<![\w.,])(\d{1,4})\s?(?:x|×)(?!\w)")),
    ("(", re.compile(r"\(\s*(\d{1,4})\s*\)")),
    (
        "",
        re.compile(
            r"(?=[qsjkb])(?<!\w)(?:qty|sl|slg|jumlah|jml|so luong|quantity|kuantiti|bilangan)"
            r"\s*[:=.]?\s*(\d{1,9})(?!\w)"
        ),
    ),
]
# The quantity of an item whose message marked one no order can have (`x0`, `qty 0`, `0 pcs`, `x99999`):
# not 1 by default, but a question for the seller (DraftItem.qty_unclear).
UNCLEAR = 0


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


class ClauseReader:
    """Clauses read against one catalog (cached per text: a clause is read plain, then as a variant of
    the line before, and both share this)."""

    def __init__(self, index: CatalogIndex, currency: str):
        self.ix = index
        self.lex = index.lex
        self.currency = currency
        self.units = self.lex.words("units")
        self._clauses: dict[tuple[str, bool], Clause] = {}
        self._no_product: set[tuple[str, bool]] = set()  # clauses whose words name no product
        units = "|".join(sorted((re.escape(u) for u in self.units if u != "x"), key=len, reverse=True))
        units = "|".join(
            sorted({units, *map(re.escape, self.lex.unit_multipliers)} - {""}, key=len, reverse=True)
        )
        self._unit_qty = re.compile(rf"(?=\d)(?<![\w.,])(\d{{1,4}})\s?({units})(?!\w)") if units else None
        self._per_words = sorted(self.lex.words("per_unit"), key=len, reverse=True)
        # words that pick a product by its price, so the price is one unit's: `bergo kelinci 2 yg 35rb`
        self._which_words = tuple(self.lex.words("price_of_which"))
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
            | _CHAT_WORDS
        )
        self._not_name = frozenset(self.neutral | set(self.lex.numbers) | self.units)  # words around a name
        self._verbs = frozenset(w for w in self.lex.words("order_verbs") if " " not in w)
        self._marked_twins = self._marked_only()
        self._colours = frozenset(w for canon, syns in self.lex.colours.items() for w in (canon, *syns))

    def _marked_only(self) -> dict[str, frozenset[str]]:
        """The words around a name that the lexicon writes only with diacritics, folded, with those
        spellings: typed with other marks, such a word is another word (`sữa` is not `sửa`, `đỏ` not
        `đó`, `vàng` not `vâng`), one a name may hold."""
        written: dict[str, set[str]] = {}
        for key in ("units", "fillers", "order_verbs", "honorifics", "price_words", "per_unit", "corrections",
                    "numbers"):
            for phrase in self.lex.raw.get(key, ()):
                for w in phrase.strip("/").split():
                    written.setdefault(fold(w), set()).add(w)
        for w in VARIANT_LABELS | _CHAT_WORDS:
            written.setdefault(fold(w), set()).add(w)
        return {
            f: frozenset(spellings)
            for f, spellings in written.items()
            if f in self._not_name and not any(w.isascii() for w in spellings)
        }

    # -- what callers ask ---------------------------------------------------------------------

    def clause(self, text: str) -> Clause:
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

    def says_nothing(self, text: str) -> bool:
        """Does the clause hold no catalog word, no figure and no number word? Then it names no row,
        no quantity, no price and no variant (a full reading finds each only from one of those), told
        from its words alone."""
        if (text, STRICT.get()) in self._clauses:
            return False  # read already: the reading answers at once
        f = fold(text)
        if has_digit(f) or has_number_word(f):
            return False
        ix, lex, strict = self.ix, self.lex, STRICT.get()
        if "-" in f and any(m.group(0) in ix.by_sku for m in _SKU_RE.finditer(f)):
            return False
        low = text.lower()
        if len(low) != len(text):
            low = text
        for m in _TOKEN_RE.finditer(f):
            s, e = m.span()
            if (
                ix.canonical(m.group(), text[s:e], strict) is not None
                or lex.number(low[s:e]) is not None
                or lex.has("half_words", low[s:e])  # `setengah lusin` is a quantity
            ):
                return False
        return True

    def may_name_product(self, text: str) -> bool:
        """Can the clause name catalog rows? Most clauses of addresses and chat hold no catalog phrase
        and no SKU, which their words tell without reading amounts and quantities (remembered)."""
        key = (text, STRICT.get())
        if key in self._clauses:
            return True  # read already: the reading answers at once
        if key in self._no_product:
            return False
        if self._words_may_name_product(text):
            return True
        if len(self._no_product) > 4096:
            self._no_product.clear()
        self._no_product.add(key)
        return False

    def _words_may_name_product(self, text: str) -> bool:
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

    # -- reading a clause ---------------------------------------------------------------------

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
        neutral = self.neutral
        for k, c in enumerate(canon):
            if c is not None and c != toks[k][0] and toks[k][0] in neutral:
                canon[k] = None  # a grammar word is itself, never a near spelling of a catalog word (`sing`)
        best = self._best_phrase(toks, canon) if sku_row is None else None
        name = self._written_name(text, toks, size_nums)
        return Clause(f, sku_row, price, per_unit, second, size_nums, qty, toks, canon, best, low, name)

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
                or any(before == w or before.endswith(" " + w) for w in self._which_words)
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
                blanked = f[: m.start()] + " " * (m.end() - m.start()) + f[m.end() :]
                if 1 <= n <= MAX_QTY:
                    return blanked, n
                if n == 0 or len(m.group(1)) > 4:
                    return blanked, UNCLEAR
        m = None
        for cand in self._unit_qty.finditer(f) if self._unit_qty else ():
            if " ".join(cand.group(0).split()) not in self.ix.variant_phrases:
                m = cand  # not `15 sachets` or `10 miếng`, which name a variant
                break
        if m and 0 <= int(m.group(1)) <= MAX_QTY:
            times = self.lex.unit_multipliers.get(m.group(2), 1)  # `1 lusin` is twelve
            return f[: m.start(1)] + " " * (m.end(1) - m.start(1)) + f[m.end(1) :], int(m.group(1)) * times
        m = self._glued_qty.search(f) if self._glued_qty else None
        if m:
            return f[: m.start()] + " " * (m.end() - m.start()) + f[m.end() :], int(m.group(1))
        return f, None

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
        present = set(where)
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

    def _past_buyer(self, text: str, toks: list[tuple[str, int, int]], keep: list[int]) -> list[int]:
        """`Budi mau order 2 kaos hitam`, `Ah Kow order 2 cheesecake`: capitalised words before an order
        verb in lower case name who orders; the product as written starts after the verb."""
        if keep[0] + 1 >= keep[-1]:
            return keep
        for v in range(keep[0] + 1, keep[-1]):
            t, s, e = toks[v]
            if t in self._verbs and text[s:e].islower():
                before = [i for i in keep if i < v]
                if before and all(text[toks[i][1]].isupper() for i in before):
                    return [i for i in keep if i > v]
                return keep
        return keep

    def _written_name(self, text: str, toks: list[tuple[str, int, int]], size_nums: frozenset[int]) -> str:
        """The product as the buyer wrote it: from the first to the last word that names something."""
        not_name, twins = self._not_name, self._marked_twins
        low = text.lower() if twins else text
        if len(low) != len(text):
            low = text
        keep = [
            i for i, (t, s, e) in enumerate(toks)
            if (
                s in size_nums
                if t.isdigit()
                # `sữa`, typed with marks no grammar word of that spelling has (`sửa`)
                else t not in not_name or (t in twins and not low[s:e].isascii() and low[s:e] not in twins[t])
            )
            and not (t in _CONTRACTED and s > 0 and text[s - 1] in "'’")  # the `d` of `I'd like`
        ]
        if not keep:
            return text.strip()
        keep = self._past_buyer(text, toks, keep)
        lo, hi = keep[0], keep[-1]
        units = self.units
        first = lo
        while first > 0 and toks[first - 1][0] in units:
            first -= 1
        if lo - first > 1:
            lo = first + 1  # `1 hộp bánh quy`: the first of the counting words counts, the others name
        elif lo > 0 and toks[lo - 1][0] in VARIANT_LABELS and toks[lo - 1][0] not in _NOT_BEFORE_A_NAME \
                and toks[lo - 1][0] not in units:  # `cái` before an unknown product counts it
            lo -= 1
        while hi + 1 < len(toks):
            t, s, e = toks[hi + 1]
            if t not in self._colours or low[s:e] in twins.get(t, ()):
                break  # `đó` typed as the chat word it is
            hi += 1  # `nuoc hoa do`: a colour after the product is part of it, though a chat word's twin
        if hi + 1 < len(toks) and toks[hi + 1][0].isdigit() and toks[hi + 1][1] in size_nums:
            hi += 1
        return text[toks[lo][1] : toks[hi][2]].strip(" ,.-:;()")
