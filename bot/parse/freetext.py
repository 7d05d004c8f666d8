"""Names and addresses in running text, recognised by their shape and where they stand."""

from __future__ import annotations

import re

from bot.parse.lexicon import STRICT, Lexicon, alternation
from bot.parse.money import find_amounts
from bot.parse.text import fold, strip_emoji

# letters, and apostrophes between letters (`H'Liên`, `K'Nhi`, `Ma'ruf`), not an English contraction (`I'm`)
_NAME_TOKEN = re.compile(r"^[^\W\d_]+(?:['’](?!(?:m|s|re|ll|ve|d|t)\.?$)[^\W\d_]+)*\.?$", re.UNICODE | re.I)
_CONNECTORS = {
    "bin",
    "binti",
    "bt",
    "bte",
    "a/p",
    "a/l",
    "d/o",
    "s/o",
    "van",
    "de",
    "al",
    "el",
    "da",
    "di",
    "dos",
    "von",
    "ap",
    "al-",
}
# street words that only start an address when a number follows them (`No 5`, `Lot 7`, `Tổ 3`)
# a kiosk (`ki-ốt 112 chợ Đông Ba`, `kios 12 Pasar Legi`) is an address only with its number; one seen
# in passing (`liat di kios sebelah`) is not
_KIOSKS = {"kios", "kiot", "ki-ot"}
NUMBERED_STREET_WORDS = {"no", "so", "lot", "unit", "blok", "block", "to", "kdc"} | _KIOSKS
COPULAS = {"la", "is", "ialah", "adalah", "yaitu", "iaitu"}
_NOT_A_START = {
    "no",
    "so",
    "to",
    "p",
    "q",
    "tt",
    "dt",
    "off",
    "st",
    "dr",
    "fl",
    "raya",
    "tengah",
    "barat",
    "timur",
    "utara",
    "selatan",
    "ap",
    "ln",
    "rd",
    "ave",
    "court",
    "park",
    "house",
    "rumah",
    "kota",
    "nha",
    "can",
    "ban",
    "toko",
    "kantor",
    "pasar",
    "number",
    "nomor",  # `Nomor & alamat sama kayak kemarin`: the phone's word, an address only with its number
    "nomer",
    *_KIOSKS,
}
_CAPITALISED_START = {"ban", "nha", "kantor", "rumah", "toko", "pasar", "kota", "park", "house", "court"}
_HOUSE_NO = re.compile(
    r"^(?:no\.?\s*|số\s*|so\s*|lot\s*|unit\s*)?(?:[a-z]{1,2}-)?\d+[a-z]?(?:[-/]\d+[a-z]?)*$", re.I
)
_BRACKETS = re.compile(r"\([^)]*\)")
_EDGE_PUNCT = re.compile(r"^[\s,.:;\-–*\"“”']+|[\s,.:;\-–*\"“”'!?]+$")
# what _EDGE_PUNCT.sub("", t) takes off, as str.strip takes it: `\s` is every character isspace() holds
# (all in the first plane), then the punctuation of its two classes
_SPACE_CHARS = "".join(re.findall(r"\s", "".join(map(chr, range(0x10000)))))
_LEAD_PUNCT = _SPACE_CHARS + ",.:;-–*\"“”'"
_TRAIL_PUNCT = _LEAD_PUNCT + "!?"
_POSTCODE = re.compile(r"\d{5,6}")
_DISTRICT = re.compile(r"[qp]\.?\d{1,2}")  # `q5`, `p.12`: a Vietnamese district or ward, glued to its number
_DIGIT = re.compile(r"\d")


def _finds(text: str, sub: str) -> list[int]:
    """Where `sub` starts in `text`, every time."""
    out, at = [], text.find(sub)
    while at >= 0:
        out.append(at)
        at = text.find(sub, at + 1)
    return out


class ShapeReader:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.honorifics = lex.words("honorifics")
        self.fillers = lex.words("fillers")
        self.addr_words = lex.words("address_words")
        # the first words of the address words of several (`chung cư`, `ký túc xá`, `rumah susun`): a part
        # starting with one of them is asked about the phrase (see starts_address)
        self._phrase_starts = frozenset(w.split()[0] for w in self.addr_words if " " in w)
        self.prefixes = sorted(lex.words("address_prefixes"), key=len, reverse=True)
        self._prefix_starts = tuple(p + " " for p in self.prefixes)  # what a part starts with after one
        deferred = alternation(lex.words("deferred"))
        self._deferred = re.compile(r"(?<!\w)(?:" + deferred + r")(?!\w)" if deferred else r"(?!x)x")
        tails = alternation(lex.words("confirm_tails"), space=r"\s+")
        self._confirm_tail = re.compile(rf"(?:^|\s)(?:{tails})[\s.!]*$" if tails else r"(?!x)x")
        # the longest word of each tail: a text holding none has no tail, told by substring tests
        self._tail_words = sorted({max(t.split(), key=len) for t in lex.words("confirm_tails") if t.strip()})
        self._stops: dict[tuple[str, bool, bool], bool] = {}  # is_stop per word, see there
        # the first words of terms of several words (`si` of `si cepat`): a name starting with none names
        # no term (see _opens_with_a_term)
        self._term_starts = frozenset(p.split()[0] for p in lex.terms if " " in p)

    # -- names ------------------------------------------------------------------------------------
    def is_stop(self, word: str, first: bool = True) -> bool:
        """A word that is not part of a person's name: grammar, a label, a courier or payment word.
        Inside a name a capitalised word is the name's own (`Hà My`, `Kim Anh`). Remembered per word
        (every word of every name candidate is asked); the answer also depends on the STRICT flag."""
        key = (word, first, STRICT.get())
        stop = self._stops.get(key)  # one lookup: parsers are shared across threads
        if stop is None:
            if len(self._stops) > 8192:
                self._stops.clear()
            stop = self._stops[key] = self._is_stop(word, first)
        return stop

    def _is_stop(self, word: str, first: bool) -> bool:
        lex = self.lex
        f = fold(word).strip(".,!?")
        if not first and word[:1].isupper():
            # inside a name only a courier or payment word ends it (`Budi COD`); `Phuong`, `Thanh`,
            # `Hang` are names even where they spell a label without its diacritics
            return f in lex.terms and lex.accept("terms", word) and (word.isupper() or len(f) > 3)
        return (
            lex.has("stop_names", word)
            or lex.has("order_verbs", word)
            or lex.has("source_words", word)  # `Chat WA:`, `Inbox`: where the message came from
            or (f in lex.labels and lex.accept("labels", word))
            or (f in lex.terms and lex.accept("terms", word))
            # `penerimanya`, `alamatnya`: a label with the -nya of its owner (`nama penerimanya`)
            or (len(f) >= 7 and f.endswith("nya") and f[:-3] in lex.labels and lex.accept("labels", word))
        )

    def is_filler(self, word: str) -> bool:
        """Chat particles are written in lower case; `Anh` in `Kim Anh` is a name, `anh` a particle."""
        return word[:1].islower() and (
            self.lex.has("fillers", word) or fold(word) in ("ya", "kak", "nha", "nhe", "lah")
        )

    def is_honorific(self, word: str) -> bool:
        return self.lex.has("honorifics", word.strip(".,"))

    def strip_honorific(self, text: str) -> str:
        """`Bu Ratna`, and `c là Kim Loan` after a name's label (`tên c là …`, her name is): the name."""
        words = text.split()
        titled = False
        while len(words) > 1 and self.is_honorific(words[0]):
            words, titled = words[1:], True
        if titled and len(words) > 1 and words[0].islower() and fold(words[0]) in COPULAS:
            words = words[1:]
        return " ".join(words)

    def clean_name(self, text: str, labelled: bool, strong: bool = False) -> str | None:
        """The name in `text` as written, or None when it does not look like a person's name.
        Running text needs capitalised words, unless the place is a strong cue (`strong`: right before
        a phone number, first after `kirim ke`) and the words are all lower case, as many type."""
        t = strip_emoji(text)
        if "(" in t:  # every bracketed aside starts with one
            t = _BRACKETS.sub(" ", t)
        t = t.lstrip(_LEAD_PUNCT).rstrip(_TRAIL_PUNCT)  # _EDGE_PUNCT.sub("", t), by two strips
        words = t.split()
        while len(words) > 1 and self.is_filler(words[-1]) and not self.is_honorific(words[-1]):
            words = words[:-1]
        while len(words) > 1 and (fold(words[0]) in COPULAS or self.lex.has("name_intro", words[0])):
            words = words[1:]  # `tên em là Trang`, `my name is Ali`, `nama saya adalah Budi`, `Asmane Sri`
        if not labelled:
            words = self._after_send_verb(words)
            while len(words) > 1 and self.is_honorific(words[0]):
                words = words[1:]
        if not words or len(words) > (6 if labelled else 5):
            return None
        if not labelled and len(words) > 1 and self._opens_with_a_term(words):
            return None  # `Si Cepat pls`, `Anter Aja ya`: a courier named in two words, capitalised
        for n, w in enumerate(words):
            if self.is_stop(w, first=n == 0):
                return None
            if not _NAME_TOKEN.match(w) and fold(w).strip(".,") not in _CONNECTORS:
                return None
        if not labelled:
            # `van`, `de`, `di` join a name (`Nguyễn văn An` too); a lone word is a name (`Vân`, `Đệ`)
            caps = [w for w in words if fold(w) not in _CONNECTORS] if len(words) > 1 else words
            lower = strong and all(w.islower() for w in words) and len(words) <= 4
            if lower and any(self._not_a_name_word(w, inside=n > 0) for n, w in enumerate(words)):
                return None
            if not caps or not (lower or all(w[0].isupper() for w in caps)):
                return None
            # a lone `Kak` or `Chị` is a greeting; a lone `Tuan` in a Vietnamese shop is a name
            if all(self.lex.has("own_honorifics", w.strip(".,")) for w in words) or (
                len(words) > 1 and all(self.is_honorific(w) for w in words)
            ):
                return None
        return " ".join(words)

    def _opens_with_a_term(self, words: list[str]) -> bool:
        """Do the first two or three words name a courier, a way to pay or a platform (`Si Cepat`, `Pos
        Laju`, `Bank Transfer`)? Each word alone may be a name's (`Cepat`); together they are the term."""
        if fold(words[0]) not in self._term_starts:
            return False
        for k in (3, 2):
            phrase = " ".join(words[:k])
            if len(words) >= k and self.lex.term(fold(phrase)) and self.lex.accept("terms", phrase):
                return True
        return False

    def _after_send_verb(self, words: list[str]) -> list[str]:
        """`Gửi Đỗ Thùy Linh 0399…`, `kirim buat Budi, 0812…`: the words that send the parcel are not
        part of its recipient's name."""
        for n in (2, 1):
            if len(words) > n and self.lex.has("send_verbs", " ".join(words[:n])):
                return self._past_courier(words[n:])
        return words

    def _past_courier(self, words: list[str]) -> list[str]:
        """`(Gửi) Viettel Post về Phạm Thị Lan`, `(kirim) JNE ke Budi`: the courier it goes by and the word
        before its recipient, after a verb that sends."""
        for k in (3, 2, 1):
            term = self.lex.term(fold(" ".join(words[:k]))) if len(words) > k + 1 else None
            if term and term[0] == "courier" and self.lex.has("send_preps", words[k]):
                return words[k + 1 :]
        return words

    def _not_a_name_word(self, word: str, inside: bool = False) -> bool:
        """A lower-case word that cannot be part of a name; inside a name `anh`, `kok` can (`kim anh`)."""
        lex = self.lex
        if inside and (self.is_honorific(word) or self.is_filler(word)):
            return lex.has("order_verbs", word) or lex.has("stop_names", word)
        return (
            len(word) < 2
            or self.is_filler(word)
            or lex.has("order_verbs", word)
            or lex.has("units", word)
            or lex.has("address_words", word)
            or lex.number(word) is not None
            or self.is_stop(word)
        )

    # -- addresses --------------------------------------------------------------------------------
    def strip_prefix(self, part: str) -> str:
        f = fold(part)
        if not f.startswith(self._prefix_starts):
            return part  # no prefix at all: the common case, told in one call
        for p in self.prefixes:
            if f.startswith(p + " ") and len(part) > len(p) + 1:
                rest = part[len(p) + 1 :].lstrip()
                # after `ở`/`di`/`at` a house number and a street typed in lower case is an address too
                if self.starts_address(rest, strict=True) or re.match(
                    r"\d+[a-z]?(?:/\d+)?\s+\w+\s+\w+", rest
                ):
                    return rest
        return part

    def starts_address(self, part: str, strict: bool = False, next_part: str | None = None) -> bool:
        """Does this comma part begin a street address (`Jl. …`, `12 Nguyễn Trãi`, `Lot 12`, `B-3-5`)?"""
        p = strip_emoji(part).strip(" ,.-")
        if not p:
            return False
        # the text before its first space or comma (as re.split(r"[\s,]+", p, 1)[0] reads it)
        head = p.split(",", 1)[0]
        first_raw = (head.split(None, 1)[0] if head[:1] and not head[0].isspace() else "").rstrip(".")
        first = fold(first_raw)
        # words that start an address only written as one (`Bản Mường Thanh`, not `ban`/`bạn`; `Rumah
        # Pak RT`, not `rumah` in a sentence), or only with a number after them (`No 5`)
        # an address word alone is not an address (`nhà ở xa`: far away, not a commune)
        if (
            self.lex.has("address_words", first_raw)
            and len(p) > len(first_raw) + 1
            and not self._surname(first_raw, p)
            and (
                first not in _NOT_A_START
                or (
                    first in _CAPITALISED_START
                    and (first_raw[:1].isupper() or self._marked_start(p, next_part))
                )
                or self._marked_unit(first_raw, p)
                or (first in _KIOSKS and p[len(first_raw) :].lstrip(" .")[:1].isdigit())
            )
        ):
            return True
        if first in self._phrase_starts and self._address_phrase_start(p):
            return True  # `Ký túc xá khu B`, `Chung cư Sky Garden`: an address word of several words
        if first in ("no", "so", "lot", "unit", "số", "number", "nomor", "nomer"):
            nxt_word = (p.split()[1:2] or [""])[0]
            # `No 5`, and in a voice-typed run-on `nomor dua puluh satu`, `số mười hai`, `no twelve`
            if re.match(r"^\S+\.?\s*\d", fold(p)) or (nxt_word and self.lex.number(nxt_word) is not None):
                return True
        words = p.split()
        # every house number has a digit: most first words have none, told without the pattern
        has_figure = any(map(str.isdecimal, words[0]))
        if has_figure and _HOUSE_NO.match(words[0]) and not _POSTCODE.fullmatch(words[0]):
            if len(words) == 1:
                return bool(next_part and self.starts_address(next_part, strict=True))
            nxt = words[1]
            if self.lex.has("units", nxt) or (nxt.islower() and self.lex.number(nxt) is not None):
                return False
            if all(self.is_filler(w.strip(",.!?")) for w in words[1:]):
                return False  # `eh salah, 40 deh kak`: a number said in passing, no street
            if nxt[0].isupper() or self.lex.has("address_words", nxt.rstrip(".")):
                return True
            # `56 hùng vương, hải châu, …` typed in lower case: a street of two words or more with more
            # address parts after it. Only a Vietnamese street is written number first and bare: in
            # `2 topi merah, Rina 0812…` the number counts goods (an Indonesian or Malaysian street has its
            # word, `Jl`, `Jalan`, `Lorong`); and a part with a price (`2 mũ bảo hiểm 150k`) is no street
            return not strict and len(words) >= 3 and nxt[0].isalpha() \
                and self.lex.locale == "vi" and (next_part is not None or self._ends_in_a_place(words)) \
                and not self._holds_article(p) \
                and not any(  # past the number (`45 ng trai`: Nguyễn, not 45k)
                    a.start > 0 for a in find_amounts(fold(p), "VND", strong_only=True))
        return False

    def _holds_article(self, part: str) -> bool:
        """`1 serum the ordinary`: goods and a brand after an English article, no street."""
        f = fold(part)
        return " the " in f and any(self.lex.article_at(f, s + 1, s + 4) for s in _finds(f, " the "))

    def _ends_in_a_place(self, words: list[str]) -> bool:
        """`7 tran hung dao q5 hcm`: a street run on into its district (`q5`, `p12`) or a known town or
        city (`hcm`, `da nang`) at its end, written with no comma between them."""
        tail = [fold(w).strip(".,") for w in words[2:]]
        places = self.lex.words("places")
        return any(_DISTRICT.fullmatch(w) for w in tail) or bool(tail) and (
            tail[-1] in places or " ".join(tail[-2:]) in places)

    def _address_phrase_start(self, p: str) -> bool:
        """Does the part start with an address word of two or three words, with more after it, written
        as the lexicon writes it (with its marks, or typed without any)?"""
        words = p.split(None, 3)
        return any(
            len(words) > n and self.lex.has("address_words", " ".join(words[:n]).rstrip(".,"))
            for n in (3, 2)
        )

    def defers(self, text: str) -> bool:
        """`nanti aku kabari`, `em báo sau`, `I will send later`, `TBC`: a promise to give the value later,
        written in lower case or as the whole value (a capitalised `Sáu` in a name is the name's)."""
        f = fold(text)
        whole = f.strip(" .,!?")
        return any(
            text[m.start() : m.end()].islower() or m.group(0) == whole  # `Name: TBC`
            for m in self._deferred.finditer(f)
        )

    def _marked_start(self, p: str, next_part: str | None) -> bool:
        """`bản Mường Thanh, xã Thanh Xương`: in lower case but written with its marks (not `ban`, `bạn`),
        an address word before a place's capitalised name starts an address when more of one follows."""
        words = p.split()
        return (
            not words[0].isascii()
            and len(words) > 1
            and words[1][:1].isupper()
            and next_part is not None
            and self.starts_address(next_part, strict=True)
        )

    def _surname(self, first_raw: str, p: str) -> bool:
        """`Ngo Thanh Tung`: typed without marks, an address word that is also a surname (Ngô, not ngõ)
        starts an address only with a number after it (`Ngo 28 Hang Bai`)."""
        if not first_raw.isascii() or fold(first_raw) not in self.lex.words("surname_twins"):
            return False
        after = p[len(first_raw) :].lstrip(" .").split(maxsplit=1)
        return not (after and after[0][:1].isdigit())

    @staticmethod
    def _marked_unit(first_raw: str, p: str) -> bool:
        """`tổ 5, ấp Tân Lợi`: an address word that folds to a common word (`to`, `ap`), written with its
        marks and followed by a number or a capitalised name, is the address word."""
        if first_raw.isascii():
            return False
        after = p[len(first_raw) :].lstrip(" .").split(maxsplit=1)
        return bool(after) and (after[0][:1].isdigit() or after[0][:1].isupper())

    def looks_like_address(self, text: str) -> bool:
        """A labelled value is an address only if it has a number, an address word or a place name;
        `nanti aku kirim` and `same as last time` are promises, not addresses."""
        f = fold(text)
        if _DIGIT.search(f):
            return True  # a promise is told only in a value without a number
        if self._deferred.search(f):
            return False
        words = text.split()
        return (
            any(self.lex.has("address_words", w) for w in words)
            or sum(1 for w in words if w[:1].isupper()) >= 1
        )

    def trim_tail(self, part: str) -> str:
        """Drop chat particles and emoji after the last address word (`Kupang ya kak 🙏`)."""
        t = strip_emoji(part).strip()
        tail = None
        if len(t) > 8:
            f = fold(t)
            for word in self._tail_words:
                if word in f:
                    tail = self._confirm_tail.search(f)
                    break
        if tail and tail.start() > 0:
            t = t[: tail.start()]  # `56 Trần Phú, Hà Nội mới đúng`: a corrected value said to be right
        words = t.split()
        while words and self.is_filler(words[-1].strip(".,!?")):
            if fold(" ".join(words[-2:])).strip(".,!?") in self.lex.words("places"):
                break  # `vung tau` is Vũng Tàu, not `vung` and a particle
            words = words[:-1]
        return " ".join(words).strip(" ,;")
