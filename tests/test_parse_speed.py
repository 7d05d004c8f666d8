"""The parser's faster searches find exactly what the plain patterns they stand for find."""

from __future__ import annotations

import random
import re

import pytest

from bot.parse import phones
from bot.parse.lexicon import WordPhrases, load_lexicon

# odd neighbours: letters outside ASCII, `_`, the characters a lookbehind excludes, a phone's mark
GLUE = [" ", "  ", ", ", ": ", "\n", "", "x", "/", "-", "&", "@", "_", "é", "đ", ".", "(", "\ue000", "🙏"]


def _texts(phrases: list[str], seed: int, n: int = 400) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        picks = rng.sample(phrases, min(6, len(phrases)))
        text = "".join(p[: rng.randint(1, len(p))] if rng.random() < 0.2 else p for p in picks)
        out.append("".join(w + rng.choice(GLUE) for w in text.split(" ")))
    return out


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_word_phrases_find_what_their_pattern_finds(locale: str) -> None:
    lex = load_lexicon(locale)
    tables = [
        (lex.labels_re, sorted(lex.labels)),  # `@`, `a.n.`: a phrase starting or ending in no letter
        (lex.terms_re, sorted(lex.terms)),
        (WordPhrases(lex.words("corrections")), sorted(lex.words("corrections"))),
    ]
    for k, (found, phrases) in enumerate(tables):
        for text in _texts(phrases, k) + ["@ budi", "a.n.budi", "a.n. budi", "_nama", "nama_", "an.@"]:
            assert found.spans(text) == [m.span() for m in found.pattern.finditer(text)], text
            assert found.search(text) == (found.pattern.search(text) is not None), text


OLD_CANDIDATE = re.compile(r"(?<![\w+#/])((?:\+[ \t]?)?\(?\d[\d \t().\-]{3,22}\d)(?![\d]|[.,]\d)")


def test_phone_candidates_are_the_runs_the_lookbehind_pattern_finds() -> None:
    rng = random.Random(5)
    pieces = ["0812", "345", "+62", "+ 62", "(021)", "-", " ", ".", ",", "\t", "#", "/", "a", "é", "+", "("]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    for text in texts + ["+62 812-3456-789", "x+628123456", "#0812345", "(0812) 3456 789", "1.500.000"]:
        old = [m.span(1) for m in OLD_CANDIDATE.finditer(text)]
        assert [m.span() for m in phones.CANDIDATE_RE.finditer(text)] == old, text


def test_a_part_sent_past_the_clause_split_has_nothing_it_would_cut() -> None:
    from bot.parse.lines import _CLAUSE_SPLIT, _JOINERS, _may_join

    rng = random.Random(7)
    words = [*_JOINERS, "SAMA", "Dan", "ſama", "İ", "ı", "kaos", "hitam", "2", "xl", "sama2", "dan,", "+2"]
    glue = [" ", "  ", "\t", "", ",", "\n"]
    for _ in range(3000):
        part = "".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(1, 6)))
        if not _may_join(part):
            assert _CLAUSE_SPLIT.split(part) == [part], part


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_numbers_found_from_their_first_digit_are_those_the_lookbehind_finds(locale: str) -> None:
    from bot.parse.parser import _patterns

    new = _patterns(locale)
    old_becomes = re.compile(new.becomes.pattern.replace(r"\d(?<![\w.,]\d)\d{0,2}", r"(?<![\w.,])\d{1,3}"))
    old_either = re.compile(new.either.pattern.replace(r"\d(?<![\w.,]\d)\d{0,2}", r"(?<![\w.,])\d{1,3}"))
    rng = random.Random(11)
    pieces = ["2", "13", "1234", " ", "  ", "->", "→", "=>", "jadinya", "thành", "hay", "or", "atau"]
    pieces += ["a", ".", ","]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        for old, fast in ((old_becomes, new.becomes), (old_either, new.either)):
            assert [m.span() for m in old.finditer(text)] == [m.span() for m in fast.finditer(text)], text


OLD_ORDER_REF = re.compile(
    r"(?i)(?:(?:n(?:o\.?\s*pesanan|omor pesanan|o\.?\s*order)|order(?:\s*(?:id|no\.?|number))?|inv(?:oice)?|"
    r"m(?:ã đơn(?: hàng)?|a don)|đơn hàng)\s*[:#/]?\s*#?\s*([A-Z0-9][A-Z0-9/\-]{4,})"
    r"|#([A-Z0-9][A-Z0-9\-]{2,}))"
)


def test_order_numbers_read_in_pieces_are_those_of_the_case_blind_pattern() -> None:
    from bot.parse.parser import _order_refs

    rng = random.Random(13)
    pieces = ["no", "No.", "nomor pesanan", "pesanan", "order", "ORDER ID", "inv", "Invoice", "mã đơn"]
    pieces += ["ma don", "MÃ ĐƠN HÀNG", "đơn hàng", "#", ":", " ", "AB12", "x9", "12345", "abc-12", "/", "-"]
    pieces += ["\ue000", "\n"]
    pieces += ["İ", "ı", "ſ", "K"]  # the letters that lower() does not turn into what the pattern matches
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        for t in (text, text.upper()):
            assert list(_order_refs(t)) == [m.group(1) or m.group(2) for m in OLD_ORDER_REF.finditer(t)], t


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_a_value_without_a_correction_word_has_no_correction(locale: str) -> None:
    from bot.parse import Parser

    splitter = Parser([], locale=locale).splitter
    phrases = sorted(load_lexicon(locale).words("corrections")) + ["kaos", "hitam", "2", "ok"]
    for text in _texts(phrases, 17, 2000):
        if not any(w in text for w in splitter.correction_words):
            assert splitter.corrections_re.search(text) is None, text


def test_edge_punctuation_is_stripped_as_the_pattern_took_it_off() -> None:
    from bot.parse import freetext

    rng = random.Random(19)
    chars = list(" \t\n\u3000\xa0\u2028,.:;-–*\"“”'!?ab") + ["Siti", "Ánh", "🙏"]
    for _ in range(20000):
        t = "".join(rng.choice(chars) for _ in range(rng.randint(0, 8)))
        assert t.lstrip(freetext._LEAD_PUNCT).rstrip(freetext._TRAIL_PUNCT) == freetext._EDGE_PUNCT.sub("", t)


def _pieces_texts(pieces: list[str], seed: int, n: int = 3000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(n)]


def test_plain_separators_are_those_the_lookahead_pattern_finds() -> None:
    from bot.parse import fields

    # a colon between spaces (`@handle : …`) separates too
    old = re.compile(r"(?=[-–—|/•;~:\s])(?:\s[-–—|/•;~:]\s|\s\|\||[|•;]|(?<=\S):\s)")
    pieces = [" ", "  ", "\t", "\n", "-", "–", "—", "|", "||", "/", "•", ";", "~", ":", "a", "é", "2"]
    pieces.append("\ue000")
    for text in _pieces_texts(pieces, 13):
        assert [m.span() for m in fields._PLAIN_SEP.finditer(text)] == [
            m.span() for m in old.finditer(text)
        ], text


def test_questions_are_the_runs_the_question_pattern_finds() -> None:
    from bot.parse.parser import _QUESTION, _questions

    pieces = ["?", "??", ".", "!", "\n", " ", "a", "atau", "hay", "é", "?\n", "ok"]
    for text in _pieces_texts(pieces, 17):
        assert _questions(text) == [m.span() for m in _QUESTION.finditer(text)], text


def test_an_ordinal_is_found_in_the_window_before_the_number() -> None:
    from bot.parse.items import _ORDINAL_BEFORE

    pieces = ["ke", "ke-", "ke ", "#", "thu ", "lan thu ", "lan", " ", "\n", "a", "2", "x", "é", "-"]
    for text in _pieces_texts(pieces, 19):
        for s in range(len(text) + 1):
            assert bool(_ORDINAL_BEFORE.search(text, max(0, s - 12), s)) == bool(
                _ORDINAL_BEFORE.search(text, 0, s)
            ), (text, s)


def test_order_numbers_found_after_the_substring_tests_are_those_of_one_pattern() -> None:
    from bot.parse.parser import _ORDER_REF_PIECES, _order_refs

    whole = re.compile("|".join(f"(?:{p})" for p in _ORDER_REF_PIECES))
    pieces = ["no", "no.", "nomor pesanan", "order", "order id", "inv", "invoice", "mã đơn", "ma don",
              "đơn hàng", "#", ":", " ", "abc12", "12345", "-", "/", "x", "Order", "İ"]
    for text in _pieces_texts(pieces, 23):
        if "İ" in text:
            continue  # read case-blind, as before
        low = text.lower()
        expected = [text[m.start(m.lastindex) : m.end(m.lastindex)] for m in whole.finditer(low)
                    if m.lastindex]
        assert list(_order_refs(text)) == expected, text


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_address_hints_found_from_the_character_before_are_those_of_the_pattern(locale: str) -> None:
    from bot.parse.lexicon import alternation
    from bot.parse.parser import _patterns

    lex = load_lexicon(locale)
    hints = lex.words("address_prefixes") | lex.words("street_words") | {"ke", "ve", "den", "toi", "to"}
    old = re.compile(r"(?<!\w)(?:" + alternation(hints) + r")(?!\w)")
    fast = _patterns(locale).address_hint
    for text in _texts(sorted(hints), 29):
        assert fast.search(text) == (old.search(text) is not None), text
