"""What the buyer asks of the parcel in passing (`bungkus kado`, `gói quà`, `gift wrap`, `jangan dilipat`):
the draft's note, taken out of the text before its items and address are read."""

from __future__ import annotations

import re

from bot.parse.lexicon import Lexicon, WordPhrases
from bot.parse.text import PHONE_MARK, fold

# where a request ends: the end of its clause, or a phone number
_CLAUSE_END = re.compile(r"[,;!?\n" + PHONE_MARK + r"]|\.(?:\s|$)")


class Requests:
    """The lexicon's `requests` phrases, each with the words asking for it before it (`tolong`, `pls`)."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.phrases = WordPhrases(lex.words("requests"))
        self.leads = lex.words("request_leads")

    def any_in(self, folded: str) -> bool:
        """Does the folded message hold a request? Most hold none, told by one search."""
        return self.phrases.search(folded)

    def take(self, text: str) -> tuple[str, list[str]]:
        """The text without the requests in it, and the requests, each to the end of its clause."""
        f = fold(text)
        taken: list[tuple[int, int]] = []
        for start, end in self.phrases.spans(f):
            if (taken and start < taken[-1][1]) or not self.lex.accept("requests", text[start:end]):
                continue  # inside the request before, or another word typed with other marks (`gọi qua`)
            stop = _CLAUSE_END.search(text, end)
            end = stop.start() if stop else len(text)
            if text.count('"', start, end) % 2:  # `include a card "Selamat Hari Raya, Mak"`: the quote
                close = text.find('"', end)
                end = close + 1 if close >= 0 else len(text)
            taken.append((self._lead_start(f, start), end))
        if not taken:
            return text, []
        said = [text[s:e].strip(" ,.;:-") for s, e in taken]
        for s, e in reversed(taken):
            text = text[:s] + text[e:]
        return text, [s for s in said if s]

    def _lead_start(self, f: str, start: int) -> int:
        """Where the words asking for a request right before it start (`minta tolong bungkus kado`)."""
        while True:
            head = f[:start].rstrip()
            word = head.rsplit(None, 1)[-1] if head else ""
            if not word or word not in self.leads:
                return start
            start = len(head) - len(word)
