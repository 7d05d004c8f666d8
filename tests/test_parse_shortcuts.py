"""The parser's shortcuts answer as the longer ways they stand for: a search skipped when the text lacks a
character every match needs, a search of a whole text for per-line matches, a slice of a folded text for
the fold of a slice, and the digit and last-word checks written without a Python step per character."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CORPUS
from parse_helpers import parser
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.parse import fields
from bot.parse.text import PHONE_MARK, fold, has_digit

_TRICKY = [
    "",
    " ",
    "a",
    "Jl. Melati No. 5",
    "Nama: Budi - 0812",
    "1) kaos\n2) hijab",
    "  3. kaos hitam\n\n4.  pashmina\n5.x",
    "\n\n1. a\n 2) b",
    "x²",
    "①②",
    "٣ hộp",
    "size ³ l",
    "(Kak) Rina: 2 pcs | 1 pcs • 3 ~ 4 ; 5 / 6",
    "giúp e. P. Q. a.n. Budi!",
    "Hà Nội? Có. Đúng!!",
    f"HP {PHONE_MARK}. Bayar COD",
    "İstanbul ǅ ß ﬁ",
    "tab\tseparated\vvalues\x0cand\u00a0spaces\u2003here",
]


def _corpus_texts() -> list[str]:
    texts = list(_TRICKY)
    data = Path(__file__).resolve().parent / "data"
    for path in [CORPUS / "dev.jsonl"] + [data / f"unseen{s}.jsonl" for s in ("", "2", "3", "4")]:
        if path.exists():
            texts += [
                json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line
            ]
    return texts


TEXTS = _corpus_texts()
LINES = [line for t in TEXTS for line in t.split("\n")]


def test_has_digit_is_any_isdigit() -> None:
    for text in TEXTS + LINES + [w for t in TEXTS for w in t.split()]:
        assert has_digit(text) == any(ch.isdigit() for ch in text), text


def test_a_slice_of_a_folded_text_is_the_fold_of_the_slice() -> None:
    for text in TEXTS[:400]:
        folded = fold(text)
        assert len(folded) == len(text)
        for cut in range(0, len(text), 7):
            assert folded[:cut] == fold(text[:cut])
            assert folded[cut:] == fold(text[cut:])


def test_enumerated_lines_are_counted_in_one_search() -> None:
    for text in TEXTS:
        per_line = sum(1 for line in text.split("\n") if fields._ENUMERATOR.match(line))
        assert len(fields._ENUMERATED_LINE.findall(text)) == per_line, text


def test_searches_are_skipped_only_where_they_cannot_match() -> None:
    for line in LINES + [line.lower() for line in LINES]:
        if fields._SENTENCE_END.search(line):
            assert fields._may_end_sentence(line), line
        if fields._PLAIN_SEP.search(line):
            assert fields._may_separate(line), line


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_word_before_a_full_stop_is_the_last_run_of_non_spaces(locale: str) -> None:
    splitter = parser(locale).splitter
    last_word = re.compile(r"(\S+)$")
    for line in LINES:
        for m in re.finditer(r"\.", line):
            window = line[max(0, m.start() - 24) : m.start()].lower()
            found = last_word.search(window)
            word = found.group(1).lstrip("(") if found else ""
            expected = bool(
                word in fields.ABBREVIATIONS
                or (
                    len(word) == 1
                    and word.isascii()
                    and word.isalpha()
                    and not (line[m.start() - 1].islower() and splitter.lex.has("fillers", word))
                )
                or fields._INITIALS.fullmatch(word)
            )
            assert splitter._no_sentence_end(line, m.start()) == expected, line


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_strip_prefix_without_a_prefix_keeps_the_part(locale: str) -> None:
    shape = parser(locale).shape
    for line in LINES:
        for part in line.split(","):
            f = fold(part)
            if not any(f.startswith(p + " ") for p in shape.prefixes):
                assert shape.strip_prefix(part) is part


def test_line_labels_are_looked_for_only_where_one_can_stand() -> None:
    arrows = ["Nama 👉 Budi", "Alamat -> Jl. X", "Nama => Budi", "Kurir » JNE", "HP = 0812", "Tên：Lan"]
    for line in LINES + arrows:
        if fields._LINE_LABEL.match(line):
            assert fields._may_hold_label(line), line


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_free_shipping_is_searched_for_only_where_a_word_of_it_stands(locale: str) -> None:
    p = parser(locale)
    needles = p._free_ship_words
    assert needles is not None
    extra = [f"{w} ya kak" for w in p.lex.words("free_shipping")]
    for text in TEXTS + extra:
        f = fold(text)
        if p._free_ship.search(f):
            assert any(w in f for w in needles), text


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_nearest_label_is_the_one_a_search_of_every_label_finds(locale: str) -> None:
    splitter = parser(locale).splitter
    keys = set()
    for label in splitter.fuzzy_labels:
        for i in range(len(label)):
            keys.add(label[:i] + label[i + 1 :])  # a dropped letter
            keys.add(label[:i] + "x" + label[i + 1 :])  # a wrong one
            keys.add(label[:i] + label[i + 1 : i + 2] + label[i : i + 1] + label[i + 2 :])  # two swapped
    for line in LINES:
        head = fold(line.split(":")[0]).strip()
        keys.add(" ".join(head.split()[:4]))
    for key in sorted(k for k in keys if 3 <= len(k) <= 24):
        near = splitter._near.get(len(key), [])
        most = 1 if len(key) < 7 else 2
        full = process.extractOne(key, near, scorer=DamerauLevenshtein.distance, score_cutoff=2)
        expected = full[0] if full and full[0][0] == key[0] and full[1] <= most else None
        found = splitter._nearest_label(key, most)
        assert (found[0] if found and found[0][0] == key[0] else None) == expected, key
