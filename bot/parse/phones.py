"""Phone numbers: found by shape, read with phonenumbers, written as E.164 in the shop's country."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

REGION_BY_CURRENCY = {"IDR": "ID", "VND": "VN", "MYR": "MY", "SGD": "SG", "THB": "TH", "PHP": "PH"}
REGION_BY_LOCALE = {"id": "ID", "vi": "VN", "en": "MY", "ms": "MY"}
_COUNTRY_CODES = ("62", "84", "60", "65", "66", "63")

# a run of digits with the separators people type inside phone numbers, not right after a word, `+`, `#`
# or `/`. The pattern starts with the run's first character (`+`, `(` or a digit) and only then looks at
# the one before it (`(?<![\w+#/].)`): a pattern that starts with a lookbehind is tried at every place of
# the text, this one only where a digit, `+` or `(` stands. What follows depends on which it was.
CANDIDATE_RE = re.compile(
    r"[+(\d](?<![\w+#/].)(?:(?<=\+)[ \t]?\(?\d|(?<=\()\d|(?<=\d))[\d \t().\-]{3,22}\d(?![\d]|[.,]\d)"
)
_NON_DIGITS = re.compile(r"\D")
_SPACED_DASH = re.compile(r"\s[-–]\s")
_PREFIX_ONLY = re.compile(r"\+\d{2}\s?0?\d{1,3}|0\d{1,3}")  # `019`, `0812`, `+60 19`: where a number starts
MONEY_SHAPE = re.compile(r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?")
# `Budi 0812,`, `Ali 012`: a mobile number's first three or four digits alone, after a trunk 0, ending a
# field as a phone does (not `RT 003`, `Lot 012 Kampung Baru`, `0812-3456`); too short for CANDIDATE_RE
_SHORT_RE = re.compile(r"0(?<![\w+#/.,\-]0)[1-9]\d{1,2}(?=[ \t]*(?:[,;\n]|$))")


@dataclass(frozen=True)
class Phone:
    start: int
    end: int
    e164: str | None  # None: shaped like a phone but not a valid number (too short, …)


def region_for(locale: str, currency: str) -> str:
    return REGION_BY_CURRENCY.get(currency.upper()) or REGION_BY_LOCALE.get(locale.lower()[:2], "ID")


@lru_cache(maxsize=16)
def _trunk_zero(region: str) -> tuple[int, re.Pattern[str]] | None:
    """The country code and international call prefix of a region whose local numbers are the national
    number after a trunk 0 (ID, VN, MY, TH, PH; not SG), read from phonenumbers' metadata."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if (
        meta is None
        or meta.country_code is None
        or meta.national_prefix_for_parsing != "0"
        or meta.national_prefix_transform_rule
    ):
        return None
    return meta.country_code, re.compile(meta.international_prefix or "(?!)")


# the types of number phonenumbers tells apart (`_number_type_helper`): a number of none is not valid
_NUMBER_TYPES = (
    "mobile",  # first: most numbers in orders are mobiles
    "fixed_line",
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
)
# a description of numbers: the lengths they have (none listed: any) and the pattern of a whole number
_Description = tuple[frozenset[int], re.Pattern[str]]


def _description(desc: phonenumbers.PhoneNumberDesc | None) -> _Description | None:
    """A description from phonenumbers' metadata, None where it describes no number (no pattern)."""
    if desc is None or not desc.national_number_pattern:
        return None
    return frozenset(desc.possible_length), re.compile(desc.national_number_pattern)


@lru_cache(maxsize=16)
def _descriptions(region: str) -> tuple[_Description | None, tuple[_Description, ...]] | None:
    """What phonenumbers.is_valid_number asks of a region's national number, read once from its
    metadata: the region's general description, which a valid number fits, and the descriptions of the
    types of number, one of which it fits too (where mobiles and fixed lines share a pattern,
    phonenumbers asks only the fixed-line one). None for a region that shares its country code, whose
    numbers phonenumbers first assigns to one of the regions."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if (
        meta is None
        or meta.country_code is None
        or phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(meta.country_code) != (region,)
    ):
        return None
    kinds = [k for k in _NUMBER_TYPES if not (k == "mobile" and meta.same_mobile_and_fixed_line_pattern)]
    types = [_description(getattr(meta, k)) for k in kinds]
    return _description(meta.general_desc), tuple(d for d in types if d is not None)


def _fits(national: str, description: _Description) -> bool:
    lengths, pattern = description
    return (not lengths or len(national) in lengths) and pattern.fullmatch(national) is not None


def _is_valid(national: int, code: int, region: str) -> bool:
    """phonenumbers.is_valid_number for the number with this national number and country code, the
    code of `region`: from the region's descriptions, read once, and with the mobile one asked first,
    where phonenumbers compiles and asks each in turn and mobiles last (which took a twentieth of a
    message's reading)."""
    descriptions = _descriptions(region)
    if descriptions is None:
        number = phonenumbers.PhoneNumber(country_code=code, national_number=national)
        return bool(phonenumbers.is_valid_number(number))
    general, types = descriptions
    nsn = str(national)
    return general is not None and _fits(nsn, general) and any(_fits(nsn, d) for d in types)


def _local_e164(digits: str, region: str) -> str | None:
    """E.164 for a local number (`0812…`) when it is valid, without phonenumbers.parse, which takes
    four times as long as the check of validity: parse drops the trunk 0 whenever what is left is a
    possible national number, which a valid one is, and reads it in the region's own country (the
    number starts with neither that country's code nor, here, an international call prefix). None
    leaves the number to the full reading."""
    trunk = _trunk_zero(region)
    if trunk is None or not digits.isascii() or digits[:1] != "0" or digits[1:2] in ("", "0"):
        return None
    code, international = trunk
    if international.match(digits):
        return None
    national = int(digits[1:])
    if _is_valid(national, code, region):
        return f"+{code}{national}"
    return None


def normalise(raw: str, region: str) -> str | None:
    """E.164 for a written number, or None when it is not a valid number."""
    digits = _NON_DIGITS.sub("", raw)
    if not 8 <= len(digits) <= 15:
        return None
    if not raw.lstrip().startswith("+"):
        local = _local_e164(digits, region)  # the common case, and the same answer as parse gives
        if local is not None:
            return local
    tries = []
    if raw.lstrip().startswith("+") or digits.startswith("00"):
        tries.append("+" + digits.lstrip("0") if digits.startswith("00") else "+" + digits)
    elif digits.startswith(_COUNTRY_CODES) and not digits.startswith("0"):
        tries.append("+" + digits)  # 62812…, 6012…: the country code written without +
    if digits.startswith("0"):
        tries.append(digits)  # a local number always starts with the trunk 0 in ID, VN and MY
    for attempt in tries:
        try:
            num = phonenumbers.parse(attempt, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(num):
            return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    return None


_UNREAD = object()


class KnownNumbers:
    """`normalise` for one region, remembering each number it has read: a shop's parser meets the same
    numbers again (a repeat buyer, a draft's correction read anew), and phonenumbers takes longer than
    the rest of finding a phone. Keyed by all that `normalise` looks at: the digits and a leading +."""

    def __init__(self, region: str, size: int = 1024):
        self.region = region
        self.size = size
        self._e164: dict[tuple[bool, str], str | None] = {}

    def __call__(self, raw: str) -> str | None:
        key = (raw.lstrip().startswith("+"), _NON_DIGITS.sub("", raw))
        got = self._e164.get(key, _UNREAD)  # one lookup: another thread may clear the memo meanwhile
        if got is _UNREAD:
            if len(self._e164) >= self.size:
                self._e164.clear()
            got = self._e164[key] = normalise(raw, self.region)
        return got  # type: ignore[return-value]


@lru_cache(maxsize=16)
def _mobile_example(region: str) -> str | None:
    """A mobile number of the region written locally (`0812345678`), from phonenumbers' metadata."""
    if _trunk_zero(region) is None:
        return None
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    return None if example is None else "0" + str(example.national_number)


def short_phones(text: str, region: str, known: KnownNumbers, taken: list[Phone]) -> list[Phone]:
    """`Budi 0812`, `Ali 012`: the first digits of a mobile number with nothing after them, each an
    unreadable phone (e164 None). A run counts when the region's example mobile, with its first digits
    written so, is still valid: `0812` in Indonesia, `012` in Malaysia, `0912` in Vietnam; not `021`'s
    landline start in a region whose mobiles start otherwise."""
    example = _mobile_example(region)
    if example is None or "0" not in text:
        return []
    out = []
    for m in _SHORT_RE.finditer(text):
        raw = m.group(0)
        if any(p.start <= m.start() < p.end for p in taken):
            continue
        if known(raw + example[len(raw) :]) is not None:
            out.append(Phone(m.start(), m.end(), None))
    return out


def find_phones(text: str, region: str, known: KnownNumbers | None = None) -> list[Phone]:
    """Every phone-shaped run: valid ones carry E.164; a 6+ digit run starting 0/+/country code is
    kept as an invalid phone so it is not read as an address or a price. `known` remembers numbers
    read before (for the same region)."""
    e164_of = known if known is not None else KnownNumbers(region)
    out: list[Phone] = []
    pos = 0
    while (m := CANDIDATE_RE.search(text, pos)) is not None:
        raw = m.group(0)
        start, end = m.span()
        pos = end
        if MONEY_SHAPE.fullmatch(raw) or text[max(0, start - 3) : start].strip().lower() in (
            "rp",
            "rm",
            "rp.",
            "@",
        ):
            continue
        # a space-separated run may swallow a neighbour (`39 1 0812…`): trim leading short groups
        if _SPACED_DASH.search(raw):
            # `0935 222 111 - 56 Hùng Vương`, `kaos L 2 - 0812…`: a spaced dash separates fields, not digit
            # groups, and the search goes on after the first field; but after a mobile prefix alone
            # (`019 - 402 7716`) the dash is typed inside the number
            head = _SPACED_DASH.split(raw)[0].rstrip()
            if not (_PREFIX_ONLY.fullmatch(head) and e164_of(raw) is not None):
                raw = head
                end = pos = start + len(raw)
        groups = raw.split()  # the run's digit groups (it starts and ends with a digit, + or bracket)
        e164 = None
        if len(groups) > 1 and len(_NON_DIGITS.sub("", groups[0])) >= 9:
            # `0123456789 5 Jalan Mawar`: a whole number typed in one go, then the house number the
            # address starts with (one who groups a number's digits does not stop at its end)
            e164 = e164_of(groups[0])
            if e164:
                end = pos = start + len(groups[0])
        e164 = e164 or e164_of(raw)
        if e164 is None and len(groups) > 1:
            for cut in range(1, len(groups)):
                tail = " ".join(groups[cut:])
                e164 = e164_of(tail)
                if e164:
                    start = text.index(groups[cut], start)
                    break
        if e164 is None and len(groups) > 2:
            for cut in range(len(groups) - 1, 1, -1):
                head = " ".join(groups[:cut])
                e164 = e164_of(head)
                if e164:
                    end = start + len(head)
                    break
        if e164 is None:
            digits = _NON_DIGITS.sub("", text[start:end])
            if len(digits) < 6 or not (
                digits.startswith("0") or "+" in raw or digits.startswith(_COUNTRY_CODES)
            ):
                continue
            if re.search(r"[.,]\d{3}(?!\d)", raw) and not re.search(r"\d[\s-]\d", raw):
                continue  # 1.500.000 is money
        out.append(Phone(start, end, e164))
    short = short_phones(text, region, e164_of, out)
    return sorted(out + short, key=lambda p: p.start) if short else out
