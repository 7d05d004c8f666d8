"""Item lines: clauses cut at conjunctions and quantities, a variant after its product (`sama yg putih`),
self-corrections, prices for the lines before them, and the draft's items."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from bot.parse.catalog_index import CatalogIndex
from bot.parse.clause import UNCLEAR, VARIANT_LABELS
from bot.parse.freetext import NUMBERED_STREET_WORDS, ShapeReader
from bot.parse.items import ItemRead, ItemReader
from bot.parse.lexicon import STRICT, Lexicon, alternation
from bot.parse.money import Amount, find_amounts
from bot.parse.state import Line, ReadState
from bot.parse.text import fold, strip_emoji
from core.catalog import CatalogRow
from core.draft import DraftItem

# the words that join two item lines (`kaos hitam 2 sama putih 1`), besides `+` and `&` between spaces
# `karo` (Javanese) and `sareng`, `jeung` (Sundanese) join items as `sama` does; so do the Chinese `和`,
# `跟`, `同`, `还有` of Malaysian buyers (`2包 white coffee 和 1 tin kuih bangkit`)
_JOINERS = "sama sm dan and n & + với voi vs và va plus serta with also juga karo sareng jeung".split()
_JOINERS += ["和", "跟", "同", "还有"]
# a joining word between spaces, as a trie (no word is the start of another, so the order they are tried
# in does not matter); every cut starts with a space or a `+`, which the lookahead asks first
_CLAUSE_SPLIT = re.compile(r"(?=[\s+])(?:\s+(?:" + alternation(_JOINERS) + r")\s+|\s*\+\s*|\s&\s)", re.I)
_JOINER_WORDS = frozenset(_JOINERS) - {"&", "+"}


def _may_join(part: str) -> bool:
    """Can _CLAUSE_SPLIT cut the part? Not without a `+`, a `&` or a joining word among its words (in
    lower case, as the case-blind pattern reads them; the three letters that it matches and lower()
    does not turn into the same letter send the part to the pattern)."""
    return (
        "+" in part
        or "&" in part
        or "İ" in part
        or "ı" in part
        or "ſ" in part
        or not _JOINER_WORDS.isdisjoint(part.lower().split())
    )
_WORDS = re.compile(r"\S+")
_BREAKDOWN = re.compile(r"^(.*?)\s*\(([^()]*\d[^()]*\d[^()]*)\)\s*$")
_LEADS_WITH_NUMBER = re.compile(r"^\W*\d")
# `Rp85.000 x 2`, `2 x Rp85.000`: an amount times a count, a receipt's line below its product
_TIMES_COUNT = re.compile(r"[x×]\s*\d{1,3}\s*$|^\W*\d{1,3}\s*[x×]\s*\S")
_FIVE_DIGITS = re.compile(r"\d{5}")  # a postcode or a house number, not a product line
_GLUED = re.compile(r"([a-zA-Z]{1,3})(\d{1,3})")
# `012-34`, `+60 12`: the start of a phone number (given in part), never a quantity of goods
_PHONE_START = re.compile(r"(?<![\w.,])(?:\+\d{1,3}|0\d{1,3})[-\s]\d")
_MEASURE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ml|l|g|gr|kg|oz|cm|mm|pcs)\b")


def _other_words(cont: ItemRead) -> list[str]:
    """The catalog words a variant's clause holds besides the variant: a word of another product of the
    shop, which leaves the family. A variant's label stays (`size XL`, though `All Size` is a variant)."""
    return [w for w in cont.free if w not in VARIANT_LABELS]


def _written(text: str, folded: str, phrase: str) -> str:
    """`phrase` (folded) as it was written in `text` (folding keeps offsets)."""
    at = folded.find(phrase)
    return text[at : at + len(phrase)] if at >= 0 else phrase


class ItemLines:
    """Reading item lines; the Parser mixes this in and provides the catalog, lexicon and readers."""

    rows: list[CatalogRow]
    lex: Lexicon
    index: CatalogIndex
    reader: ItemReader
    shape: ShapeReader
    currency: str
    _reason_re: re.Pattern[str]
    _name_rows: dict[str, list[int]] | None
    _numbers_seen: dict[tuple[str, bool], bool]  # see _is_number
    _becomes_re: re.Pattern[str]  # a quantity and the word that changes it (`2 jadinya `)
    _either_re: re.Pattern[str]  # two numbers with `or` between them (`21 hay 23`)

    def _reads_as_item(self, part: str) -> bool:
        return self.reader.names_product(part) and not _FIVE_DIGITS.search(part)

    def _items(self, part: str, st: ReadState, items_ctx: bool, form_items: bool = False) -> bool:
        took = False
        m = self._becomes_re.search(fold(part))
        if m:  # `kaos hitam XL 2 jadinya 3`, `2 -> 3`: a quantity changed in passing, the new one stands
            part = part[: m.start()] + part[m.end() :]
        clauses = self._clauses(part, st.items[-1].read.head if st.items else None, reasons=st.reasons)
        if len(clauses) > 1 and "=" in clauses[-1]:
            # `kopi o 3 pack + teh tarik 2 pack = RM51.50`: the sum of the list, not the last line's price
            clauses[-1] = clauses[-1].split("=", 1)[0]
        for clause in clauses:
            took = self._clause(clause, st, items_ctx, form_items) or took
        return took

    def _clauses(self, part: str, head: str | None = None, reasons: bool = False) -> list[str]:
        """The clauses of a part, each one line or several (`_split_two`); `reasons`: the message gives a
        reason somewhere, which ends the clause it is in."""
        out: list[str] = []
        # `3 kerepek pisang (2 pedas 1 manis)`: the brackets break the line down into variants
        m = _BREAKDOWN.match(part) if "(" in part else None
        if (
            m
            and not find_amounts(fold(m.group(2)), self.currency, strong_only=True)
            and len(re.findall(r"(?<![\w.])\d{1,3}(?![\w.])", m.group(2))) >= 2
        ):
            inner = [c for c in re.split(r",|/|\s+(?=\d{1,3}\s+[^\W\d])", m.group(2)) if c.strip()]
            return self._clauses(m.group(1), head, reasons) + [c.strip() for c in inner]
        for clause in _CLAUSE_SPLIT.split(part) if _may_join(part) else (part,):
            if not clause or not clause.strip():
                continue
            because = self._reason_re.search(clause.lower()) if reasons else None
            if because:
                clause = clause[: because.start()]  # `XL aja deh soalnya suamiku gede`: the why is no item
            out.extend(self._split_two(clause.strip(), head))
        return out

    def _after_count(self, words: list[re.Match[str]], k: int) -> int:
        """Where the line whose quantity is word `k` ends: after the number, its unit (`dua kilo`) and a
        bracket saying the same in another unit (`dua kilo (2 pek)`)."""
        k += 1
        if k < len(words) - 1 and self.lex.has("units", words[k].group(0).strip(",.;()!?")):
            k += 1
        if k < len(words) - 2 and words[k].group(0).startswith("(") and words[k + 1].group(0).endswith(")") \
                and self._is_number(words[k].group(0)[1:]) \
                and self.lex.has("units", words[k + 1].group(0).rstrip(")")):
            k += 2
        return k

    def _split_two(self, clause: str, head: str | None = None) -> list[str]:
        """`1 son đỏ 1 son cam đất`, `pashmina hitam tiga pashmina cream dua`, `kaos hitam L 2 XL 1`:
        several lines in one clause. It is cut next to a quantity when both sides read as an item, or
        as a variant of the product named before (`head`)."""
        # the words of _WORDS (`\S+`), as split() gives them; where they stand is asked only below, for
        # the few clauses with two numbers
        written = clause.split()
        if len(written) < 3:
            return [clause]
        seen, strict = self._numbers_seen, STRICT.get()
        numbers = []
        for k, word in enumerate(written):
            number = seen.get((word, strict))  # _is_number's memo read here: every word is asked
            if number is None:
                number = self._is_number(word)
            if number:
                numbers.append(k)
        if len(numbers) < 2:
            return [clause]
        words = list(_WORDS.finditer(clause))
        # `3 kaos …`, and `nak order 3 peket kerepek …` after words that name nothing: numbers stand before
        # their products, so the clause is cut before a number, not after it
        leading = bool(_LEADS_WITH_NUMBER.match(clause)) or not any(
            self.index.canonical(fold(w.group(0)).strip(",.;()!?"), w.group(0).lower()) is not None
            for w in words[: numbers[0]]
        )
        cuts = sorted(
            {k for k in numbers if k > 0} if leading else {self._after_count(words, k) for k in numbers
                                                            if k + 1 < len(words)}
        )
        for k in cuts:
            rest_words = [w.group(0) for w in words[k:]]
            if (leading and len(rest_words) < 2) or all(w.strip(",.;()").isdigit() for w in rest_words):
                continue  # `2 cushion 21`: a lone number after the product is its size, not a new line
            if len(rest_words) > 1 and " ".join(fold(w).strip(",.;()") for w in rest_words[:2]) \
                    in self.index.variant_phrases:
                continue  # `2 white coffee 15 sachets`: a number that is part of a variant's name
            if leading:
                # `2 peket kerepek ubi`, `2 hộp mặt nạ`: a unit word between the number and the product
                named = rest_words[1]
                if len(rest_words) > 2 and self.lex.has("units", named):
                    named = rest_words[2]
                if self.index.canonical(fold(named).strip(",.;()"), named.lower()) is None:
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
        """Is the word a quantity (`2`, `L2`, `dua`)? Remembered per word: every word of every clause
        of two numbers or more is asked."""
        key = (word, STRICT.get())
        known = self._numbers_seen.get(key)
        if known is None:
            if len(self._numbers_seen) > 8192:
                self._numbers_seen.clear()
            known = self._numbers_seen[key] = self._reads_as_number(word)
        return known

    def _reads_as_number(self, word: str) -> bool:
        w = word.strip(",.;()")
        if w.isdigit():
            return True
        glued = _GLUED.fullmatch(w) if w[-1:].isdigit() else None
        if glued and fold(w) not in self.index.vocab and fold(glued.group(1)) in self.index.vocab:
            return True  # `L2`, `XL1`: a size and its quantity; not `SPF50`, which is part of a name
        # a number word that is also a catalog word (`segi empat`) names the product
        return self.lex.number(w) is not None and fold(w) not in self.index.vocab

    def _is_variant_of(self, text: str, head: str | None, family: list[int] | None = None) -> bool:
        if not head:
            return False
        if family:
            cont = self.reader.read(text, head=head, within=family)
            if cont.rows and cont.variant_hits and not cont.content and not _other_words(cont):
                return True
        cont = self.reader.read(text, head=head)
        return bool(cont.rows) and bool(cont.variant_hits) and not cont.content

    def _clause(self, clause: str, st: ReadState, items_ctx: bool, form_items: bool) -> bool:
        if self.reader.clauses.says_nothing(clause):
            return False  # chat (`kirim ke Budi ya`): no product, quantity or price to read
        r = self.reader.read(clause)
        last = st.items[-1] if st.items else None
        if r.rows:
            if r.qty is None and r.price is None and len(r.rows) == 1 and not st.correcting \
                    and any(it.read.rows == r.rows for it in st.items):
                return True  # `free postage for hampers`: a product on the order named again, no new line
            if r.price is not None and not r.per_unit and st.items and self._for_all(fold(clause)):
                # `pashmina 1, bergo 2 semua 250rb`: after the last of several lines, what they all cost
                r.price = None
            if r.qty is None and r.price is not None and not st.correcting:
                same = [it for it in st.items if it.read.rows and set(it.read.rows) <= set(r.rows)]
                if len(same) == 1 and same[0].read.price is None:
                    # `keropok lekor 2, …. Live price lekor RM14 each`: the price of a line already on the
                    # order, named again without a quantity
                    same[0].read.price, same[0].read.per_unit = r.price, r.per_unit
                    return True
            st.items.append(Line(r, r.qty is not None, form_items))
            return True
        f = fold(clause)
        if r.price is not None and r.qty is None:
            if last is not None and len(last.read.rows) > 1 and self.reader.may_pick_variant(clause):
                # `2 x Hijab Pashmina - Dusty Pink @ Rp45.000`: the open line's variant, with its price
                cont = self.reader.read(clause, head=last.read.head, within=last.read.rows)
                if cont.rows and cont.variant_hits and not cont.content:
                    self._continuation(st, cont)
                    return True
            # `giá live 159k/cây`, `promo 75 ribu`: a price for the items already named
            if r.per_unit or any(w in f.split() for w in self.lex.words("price_words")):
                if not r.per_unit and sum(1 for it in st.items if it.read.price is None) > 1:
                    # `2 dầu gội + 1 sữa tắm, giá 450k`: one amount for several lines is what the order
                    # costs, no line's price (the catalog's stand)
                    return True
                for a in find_amounts(f, self.currency)[:1]:
                    self._apply_price(st, a, per_unit=r.per_unit)
                return True
        if (
            r.price is not None
            and r.qty is not None
            and last is not None
            and (not last.qty_explicit or r.qty == last.read.qty)
            and last.read.price is None
            and last.seg in (-1, st.seg_index - 1)
            and not (r.content or r.free)
            and _TIMES_COUNT.search(f)
        ):
            # `Kaos Polos Putih - L` above `Rp85.000 x 2`: the line's unit price and its quantity
            last.read.qty, last.qty_explicit = r.qty, True
            last.read.price, last.read.per_unit = r.price, True
            return True
        if (
            r.price is not None
            and last is not None
            and r.qty in (None, last.read.qty)
            and last.read.price is None
            and sum(1 for it in st.items if it.read.price is None) == 1
            and (
                any(w in self.lex.words("total_words") for w in f.replace("(", " ").split())
                # `Nước tẩy trang 400ml x1 - 179,000 VND`: an amount alone, after its line in the same text
                or (last.seg in (-1, st.seg_index - 1) and not (r.content or r.free or r.rows))
            )
        ):
            # `2 kaos item size M, jadi 150k total (promo 2pcs)`: the one unpriced line's price in all
            last.read.price, last.read.per_unit = r.price, False
            return True
        if last is not None and last.read.head and self.reader.may_pick_variant(clause):
            open_rows = last.read.rows if len(last.read.rows) > 1 else None
            cont = self.reader.read(
                clause, head=last.read.head, within=open_rows or self._family(last.read.rows)
            )
            if open_rows is None and not (
                cont.rows and cont.variant_hits and not cont.content and not _other_words(cont)
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
                last.seg = st.seg_index  # `x1` on a line of its own: an amount on the next is the line's
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
        if not unknown:
            return False  # a line of an unknown product needs a quantity and words naming it
        if self._either_re.search(f):
            return False  # `chưa biết 21 hay 23`: a choice between two numbers, not a quantity
        if _PHONE_START.search(f):
            return False  # `Phone she gave 012-34 only`: part of a phone number
        # a number with a unit after it, or a measure, counts goods (`2 bottles of kaya jam`, `1 Milo 1kg
        # tin`): not a house number, and not a time (`pesan 2 minggu lalu`, `kirim jam 3`)
        counted = bool(_MEASURE.search(f)) or any(
            self._is_number(w) and self.lex.has("units", nxt.strip(".,!?"))
            for w, nxt in zip(words, words[1:], strict=False)
        )
        addressy = not counted and (self.shape.starts_address(clause) or any(
            self.lex.has("address_words", w.strip(".,"))
            and (w[:1].isupper() or fold(w).strip(".,") not in NUMBERED_STREET_WORDS | {"p", "q", "raya"})
            for w in words
        ))
        timely = not counted and any(self.lex.has("time_words", w.strip(".,!?")) for w in words)
        if (
            not addressy
            and not timely
            and not self.shape.clean_name(clause, labelled=False)
            # a courier's, payment's or channel's name as typed (`thẻ`, a card; not `thể` of `dưỡng thể`)
            and not any(self.lex.accept("terms", clause[s:e]) and not self.lex.article_at(f, s, e)
                        for s, e in self.lex.terms_re.spans(f))
        ):
            r.rows = []
            st.items.append(Line(r, True, form_items))
            return True
        return False

    def _for_all(self, f: str) -> bool:
        """Does a word for all (`semua`, `tất cả`, `all in`) stand right before the clause's first amount,
        outside brackets (`rok plisket 2 (total 180rb)` is the line's own)?"""
        found = find_amounts(f, self.currency, strong_only=True)
        if not found or "(" in f[: found[0].start]:
            return False
        words = f[: found[0].start].split()[-3:]
        pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]  # `all in`, `tất cả`
        said = self.lex.words("total_words")
        return any(w in said for w in words + pairs)

    def _replace_corrected(self, st: ReadState, before: int, i: int, swap: bool = False) -> None:
        """`2 white coffee and 1 teh tarik. Oops, make it 3 white coffee`: a corrected line replaces the
        line of the same product; failing that, the line just before (`pashmina milo? eh, segiempat milo`),
        an open or unknown one, or with `swap` any (`2 white coffee… eh sorry, 2 teh tarik instead`)."""
        for new in st.items[before:]:
            family = self._family(new.read.rows) or ()
            # the same product: another variant of it (`whole bean`, `ground`; `son cam đất` for `son đỏ`,
            # not the `son dưỡng` beside it), else a line named by the same word
            same = [k for k in range(before)
                    if len(st.items[k].read.rows) == 1 and st.items[k].read.rows[0] in family]
            same = same or [
                k for k in range(before) if st.items[k].read.head == new.read.head and new.read.head
            ]
            if same:
                old = st.items[same[-1]]
                if len(new.read.rows) > 1 and old.read.rows and set(old.read.rows) <= set(new.read.rows):
                    # `rok plisket mocca 2 … eh roknya 1 aja`: named short, the line keeps the variant it has
                    if new.read.qty is not None:
                        old.read.qty, old.qty_explicit = new.read.qty, new.qty_explicit
                    if new.read.price is not None:
                        old.read.price, old.read.per_unit = new.read.price, new.read.per_unit
                    st.items.remove(new)
                    continue
                if new.read.qty is None:
                    new.read.qty, new.qty_explicit = old.read.qty, old.qty_explicit
                del st.items[same[-1]]
                before -= 1
            elif (
                # with `swap` the correction's own words may each stand as a segment (`eh`, `sorry,`)
                before > 0 and st.items[before - 1].seg >= i - (4 if swap else 2)
                and (len(st.items[before - 1].read.rows) != 1 or swap)
            ):
                del st.items[before - 1]  # an open or unknown line just before, now named properly
                before -= 1

    def _continuation(self, st: ReadState, cont: ItemRead) -> None:
        """A variant after its product (`sneakers putih 2 pasang, ukuran 39 dan 41`): it replaces the open
        line, later ones join it, and the open line's quantity is shared out among them."""
        last = st.items[-1]
        line = Line(cont, cont.qty is not None)
        if len(last.read.rows) > 1:
            st.items.remove(last)
            line.group, line.group_qty = (
                st.seg_index * 1000 + len(st.items),
                (last.read.qty if last.qty_explicit else None),
            )
        elif last.group is not None:
            line.group, line.group_qty = last.group, last.group_qty
        st.items.append(line)
        members = [it for it in st.items if line.group is not None and it.group == line.group]
        total = line.group_qty
        if total and members and not any(it.qty_explicit for it in members):
            each = total // len(members) if total % len(members) == 0 else 1
            for it in members:
                it.read.qty = each

    def _apply_price(self, st: ReadState, amount: Amount, per_unit: bool) -> None:
        for it in st.items:
            if it.read.price is None:
                it.read.price = amount.value
                it.read.per_unit = per_unit or it.read.per_unit

    def _draft_item(self, it: Line) -> DraftItem:
        r = it.read
        qty = r.qty if r.qty and r.qty > 0 else 1
        unclear = r.qty == UNCLEAR  # `x0`: asked, not taken for one
        rows = [self.rows[i] for i in r.rows]
        if len(rows) > 1:
            rows = self._by_size(r.text, rows)
        price: Decimal | None = None
        if r.price is not None:
            price = r.price if (r.per_unit or qty == 1 or self._quoted_each(r.price, qty, rows)) \
                else self._per_unit(r.price, qty)
        if len(rows) == 1:
            row = rows[0]
            return DraftItem(
                sku=row.sku, name=row.title, qty=qty, unit_price=price if price is not None else row.price,
                qty_unclear=unclear,
            )
        if rows:
            # no single catalog row, so no catalog price: only a price written in the message
            return DraftItem(
                sku=None,
                name=strip_emoji(r.name).strip() or rows[0].name,
                qty=qty,
                unit_price=price,
                candidates=[row.sku for row in rows],
                qty_unclear=unclear,
            )
        return DraftItem(
            sku=None, name=strip_emoji(r.name).strip() or r.text.strip(), qty=qty, unit_price=price,
            qty_unclear=unclear,
        )

    def _quoted_each(self, price: Decimal, qty: int, rows: list[CatalogRow]) -> bool:
        """`2 kaos hitam L 85rb` where the catalog sells one at 85rb (or at 90rb): a price written after a
        line of several, unmarked, is the price of one when that reading lands nearer the catalog's price
        than the line total divided out does (the contract's reading, kept on a tie)."""
        prices = {row.price for row in rows}
        if len(prices) != 1:
            return False  # no one catalog price to go by
        (listed,) = prices
        return abs(price - listed) < abs(price / qty - listed)

    def _by_size(self, text: str, rows: list[CatalogRow]) -> list[CatalogRow]:
        """`sữa rửa mặt loại lớn`, `yang kecil`: of variants that differ only in a measure (150ml, 50ml),
        the largest or the smallest one; the rows as they are otherwise."""
        f = fold(text)
        words = f.replace(",", " ").split()
        pairs = {" ".join(words[k : k + 2]) for k in range(len(words) - 1)}
        found = {name: w for name in ("size_large", "size_small")
                 for w in (*words, *pairs) if w in self.lex.words(name)}
        if len(found) != 1:
            return rows  # neither, or both (`besar` and `kecil`): nothing to go by
        [(name, phrase)] = found.items()
        if not self.lex.accept(name, _written(text, f, phrase)):
            return rows
        measures = [_MEASURE.search(fold(row.variant)) for row in rows]
        if not all(measures) or len({m.group(2) for m in measures if m}) != 1:
            return rows
        sizes = [Decimal(m.group(1).replace(",", ".")) for m in measures if m]
        if len(set(sizes)) != len(sizes):
            return rows
        pick = max if name == "size_large" else min
        return [rows[sizes.index(pick(sizes))]]

    def _per_unit(self, total: Decimal, qty: int) -> Decimal:
        exp = Decimal("0.01") if self.currency in ("MYR", "USD", "SGD") else Decimal(1)
        return (total / qty).quantize(exp, rounding=ROUND_HALF_UP)
