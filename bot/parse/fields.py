"""Labelled fields: form lines (`Nama: …`, `SĐT: …`, emoji labels) and labels inside running text,
cutting a message into segments that each carry the field they belong to (or none)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, Indel

from bot.parse.lexicon import STRICT, Lexicon, WordPhrases, alternation
from bot.parse.text import EMOJI_RE, PHONE_MARK, fold

ABBREVIATIONS = {
    "jl",
    "jln",
    "jend",
    "no",
    "kel",
    "kec",
    "br",  # Bali's banjar (`Br. Dinas Kangin`)
    "kab",
    "ds",
    "dsn",
    "gg",
    "lt",
    "kav",
    "dr",
    "st",
    "ir",
    "h",
    "hj",
    "rt",
    "rw",
    "p",
    "q",
    "tp",
    "tt",
    "tx",
    "dt",
    "ql",
    "a.n",
    "a/n",
    "mr",
    "mrs",
    "ms",
    "prof",
    "drs",
    "ny",
    "sdr",
    "bpk",
    "pt",
    "cv",
    "blk",
    "lrg",
    "tmn",
    "kg",
    "sg",
    "bt",
    "bdr",
    "apt",
    "pn",
    "en",
    "mdm",
    "kp",
    "ng",
    "jr",
    "sr",
    "bhd",
    "sdn",
    "tkt",
    "prov",
    "kota",
    "komp",
    "perum",
    "kel/desa",
    "f",
    "ph",
    "d/a",
    "letjen",
    "tgk",  # Aceh's Teungku (`Jl. Tgk. Chik Ditiro`)
    "gst",  # Bali's Gusti (`Jl. I Gst. Ngurah Rai`)
    "ngr",
    "mgr",  # Monsignor (`Jl. Mgr. Sugiyopranoto`)
    "laks",  # Laksamana (`Jl. Laks. Malahayati`)
    "lr",  # Makassar's lorong (`Jl. Sultan Alauddin Lr. 4`), as `lrg`
    "moh",  # Mohammad, Muhammad in a street named after a person (`Jl. Moh. Hatta`, `Jl. Muh. Yamin`)
    "muh",
    "mhd",
    "mayjen",
    "brigjen",
    "kol",
    "kapt",
    "sd",
    "smp",
    "sma",
    "rs",
    "ruko",
    "blok",
    "tlp",
    "telp",
    "ps",
    "pd",
    "cc",
    "kdc",
    "kđt",
    "dn",
    "lk",
    "kh",
    "ks",
    "mt",
}
_LINE_LABEL = re.compile(
    r"^(?P<lead>[^\w\n]*?(?:\d{1,2}[.)]\s+)?)\s*"  # bullets, emoji or `3.` before the label
    r"(?P<label>[^\W\d_][^:：=\n]{0,32}?)\s*(?:[:：]|(?:👉|➡\ufe0f?|→|=>|->|»)\s*[:：]?|=(?!=))\s*(?P<value>.*)$"
)  # `Alamat 👉 Jl. …`, `Nama -> Budi`: a pointing arrow in place of the colon
# `Alamat Lengkap (Jalan, RT/RW, Kota):`, `Discount (RAYA10):`: a bracketed hint after the label, as forms
# and receipts write; asked only of a line with a bracket that _LINE_LABEL read no label in
_HINTED_LABEL = re.compile(
    r"^(?P<lead>[^\w\n]*?(?:\d{1,2}[.)]\s+)?)\s*"
    r"(?P<label>[^\W\d_][^:：=\n(]{0,32}?)\s*(?P<hint>\([^()\n]{1,80}\))\s*[:：=]\s*(?P<value>.*)$"
)
QUALIFIERS = {
    "lengkap",
    "lgkp",
    "lngkp",
    "status",
    "partner",
    "kos",
    "kost",
    "kosan",
    "kantor",
    "lengkp",
    "lkp",
    "penerima",
    "pengiriman",
    "kirim",
    "rumah",
    "aktif",
    "kode",
    "pos",
    "kodepos",
    "dan",
    "tujuan",
    "pembeli",
    "pemesan",
    "customer",
    "jelas",
    "detail",
    "nhan",
    "hang",
    "nguoi",
    "day",
    "du",
    "full",
    "recipient",
    "receiver",
    "delivery",
    "shipping",
    "with",
    "and",
    "complete",
    "no",
    "number",
    "wa",
    "whatsapp",
    "sesuai",
    "ktp",
    "patokan",
    "if",
    "any",
    "yg",
    "bisa",
    "dihubungi",
    "mobile",
    "contact",
    "active",
}
_EMOJI_OR_MARK = re.compile(EMOJI_RE.pattern + "|" + PHONE_MARK)
# one stop and any more after it: a pattern that starts with a class of characters lets the search skip
# straight to a stop, where `[.!?。]+` would be tried at every place
_SENTENCE_END = re.compile(r"([.!?。][.!?。]*)(?=\s|$)")
# `\s[-–—|/•;~:]\s|\s\|\||[|•;]|(?<=\S):\s`, written to start with a class of the first characters of
# its alternatives, each told apart after it by a lookbehind: sre then skips straight from one such
# character to the next, where a pattern starting with a lookahead is tried (~400 instructions) at every place
_PLAIN_SEP = re.compile(r"[\s|•;:](?:(?<=[|•;])|(?<=\S:)\s|(?<=\s)(?:[-–—|/•;~:]\s|\|\|))")
_DASHES = ("-", "–", "—")  # a hyphen, an en dash and an em dash, each between spaces
_ENUMERATOR = re.compile(r"^\s*\d{1,2}[.)]\s+(?=[^\W\d])")
# _ENUMERATOR at the start of any line of a text, in one search of it (no space it matches is a newline)
_ENUMERATED_LINE = re.compile(r"^[^\S\n]*\d{1,2}[.)][^\S\n]+(?=[^\W\d])", re.M)
_AMOUNT_AFTER = re.compile(
    r"\s*(?:rp\.?|rm|idr|vnd)?\s?\d[\d.,]*\s?(?:k|rb|ribu|d|đ|₫|vnd|nghìn|ngàn|jt|tr)?\s*$", re.I
)
_COLON = re.compile(r"\s*[:：]")
_QUALIFIED_COLON = re.compile(r" ([^\W\d_]{2,12})\s*[:：]")  # one word between a label and its colon
_CODE_COLON = re.compile(r"\s+[A-Z0-9][A-Z0-9_-]{2,}\s*[:：=]")  # `Promo code HEMAT20: -Rp10.000`: the code
_LEAD = re.compile(r"^[^\w" + PHONE_MARK + r"]*")  # bullets and emoji before a line's text
_INITIALS = re.compile(r"[a-z]\.[a-z]")  # `a.n.`: no sentence ends there
# an amount that says it is money (a currency before it, a multiplier or currency after it, or grouped),
# up to two words after a discount verb (`bớt cho em 20k`)
_MONEY_AFTER = re.compile(
    r"\s*(?:[^\W\d_]+\s+){0,2}(?:(?:rm|rp\.?|idr|vnd|\$)\s?\d|\d[\d.,]*\s?(?:k|rb|ribu|rebu|jt|juta|tr|trieu|nghin|ngan|d|vnd|₫)"
    r"(?!\w)|\d{1,3}(?:[.,]\d{3})+(?!\d))"
)
# an amount right after a postage word (`pos RM6.50`, `caj pos rm 8`): `pos` with a word between names the
# courier (`Pos Laju RM7`, `pos malaysia`), and a bare number after it a postcode (`kode pos 50450`)
_MONEY_RIGHT_AFTER = re.compile(r"\s*(?:rm|rp\.?|idr|\$)\s?\d")
_NUMBER_BEFORE = re.compile(r"\d\s*$")
# an amount in money right before a label (`RM3 off`, `rm 3.50 off`, `20k off`, `10.000 off`)
_MONEY_BEFORE = re.compile(
    r"(?:(?:rm|rp\.?|idr|\$)\s?\d[\d.,]*|\d[\d.,]*\s?(?:k|rb|ribu|rebu|jt|tr|nghin|ngan|d|vnd|₫)"
    r"|\d{1,3}(?:[.,]\d{3})+)\s*$"
)
_PHONE_AFTER = re.compile(r"\s*(?:is|nya|=)?\s*[:.]?\s*" + PHONE_MARK)  # `hp 0812…`, `her phone is 012…`


def _may_hold_label(line: str) -> bool:
    """Has the line a character every match of _LINE_LABEL holds (a colon, `=`, `>` or an arrow)? Else
    that match is skipped."""
    return (
        ":" in line
        or "=" in line
        or "：" in line
        or ">" in line
        or "→" in line
        or "»" in line
        or "👉" in line
        or "➡" in line
    )


def _may_end_sentence(text: str) -> bool:
    """Has the text a character every match of _SENTENCE_END holds? Else that search is skipped."""
    return "." in text or "!" in text or "?" in text or "。" in text


def _may_separate(text: str) -> bool:
    """Has the text a character every match of _PLAIN_SEP holds? Else that search is skipped."""
    return (
        ":" in text or "-" in text or "|" in text or ";" in text or "/" in text or "•" in text or "~" in text
        or "—" in text or "–" in text
    )


def _has_words(text: str) -> bool:
    return bool(text.strip(" ,.-:;|/"))


@dataclass(slots=True)
class Segment:
    kind: str | None  # the field a label gave it, or None for running text
    text: str
    line: int
    label: str = ""  # the label as found (folded)
    form: bool = False  # a form line `Label: value`
    after_phone: bool = False
    before_phone: bool = False
    correction: bool = False
    header: bool = False  # text before `: ` that introduces what follows (`1 set skincare: …`)


# bare labels that count only before what they label: an amount, a street, or a name (the last four)
_NAMED_AFTER = ("to", "ship", "less", "total", "khach", "an", "buyer", "customer")
_AMOUNT_SOON = re.compile(r"(?:[^\W\d_]+\s+){0,2}(?:rm|rp)?\s?\d")  # an amount within two words


class FieldSplitter:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.bare = lex.words("bare_labels")
        self.amount_labels = lex.words("amount_labels")
        self.after_amount = lex.words("after_amount_labels")
        # `send 1 hamper to my mother-in-law, Fatimah …`, `kirim 1 gamis ke ibu saya, Bu Sari, …`: a word that
        # sends, right before a word for family, labels the recipient though goods stand between it and the
        # verb (see _kin_recipients)
        self._kin = WordPhrases(lex.words("kin"), space="[ ]+")
        self._send_preps = lex.words("send_preps")
        self.prefixes = {p for p in lex.words("address_prefixes") if " " not in p}
        self.fuzzy_labels = sorted(p for p in lex.labels if len(p) >= 4)
        # fuzzy_labels within two letters of each length, in order: farther is more than two edits away
        self._near: dict[int, list[str]] = {}
        for p in self.fuzzy_labels:
            for n in range(len(p) - 2, len(p) + 3):
                self._near.setdefault(n, []).append(p)
        self.corrections_re = re.compile(r"(?<!\w)(?:" + alternation(lex.words("corrections")) + r")(?!\w)")
        # the longest word of each correction, less those that hold another: a value holding none of them
        # has no correction, which substring tests tell faster than a search (most values have none)
        longest = {max(p.split(), key=len) for p in lex.words("corrections") if p.split()}
        self.correction_words = sorted(w for w in longest if not any(o != w and o in w for o in longest))
        # the reading depends on whether the message was typed with diacritics (`lex.accept`): that flag
        # is part of the key, or an ASCII label would read as the first message that asked about it did
        self._label_kinds = lru_cache(maxsize=2048)(self._label_kind)
        self._marked_labels: dict[str, list[str]] = {}  # a label as folded -> as written, with its marks
        for written in lex.raw.get("labels", ()):
            self._marked_labels.setdefault(" ".join(fold(written).split()), []).append(written)
        # `Bà Rịa - Vũng Tàu`: place names written around a hyphen, which then separates nothing
        self.hyphen_places = [
            tuple(" ".join(side.split()) for side in p.split(" - ", 1))
            for p in lex.words("places")
            if " - " in p
        ]

    def _form_title(self, value: str, first: bool) -> bool:
        """`FORMAT ORDER AYU HIJAB`, `Đơn hàng`, `Order Form - Kopi Kita`: a form's title and perhaps the
        shop's name, as the message's first line or in capitals (`📝 Đơn hàng giao trước 5h` is a note)."""
        words = [w.strip(":*_.!") for w in fold(value).replace("-", " ").split()]
        if not (first or value.isupper()) or len(words) > 6:
            return False
        return any(" ".join(words[:n]) in self.lex.words("form_titles") for n in (3, 2))

    def label_kind(self, label: str, raw: str = "") -> str | None:
        """The field a label names (`Nama`, `Almat`, `No HP (WA aktif)`), or None."""
        return self._label_kinds(label, raw, STRICT.get())

    def _label_kind(self, label: str, raw: str, strict: bool) -> str | None:  # noqa: ARG002 (cache key)
        key = " ".join(label.split()).strip(" .*_-")
        raw = " ".join(raw.split()).strip(" .*_-")
        if not key:
            return None
        if key in self.lex.labels:
            if self.lex.accept("labels", raw or key) or self._marks_dropped(key, raw):
                return self.lex.labels[key]
            return None
        if 3 <= len(key) <= 24:
            # typos in form labels: a dropped letter (`Nma`, `Almat`) or two swapped (`Nmae`)
            best = self._nearest_label(key, 1 if len(key) < 7 else 2)
            if best and best[0][0] == key[0]:
                return self.lex.labels[best[0]]
        # `Alamat Lengkap + Kode Pos`, `No HP (WA aktif)`: a known label followed by a qualifier; not
        # `Khách Zalo` or `Order IG`, where the rest names a platform
        words = key.split()
        for n in range(min(len(words) - 1, 3), 0, -1):
            head, rest = " ".join(words[:n]), words[n:]
            kind = self.lex.labels.get(head)
            if kind and len(rest) <= 4 and all(self._qualifies(w, kind) for w in rest):
                return kind if self.lex.accept("labels", " ".join(raw.split()[:n])) else None
        if "/" in key and "/" in raw:
            # `Huyện/TP`, `Kelurahan/Desa`, `Quận/Huyện/TP`: labels of one field joined by slashes
            pieces, written = key.split("/"), raw.split("/")
            kinds = {self.lex.labels.get(" ".join(p.split())) for p in pieces}
            if len(kinds) == 1 and len(pieces) == len(written) \
                    and all(self.lex.accept("labels", w.strip()) for w in written):
                return kinds.pop()
        return None

    def _a_name_near(self, key: str, written: str, lines: list[str]) -> bool:
        """`10:02 Thu Trang: …` (a chat export's speaker, its time dropped): two or more words each written
        with a capital, read as a label only as a typo of one (`thị trấn`), heading another line as well,
        are a speaker's name: a form writes each label once, its typos too (`No Hpp`, `Kode Pso`)."""
        words = written.split()
        if len(words) < 2 or not all(w[:1].isupper() for w in words):
            return False  # the cheap test first: most labels are one word or not all capitalised
        if " ".join(key.split()).strip(" .*_-") in self.lex.labels:
            return False  # the label as the lexicon writes it
        heads = [line.lstrip() for line in lines]
        return sum(1 for h in heads if h.startswith(written) and h[len(written) :].lstrip()[:1] in ":：") > 1

    def _nearest_label(self, key: str, most: int) -> tuple[str, float, int] | None:
        """The label nearest to `key` within `most` edits (Damerau-Levenshtein), the first of equals in
        the order of `_near`, as extractOne finds it there. An edit is at most two insertions or deletions,
        so only labels within 2 * `most` of those can be that near: the cheap Indel distance leaves the
        others out first (most keys asked here are no label at all, and near none)."""
        near = self._near.get(len(key), [])
        within = process.extract(key, near, scorer=Indel.distance, score_cutoff=2 * most, limit=None)
        if not within:
            return None
        choices = [label for label, _, _ in sorted(within, key=lambda found: found[2])]
        return process.extractOne(key, choices, scorer=DamerauLevenshtein.distance, score_cutoff=most)

    def _label_with_hint(self, written: str, hint: str) -> str | None:
        """`Alamat Lengkap (Jalan, No Rumah, Kota)`, `Discount (RAYA10)`, `No HP (penerima)`: the label's
        field, whatever the hint lists, unless it says the field is the sender's (`Nama (pengirim)`)."""
        kind = self.label_kind(fold(written), written.lower())
        if kind is None:
            return None
        for w in fold(hint).strip("()").replace(",", " ").replace("/", " ").split():
            if self.lex.labels.get(w.strip(".:-")) == "sender":
                return None
        return kind

    def _marks_dropped(self, key: str, raw: str) -> bool:
        """`Đia chỉ :` for `Địa chỉ`: a form label typed with some of its diacritics left out (each letter
        as the lexicon writes it, or bare), where `accept` wants all of them or none."""
        typed = unicodedata.normalize("NFC", raw)
        return any(
            len(typed) == len(written)
            and all(t == w or fold(t) == t for t, w in zip(typed, written, strict=True))
            for written in self._marked_labels.get(key, ())
        )

    def _qualifies(self, word: str, kind: str) -> bool:
        """Words that may follow a label without changing it: `lengkap`, `penerima`, `(WA aktif)`."""
        w = word.strip("()+/&*-.")
        if not w or w in QUALIFIERS:
            return True
        other = self.lex.labels.get(w)
        return other == kind or (kind == "address" and other == "address_part")

    def split(self, text: str) -> list[Segment]:
        out: list[Segment] = []
        lines = text.split("\n")
        # `1) kaos polos hitam L` / `2) kaos putih M`: a numbered list, whose numbers are not quantities.
        # Lines are matched one by one (as _ENUMERATED_LINE counts them), and only those whose first
        # character after spaces is a digit: most have none, and a search of the text tries every place
        numbered = sum(1 for line in lines if line.lstrip()[:1].isdigit() and _ENUMERATOR.match(line)) >= 2
        for n, line in enumerate(lines):
            if numbered:
                line = _ENUMERATOR.sub("", line, count=1)
            if not line.strip():
                continue
            kind, label, value = None, "", line
            m = _LINE_LABEL.match(line) if _may_hold_label(line) else None
            if m:
                written = m.group("label")
                folded_label = fold(written)
                k = self.label_kind(folded_label, written.lower())
                if k and self._a_name_near(folded_label, written, lines):
                    k = None
                if k:
                    kind, label, value = k, folded_label, m.group("value")
            if kind is None and "(" in line:
                m = _HINTED_LABEL.match(line)
                k = self._label_with_hint(m.group("label"), m.group("hint")) if m else None
                if m and k:
                    kind, label, value = k, fold(m.group("label")), m.group("value")
            if kind is None:
                lead = _LEAD.match(line)
                lead_text = lead.group(0) if lead else ""
                for ch in lead_text:
                    if ch in self.lex.label_emoji:
                        kind, value = self.lex.label_emoji[ch], line[len(lead_text) :]
                        if kind == "note" and self._form_title(value, first=not any(
                                x.strip() for x in lines[:n])):
                            kind = None  # `📝 FORMAT ORDER AYU HIJAB`: the form's title, read as without it
                        break
                if kind is None and lead_text.strip(" *-•>"):
                    value = line[len(lead_text) :]
            value = value.strip().strip("*_").strip()
            segs = self._inline(value, n, kind, label, form=kind is not None)
            if (
                segs
                and not segs[0].text.strip(" ,.-:;")
                and segs[0].before_phone
                and segs[0].kind is None
                and out
                and out[-1].line == n - 1
            ):
                out[-1].before_phone = True  # a name on the line above a phone number
            for s in segs:
                if s.kind is not None or s.text.strip(" ,.-:;"):
                    out.append(s)
        return out

    def _inline(self, value: str, line: int, kind: str | None, label: str, form: bool) -> list[Segment]:
        """Cut running text at sentence ends, separators and labels written inside it."""
        if kind == "note":
            # `Note: deliver to reception before 5pm`: the packer's note, whatever words it holds
            return [Segment(kind, value, line, label, form)]
        folded = fold(value)
        cuts: list[tuple[int, int, str | None, str, bool]] = []  # start, end of separator, kind, label, form
        for m in _SENTENCE_END.finditer(value) if _may_end_sentence(value) else ():
            if m.group(1) == "." and self._no_sentence_end(value, m.start()):
                continue
            cuts.append((m.start(), m.end(), None, "", False))
        for m in _PLAIN_SEP.finditer(value) if _may_separate(value) else ():
            sep = m.group(0)
            heads = sep.lstrip().startswith(":")  # `Nama: …`, and `@handle : …` with a space before it
            if heads and _AMOUNT_AFTER.match(value, m.end()):
                continue  # `Son kem lì hồng đất x1: 159.000đ`: the line's price, not a header
            if form and kind in ("items", "courier", "shipping", "payment") and sep.strip() in _DASHES:
                tail = re.split(r"\s[-|]\s", value[m.end() :], maxsplit=1)[0]
                if len(tail.split()) <= 4 and "," not in tail and PHONE_MARK not in tail:
                    # `Produk: Kemeja Flanel - XL (1 barang)`, `Shipping: Grab - Rp35.000`: one value
                    continue
            if sep.strip() in _DASHES and self._inside_place(folded, m.start(), m.end()):
                continue
            cuts.append((m.start(), m.end(), "header" if heads else None, "", False))
        for m in () if value.isascii() else _EMOJI_OR_MARK.finditer(value):  # both are outside ASCII
            cuts.append((m.start(), m.end(), "phonecut" if m.group(0) == PHONE_MARK else None, "", False))
        fixes = []  # a loop, not a comprehension: most values have no correction, and the loop costs less
        for word in self.correction_words:
            if word in folded:
                for m in self.corrections_re.finditer(folded):
                    if self.lex.accept("corrections", value[m.start() : m.end()]):
                        fixes.append(m)
                break
        labels, accept, bare, amount_labels = self.lex.labels, self.lex.accept, self.bare, self.amount_labels
        for start, end in self.lex.labels_re.spans(folded):
            if fixes and any(c.start() <= start and end <= c.end() for c in fixes):
                continue  # `change to 2`: the `to` of a correction, not a recipient's label
            found = " ".join(folded[start:end].split())
            k = labels.get(found)
            if k is None:
                continue
            # the patterns after a label match at its end (none is anchored): no copy of the rest
            colon = _COLON.match(value, end) or (_CODE_COLON.match(value, end) if k == "discount" else None)
            if colon is None and value[end : end + 1] == " ":
                # `Alamat kos: Jl. …`, `Payment status: Paid`: a word qualifying the label before the colon
                q = _QUALIFIED_COLON.match(folded, end)
                if q and self._qualifies(q.group(1), k):
                    colon = q
            if (
                colon is None
                and k != "phone"
                and found not in bare
                and found not in amount_labels
                # `total bayar 250rb`, `tổng đơn 500k`: any total's label right before an amount in money
                and not (k == "total" and _MONEY_AFTER.match(folded, end))
                # `RM3 off`, `20k off`: a label that follows its amount (not `off white`, `day off`)
                and not (found in self.after_amount and _MONEY_BEFORE.search(folded, 0, start))
            ):
                continue  # without a colon only a phone's label, a bare label or an amount's counts
            if not accept("labels", value[start:end]):
                continue
            if k == "total" and value.rfind("(", 0, start) > value.rfind(")", 0, start):
                continue  # `rok plisket 2 (total 180rb)`: inside brackets, the line's own total
            if value.startswith(("'s", "’s"), end):
                continue  # `the recipient's name`: a possessive, not a label
            if colon is None:
                if k == "phone":
                    # `hp 0812…`, `her phone is 012…`, `nomornya: 0812…`
                    if not _PHONE_AFTER.match(value, end):
                        continue
                elif found in amount_labels and found not in bare:
                    # `potong 20rb`, `bớt 10k`, `minus RM3`: a discount verb before an amount; not a unit
                    # after a number (`2 potong 100rb`)
                    if k == "shipping" and not _MONEY_RIGHT_AFTER.match(folded, end):
                        continue
                    if not _MONEY_AFTER.match(folded, end) or (
                        self.lex.has("units", found) and _NUMBER_BEFORE.search(value, 0, start)
                    ):
                        continue
                if not self._bare_ok(found, k, value, start, value[end:]):
                    continue
                said = value[max(0, start - 12) : start].split()  # the word before, and a few more
                if said and self.lex.has("wrong_words", said[-1]):
                    continue  # `sorry wrong address, that's my old house`: what was wrong, not a field
            if colon and self._after_prefix(folded, start):
                continue  # `vì nhà ở xa:` (far away): a word after `ở`, `di`, `at` is not a label there
            cuts.append((start, colon.end() if colon else end, k, found, bool(colon)))
        for start, end, prep in self._kin_recipients(folded):
            cuts.append((start, end, "recipient", prep, False))
        for m in fixes:
            cuts.append((m.start(), m.start(), "correction", m.group(0), False))
        if len(cuts) > 1:
            cuts.sort(key=lambda c: (c[0], -(c[1] - c[0])))
            note = next((c[0] for c in cuts if c[2] == "note"), None)
            if note is not None:
                # `Note: deliver to reception before 5pm`: no field starts inside the packer's note
                cuts = [c for c in cuts if c[0] <= note or c[2] is None]
        segs: list[Segment] = []
        cur = Segment(kind, "", line, label, form)
        pos = 0
        for start, end, k, lab, is_form in cuts:
            if start < pos:
                continue
            cur.text = value[pos:start].strip()
            segs.append(cur)
            if k == "header":
                segs[-1].header = True
                cur = Segment(None, "", line)
            elif k == "phonecut":
                # `Dewi - 0812…`: the flag goes to the nearest segment with words, across a bare separator
                owner = segs[-1]
                if owner.kind is None and not _has_words(owner.text):
                    owner = next(
                        (sg for sg in reversed(segs) if _has_words(sg.text) or sg.kind is not None), owner
                    )
                owner.before_phone = True
                cur = Segment(None, "", line, after_phone=True)
            elif k == "correction":
                cur = Segment(None, "", line, correction=True)
            elif k is not None:
                cur = Segment(k, "", line, lab, is_form)
            else:
                cur = Segment(
                    None, "", line, after_phone=segs[-1].after_phone and not _has_words(segs[-1].text)
                )
            pos = end
        cur.text = value[pos:].strip()
        segs.append(cur)
        return segs

    def _kin_recipients(self, folded: str) -> list[tuple[int, int, str]]:
        """Where a word that sends stands before a word for family (`to my mother-in-law`, `ke ibu saya`):
        the start and end of that word and the spaces after it, and the word. The family's words are
        found first (few messages hold any), then the word before each."""
        out = []
        for start, _ in self._kin.spans(folded):
            lead = max(0, start - 16)
            words = folded[lead:start].split()
            if not words or not folded[start - 1].isspace() or words[-1] not in self._send_preps:
                continue
            at = lead + len(folded[lead:start].rstrip()) - len(words[-1])  # where the word that sends starts
            if at == 0 or folded[at - 1].isspace():
                out.append((at, start, words[-1]))
        return out

    def _no_sentence_end(self, value: str, dot: int) -> bool:
        """Is the full stop at `dot` one after an abbreviation or an initial (`Jl.`, `P.`, `a.n.`)?"""
        window = value[max(0, dot - 24) : dot].lower()
        # the last word before the stop: none when a space stands right before it (as `(\S+)$` finds)
        word = window.rsplit(None, 1)[-1].lstrip("(") if window and not window[-1].isspace() else ""
        return bool(
            word in ABBREVIATIONS
            or (
                len(word) == 1
                and word.isascii()
                and word.isalpha()
                # `giúp e.`: a lower-case pronoun (`e` for em) ends a sentence, `P.`/`Q.` do not
                and not (value[dot - 1].islower() and self.lex.has("fillers", word))
            )
            or (len(word) == 3 and _INITIALS.fullmatch(word))  # `a.n`: three characters
        )

    def _after_prefix(self, folded: str, start: int) -> bool:
        """Does a one-word address prefix (`ở`, `di`, `at`) stand right before `start`?"""
        before = folded[max(0, start - 12) : start].split()
        return bool(before) and before[-1] in self.prefixes

    def _inside_place(self, folded: str, start: int, end: int) -> bool:
        before, after = folded[:start].lower().rstrip(), folded[end:].lower().lstrip()
        return any(
            before.endswith(left)
            and (len(before) == len(left) or not before[-len(left) - 1].isalnum())
            and after.startswith(right)
            and (len(after) == len(right) or not after[len(right)].isalnum())
            for left, right in self.hyphen_places
        )

    @staticmethod
    def _bare_ok(found: str, kind: str, value: str, start: int, rest: str) -> bool:
        """A label word without a colon counts only where a value can follow it."""
        after = rest.lstrip()
        if not after:
            return kind in ("phone", "discount", "shipping")  # `RM2 discount`: the amount came first
        if found in _NAMED_AFTER or found.startswith("khach "):
            if found in _NAMED_AFTER[4:] or found.startswith("khach"):
                # `an Yusuf`, `Khách quen Hải Yến đặt thêm:`, `buyer Kumar 016…`, or typed in lower case
                # right before the phone: `an yusuf hidayat 0811…`; not `khách quen lấy lại …`, `khách sỉ
                # lấy 10 …` (a regular, a wholesale customer, with no name), `buyer paid on Lazada`
                return after[0].isupper() or bool(
                    re.match(r"[^\W\d_]+(?: [^\W\d_]+){0,3}\s*[,.]?\s*" + PHONE_MARK, after)
                )
            if found == "to":
                # `to Nur Aisyah, No 12…`, `to 12 Jalan…`, or in lower case `to priya devi, 9 jalan…`;
                # not the `To` of a street (`45 To Hien Thanh`)
                if re.search(r"(?:^|\s)\d+[a-zA-Z]?\s*$", value[max(0, start - 12) : start]):
                    return False
                return (
                    after[0].isupper()
                    or after[0].isdigit()
                    or bool(
                        re.match(
                            r"[^\W\d_]+(?: [^\W\d_]+){0,4},\s*(?:\d|no\b|lot\b|unit\b|jalan|jln|lorong)",
                            after,
                        )
                    )
                )
            if found in ("ship", "less", "total"):
                return bool(re.match(r"(?:rm|rp)?\s?\d", fold(after)))
            return True
        if kind == "name":
            return after[0] not in ",.;" and not re.match(r"(?:saya|aku)?\s*$", fold(after))
        if kind == "total":
            # `Tổng 3tr`, `Totalnya jadi 1.5 juta`, but not the street `36 Tran Nhan Tong, P. Quang Trung`
            return bool(_AMOUNT_SOON.match(fold(after)))
        return True
