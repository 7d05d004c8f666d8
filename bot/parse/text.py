"""Text plumbing for the parser: cleaning, diacritic folding that keeps offsets, chat-export prefixes."""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 12000  # a long chat export fits; capping keeps a 100 KB paste fast

PHONE_MARK = "\ue000"  # stands where a phone number was, so it splits fields but is never a word


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    low = ch.lower()
    if len(low) != 1:
        return ch
    base = unicodedata.normalize("NFD", low)[0]
    return base if base.isascii() else low


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for start, end in ((0x41, 0x5A), (0xC0, 0x24F), (0x1E00, 0x1EFF), (0x300, 0x36F)):
        for cp in range(start, end + 1):
            ch = chr(cp)
            if unicodedata.category(ch) == "Mn":
                table[cp] = " "  # a stray combining mark: keep the length, drop the accent
                continue
            folded = _fold_char(ch)
            if folded != ch:
                table[cp] = folded
    return table


_FOLDS = _fold_table()
# the same table as a sequence indexed by code point (itself where nothing changes): str.translate
# looks a character up in it about twice as fast as in a dict; past its end a character stays itself
_TABLE = tuple(_FOLDS.get(cp, chr(cp)) for cp in range(max(_FOLDS) + 1))


def fold(text: str) -> str:
    """Lower case without Vietnamese/Latin diacritics, one character for one (offsets stay valid).
    In ASCII the table only lowers A-Z, which `str.lower` does many times faster than a translation."""
    if text.isascii() or (PHONE_MARK in text and text.replace(PHONE_MARK, "").isascii()):
        return text.lower()  # lower() leaves the mark where a phone number was as it is
    return text.translate(_TABLE)


_CHAT_PREFIX = re.compile(
    r"^[^\w\[\n]{0,6}\s*(?:\[?\s*\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?,?\s+\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\s*"
    r"(?:[AaPp]\.?[Mm]\.?)?\s*\]?|\[\s*\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*,?\s*\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?\s*\])"  # also `[11:02, 27/11/2024]`, `[09:12 05/12]`
    r"\s*[-–]?\s*([^:\n]{1,40}?):\s*"
)
# `14:02 với dầu gội 1 chai`: a bare clock time starting a line of a pasted chat (the speaker said once,
# above); only where two lines or more start so, as a time alone may be what a line says (`10:30 giao nha`)
_BARE_TIME = re.compile(r"^(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*[AaPp]\.?[Mm]\.?)?[ \t]+(?=\S)", re.M)
_BARE_TIME_SEEN = re.compile(r"\n(?:[01]?\d|2[0-3]):[0-5]\d")  # the second at least starts after a newline
_ZALO_PREFIX = re.compile(r"^\s*\[(?:chuyển tiếp|forwarded|diteruskan|đã chuyển tiếp)\]\s*", re.I)
# `[Zalo] Nguyễn Minh Tuấn: shop ơi…`: a chat app's tag, then a speaker of two to five capitalised words
# (one word could be a form label, `[Zalo] Tên: Lan`, so it is left in the text)
_APP_PREFIX = re.compile(
    r"^\s*\[(zalo|whats\s?app|wa|messenger|telegram|line|facebook|fb|instagram|ig|tiktok)\]\s*"
    r"((?:[^\W\d_][^\s:\d]*\s+){1,4}[^\W\d_][^\s:\d]*)\s*:\s*",
    re.I,
)


# control characters and odd spaces become a space; format characters (RTL marks, zero-width joiners),
# private-use characters (PHONE_MARK among them) and lone surrogates are dropped
_SPACE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200a\u2029\u202f\u205f\u3000]")
_DROP = re.compile(
    # the surrogates by chr(): mypyc, which compiles this module, takes no surrogate in a literal
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ue000-\uf8ff"
    + chr(0xD800) + "-" + chr(0xDFFF) + "\U000e0000-\U000e007f]"
)


_KEYCAP = re.compile("([0-9#*])\ufe0f?\u20e3")


def clean(raw: str, speakers: list[tuple[str, str]] | None = None, apps: list[str] | None = None) -> str:
    """NFC, no control or format characters, capped length, chat-export timestamps removed.
    `speakers` receives each export line's speaker with what that line says; `apps` the chat app's tag
    an export writes before each speaker (`[Zalo] Chị Hạnh: …`)."""
    text = unicodedata.normalize("NFC", raw[: MAX_CHARS * 2])[:MAX_CHARS]
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    if not text.isascii() or not text.replace("\n", " ").isprintable():
        text = _SPACE.sub(" ", text)  # in ASCII only control characters are replaced: most texts have none
    if not text.isascii():  # what is dropped, keycaps and 🔟 are all outside ASCII
        text = _DROP.sub("", text)
        if "\u20e3" in text:  # every keycap ends with this mark
            text = _KEYCAP.sub(r"\1", text)
        text = text.replace("🔟", "10")  # `2️⃣ pashmina`: an emoji digit is a digit
    if _BARE_TIME_SEEN.search(text) and len(_BARE_TIME.findall(text)) >= 2:
        text = _BARE_TIME.sub("", text)
    lines = []
    for line in text.split("\n"):
        bracket = "[" in line  # a forward mark and an app's tag are in brackets
        line = _ZALO_PREFIX.sub("", line) if bracket else line
        said: str | None = None
        app = _APP_PREFIX.match(line) if bracket else None
        if app and all(w[0].isupper() for w in app.group(2).split()):
            said, line = app.group(2).strip(), line[app.end() :]
            if apps is not None:
                apps.append(app.group(1))
        # a timestamp is the line's first word character: a line starting with a letter has none
        for _ in range(3) if not line[:1].isalpha() else ():  # an export forwarded may carry two
            m = _CHAT_PREFIX.match(line)
            if not m:
                break
            said = m.group(1).strip()
            line = line[m.end() :]
        if said and speakers is not None:
            speakers.append((said, line.strip()))
        lines.append(line.strip())
    return "\n".join(lines).strip()


EMOJI_RE = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\ufe0f\u200d\u2190-\u21ff\u25a0-\u25ff]"
)


def strip_emoji(text: str) -> str:
    return text if text.isascii() else EMOJI_RE.sub(" ", text)  # every emoji is far outside ASCII


_ASCII_DIGIT = re.compile(r"[0-9]")


def has_digit(text: str) -> bool:
    """`any(ch.isdigit() for ch in text)`, without a Python step per character: in ASCII the digits of
    str.isdigit are 0-9, found by one search; elsewhere each character is asked in C."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return any(map(str.isdigit, text))


WORD_RE = re.compile(r"[^\W_]+(?:['’&/.-][^\W_]+)*", re.UNICODE)


def words(folded: str) -> list[str]:
    return WORD_RE.findall(folded)
