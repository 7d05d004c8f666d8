"""Products: the catalog (import, export, list) and stock counts per SKU."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, bindparam, func, or_, update
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from core import stock
from core.catalog import COLUMNS, OPTIONAL_EXTRA, CatalogRow, currency_params, duplicate, nfc, plain
from core.errors import CatalogError, InvalidValue, OutOfStock, RowProblem, Shortage, UnknownProduct
from core.money import Money, exponent
from core.shops import get_shop
from storage.models import Product, Shop, table
from storage.sql import Statement

AnyRow = Row[*tuple[Any, ...]]  # a row of product columns, read without the ORM

# A product without its own threshold counts as low when this many or fewer are available.
DEFAULT_LOW_STOCK = 5


@dataclass(frozen=True)
class ProductView:
    sku: str
    name: str
    variant: str
    aliases: tuple[str, ...]
    price: Money
    cost: Money | None
    on_hand: int
    reserved: int
    available: int
    low_stock: int | None  # the product's own threshold; None means DEFAULT_LOW_STOCK
    active: bool

    @property
    def title(self) -> str:
        """Name and variant as the order card shows it: "Kaos Polos Hitam L"."""
        return f"{self.name} {self.variant}".strip()

    @property
    def is_low(self) -> bool:
        return self.available <= (DEFAULT_LOW_STOCK if self.low_stock is None else self.low_stock)


# name, variant, aliases, price, cost, low_stock, active: what an import may change besides stock
_Fields = tuple[str, str, str, int, int | None, int | None, bool]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int = 0


def _aliases(text: str) -> tuple[str, ...]:
    return tuple(a for a in text.split("|") if a)


def view(p: Product | AnyRow, currency: str) -> ProductView:
    return ProductView(
        sku=p.sku, name=p.name, variant=p.variant, aliases=_aliases(p.aliases),
        price=Money(p.price, currency), cost=None if p.cost is None else Money(p.cost, currency),
        on_hand=p.on_hand, reserved=p.reserved, available=p.on_hand - p.reserved,
        low_stock=p.low_stock, active=p.active)


def _fresh(shop_id: int) -> SelectOfScalar[Product]:
    """A select of the shop's products that overwrites stale rows (stock changes bypass the ORM)."""
    return select(Product).where(Product.shop_id == shop_id).execution_options(populate_existing=True)


def _product(s: Session, shop_id: int, sku: str) -> Product:
    """The product of that SKU; typed in another case (`kph-l`), the one product it can mean."""
    p = s.exec(_fresh(shop_id).where(Product.sku == sku)).first()
    if p is None:
        alike = s.exec(_fresh(shop_id).where(func.lower(Product.sku) == sku.lower()).limit(2)).all()
        if len(alike) != 1:
            raise UnknownProduct(sku)
        p = alike[0]
    return p


# What the chat asks on every event, as plain statements built once (no ORM objects to load).
_S, _P = table(Shop), table(Product)
_PRODUCT_COLUMNS = (_P.c.sku, _P.c.name, _P.c.variant, _P.c.aliases, _P.c.price, _P.c.cost, _P.c.on_hand,
                    _P.c.reserved, _P.c.low_stock, _P.c.active)
_ONE = (select_columns(*_PRODUCT_COLUMNS, _S.c.currency).join(_S, _S.c.id == _P.c.shop_id)
        .where(_P.c.shop_id == bindparam("shop"), _P.c.sku == bindparam("sku")))
_ACTIVE = (select_columns(*_PRODUCT_COLUMNS).where(_P.c.shop_id == bindparam("shop"), _P.c.active.is_(True))
           .order_by(_P.c.id))  # as the seller listed them: variants M, L, XL, not L, M, XL
_VERSION = Statement(select_columns(_S.c.catalog_version).where(_S.c.id == bindparam("shop")))


def get_product(s: Session, shop_id: int, sku: str) -> ProductView:
    p = s.connection().execute(_ONE, {"shop": shop_id, "sku": sku}).first()
    if p is None:
        raise UnknownProduct(sku)
    return view(p, p.currency)


def list_products(s: Session, shop_id: int, *, low: bool = False, text: str | None = None,
                  skus: Collection[str] | None = None) -> list[ProductView]:
    """The shop's products by SKU; `low`: active ones at or under their threshold; `text`: a search;
    `skus`: only these."""
    q = _fresh(shop_id).order_by(col(Product.sku))
    if skus is not None:
        q = q.where(col(Product.sku).in_(list(skus)))
    if low:
        q = q.where(col(Product.active).is_(True),
                    col(Product.on_hand) - col(Product.reserved)
                    <= func.coalesce(col(Product.low_stock), DEFAULT_LOW_STOCK))
    if text:
        needle = text.strip().lower()
        q = q.where(or_(*(func.lower(c).contains(needle, autoescape=True) for c in
                          (col(Product.sku), col(Product.name), col(Product.variant), col(Product.aliases)))))
    currency = get_shop(s, shop_id).currency
    return [view(p, currency) for p in s.exec(q)]


# Amounts are kept in minor units as 64-bit integers (BIGINT in PostgreSQL, SQLite's INTEGER).
_MAX_MINOR = 2**63 - 1


def _minor(value: Decimal, currency: str, row: int, column: str, problems: list[RowProblem]) -> int | None:
    if value * 10 ** exponent(currency) > _MAX_MINOR:
        problems.append(RowProblem(row, column, "too_large", plain(value)))
        return None
    money = Money.of(value, currency)
    if money.major != value:
        code = "no_decimals" if exponent(currency) == 0 else "decimals"
        problems.append(RowProblem(row, column, code, plain(value), currency_params(currency)))
        return None
    return money.minor


def import_products(s: Session, shop_id: int, rows: list[CatalogRow],
                    columns: Collection[str] = COLUMNS + OPTIONAL_EXTRA) -> ImportResult:
    """Upsert by SKU, all or nothing. Empty cost, stock or low_stock leave the current value.

    `columns` are the ones the file had (`CatalogSheet.columns`): a field whose column it lacked keeps
    its current value, so a price list of `sku,name,price` leaves variants, aliases and the active flag
    alone. In a column the file has, an empty variant or aliases cell is a value (none), so it clears
    them, and an empty active cell reads as active, as it does for a new product.

    A SKU is found whatever its case (`dgb-300` updates `DGB-300`, which keeps its spelling): the chat
    would show two products that differ only so as the same one. Row numbers in errors count the header
    as row 1, as `read_catalog` does.
    """
    currency = get_shop(s, shop_id).currency
    known = list(s.exec(_fresh(shop_id).order_by(col(Product.id))))
    exact = {product.sku: product for product in known}
    folded: dict[str, Product] = {}
    # the oldest of SKUs that differ only in case or in Unicode form (NFD), as older imports could make
    for product in known:
        folded.setdefault(nfc(product.sku).casefold(), product)
    problems: list[RowProblem] = []
    planned: list[tuple[CatalogRow, Product | None, int, int | None]] = []
    seen: dict[str, tuple[int, str]] = {}
    for n, row in enumerate(rows, start=2):
        if (earlier := seen.get(row.sku.casefold())) is not None:
            problems.append(RowProblem(n, "sku", *duplicate(row.sku, *earlier)))
            continue
        seen[row.sku.casefold()] = (n, row.sku)
        old = exact.get(row.sku) or folded.get(nfc(row.sku).casefold())
        price = _minor(row.price, currency, n, "price", problems)
        cost = None if row.cost is None else _minor(row.cost, currency, n, "cost", problems)
        if old is not None and row.stock is not None and row.stock < old.reserved:
            problems.append(RowProblem(n, "stock", "below_reserved", str(row.stock),
                                       {"reserved": old.reserved}))
        if price is not None:
            planned.append((row, old, price, cost))
    if problems:
        raise CatalogError(problems)
    if any(p is None or _fields(p) != _target(p, r, pr, c, columns) for r, p, pr, c in planned):
        # The shop row first, products after: the lock order create_order uses too (no deadlock).
        _bump_catalog(s, shop_id)
    created = updated = unchanged = 0
    now = datetime.now(UTC)
    for row, old, price, cost in planned:
        target = _target(old, row, price, cost, columns)
        p = old or Product(shop_id=shop_id, sku=row.sku, name=row.name, on_hand=0)
        if old is None:
            created += 1
        elif _fields(p) == target and (row.stock is None or row.stock == p.on_hand):
            unchanged += 1
            continue
        else:
            updated += 1
        p.name, p.variant, p.aliases, p.price, p.cost, p.low_stock, p.active = target
        delta = 0 if row.stock is None else row.stock - p.on_hand
        p.updated_at = now
        s.add(p)
        s.flush()
        if delta:
            assert p.id is not None
            stock.move(s, shop_id, [stock.Line(p.id, p.sku, delta)], on_hand=1, reserved=0, reason="import")
    return ImportResult(created, updated, unchanged)


def _target(p: Product | None, row: CatalogRow, price: int, cost: int | None,
            columns: Collection[str]) -> _Fields:
    """The product's catalog fields after importing `row`: empty cost and low_stock keep the old ones,
    and so do the variant, aliases and active flag when the file has no column for them."""
    if p is None:
        return row.name, row.variant, "|".join(row.aliases), price, cost, row.low_stock, row.active
    return (row.name, row.variant if "variant" in columns else p.variant,
            "|".join(row.aliases) if "aliases" in columns else p.aliases, price,
            p.cost if cost is None else cost, p.low_stock if row.low_stock is None else row.low_stock,
            row.active if "active" in columns else p.active)


def _fields(p: Product) -> _Fields:
    return (p.name, p.variant, p.aliases, p.price, p.cost, p.low_stock, p.active)


def _bump_catalog(s: Session, shop_id: int) -> None:
    s.execute(update(Shop).where(col(Shop.id) == shop_id)
              .values(catalog_version=col(Shop.catalog_version) + 1)
              .execution_options(synchronize_session=False))


def _row(p: Product | AnyRow, currency: str) -> CatalogRow:
    return CatalogRow(sku=p.sku, name=p.name, variant=p.variant, aliases=_aliases(p.aliases),
                      price=Money(p.price, currency).major,
                      cost=None if p.cost is None else Money(p.cost, currency).major,
                      stock=p.on_hand, low_stock=p.low_stock, active=p.active)


def export_products(s: Session, shop_id: int) -> list[CatalogRow]:
    """Every product, active or not, as catalog rows that `import_products` reads back unchanged."""
    currency = get_shop(s, shop_id).currency
    return [_row(p, currency) for p in s.exec(_fresh(shop_id).order_by(col(Product.sku)))]


def catalog_rows(s: Session, shop_id: int) -> list[CatalogRow]:
    """The active products, for the parser."""
    currency = get_shop(s, shop_id).currency
    return [_row(p, currency) for p in s.connection().execute(_ACTIVE, {"shop": shop_id})]


def catalog_version(s: Session, shop_id: int) -> str:
    """Changes whenever a product's words, prices or active flag change (not on stock moves)."""
    row = _VERSION.run(s.connection(), {"shop": shop_id}).fetchone()
    if row is None:
        get_shop(s, shop_id)  # raises UnknownShop
    return f"{shop_id}:{row[0] if row else None}"


def add_product(s: Session, shop_id: int, name: str, price: Decimal, stock_count: int, *,
                cost: Decimal | None = None, by_user: int | None = None) -> ProductView:
    """A product typed in chat (an order named something the catalog lacks): the name as written, a
    SKU made from it (`kaos hitam L` becomes `KAOS-HITAM-L`, or `KAOS-HITAM-L-2` when taken), no variant,
    its cost when given, and its first stock count, recorded as a movement like any other."""
    name = " ".join(nfc(name).split())
    if not name or len(name) > 200:
        raise InvalidValue("name", name, "must be 1 to 200 characters")
    if not 0 <= stock_count <= MAX_ADJUST:
        raise InvalidValue("delta", stock_count, f"must be a count from 0 to {MAX_ADJUST:,}")
    currency = get_shop(s, shop_id).currency
    for field, amount in (("price", price), ("cost", cost)):
        if amount is not None and (amount < 0 or amount * 10 ** exponent(currency) > _MAX_MINOR
                                   or Money.of(amount, currency).major != amount):
            raise InvalidValue(field, amount, f"is no {field} in {currency}")
    taken = {sku.casefold() for sku in s.exec(select(Product.sku).where(Product.shop_id == shop_id))}
    _bump_catalog(s, shop_id)  # the shop row first, as import_products and create_order lock it
    p = Product(shop_id=shop_id, sku=_new_sku(name, taken), name=name, price=Money.of(price, currency).minor,
                cost=None if cost is None else Money.of(cost, currency).minor, on_hand=0,
                updated_at=datetime.now(UTC))
    s.add(p)
    s.flush()
    assert p.id is not None
    if stock_count:
        stock.move(s, shop_id, [stock.Line(p.id, p.sku, stock_count)], on_hand=1, reserved=0,
                   reason="added in chat", by_user=by_user)
    return get_product(s, shop_id, p.sku)


def _new_sku(name: str, taken: Collection[str]) -> str:
    """Letters and digits of the name, accents dropped, upper case, words joined by `-`; numbered when
    another product has it already (whatever its case)."""
    ascii_words = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D")) \
        .encode("ascii", "ignore").decode()
    base = "-".join(re.findall(r"[A-Za-z0-9]+", ascii_words)).upper()[:56].strip("-") or "ITEM"
    sku, n = base, 1
    while sku.casefold() in taken:
        n += 1
        sku = f"{base}-{n}"
    return sku


MAX_ADJUST = 1_000_000  # units one count may take in or out, in chat and in the CLI alike


def adjust_stock(s: Session, shop_id: int, sku: str, delta: int, *, reason: str,
                 by_user: int | None = None) -> ProductView:
    """Count goods in or out by hand; never below what open orders have reserved."""
    if not reason.strip():
        raise InvalidValue("reason", reason, "is empty; say why the stock changes")
    if delta == 0:
        raise InvalidValue("delta", delta, "must not be zero")
    if abs(delta) > MAX_ADJUST:  # a slip of the keyboard, or past the database's integers
        raise InvalidValue("delta", delta, f"is more than {MAX_ADJUST:,} units at once")
    p = _product(s, shop_id, sku)
    assert p.id is not None
    try:
        stock.move(s, shop_id, [stock.Line(p.id, p.sku, delta)], on_hand=1, reserved=0,
                   reason=reason.strip(), by_user=by_user)
    except OutOfStock as exc:
        short = exc.short[0]
        raise OutOfStock([Shortage(p.sku, -delta, short.available, short.name)]) from None
    return get_product(s, shop_id, p.sku)
