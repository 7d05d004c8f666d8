"""The catalog and stock counts: import, export, list, adjust — on SQLite and PostgreSQL."""

import io
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CORPUS
from sqlalchemy.engine import Engine
from sqlmodel import func, select

from bot.parse.money import parse_amount
from core import products, shops
from core.catalog import CatalogRow, catalog_text, read_catalog, read_sheet
from core.errors import CatalogError, InvalidValue, OutOfStock, UnknownProduct
from core.money import Money
from storage.db import unit_of_work
from storage.models import Product, StockMovement

SETTINGS = {"id": ("IDR", "Asia/Jakarta"), "vi": ("VND", "Asia/Ho_Chi_Minh"),
            "en": ("MYR", "Asia/Kuala_Lumpur")}
SMALL = ("sku,name,variant,aliases,price,cost,stock\n"
         "KPH-L,Kaos Polos Hitam,L,kaos hitam|kaos item,85000,42000,10\n"
         "KPP-M,Kaos Polos Putih,M,,85000,,3\n")


def _shop(engine: Engine, locale: str = "id", name: str = "Toko") -> int:
    currency, tz = SETTINGS[locale]
    with unit_of_work(engine) as s:
        return shops.create_shop(s, name=name, currency=currency, locale=locale, timezone=tz).id


def _import(engine: Engine, shop_id: int, csv_text: str,
            currency: str | None = None) -> products.ImportResult:
    sheet = read_sheet(csv_text, currency)
    with unit_of_work(engine) as s:
        return products.import_products(s, shop_id, sheet.rows, sheet.columns)


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_each_corpus_catalog_imports_as_it_is(engine: Engine, locale: str) -> None:
    shop_id = _shop(engine, locale)
    path = CORPUS / f"catalog-{locale}.csv"
    rows = read_catalog(Path(path))
    with unit_of_work(engine) as s:
        result = products.import_products(s, shop_id, rows)
        listed = products.list_products(s, shop_id)
    assert (result.created, result.updated) == (len(rows), 0)
    assert [p.sku for p in listed] == sorted(r.sku for r in rows)
    assert all(p.on_hand == (r.stock or 0) for p, r in zip(listed, sorted(rows, key=lambda r: r.sku),
                                                                strict=True))


def test_prices_are_kept_in_minor_units_of_the_shop_currency(engine: Engine) -> None:
    shop_id = _shop(engine, "en")
    _import(engine, shop_id, "sku,name,price,cost,stock\nWC3-15,White Coffee,12.90,7.20,60\n")
    with unit_of_work(engine) as s:
        p = products.get_product(s, shop_id, "WC3-15")
        stored = s.exec(select(Product.price, Product.cost).where(Product.sku == "WC3-15")).one()
    assert (p.price, p.cost) == (Money(1290, "MYR"), Money(720, "MYR"))
    assert tuple(stored) == (1290, 720)


def test_a_price_with_more_decimals_than_the_currency_is_refused(engine: Engine) -> None:
    shop_id = _shop(engine, "id")
    with pytest.raises(CatalogError) as err:
        _import(engine, shop_id, "sku,name,price\nA,A,1000\nB,B,85000.5\n")
    assert [(p.row, p.column) for p in err.value.problems] == [(3, "price")]
    with unit_of_work(engine) as s:
        assert products.list_products(s, shop_id) == []


LOCALE_OF = {"IDR": "id", "VND": "vi", "MYR": "en"}


@pytest.mark.parametrize(("currency", "written", "minor"), [
    ("IDR", "50.000", 50000), ("IDR", "1.500.000", 1500000), ("IDR", "50,000", 50000),
    ("IDR", "Rp 50.000", 50000), ("IDR", "Rp85.000", 85000), ("IDR", "85.000,00", 85000),
    ("VND", "150.000", 150000), ("VND", "1.200.000", 1200000), ("VND", "150,000", 150000),
    ("VND", "150.000 ₫", 150000), ("VND", "150.000đ", 150000),
    ("MYR", "1,200.50", 120050), ("MYR", "RM12.90", 1290), ("MYR", "RM 12", 1200),
])
def test_a_price_and_cost_are_read_as_the_shops_currency_writes_them(
        engine: Engine, currency: str, written: str, minor: int) -> None:
    shop_id = _shop(engine, LOCALE_OF[currency])
    _import(engine, shop_id, f'sku,name,price,cost\nNEW-1,Topi,"{written}","{written}"\n', currency)
    with unit_of_work(engine) as s:
        p = products.get_product(s, shop_id, "NEW-1")
    assert (p.price, p.cost) == (Money(minor, currency), Money(minor, currency))


@pytest.mark.parametrize(("currency", "written", "code"), [
    ("IDR", "1.5", "no_decimals"),  # one and a half, or a slip for 1.500? Never guessed.
    ("IDR", "12.90", "no_decimals"), ("VND", "7.90", "no_decimals"), ("VND", "1,5", "no_decimals"),
    ("IDR", "1.5000", "not_amount"), ("IDR", "1,500.000", "not_amount"), ("IDR", "1.000.50", "not_amount"),
    ("IDR", "1e5", "not_amount"), ("IDR", "85rbx", "not_amount"), ("IDR", "RM12", "not_amount"),
    ("VND", "150 000", "not_amount"), ("IDR", "-5.000", "negative"),
    ("MYR", "1.500", "decimals"), ("MYR", "50.000", "decimals"), ("MYR", "12.905", "decimals"),
    ("MYR", "12,90", "not_amount"), ("MYR", "Rp 12", "not_amount"), ("MYR", "-1.00", "negative"),
])
def test_an_amount_the_currency_does_not_write_so_is_refused_and_nothing_imported(
        engine: Engine, currency: str, written: str, code: str) -> None:
    shop_id = _shop(engine, LOCALE_OF[currency])
    with pytest.raises(CatalogError) as err:
        _import(engine, shop_id, f'sku,name,price,cost\nOK-1,Ok,100,\nNEW-1,Topi,100,"{written}"\n', currency)
    assert [(p.row, p.column, p.code, p.value) for p in err.value.problems] == [(3, "cost", code, written)]
    assert err.value.problems[0].params["currency"] == currency
    with unit_of_work(engine) as s:
        assert products.list_products(s, shop_id) == []


# The shorthand a seller types in chat, and the amount it is (major units of the shop's currency).
SHORTHAND = [
    ("IDR", "159k", 159000), ("IDR", "39rb", 39000), ("IDR", "39 rb", 39000), ("IDR", "85RB", 85000),
    ("IDR", "1,5jt", 1500000), ("IDR", "1.5 juta", 1500000), ("IDR", "1jt250", 1250000),
    ("IDR", "Rp 85rb", 85000), ("IDR", "2,75 ribu", 2750), ("VND", "1tr2", 1200000),
    ("VND", "1,5 triệu", 1500000), ("VND", "150k", 150000), ("VND", "150k đ", 150000),
    ("VND", "250 nghìn", 250000), ("VND", "2 củ", 2000000), ("MYR", "RM1.5k", 1500), ("MYR", "2k", 2000),
]


@pytest.mark.parametrize(("currency", "written", "major"), SHORTHAND)
def test_a_price_in_chat_shorthand_is_read_as_the_chat_reads_it(engine: Engine, currency: str, written: str,
                                                                 major: int) -> None:
    shop_id = _shop(engine, LOCALE_OF[currency])
    _import(engine, shop_id, f'sku,name,price,cost\nNEW-1,Topi,"{written}","{written}"\n', currency)
    with unit_of_work(engine) as s:
        p = products.get_product(s, shop_id, "NEW-1")
    assert p.price == p.cost == Money.of(major, currency)
    assert parse_amount(written, currency) == major  # the chat parser, in bot, reads it the same


@pytest.mark.parametrize(("currency", "written", "code"), [
    ("IDR", "1.500k", "not_amount"),  # 1.5 thousand, or 1500 thousand? Never guessed.
    ("IDR", "1,250jt", "not_amount"), ("IDR", "1.2345k", "not_amount"), ("IDR", "1,5tr2", "not_amount"),
    ("IDR", "5kk", "not_amount"), ("IDR", "rb", "not_amount"), ("IDR", "-5k", "negative"),
    ("MYR", "Rp 5k", "not_amount"),
])
def test_shorthand_that_could_mean_two_amounts_is_refused(currency: str, written: str, code: str) -> None:
    with pytest.raises(CatalogError) as err:
        read_catalog(f'sku,name,price\nA,A,"{written}"\n', currency)
    assert [(p.column, p.code, p.value) for p in err.value.problems] == [("price", code, written)]


def test_without_a_currency_only_plain_numbers_are_read() -> None:
    plain = read_catalog("sku,name,price\nA,A,85000\nB,B,12.90\n")
    assert [r.price for r in plain] == [85000, Decimal("12.90")]
    with pytest.raises(CatalogError) as err:  # fifty thousand rupiah, or fifty ringgit? Only a currency says.
        read_catalog('sku,name,price\nA,A,50.000\nB,B,"1,200.50"\n')
    assert [(p.row, p.code) for p in err.value.problems] == [(2, "not_amount"), (3, "not_amount")]


@pytest.mark.parametrize(("written", "code"), [
    ("-5", "negative"), ("+5", "not_whole"), ("1_000", "not_whole"), ("5.0", "not_whole"),
    ("1.000", "not_whole"),
])
def test_stock_is_a_plain_whole_number(written: str, code: str) -> None:
    with pytest.raises(CatalogError) as err:
        read_catalog(f"sku,name,price,stock,low_stock\nA,A,1,{written},{written}\n", "IDR")
    assert [(p.column, p.code, p.value) for p in err.value.problems] == [("stock", code, written),
                                                                         ("low_stock", code, written)]


def test_every_problem_is_a_code_with_its_values_and_reads_in_english_for_the_cli(engine: Engine) -> None:
    shop_id = _shop(engine, "vi")
    with pytest.raises(CatalogError) as err:
        _import(engine, shop_id, "sku,name,price,stock\nA,A,12.90,1\nA,,1,x\n", "VND")
    assert [(p.row, p.column, p.code) for p in err.value.problems] == [
        (2, "price", "no_decimals"), (3, "sku", "duplicate_sku"), (3, "name", "empty"),
        (3, "stock", "not_whole")]
    assert str(err.value) == ("row 2, column price: 12.90 has decimals, but VND has none; "
                              "row 3, column sku: A is already on row 2; row 3, column name: is empty; "
                              "row 3, column stock: 'x' is not a whole number")


def test_a_file_that_is_not_a_catalog_is_one_problem_not_one_per_column() -> None:
    with pytest.raises(CatalogError) as err:
        read_catalog("Halo kak, ini daftar harga\nKaos 85rb\n", "IDR")
    assert [(p.row, p.code) for p in err.value.problems] == [(1, "not_catalog")]


@pytest.mark.parametrize("text", [
    "sku;name;variant;price;stock\nKPH-L;Kaos Polos Hitam;L;85.000;5\n",  # Excel's CSV in id and vi
    "sku\tname\tvariant\tprice\tstock\nKPH-L\tKaos Polos Hitam\tL\t85.000\t5\n",  # copied from a sheet
    "\ufeffsku;name;variant;price;stock\r\nKPH-L;Kaos Polos Hitam;L;85.000;5\r\n",
])
def test_a_catalog_split_by_semicolons_or_tabs_reads_as_one_split_by_commas(text: str) -> None:
    assert read_catalog(text, "IDR") == read_catalog("sku,name,variant,price,stock\n"
                                                     "KPH-L,Kaos Polos Hitam,L,85.000,5\n", "IDR")


def test_the_separator_is_decided_by_the_header_so_commas_in_the_rows_stay_in_their_cells() -> None:
    rows = read_catalog("sku;name;aliases;price;cost\n"
                        "KPH-L;Kaos, hitam, polos, L;kaos item, kaos hitam;85.000,00;42.000\n", "IDR")
    assert [(r.name, r.aliases, r.price, r.cost) for r in rows] == [
        ("Kaos, hitam, polos, L", ("kaos item, kaos hitam",), 85000, 42000)]
    with pytest.raises(CatalogError) as err:  # a decimal comma in a `;` file is one cell, read as the shop's
        read_catalog("sku;name;price\nA;A;12,90\n", "IDR")
    assert [(p.column, p.code, p.value) for p in err.value.problems] == [("price", "no_decimals", "12,90")]


@pytest.mark.parametrize(("currency", "text"), [
    ("VND", "mã,tên,phân loại,giá,tồn kho\nSKL-DO,Son kem lì,Đỏ,189.000,35\n"),
    ("VND", "Mã SP;Tên sản phẩm;Phân loại;Giá bán (VNĐ);Số lượng\nSKL-DO;Son kem lì;Đỏ;189.000;35\n"),
    ("VND", "MA SP;TEN SAN PHAM;PHAN LOAI;GIA BAN (d);SL\nSKL-DO;Son kem lì;Đỏ;189.000;35\n"),
    ("VND", "ma_sp\tten_sp\tbien the\tdon gia\tton\nSKL-DO\tSon kem lì\tĐỏ\t189.000\t35\n"),
    ("IDR", "Kode;Nama Produk;Varian;Harga;Stok\nSKL-DO;Son kem lì;Đỏ;189.000;35\n"),
    ("IDR", "KODE BARANG,Nama Barang,Variasi,Harga Jual (Rp),Sisa Stok\nSKL-DO,Son kem lì,Đỏ,Rp189.000,35\n"),
    ("MYR", "SKU Code,Product Name,Variant,Price (RM),Qty\nSKL-DO,Son kem lì,Đỏ,189.00,35\n"),
    ("MYR", "Item Code,Item Name,Option,Unit Price,Quantity\nSKL-DO,Son kem lì,Đỏ,RM189,35\n"),
])
def test_the_header_may_name_the_columns_in_the_shops_own_words(currency: str, text: str) -> None:
    assert read_catalog(text, currency) == [CatalogRow(sku="SKL-DO", name="Son kem lì", variant="Đỏ",
                                                       price=Decimal(189000 if currency != "MYR" else 189),
                                                       stock=35)]


def test_cost_low_stock_and_active_have_names_in_each_language_too() -> None:
    [row] = read_catalog("Kode;Nama;Harga;Harga Modal;Batas Stok;Aktif\nA;A;85.000;40.000;3;no\n", "IDR")
    assert (row.cost, row.low_stock, row.active) == (40000, 3, False)
    [row] = read_catalog("mã;tên;giá;giá vốn;ngưỡng sắp hết;đang bán\nA;A;85.000;40.000;3;yes\n", "VND")
    assert (row.cost, row.low_stock, row.active) == (40000, 3, True)


def test_two_header_cells_for_one_column_are_refused_naming_both() -> None:
    with pytest.raises(CatalogError) as err:
        read_catalog("sku,nama,harga,price\nA,A,1,2\n", "IDR")
    assert [(p.row, p.column, p.code, p.value, p.params) for p in err.value.problems] == [
        (1, "price", "same_column", "price", {"first": "harga"})]
    assert str(err.value) == "row 1, column price: price and harga are both the price column; keep one"


def _xlsx() -> bytes:
    """A spreadsheet's own file as Excel saves it: a zip archive of XML parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet><c><v>sku</v></c></worksheet>")
    return out.getvalue()


@pytest.mark.parametrize("content", [_xlsx(), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)])  # xlsx, xls
def test_a_spreadsheet_file_is_told_apart_from_a_csv_by_its_bytes(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "katalog.csv").write_bytes(content)  # the name says CSV; the bytes say otherwise
    for read in (lambda: catalog_text(content), lambda: read_catalog(tmp_path / "katalog.csv", "IDR")):
        with pytest.raises(CatalogError) as err:
            read()
        assert [(p.row, p.code) for p in err.value.problems] == [(1, "spreadsheet")]
        assert str(err.value) == ("is a spreadsheet file (xlsx, xls or ods), not CSV; save it as CSV UTF-8 "
                                  "(Excel: File → Save As → CSV UTF-8)")


def test_bytes_that_are_not_utf8_are_one_problem_and_a_bom_is_no_part_of_the_header() -> None:
    with pytest.raises(CatalogError) as err:
        catalog_text("sku,name,price\nA,Café,1\n".encode("cp1252"))
    assert [(p.row, p.code) for p in err.value.problems] == [(1, "not_utf8")]
    assert read_catalog(catalog_text("\ufeffsku;nama;harga\nA;A;1\n".encode()), "IDR")[0].sku == "A"


def test_importing_again_updates_by_sku_and_counts_what_changed(engine: Engine) -> None:
    shop_id = _shop(engine)
    assert _import(engine, shop_id, SMALL) == products.ImportResult(2, 0, 0)
    assert _import(engine, shop_id, SMALL) == products.ImportResult(0, 0, 2)
    changed = SMALL.replace("85000,,3", "90000,,3") + "KPH-XL,Kaos Polos Hitam,XL,,89000,,1\n"
    assert _import(engine, shop_id, changed) == products.ImportResult(1, 1, 1)
    with unit_of_work(engine) as s:
        assert products.get_product(s, shop_id, "KPP-M").price == Money(90000, "IDR")


def test_an_import_finds_a_sku_whatever_its_case_and_keeps_the_catalogs_spelling(engine: Engine) -> None:
    shop_id = _shop(engine, "vi")
    _import(engine, shop_id, "sku,name,price,stock\nDGB-300,Dầu gội bưởi,150000,5\n", "VND")

    assert _import(engine, shop_id, "sku,name,price,stock\ndgb-300,Dầu gội bưởi,160000,7\n", "VND") == \
        products.ImportResult(0, 1, 0)
    with unit_of_work(engine) as s:
        assert [(p.sku, p.price.minor, p.on_hand) for p in products.list_products(s, shop_id)] == [
            ("DGB-300", 160000, 7)]


def test_two_rows_whose_skus_differ_only_in_case_are_duplicates(engine: Engine) -> None:
    with pytest.raises(CatalogError) as err:
        read_catalog("sku,name,price\nDGB-300,Dầu gội,150000\nX-1,X,1\ndgb-300,Dầu gội,150000\n", "VND")
    assert [(p.row, p.column, p.code, p.value, p.params) for p in err.value.problems] == [
        (4, "sku", "duplicate_sku_case", "dgb-300", {"first_row": 2, "first": "DGB-300"})]
    assert str(err.value) == "row 4, column sku: dgb-300 is DGB-300 of row 2 in other capitals"
    shop_id = _shop(engine, "vi")
    with pytest.raises(CatalogError) as err:  # rows that come without a file: the same rule
        _rows = [CatalogRow(sku="dgb-300", name="A", price=Decimal(1)),
                 CatalogRow(sku="DGB-300", name="A", price=Decimal(1))]
        with unit_of_work(engine) as s:
            products.import_products(s, shop_id, _rows)
    assert [(p.row, p.code) for p in err.value.problems] == [(3, "duplicate_sku_case")]


def test_a_sku_spelled_exactly_is_the_one_found_among_old_ones_that_differ_in_case(engine: Engine) -> None:
    shop_id = _shop(engine, "vi")
    with unit_of_work(engine) as s:  # as imports before case mattered could leave them
        s.add(Product(shop_id=shop_id, sku="dgb-300", name="A", price=1, on_hand=1))
        s.add(Product(shop_id=shop_id, sku="DGB-300", name="A", price=1, on_hand=1))

    _import(engine, shop_id, "sku,name,price,stock\nDGB-300,A,1,9\n", "VND")

    with unit_of_work(engine) as s:
        assert [(p.sku, p.on_hand) for p in products.list_products(s, shop_id)] == [("DGB-300", 9),
                                                                                  ("dgb-300", 1)]


def test_a_product_an_older_import_kept_in_nfd_is_updated_not_added_again(engine: Engine) -> None:
    shop_id = _shop(engine, "vi")
    with unit_of_work(engine) as s:  # as imports before NFC could leave it
        s.add(Product(shop_id=shop_id, sku=unicodedata.normalize("NFD", "ÁO-1"),
                      name=unicodedata.normalize("NFD", "Áo thun"), price=1, on_hand=1))

    assert _import(engine, shop_id, "sku,name,price\nÁO-1,Áo thun,150000\n", "VND") == \
        products.ImportResult(0, 1, 0)
    with unit_of_work(engine) as s:
        [p] = products.list_products(s, shop_id)
    assert (p.name, p.price.minor) == ("Áo thun", 150000)


def test_empty_cost_and_stock_leave_the_current_values(engine: Engine) -> None:
    shop_id = _shop(engine)
    _import(engine, shop_id, SMALL)
    _import(engine, shop_id, "sku,name,price,cost,stock\nKPH-L,Kaos Polos Hitam,85000,,\n")
    with unit_of_work(engine) as s:
        p = products.get_product(s, shop_id, "KPH-L")
    assert (p.cost, p.on_hand, p.variant) == (Money(42000, "IDR"), 10, "L")


def test_a_price_list_without_variant_aliases_or_active_columns_leaves_those_as_they_are(
        engine: Engine) -> None:
    shop_id = _shop(engine)
    _import(engine, shop_id, "sku,name,variant,aliases,price,active\n"
                             "KPH-L,Kaos Polos Hitam,L,kaos hitam|kaos item,85000,yes\n"
                             "KPP-M,Kaos Polos Putih,M,kaos putih,85000,no\n")

    result = _import(engine, shop_id, "sku,name,price\nKPH-L,Kaos Polos Hitam,90000\n"
                                      "KPP-M,Kaos Polos Putih,95000\n")

    assert result == products.ImportResult(0, 2, 0)
    with unit_of_work(engine) as s:
        listed = products.list_products(s, shop_id)
    assert [(p.sku, p.title, p.aliases, p.price.minor, p.active) for p in listed] == [
        ("KPH-L", "Kaos Polos Hitam L", ("kaos hitam", "kaos item"), 90000, True),
        ("KPP-M", "Kaos Polos Putih M", ("kaos putih",), 95000, False)]


def test_an_empty_variant_or_aliases_cell_in_a_column_the_file_has_clears_it(engine: Engine) -> None:
    shop_id = _shop(engine)
    _import(engine, shop_id, SMALL)

    _import(engine, shop_id, "sku,name,variant,aliases,price\nKPH-L,Kaos Polos Hitam L,,,85000\n")

    with unit_of_work(engine) as s:
        p = products.get_product(s, shop_id, "KPH-L")
    assert (p.title, p.aliases) == ("Kaos Polos Hitam L", ())


def test_a_csv_with_one_bad_row_imports_nothing_and_names_row_and_column(engine: Engine) -> None:
    shop_id = _shop(engine)
    bad = SMALL + "KPP-L,Kaos Polos Putih,L,,mahal,,2\nKPP-XL,Kaos,XL,,1000,,-4\n"
    with pytest.raises(CatalogError) as err:
        _import(engine, shop_id, bad)
    assert [(p.row, p.column) for p in err.value.problems] == [(4, "price"), (5, "stock")]
    assert "row 4, column price" in str(err.value)
    with unit_of_work(engine) as s:
        assert products.list_products(s, shop_id) == []


@pytest.mark.parametrize(("currency", "text", "ignored"), [
    ("VND", "mã;tên;giá;ghi chú;;\nA;Son;150.000;hàng mới;;\n", ("ghi chú",)),
    ("IDR", "Kode,Kategori,Nama,Berat,Harga\nA,Kaos,Son,200 g,150.000\n", ("Kategori", "Berat")),
    ("MYR", "sku\tname\tprice\tnote\tweight (g)\nA\tSon\t150.00\tnew\t200\n", ("note", "weight (g)")),
])
def test_other_columns_are_left_out_and_named(currency: str, text: str, ignored: tuple[str, ...]) -> None:
    sheet = read_sheet(text, currency)
    price = 150 if currency == "MYR" else 150000
    assert [(r.sku, r.name, r.price) for r in sheet.rows] == [("A", "Son", price)]
    assert sheet.ignored == ignored


def test_a_column_left_out_is_named_as_a_problem_when_a_needed_column_is_missing() -> None:
    with pytest.raises(CatalogError) as err:  # prices in thousands: not the price as the shop writes it
        read_catalog("Kode;Nama;Harga Satuan (ribu);Kategori\nA;Kaos;85;Atasan\n", "IDR")
    assert [(p.row, p.column, p.code) for p in err.value.problems] == [
        (1, "price", "missing_column"), (1, "Harga Satuan (ribu)", "unknown_column"),
        (1, "Kategori", "unknown_column")]
    with pytest.raises(CatalogError) as err:  # another currency's price is no price of this shop's
        read_catalog("sku,name,Price (RM)\nA,A,12.90\n", "IDR")
    assert [(p.column, p.code) for p in err.value.problems] == [("price", "missing_column"),
                                                                ("Price (RM)", "unknown_column")]


def test_a_row_longer_than_the_header_is_refused() -> None:
    with pytest.raises(CatalogError) as err:
        read_catalog("sku,name,price\nA,Kaos, hitam,85000\n", "IDR")
    assert [(p.row, p.code) for p in err.value.problems] == [(2, "extra_values")]


def test_stock_cannot_be_imported_below_what_open_orders_reserve(engine: Engine) -> None:
    shop_id = _shop(engine)
    _import(engine, shop_id, SMALL)
    with unit_of_work(engine) as s:
        s.exec(select(Product).where(Product.sku == "KPH-L")).one().reserved = 4
    with pytest.raises(CatalogError) as err:
        _import(engine, shop_id, SMALL.replace("42000,10", "42000,3"))
    assert [(p.row, p.column) for p in err.value.problems] == [(2, "stock")]


def test_export_round_trips_with_import(engine: Engine) -> None:
    shop_id = _shop(engine, "en")
    rows = read_catalog(Path(CORPUS / "catalog-en.csv"))
    with unit_of_work(engine) as s:
        products.import_products(s, shop_id, rows)
        products.adjust_stock(s, shop_id, rows[0].sku, -1, reason="sample")
        exported = products.export_products(s, shop_id)
    other = _shop(engine, "en", "Copy")
    with unit_of_work(engine) as s:
        products.import_products(s, other, exported)
        assert products.export_products(s, other) == exported
        assert products.import_products(s, shop_id, exported).unchanged == len(rows)
    assert exported[0].price == Decimal("12.90") or exported[0].sku != "WC3-15"


def test_inactive_products_stay_out_of_the_parser_catalog(engine: Engine) -> None:
    shop_id = _shop(engine)
    _import(engine, shop_id, "sku,name,price,active\nA,A,1000,yes\nB,B,1000,no\n")
    with unit_of_work(engine) as s:
        assert [r.sku for r in products.catalog_rows(s, shop_id)] == ["A"]
        assert [p.sku for p in products.list_products(s, shop_id)] == ["A", "B"]


def test_the_catalog_version_changes_with_the_catalog_but_not_with_stock(engine: Engine) -> None:
    shop_id = _shop(engine)
    with unit_of_work(engine) as s:
        v0 = products.catalog_version(s, shop_id)
    _import(engine, shop_id, SMALL)
    with unit_of_work(engine) as s:
        v1 = products.catalog_version(s, shop_id)
        products.adjust_stock(s, shop_id, "KPH-L", 5, reason="restock")
        assert products.catalog_version(s, shop_id) == v1
    _import(engine, shop_id, SMALL)  # nothing changed
    with unit_of_work(engine) as s:
        assert products.catalog_version(s, shop_id) == v1
    _import(engine, shop_id, SMALL.replace("kaos item", "kaos ireng"))
    with unit_of_work(engine) as s:
        assert len({v0, v1, products.catalog_version(s, shop_id)}) == 3


def test_products_are_searched_by_sku_name_variant_or_alias(engine: Engine) -> None:
    shop_id = _shop(engine)
    _import(engine, shop_id, SMALL)
    with unit_of_work(engine) as s:
        assert [p.sku for p in products.list_products(s, shop_id, text="ITEM")] == ["KPH-L"]
        assert [p.sku for p in products.list_products(s, shop_id, text="kpp")] == ["KPP-M"]
        assert products.list_products(s, shop_id, text="celana") == []
        assert products.get_product(s, shop_id, "KPH-L").title == "Kaos Polos Hitam L"
        with pytest.raises(UnknownProduct):
            products.get_product(s, shop_id, "NOPE")


def test_low_stock_uses_the_products_threshold_or_the_default(engine: Engine) -> None:
    shop_id = _shop(engine)
    _import(engine, shop_id, "sku,name,price,stock,low_stock\nA,A,1,10,12\nB,B,1,3,\nC,C,1,6,\nD,D,1,0,0\n")
    with unit_of_work(engine) as s:
        low = products.list_products(s, shop_id, low=True)
    assert [p.sku for p in low] == ["A", "B", "D"]
    assert all(p.is_low for p in low)


def test_adjusting_stock_records_a_movement_with_its_reason(engine: Engine) -> None:
    shop_id = _shop(engine)
    _import(engine, shop_id, SMALL)
    with unit_of_work(engine) as s:
        p = products.adjust_stock(s, shop_id, "KPH-L", -3, reason="damaged", by_user=7)
        moves = s.exec(select(StockMovement).where(StockMovement.reason == "damaged")).all()
    assert (p.on_hand, p.available) == (7, 7)
    assert [(m.on_hand_delta, m.by_user) for m in moves] == [(-3, 7)]


def test_stock_never_goes_below_what_is_reserved(engine: Engine) -> None:
    shop_id = _shop(engine)
    _import(engine, shop_id, SMALL)
    with unit_of_work(engine) as s:
        s.exec(select(Product).where(Product.sku == "KPH-L")).one().reserved = 8
    with pytest.raises(OutOfStock) as err, unit_of_work(engine) as s:
        products.adjust_stock(s, shop_id, "KPH-L", -3, reason="count")
    assert [(x.sku, x.wanted, x.available) for x in err.value.short] == [("KPH-L", 3, 2)]
    with unit_of_work(engine) as s:
        assert products.get_product(s, shop_id, "KPH-L").on_hand == 10


@pytest.mark.parametrize(("delta", "reason"), [(0, "count"), (5, "  ")])
def test_an_adjustment_needs_a_change_and_a_reason(engine: Engine, delta: int, reason: str) -> None:
    shop_id = _shop(engine)
    _import(engine, shop_id, SMALL)
    with pytest.raises(InvalidValue), unit_of_work(engine) as s:
        products.adjust_stock(s, shop_id, "KPH-L", delta, reason=reason)


def test_two_shops_with_the_same_skus_never_see_each_others_products(engine: Engine) -> None:
    a, b = _shop(engine, name="A"), _shop(engine, name="B")
    _import(engine, a, SMALL)
    _import(engine, b, "sku,name,price,stock\nKPH-L,Other Shirt,99000,1\n")
    with unit_of_work(engine) as s:
        products.adjust_stock(s, a, "KPH-L", 5, reason="restock")
        assert products.get_product(s, b, "KPH-L").on_hand == 1
        assert [p.sku for p in products.list_products(s, b)] == ["KPH-L"]
        assert [r.name for r in products.export_products(s, b)] == ["Other Shirt"]
        with pytest.raises(UnknownProduct):
            products.get_product(s, b, "KPP-M")
        assert s.exec(select(func.count()).select_from(Product)).one() == 3


def test_catalog_rows_carry_what_the_parser_needs(engine: Engine) -> None:
    shop_id = _shop(engine)
    _import(engine, shop_id, SMALL)
    with unit_of_work(engine) as s:
        row = products.catalog_rows(s, shop_id)[0]
    assert row == CatalogRow(sku="KPH-L", name="Kaos Polos Hitam", variant="L",
                             aliases=("kaos hitam", "kaos item"), price=Decimal(85000), cost=Decimal(42000),
                             stock=10, low_stock=None, active=True)
