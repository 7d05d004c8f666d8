"""`lapak parse` exactly as the contract says: one message, or JSON lines in and out."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from conftest import CORPUS
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()
CATALOG = str(CORPUS / "catalog-id.csv")


def test_one_message_prints_one_draft() -> None:
    result = runner.invoke(
        app,
        [
            "parse",
            "--catalog",
            CATALOG,
            "--locale",
            "id",
            "--currency",
            "IDR",
            "pashmina hitam 2, kirim ke Jl. Melati 5, Bandung, a.n. Rina 0812 3456 7890",
        ],
    )
    assert result.exit_code == 0
    draft = json.loads(result.stdout)
    assert draft["items"][0]["sku"] == "HPS-HTM" and draft["customer"]["phone"] == "+6281234567890"
    assert draft["currency"] == "IDR" and draft["missing"] == []


def test_jsonl_answers_each_line_in_order_and_reports_a_bad_line() -> None:
    lines = (
        "\n".join(
            [
                json.dumps({"id": "a", "locale": "id", "currency": "IDR", "text": "bergo navy 2"}),
                "{not json",
                json.dumps({"id": "b", "locale": "id", "currency": "IDR", "text": "ciput 3", "expected": {}}),
            ]
        )
        + "\n"
    )
    result = runner.invoke(app, ["parse", "--catalog", CATALOG, "--jsonl"], input=lines)
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, "b"]
    assert "error" in out[1] and "order" not in out[1]
    assert out[2]["order"]["items"][0]["sku"] == "ICR-01"


def test_a_catalog_that_cannot_be_read_exits_1(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["parse", "--catalog", str(tmp_path / "nope.csv"), "halo"])
    assert missing.exit_code == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,name\nA,\n", encoding="utf-8")
    assert runner.invoke(app, ["parse", "--catalog", str(bad), "halo"]).exit_code == 1


def test_the_currency_follows_the_locale_when_only_the_locale_is_given() -> None:
    catalog = str(CORPUS / "catalog-vi.csv")
    result = runner.invoke(app, ["parse", "--catalog", catalog, "--locale", "vi", "1 kcn"])
    assert result.exit_code == 0 and json.loads(result.stdout)["currency"] == "VND"


def test_a_blank_line_in_jsonl_still_gets_its_own_answer() -> None:
    lines = '{"id": "a", "text": "ciput 1"}\n\n{"id": "b", "text": "ciput 2"}\n'
    result = runner.invoke(app, ["parse", "--catalog", CATALOG, "--jsonl"], input=lines)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, "b"] and "error" in out[1]


def test_catalog_prices_are_read_in_the_currency_given(tmp_path: Path) -> None:
    catalog = tmp_path / "katalog.csv"
    catalog.write_text("sku,name,aliases,price\nTPI-1,Topi Rajut,topi,50.000\n", encoding="utf-8")

    result = runner.invoke(app, ["parse", "--catalog", str(catalog), "--currency", "IDR", "topi rajut 2"])
    without = runner.invoke(app, ["parse", "--catalog", str(catalog), "topi rajut 2"])

    assert result.exit_code == 0 and json.loads(result.stdout)["items"][0]["unit_price"] == 50000
    assert without.exit_code == 1  # no currency: `50.000` could be fifty thousand or fifty, so not read


def test_a_catalog_saved_in_nfd_matches_an_order_typed_in_nfc(tmp_path: Path) -> None:
    nfd = tmp_path / "catalog-mac.csv"  # as a Mac may save it: `á` as `a` and a combining accent
    nfd.write_text(unicodedata.normalize("NFD", "sku,name,variant,aliases,price\n"
                                                "AT-DEN,Áo thun,Đen,áo thun đen,150000\n"
                                                "QJ-XANH,Quần jean,Xanh,,350000\n"), encoding="utf-8")

    result = runner.invoke(app, ["parse", "--catalog", str(nfd), "--locale", "vi", "2 áo thun đen"])

    assert result.exit_code == 0, result.output
    [item] = json.loads(result.stdout)["items"]
    assert (item["sku"], item["name"], item["qty"]) == ("AT-DEN", "Áo thun Đen", 2)
