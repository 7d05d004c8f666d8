"""The parser on the development corpus, scored by the corpus's own scorer, against issue 3's targets."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS

from bot.parse import Parser
from core.catalog import read_catalog

TARGET_FIELDS, TARGET_EXACT, TARGET_LOCALE = 0.97, 0.90, 0.95


@pytest.mark.skipif(not (CORPUS / "dev.jsonl").exists(), reason="the shared corpus is not here")
def test_the_dev_corpus_meets_the_targets(tmp_path: Path) -> None:
    messages = [
        json.loads(line)
        for line in (CORPUS / "dev.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    parsers: dict[str, Parser] = {}
    preds = []
    for m in messages:
        loc = m["locale"]
        if loc not in parsers:
            parsers[loc] = Parser(
                read_catalog(CORPUS / f"catalog-{loc}.csv"), locale=loc, currency=m["currency"]
            )
        preds.append(
            json.dumps({"id": m["id"], "order": parsers[loc].parse(m["text"]).to_json()}, ensure_ascii=False)
        )
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(preds) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(CORPUS / "score.py"), str(CORPUS / "dev.jsonl"), str(pred)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    last = re.search(r"field_accuracy=([\d.]+) exact_match=([\d.]+)", out)
    assert last, out
    assert float(last.group(1)) >= TARGET_FIELDS, out
    assert float(last.group(2)) >= TARGET_EXACT, out
    per_locale = re.search(r"^field_accuracy\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)", out, re.M)
    assert per_locale, out
    for value in per_locale.groups()[1:]:
        assert float(value) >= TARGET_LOCALE, out
