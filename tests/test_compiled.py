"""The parser compiled by mypyc (`make compiled`): used only when built from the sources as they are, and
reading every message exactly as the plain Python parser does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS

import bot.parse
from bot import compiled

ROOT = Path(__file__).resolve().parent.parent

# Each dev message parsed with the locale's catalog, printed as one JSON line per message.
PARSE_DEV = """
import json, sys
from pathlib import Path
from bot.compiled import parser_build
from bot.parse import Parser
from core.catalog import read_catalog
corpus = Path(sys.argv[1])
currency = {"id": "IDR", "vi": "VND", "en": "MYR"}
parsers = {loc: Parser(read_catalog(corpus / f"catalog-{loc}.csv"), locale=loc, currency=cur)
           for loc, cur in currency.items()}
print(parser_build())
for line in (corpus / "dev.jsonl").read_text(encoding="utf-8").splitlines():
    m = json.loads(line)
    p = parsers[m["locale"]]
    print(json.dumps([m["id"], p.parse(m["text"]).to_json(), p.parse_correction(m["text"][:60]).to_json()],
                     ensure_ascii=False))
"""


def _parse_dev(pure: bool) -> list[str]:
    env = dict(os.environ)
    env.pop("LAPAK_PURE_PYTHON", None)
    if pure:
        env["LAPAK_PURE_PYTHON"] = "1"
    done = subprocess.run([sys.executable, "-c", PARSE_DEV, str(CORPUS)], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.splitlines()


needs_build = pytest.mark.skipif(
    not compiled.fresh(), reason="no compiled parser built from these sources (make test builds it)")


@needs_build
def test_the_compiled_parser_is_the_one_imported_when_it_is_fresh() -> None:
    assert str(compiled.BUILD) in str(bot.parse.__file__)


@needs_build
def test_the_compiled_parser_reads_every_dev_message_as_the_plain_one_does() -> None:
    fast, plain = _parse_dev(pure=False), _parse_dev(pure=True)
    assert fast[0] == "parser compiled by mypyc" and plain[0] == "parser in plain Python"
    assert len(fast) == len(plain) > 100
    assert fast[1:] == plain[1:]


def test_a_build_from_other_sources_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stamp = tmp_path / "stamp"
    monkeypatch.setattr(compiled, "STAMP", stamp)
    path: list[str] = []
    stamp.write_text(compiled.source_stamp())
    monkeypatch.setenv("LAPAK_PURE_PYTHON", "")
    assert compiled.use_if_fresh(path) and path[0] == str(compiled.BUILD / "bot")
    stamp.write_text("made from a parser edited since")
    path.clear()
    assert not compiled.use_if_fresh(path) and path == []
    stamp.unlink()
    assert not compiled.use_if_fresh(path) and path == []


def test_the_stamp_changes_with_any_parser_source_or_lexicon(monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    sources = tmp_path / "bot" / "parse"
    (sources / "lexicon").mkdir(parents=True)
    (sources / "text.py").write_text("X = 1\n")
    (sources / "lexicon" / "id.json").write_text("{}\n")
    monkeypatch.setattr(compiled, "ROOT", tmp_path)
    monkeypatch.setattr(compiled, "SOURCES", sources)
    first = compiled.source_stamp()
    (sources / "lexicon" / "id.json").write_text('{"honorifics": ["kak"]}\n')
    second = compiled.source_stamp()
    (sources / "text.py").write_text("X = 2\n")
    assert len({first, second, compiled.source_stamp()}) == 3
    assert json.loads((sources / "lexicon" / "id.json").read_text())  # the file itself is left as it was
