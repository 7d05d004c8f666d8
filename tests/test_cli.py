"""`lapak shop|products|orders|stock` end to end on a temporary SQLite file, through the real entry point."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, PG_URL
from sqlalchemy.engine import make_url

from bot.cli import main

DRAFT = {"customer": {"name": "Budi Santoso", "phone": "+6281234567890", "address": "Jl. Melati 5, Bandung"},
         "items": [{"sku": "KPH-L", "name": "Kaos Polos Hitam L", "qty": 2, "unit_price": 85000}],
         "channel": "whatsapp", "payment": "cod", "courier": "jnt", "shipping_fee": 15000, "discount": None,
         "currency": "IDR", "note": None, "missing": []}
SHOPS = {"id": ("Toko Budi", "IDR", "Asia/Jakarta"), "vi": ("Shop Lan", "VND", "Asia/Ho_Chi_Minh"),
         "en": ("Kedai Ahmad", "MYR", "Asia/Kuala_Lumpur")}


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


Lapak = Callable[..., Result]


@pytest.fixture
def lapak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Lapak:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("LAPAK_DATABASE_URL", f"sqlite:///{tmp_path / 'lapak.db'}")
    monkeypatch.delenv("LAPAK_SHOP", raising=False)

    def run(*args: str, stdin: str | None = None) -> Result:
        monkeypatch.setattr(sys, "argv", ["lapak", *args])
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        with pytest.raises(SystemExit) as exit_:
            main()
        captured = capsys.readouterr()
        return Result(int(exit_.value.code or 0), captured.out, captured.err)

    return run


def _one_line_error(r: Result, *fragments: str) -> None:
    assert r.code == 1, r
    assert r.err.count("\n") == 1 and "Traceback" not in r.err, r.err
    for fragment in fragments:
        assert fragment in r.err


def _with_shop(lapak: Lapak, locale: str = "id") -> None:
    name, currency, tz = SHOPS[locale]
    assert lapak("shop", "create", "--name", name, "--currency", currency, "--locale", locale,
                 "--timezone", tz, "--owner", "42").code == 0
    assert lapak("products", "import", str(CORPUS / f"catalog-{locale}.csv"), "--shop", name).code == 0


def _stock(lapak: Lapak, sku: str, *shop: str) -> tuple[int, int]:
    row = next(p for p in lapak("stock", "--json", *shop).json() if p["sku"] == sku)
    return row["on_hand"], row["reserved"]


def test_without_a_shop_every_command_says_to_create_one(lapak: Lapak) -> None:
    _one_line_error(lapak("orders", "list"), "lapak shop create")
    assert "no shops yet" in lapak("shop", "list").out


def test_a_shop_is_created_and_listed(lapak: Lapak) -> None:
    r = lapak("shop", "create", "--name", "Toko Budi", "--currency", "IDR", "--locale", "id",
              "--timezone", "Asia/Jakarta", "--owner", "42")
    assert r.code == 0 and "Toko Budi" in r.out
    assert lapak("shop", "list", "--json").json() == [
        {"id": 1, "name": "Toko Budi", "currency": "IDR", "locale": "id", "timezone": "Asia/Jakarta"}]


def test_a_shop_with_a_wrong_currency_is_one_clear_line(lapak: Lapak) -> None:
    r = lapak("shop", "create", "--name", "X", "--currency", "RUPIAH", "--locale", "id",
              "--timezone", "Asia/Jakarta")
    _one_line_error(r, "currency", "RUPIAH")


def test_the_three_corpus_catalogs_import_as_they_are(lapak: Lapak) -> None:
    for locale in SHOPS:
        _with_shop(lapak, locale)
    for locale, (name, currency, _) in SHOPS.items():
        listed = lapak("products", "list", "--json", "--shop", name).json()
        lines = (CORPUS / f"catalog-{locale}.csv").read_text(encoding="utf-8").strip().splitlines()
        assert len(listed) == len(lines) - 1
        assert {p["currency"] for p in listed} == {currency}
    listed = lapak("products", "list", "--json", "--shop", "Kedai Ahmad").json()
    wc = next(p for p in listed if p["sku"] == "WC3-15")
    assert (wc["price"], wc["cost"]) == (12.9, 7.2)


def test_several_shops_need_shop_and_the_error_names_them(lapak: Lapak) -> None:
    _with_shop(lapak, "id")
    _with_shop(lapak, "vi")
    _one_line_error(lapak("products", "list"), "--shop", "Toko Budi", "Shop Lan")
    assert lapak("products", "list", "--shop", "2").code == 0
    _one_line_error(lapak("products", "list", "--shop", "Nowhere"), "unknown shop")


def test_a_csv_with_a_bad_row_imports_nothing_and_names_row_and_column(lapak: Lapak, tmp_path: Path) -> None:
    lapak("shop", "create", "--name", "T", "--currency", "IDR", "--locale", "id",
          "--timezone", "Asia/Jakarta")
    good = (CORPUS / "catalog-id.csv").read_text(encoding="utf-8").splitlines()
    bad = good[:5] + [good[5].replace(",85000,", ",mahal,")] + good[6:]
    assert ",mahal," in bad[5]
    (tmp_path / "bad.csv").write_text("\n".join(bad) + "\n", encoding="utf-8")
    _one_line_error(lapak("products", "import", "bad.csv"), "row 6, column price")
    assert lapak("products", "list", "--json").json() == []
    _one_line_error(lapak("products", "import", "missing.csv"), "no such file")


def test_prices_with_thousands_dots_import_as_the_shops_currency_writes_them(lapak: Lapak,
                                                                              tmp_path: Path) -> None:
    for name, currency, locale, tz in (("Toko", "IDR", "id", "Asia/Jakarta"),
                                       ("Shop", "VND", "vi", "Asia/Ho_Chi_Minh")):
        lapak("shop", "create", "--name", name, "--currency", currency, "--locale", locale, "--timezone", tz)
    (tmp_path / "t.csv").write_text("sku,name,variant,aliases,price,cost,stock\n"
                                    "NEW-1,Topi,,topi,150.000,20.000,5\n", encoding="utf-8")

    for name in ("Toko", "Shop"):
        assert lapak("products", "import", "t.csv", "--shop", name).code == 0
        [product] = lapak("products", "list", "--json", "--shop", name).json()
        assert (product["price"], product["cost"]) == (150000, 20000)


def test_a_sheet_in_the_shops_words_imports_and_names_the_columns_left_out(lapak: Lapak,
                                                                          tmp_path: Path) -> None:
    lapak("shop", "create", "--name", "Toko", "--currency", "IDR", "--locale", "id",
          "--timezone", "Asia/Jakarta")
    (tmp_path / "t.csv").write_text("Kode;Nama Produk;Harga;Stok;Kategori\nTPI-1;Topi;50.000;5;Aksesoris\n",
                                    encoding="utf-8")

    r = lapak("products", "import", "t.csv")

    assert r.out == "t.csv: 1 created, 0 updated, 0 unchanged (Toko); columns left out: Kategori\n"
    [product] = lapak("products", "list", "--json").json()
    assert (product["sku"], product["price"], product["on_hand"]) == ("TPI-1", 50000, 5)


def test_a_price_list_imported_again_keeps_the_variants_aliases_and_active_flags_it_has_no_column_for(
        lapak: Lapak, tmp_path: Path) -> None:
    _with_shop(lapak)
    (tmp_path / "off.csv").write_text("sku,name,price,active\nKPP-M,Kaos Polos Putih,85000,no\n",
                                      encoding="utf-8")
    lapak("products", "import", "off.csv")
    before = {p["sku"]: p for p in lapak("products", "list", "--json").json()}
    (tmp_path / "prices.csv").write_text("sku,name,price\nKPH-L,Kaos Polos Hitam,90000\n"
                                         "KPP-M,Kaos Polos Putih,95000\n", encoding="utf-8")

    r = lapak("products", "import", "prices.csv")

    assert r.out == "prices.csv: 0 created, 2 updated, 0 unchanged (Toko Budi)\n"
    after = {p["sku"]: p for p in lapak("products", "list", "--json").json()}
    assert [(after[sku]["title"], after[sku]["aliases"], after[sku]["price"], after[sku]["active"])
            for sku in ("KPH-L", "KPP-M")] == [
        ("Kaos Polos Hitam L", before["KPH-L"]["aliases"], 90000, True),
        ("Kaos Polos Putih M", before["KPP-M"]["aliases"], 95000, False)]
    assert before["KPH-L"]["aliases"] and before["KPP-M"]["aliases"]


def test_a_bad_amount_or_a_file_that_is_not_utf8_is_one_english_line(
        lapak: Lapak, tmp_path: Path) -> None:
    lapak("shop", "create", "--name", "Shop", "--currency", "VND", "--locale", "vi",
          "--timezone", "Asia/Ho_Chi_Minh")
    (tmp_path / "t.csv").write_text("sku,name,price,stock\nA,A,7.90,-5\n", encoding="utf-8")
    (tmp_path / "x.csv").write_bytes(b"\xff\xfe\x00sku")

    _one_line_error(lapak("products", "import", "t.csv"),
                    "row 2, column price: 7.90 has decimals, but VND has none; "
                    "row 2, column stock: -5 is negative")
    _one_line_error(lapak("products", "import", "x.csv"), "x.csv: is not UTF-8 text")
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04" + bytes(60))
    _one_line_error(lapak("products", "import", "x.xlsx"), "x.xlsx: is a spreadsheet file", "CSV UTF-8")
    assert lapak("products", "list", "--json").json() == []


def test_an_order_goes_from_confirmed_to_delivered_with_stock_following(lapak: Lapak, tmp_path: Path) -> None:
    _with_shop(lapak)
    assert _stock(lapak, "KPH-L") == (55, 0)
    (tmp_path / "draft.json").write_text(json.dumps(DRAFT), encoding="utf-8")
    added = lapak("orders", "add", "--json", "draft.json", "--by", "42")
    assert added.code == 0, added.err
    order = added.json()
    assert (order["number"], order["status"], order["payment_status"], order["total"]) == (
        1001, "confirmed", "cod_pending", 185000)
    assert _stock(lapak, "KPH-L") == (55, 2)
    assert lapak("orders", "move", "1001", "packed", "--by", "7").code == 0
    shipped = lapak("orders", "move", "#1001", "shipped", "--courier", "jnt", "--waybill", "JP0012345",
                    "--json")
    assert shipped.json()["waybill"] == "JP0012345"
    assert _stock(lapak, "KPH-L") == (53, 0)
    assert lapak("orders", "move", "1001", "delivered").code == 0
    assert lapak("orders", "move", "1001", "cod_collected").code == 0
    listed = lapak("orders", "list", "--json").json()
    assert [(o["number"], o["status"], o["payment_status"]) for o in listed] == [
        (1001, "delivered", "cod_collected")]
    assert [e["to"] for e in listed[0]["events"]] == [
        "confirmed", "cod_pending", "packed", "shipped", "delivered", "cod_collected"]
    shown = lapak("orders", "show", "1001")
    assert "Kaos Polos Hitam L" in shown.out and "JP0012345" in shown.out
    assert _stock(lapak, "KPH-L") == (53, 0)


def test_orders_are_added_from_standard_input_and_from_parse_jsonl_lines(lapak: Lapak) -> None:
    _with_shop(lapak)
    draft = {k: v for k, v in DRAFT.items() if k != "currency"}
    assert lapak("orders", "add", "--json", "-", stdin=json.dumps(draft)).json()["number"] == 1001
    line = json.dumps({"id": "m-7", "order": DRAFT})
    assert lapak("orders", "add", "--json", "-", stdin=line).json()["number"] == 1002
    confirmed = lapak("orders", "list", "--status", "confirmed", "--json").json()
    assert [o["number"] for o in confirmed] == [1002, 1001]
    assert lapak("orders", "list", "--status", "packed", "--json").json() == []


def test_an_oversell_is_refused_naming_the_short_skus(lapak: Lapak) -> None:
    _with_shop(lapak)
    items = [{"sku": "KPH-L", "qty": 60}, {"sku": "KPH-M", "qty": 41}, {"sku": "KPP-M", "qty": 1}]
    draft = {**DRAFT, "items": items}
    _one_line_error(lapak("orders", "add", "--json", "-", stdin=json.dumps(draft)), "KPH-L", "KPH-M")
    assert _stock(lapak, "KPH-L") == (55, 0) and _stock(lapak, "KPP-M") == (35, 0)
    assert lapak("orders", "list", "--json").json() == []


@pytest.mark.parametrize(("args", "fragment"), [
    (("orders", "show", "9999"), "unknown order: #9999"),
    (("orders", "show", "abc"), "not an order number"),
    (("orders", "move", "1001", "flying"), "not a status"),
    (("orders", "move", "1001", "delivered"), "cannot go from confirmed to delivered"),
    (("orders", "list", "--status", "lost"), "--status"),
    (("orders", "list", "--limit", "many"), "--limit"),
    (("orders", "teleport"), "No such command"),
    (("orders", "add", "--json", "nofile.json"), "nofile.json"),
    (("stock", "adjust", "KPH-L", "lots", "--reason", "x"), "not a whole number"),
    (("stock", "adjust", "KPH-L", "-1000", "--reason", "count"), "not enough stock"),
    (("stock", "adjust", "NOPE", "+1", "--reason", "count"), "unknown product: NOPE"),
    (("stock", "adjust", "KPH-L", "+1"), "--reason"),
])
def test_a_wrong_argument_or_unknown_order_is_one_line_and_exit_1(lapak: Lapak, args: tuple[str, ...],
                                                                   fragment: str) -> None:
    _with_shop(lapak)
    assert lapak("orders", "add", "--json", "-", stdin=json.dumps(DRAFT)).code == 0
    _one_line_error(lapak(*args), fragment)


def test_a_path_that_cannot_be_written_or_read_is_one_line_naming_it(lapak: Lapak, tmp_path: Path) -> None:
    _with_shop(lapak)
    (tmp_path / "draft.json").write_bytes(b"\xff\xfe{}")

    _one_line_error(lapak("products", "export", "nowhere/out.csv"),
                    "nowhere/out.csv: No such file or directory")
    _one_line_error(lapak("products", "export", "."), ".: Is a directory")
    _one_line_error(lapak("orders", "add", "--json", "draft.json"), "draft.json: is not UTF-8 text")


def test_a_number_too_large_for_the_database_is_one_line_on_sqlite_and_postgresql(
        lapak: Lapak, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAPAK_DATABASE_URL", db_url)
    _with_shop(lapak)
    huge = "99999999999999999999"
    assert lapak("orders", "add", "--json", "-", stdin=json.dumps(DRAFT)).code == 0

    for amount in (huge, f"-{huge}", "+3000000000"):  # the last fits SQLite's integers, not PostgreSQL's
        _one_line_error(lapak("stock", "adjust", "KPH-L", amount, "--reason", "count"),
                        "is more than 1,000,000 units at once")
    for args in (("orders", "show", huge), ("orders", "list", "--limit", huge),
                 ("orders", "move", "1001", "packed", "--by", huge),
                 ("shop", "create", "--name", "Other", "--currency", "IDR", "--locale", "id",
                  "--timezone", "Asia/Jakarta", "--owner", huge)):
        _one_line_error(lapak(*args), "a number is too large to store")
    draft = {**DRAFT, "items": [{**DRAFT["items"][0], "qty": int(huge)}]}
    _one_line_error(lapak("orders", "add", "--json", "-", stdin=json.dumps(draft)), "too large")
    Path("prices.csv").write_text(f"sku,name,price\nKPH-L,Kaos Polos Hitam,{huge}\n", encoding="utf-8")
    _one_line_error(lapak("products", "import", "prices.csv"),
                    f"prices.csv: row 2, column price: {huge} is too large")
    assert _stock(lapak, "KPH-L") == (55, 2)
    assert [o["status"] for o in lapak("orders", "list", "--json").json()] == ["confirmed"]


@pytest.mark.parametrize(("variable", "value", "fragment"), [
    ("LAPAK_WEBHOOK_PORT", "abc", "LAPAK_WEBHOOK_PORT: Input should be a valid integer"),
    ("LAPAK_BOT_FRAMEWORK", "telethon", "LAPAK_BOT_FRAMEWORK: Input should be 'ptb' or 'aiogram'"),
    ("LAPAK_TELEGRAM_TOKEN", "changeme", "LAPAK_TELEGRAM_TOKEN: is still the placeholder from .env.example"),
    ("LAPAK_DATABASE_URL", "lapak.db", "LAPAK_DATABASE_URL: is neither sqlite:///FILE nor postgresql://"),
    ("LAPAK_DATABASE_URL", "mysql://shop:pw@db/lapak", "LAPAK_DATABASE_URL: is neither"),
    ("LAPAK_DATABASE_URL", "sqlite:///.", "cannot use the database: unable to open database file"),
    ("LAPAK_DATABASE_URL", "postgresql://shop:pw@127.0.0.1:1/lapak", "cannot use the database: connection"),
])
def test_a_bad_setting_is_one_line_naming_the_variable(lapak: Lapak, monkeypatch: pytest.MonkeyPatch,
                                                       variable: str, value: str, fragment: str) -> None:
    monkeypatch.setenv(variable, value)

    r = lapak("shop", "list")

    _one_line_error(r, fragment)
    assert ":pw@" not in r.err


def test_an_invalid_draft_names_what_is_wrong(lapak: Lapak) -> None:
    _with_shop(lapak)
    _one_line_error(lapak("orders", "add", "--json", "-", stdin="{not json"), "not valid JSON")
    item = {"sku": None, "name": "kaos hitam", "qty": 1, "candidates": ["KPH-M", "KPH-L"]}
    bad = {**DRAFT, "items": [item]}
    _one_line_error(lapak("orders", "add", "--json", "-", stdin=json.dumps(bad)), "kaos hitam", "KPH-M")
    short = {**DRAFT, "customer": {**DRAFT["customer"], "phone": "012"}}
    _one_line_error(lapak("orders", "add", "--json", "-", stdin=json.dumps(short)), "phone", "'012'")
    assert lapak("orders", "list", "--json").json() == []


def test_stock_is_adjusted_by_hand_and_low_stock_listed(lapak: Lapak) -> None:
    _with_shop(lapak)
    assert "on hand 52" in lapak("stock", "adjust", "KPH-L", "-3", "--reason", "damaged").out
    assert "on hand 62" in lapak("stock", "adjust", "KPH-L", "+10", "--reason", "restock").out
    assert "KPH-L: on hand 63" in lapak("stock", "adjust", "kph-l", "+1", "--reason", "lower case").out
    lapak("stock", "adjust", "KPP-M", "-32", "--reason", "count")
    low = lapak("stock", "--low", "--json").json()
    assert "KPP-M" in [p["sku"] for p in low] and all(p["is_low"] for p in low)
    assert "LOW" in lapak("stock").out


def test_export_round_trips_with_import(lapak: Lapak, tmp_path: Path) -> None:
    _with_shop(lapak, "vi")
    lapak("stock", "adjust", "SRM-150", "-2", "--reason", "sample")
    assert lapak("products", "export", "out.csv").code == 0
    again = lapak("products", "import", "out.csv")
    assert again.code == 0 and "0 created, 0 updated" in again.out
    assert lapak("products", "export", "-").out == (tmp_path / "out.csv").read_text(encoding="utf-8")


def test_the_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "LAPAK_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    r = subprocess.run([sys.executable, "-c", "from bot.cli import main; main()", "orders", "show", "1"],
                       capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


@pytest.mark.skipif(not PG_URL, reason="LAPAK_TEST_PG_URL is not set")
def test_db_upgrade_names_the_database_without_its_password(lapak: Lapak, pg_database: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    url = make_url(pg_database).set(password="s3cret-Pw")  # the test server trusts any password
    monkeypatch.setenv("LAPAK_DATABASE_URL", url.render_as_string(hide_password=False))

    r = lapak("db", "upgrade")

    assert r.code == 0, r.err
    assert r.out == (f"database is up to date: {url.drivername}://{url.username}:***@{url.host}:{url.port}/"
                     f"{url.database}\n")
    assert "s3cret" not in r.out + r.err
