"""Word lists per language (JSON files beside this module) that a seller can extend without code."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.parse.text import fold

# Set per message: the text was typed with diacritics, so a plain ASCII word (`Minh`, `Gia`) is that
# word and not a diacritic-less spelling of another (`mình`, `giá`).
STRICT: ContextVar[bool] = ContextVar("lexicon_strict", default=False)

HERE = Path(__file__).resolve().parent
# a shop's own language first; the languages its buyers mix in after it
MIX = {"id": ("id", "en"), "vi": ("vi", "en"), "en": ("en", "id")}


def _load(name: str) -> dict:  # type: ignore[type-arg]
    path = HERE / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _norm(phrase: str) -> str:
    return " ".join(fold(phrase).split())


def _raw(phrase: str) -> str:
    return " ".join(unicodedata.normalize("NFC", phrase).lower().split())


# one Vietnamese syllable typed without marks (`hien` of `25 pham the hien`, a street of Phạm Thế Hiển); a
# brand's English word is none (`ordinary`, `face`, `body`)
_VI_SYLLABLE = re.compile(r"[bcdghklmnpqrstvx]{0,3}[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")

_UNSEEN = object()  # a memo's answer for a key it does not hold (None is an answer)

_Trie = dict[str, "_Trie"]  # one letter of a phrase -> the letters after it ("" marks an end)


def alternation(phrases: Iterable[str], space: str | None = None) -> str:
    """A regex matching any of the phrases, longest first, written as a trie (`ja(?:wa|karta)?`):
    it matches exactly what the plain alternation of the phrases sorted longest first matches, but a
    few hundred labels are tried letter by letter instead of one after another (several times faster).
    With `space`, a space in a phrase matches that pattern (`\\s+`)."""
    trie: _Trie = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        if phrase:
            node[""] = {}  # a phrase ends here

    def emit(node: _Trie) -> str:
        alts = [
            (space if ch == " " and space else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:  # the phrase ending here is tried after every longer one through this node
            body = ("(?:" + body + ")" if len(alts) == 1 else body) + "?"
        return body

    return emit(trie)


_WORD_CHAR = re.compile(r"\w")


class WordPhrases:
    """Where phrases stand as whole words: the spans `pattern`,
    `(?<![\\w{before}])(?:phrase|…)(?![\\w{after}])`, finds, found several times faster.

    sre tries a pattern that starts with a lookbehind at every place of a text. The fast pattern starts
    with the character before a phrase instead (a space, a comma, a newline: no ASCII letter or digit,
    nor `before`), so the search skips from one such character to the next, and `\\b` after it says it
    is no letter outside ASCII either (every phrase starts with a letter or digit). The text is searched
    with a space put before it, which stands for its start. Two things the fast pattern cannot see are
    left to `pattern`: a text holding a character that starts a phrase but is no letter (`@`), and a
    phrase found ending in a character that is neither a letter nor in `before` (`a.n.`), where another
    phrase may start right after it with nothing between."""

    def __init__(self, phrases: Iterable[str], before: str = "", after: str = "", space: str | None = None):
        phrases = {p for p in phrases if p}
        body = alternation(phrases, space) or r"(?!x)x"
        edge = re.escape(before)
        self.pattern = re.compile(rf"(?<![\w{edge}])(?:{body})(?![\w{re.escape(after)}])")
        self._fast = re.compile(rf"[^A-Za-z0-9_{edge}]\b(?:{body})(?![\w{re.escape(after)}])")
        self._odd_starts = "".join(sorted({p[0] for p in phrases if not _WORD_CHAR.match(p[0])}))
        self._odd_ends = "".join(
            sorted({p[-1] for p in phrases if not _WORD_CHAR.match(p[-1]) and p[-1] not in before})
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of every phrase in the text, as `pattern.finditer` finds them."""
        for ch in self._odd_starts:  # loops, not any(): most texts are short, and calls cost
            if ch in text:
                return [m.span() for m in self.pattern.finditer(text)]
        # a match in the padded text starts at the character before the phrase, one before in `text`
        found = [(m.start(), m.end() - 1) for m in self._fast.finditer(" " + text)]
        if self._odd_ends:
            for _, end in found:
                if text[end - 1] in self._odd_ends:
                    return [m.span() for m in self.pattern.finditer(text)]
        return found

    def search(self, text: str) -> bool:
        """Does a phrase stand in the text?"""
        for ch in self._odd_starts:
            if ch in text:
                return self.pattern.search(text) is not None
        return self._fast.search(" " + text) is not None


def phrase_regex(phrases: list[str]) -> WordPhrases:
    """Longest phrase first, whole words only, whitespace-tolerant."""
    return WordPhrases({" ".join(p.split()) for p in phrases}, before="&@/", after="&", space=r"\s+")


@dataclass
class Lexicon:
    locale: str
    terms: dict[str, tuple[str, str]] = field(default_factory=dict)  # phrase -> (kind, value)
    field_terms: dict[str, str] = field(default_factory=dict)  # payment words only inside a payment field
    courier_field_terms: dict[str, str] = field(default_factory=dict)  # `Kurir: POS` (never `kode pos`)
    labels: dict[str, str] = field(default_factory=dict)  # phrase -> field kind
    label_emoji: dict[str, str] = field(default_factory=dict)
    lists: dict[str, set[str]] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    colours: dict[str, set[str]] = field(default_factory=dict)
    colour_kind: dict[str, str] = field(default_factory=dict)  # a group of `colours` that is not a colour
    unit_multipliers: dict[str, int] = field(default_factory=dict)  # `1 lusin` is 12
    channel_tags: dict[str, str] = field(default_factory=dict)  # `wa` -> whatsapp, only in a source header
    raw: dict[str, set[str]] = field(default_factory=dict)  # lists as written, with their diacritics
    _has_cache: dict[tuple[str, str, bool], bool] = field(default_factory=dict)
    _number_cache: dict[tuple[str, bool], int | None] = field(default_factory=dict)
    terms_re: WordPhrases = field(default_factory=lambda: WordPhrases(()))
    labels_re: WordPhrases = field(default_factory=lambda: WordPhrases(()))

    def words(self, name: str) -> set[str]:
        return self.lists.get(name, set())

    def article_at(self, folded: str, start: int, end: int) -> bool:
        """`1 serum the ordinary`: the span is an English article between counted goods and the brand
        after it, not the term it spells without marks (`thẻ`, a card, as in `thanh toán the nhé`)."""
        if folded[start:end] not in self.lists.get("articles", ()):
            return False
        after = folded[end:].split(None, 1)
        word = after[0].strip(".,;:!?") if after else ""
        clause = max(folded.rfind(",", 0, start), folded.rfind(";", 0, start), folded.rfind("\n", 0, start))
        return word.isalpha() and not _VI_SYLLABLE.fullmatch(word) and not self.has("fillers", word) \
            and any(ch.isdigit() for ch in folded[clause + 1 : start])

    def accept(self, table: str, written: str) -> bool:
        """Folding makes `sữa` and `sửa` one word; a match counts when the text was typed without
        diacritics, or with the same diacritics as the lexicon entry."""
        strict = STRICT.get()
        if not strict and written.isascii():
            return True  # typed without diacritics (the common case, answered without normalising)
        span = _raw(written)
        if strict:
            return span in self.raw.get(table, ())
        return span.isascii() or span in self.raw.get(table, ())

    def number(self, word: str) -> int | None:
        """The value of a number word (`dua`, `hai`, `one`), diacritics respected."""
        key = (word, STRICT.get())
        # every word of every clause is asked, most more than once; one lookup, as another thread may
        # clear the memo between a check and a read
        value = self._number_cache.get(key, _UNSEEN)
        if value is not _UNSEEN:
            return value  # type: ignore[return-value]
        f = fold(word)
        found = self.numbers[f] if f in self.numbers and self.has("numbers", word) else None
        if len(self._number_cache) > 50_000:
            self._number_cache.clear()
        self._number_cache[key] = found
        return found

    def has(self, name: str, word: str) -> bool:
        """Is `word` (as written) in list `name`, diacritics respected when it has them."""
        key = (name, word, STRICT.get())
        hit = self._has_cache.get(key)
        if hit is None:
            hit = self._has(name, word)
            if len(self._has_cache) > 50_000:
                self._has_cache.clear()
            self._has_cache[key] = hit
        return hit

    def _has(self, name: str, word: str) -> bool:
        low = _raw(word).strip(".,!?")
        if low.isascii() and not STRICT.get():
            return fold(low) in self.lists.get(name, ())
        if name in _STRICT_TWINS and low in self.raw.get(name + ":unmarked", ()):
            return False  # typed with diacritics, `xa` is `xa` (far), not `xã` written without its marks
        return low in self.raw.get(name, ())

    def term(self, matched: str) -> tuple[str, str] | None:
        return self.terms.get(" ".join(matched.split()))

    def courier_of(self, phrase: str) -> str | None:
        """The courier a phrase names by itself (`J&T`, `pos laju`, `giao hàng nhanh`), as the order parser
        reads it: a courier's code, `none` for one with no code (`lalamove`), None for no courier."""
        key = _norm(phrase)
        term = self.terms.get(key)
        if term is not None and term[0] == "courier" and self.accept("terms", phrase):
            return term[1]
        return self.courier_field_terms.get(key)  # `pos`, `jt`, `bđ`: what a courier field takes alone

    def channel_of(self, tag: str) -> str | None:
        """The channel a platform's name or short tag names (`Zalo`, `WA`, `Whats App`), if any."""
        key = _norm(tag)
        term = self.terms.get(key)
        if term and term[0] == "channel":
            return term[1]
        return self.channel_tags.get(key) or self.channel_tags.get(key.replace(" ", ""))


# lists whose unmarked spellings of marked words (`xa` for `xã`, `thon` for `thôn`) count only in a
# message typed without diacritics
_STRICT_TWINS = ("address_words",)

LIST_KEYS = (
    "honorifics",
    "name_intro",
    "name_outros",  # after a name, saying the writer is that person (`Aishah here`, `Lan đây`)
    "send_verbs",  # `gửi`, `kirim`: before a recipient's name in running text, not part of it
    "send_preps",  # `về`, `ke`, `to`: after `gửi Viettel Post`, before the recipient
    "wrong_words",  # `wrong`, `salah` right before a label word: what was wrong (`wrong address`)
    "price_of_which",  # `yg`, `loại`: before a price that picks the product (`yg 35rb`): one unit's price
    "units",
    "per_unit",
    "fillers",
    "order_verbs",
    "price_words",
    "corrections",
    "address_words",
    "stop_names",
    "free_shipping",
    "free_words",
    "address_prefixes",
    "bare_labels",
    "deferred",
    "places",
    "recipient_name_labels",
    "street_words",
    "time_words",
    "glued_units",
    "chat_roles",  # a chat export's speaker that is a role or a shop (`Pembeli`, `Shop`), never a name
    "buyer_roles",  # a chat export's speaker's word before the buyer's name (`Khách Thanh Hương`)
    "amount_labels",  # a label written without a colon only right before an amount (`potong 20rb`)
    "after_amount_labels",  # a label written without a colon only right after an amount (`RM3 off`)
    "confirm_tails",  # after a corrected value, saying it is the right one (`… Hà Nội mới đúng`)
    "source_words",  # around a platform's name in a message's source header (`WA masuk:`, `Order WA:`)
    "negations",  # a correction that names the value it takes back (`bukan 40`, `not whole bean`)
    "contrasts",  # and then the right one (`bukan 40 tapi 41`)
    "becomes",  # between an old and a new quantity (`XL 2 jadinya 3`, `2 thành 3`)
    "total_words",  # an amount for a line in all, not each (`2 kaos M, jadi 150k total`)
    "size_large",  # of variants that differ in size, the largest (`loại lớn`, `yang besar`)
    "size_small",  # and the smallest (`mini`, `yg kecil`)
    "surname_twins",  # address words that are also surnames typed without marks (`Ngo`: Ngô, not ngõ)
    "half_words",  # half of a counted unit (`setengah lusin` is six)
    "or_words",  # between two numbers, a choice not yet made (`21 hay 23`), no quantity
    "order_heads",  # an order word heading a message before the buyer's name (`Pesanan Veronika S:`)
    "verb_leads",  # a word opening a sentence before an order verb that names no one (`Mình`, `Saya`, `So`)
    "name_particles",  # a chat particle that, capitalised before a given name, starts it (`Ah Kow`)
    "articles",  # before a brand after goods (`1 serum the ordinary`), not a term spelled so (`thẻ`)
    "reasons",  # a reason given in passing ends what a line says (`XL aja soalnya suamiku gede`)
    "kin",  # the buyer's family or friend the parcel goes to, before their name (`ke adik saya`, `my cousin`)
    "swaps",  # in a correction, the product it names replaces the line before (`make it 2 teh tarik instead`)
    "arrivals",  # the goods arriving (`hàng tới`), before `arrival_pays`: paid on delivery
    "arrival_pays",  # handing over money (`đưa tiền`) after `arrivals`
    "cancels",  # after a product, it is not wanted after all (`ciputnya gajadi`, `bỏ son đỏ đi`)
    "adds",  # a reply to a draft card starting so adds its product (`tambah 1 bergo`, `thêm 1 son cam`)
    "removes",  # and starting so takes it off the card (`hapus bergo`, `bỏ son đỏ`, `remove hamper`)
    "form_titles",  # a form's title line (`FORMAT ORDER AYU HIJAB`, `📝 ĐƠN HÀNG`): no field, no note
    "lowers",  # and starting so takes some off its line, or the line (`kurangi 1 kaos`, `bớt son đỏ`)
    "fix_words",  # after a field's label: the value after them is the right one (`đúng là`, `should be`)
    "fee_words",  # before a courier and an amount, the amount is its postage (`phí Ahamove 45k`)
    "pay_words",  # a part opening so says how it is paid and ends an address (`…, 53100 KL, bayar online`)
    "requests",  # what the buyer asks of the parcel in passing (`bungkus kado`, `gói quà`): the note
    "request_leads",  # the words asking for it, right before it (`tolong`, `pls`, `nhờ`)
)


_VOWELS = re.compile(r"(?<=\w)[aiueo]")


def _vowelless(phrase: str) -> list[str]:
    """`bayar ditempat` -> `byr ditempat`, `bayar dtmpt`, `byr dtmpt`: every spelling with some of its
    words of five letters or more written without their vowels after the first letter."""
    spellings = [[w] + ([short] if len(w) >= 5 and len(short := _VOWELS.sub("", w)) >= 3 else [])
                 for w in phrase.split()]
    out = [""]
    for options in spellings:
        out = [f"{head} {w}".strip() for head in out for w in options]
    return [s for s in out if s != phrase]


@lru_cache(maxsize=8)
def load_lexicon(locale: str) -> Lexicon:
    """The merged lexicon for a shop's locale: common brands, then the mixed-in languages, own last."""
    own = (locale or "id").lower()[:2]
    langs = MIX.get(own, (own, "en"))
    common = _load("common")
    data = [common] + [_load(lang) for lang in reversed(langs)]  # own language last, so it wins
    lex = Lexicon(locale=own)
    for d in data:
        for kind in ("channels", "payments", "couriers"):
            for value, phrases in d.get(kind, {}).items():
                for p in phrases:
                    lex.terms[_norm(p)] = (kind[:-1] if kind != "couriers" else "courier", value)
                    lex.raw.setdefault("terms", set()).add(_raw(p))
        for value, phrases in d.get("payments_in_field", {}).items():
            for p in phrases:
                lex.field_terms[_norm(p)] = value
        for value, phrases in d.get("couriers_in_field", {}).items():
            for p in phrases:
                lex.courier_field_terms[_norm(p)] = value
        for kind, phrases in d.get("labels", {}).items():
            for p in phrases:
                lex.labels.setdefault(_norm(p), kind)
                lex.raw.setdefault("labels", set()).add(_raw(p))
        for kind, emojis in d.get("label_emoji", {}).items():
            for e in emojis:
                lex.label_emoji[e] = kind
        for key in LIST_KEYS:
            lex.lists.setdefault(key, set()).update(_norm(w) for w in d.get(key, []))
            lex.raw.setdefault(key, set()).update(_raw(w) for w in d.get(key, []))
        for word, n in d.get("numbers", {}).items():
            lex.numbers[_norm(word)] = int(n)
            lex.raw.setdefault("numbers", set()).add(_raw(word))
            lex.lists.setdefault("numbers", set()).add(_norm(word))
        for value, tags in d.get("channel_tags", {}).items():
            if not value.startswith("_"):
                lex.channel_tags.update((_norm(t), value) for t in tags)
        for unit, n in d.get("unit_multipliers", {}).items():
            lex.unit_multipliers[_norm(unit)] = int(n)
        for canon, syns in d.get("colours", {}).items():
            lex.colours.setdefault(_norm(canon), set()).update(_norm(s) for s in syns)
        for canon, syns in d.get("meats", {}).items():
            if not canon.startswith("_"):
                lex.colours.setdefault(_norm(canon), set()).update(_norm(s) for s in syns)
                lex.colour_kind[_norm(canon)] = "meat"
    if own == "id":
        # `bayarnya pas barang sampe`, `bayarnya ditempat`: the verb of a way to pay with the -nya that makes
        # it the topic is the same way to pay
        topics = {"bayarnya" + phrase[5:]: meaning for phrase, meaning in lex.terms.items()
                  if meaning[0] == "payment" and phrase.startswith("bayar ")}
        # Indonesian chat drops vowels (`byr dtmpt` for `bayar ditempat`): the long words of a term of
        # several words count written that way too (a word alone, `shp`, is too easily another word's),
        # where that spelling is not already another term's
        for phrase, meaning in list(lex.terms.items()):
            for short in _vowelless(phrase) if " " in phrase else ():
                lex.terms.setdefault(short, meaning)
                lex.raw.setdefault("terms", set()).add(short)
        for phrase, meaning in topics.items():
            lex.terms.setdefault(phrase, meaning)
            lex.raw.setdefault("terms", set()).add(phrase)
    for name in _STRICT_TWINS:
        written = lex.raw.get(name, set())
        marked = {fold(w) for w in written if not w.isascii()}
        lex.raw[name + ":unmarked"] = {w for w in written if w.isascii() and w in marked}
    # own-language labels take precedence over a mixed-in language's reading of the same word
    own_labels = _load(own).get("labels", {})
    for kind, phrases in own_labels.items():
        for p in phrases:
            lex.labels[_norm(p)] = kind
    own_data = _load(own)
    for p in own_data.get("not_labels", []):  # a mixed-in language's label that is a word here (`to`: big)
        lex.labels.pop(_norm(p), None)
    lex.lists["own_honorifics"] = {_norm(w) for w in own_data.get("honorifics", [])}
    lex.raw["own_honorifics"] = {_raw(w) for w in own_data.get("honorifics", [])}
    mp = common.get("marketplace_payment", {})
    lex.lists["mp_verbs"] = {_norm(w) for w in mp.get("verbs", [])}
    lex.lists["mp_links"] = {_norm(w) for w in mp.get("links", [])}
    lex.terms_re = phrase_regex(list(lex.terms))
    lex.labels_re = phrase_regex(list(lex.labels))
    return lex
