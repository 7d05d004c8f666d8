"""The order parser: a seller's chat message in, an OrderDraft out (never an exception)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from bot.parse.catalog_index import CatalogIndex, tokens
from bot.parse.correction import Correction, read_correction
from bot.parse.fields import FieldSplitter, Segment
from bot.parse.freetext import COPULAS, ShapeReader
from bot.parse.items import ItemReader
from bot.parse.lexicon import STRICT, WordPhrases, alternation, load_lexicon
from bot.parse.money import Amount, exponent, find_amounts, in_thousands, is_free
from bot.parse.phones import KnownNumbers, Phone, find_phones, region_for
from bot.parse.requests import Requests
from bot.parse.running import PLACE_WORDS, RunningText, split_parts
from bot.parse.state import Line, ReadState
from bot.parse.text import PHONE_MARK, clean, fold, has_digit
from core.catalog import CatalogRow
from core.draft import DraftItem, OrderDraft

log = logging.getLogger(__name__)

_PHONE_LABEL_NEAR = re.compile(
    r"(?:hp|wa|sdt|dt|phone|tel|telp|no|nomor|nomer|contact|mobile|hp/wa|zalo)\W{0,4}$"
)
_BANK_NEAR = re.compile(
    r"\b(?:rek|rekening|norek|no rek|acc|account|bca|bri|bni|mandiri|bsi|btn|cimb|maybank|"
    r"tf|trf|transfer|bank)\b"
)
# A marketplace's order number, after the words that name it or after `#`, in any case. The reference is
# one pattern in pieces, each starting with its own words (`order`, `inv`, `#`, …), which the search
# finds by a quick scan of the lower-case text, where a case-blind pattern is tried at every place; no
# two pieces start with the same letter, so the first match of any piece is the pattern's (_order_refs)
_REF_TAIL = r"\s*[:#/]?\s*#?\s*([a-z0-9][a-z0-9/\-]{4,})"
_ORDER_REF_PIECES = (
    r"n(?:o\.?\s*pesanan|omor pesanan|o\.?\s*order)" + _REF_TAIL,
    r"order(?:\s*(?:id|no\.?|number))?" + _REF_TAIL,
    r"inv(?:oice)?" + _REF_TAIL,
    r"mã đơn(?: hàng)?" + _REF_TAIL,
    r"ma don" + _REF_TAIL,
    r"đơn hàng" + _REF_TAIL,
    r"#([a-z0-9][a-z0-9\-]{2,})",
)
_ORDER_REF = tuple(re.compile(p) for p in _ORDER_REF_PIECES)  # on the text in lower case
# what each piece starts with in the lower-case text: a piece is searched only in a text holding it (a
# search costs more than the substring test, and most messages hold no order number)
_ORDER_REF_STARTS = ("no", "order", "inv", "mã đơn", "ma don", "đơn hàng", "#")
_ORDER_REF_ANY_CASE = tuple(re.compile(p, re.I) for p in _ORDER_REF_PIECES)


def _order_refs(text: str) -> Iterator[str]:
    """The order numbers in the text, in order: what the pieces of _ORDER_REF, as one pattern, find."""
    if "İ" in text or "ı" in text or "ſ" in text:
        # letters the case-blind pieces match and lower() does not turn into the letter they match
        pieces, searched = _ORDER_REF_ANY_CASE, text
    else:
        # lower() keeps offsets but for `İ`; a phone's mark becomes NUL, which no piece matches either
        # (clean() leaves none), so that a text otherwise in ASCII is lowered the quick way
        pieces, searched = _ORDER_REF, text.replace(PHONE_MARK, "\x00").lower()
    if pieces is _ORDER_REF:
        found = [rx.search(searched) if start in searched else None
                 for rx, start in zip(pieces, _ORDER_REF_STARTS, strict=True)]
    else:
        found = [rx.search(searched) for rx in pieces]
    while True:
        first = min((m for m in found if m is not None), key=lambda m: m.start(), default=None)
        if first is None:
            return
        yield text[first.start(1) : first.end(1)]
        end = first.end()  # the next match starts after this one, as finditer goes on
        found = [
            m if m is None or m.start() >= end else rx.search(searched, end)
            for m, rx in zip(found, pieces, strict=True)
        ]


def _questions(text: str) -> list[tuple[int, int]]:
    """The spans `_QUESTION.finditer` finds: each run of the text between stops that ends at a `?`, from
    its start to the mark. The pattern tried at every place reads each sentence to its end from every
    character of it (a long message took tens of thousands of steps); here each `?` looks back once."""
    out = []
    mark = text.find("?")
    while mark >= 0:
        start = max(text.rfind(".", 0, mark), text.rfind("!", 0, mark), text.rfind("?", 0, mark),
                    text.rfind("\n", 0, mark)) + 1
        out.append((start, mark + 1))
        mark = text.find("?", mark + 1)
    return out


_LINE_HEAD = re.compile(r"^[^\w\n]*([^\W\d_][^:：=\n]{0,32}?)\s*[:：=]")  # `Pengirim:` before a phone
_MARKETS = "shopee|tokopedia|tokped|lazada|tiktok|tiktok shop|bukalapak|blibli|marketplace|app|aplikasi"
_QUESTION = re.compile(r"[^.!?\n]*\?")  # a question, up to its mark (found by _questions)
# `bayar lewat shopee` needs a market's name: the same words anywhere, found first by substring tests
# (a search for any of them tries each of their first letters, most letters, at every place)
_MARKET_NAMES = tuple(_MARKETS.split("|"))

# Vietnamese letters with tone or vowel marks: a message that has them was typed with diacritics
_LABELS_A_PHONE = re.compile(r"\s*(?:\)|aktif|active)?\s*[:：=/]?\s*" + PHONE_MARK)
_DIACRITIC = "[àáâãèéêìíòóôõùúýăđĩũơưạ-ỹÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-Ỹ]"
_WORD = re.compile(r"[^\W\d_]+")
# a word with a mark, from its first mark to its end: one match for each such word, and the search skips
# straight to the letters with marks
_MARKED_WORD = re.compile(rf"{_DIACRITIC}[^\W\d_]*")


def _typed_with_diacritics(text: str) -> bool:
    """Was the message typed with Vietnamese diacritics? Then a bare `Gia` or `Minh` is that word, not
    `giá` or `mình` without marks. A pasted name with marks in an unmarked message does not count."""
    head = text[:4000]
    if head.isascii():
        return False  # no word with a mark
    marked = len(_MARKED_WORD.findall(head))
    if marked < 3:
        return False  # a pasted name or an emoji: the words need not be counted
    return marked / len(_WORD.findall(head)) >= 0.25  # a marked word is a word: no division by zero


def _needles(phrases: set[str]) -> tuple[str, ...] | None:
    """Words one of which every phrase holds (its longest): a text holding none of them matches none of
    the phrases, which substring tests tell faster than a search of the whole text. None: no such test."""
    words = {max(p.split(), key=len) for p in phrases if p.split()}
    if not words or len(words) > 16 or any(not p.split() for p in phrases):
        return None
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


_MESSENGERS = frozenset({"whatsapp", "zalo", "telegram"})  # chat apps whose accounts are phone numbers


class _Patterns(NamedTuple):
    free_ship: re.Pattern[str]
    free_ship_words: tuple[str, ...] | None  # see _needles
    address_hint: WordPhrases  # `(?<!\w)(?:ke|di|jl|…)(?!\w)`, searched from the character before a word
    intro_res: list[tuple[int, re.Pattern[str]]]
    mp_pay: re.Pattern[str]
    source: re.Pattern[str]
    taken_back: re.Pattern[str]  # `bukan 40 (tapi 41)`: see Parser._says_more_than_it_takes_back
    taken_back_after: re.Pattern[str]  # `cushion 21 chứ không phải 23`: the same, after the new value
    becomes: re.Pattern[str]  # `2 jadinya ` before a new quantity: see ItemLines._items
    either: re.Pattern[str]  # `21 hay 23`: see ItemLines._clause
    order_head: re.Pattern[str]  # `Order Bu Endang (reseller)`, `Pesanan Veronika Sihombing:`: see _head_name
    cancel: WordPhrases  # `ciputnya gajadi`: see Parser._cancelled
    reason: re.Pattern[str]  # `soalnya`, `because`: see ItemLines._clauses
    number_fix: re.Pattern[str]  # `số 45 chứ không phải 54`: see Parser._house_number_fixed
    pay_on_arrival: re.Pattern[str] | None  # `hàng tới chị gửi tiền shipper`: see Parser._terms


@lru_cache(maxsize=8)
def _patterns(locale: str) -> _Patterns:
    """The parser's patterns made of a locale's word lists: compiled once per locale, not per shop."""
    lex = load_lexicon(locale)
    free_ship = re.compile(r"(?<!\w)(?:" + alternation(lex.words("free_shipping")) + r")(?!\w)")
    verbs = alternation(lex.words("mp_verbs"))
    links = alternation(lex.words("mp_links"))
    hints = lex.words("address_prefixes") | lex.words("street_words") | {"ke", "ve", "den", "toi", "to"}
    address_hint = WordPhrases(hints)
    intro_res = []
    for prio, words in ((6, lex.words("name_intro")), (7, lex.words("honorifics"))):
        alts = alternation(w for w in words if len(w) > 1)
        # at the start or after a space, comma, colon or bracket, and before spaces and a word. The match
        # starts at that character (searched with a space before the text, for its start): sre then skips
        # from one such character to the next, where a lookbehind first would be tried at every place. The
        # spaces after the word are looked at, not taken, so that the next word can start after them
        intro_res.append((prio, re.compile(rf"[\s,:(](?:{alts})(?=\s+\S)")))
    mp_pay = re.compile(rf"(?<!\w)(?:{verbs})\s+(?:\w+\s+){{0,2}}?(?:{links})\s+(?:{_MARKETS})(?!\w)")
    # `WA masuk:`, `Order WA -`, `[WA]`: a platform's name with a source word (or in brackets) heading the
    # message names its channel; `WA: 0812…` alone is a phone's label
    platforms = alternation(
        {p for p, (kind, _) in lex.terms.items() if kind == "channel"} | set(lex.channel_tags), space=r"\s+"
    )
    src = alternation(lex.words("source_words"), space=r"\s+")
    source = re.compile(
        rf"^[^\w\n]*(?:(?:{src})\s+(?P<a>{platforms})|(?P<b>{platforms})\s+(?:{src}))\s*(?:[:：\-]|\n|$)"
        rf"|^[^\w\n]*\[\s*(?P<c>{platforms})\s*\]"
    )
    # a correction's segment that starts by naming the value it takes back, maybe then the right one
    taken_back = re.compile(
        rf"^(?P<neg>{alternation(lex.words('negations'), space=r'[ ]+')})\s+(?=\w)"
        rf"(?:.*?\s(?:{alternation(lex.words('contrasts'), space=r'[ ]+')})\s+(?P<instead>\S.*)|.*)$", re.S)
    taken_back_after = re.compile(
        rf"\S\s*,?\s+(?P<neg>{alternation(lex.words('negations'), space=r'[ ]+')})\s+\w[^,.;!?]*$")
    # a number of one to three digits not after a word, `.` or `,`: its first digit, then the lookbehind
    # at the character before it (`(?<![\w.,]\d)`), so the search skips straight to digits
    number = r"\d(?<![\w.,]\d)\d{0,2}"
    changes = alternation(lex.words("becomes"), space=r"\s+")
    becomes = re.compile(rf"{number}\s*(?:->|→|=>|\s(?:{changes})\s)\s*(?=\d{{1,3}}(?![\w.,]))")
    heads = alternation(lex.words("order_heads"), space=r"\s+")
    order_head = re.compile(
        rf"[^\w\n]*(?:[^\W\d]{{2,12}}\s*:\s*|(?:{platforms})\s+)?(?:{heads})\s+"
        rf"(?P<who>[^\W\d][^\n:(,\-–—|\d{PHONE_MARK}]{{1,60}}?)\s*(?:[:(,\-–—|{PHONE_MARK}]|\n|$)"
    )  # after `FB:` or `IG` perhaps, and before a phone perhaps (`CO Bu Sumiati (0838…)`)
    cancel = WordPhrases(lex.words("cancels"), space=r"\s+")
    negs = alternation(lex.words("negations"), space=r"\s+")
    number_fix = re.compile(rf"(?<![\w.,/])(\d{{1,4}}[a-z]?)\s*,?\s+(?:{negs})\s+"
                            rf"(?:(?:so|no|nomor|number)\.?\s*)?(\d{{1,4}}[a-z]?)(?![\w.,/])")
    # searched in the clause as written (lower case): no folding for the many clauses without one
    reason = re.compile(rf"\s(?:{alternation(lex.raw['reasons'] | lex.words('reasons'), space=' ')})(?!\w)")
    ors = alternation(lex.words("or_words"), space=r"\s+")
    either = re.compile(rf"{number}\s+(?:{ors})\s+\d")
    arrivals = alternation(lex.words("arrivals"), space=r"\s+")
    pays = alternation(lex.words("arrival_pays"), space=r"\s+")
    # the goods arriving, then (a pronoun or two later) the buyer handing over money: paid on delivery
    pay_on_arrival = re.compile(rf"(?<!\w)(?:{arrivals})\s+(?:\w+\s+){{0,2}}?(?:{pays})(?!\w)") \
        if arrivals and pays else None
    return _Patterns(free_ship, _needles(lex.words("free_shipping")), address_hint, intro_res, mp_pay, source,
                     taken_back, taken_back_after, becomes, either, order_head, cancel, reason, number_fix,
                     pay_on_arrival)


_WORDS = re.compile(r"\w+")
_FREE_WORD = re.compile(r"free|gratis|bebas|percuma")  # a free-of-charge word said before its postage label


class Parser(RunningText):
    """Reads order messages for one shop: its catalog, locale and currency."""

    def __init__(self, rows: list[CatalogRow], *, locale: str = "id", currency: str = "IDR"):
        self.rows = list(rows)
        self.locale = (locale or "id").lower()[:2]
        self.currency = (currency or "IDR").upper()
        self.lex = load_lexicon(self.locale)
        self.index = CatalogIndex(self.rows, self.lex)
        self.reader = ItemReader(self.index, self.currency)
        self._match_choices: dict[int, str] | None = None  # titles and aliases for search, built on first use
        self._name_rows: dict[str, list[int]] | None = {}
        self._numbers_seen: dict[tuple[str, bool], bool] = {}
        for n, row in enumerate(self.rows):
            self._name_rows.setdefault(row.name, []).append(n)
        self.splitter = FieldSplitter(self.lex)
        self.shape = ShapeReader(self.lex)
        self.requests = Requests(self.lex)
        self.region = region_for(self.locale, self.currency)
        self.numbers = KnownNumbers(self.region)  # phone numbers this shop's parser has read
        # a shop in a currency without cents that sells nothing under a thousand writes its fees in
        # thousands (`ship 30`, `ongkir 20`)
        self._in_thousands = exponent(self.currency) == 0 and all(
            r.price >= 1000 for r in self.rows if r.price
        )
        (
            self._free_ship,
            self._free_ship_words,
            self._address_hint,
            self._intro_res,
            self._mp_pay,
            self._source,
            self._taken_back_re,
            self._taken_back_after_re,
            self._becomes_re,
            self._either_re,
            self._order_head,
            self._cancel_re,
            self._reason_re,
            self._number_fix_re,
            self._pay_on_arrival,
        ) = _patterns(self.locale)
        self._recipient_prefixes = self.lex.words("address_prefixes") | {"ke", "ve", "den", "toi", "to"}
        self._ors = tuple(self.lex.words("or_words"))
        self._arrival_pay_words = _needles(self.lex.words("arrival_pays")) or ()
        # a word every reason phrase holds, as typed (`soalnya`, `vì`, `because`): most messages hold none.
        # Its longest, the last of equals: `buat stok`, `for resale` by `stok`, `resale`, not `buat`, `for`
        reasons = self.lex.raw["reasons"] | self.lex.words("reasons")
        # searched as one pattern (a trie of the words), which is quicker than a substring test per word
        self._reason_words = re.compile(alternation({max(reversed(p.split()), key=len) for p in reasons}))
        # the first words of courier names (`jnt`, `dhl`, `viettel`): a part starting with none is no postage
        self._courier_starts = frozenset(
            phrase.split()[0] for phrase, (kind, _) in self.lex.terms.items() if kind == "courier" and phrase)
        # couriers named in one long word (`sicepat`, `anteraja`, `ahamove`), which a typo may misspell
        self._courier_words = {phrase: code for phrase, (kind, code) in self.lex.terms.items()
                               if kind == "courier" and code != "none" and len(phrase) >= 6
                               and phrase.isalpha()}
        self._kin: dict[str, list[str]] = {}  # by first word, the longest first
        for kin in sorted(self.lex.words("kin"), key=len, reverse=True):
            self._kin.setdefault(kin.split()[0], []).append(kin)

    # -- public -----------------------------------------------------------------------------------
    def parse(self, text: str) -> OrderDraft:
        """The draft a message describes; an empty draft (everything missing) when nothing is read."""
        try:
            raw = text if isinstance(text, str) else str(text or "")
            token = STRICT.set(_typed_with_diacritics(raw))
            try:
                return self._parse(raw)
            finally:
                STRICT.reset(token)
        except Exception:  # the parser must never take the bot down with it
            log.exception("parser failed on a message")
            return OrderDraft(currency=self.currency)

    def parse_correction(self, text: str, expect: str | None = None) -> OrderDraft:
        """A short reply correcting a draft, as a draft holding only what the reply mentions. A bare
        quantity (`qty 3`, `jadi 2 aja`) is one item with no product and that quantity."""
        fix = self.read_correction(text, expect)
        if fix.qty is not None and not fix.draft.items:
            fix.draft.items = [DraftItem(sku=None, name="", qty=max(1, fix.qty))]
        return fix.draft

    def read_correction(self, text: str, expect: str | None = None) -> Correction:
        """A short reply correcting a draft, with which fields it mentions (see `Correction`)."""
        try:
            raw = text if isinstance(text, str) else str(text or "")
            token = STRICT.set(_typed_with_diacritics(raw))
            try:
                return read_correction(self, raw, expect)
            finally:
                STRICT.reset(token)
        except Exception:
            log.exception("parser failed on a correction")
            return Correction(draft=OrderDraft(currency=self.currency))

    def match(self, text: str, limit: int = 5) -> list[tuple[CatalogRow, float]]:
        """Catalog rows that a search text names, best first, with a 0–100 score (for /stock and buttons):
        the rows a product phrase names, else the closest titles and aliases. Never raises."""
        try:
            query = " ".join(tokens(fold(text or "")))[:200]
            if not query:
                return []
            read = self.reader.read(text[:200])
            if read.rows:
                return [(self.rows[i], 100.0) for i in read.rows][:limit]
            if self._match_choices is None:
                self._match_choices = {
                    i: " ".join(tokens(fold(r.title + " " + " ".join(r.aliases))))
                    for i, r in enumerate(self.rows)
                }
            found = process.extract(
                query, self._match_choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=60
            )
            return [(self.rows[key], float(score)) for _, score, key in found]
        except Exception:
            log.exception("catalog search failed")
            return []

    # -- the steps --------------------------------------------------------------------------------
    def _parse(self, raw: str) -> OrderDraft:
        speakers: list[tuple[str, str]] = []
        apps: list[str] = []
        text = clean(raw, speakers, apps)
        draft = OrderDraft(currency=self.currency)
        if not text:
            return draft
        phones = find_phones(text, self.region, self.numbers)
        theirs = [p for p in phones if not self._senders_phone(text, p)]
        draft.customer.phone = self._pick_phone(text, theirs)
        plain = text  # the phones' offsets are in the text as it is before they are marked
        for p in sorted(phones, key=lambda p: p.start, reverse=True):
            text = text[: p.start] + PHONE_MARK + text[p.end :]
        st = ReadState()
        # a source header (`TG group order:`, `WA masuk:`) names the channel (see _source_channel) and
        # nothing else: its words are no name or address
        folded = fold(text)  # folding keeps offsets
        header = self._source.match(folded[:80])
        segments = self.splitter.split(text[header.end() :] if header else text)
        self._bank_holder(segments)
        self._amounts_before_labels(segments)
        self._head_name(text, folded, header.end() if header else 0, st)
        low = text.lower()
        st.reasons = self._reason_words.search(low) is not None and self._reason_re.search(low) is not None
        requests = self.requests.any_in(folded)
        for i, seg in enumerate(segments):
            st.seg_index = i
            if requests and seg.kind != "note" and seg.text:
                # `…, bungkus kado ya`: the buyer's request is the note, and no product's or address's words
                seg.text, said = self.requests.take(seg.text)
                st.requests += said
            before = len(st.items)
            st.correcting = seg.correction
            st.corrected = st.corrected or seg.correction
            if seg.correction:
                st.correction_seg = i
            if st.items and seg.kind is None:  # `eh ciputnya gajadi deh`: said in running text
                self._cancelled(seg, st)
            if seg.correction:
                self._drop_counted_marker(seg)
            if seg.correction and self._house_number_fixed(segments, i, st):
                continue
            if seg.correction and not self._says_more_than_it_takes_back(seg):
                continue
            if seg.kind == "recipient" and not seg.form:
                self._postage_to_place(segments[i - 1] if i else None, seg)
            if not self._address_line(seg, segments, i, st):
                self._segment(seg, segments, i, st)
            for it in st.items[before:]:
                it.seg = i
            if seg.correction and len(st.items) > before and before > 0:
                self._replace_corrected(st, before, i, swap=self._swaps_product(seg.text))
        self._terms(text, folded, st, draft)
        if draft.channel is None:
            draft.channel = self._source_channel(header, apps) or self._speakers_channel(speakers)
        self._finish(st, draft, text)
        if draft.customer.name and len({p.e164 for p in theirs if p.e164}) > 1:
            beside = self._phone_beside(plain, draft.customer.name, theirs)
            draft.customer.phone = beside or draft.customer.phone
        if draft.customer.name is None and (draft.customer.phone or draft.customer.address):
            draft.customer.name = self._buyer_speaker(speakers)
        return draft

    def _address_after_colon(self, seg: Segment, segs: list[Segment], i: int, value: str) -> bool:
        """`gửi về nhà cũ: 88 Phan Xích Long, …`: which home it is, then the address after the colon; the
        segment after it is read as the address."""
        nxt = segs[i + 1] if seg.header and i + 1 < len(segs) else None
        if nxt is None or nxt.kind is not None or nxt.line != seg.line or has_digit(value):
            return False
        place = fold(value).strip()
        # `Send to my KL office: Jessica Ong, Unit 23-5, …`: a place of the buyer's, then who and where
        named_place = seg.kind == "recipient" and len(place.split()) <= 4 \
            and any(w in PLACE_WORDS for w in place.split())
        if place not in self.lex.words("address_prefixes") and not named_place:
            return False
        parts = [p.strip() for p in split_parts(nxt.text)]
        name_first = named_place and len(parts) > 1 and self.shape.starts_address(parts[1]) \
            and self._strong_name(parts[0]) is not None
        if not self.shape.starts_address(parts[0]) and not name_first:
            return False
        nxt.kind, nxt.label = seg.kind, seg.label
        return True

    def _name_then_address_below(self, value: str, segs: list[Segment], i: int, st: ReadState) -> bool:
        """`Shipping Address: Samuel Pardede, 0812…` with the street on the line below: the field's line
        holds who it goes to, the address follows."""
        nxt = segs[i + 1] if i + 1 < len(segs) else None
        if nxt is None or nxt.kind is not None or nxt.line != segs[i].line + 1:
            return False
        parts = [p.strip() for p in split_parts(value)]
        if has_digit(parts[0]) or any(p not in ("", PHONE_MARK) for p in parts[1:]) \
                or len(parts[0].split()) < 2 or not self.shape.starts_address(nxt.text.split(",")[0]):
            return False
        name = self._strong_name(parts[0])
        if not name:
            return False
        st.name(2, name)
        st.addr_waiting, st.addr_seg = True, i
        return True

    def _head_name(self, text: str, folded: str, start: int, st: ReadState) -> None:
        """`Order Bu Endang (reseller)`, `Pesanan Veronika Sihombing: tunik 2, …`: a message headed (from
        `start`) by an order word and a person's name is that person's order (not `Order IG:`, `Pesanan
        kaos hitam 2`)."""
        m = self._order_head.match(folded, start)
        if m is None:
            return
        who = self.shape.strip_honorific(text[m.start("who") : m.end("who")].strip())
        name = self.shape.clean_name(who, labelled=False)
        if name and not self.reader.names_product(name):
            st.name(6, name)

    def _postage_to_place(self, before: Segment | None, seg: Segment) -> None:
        """`how much postage to Sabah?`, `Postage to Sarawak RM15 ya`: a place alone (asked about, or with the
        amount) after the postage's word is where the postage is for, not the recipient's address."""
        words = seg.label.split()
        after_postage = (before is not None and before.kind == "shipping" and not before.text.strip()
                         and before.line == seg.line)
        if not after_postage and self.lex.labels.get(" ".join(words[:-1])) != "shipping":
            return  # neither `postage` then `to`, nor `shipping to` in running text
        place = fold(seg.text).strip(" .,!?").split()
        places = self.lex.words("places")
        # nothing after the place but how much (`Sarawak RM15 ya`, `Sabah brp`): no name or street after a `,`
        if "," not in seg.text and any(" ".join(place[:n]) in places for n in (3, 2, 1)):
            seg.kind = "shipping"

    def _swaps_product(self, text: str) -> bool:
        """`eh sorry, make it 2 teh tarik instead`, `ganti kaos putih aja`, `đổi qua toner`: a correction
        saying its product takes the place of the one before, which need not be another variant of it."""
        said = " " + " ".join(_WORDS.findall(fold(text))) + " "
        return any(f" {w} " in said for w in self.lex.words("swaps"))

    def _cancelled(self, seg: Segment, st: ReadState) -> None:
        """`eh ciputnya gajadi deh`, `bỏ son đỏ đi`, `cancel the kaya jam`: a product named beside a word
        saying it is not wanted after all leaves the order; the clause saying so is read no further."""
        if not st.items:
            return
        folded = fold(seg.text)
        spans = self._cancel_re.spans(folded)
        if not spans or not self.lex.accept("cancels", seg.text[spans[0][0] : spans[0][1]]):
            return
        at, after = spans[0]
        start = max(folded.rfind(",", 0, at), folded.rfind(".", 0, at)) + 1
        ends = [i for i in (folded.find(",", after), folded.find(".", after)) if i >= 0]
        end = min(ends) if ends else len(folded)
        # `ciputnya`: the product with the -nya that points back at it
        named = " ".join(w[:-3] if self.locale == "id" and len(w) > 5 and fold(w).endswith("nya") else w
                         for w in (seg.text[start:at] + " " + seg.text[after:end]).split())
        rows = self.reader.read(named).rows
        for k in range(len(st.items) - 1, -1, -1) if rows else ():
            if any(r in st.items[k].read.rows for r in rows):
                del st.items[k]
                seg.text = seg.text[:start] + seg.text[end:]
                return

    def _drop_counted_marker(self, seg: Segment) -> None:
        """`eh kurang satu angka, 0857…`: a correction's own words holding a number say how it was wrong;
        they are blanked out of the text (offsets kept), so the number is no quantity."""
        for m in self.splitter.corrections_re.finditer(fold(seg.text)):
            words = m.group(0).split()
            if len(words) > 1 and any(w.isdigit() or self.lex.number(w) is not None for w in words):
                seg.text = seg.text[: m.start()] + " " * (m.end() - m.start()) + seg.text[m.end() :]

    def _house_number_fixed(self, segs: list[Segment], i: int, st: ReadState) -> bool:
        """`Giao về 54 Hai Bà Trưng, … à nhầm, số 45 chứ không phải 54`: a correction naming the address's
        number it takes back puts the right one in its place (its negation may have split it in two)."""
        if not st.address or not has_digit(segs[i].text):
            return False
        nxt = segs[i + 1] if i + 1 < len(segs) else None
        joined = nxt is not None and nxt.correction and nxt.line == segs[i].line
        text = f"{segs[i].text} {nxt.text}" if joined and nxt is not None else segs[i].text
        m = self._number_fix_re.search(fold(text))
        if m is None:
            return False
        new, old = m.group(1), m.group(2)
        pattern = re.compile(rf"(?<![\w.,/]){re.escape(old)}(?![\w.,/])", re.I)
        for k, part in enumerate(st.address):
            if pattern.search(part):
                st.address[k] = pattern.sub(new, part, count=1)
                if nxt is not None and m.end() > len(segs[i].text):
                    nxt.text = ""  # its half of the correction is read
                return True
        return False

    def _says_more_than_it_takes_back(self, seg: Segment) -> bool:
        """`… ukuran 41, bukan 40`, `make it ground, not whole bean`: a correction that only names the value
        it takes back has nothing to read (False); of `bukan 40 tapi 41` what follows the contrast word is
        kept. A negation before punctuation (`eh bukan, XL`) is an interjection: the value follows it."""
        folded = fold(seg.text)
        m = self._taken_back_re.match(folded)
        if m is None or not self.lex.accept("negations", seg.text[: m.end("neg")]):
            # `cushion 21 chứ không phải 23`, `size L not M`: the value taken back after the new one
            after = self._taken_back_after_re.search(folded)
            if after and len(folded[after.end("neg"):].split()) <= 4 \
                    and self.lex.accept("negations", seg.text[after.start("neg"): after.end("neg")]):
                seg.text = seg.text[: after.start("neg")].rstrip(" ,")
            return True
        if m.group("instead") is None:
            return False
        seg.text = seg.text[m.start("instead") :]
        return True

    def _source_channel(self, m: re.Match[str] | None, apps: list[str]) -> str | None:
        """The channel a message's source names: the chat app's tag of an export (`[Zalo] Chị Hạnh: …`),
        or its header (`WA masuk: …`, `Order IG:`), as `_source` matched it at the start of the message."""
        for tag in apps:
            channel = self.lex.channel_of(tag)
            if channel:
                return channel
        if m:
            return self.lex.channel_of(m.group("a") or m.group("b") or m.group("c"))
        return None

    def _speakers_channel(self, speakers: list[tuple[str, str]]) -> str | None:
        """`[09:12] Khách Zalo - Chị Hạnh: …`: a chat export whose speaker is labelled with the platform."""
        for who, _ in speakers:
            f = fold(who)
            for start, end in self.lex.terms_re.spans(f):
                term = self.lex.term(f[start:end])
                if term and term[0] == "channel":
                    return term[1]
        return None

    def _buyer_speaker(self, speakers: list[tuple[str, str]]) -> str | None:
        """Last resort for the recipient of a chat export: the speaker of the first line that names a
        product, a phone or an address (the buyer's; the shop only answers), never a role or shop word."""
        if not speakers:
            return None
        lex = self.lex
        cues = lex.words("street_words") | lex.words("address_words")
        buyer = speakers[0][0]
        for who, said in speakers:
            f = fold(said)
            if (
                self.reader.read(" ".join(tokens(f))[:200]).rows
                or find_phones(said, self.region, self.numbers)
                or any(w in cues for w in f.split())
            ):
                buyer = who
                break
        buyer = self._past_buyer_label(buyer)
        if lex.has("chat_roles", buyer) or any(lex.has("chat_roles", w) for w in buyer.split()):
            return None
        return self.shape.clean_name(buyer, labelled=False)

    def _past_buyer_label(self, speaker: str) -> str:
        """`Khách Thanh Hương`, `Customer Ali Hassan`, `Pembeli Rina`: a speaker written as the buyer's role
        before the buyer's name is that name; a role alone stays a role."""
        words = speaker.split()
        for k in (2, 1):
            if len(words) > k and self.lex.has("buyer_roles", " ".join(words[:k])) and words[k][:1].isupper():
                return " ".join(words[k:])
        return speaker

    def _correction_at(self, text: str, folded: str) -> int | None:
        """Where the message first takes something back (`eh salah`, `actually change to`, `à nhầm`); a
        bare `eh` is only a sound."""
        for m in self.splitter.corrections_re.finditer(folded):
            if m.group(0) != "eh" and self.lex.accept("corrections", text[m.start() : m.end()]):
                return m.start()
        return None

    def _pick_phone(self, text: str, phones: list[Phone]) -> str | None:
        valid = [p for p in phones if p.e164]
        if len(valid) > 1 and valid[0].e164 != valid[-1].e164:
            # `hp 0831…6677 … eh nomer hp nya salah, yg bener 0831…6678`: the number after the correction
            fix = self._correction_at(text, fold(text))
            if fix is not None and valid[0].start < fix:
                after = next((p for p in valid if p.start > fix), None)
                if after is not None:
                    return after.e164
        labelled = [p for p in phones if _PHONE_LABEL_NEAR.search(fold(text[max(0, p.start - 14) : p.start]))]
        for p in labelled:
            if p.e164:
                return p.e164
        if labelled and not valid:
            return None
        return valid[0].e164 if valid else None

    def _phone_beside(self, text: str, name: str, phones: list[Phone]) -> str | None:
        """`aku Rahma (0812…) mau kirim hadiah … Penerima: Laras W, 0857…`: of several numbers, the one
        written right after the recipient's name (a bracket, a comma or a phone's label between) is
        theirs; a correction that names the right number keeps it (`_pick_phone`)."""
        if self._correction_at(text, fold(text)) is not None:
            return None
        found: set[str] = set()
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            for p in phones:
                gap = fold(text[end : p.start])
                if p.e164 and p.start >= end and len(gap) <= 16 and (
                        not gap.strip(" ,;:()/-") or _PHONE_LABEL_NEAR.search(gap.rstrip(" :(-"))):
                    found.add(p.e164)
            at = text.find(name, end)
        return found.pop() if len(found) == 1 else None

    def _senders_phone(self, text: str, phone: Phone) -> bool:
        """A number on a `Pengirim:` / `Sender:` line (a dropshipper's own) is not the customer's."""
        start = text.rfind("\n", 0, phone.start) + 1
        before = text[start : phone.start]
        if ":" not in before and "：" not in before and "=" not in before:
            return False  # no label: every _LINE_HEAD ends at one of these
        m = _LINE_HEAD.match(before)
        if not m:
            return False
        head = " ".join(fold(m.group(1)).split())
        return (
            self.lex.labels.get(head) == "sender"
            or self.splitter.label_kind(head, m.group(1).lower()) == "sender"
        )

    def _bank_holder(self, segments: list[Segment]) -> None:
        """`TF BRI ke 0123… a.n. Ayu` names the seller's account holder, not the buyer."""
        for i, seg in enumerate(segments):
            if seg.kind == "name" and seg.label in ("a.n", "a.n.", "an.", "a/n", "atas nama") and i > 0:
                prev = " ".join(fold(s.text) for s in segments[max(0, i - 2) : i] if s.line == seg.line)
                if _BANK_NEAR.search(prev) and (
                    segments[i - 1].before_phone or re.search(r"\b(?:rek|rekening|norek|bank)\b", prev)
                ):
                    seg.kind = "bank"

    def _amounts_before_labels(self, segments: list[Segment]) -> None:
        """`RM2 discount`, `20rb ongkirnya`: an amount written just before its label moves into it."""
        for i, seg in enumerate(segments):
            if i == 0 or seg.kind not in ("discount", "shipping") or seg.form:
                continue
            if seg.kind == "shipping" and segments[i - 1].line == seg.line \
                    and self._free_into_label(segments[i - 1], seg):
                continue  # `diskon 40rb, free ongkir`: the amount before `free` is not the postage's
            if [w for w in fold(seg.text).split() if not self.lex.has("fillers", w)]:
                continue  # only a bare label at the end (`RM2 discount`), not `postage free`
            prev = segments[i - 1]
            if prev.line != seg.line:
                continue
            last = self._ending_amount(prev.text)
            if last is not None:
                seg.text = prev.text[last.start : last.end] + " " + seg.text
                prev.text = prev.text[: last.start]

    @staticmethod
    def _free_into_label(prev: Segment, seg: Segment) -> bool:
        """`…, Jl Gatot Subroto 21 Denpasar, free ongkir`: the postage label was cut from the `free` before
        it, which ended the text before (an address, a name); the word joins the label it belongs to."""
        head, _, last = prev.text.rstrip().rpartition(" ")
        if last and _FREE_WORD.fullmatch(fold(last)):
            prev.text = head if head.strip() else ""
            seg.label = f"{fold(last)} {seg.label}"
            return True
        return False

    def _ending_amount(self, text: str) -> Amount | None:
        """The amount a text ends with (`… RM2` before `discount`), if any."""
        f = fold(text)
        found = [a for a in find_amounts(f, self.currency, strong_only=True) if len(f.rstrip()) - a.end <= 1]
        return found[-1] if found else None

    # -- one segment ------------------------------------------------------------------------------
    def _segment(self, seg: Segment, segs: list[Segment], i: int, st: ReadState) -> None:
        kind, value = seg.kind, seg.text.strip(" ,.;:-")
        if kind in ("name", "phone", "address", "recipient") and value and not seg.form:
            value = self._past_fix_words(value, lower_only=kind == "name")  # `alamat yang benar Jl. …`
        where = self.shape.strip_prefix(value) if kind == "courier" and has_digit(value) else ""
        if where and self.shape.starts_address(where) and not self.lex.terms_re.search(fold(value)):
            # `Giao: 210/4 Nguyễn Trọng Tuyển`, `Shipping ke Apartemen …`: where to, not who carries it
            kind = seg.kind = "address"
            value = where
        if seg.form and kind not in ("items", "qty", "variant"):
            st.items_block = False
        if kind in ("recipient", "address") and self._address_after_colon(seg, segs, i, value):
            return
        if kind == "name":
            if not seg.form:
                past = self._past_platform(value)  # `Khách Zalo Trần Thu Hà …`: where the buyer wrote from
                value, platform = past, past != value
                if platform and value[:1].islower():
                    # `Khách Zalo chị Bích lấy thêm …`: no name after the label, but a greeting and one in
                    # running text, as after `Khách` alone
                    seg.kind = None
                    self._running(seg, value, st, items_ctx=st.items_block and not seg.header)
                    return
            parts = split_parts(value)
            if self.shape.defers(parts[0]):
                # `Nama: nanti aku kabari`, `Name: TBC`: a promise, not a name, in this part or after it
                self._running(seg, ", ".join(parts[1:]), st)
                return
            if len(parts) > 1 and not seg.form and not self._past_kin(parts[0].strip()):
                parts = parts[1:]  # `a.n istriku aja, Nadya Ramadhani`: who she is to the buyer, then who
            elif not seg.form and parts[0][:1].islower():
                parts[0] = self._kin_named(parts[0])
            name = self.shape.clean_name(parts[0], labelled=True) if parts[0].strip() else None
            if not name and not seg.form:
                # `tên em là Lê Thị Thu Hiền số điện thoại không chín tám…`: said, not typed into a field;
                # the capitalised words after the label are the name
                words = parts[0].split()
                if words and fold(words[0]) in COPULAS:
                    words = words[1:]
                name = self._introduced(" ".join(words), 2)
                found = parts[0].find(name) if name else -1
                rest = parts[0][found + len(name) :] if name and found >= 0 else ""
                if rest.strip(" ,.;:-") and self._reads_as_item(rest):
                    parts = [parts[0], rest, *parts[1:]]  # `Khách Trần Thu Hà lấy 1 toner …`: the order too
            if name and not seg.form:
                # `atas nama Ibu Ratna` in running text: a greeting is not part of the name there;
                # a form line `Nama: Bu Ratna` is taken as written
                name = self.shape.strip_honorific(name)
            if name:
                recipient = seg.label in self.lex.words("recipient_name_labels")
                # `eh sorry a.n istriku aja, Nadya …`: a name labelled right after a correction replaces
                fixed = bool(st.names) and st.correction_seg >= 0 and 0 < i - st.correction_seg <= 2 \
                    and segs[i - 1].line == seg.line
                st.name(-1 if fixed else 0 if recipient else (1 if seg.form else 2), name)
                self._running(seg, ", ".join(parts[1:]), st)
            else:
                self._running(seg, value, st)
        elif kind in ("bank", "sender"):
            return  # the seller's own account holder or the dropshipper's name: not the customer
        elif kind == "phone":
            self._running(seg, value, st)
        elif kind == "address":
            if not value and seg.form:
                st.addr_waiting = True
                st.addr_seg = i
                return
            prev = segs[i - 1] if i else None
            if not seg.form and prev is not None and prev.line == seg.line and prev.text[-1:].isalpha() \
                    and self.shape.defers(prev.text.rsplit(None, 1)[-1]):
                # `nanti alamat sama nomor aku kirim abis gajian`: a promise to give the address later; its
                # words are no address (only goods or a way to pay are read there)
                self._running(seg, value, st, terms_only=True)
                return
            if seg.form and prev is not None and prev.kind == "address" and prev.form \
                    and prev.line == seg.line - 1 and st.address is not None:
                # `Address line 1: No. 9, Jalan Dahlia 3/2` / `Address line 2: Taman Dahlia`: one address
                st.address_parts.append(self.shape.trim_tail(value))
                return
            if seg.form and self._name_then_address_below(value, segs, i, st):
                return
            self._address_value(seg, value, st, prio=1 if seg.form else 2)
        elif kind == "recipient":
            if self._whose_home(seg, segs, i, value):
                return  # `gửi dìa nhà má em ở ấp 3, …`: whose home it goes to; the address follows
            parts = split_parts(value)
            first = self._past_kin(parts[0].strip()) if parts else ""
            if len(parts) == 1 and first != parts[0].strip() and self._town_only(first):
                return  # `send to my mother in Sibu`: who, and the town she lives in; her address follows
            if len(parts) > 1 and first and self._only_who(first):
                first = ""  # `kirim ke ibu ya, namanya Rukmini Hasan`: the buyer's mother, named after
            if parts and not first and len(parts) > 1:
                # `kirim ke keponakan saya aja, namanya Dimas P, Jl. …`: who they are to the buyer: no address
                parts = parts[1:]
                first = parts[0].strip()
                value = ", ".join(parts)
                titled = first.split()[:1]
                if len(parts) == 1 and titled and self.shape.is_honorific(titled[0]) \
                        and not self.shape.starts_address(first):
                    # `kirim ke ibu saya ya, Bu Darsih`: who, then the title and name; the address is labelled
                    name = self._strong_name(first)
                    if name:
                        st.name(2, name)
                        return
            elif parts and first != parts[0].strip():
                parts[0] = first
                value = ", ".join(parts)
            intro = fold(first).split()[:1]
            if intro and self.lex.has("name_intro", intro[0]) and len(first.split()) > 1:
                # `…, namanya Dimas Prasetyo`: a name said to be one, the address after it
                name = self.shape.clean_name(first, labelled=True)
                if name:
                    st.name(2, name)
                    if len(parts) > 1:
                        self._address_value(seg, ", ".join(parts[1:]), st, prio=2, named=True)
                    return
            if len(parts) == 1 and not seg.form and self._name_phone_address(seg, segs, i, first, st):
                return
            if len(parts) == 1 and seg.form and first and not self.shape.starts_address(first):
                name = self._strong_name(first)
                if name:
                    # `Ship to: Mr. Tan Ah Kow` with the address on the lines below
                    st.name(2, name)
                    st.addr_waiting, st.addr_seg = True, i
                    return
            name = (
                self._strong_name(first)
                if len(parts) > 1 and not self.shape.starts_address(first, next_part=parts[1])
                else None
            )
            if name:
                st.name(2, name)
                self._address_value(seg, ", ".join(parts[1:]), st, prio=2, named=True)
            else:
                at = self._address_inside(first, parts[1] if len(parts) > 1 else None) if first else None
                head = ""
                if at:
                    last_word = fold(first[:at]).split()[-1:]
                    head = (
                        re.sub(r"\s+\S+$", "", first[:at].rstrip())
                        if last_word and last_word[0] in self.lex.words("address_prefixes")
                        else first[:at]
                    )
                    lead = head.split(None, 1)
                    if len(lead) == 2 and self.lex.has("send_preps", lead[0]):
                        head = lead[1]  # `gửi về cho chị Lành ở thôn 4, …`: to whom, then where
                name = self._strong_name(head) if at else None
                if name:
                    # `kirim ke Ibu Yati di Jl. …`: a name, then the address
                    st.name(2, name)
                    self._address_value(seg, ", ".join([first[at:]] + parts[1:]), st, prio=2, named=True)
                elif at and fold(first[:at]).split()[-1] in self._recipient_prefixes:
                    # `kirimnya ke rumah aja di Perumahan …`: which place it is, then the address
                    self._address_value(seg, ", ".join([first[at:]] + parts[1:]), st, prio=2)
                else:
                    self._address_value(seg, value, st, prio=2)
        elif kind == "address_part":
            if value and seg.form:
                st.address_parts.append(self.shape.trim_tail(value))
            elif value:
                self._running(seg, value, st)
        elif kind == "items":
            if not value and seg.form:
                st.items_block = True
            else:
                self._running(seg, value, st, items_ctx=True, form_items=seg.form)
        elif kind == "qty":
            n = re.search(r"\d+", value)
            if n and st.items:
                st.items[-1].read.qty = int(n.group())
                st.items[-1].qty_explicit = True
                if st.items[-1].seg == st.seg_index - 1:
                    # `Kem chống nắng | SL: 1 | ₫259.000`: an amount after the count is still the line's
                    st.items[-1].seg = st.seg_index
        elif kind == "variant":
            nxt = segs[i + 1] if i + 1 < len(segs) else None
            if value and nxt is not None and nxt.kind is None and nxt.line == seg.line \
                    and self.reader.names_product(nxt.text):
                # `Variasi: Hitam,M x1 — Kaos Polos Hitam`: a marketplace's line names the variant and the
                # count first, then the product; read as one line, the product first
                nxt.text = f"{nxt.text} {value.replace(',', ' ')}"
                return
            if st.items and value:
                last = st.items[-1]
                again = self.reader.read(last.read.text + " " + value)
                if again.rows:
                    again.qty = last.read.qty if last.qty_explicit else again.qty
                    last.read = again
        elif kind in ("courier", "shipping", "payment", "discount", "total", "price", "channel"):
            self._money_or_term(seg, segs, i, value, st)
        elif kind == "note":
            st.note = value or st.note
        else:
            self._running(seg, value, st, items_ctx=st.items_block and not seg.header)

    def _past_platform(self, value: str) -> str:
        """`Zalo chị Bích lấy thêm …`, `IG Kumar order …`: after a buyer's label in running text, the
        platform the buyer wrote from (the channel, read from the whole message) is not their name."""
        words = value.split(None, 2)  # the platform's one or two words, then the rest as written
        for k in (2, 1):
            head = " ".join(words[:k])
            term = self.lex.term(fold(head)) if len(words) > k else None
            if term and term[0] == "channel" and self.lex.accept("terms", head):
                return " ".join(words[k:])
        return value

    def _town_only(self, part: str) -> bool:
        """`in Sibu`, `di Bekasi`, `ở Đà Lạt`: a preposition and a town's or state's name (a known place, or
        one or two capitalised words that are no address words), and nothing else."""
        words = part.strip(" .,!?").split()
        prep = fold(words[0]) if words else ""
        if len(words) < 2 or not (prep == "in" or prep in self.lex.words("address_prefixes")):
            return False
        town = words[1:]
        return fold(" ".join(town)) in self.lex.words("places") or (
            len(town) <= 2 and not has_digit(part) and all(w[:1].isupper() for w in town)
            and not any(self.lex.has("address_words", w) for w in town))

    def _only_who(self, part: str) -> bool:
        """`ibu ya`, `mama aja`: a part saying only who the recipient is to the buyer (a title or a word for
        family, with chat particles), and no name."""
        words = [w.strip(".,!?") for w in part.split()]
        who = [w for w in words if fold(w) in self._kin or self.shape.is_honorific(w)]
        return bool(who) and len(words) <= 3 and all(w in who or self.shape.is_filler(w) for w in words)

    def _whose_home(self, seg: Segment, segs: list[Segment], i: int, value: str) -> bool:
        """`gửi về nhà mẹ em ở ấp 3, …`: a recipient's segment saying only whose home the parcel goes to
        (`nhà má`, `rumah ibu`), with the address in the next segment of the same line."""
        nxt = segs[i + 1] if i + 1 < len(segs) else None
        if seg.form or nxt is None or nxt.line != seg.line or nxt.kind not in ("recipient", "address"):
            return False
        words = value.split()
        if not 1 < len(words) <= 3 or has_digit(value):
            return False
        home = words[0].lower()
        return (home == "nhà" or fold(home) in PLACE_WORDS) and self.shape.starts_address(split_parts(
            nxt.text)[0])

    def _kin_named(self, part: str) -> str:
        """`tên má em là Trần Thị Út`: after a name's label, who the recipient is to the buyer, then `là`
        and the name: the name alone (the part as it is when it starts with no word for family)."""
        if fold(part.split(" ", 1)[0]) not in self._kin:
            return part  # the cheap test first: most names start with no word for family
        words = self._past_kin(part.strip()).split()
        if len(words) > 1 and fold(words[0]) in COPULAS:
            return " ".join(words[1:])
        return part

    def _name_phone_address(
        self, seg: Segment, segs: list[Segment], i: int, first: str, st: ReadState
    ) -> bool:
        """`Gửi về Lê Minh Thư, 0914…, 31 Phan Chu Trinh…`: the recipient's name, their phone, then the
        address after the phone."""
        nxt = segs[i + 1] if i + 1 < len(segs) else None
        if not (
            first
            and seg.before_phone
            and nxt is not None
            and nxt.after_phone
            and nxt.kind is None
            and nxt.line == seg.line
            and not self.shape.starts_address(first)
        ):
            return False
        rest = nxt.text.strip(" ,.;-")
        rparts = [p.strip() for p in split_parts(rest)]
        name = self._strong_name(first)
        # the address may open with a building's name: `Vinhomes Central Park, tòa L2, 208 Nguyễn Hữu Cảnh`
        if not (
            name
            and rparts[0]
            and any(
                self.shape.starts_address(part, next_part=rparts[k + 1] if k + 1 < len(rparts) else None)
                for k, part in enumerate(rparts[:3])
            )
        ):
            return False
        st.name(2, name)
        self._address_value(nxt, rest, st, prio=2)
        nxt.text = ""  # read here
        return True

    def _money_or_term(self, seg: Segment, segs: list[Segment], i: int, value: str, st: ReadState) -> None:
        kind = seg.kind
        if not seg.form and kind != "payment":
            # `disc 10%, pashmina cream 2`: a label in running text owns only its own comma part, which
            # may be the label alone (`free ongkir, Wulan 0813…`)
            parts = split_parts(value)
            if seg.text.lstrip()[:1] == ",":
                parts = ["", *parts]
            value = parts[0]
            if len(parts) > 1:
                self._running(seg, ", ".join(parts[1:]), st)
        f = fold(value)
        amounts = find_amounts(f, self.currency)
        strong = [a for a in amounts if a.strong] or (
            amounts if seg.form or kind in ("shipping", "discount") else []
        )
        if strong and self._in_thousands:
            strong = [in_thousands(a) for a in strong]
        if kind in ("courier", "shipping", "payment", "channel") and kind != "payment":
            if kind == "shipping" and self._free_before(segs, i):
                # `You said free postage above RM50`: free, the amount after it is the threshold
                prio = 1 if seg.form else 2
                if prio < st.shipping_prio:
                    st.shipping, st.shipping_prio = Decimal(0), prio
                return
            if kind in ("shipping", "courier") and (
                strong or self._says_free_shipping(f) or (seg.form and kind == "shipping" and is_free(f))
                or (seg.form and kind == "courier" and self._only_free(value))
            ):
                if self._ask_or_later(f):
                    return
                prio = 1 if seg.form else 2
                amount = (
                    Decimal(0) if (is_free(f) and (not strong or strong[0].start > 3)) else strong[0].value
                )
                if prio < st.shipping_prio:
                    st.shipping, st.shipping_prio = amount, prio
                return
            if seg.form:
                st.labelled.setdefault(kind if kind != "shipping" else "courier", value)
            self._running(seg, value, st, items_ctx=False, terms_only=True)
            return
        if kind == "payment":
            # `💰 less RM5` is cut at its own label and leaves the emoji's field empty: an empty payment
            # field does not hide the one below it (`💳 Card`)
            if value and (seg.form or seg.label):
                st.labelled.setdefault("payment", value)
            return
        if kind == "discount":
            pct = re.search(r"(\d{1,2}(?:[.,]\d+)?)\s?(?:%|persen|percent|phan tram|pct)(?!\w)", f)
            if pct and st.discount is None:
                st.discount_pct = Decimal(pct.group(1).replace(",", "."))
                return
            found = strong[0] if strong else self._amount_before(segs, i)
            if found is not None and st.discount is None:
                st.discount = found.value
            return
        if kind == "price":
            if strong:
                self._apply_price(st, strong[0], per_unit=True)
            return
        # total: read and dropped, so it is never taken for an item price

    @staticmethod
    def _free_before(segs: list[Segment], i: int) -> bool:
        """Is a shipping label's segment cut right after `free` (`free postage`, `gratis ongkir`)?"""
        if is_free(segs[i].label.split(" ", 1)[0]):
            return True  # `…, free ongkir`: the word was moved into the label (_free_into_label)
        prev = segs[i - 1] if i else None
        words = prev.text.split() if prev is not None and prev.line == segs[i].line else []
        return bool(words) and prev is not None and prev.kind is None and is_free(fold(words[-1]))

    def _only_free(self, value: str) -> bool:
        """`Shipping: Free`, `Pengiriman: Gratis`, `Giao hàng: Miễn phí`: a field whose label also names the
        courier (`Shipping: J&T`) holding only a free-of-charge word says the postage is free."""
        words = [w for w in value.strip(" .!").split() if not self.shape.is_filler(w)]
        return bool(words) and self.lex.has("free_words", " ".join(words))

    def _ask_or_later(self, f: str) -> bool:
        return bool(re.search(r"\b(?:brp|berapa|nanti|bao nhieu|how much|later|tbc|blm|belum)\b|\?", f))

    def _amount_before(self, segs: list[Segment], i: int) -> Amount | None:
        """`RM2 discount`: the amount written just before the label."""
        if i == 0:
            return None
        prev = segs[i - 1]
        last = self._ending_amount(prev.text)
        if last is not None:
            prev.text = prev.text[: last.start]
        return last

    # -- whole message ----------------------------------------------------------------------------
    def _terms(self, text: str, f: str, st: ReadState, draft: OrderDraft) -> None:
        found: dict[str, str] = {}
        for kind, value in (
            ("payment", st.labelled.get("payment")),
            ("courier", st.labelled.get("courier")),
            ("channel", st.labelled.get("channel")),
        ):
            if value:
                fv = fold(value)
                for start, end in self.lex.terms_re.spans(fv):
                    term = self.lex.term(fv[start:end])
                    if term and term[0] == kind:
                        if found.get(kind) == "cash" and term[1] == "cod":
                            found[kind] = "cod"  # `Bayar: tunai ke kurir`: cash handed over on delivery
                        found.setdefault(kind, term[1])
                        if term[1] != "cash":
                            break
                if kind in ("payment", "courier") and kind not in found:
                    # words that name a payment or courier only as a field's value (`Payment: Card`,
                    # `Kurir: POS`), never in running text (`a card for my mum`, `kode pos`)
                    table = self.lex.field_terms if kind == "payment" else self.lex.courier_field_terms
                    words = tokens(fv)
                    for phrase in (" ".join(words[:2]), *words):
                        if phrase in table:
                            found[kind] = table[phrase]
                            break
                if kind == "payment" and kind not in found and any(m in words for m in _MARKET_NAMES[:-2]):
                    found[kind] = "marketplace"  # `Payment status: Paid (Lazada)`: paid on the market
        if "payment" not in found and any(name in f for name in _MARKET_NAMES) and self._mp_pay.search(f):
            found["payment"] = "marketplace"
        # `Chị ck hay cod ạ?`: a question offering a choice names no way to pay or courier; the answer does
        choices = [(a, b) for a, b in _questions(f)
                   if any(f" {w} " in f" {f[a:b]} " for w in self._ors)] if "?" in f else []
        spans = self.lex.terms_re.spans(f)
        offered = self._offered(f, spans) if len(spans) > 1 else ()
        for start, end in spans:
            if choices and any(a <= start < b for a, b in choices):
                continue
            if offered and start in offered:
                continue
            if self.lex.article_at(f, start, end):
                continue  # `1 serum the ordinary`: the brand's article, not `thẻ`
            term = self.lex.term(f[start:end])
            messenger = term is not None and term[0] == "channel" and term[1] in _MESSENGERS
            if messenger and _LABELS_A_PHONE.match(text, end):
                # `No. WhatsApp: 0812…`, `Zalo 0912…`: a phone's label, not the order's channel (a
                # marketplace's name before a number, `Bukalapak 0896…`, is where the order came from)
                continue
            if term and self.lex.accept("terms", text[start:end]):
                if term == ("payment", "cod") and found.get("payment") == "cash":
                    found["payment"] = "cod"  # `bayar tunai ke kurir`: cash handed over on delivery
                found.setdefault(term[0], term[1])
        if self._pay_on_arrival is not None and found.get("payment", "cash") == "cash" \
                and any(w in f for w in self._arrival_pay_words) and self._pay_on_arrival.search(f):
            found["payment"] = "cod"  # `tới nơi tui đưa tiền mặt`: money handed over when the goods arrive
        named = found.get("courier") or found.get("payment")
        fix = self._correction_at(text, f) if st.corrected and named else None
        if fix is not None:
            # `kirim pake jne … eh … kurirnya jnt aja deh`, `poslaju -> actually change to DHL`: the first
            # courier or way to pay named after the correction replaces the one named before it
            later: dict[str, str] = {}
            for start, end in self.lex.terms_re.spans(f):
                term = self.lex.term(f[start:end]) if start >= fix else None
                if term and term[0] in ("courier", "payment") and self.lex.accept("terms", text[start:end]):
                    later.setdefault(term[0], term[1])
            for kind, value in later.items():
                if not (kind == "payment" and value == "cash" and found.get(kind) == "cod"):
                    found[kind] = value
        draft.channel = found.get("channel")
        draft.payment = found.get("payment")
        courier = found.get("courier") or self._misspelt_courier(f)
        draft.courier = None if courier == "none" else courier
        needles = self._free_ship_words
        if st.shipping is None and (needles is None or any(w in f for w in needles)):
            for m in self._free_ship.finditer(f):
                # `ongkir free kan?` asks; `free ongkir ya` says
                tail = re.split(r"[.!\n]|\s-\s", f[m.end() :], maxsplit=1)[0]
                if "?" not in tail[:25]:
                    st.shipping = Decimal(0)
                    break

    def _misspelt_courier(self, f: str) -> str | None:
        """`cod sicepet`, `kirim anteraya`: a word one letter off a courier's name of one long word (a letter
        changed, missing, added or two swapped; the first as written) names that courier."""
        for word in set(_WORDS.findall(f)):
            if len(word) < 6 or not word.isalpha() or word in self.index.vocab:
                continue
            for name, code in self._courier_words.items():
                if name[0] == word[0] and abs(len(name) - len(word)) <= 1 \
                        and DamerauLevenshtein.distance(word, name, score_cutoff=1) <= 1:
                    return code
        return None

    def _offered(self, f: str, spans: list[tuple[int, int]]) -> set[int]:
        """`chị ck hay cod ạ`, `mau jne atau jnt kak`: two ways to pay (or couriers) with only `or` between
        them are a choice offered, with or without its question mark; they name neither (the starts of
        both, among the spans of terms in the folded text)."""
        out: set[int] = set()
        for (a, a_end), (b, b_end) in zip(spans, spans[1:], strict=False):
            if " ".join(f[a_end:b].split()) not in self._ors:
                continue
            one, other = self.lex.term(f[a:a_end]), self.lex.term(f[b:b_end])
            if one and other and one[0] == other[0] and one[0] in ("payment", "courier"):
                out.update((a, b))
        return out

    @staticmethod
    def _named_again(it: Line, later: list[Line]) -> bool:
        """A product named without a quantity that a later line orders with one is that line; so is one
        named without its variant (`di postingan gamis kemarin, dia minta gamis navy L 2`)."""
        if it.qty_explicit or it.read.price is not None or not it.read.rows:
            return False
        rows = it.read.rows
        if len(rows) == 1:
            return any(o.qty_explicit and o.read.rows == rows for o in later)
        return any(o.qty_explicit and o.read.rows and all(r in rows for r in o.read.rows) for o in later)

    @staticmethod
    def _fullest(chosen: tuple[int, int, str], names: list[tuple[int, int, str]]) -> str:
        """`10:25 Bích Ngọc: 0868 157 290 Huỳnh Bích Ngọc`: a name told from where it stands (not labelled,
        nor corrected), or the same name written in full elsewhere in the message (one or two more words
        around it, its own words unchanged)."""
        prio, _, name = chosen
        if prio < 3 or len(names) < 2:
            return name  # a labelled name is taken as written
        words = name.casefold().split()
        for _, _, other in names:
            more = other.casefold().split()
            extra = len(more) - len(words)
            if 0 < extra <= 2 and any(more[k : k + len(words)] == words for k in range(extra + 1)):
                return other
        return name

    def _finish(self, st: ReadState, draft: OrderDraft, text: str) -> None:
        for value in _order_refs(text):
            if has_digit(value):
                draft.channel_ref = value  # the marketplace's own order number, to find it there
                break
        if st.names:
            draft.customer.name = self._fullest(min(st.names), st.names)
        address = list(st.address or []) + st.address_parts
        if address:
            joined = ", ".join(a.strip(" ,") for a in address if a.strip(" ,"))
            draft.customer.address = " ".join(joined.split()).rstrip(" .,") or None
        draft.shipping_fee = st.shipping
        draft.discount = st.discount
        said = [r for r in st.requests if not (st.note and fold(r) in fold(st.note))]
        draft.note = "; ".join(n for n in (st.note, *said) if n) or None
        for k, it in enumerate(st.items):
            if self._named_again(it, st.items[k + 1 :]):
                continue  # `còn mascara không?` … `lấy 1 mascara`: asked about first, then ordered
            draft.items.append(self._draft_item(it))
        if draft.discount is None and st.discount_pct is not None:
            priced = [it for it in draft.items if it.unit_price is not None]
            if priced:
                subtotal = sum(
                    (it.unit_price * it.qty for it in priced if it.unit_price is not None), Decimal(0)
                )
                exp = Decimal("0.01") if self.currency in ("MYR", "USD", "SGD") else Decimal(1)
                draft.discount = (subtotal * st.discount_pct / 100).quantize(exp, rounding=ROUND_HALF_UP)
                draft.discount_percent = st.discount_pct
