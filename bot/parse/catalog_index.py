"""The catalog prepared for matching: folded phrases per SKU, an inverted index, fuzzy word lookup."""

from __future__ import annotations

import re
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.parse.lexicon import STRICT, Lexicon
from bot.parse.text import fold, has_digit
from core.catalog import CatalogRow

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_DIGIT_OR_DASH = re.compile(r"\d|-")
_DIGIT = re.compile(r"\d")
# a figure not after a word or `.` (its first digit, then the lookbehind at the character before it, so
# that the search skips straight to digits) and a unit
_MEASURE_RE = re.compile(r"(\d(?<![\w.]\d)\d*(?:[.,]\d+)?)\s?(ml|gr|gram|g|kg|l|ltr|mg|cm|mm|oz)(?![\w])")


def tokens(folded: str) -> list[str]:
    return _TOKEN_RE.findall(join_measures(folded))


def join_measures(folded: str) -> str:
    """`150 ml` and `150ml`, `250 gr` and `250g` are the same token."""
    if _DIGIT.search(folded) is None:
        return folded  # every measure starts with its figure: most texts have none

    def repl(m: re.Match[str]) -> str:
        unit = {"gr": "g", "gram": "g", "ltr": "l"}.get(m.group(2), m.group(2))
        return f"{m.group(1)}{unit}".ljust(len(m.group(0)))

    return _MEASURE_RE.sub(repl, folded)


_Words = tuple[str, ...]


class Phrase(NamedTuple):  # a tuple: thousands are built when a catalog loads
    toks: tuple[str, ...]
    rows: set[int]  # read only once built


_UNSEEN = object()  # a memo's answer for a key it does not hold (None is an answer)


class CatalogIndex:
    """Everything about the catalog that matching needs, computed once when the catalog is loaded."""

    def __init__(self, rows: list[CatalogRow], lex: Lexicon):
        self.rows = rows
        self.lex = lex
        by_phrase: dict[tuple[str, ...], set[int]] = {}
        self.variant_toks: list[tuple[str, ...]] = []
        self.alias_toks: list[set[str]] = []
        self.token_rows: dict[
            str, list[int]
        ] = {}  # catalog word -> rows whose name, variant or aliases have it
        # each folded catalog word with the spellings it was written in, to tell `hồng` from `hông`
        self.raw_forms: dict[str, set[str]] = {}
        seen: dict[str, tuple[str, ...]] = {}  # variants repeat a product's name and aliases: read each once

        def toks_of(text: str) -> tuple[str, ...]:
            got = seen.get(text)
            if got is None:
                low = join_measures(text.lower())
                raw = _TOKEN_RE.findall(low)
                got = tuple(_TOKEN_RE.findall(fold(low)))  # folding keeps letters letters: one pass
                if len(got) != len(raw):
                    got = tuple(fold(w) for w in raw)
                for f, w in zip(got, raw, strict=True):
                    self.raw_forms.setdefault(f, set()).add(w)
                seen[text] = got
            return got

        # the variants of a product share its name and aliases: their words are gathered once
        products: dict[tuple[str, _Words], tuple[_Words, list[_Words], set[str]]] = {}
        self.head_of: list[str] = []
        for i, row in enumerate(rows):
            key = (row.name, tuple(row.aliases))
            product = products.get(key)
            if product is None:
                name = toks_of(row.name)
                aliases = [toks for toks in map(toks_of, row.aliases) if toks]
                product = products[key] = (name, aliases, set(name).union(*aliases))
            name, aliases, words = product
            variant = toks_of(row.variant)
            self.variant_toks.append(variant)
            self.head_of.append(name[0] if name else "")
            for toks in (name, name + variant, *aliases):  # in this order: it decides ties in matching
                if toks:
                    by_phrase.setdefault(toks, set()).add(i)
            own = words.union(variant)
            self.alias_toks.append(own)
            for t in own:
                self.token_rows.setdefault(t, []).append(i)
        self.phrases = [Phrase(t, r) for t, r in by_phrase.items()]
        # the rows of each product (its variants), by row
        by_name: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            by_name.setdefault(row.name, []).append(i)
        self.family: list[list[int]] = [by_name[row.name] for row in rows]
        # catalog words written next to each other in a phrase (`segi empat`)
        self.pairs = {pair for toks in by_phrase for pair in zip(toks, toks[1:], strict=False)}
        # `15 sachets`, `hop 10 mieng`: variants that read like a quantity and its unit
        self.variant_phrases = {
            " ".join(variant[k : k + 2]) for variant in self.variant_toks for k in range(len(variant) - 1)
        }
        # and in the singular (`15 sachet`, `12 pack`), as buyers write a count's unit either way
        self.variant_phrases |= {
            p[:-1] for p in self.variant_phrases if p.endswith("s") and len(p.split()[-1]) > 3
        }
        # SKU codes that cannot be mistaken for a word or a number (`KPH-L`, `SB5-30`, not `38`)
        self.by_sku = {
            fold(r.sku): i
            for i, r in enumerate(rows)
            if _DIGIT_OR_DASH.search(r.sku) and not r.sku.isdigit() and len(r.sku) >= 4
        }
        self.by_token: dict[str, list[int]] = {}
        for pid, ph in enumerate(self.phrases):
            for t in set(ph.toks):
                self.by_token.setdefault(t, []).append(pid)
        self.vocab = set(self.by_token)
        # a phrase can only match a clause holding its rarest word: index each phrase under that word
        # alone, so a common word (`hitam` in a thousand products) does not drag in every phrase
        self.by_rarest: dict[str, list[int]] = {}
        self.phrase_sets: list[frozenset[str]] = []
        self.phrase_chars = [len("".join(ph.toks)) for ph in self.phrases]  # a tie-break in matching
        # each word's place among all by (phrases holding it, the word): a plain int to take the minimum of
        rank = {t: n for n, t in enumerate(sorted(self.by_token, key=lambda t: (len(self.by_token[t]), t)))}
        for pid, ph in enumerate(self.phrases):
            rarest = ph.toks[0] if len(ph.toks) == 1 else min(ph.toks, key=rank.__getitem__)
            self.by_rarest.setdefault(rarest, []).append(pid)
            self.phrase_sets.append(frozenset(ph.toks))
        self.vocab_list = sorted(t for t in self.vocab if len(t) >= 3 and not t.isdigit())
        self.head_rows: dict[str, set[int]] = {}
        self.by_first: dict[str, list[int]] = {}  # phrases by their first word
        for pid, ph in enumerate(self.phrases):
            self.head_rows.setdefault(ph.toks[0], set()).update(ph.rows)
            self.by_first.setdefault(ph.toks[0], []).append(pid)
        # colour words buyers use for a variant word the catalog spells otherwise
        self.synonym: dict[str, str] = {}
        self.also: dict[str, set[str]] = {}
        # colour and flavour words, each with its group (`item`, `black` and `hitam` are one)
        self.colour_group: dict[str, str] = {}
        for canon, syns in lex.colours.items():
            for word in (canon, *syns):
                if " " not in word:
                    self.colour_group.setdefault(word, canon)
        for canon, syns in lex.colours.items():
            ctoks = canon.split()
            if ctoks and ctoks[0] in self.vocab:
                for s in syns:
                    if " " not in s and s not in self.vocab:
                        self.synonym[s] = ctoks[0]
                    elif " " not in s and s != ctoks[0]:
                        self.also.setdefault(s, set()).add(ctoks[0])  # `item` is a word here and `hitam`
        self.common = set().union(
            *(
                lex.words(k)
                for k in (
                    "fillers",
                    "order_verbs",
                    "honorifics",
                    "stop_names",
                    "units",
                    "name_intro",
                    "price_words",
                )
            )
        )
        self._by_length: dict[int, list[str]] = {}  # see _near_length
        self._token_row_sets: dict[str, frozenset[int]] = {}  # see rows_with
        # (word, as written, strict) -> catalog word: a plain dict, as every token of every clause asks
        self._canonical_seen: dict[tuple[str, str, bool], str | None] = {}

    def in_phrase_pair(self, canon: list[str | None], i: int) -> bool:
        """Is the catalog word at `i` one of two that stand together in a catalog phrase (`segi empat`)?"""
        return (i > 0 and (canon[i - 1], canon[i]) in self.pairs) or (
            i + 1 < len(canon) and (canon[i], canon[i + 1]) in self.pairs
        )

    def rows_with(self, word: str, among: frozenset[int]) -> list[int]:
        """The rows among `among` that have `word`, in row order. A colour of a big catalog is in
        hundreds of rows and a product in a few: the smaller side is walked."""
        rows = self.token_rows.get(word, ())
        if len(rows) <= 4 * len(among):
            return [r for r in rows if r in among]
        has = self._token_row_sets.get(word)
        if has is None:
            has = self._token_row_sets[word] = frozenset(rows)
        return sorted(among & has)

    def canonical(self, tok: str, raw: str = "", strict: bool | None = None) -> str | None:
        key = (tok, raw, STRICT.get() if strict is None else strict)
        seen = self._canonical_seen
        got = seen.get(key, _UNSEEN)  # one lookup: another thread may clear the memo meanwhile
        if got is _UNSEEN:
            if len(seen) > 50_000:
                seen.clear()
            got = seen[key] = self._canonical(*key)
        return got  # type: ignore[return-value]

    def _canonical(self, tok: str, written: str = "", strict: bool = False) -> str | None:
        """The catalog word a written word stands for: itself, a colour synonym, or a near spelling.
        A word typed with diacritics must match a catalog spelling with the same diacritics; a word
        written with a capital (`Ciputat`) is a name, never a misspelt product word (`ciput`)."""
        raw = written.lower()
        fuzzy_ok = not written or written.islower() or written.isupper()
        if raw and (not raw.isascii() or strict) and not has_digit(raw):
            forms = self.raw_forms.get(tok, set())
            if raw in forms:
                return tok
            if (
                fuzzy_ok
                and raw.isascii()
                and tok not in self.vocab
                and tok not in self.synonym
                and len(tok) >= 5
            ):
                best = process.extractOne(tok, self._near_length(tok), scorer=fuzz.ratio, score_cutoff=80)
                return str(best[0]) if best and best[0][0] == tok[0] else None
            syn = self.synonym.get(tok)
            return syn if syn and raw in self.lex.raw.get("colour_words", {raw}) else None
        if tok in self.vocab:
            return tok
        if has_digit(tok):
            return None  # `10ml` is not a misspelt `100ml`
        if tok in self.synonym:
            return self.synonym[tok]
        if len(tok) > 5 and tok.endswith("nya") and tok[:-3] in self.vocab:
            return tok[:-3]  # `hitamnya`, `pashminanya`: the Indonesian/Malay suffix
        if tok.isdigit() or len(tok) < 3 or not self.vocab_list or tok in self.common or not fuzzy_ok:
            return None  # `minh` (mình) is not a misspelt `mini`: chat words are never fuzzed
        if len(tok) <= 4:
            near = process.extractOne(
                tok, self._near_length(tok), scorer=Levenshtein.distance, score_cutoff=1
            )
            if near and near[0][0] == tok[0] and len(near[0]) >= 4:
                return str(near[0])
            return None
        best = process.extractOne(tok, self._near_length(tok), scorer=fuzz.ratio, score_cutoff=80)
        if best and best[0][0] == tok[0]:
            return str(best[0])
        return None

    def _near_length(self, tok: str) -> list[str]:
        """The catalog words long enough and short enough to score against `tok`: a ratio of 80 needs
        |a - b| <= (a + b) / 5 letters, a distance of 1 needs |a - b| <= 1; the window below holds both,
        in the order of `vocab_list`, so the best match (the first of equals) is the one found over all."""
        n = len(tok)
        got = self._by_length.get(n)
        if got is None:
            got = self._by_length[n] = [w for w in self.vocab_list if abs(len(w) - n) * 4 <= len(w) + n]
        return got
