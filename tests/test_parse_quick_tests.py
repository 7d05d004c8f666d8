"""The clause tests that answer from a clause's words alone agree with a full reading of the clause."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.parse import Parser
from bot.parse.clause import ClauseReader
from bot.parse.lexicon import STRICT
from core.catalog import read_catalog

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DATA = Path(__file__).resolve().parent / "data"
CURRENCY = {"id": "IDR", "vi": "VND", "en": "MYR"}


def _texts(locale: str) -> list[str]:
    """Lines, comma parts and runs of words of every message of the locale, as typed and lower-cased."""
    out: set[str] = set()
    for path in (CORPUS / "dev.jsonl", *sorted(DATA.glob("unseen*.jsonl"))):
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            msg = json.loads(line)
            if msg.get("locale") != locale:
                continue
            for text_line in msg["text"].split("\n"):
                for part in [text_line, *text_line.split(",")]:
                    words = part.split()
                    for size in (1, 2, 3, len(words)):
                        for k in range(0, max(1, len(words) - size + 1)):
                            piece = " ".join(words[k : k + size])
                            out.update((piece, piece.lower()))
    return sorted(t for t in out if t.strip())


def _forget(reader: ClauseReader) -> ClauseReader:
    """The reader with nothing read yet, so a quick test is not answered from an earlier reading."""
    reader._clauses.clear()
    reader._no_product.clear()
    return reader


# typed with diacritics (strict) matters in Vietnamese, where plain letters spell other words
@pytest.mark.parametrize(("locale", "strict"), [("id", False), ("vi", False), ("vi", True), ("en", False)])
def test_quick_answers_agree_with_full_readings(locale: str, strict: bool) -> None:
    catalog = CORPUS / f"catalog-{locale}.csv"
    if not catalog.exists():
        pytest.skip("the shared corpus is not here")
    parser = Parser(read_catalog(catalog), locale=locale, currency=CURRENCY[locale])
    items = parser.reader
    token = STRICT.set(strict)
    try:
        checked = nothing = no_product = 0
        quick_reader = ClauseReader(items.ix, items.currency)
        for text in _texts(locale):
            quick = _forget(quick_reader)
            says_nothing = quick.says_nothing(text)
            may_name = quick.may_name_product(text)
            read = items.read(text)
            if says_nothing:
                nothing += 1
                assert not read.rows and read.qty is None and read.price is None, text
                assert not items.may_pick_variant(text), text
            if not may_name:
                no_product += 1
                cl = items.clauses.clause(text)
                assert cl.sku_row is None and cl.best is None, text
                assert not any(c in items.ix.head_rows for c in cl.canon if c), text
            checked += 1
        assert checked > 500 and nothing > 50 and no_product > 50
    finally:
        STRICT.reset(token)
