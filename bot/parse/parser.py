"""The order parser: a seller's chat message in, an OrderDraft out (never an exception)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from bot.parse.catalog_index import CatalogIndex, tokens
from bot.parse.correction import Correction, read_correction
from bot.parse.fields import FieldSplitter, Segment
from bot.parse.freetext import ShapeReader
from bot.parse.items import ItemRead, ItemReader
from bot.parse.lexicon import STRICT, load_lexicon
from bot.parse.money import Amount, find_amounts, is_free
from bot.parse.phones import Phone, find_phones, region_for
from bot.parse.text import PHONE_MARK, clean, fold, strip_emoji
from core.catalog import CatalogRow
from core.draft import DraftItem, OrderDraft

log = logging.getLogger(__name__)

_PART_SPLIT = re.compile(r",(?!\d{3}(?!\d))(?![^()]*\))")
_CLAUSE_SPLIT = re.compile(
    r"\s+(?:sama|sm|dan|and|n|&|\+|với|voi|vs|và|va|plus|serta|with|also|juga)\s+|\s*\+\s*|\s&\s", re.I
)
_LEADING_SPLIT = re.compile(r"(?<=\S)\s+(?=\d{1,3}\s+[^\W\d])")
_TRAILING_SPLIT = re.compile(r"(?<=\s\d)\s+(?=[^\W\d])|(?<=\s\d\d)\s+(?=[^\W\d])")
_PHONE_LABEL_NEAR = re.compile(
    r"(?:hp|wa|sdt|dt|phone|tel|telp|no|nomor|nomer|contact|mobile|hp/wa|zalo)\W{0,4}$"
)
_BANK_NEAR = re.compile(
    r"\b(?:rek|rekening|norek|no rek|acc|account|bca|bri|bni|mandiri|bsi|btn|cimb|maybank|"
    r"tf|trf|transfer|bank)\b"
)
_ORDER_REF = re.compile(
    r"(?i)(?:no\.?\s*pesanan|nomor pesanan|no\.?\s*order|order\s*(?:id|no\.?|number)|invoice|inv|"
    r"mã đơn(?: hàng)?|ma don|đơn hàng|order)\s*[:#/]?\s*#?\s*([A-Z0-9][A-Z0-9/\-]{4,})"
    r"|#([A-Z0-9][A-Z0-9\-]{2,})"
)
_WORDS = re.compile(r"\S+")
_TO_NAME = re.compile(
    r"(?:^|\s)(?:ke|kepada|kpd|to|for|untuk|utk|cho|gửi cho|gui cho)\s+((?:\S+\s*){1,6})$", re.I
)
_EACH = re.compile(
    r"(?<!\w)(?:masing[- ]?masing|masing2|msg2|tiap|setiap|each|moi loai|moi mau|moi cai|moi thu)"
    r"\s*(?:nya\s*)?(\d{1,3})(?!\d)"
)
_BREAKDOWN = re.compile(r"^(.*?)\s*\(([^()]*\d[^()]*\d[^()]*)\)\s*$")
_LEADS_WITH_NUMBER = re.compile(r"^\W*\d")


# Vietnamese letters with tone or vowel marks: a message that has them was typed with diacritics
_DIACRITIC = re.compile("[àáâãèéêìíòóôõùúýăđĩũơưạ-ỹÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-Ỹ]")


def _typed_with_diacritics(text: str) -> bool:
    """Was the message typed with Vietnamese diacritics? Then a bare `Gia` or `Minh` is that word, not
    `giá` or `mình` without marks. A pasted name with marks in an unmarked message does not count."""
    words = re.findall(r"[^\W\d_]+", text[:4000])
    if not words:
        return False
    marked = sum(1 for w in words if _DIACRITIC.search(w))
    return marked >= 3 and marked / len(words) >= 0.25


# street words that only start an address when a number follows them (`No 5`, `Lot 7`, `Tổ 3`)
_NUMBERED_STREET_WORDS = {"no", "so", "lot", "unit", "blok", "block", "to", "kdc"}


@dataclass
class _Item:
    read: ItemRead
    qty_explicit: bool
    field: bool = False  # from an items field of a form
    seg: int = -1  # the segment it was read from


@dataclass
class _State:
    names: list[tuple[int, int, str]] = field(default_factory=list)  # (priority, order, name)
    address: list[str] | None = None
    address_prio: int = 99
    address_parts: list[str] = field(default_factory=list)  # Kota:, Kode pos: form lines
    items: list[_Item] = field(default_factory=list)
    labelled: dict[str, str] = field(default_factory=dict)
    shipping: Decimal | None = None
    shipping_prio: int = 99
    discount: Decimal | None = None
    discount_pct: Decimal | None = None  # `disc 10%`: worked out from the item prices at the end
    note: str | None = None
    items_block: bool = False
    header: bool = False  # reading a `…:` header, which introduces items but is not one
    seg_index: int = 0
    correcting: bool = False  # reading what follows `eh`, `à nhầm`, `oops, make it`
    addr_seg: int = -9  # the segment that last added to the address, to join the lines under it
    addr_waiting: bool = False  # an `Alamat:` form line with its value on the lines below
    order: int = 0

    def name(self, prio: int, name: str | None) -> None:
        if name:
            self.order += 1
            self.names.append((prio, self.order, name))


class Parser:
    """Reads order messages for one shop: its catalog, locale and currency."""

    def __init__(self, rows: list[CatalogRow], *, locale: str = "id", currency: str = "IDR"):
        self.rows = list(rows)
        self.locale = (locale or "id").lower()[:2]
        self.currency = (currency or "IDR").upper()
        self.lex = load_lexicon(self.locale)
        self.index = CatalogIndex(self.rows, self.lex)
        self.reader = ItemReader(self.index, self.currency)
        self._name_rows: dict[str, list[int]] | None = {}
        for n, row in enumerate(self.rows):
            self._name_rows.setdefault(row.name, []).append(n)
        self.splitter = FieldSplitter(self.lex)
        self.shape = ShapeReader(self.lex)
        self.region = region_for(self.locale, self.currency)
        self._free_ship = re.compile(
            r"(?<!\w)(?:"
            + "|".join(re.escape(p) for p in sorted(self.lex.words("free_shipping"), key=len, reverse=True))
            + r")(?!\w)"
        )
        verbs = "|".join(re.escape(v) for v in sorted(self.lex.words("mp_verbs"), key=len, reverse=True))
        links = "|".join(re.escape(v) for v in sorted(self.lex.words("mp_links"), key=len, reverse=True))
        markets = (
            "shopee|tokopedia|tokped|lazada|tiktok|tiktok shop|bukalapak|blibli|marketplace|app|aplikasi"
        )
        self._intro_res = []
        for prio, words in ((6, self.lex.words("name_intro")), (7, self.lex.words("honorifics"))):
            alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if len(w) > 1)
            self._intro_res.append((prio, re.compile(rf"(?:^|(?<=[\s,:(]))(?:{alts})\s+(?=\S)")))
        self._mp_pay = re.compile(
            rf"(?<!\w)(?:{verbs})\s+(?:\w+\s+){{0,2}}?(?:{links})\s+(?:{markets})(?!\w)"
        )

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
        """Catalog rows that a search text names, best first, with a 0–100 score (for /stock and buttons)."""
        from rapidfuzz import fuzz, process

        query = " ".join(tokens(fold(text or "")))[:200]
        if not query:
            return []
        read = self.reader.read(text[:200])
        if read.rows:
            return [(self.rows[i], 100.0) for i in read.rows][:limit]
        choices = {
            i: " ".join(tokens(fold(r.title + " " + " ".join(r.aliases)))) for i, r in enumerate(self.rows)
        }
        found = process.extract(query, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
        return [(self.rows[key], float(score)) for _, score, key in found]

    # -- the steps --------------------------------------------------------------------------------
    def _parse(self, raw: str) -> OrderDraft:
        speakers: list[str] = []
        text = clean(raw, speakers)
        draft = OrderDraft(currency=self.currency)
        if not text:
            return draft
        phones = find_phones(text, self.region)
        draft.customer.phone = self._pick_phone(text, [p for p in phones if not self._senders_phone(text, p)])
        for p in sorted(phones, key=lambda p: p.start, reverse=True):
            text = text[: p.start] + PHONE_MARK + text[p.end :]
        st = _State()
        segments = self.splitter.split(text)
        self._bank_holder(segments)
        self._amounts_before_labels(segments)
        for i, seg in enumerate(segments):
            st.seg_index = i
            before = len(st.items)
            st.correcting = seg.correction
            if not self._address_line(seg, segments, i, st):
                self._segment(seg, segments, i, st)
            for it in st.items[before:]:
                it.seg = i
            if seg.correction and len(st.items) > before and before > 0:
                self._replace_corrected(st, before, i)
        self._terms(text, st, draft)
        self._finish(st, draft, text)
        return draft

    def _pick_phone(self, text: str, phones: list[Phone]) -> str | None:
        valid = [p for p in phones if p.e164]
        labelled = [p for p in phones if _PHONE_LABEL_NEAR.search(fold(text[max(0, p.start - 14) : p.start]))]
        for p in labelled:
            if p.e164:
                return p.e164
        if labelled and not valid:
            return None
        return valid[0].e164 if valid else None

    def _senders_phone(self, text: str, phone: Phone) -> bool:
        """A number on a `Pengirim:` / `Sender:` line (a dropshipper's own) is not the customer's."""
        start = text.rfind("\n", 0, phone.start) + 1
        m = re.match(r"^[^\w\n]*([^\W\d_][^:：=\n]{0,32}?)\s*[:：=]", text[start : phone.start])
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
            if [w for w in fold(seg.text).split() if not self.lex.has("fillers", w)]:
                continue  # only a bare label at the end (`RM2 discount`), not `postage free`
            prev = segments[i - 1]
            if prev.line != seg.line:
                continue
            f = fold(prev.text)
            found = [a for a in find_amounts(f, self.currency) if a.strong and len(f.rstrip()) - a.end <= 1]
            if found:
                seg.text = prev.text[found[-1].start : found[-1].end] + " " + seg.text
                prev.text = prev.text[: found[-1].start]

    # -- one segment ------------------------------------------------------------------------------
    def _segment(self, seg: Segment, segs: list[Segment], i: int, st: _State) -> None:
        kind, value = seg.kind, seg.text.strip(" ,.;:-")
        if seg.form and kind not in ("items", "qty", "variant"):
            st.items_block = False
        if kind == "name":
            parts = _PART_SPLIT.split(value)
            name = self.shape.clean_name(parts[0], labelled=True) if parts[0].strip() else None
            if name:
                recipient = seg.label in self.lex.words("recipient_name_labels")
                st.name(0 if recipient else (1 if seg.form else 2), name)
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
            self._address_value(seg, value, st, prio=1 if seg.form else 2)
        elif kind == "recipient":
            parts = _PART_SPLIT.split(value)
            first = parts[0].strip() if parts else ""
            if (
                len(parts) == 1
                and seg.form
                and first
                and not self.shape.starts_address(first)
                and self._strong_name(first)
            ):
                # `Ship to: Mr. Tan Ah Kow` with the address on the lines below
                st.name(2, self._strong_name(first))
                st.addr_waiting, st.addr_seg = True, i
                return
            if (
                len(parts) > 1
                and not self.shape.starts_address(first, next_part=parts[1])
                and self._strong_name(first)
            ):
                st.name(2, self._strong_name(first))
                self._address_value(seg, ", ".join(parts[1:]), st, prio=2)
            else:
                at = self._address_inside(first, parts[1] if len(parts) > 1 else None) if first else None
                if at:
                    head = (
                        re.sub(r"\s+\S+$", "", first[:at].rstrip())
                        if fold(first[:at]).split()[-1:]
                        and fold(first[:at]).split()[-1] in self.lex.words("address_prefixes")
                        else first[:at]
                    )
                    st.name(2, self._strong_name(head))
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
        elif kind == "variant":
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

    def _address_line(self, seg: Segment, segs: list[Segment], i: int, st: _State) -> bool:
        """An address written over several lines: a line right under the address that reads as its
        continuation (`Kel. Sukajadi, Kec. Sukarame`, `Palembang 30151`) joins it."""
        if seg.kind is not None or seg.before_phone or i == 0 or st.addr_seg != i - 1:
            return False
        prev = segs[i - 1]
        if prev.line != seg.line - 1 or (
            i + 1 < len(segs)
            and segs[i + 1].line == seg.line
            and segs[i + 1].kind is None
            and not segs[i + 1].before_phone
        ):
            return False
        text = self.shape.trim_tail(seg.text.strip(" ,.;-"))
        if not text:
            return False
        if st.addr_waiting:
            ok = not self._reads_as_item(text) and not self.lex.terms_re.search(fold(text))
        else:
            ok = self._continues_address(text)
        if not ok:
            return False
        parts = [p.strip() for p in _PART_SPLIT.split(text) if p.strip()]
        if st.addr_waiting or st.address is None:
            st.address, st.address_prio = parts, 1
            st.addr_waiting = False
        else:
            st.address.extend(parts)
        st.addr_seg = i
        return True

    def _continues_address(self, text: str) -> bool:
        f = fold(text)
        words = text.split()
        if (
            len(words) > 8
            or self.lex.terms_re.search(f)
            or self._free_ship.search(f)
            or self._reads_as_item(text)
        ):
            return False
        if any(self.lex.has("order_verbs", w) or self.lex.has("fillers", w) for w in words[:1]):
            return False
        if (
            re.search(r"\d", f)
            or "," in text
            or any(self.lex.has("address_words", w.strip(".,")) for w in words)
        ):
            return True
        if f.strip(" .") in self.lex.words("places"):
            return True
        return len(words) == 1 and words[0][:1].isupper() and not self.shape.is_stop(words[0])

    def _money_or_term(self, seg: Segment, segs: list[Segment], i: int, value: str, st: _State) -> None:
        kind = seg.kind
        if not seg.form and kind != "payment":
            # `disc 10%, pashmina cream 2`: a label in running text owns only its own comma part
            parts = _PART_SPLIT.split(value)
            value = parts[0]
            if len(parts) > 1:
                self._running(seg, ", ".join(parts[1:]), st)
        f = fold(value)
        amounts = find_amounts(f, self.currency)
        strong = [a for a in amounts if a.strong] or (
            amounts if seg.form or kind in ("shipping", "discount") else []
        )
        if kind in ("courier", "shipping", "payment", "channel") and kind != "payment":
            if kind in ("shipping", "courier") and (
                strong or self._free_ship.search(f) or (seg.form and kind == "shipping" and is_free(f))
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
            if seg.form or seg.label:
                st.labelled.setdefault("payment", value)
            return
        if kind == "discount":
            pct = re.search(r"(\d{1,2}(?:[.,]\d+)?)\s?%", f)
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

    def _ask_or_later(self, f: str) -> bool:
        return bool(re.search(r"\b(?:brp|berapa|nanti|bao nhieu|how much|later|tbc|blm|belum)\b|\?", f))

    def _amount_before(self, segs: list[Segment], i: int) -> Amount | None:
        """`RM2 discount`: the amount written just before the label."""
        if i == 0:
            return None
        prev = segs[i - 1]
        f = fold(prev.text)
        found = [a for a in find_amounts(f, self.currency) if a.strong and len(f.rstrip()) - a.end <= 1]
        if found:
            prev.text = prev.text[: found[-1].start]
            return found[-1]
        return None

    def _address_value(self, seg: Segment, value: str, st: _State, prio: int) -> None:
        parts = [p for p in _PART_SPLIT.split(value)]
        keep: list[str] = []
        rest: list[str] = []
        for j, part in enumerate(parts):
            if keep and j == len(parts) - 1 and seg.before_phone and self._name_before_phone(part):
                rest = [part]  # `…, HN, Nguyễn Văn Bình 0988…`: the name, not the address
                break
            if keep and self._stops_address(part):
                head_part, tail = self._split_tail(part)
                if tail and not self._stops_address(head_part):
                    keep.append(head_part)
                    rest = [tail] + parts[j + 1 :]
                else:
                    rest = parts[j:]
                break
            keep.append(part)
        self._set_address(keep, st, prio, seg.correction)
        if rest:
            self._running(seg, ", ".join(rest), st)

    def _set_address(self, parts: list[str], st: _State, prio: int, correction: bool) -> None:
        cleaned = [self.shape.trim_tail(p).strip() for p in parts]
        cleaned = [c for c in cleaned if c]
        if not cleaned or not self.shape.looks_like_address(", ".join(cleaned)):
            return
        if correction or prio < st.address_prio or st.address is None:
            st.address, st.address_prio = cleaned, prio
            st.addr_seg = st.seg_index

    def _split_tail(self, part: str) -> tuple[str, str]:
        """`TP. Thủ Đức giúp em 1 kcn`: the address words end where the chat words begin."""
        words = part.split()
        for k in range(1, len(words)):
            w = words[k]
            if (
                w[:1].islower()
                and (self.lex.has("fillers", w) or self.lex.has("order_verbs", w))
                and (
                    any(x[:1].isupper() for x in words[:k])
                    or any(self.lex.has("address_words", x.strip(".,")) for x in words[:k])
                )
                and not self._reads_as_item(" ".join(words[:k]))
            ):
                return " ".join(words[:k]), " ".join(words[k:])
        return part, ""

    def _stops_address(self, part: str) -> bool:
        f = fold(part)
        if self.lex.terms_re.search(f) or self._free_ship.search(f):
            return True
        words = part.split()
        if len(words) > 8:
            return True
        read = self.reader.read(part)
        if read.rows and (read.qty is not None or len(read.free) == 0):
            return True
        if fold(part).strip(" .") in self.lex.words("places"):
            return False  # `cần thơ` is a city, not `cần` (need)
        if any(w[:1].islower() and self.lex.has("order_verbs", w) for w in words[:2]):
            return True
        return False

    # -- running text -----------------------------------------------------------------------------
    def _running(
        self,
        seg: Segment,
        value: str,
        st: _State,
        items_ctx: bool = False,
        terms_only: bool = False,
        form_items: bool = False,
    ) -> None:
        value = value.strip(" ,.;:-")
        if not value:
            return
        before = len(st.items)
        self._running_parts(seg, value, st, items_ctx, terms_only, form_items)
        each = _EACH.search(fold(value))
        if each and len(st.items) > before + 1:
            # `pashmina hitam, cream, dusty masing-masing 2`: the quantity is for every line
            for it in st.items[before:]:
                it.read.qty, it.qty_explicit = int(each.group(1)), True

    def _running_parts(
        self, seg: Segment, value: str, st: _State, items_ctx: bool, terms_only: bool, form_items: bool
    ) -> None:
        self._intro_names(value, st)
        st.header = seg.header
        parts = [p.strip() for p in _PART_SPLIT.split(value)]
        j = 0
        while j < len(parts):
            part = parts[j]
            nxt = parts[j + 1] if j + 1 < len(parts) else None
            if not part.strip(" .-"):
                j += 1
                continue
            stripped = self.shape.strip_prefix(part)
            addr_at = self._address_inside(stripped, nxt)
            if addr_at is not None and not terms_only:
                head, start = stripped[:addr_at], stripped[addr_at:]
                if head.strip():
                    self._items_or_name(seg, head, st, items_ctx, j == 0, nxt=start, form_items=form_items)
                addr = [start]
                k = j + 1
                while k < len(parts):
                    if k == len(parts) - 1 and seg.before_phone and self._name_before_phone(parts[k]):
                        break  # `…, Hoàn Kiếm, HN, Nguyễn Văn Bình 0988…`: the name, not the address
                    if self._stops_address(parts[k]):
                        head_part, tail = self._split_tail(parts[k])
                        if tail and not self._stops_address(head_part):
                            addr.append(head_part)
                            parts[k] = tail  # read next, as running text
                        break
                    addr.append(parts[k])
                    k += 1
                prev = parts[j - 1] if j > 0 and not head.strip() else None
                if prev is not None:
                    # `Hendra Gunawan, Jl. …`, or `tolong hantar Poslaju ke Mariam Abdullah, 33 Jalan …`
                    to = _TO_NAME.search(prev)
                    st.name(5, self._strong_name(prev) or (self._strong_name(to.group(1)) if to else None))
                self._set_address(addr, st, 3, seg.correction)
                j = k
                continue
            if terms_only and not self.reader.read(part).rows:
                j += 1
                continue
            self._items_or_name(
                seg, part, st, items_ctx, j == 0, last=j == len(parts) - 1, nxt=nxt, form_items=form_items
            )
            j += 1

    def _name_before_phone(self, part: str) -> bool:
        f = fold(part).strip(" .")
        if f in self.lex.words("places") or re.search(r"\d", part):
            return False
        name = self.shape.clean_name(part, labelled=False)
        if not name:
            return False
        words = name.split()
        return len(words) >= 2 and not any(self.lex.has("address_words", w) for w in words)

    def _address_inside(self, part: str, nxt: str | None) -> int | None:
        """Where an address starts in this part: at its start, after a recipient word (`giao về 8 …`,
        `ke Ibu Yati di Jl. …`), or at a street word after a name (`bu endang jl kenanga 15`)."""
        if self.shape.starts_address(part, next_part=nxt) and not self._reads_as_item(part):
            return 0
        words = list(_WORDS.finditer(part))
        prefixes = self.lex.words("address_prefixes") | {"ke", "ve", "den", "toi", "to"}
        whole_item: bool | None = None
        for w in words[1:]:
            rest = part[w.start() :]
            prev = fold(part[: w.start()]).split()
            after_prefix = bool(prev) and prev[-1] in prefixes
            word = w.group(0).rstrip(".,")
            street = self.lex.has("street_words", word) and fold(word) not in _NUMBERED_STREET_WORDS
            if street:
                if whole_item is None:
                    whole_item = self._reads_as_item(part)
                street = not whole_item
            if (
                (after_prefix or street)
                and self.shape.starts_address(rest, strict=False, next_part=nxt)
                and not self._reads_as_item(rest)
            ):
                return w.start()
        return None

    def _reads_as_item(self, part: str) -> bool:
        r = self.reader.read(part)
        return bool(r.rows) and not re.search(r"\d{5}", part)

    def _intro_names(self, value: str, st: _State) -> None:
        """`aku Maya`, `mình là Việt`, `chị Mai lấy …`: a name introduced by a word before it."""
        folded = fold(value)
        for prio, rx in self._intro_res:
            for m in rx.finditer(folded):
                intro = value[m.start() : m.end()].strip()
                if not (self.lex.has("name_intro", intro) or self.lex.has("honorifics", intro)):
                    continue
                before = value[: m.start()].split()
                if (
                    intro[:1].isupper()
                    and before
                    and before[-1][:1].isupper()
                    and before[-1][-1:] not in ".,:!?"
                ):
                    continue  # `Nguyen Chi Thanh`: a word inside a name, not `chị` before one
                name = self._introduced(value[m.end() :], prio)
                if name:
                    st.name(prio, name)

    def _introduced(self, rest: str, prio: int) -> str | None:
        """The name after `aku`, `mình là`, `chị`: capitalised words, or lower-case ones when they end
        at punctuation (`aku maya, …`) or, after an honorific, at an order verb (`chị mai lấy …`)."""
        words = re.split(r"\s+", rest)[:6]
        keep: list[str] = []
        lower = bool(words) and words[0][:1].islower()
        ended = False
        for w in words:
            core = w.strip(",.:;!?)")
            if not core:
                break
            if lower:
                if (
                    core[:1].isupper()
                    or self.shape._not_a_name_word(core, inside=bool(keep))
                    or len(keep) >= 3
                ):
                    ended = self.lex.has("order_verbs", core) and bool(keep)
                    break
            elif not core[0].isupper() or self.shape.is_stop(core):
                break
            keep.append(core)
            if core != w:
                ended = True
                break
        else:
            ended = True
        if not keep or (lower and not ended):
            return None
        name = self.shape.clean_name(" ".join(keep), labelled=False, strong=lower)
        if name and lower and self._reads_as_item(name):
            return None
        return name

    def _items_or_name(
        self,
        seg: Segment,
        part: str,
        st: _State,
        items_ctx: bool,
        first: bool,
        last: bool = False,
        nxt: str | None = None,
        form_items: bool = False,
    ) -> None:
        if self._items(part, st, items_ctx, form_items):
            return
        strong = (
            (seg.before_phone and last)
            or (seg.after_phone and first)
            or (nxt is not None and self.shape.starts_address(self.shape.strip_prefix(nxt)))
        )
        name = self._strong_name(part) if strong else self.shape.clean_name(part, labelled=False)
        if not name:
            return
        if seg.before_phone and last:
            st.name(3, name)
        elif seg.after_phone and first:
            st.name(4, name)
        elif nxt is not None and self.shape.starts_address(self.shape.strip_prefix(nxt)):
            st.name(5, name)
        else:
            st.name(8, name)

    def _strong_name(self, part: str) -> str | None:
        """A name in a strong place may be typed in lower case, if it is not a product."""
        name = self.shape.clean_name(part, labelled=False, strong=True)
        if name and name.islower() and self._reads_as_item(name):
            return None
        return name

    def _clauses(self, part: str, head: str | None = None) -> list[str]:
        out: list[str] = []
        # `3 kerepek pisang (2 pedas 1 manis)`: the brackets break the line down into variants
        m = _BREAKDOWN.match(part) if "(" in part else None
        if (
            m
            and not any(a.strong for a in find_amounts(fold(m.group(2)), self.currency))
            and len(re.findall(r"(?<![\w.])\d{1,3}(?![\w.])", m.group(2))) >= 2
        ):
            inner = [c for c in re.split(r",|/|\s+(?=\d{1,3}\s+[^\W\d])", m.group(2)) if c.strip()]
            return self._clauses(m.group(1), head) + [c.strip() for c in inner]
        for clause in _CLAUSE_SPLIT.split(part):
            if not clause or not clause.strip():
                continue
            out.extend(self._split_two(clause.strip(), head))
        return out

    def _split_two(self, clause: str, head: str | None = None) -> list[str]:
        """`1 son đỏ 1 son cam đất`, `pashmina hitam tiga pashmina cream dua`, `kaos hitam L 2 XL 1`:
        several lines in one clause. It is cut next to a quantity when both sides read as an item, or
        as a variant of the product named before (`head`)."""
        words = list(_WORDS.finditer(clause))
        numbers = [k for k, w in enumerate(words) if self._is_number(w.group(0))]
        if len(words) < 3 or len(numbers) < 2:
            return [clause]
        leading = bool(_LEADS_WITH_NUMBER.match(clause))
        cuts = sorted(
            {k for k in numbers if k > 0} if leading else {k + 1 for k in numbers if k + 1 < len(words)}
        )
        for k in cuts:
            rest_words = [w.group(0) for w in words[k:]]
            if (leading and len(rest_words) < 2) or all(w.strip(",.;()").isdigit() for w in rest_words):
                continue  # `2 cushion 21`: a lone number after the product is its size, not a new line
            if (
                leading
                and self.index.canonical(fold(rest_words[1]).strip(",.;()"), rest_words[1].lower()) is None
            ):
                continue  # `4 cushion 21 giá 1tr2`: `21 giá` is a shade and a price, not a new line
            a, b = clause[: words[k].start()].strip(), clause[words[k].start() :].strip()
            ra = self.reader.read(a)
            h = ra.head or head
            if not (ra.rows or (h and self._is_variant_of(a, h))):
                continue
            rb = self.reader.read(b)
            if rb.rows or self._is_variant_of(b, ra.head or h, self._family(ra.rows)):
                return [a] + self._split_two(b, ra.head or h)
        return [clause]

    def _family(self, rows: list[int]) -> list[int] | None:
        """The rows of the same product as a resolved row (`Kaos Polos Hitam` M/L/XL), if one is."""
        if len(rows) != 1:
            return None
        name = self.rows[rows[0]].name
        return (
            [i for i, r in enumerate(self.rows) if r.name == name]
            if self._name_rows is None
            else self._name_rows.get(name)
        )

    def _is_number(self, word: str) -> bool:
        w = word.strip(",.;()")
        if w.isdigit() or bool(re.fullmatch(r"[a-zA-Z]{1,3}\d{1,3}", w)):
            return True
        # a number word that is also a catalog word (`segi empat`) names the product
        return self.lex.number(w) is not None and fold(w) not in self.index.vocab

    def _is_variant_of(self, text: str, head: str | None, family: list[int] | None = None) -> bool:
        if not head:
            return False
        if family:
            cont = self.reader.read(text, head=head, within=family)
            if cont.rows and cont.variant_hits and not cont.content and not cont.free:
                return True
        cont = self.reader.read(text, head=head)
        return bool(cont.rows) and bool(cont.variant_hits) and not cont.content

    def _items(self, part: str, st: _State, items_ctx: bool, form_items: bool = False) -> bool:
        took = False
        clauses = self._clauses(part, st.items[-1].read.head if st.items else None)
        if len(clauses) > 1 and "=" in clauses[-1]:
            # `kopi o 3 pack + teh tarik 2 pack = RM51.50`: the sum of the list, not the last line's price
            clauses[-1] = clauses[-1].split("=", 1)[0]
        for clause in clauses:
            took = self._clause(clause, st, items_ctx, form_items) or took
        return took

    def _clause(self, clause: str, st: _State, items_ctx: bool, form_items: bool) -> bool:
        r = self.reader.read(clause)
        last = st.items[-1] if st.items else None
        if r.rows:
            st.items.append(_Item(r, r.qty is not None, form_items))
            return True
        f = fold(clause)
        if r.price is not None and r.qty is None:
            # `giá live 159k/cây`, `promo 75 ribu`: a price for the items already named
            if r.per_unit or any(w in f.split() for w in self.lex.words("price_words")):
                for a in find_amounts(f, self.currency)[:1]:
                    self._apply_price(st, a, per_unit=r.per_unit)
                return True
        if last is not None and last.read.head:
            open_rows = last.read.rows if len(last.read.rows) > 1 else None
            cont = self.reader.read(
                clause, head=last.read.head, within=open_rows or self._family(last.read.rows)
            )
            if open_rows is None and not (
                cont.rows and cont.variant_hits and not cont.content and not cont.free
            ):
                # `… hitam L 2, sama yg putih M 1`: a word of another product leaves the family
                cont = self.reader.read(clause, head=last.read.head)
            if cont.rows and cont.variant_hits and not cont.content:
                self._continuation(st, cont)
                return True
        describes_last = (
            last is not None
            and bool(r.free)
            and all(any(w in self.index.alias_toks[row] for row in last.read.rows) for w in r.free)
        )
        if r.qty is not None and not r.content and (not r.free or describes_last) and r.price is None:
            # `mau ambil 3 ya` after `pashmina hitam masih ready?`: the quantity of the item before
            if last is not None and (not last.qty_explicit or st.correcting):  # `2 pasang.. eh 3 deh`
                last.read.qty = r.qty
                last.qty_explicit = True
                return True
            return False
        named = r.free or [
            w for w in r.content if w not in self.lex.labels and not self.lex.has("stop_names", w)
        ]
        unknown = bool(named) and r.qty is not None and (items_ctx or not r.qty_word) and not st.header
        words = clause.split()
        if unknown and r.qty_word:
            # `em hỏi thêm rồi báo shop sau`: a number word counts only near the start (`hai hộp …`)
            unknown = any(self.lex.number(w) is not None for w in words[:3])
        addressy = self.shape.starts_address(clause) or any(
            self.lex.has("address_words", w.strip(".,"))
            and (w[:1].isupper() or fold(w).strip(".,") not in _NUMBERED_STREET_WORDS | {"p", "q", "raya"})
            for w in words
        )
        # `pesan 2 minggu lalu`, `kirim jam 3`: a time, not a quantity of something
        timely = any(self.lex.has("time_words", w.strip(".,!?")) for w in words)
        if (
            unknown
            and not addressy
            and not timely
            and not self.shape.clean_name(clause, labelled=False)
            and not self.lex.terms_re.search(f)
        ):
            r.rows = []
            st.items.append(_Item(r, True, form_items))
            return True
        return False

    def _replace_corrected(self, st: _State, before: int, i: int) -> None:
        """`2 white coffee and 1 teh tarik. Oops, make it 3 white coffee`: a corrected line replaces the
        line of the same product; failing that, the line just before (`pashmina milo? eh, segiempat milo`)."""
        for new in st.items[before:]:
            same = [k for k in range(before) if st.items[k].read.head == new.read.head and new.read.head]
            if same:
                old = st.items[same[-1]]
                if new.read.qty is None:
                    new.read.qty, new.qty_explicit = old.read.qty, old.qty_explicit
                del st.items[same[-1]]
                before -= 1
            elif before > 0 and st.items[before - 1].seg >= i - 2:
                del st.items[before - 1]
                before -= 1

    def _continuation(self, st: _State, cont: ItemRead) -> None:
        last = st.items[-1]
        if len(last.read.rows) > 1:
            # `sneakers putih 2 pasang, ukuran 39 dan 41`: the sizes replace the open item
            siblings = [it for it in st.items if it.read.head == last.read.head and len(it.read.rows) > 1]
            if last.qty_explicit and last.read.qty and cont.qty is None:
                last.read.qty = max(1, last.read.qty // 2)
            st.items.remove(last)
            if cont.qty is None:
                cont.qty = None
            st.items.append(_Item(cont, cont.qty is not None))
            del siblings
            return
        st.items.append(_Item(cont, cont.qty is not None))

    def _apply_price(self, st: _State, amount: Amount, per_unit: bool) -> None:
        for it in st.items:
            if it.read.price is None:
                it.read.price = amount.value
                it.read.per_unit = per_unit or it.read.per_unit

    # -- whole message ----------------------------------------------------------------------------
    def _terms(self, text: str, st: _State, draft: OrderDraft) -> None:
        f = fold(text)
        found: dict[str, str] = {}
        for kind, value in (
            ("payment", st.labelled.get("payment")),
            ("courier", st.labelled.get("courier")),
            ("channel", st.labelled.get("channel")),
        ):
            if value:
                fv = fold(value)
                for m in self.lex.terms_re.finditer(fv):
                    term = self.lex.term(m.group(0))
                    if term and term[0] == kind:
                        found.setdefault(kind, term[1])
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
        if "payment" not in found and self._mp_pay.search(f):
            found["payment"] = "marketplace"
        for m in self.lex.terms_re.finditer(f):
            term = self.lex.term(m.group(0))
            if term and self.lex.accept("terms", text[m.start() : m.end()]):
                found.setdefault(term[0], term[1])
        draft.channel = found.get("channel")
        draft.payment = found.get("payment")
        courier = found.get("courier")
        draft.courier = None if courier == "none" else courier
        if st.shipping is None:
            for m in self._free_ship.finditer(f):
                # `ongkir free kan?` asks; `free ongkir ya` says
                tail = re.split(r"[.!\n]|\s-\s", f[m.end() :], maxsplit=1)[0]
                if "?" not in tail[:25]:
                    st.shipping = Decimal(0)
                    break

    def _finish(self, st: _State, draft: OrderDraft, text: str) -> None:
        for ref in _ORDER_REF.finditer(text):
            value = ref.group(1) or ref.group(2)
            if any(ch.isdigit() for ch in value):
                draft.channel_ref = value  # the marketplace's own order number, to find it there
                break
        if st.names:
            draft.customer.name = min(st.names)[2]
        address = list(st.address or []) + st.address_parts
        if address:
            joined = ", ".join(a.strip(" ,") for a in address if a.strip(" ,"))
            draft.customer.address = " ".join(joined.split()).rstrip(" .,") or None
        draft.shipping_fee = st.shipping
        draft.discount = st.discount
        draft.note = st.note
        for it in st.items:
            draft.items.append(self._draft_item(it))
        if draft.discount is None and st.discount_pct is not None:
            priced = [it for it in draft.items if it.unit_price is not None]
            if priced:
                subtotal = sum(
                    (it.unit_price * it.qty for it in priced if it.unit_price is not None), Decimal(0)
                )
                exp = Decimal("0.01") if self.currency in ("MYR", "USD", "SGD") else Decimal(1)
                draft.discount = (subtotal * st.discount_pct / 100).quantize(exp, rounding=ROUND_HALF_UP)

    def _draft_item(self, it: _Item) -> DraftItem:
        r = it.read
        qty = r.qty if r.qty and r.qty > 0 else 1
        rows = [self.rows[i] for i in r.rows]
        price: Decimal | None = None
        if r.price is not None:
            price = r.price if (r.per_unit or qty == 1) else self._per_unit(r.price, qty)
        if len(rows) == 1:
            row = rows[0]
            return DraftItem(
                sku=row.sku, name=row.title, qty=qty, unit_price=price if price is not None else row.price
            )
        if rows:
            # no single catalog row, so no catalog price: only a price written in the message
            return DraftItem(
                sku=None,
                name=strip_emoji(r.name).strip() or rows[0].name,
                qty=qty,
                unit_price=price,
                candidates=[row.sku for row in rows],
            )
        return DraftItem(
            sku=None, name=strip_emoji(r.name).strip() or r.text.strip(), qty=qty, unit_price=price
        )

    def _per_unit(self, total: Decimal, qty: int) -> Decimal:
        exp = Decimal("0.01") if self.currency in ("MYR", "USD", "SGD") else Decimal(1)
        return (total / qty).quantize(exp, rounding=ROUND_HALF_UP)
