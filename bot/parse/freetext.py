"""Names and addresses in running text, recognised by their shape and where they stand."""

from __future__ import annotations

import re

from bot.parse.lexicon import Lexicon
from bot.parse.text import fold, strip_emoji

_NAME_TOKEN = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*\.?$", re.UNICODE)
_CONNECTORS = {
    "bin",
    "binti",
    "bt",
    "bte",
    "a/p",
    "a/l",
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
_HOUSE_NO = re.compile(
    r"^(?:no\.?\s*|số\s*|so\s*|lot\s*|unit\s*)?(?:[a-z]{1,2}-)?\d+[a-z]?(?:[-/]\d+[a-z]?)*$", re.I
)


class ShapeReader:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.honorifics = lex.words("honorifics")
        self.fillers = lex.words("fillers")
        self.stop = lex.words("stop_names") | lex.words("order_verbs") | set(lex.labels) | set(lex.terms)
        self.addr_words = lex.words("address_words")
        self.prefixes = sorted(lex.words("address_prefixes"), key=len, reverse=True)

    # -- names ------------------------------------------------------------------------------------
    def strip_honorific(self, text: str) -> str:
        words = text.split()
        while len(words) > 1 and fold(words[0]).strip(".,") in self.honorifics:
            words = words[1:]
        return " ".join(words)

    def clean_name(self, text: str, labelled: bool) -> str | None:
        """The name in `text` as written, or None when it does not look like a person's name."""
        t = strip_emoji(text)
        t = re.sub(r"\([^)]*\)", " ", t)
        t = re.sub(r"^[\s,.:;\-–*\"“”']+|[\s,.:;\-–*\"“”'!?]+$", "", t)
        words = t.split()
        while (
            words
            and fold(words[-1]).strip(".,!") in self.fillers | {"ya", "nha", "nhe", "a", "ạ"}
            and len(words) > 1
        ):
            words = words[:-1]
        if not labelled:
            while len(words) > 1 and fold(words[0]).strip(".,") in self.honorifics:
                words = words[1:]
        if not words or len(words) > (6 if labelled else 5):
            return None
        for w in words:
            fw = fold(w).strip(".,")
            if fw in self.stop and not (labelled and len(words) > 1 and fw not in self.lex.terms):
                return None
            if not _NAME_TOKEN.match(w) and fw not in _CONNECTORS:
                return None
        if not labelled:
            caps = [w for w in words if fold(w) not in _CONNECTORS]
            if not caps or not all(w[0].isupper() for w in caps):
                return None
            if all(fold(w).strip(".") in self.honorifics for w in words):
                return None
        return " ".join(words)

    # -- addresses --------------------------------------------------------------------------------
    def strip_prefix(self, part: str) -> str:
        f = fold(part)
        for p in self.prefixes:
            if f.startswith(p + " ") and len(part) > len(p) + 1:
                rest = part[len(p) + 1 :].lstrip()
                if self.starts_address(rest, strict=True):
                    return rest
        return part

    def starts_address(self, part: str, strict: bool = False, next_part: str | None = None) -> bool:
        """Does this comma part begin a street address (`Jl. …`, `12 Nguyễn Trãi`, `Lot 12`, `B-3-5`)?"""
        p = strip_emoji(part).strip(" ,.-")
        if not p:
            return False
        f = fold(p)
        first = re.split(r"[\s,]+", f, maxsplit=1)[0].rstrip(".")
        if first in self.addr_words and first not in (
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
        ):
            return True
        if first in ("no", "so", "lot", "unit", "số") and re.match(r"^\S+\.?\s*\d", f):
            return True
        words = p.split()
        if _HOUSE_NO.match(words[0]) and not re.fullmatch(r"\d{5,6}", words[0]):
            if len(words) == 1:
                return bool(next_part and self.starts_address(next_part, strict=True))
            nxt = words[1]
            return (
                nxt[0].isupper()
                or fold(nxt).rstrip(".") in self.addr_words
                or (not strict and nxt[0].isalpha())
            )
        return False

    def looks_addressy(self, part: str) -> bool:
        """A later comma part that still belongs to the address (a district, a city, a postcode)."""
        p = strip_emoji(part).strip(" ,.-")
        if not p:
            return False
        words = p.split()
        if len(words) > 7:
            return False
        f = fold(p)
        if re.search(r"\d{5}", f):
            return True
        if self.starts_address(p):
            return True
        return True

    def trim_tail(self, part: str) -> str:
        """Drop chat particles and emoji after the last address word (`Kupang ya kak 🙏`)."""
        t = strip_emoji(part).strip()
        words = t.split()
        while words and fold(words[-1]).strip(".,!?") in self.fillers | {
            "ya",
            "kak",
            "nha",
            "nhe",
            "a",
            "ạ",
            "nhé",
            "lah",
            "pls",
            "please",
            "ok",
        }:
            words = words[:-1]
        return " ".join(words).strip(" ,;")
