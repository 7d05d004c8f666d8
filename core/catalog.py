"""The catalog CSV (sku,name,variant,aliases,price,cost,stock): read and checked without a database."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain
from pathlib import Path

from core.catalog_columns import column_of
from core.errors import CatalogError, RowProblem
from core.money import UnreadableAmount, exponent, parse_major

COLUMNS = ("sku", "name", "variant", "aliases", "price", "cost", "stock")
REQUIRED = ("sku", "name", "price")
OPTIONAL_EXTRA = ("low_stock", "active")  # written by `lapak products export`, accepted on import
# Stock counts are 32-bit integers in PostgreSQL (INTEGER); a count past that is a slip of the keyboard.
MAX_COUNT = 2**31 - 1
_DELIMITERS = (",", ";", "\t")
_SPREADSHEETS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # the first bytes of zip and OLE2 files


@dataclass(frozen=True)
class CatalogRow:
    sku: str
    name: str
    variant: str = ""
    aliases: tuple[str, ...] = field(default_factory=tuple)
    price: Decimal = Decimal(0)
    cost: Decimal | None = None
    stock: int | None = None
    low_stock: int | None = None
    active: bool = True

    @property
    def title(self) -> str:
        """Name followed by the variant, as the corpus and the order card show it."""
        return f"{self.name} {self.variant}".strip()


@dataclass(frozen=True)
class CatalogSheet:
    """A catalog as the seller's sheet held it: its rows, and the header cells of the columns left out."""

    rows: list[CatalogRow]
    ignored: tuple[str, ...] = ()  # `Ghi chú`, `Kategori`: other columns of the sheet, as written
    # the catalog columns the header named: a price list without `aliases` leaves the aliases as they are
    columns: frozenset[str] = frozenset(COLUMNS + OPTIONAL_EXTRA)


def catalog_text(content: bytes) -> str:
    """The text of an uploaded or saved catalog file; a spreadsheet's own file (xlsx and ods are zip
    archives, xls an OLE2 file) or bytes that are not UTF-8 are one problem, saying how to save it."""
    if content.startswith(_SPREADSHEETS):
        raise CatalogError([RowProblem(1, "", "spreadsheet")])
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CatalogError([RowProblem(1, "", "not_utf8")]) from None


def read_catalog(source: str | Path | Iterable[str], currency: str | None = None) -> list[CatalogRow]:
    """The rows of `read_sheet`."""
    return read_sheet(source, currency).rows


def read_sheet(source: str | Path | Iterable[str], currency: str | None = None) -> CatalogSheet:
    """Read a catalog from a path, CSV text or lines; every bad row is reported before any is returned.

    Cells are separated by `,`, `;` or a tab, whichever splits the header into our columns (Excel writes
    `;` where the decimal point is a comma, as in Indonesia and Vietnam). The header names the columns in
    English, Indonesian or Vietnamese (`sku`, `Kode`, `mã`: catalog_columns.toml). Prices and costs are
    read as `currency` writes them (`50.000` is fifty thousand rupiah) or in the chat's shorthand (`85rb`);
    without a currency, only plain numbers with `.` as the decimal point, as `write_catalog` writes them,
    and the shorthand are read. Columns of another kind (a note, a category) are left out and named in the
    result. Text is read in Unicode NFC: a sheet saved on a Mac may spell `áo` as `a` and an accent
    apart, which matches nothing a seller types.
    """
    if isinstance(source, Path):
        lines: Iterator[str] = iter(io.StringIO(catalog_text(source.read_bytes())))
    elif isinstance(source, str):
        lines = iter(io.StringIO(source.lstrip("\ufeff")))
    else:
        lines = iter(source)
    first = next(lines, "")
    reader = csv.reader(chain([first], lines), delimiter=_delimiter(first, currency))
    header = next(reader, [])
    columns, ignored = _columns(header, currency)
    problems: list[RowProblem] = []
    rows: list[CatalogRow] = []
    seen: dict[str, tuple[int, str]] = {}  # a SKU in any case: its row and its spelling there
    for number, cells in enumerate(reader, start=2):
        if len(cells) > len(header):
            problems.append(RowProblem(number, "", "extra_values"))
            continue
        rec = {col: nfc(cells[i].strip()) if i < len(cells) else "" for col, i in columns.items()}
        if not any(rec.values()):
            continue
        row_problems: list[RowProblem] = []

        def bad(col: str, code: str, value: str = "", _n: int = number, _p: list[RowProblem] = row_problems,
                **params: str | int) -> None:
            _p.append(RowProblem(_n, col, code, value, params))

        sku = rec.get("sku", "")
        if not sku:
            bad("sku", "empty")
        elif (earlier := seen.get(sku.casefold())) is not None:
            row_problems.append(RowProblem(number, "sku", *duplicate(sku, *earlier)))
        else:
            seen[sku.casefold()] = (number, sku)
        if not rec.get("name"):
            bad("name", "empty")
        price = _amount(rec.get("price", ""), "price", currency, bad, required=True)
        cost = _amount(rec.get("cost", ""), "cost", currency, bad, required=False)
        stock = _count(rec.get("stock", ""), "stock", bad)
        low = _count(rec.get("low_stock", ""), "low_stock", bad)
        active_text = rec.get("active", "").lower()
        if active_text not in ("", "1", "0", "true", "false", "yes", "no"):
            bad("active", "not_yes_no", rec["active"])
        problems.extend(row_problems)
        if row_problems:
            continue
        aliases = tuple(a.strip() for a in rec.get("aliases", "").split("|") if a.strip())
        rows.append(CatalogRow(sku=sku, name=rec["name"], variant=rec.get("variant", ""), aliases=aliases,
                               price=price or Decimal(0), cost=cost, stock=stock, low_stock=low,
                               active=active_text not in ("0", "false", "no")))
    if problems:
        raise CatalogError(problems)
    return CatalogSheet(rows, ignored, frozenset(columns))


def nfc(text: str) -> str:
    """The text with `á` as one character, not `a` and an accent apart, however it was spelled."""
    return unicodedata.normalize("NFC", text)


def duplicate(sku: str, first_row: int, first: str) -> tuple[str, str, dict[str, str | int]]:
    """The problem of a SKU already on an earlier row: the same, or the same in other capitals
    (`dgb-300` after `DGB-300`), which would be a second product the chat shows as the same one."""
    if sku == first:
        return "duplicate_sku", sku, {"first_row": first_row}
    return "duplicate_sku_case", sku, {"first_row": first_row, "first": first}


def write_catalog(rows: Iterable[CatalogRow]) -> str:
    """CSV text that `read_catalog` reads back to the same rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS + OPTIONAL_EXTRA)
    for r in rows:
        writer.writerow([r.sku, r.name, r.variant, "|".join(r.aliases), plain(r.price),
                         "" if r.cost is None else plain(r.cost), "" if r.stock is None else r.stock,
                         "" if r.low_stock is None else r.low_stock, "yes" if r.active else "no"])
    return out.getvalue()


def _delimiter(header: str, currency: str | None) -> str:
    """`,`, `;` or a tab: the one that splits the header into the most of our columns (`,` if none does).

    Decided on the header alone: in a `;` file the rows may hold commas (`12,90`, `Kaos, hitam`)."""
    def known(delimiter: str) -> int:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        return len({column_of(cell, currency) for cell in cells} - {None})

    return max(_DELIMITERS, key=known)  # the first of equals: `,`


def _columns(header: list[str], currency: str | None) -> tuple[dict[str, int], tuple[str, ...]]:
    """Where each catalog column is in a row, from the header the seller wrote (`Kode;Nama;Harga`), and
    the header cells of the other columns, which are left out."""
    columns: dict[str, int] = {}
    ignored: list[str] = []
    problems: list[RowProblem] = []
    for i, cell in enumerate(nfc(c.strip()) for c in header):
        column = column_of(cell, currency)
        if column is None:
            if cell:  # a column without a name is an empty one Excel kept
                ignored.append(cell)
        elif column in columns:
            first = header[columns[column]].strip()
            problems.append(RowProblem(1, column, "same_column", cell, {"first": first}))
        else:
            columns[column] = i
    if not columns:  # another file: none of our columns
        raise CatalogError([RowProblem(1, "", "not_catalog", ",".join(header)[:60])])
    missing = [RowProblem(1, col, "missing_column", col) for col in REQUIRED if col not in columns]
    if missing:  # a column left out may be the one missing, under a name we do not know: say which
        problems += missing + [RowProblem(1, cell, "unknown_column", cell) for cell in ignored]
    if problems:
        raise CatalogError(problems)
    return columns, tuple(ignored)


def plain(value: Decimal) -> str:
    """`85000`, `12.90`: an amount as `read_catalog` reads it back, whatever the currency."""
    return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")


def _amount(text: str, col: str, currency: str | None, bad,  # type: ignore[no-untyped-def]
            required: bool) -> Decimal | None:
    if not text:
        if required:
            bad(col, "empty")
        return None
    try:
        return parse_major(text, currency)
    except UnreadableAmount as exc:
        bad(col, exc.code, text, **currency_params(exc.currency))
        return None


def currency_params(currency: str) -> dict[str, str | int]:
    """What a problem with an amount names besides the cell: the currency ("" if none) and its decimals."""
    return {"currency": currency, "digits": exponent(currency) if currency else 2}


def _count(text: str, col: str, bad) -> int | None:  # type: ignore[no-untyped-def]
    if not text:
        return None
    if re.fullmatch(r"-[0-9]+", text):
        bad(col, "negative", text)
        return None
    if not re.fullmatch(r"[0-9]+", text):  # not int(): it takes `1_000`, `+5` and other scripts' digits
        bad(col, "not_whole", text)
        return None
    if int(text) > MAX_COUNT:
        bad(col, "too_large", text)
        return None
    return int(text)
