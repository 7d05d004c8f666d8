"""Running text without labels: where an address starts and ends, names by their place (before a
phone, after `kirim ke`, `aku …`, `chị …`), and the item lines in between."""

from __future__ import annotations

import re

from bot.parse.fields import Segment
from bot.parse.freetext import NUMBERED_STREET_WORDS
from bot.parse.lexicon import WordPhrases
from bot.parse.lines import _WORDS, ItemLines
from bot.parse.money import find_amounts
from bot.parse.state import ReadState
from bot.parse.text import fold, has_digit

_POSTCODE_END = re.compile(r"(?<!\d)\d{5}(?:\s+[^\W\d_]+){0,3}$")  # `53100 KL`, `40115 kota bandung`

_SPACES = re.compile(r"\s+")
# `2 topi merah`, `1 serum the ordinary`: a count and a word in lower case
_COUNT_THEN_WORD = re.compile(r"\d{1,3}\s*x?\s+([^\W\d_]+)")
_MONEY_LABELS = ("shipping", "discount")  # not price or total: `Gia`, `Tống` are Vietnamese names
# not the decimal comma of millions (`1,4jt`, `1,2 triệu`) or of a share (`diskon 12,5%`)
PART_SPLIT = re.compile(
    r",(?!\d{3}(?!\d))"
    r"(?!(?<=\d,)\d{1,2}\s?(?:jt|juta|jeti|tr|triệu|trieu|%|persen|percent|phần trăm|phan tram)(?!\w))"
    r"(?![^()]*\))", re.I
)
# a place of the buyer's (`my brother's house`, `my KL office`), folded
PLACE_WORDS = frozenset({"house", "place", "home", "office", "shop", "rumah", "kedai", "pejabat", "kantor",
                         "kos", "kost", "apartment", "apartemen"})
_TO_NAME = re.compile(
    r"(?:^|\s)(?:ke|kepada|kpd|to|for|untuk|utk|cho|gửi cho|gui cho)\s+((?:\S+\s*){1,6})$", re.I
)


# `RM 7,50`: a ringgit amount written with a decimal comma, which is no cut between parts
_DECIMAL_COMMA = re.compile(r"(?:(?<![^\W\d_])rm|\$)\s?\d{1,5},\d{2}(?!\d)", re.I)
_AMOUNT_END = re.compile(r"(?:(?<![^\W\d_])rm|\$)\s?\d{1,5}$", re.I)


def split_parts(text: str) -> list[str]:
    """PART_SPLIT.split(text): every cut is at a comma, so a text without one is a part alone; the comma
    of cents in ringgit or dollars (`RM 7,50`) cuts nothing."""
    if "," not in text:
        return [text]
    parts = PART_SPLIT.split(text)
    if len(parts) > 1 and _DECIMAL_COMMA.search(text):
        joined = [parts[0]]
        for part in parts[1:]:
            if part[:2].isdigit() and not part[2:3].isdigit() and _AMOUNT_END.search(joined[-1]):
                joined[-1] += "," + part
            else:
                joined.append(part)
        parts = joined
    return parts


_EACH = re.compile(
    r"(?<!\w)(?:masing[- ]?masing|masing2|msg2|tiap|setiap|each|moi loai|moi mau|moi cai|moi thu)"
    r"\s*(?:nya\s*)?(\d{1,3})(?!\d)"
)


class RunningText(ItemLines):
    """Reading text that carries no label; mixed into the Parser."""

    _free_ship: re.Pattern[str]
    _free_ship_words: tuple[str, ...] | None  # see parser._needles
    _intro_res: list[tuple[int, re.Pattern[str]]]
    _address_hint: WordPhrases
    _recipient_prefixes: set[str]  # address prefixes and the words before a recipient (`ke`, `to`)
    _kin: dict[str, list[str]]  # who the recipient is to the buyer (`adik saya`), by first word
    _courier_starts: frozenset[str]  # the first word of every courier's name, folded

    def _says_free_shipping(self, folded: str) -> bool:
        """Does the folded text hold a free-shipping phrase? Asked of its words first (`_needles`)."""
        needles = self._free_ship_words
        for word in needles if needles is not None else ("",):
            if word in folded:
                return self._free_ship.search(folded) is not None
        return False

    def _address_line(self, seg: Segment, segs: list[Segment], i: int, st: ReadState) -> bool:
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
        parts = [p.strip() for p in split_parts(text) if p.strip()]
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
            or self._says_free_shipping(f)
            or self._reads_as_item(text)
        ):
            return False
        if any(
            (self.lex.has("order_verbs", w) or self.lex.has("fillers", w) or self.shape.is_stop(w))
            and not self.lex.has("address_words", w.strip(".,"))
            for w in (x.strip(",.!?") for x in words)
        ):
            return False  # `Ditunggu ya kak, mohon segera diproses` is chat, not a district
        if (
            re.search(r"\d", f)
            or "," in text
            or any(self.lex.has("address_words", w.strip(".,")) for w in words)
        ):
            return True
        if f.strip(" .") in self.lex.words("places"):
            return True
        return len(words) == 1 and words[0][:1].isupper() and not self.shape.is_stop(words[0])

    def _address_value(self, seg: Segment, value: str, st: ReadState, prio: int, named: bool = False) -> None:
        """`named`: the recipient's name was read before the address (`Desi A, Jl. …, Tebing Tinggi 0823…`),
        so the place before a phone at its end is the address's last part, not a name."""
        # a run-on without commas: the address ends where a way to pay of several words starts (`… Can Tho
        # chi tra tien mat khi nhan hang`); what follows is read as running text
        paying = ""
        folded = fold(value) if "," not in value else ""
        for start, end in self.lex.terms_re.spans(folded) if folded else ():
            term = self.lex.term(folded[start:end])
            if term and term[0] == "payment" and " " in folded[start:end] and start > 0:
                value, paying = value[:start], value[start:]
                break
        parts = [p for p in split_parts(value)]
        keep: list[str] = []
        rest: list[str] = []
        for j, part in enumerate(parts):
            last_before_phone = j == len(parts) - 1 and seg.before_phone and not named
            if keep and last_before_phone and self._name_before_phone(part, keep[-1]):
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
        if paying:
            self._running(seg, paying, st)

    def _set_address(self, parts: list[str], st: ReadState, prio: int, correction: bool) -> None:
        cleaned = [self.shape.trim_tail(p).strip() for p in parts]
        cleaned = [c for c in cleaned if c]
        if not cleaned or not self.shape.looks_like_address(", ".join(cleaned)):
            return
        # `17 Jalan Sultan Ismail - wait sorry, office moved, send to 12 Jalan Ampang`: an address after a
        # correction that came after the first one replaces it
        again = st.address is not None and st.correction_seg > st.addr_seg >= 0
        if correction or again or prio < st.address_prio or st.address is None:
            st.address, st.address_prio = cleaned, prio
            st.addr_seg = st.seg_index
            # `Kirim ke: Fajar (0821…)` then the street two segments on: the address waited for is found
            st.addr_waiting = False

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
            if (
                w[:1].isdigit()
                and words[0][:1].isupper()
                and not self.reader.names_product(" ".join(words[:k]))
                and self._reads_as_item(" ".join(words[k:]))
            ):
                # `Đắk Lắk 1 chai sữa tắm nha em`: the place ends where a quantity of goods begins
                return " ".join(words[:k]), " ".join(words[k:])
        return part, ""

    def _stops_address(self, part: str) -> bool:
        f = fold(part)
        if self.lex.terms_re.search(f) or self._says_free_shipping(f):
            return True
        words = part.split()
        if len(words) > 8:
            return True
        if self.reader.names_product(part):
            read = self.reader.read(part)
            if read.qty is not None or len(read.free) == 0:
                return True
        if f.strip(" .") in self.lex.words("places"):
            return False  # `cần thơ` is a city, not `cần` (need)
        if self._counts_goods(part):
            return True
        if any(w[:1].islower() and self.lex.has("order_verbs", w) for w in words[:2]):
            return True
        # `…, 53100 KL, bayar online`: how it is paid, in words no payment term names
        return len(words) <= 4 and self.lex.has("pay_words", words[0].strip(".,:").lower())

    def _counts_goods(self, part: str) -> bool:
        """`…, Jl Melati 5, 2 topi merah`: after an Indonesian or Malaysian street a count and a word in
        lower case are goods, though no catalog's (their streets and places have their words, `Jalan`,
        `Taman`, or a capital; a Vietnamese street is written number first and bare: `56 hùng vương`)."""
        m = _COUNT_THEN_WORD.match(part) if self.lex.locale != "vi" and part[:1].isdigit() else None
        if m is None or not m.group(1).islower():
            return False
        word = m.group(1)
        rest = fold(part[m.start(1) :]).strip(" .")
        return not (self.lex.has("address_words", word) or self.shape.is_filler(word)
                    or any(rest.startswith(p) for p in self.lex.words("places") if p[:1] == rest[:1]))

    # -- running text -----------------------------------------------------------------------------
    def _running(
        self,
        seg: Segment,
        value: str,
        st: ReadState,
        items_ctx: bool = False,
        terms_only: bool = False,
        form_items: bool = False,
    ) -> None:
        value = value.strip(" ,.;:-")
        if not value:
            return
        before = len(st.items)
        self._running_parts(seg, value, st, items_ctx, terms_only, form_items)
        each = None
        if len(st.items) > before + 1:
            f = fold(value)
            # every word of _EACH holds one of these: most values have none, told by substring tests
            if "masing" in f or "msg2" in f or "tiap" in f or "each" in f or "moi " in f:
                each = _EACH.search(f)
        if each:
            # `pashmina hitam, cream, dusty masing-masing 2`: the quantity is for every line that has none
            # of its own (not `…, sama sandal slop 39 satu`)
            for it in st.items[before:]:
                if not it.qty_explicit:
                    it.read.qty, it.qty_explicit = int(each.group(1)), True

    def _running_parts(
        self, seg: Segment, value: str, st: ReadState, items_ctx: bool, terms_only: bool, form_items: bool
    ) -> None:
        self._intro_names(value + (":" if seg.header else ""), st)  # a header ended with its colon
        st.header = seg.header
        parts = [p.strip() for p in split_parts(value)]
        for part in parts:
            if part[:1].isupper():  # the cheap test: most parts start in lower case or with a number
                self._name_before_verb(part, st)
        j = 0
        while j < len(parts):
            part = parts[j]
            nxt = parts[j + 1] if j + 1 < len(parts) else None
            if not part.strip(" .-"):
                j += 1
                continue
            # a field of terms (`Kurir: …`) holds no address
            stripped = part if terms_only else self.shape.strip_prefix(part)
            cut = None if terms_only else self._address_then_items(stripped)
            if cut is not None:
                # `jl raya lembang no 212 bandung barat flanel merah L 1`: the items after the address
                parts[j : j + 1] = [stripped[:cut].strip(), stripped[cut:].strip()]
                part = stripped = parts[j]
                nxt = parts[j + 1]
            addr_at = None if terms_only or self._settles_open_line(stripped, st) else self._address_inside(
                stripped, nxt)
            if addr_at is not None:
                head, start = stripped[:addr_at], stripped[addr_at:]
                if head.strip():
                    self._items_or_name(seg, head, st, items_ctx, j == 0, nxt=start, form_items=form_items)
                addr = [start]
                k = j + 1
                while k < len(parts):
                    if (
                        k == len(parts) - 1
                        and seg.before_phone
                        and self._name_before_phone(parts[k], addr[-1])
                    ):
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
                    st.name(5, self._strong_name(prev)
                            or (self._strong_name(self._past_kin(to.group(1).strip())) if to else None))
                self._set_address(addr, st, 3, seg.correction)
                j = k
                continue
            if terms_only and not self.reader.names_product(part):
                j += 1
                continue
            self._items_or_name(
                seg, part, st, items_ctx, j == 0, last=j == len(parts) - 1, nxt=nxt, form_items=form_items
            )
            j += 1

    def _settles_open_line(self, part: str, st: ReadState) -> bool:
        """`1x Phấn nước cushion - 21 Sáng`: a part naming a variant of the open line before it is that
        line's variant, though it looks like a house number and a street."""
        last = st.items[-1] if st.items else None
        if last is None or len(last.read.rows) < 2 or not self.reader.may_pick_variant(part):
            return False
        cont = self.reader.read(part, head=last.read.head, within=last.read.rows)
        return len(cont.rows) == 1 and bool(cont.variant_hits) and not cont.content

    def _courier_fee(self, part: str, st: ReadState) -> str | None:
        """`JNT 12rb`, `DHL eCommerce RM6.50`, `ship GHTK 30k`, `phí Ahamove 45k`, `1 kcn ghtk 30k`: a
        courier, a service word or two, then an amount (and after it nothing but chat particles) is what
        the parcel's postage costs. What the part says before the courier is returned, to be read on
        (`1 kcn`), but for postage words (`ship`, `phí`, `ongkir`); None: the part names no postage so."""
        f = fold(part)
        words = {w.strip(".,;:!?()") for w in f.split()}
        spans = self.lex.terms_re.spans(f) if not self._courier_starts.isdisjoint(words) else []
        for start, end in spans:
            term = self.lex.term(f[start:end])
            if term is None or term[0] != "courier":
                continue
            amounts = find_amounts(f[end:], self.currency, strong_only=True)
            if len(amounts) != 1 or len(f[end : end + amounts[0].start].split()) > 2:
                continue
            after = f[end + amounts[0].end :].strip(" .!").split()
            if not all(self.lex.has("fillers", w) for w in after):
                continue
            head = part[:start].strip(" ,.;:-")
            if start > 1 and not self._reads_as_item(head) and not self._postage_words(head):
                continue  # `Budi JNE 15rb`: no goods or postage word before the courier
            if st.shipping_prio > 3:
                st.shipping, st.shipping_prio = amounts[0].value, 3
            return "" if self._postage_words(head) else head
        return None

    def _postage_words(self, text: str) -> bool:
        """`ship`, `phí`, `ongkir`, `postage fee`: words saying that what follows is the postage."""
        f = " ".join(fold(text).split())
        return bool(f) and (self.lex.labels.get(f) == "shipping" or f in self.lex.words("fee_words"))

    def _money_phrase(self, part: str) -> bool:
        """`free ongkir`, `ongkir 15rb`, `diskon 10%`: a part with a free-of-charge word or a postage or
        discount label."""
        for written in part.split():
            written = written.strip(".,:;!?()")
            w = fold(written)
            if self.lex.has("free_words", written) or (
                self.lex.labels.get(w) in _MONEY_LABELS and self.lex.accept("labels", written)
            ):
                return True
        return False

    def _name_before_phone(self, part: str, before: str = "") -> bool:
        """`…, HN, Nguyễn Văn Bình 0988…`: the last part before a phone is the name, not the address. One
        word (`…, 53100 KL, Aminah 013…`) only written with a capital after a part that ends an address (a
        postcode or a known place), where the word is no district of it (`…, Taman Melati, Cheras 013…`)."""
        f = fold(part).strip(" .")
        if f in self.lex.words("places") or re.search(r"\d", part):
            return False
        name = self.shape.clean_name(part, labelled=False)
        if not name:
            return False
        words = name.split()
        if any(self.lex.has("address_words", w) for w in words):
            return False
        if len(words) >= 2:
            return True
        return (
            len(words[0]) >= 3
            and words[0][:1].isupper()
            and words[0].isalpha()
            and not self.shape.is_stop(words[0])
            and self._ends_address(before)
        )

    def _ends_address(self, part: str) -> bool:
        """`53100 KL`, `Bandung`, `Kota Bharu, Kelantan`: a part ending with a postcode or a known place."""
        f = fold(part).strip(" .")
        if _POSTCODE_END.search(f):
            return True
        words = f.split()
        places = self.lex.words("places")
        return any(" ".join(words[-n:]) in places for n in range(1, min(3, len(words)) + 1))

    def _address_inside(self, part: str, nxt: str | None) -> int | None:
        """Where an address starts in this part: at its start, after a recipient word (`giao về 8 …`,
        `ke Ibu Yati di Jl. …`), or at a street word after a name (`bu endang jl kenanga 15`)."""
        if self.shape.starts_address(part, next_part=nxt) and not self._reads_as_item(part):
            return 0
        folded = fold(part)
        if not self._address_hint.search(folded):
            return None  # no recipient word and no street word: the common case, answered cheaply
        words = list(_WORDS.finditer(part))
        prefixes = self._recipient_prefixes
        whole_item: bool | None = None
        for k in range(1, len(words)):
            w = words[k]
            rest = part[w.start() :]
            # the word before this one, folded (fold keeps offsets: a slice of the folded part is the
            # fold of that slice), and the word after it (a word of _WORDS is one of split())
            prev = folded[: w.start()].rsplit(None, 1)
            after_prefix = bool(prev) and prev[-1] in prefixes
            word = w.group(0).rstrip(".,")
            following = words[k + 1].group(0) if k + 1 < len(words) else None
            numbered = following is not None and (
                following[:1].isdigit() or self.lex.number(following) is not None
            )
            street = self.lex.has("street_words", word) and (
                fold(word) not in NUMBERED_STREET_WORDS or numbered
            )
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

    def _address_then_items(self, part: str) -> int | None:
        """Where the items start in a part that begins an address and ends naming products, written
        without a comma between them: at a catalog phrase, or at a quantity before one, that leaves an
        address naming no product before it. A number after `no`, `blok` or `rt` is the address's own."""
        m = _WORDS.search(part)
        first = m.group(0).rstrip(".") if m else ""
        if not (self.lex.has("street_words", first) or self.lex.has("address_words", first)):
            return None  # it starts at an address word (`jl`, `gg`, `perum`, `thôn`, `lot`), not a number
        # `names_product`, not `_reads_as_item`: the address may hold a postcode (`81100 johor bahru`)
        if not self.shape.starts_address(part) or not self.reader.names_product(part):
            return None
        words = list(_WORDS.finditer(part))
        heads = self.index.head_rows
        for k in range(2, len(words)):
            w = words[k].group(0)
            named = [w]
            if w.isdigit() or self.lex.number(w) is not None:
                prev = fold(words[k - 1].group(0)).strip(".,:")
                if prev in NUMBERED_STREET_WORDS or self.lex.has("address_words", prev):
                    continue
                after = [x.group(0) for x in words[k + 1 : k + 3]]
                if after and self.lex.has("units", after[0]):
                    after = after[1:]
                named = after[:1]
            word = fold(named[0]).strip(".,") if named else ""
            if self.index.synonym.get(word, word) not in heads:
                continue  # a catalog word as written (a place may be a near spelling of one: `ciputat`)
            head, tail = part[: words[k].start()], part[words[k].start() :]
            if (
                self._reads_as_item(tail)
                and not self.reader.names_product(head)
                and self.shape.starts_address(head)
            ):
                return words[k].start()
        return None

    def _name_before_verb(self, part: str, st: ReadState) -> None:
        """`Lan đặt 1 kem chống nắng …`, `Kumar order 2 kopi o`: capitalised words opening a part, right
        before an order verb in lower case and the goods it orders, name who orders (not `Mình đặt`,
        `Saya pesan`, `I want`: the writer's own word; not `Chị Lan lấy`, which _intro_names reads)."""
        words = part.split(None, 6)
        keep: list[str] = []
        for k, word in enumerate(words[:5]):
            if word[:1].isupper():
                keep.append(word)
                continue
            # `Kumar would like 2 murukku`: a verb of two words
            size = next((n for n in (2, 1) if self.lex.has("order_verbs", " ".join(words[k : k + n]))), 0)
            if not keep or k + size >= len(words) or not size:
                return
            rest = " ".join(words[k + size :])
            if not (has_digit(rest) or self._reads_as_item(rest)):
                return
            break
        else:
            return
        lead = keep[0].strip(",.:!?")
        # `Ok Budi order …` opens with a particle; `Ah Kow order …` with the first word of a name
        particle = self.lex.has("fillers", lead) and not (
            len(keep) > 1 and lead == keep[0] and self.lex.has("name_particles", lead))
        if self.lex.has("verb_leads", lead) or particle \
                or self.shape.is_honorific(lead) or any(self.shape.is_stop(w, first=n == 0)
                                                        for n, w in enumerate(keep)):
            return
        name = self.shape.clean_name(" ".join(keep), labelled=False)
        if name and not self.reader.names_product(name):
            st.name(6, name)

    def _intro_names(self, value: str, st: ReadState) -> None:
        """`aku Maya`, `mình là Việt`, `chị Mai lấy …`: a name introduced by a word before it."""
        folded = fold(value)
        padded = " " + folded  # see _patterns: a match starts at the character before the word
        for prio, rx in self._intro_res:
            for m in rx.finditer(padded):
                # the word's start in `value`, and the end of the spaces after it (folded, as matched)
                start, end = m.start(), m.end() - 1
                end += len(folded) - end - len(folded[end:].lstrip())
                intro = value[start:end].strip()
                if not (self.lex.has("name_intro", intro) or self.lex.has("honorifics", intro)):
                    continue
                before = value[max(0, start - 40) : start].split()
                if (
                    intro[:1].isupper()
                    and before
                    and before[-1][:1].isupper()
                    and before[-1][-1:] not in ".,:!?"
                ):
                    continue  # `Nguyen Chi Thanh`: a word inside a name, not `chị` before one
                name = self._introduced(value[end:], prio)
                if name:
                    st.name(prio, name)

    def _introduced(self, rest: str, prio: int) -> str | None:
        """The name after `aku`, `mình là`, `chị`: capitalised words, or lower-case ones when they end
        at punctuation (`aku maya, …`) or, after an honorific, at an order verb (`chị mai lấy …`)."""
        if prio == 6:
            rest = self._past_fix_words(rest, lower_only=True)  # `namanya yang bener Siti Aminah`
        words = _SPACES.split(rest)[:6]
        keep: list[str] = []
        lower = bool(words) and words[0][:1].islower()
        ended = False
        for w in words:
            core = w.strip(",.:;!?)")
            if not core:
                break
            if lower and prio == 7 and not keep and self.lex.has("order_verbs", core):
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
                ended = prio != 7 or w.endswith(":")  # `đơn chị nguyệt: …`
                break
        else:
            ended = prio != 7  # after a greeting a lower-case word ends a name only at an order verb
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
        st: ReadState,
        items_ctx: bool,
        first: bool,
        last: bool = False,
        nxt: str | None = None,
        form_items: bool = False,
    ) -> None:
        head = self._courier_fee(part, st)
        if head is not None:
            if not head:
                return
            part = head  # `1 kcn ghtk 30k`: the goods before the courier and its postage
        if self._items(part, st, items_ctx, form_items):
            return
        if self._money_phrase(part):
            return  # `…, Palu 0852…, free ongkir`: a shipping or money phrase names no one
        if not self._past_fix_words(part):
            return  # `sđt sai, đúng là 0912…`: saying which number is right names no one
        said = self._introduced_before(part) if not st.items else None
        if said:
            st.name(6, said)  # `Aishah here`, `Rina di sini`, `Lan đây`: the writer says who they are
            return
        before_address: bool | None = None  # does the next part start an address? asked once, if at all
        if (seg.before_phone and last) or (seg.after_phone and first):
            strong = True
        else:
            before_address = nxt is not None and self.shape.starts_address(self.shape.strip_prefix(nxt))
            strong = before_address
        name = self._strong_name(part) if strong else self.shape.clean_name(part, labelled=False)
        if not name:
            return
        if seg.before_phone and last:
            st.name(3, name)
        elif seg.after_phone and first:
            st.name(4, name)
        elif before_address:
            st.name(5, name)
        else:
            st.name(8, name)

    def _introduced_before(self, part: str) -> str | None:
        """`Hi, Aishah here`, `Kelvin here`, `Rina di sini`, `em Lan đây`: a part that is only a name and a
        word after it saying the writer is that person names the buyer (in running text, as `aku Maya`),
        said before the goods (`2 murukku. Pickup here` says where, not who)."""
        words = part.strip(" .,!?").split()
        while len(words) > 2 and self.lex.has("stop_names", words[0].strip(",!")):
            words = words[1:]  # `Hi Kelvin here`: a greeting before the name
        if len(words) < 2:
            return None
        for n in (2, 1):
            tail = " ".join(words[-n:])
            if len(words) > n and tail.islower() and self.lex.has("name_outros", tail):
                return self.shape.clean_name(" ".join(words[:-n]), labelled=False)
        return None

    def _past_fix_words(self, value: str, lower_only: bool = False) -> str:
        """`đúng là 0912…`, `mới 30 Võ Văn Tần`, `should be 9 Jalan Ampang`, `sai, đúng là …`: after a field's
        label, the words saying the value is wrong or that the one after them is right (or new) are not the
        value (nothing, when that is all the value says). `lower_only`: only as written in lower case (`Baru`
        may start a name)."""
        words = value.split()
        k = 0
        while k < len(words):
            for n in (3, 2, 1):
                head = " ".join(words[k : k + n]).strip(",.:;-!")
                if k + n <= len(words) and head and (not lower_only or head.islower()) and (
                        self.lex.has("fix_words", head) or self.lex.has("wrong_words", head)):
                    k += n
                    break
            else:
                break
        return " ".join(words[k:]).lstrip(",.:;- ") if k else value

    def _past_kin(self, part: str) -> str:
        """`keponakan saya aja`, `my cousin Nurul Ain`: the part after the words saying who the recipient is
        to the buyer (nothing, when that is all it says)."""
        folded = fold(part)
        for kin in self._kin.get(folded.split(" ", 1)[0], ()):
            if folded.startswith(kin) and (len(folded) == len(kin) or not folded[len(kin)].isalnum()) \
                    and self.lex.accept("kin", part[: len(kin)]):
                words = part[len(kin) :].split()
                if words and words[0][:2] in ("'s", "’s"):
                    # `my brother's house ah`: whose place it is, no address either
                    words = [words[0][2:], *words[1:]] if len(words[0]) > 2 else words[1:]
                    if words and fold(words[0]).strip(",.") in PLACE_WORDS:
                        words = words[1:]
                while words and self.shape.is_filler(words[0].strip(",.")):
                    words = words[1:]
                return " ".join(words)
        return part

    def _strong_name(self, part: str) -> str | None:
        """A name in a strong place may be typed in lower case, if it is not a product."""
        name = self.shape.clean_name(part, labelled=False, strong=True)
        if name and name.islower() and self._reads_as_item(name):
            return None
        return name
