"""`lapak shop|products|orders|stock`: the core services from the command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from babel.numbers import format_currency
from sqlmodel import Session

from bot.cli import Context, echo_json, fail
from bot.settings import Settings
from core import orders, products, shops
from core.catalog import read_sheet, write_catalog
from core.draft import OrderDraft
from core.errors import CatalogError, LapakError
from core.lifecycle import FULFILMENT, PAYMENT
from core.money import Money, major_to_json
from core.orders import OrderView
from core.products import ProductView
from core.shops import ShopView

ShopOpt = typer.Option(None, "--shop",
                       help="Shop name or id; needed only when the database holds several shops "
                            "(default: LAPAK_SHOP).")
JsonOpt = typer.Option(False, "--json", help="Print JSON instead of a table.")


@contextmanager
def _session() -> Iterator[Session]:
    """One unit of work; a domain error becomes one line on stderr and exit status 1."""
    try:
        with Context().session() as s:
            yield s
    except LapakError as exc:
        fail(str(exc))


def _shop(s: Session, wanted: str | None) -> ShopView:
    wanted = wanted or Settings().shop
    if wanted:
        return shops.find_shop(s, wanted)
    found = shops.list_shops(s)
    if not found:
        fail("there is no shop yet: run `lapak shop create --name NAME --currency IDR --locale id "
             "--timezone Asia/Jakarta` first")
    if len(found) > 1:
        fail("the database holds several shops: add --shop with one of "
             + ", ".join(f"{x.id} ({x.name})" for x in found))
    return found[0]


def _money(m: Money | None, locale: str) -> str:
    return "" if m is None else format_currency(m.major, m.currency, locale=locale)


def _table(rows: list[list[str]]) -> None:
    if not rows:
        return
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())


def _shop_json(x: ShopView) -> dict[str, Any]:
    return {"id": x.id, "name": x.name, "currency": x.currency, "locale": x.locale, "timezone": x.timezone}


def _product_json(p: ProductView) -> dict[str, Any]:
    return {"sku": p.sku, "name": p.name, "variant": p.variant, "title": p.title, "aliases": list(p.aliases),
            "price": major_to_json(p.price.major),
            "cost": None if p.cost is None else major_to_json(p.cost.major),
            "currency": p.price.currency, "on_hand": p.on_hand, "reserved": p.reserved,
            "available": p.available, "low_stock": p.low_stock, "is_low": p.is_low, "active": p.active}


# --- shop -------------------------------------------------------------------------------------

shop_app = typer.Typer(no_args_is_help=True, help="Shops: create and list.")


@shop_app.command("create")
def shop_create(
    name: str = typer.Option(..., "--name"),
    currency: str = typer.Option(..., "--currency", help="ISO 4217 code: IDR, VND, MYR, ..."),
    locale: str = typer.Option(..., "--locale", help="id, vi or en"),
    timezone: str = typer.Option(..., "--timezone", help="e.g. Asia/Jakarta"),
    owner: int | None = typer.Option(None, "--owner", help="Telegram user id of the owner"),
    as_json: bool = JsonOpt,
) -> None:
    """Create a shop (and, with --owner, its first member)."""
    with _session() as s:
        shop = shops.create_shop(s, name=name, currency=currency, locale=locale, timezone=timezone,
                                 owner_user_id=owner)
    if as_json:
        echo_json(_shop_json(shop))
    else:
        typer.echo(f"shop {shop.id} created: {shop.name} ({shop.currency}, {shop.locale}, {shop.timezone})")


@shop_app.command("list")
def shop_list(as_json: bool = JsonOpt) -> None:
    """Every shop in the database."""
    with _session() as s:
        found = shops.list_shops(s)
    if as_json:
        echo_json([_shop_json(x) for x in found])
    elif not found:
        typer.echo("no shops yet: run `lapak shop create`")
    else:
        _table([["id", "name", "currency", "locale", "timezone"]]
               + [[str(x.id), x.name, x.currency, x.locale, x.timezone] for x in found])


# --- products ---------------------------------------------------------------------------------

products_app = typer.Typer(no_args_is_help=True, help="The catalog: import, list, export.")


@products_app.command("import")
def products_import(file: Path = typer.Argument(..., help="Catalog CSV (sku,name,variant,aliases,price,...)"),
                    shop: str | None = ShopOpt) -> None:
    """Add or update products by SKU; one bad row imports nothing and is named."""
    if not file.is_file():
        fail(f"{file}: no such file")
    with _session() as s:
        x = _shop(s, shop)
        try:
            sheet = read_sheet(file, x.currency)
            result = products.import_products(s, x.id, sheet.rows, sheet.columns)
        except CatalogError as exc:
            fail(f"{file}: {exc}")
    ignored = f"; columns left out: {', '.join(sheet.ignored)}" if sheet.ignored else ""
    typer.echo(f"{file.name}: {result.created} created, {result.updated} updated, "
               f"{result.unchanged} unchanged ({x.name}){ignored}")


@products_app.command("list")
def products_list(as_json: bool = JsonOpt, low: bool = typer.Option(False, "--low"),
                  search: str | None = typer.Option(None, "--search"), shop: str | None = ShopOpt) -> None:
    """The shop's products with their stock."""
    with _session() as s:
        x = _shop(s, shop)
        found = products.list_products(s, x.id, low=low, text=search)
    if as_json:
        echo_json([_product_json(p) for p in found])
        return
    _table([["sku", "product", "price", "on hand", "reserved", "available"]]
           + [[p.sku, p.title + ("" if p.active else " (inactive)"), _money(p.price, x.locale),
               str(p.on_hand), str(p.reserved), str(p.available)] for p in found])


@products_app.command("export")
def products_export(file: Path = typer.Argument(..., help="CSV to write ('-' for standard output)"),
                    shop: str | None = ShopOpt) -> None:
    """Write the catalog as CSV that `lapak products import` reads back."""
    with _session() as s:
        x = _shop(s, shop)
        text = write_catalog(products.export_products(s, x.id))
    if str(file) == "-":
        sys.stdout.write(text)
    else:
        file.write_text(text, encoding="utf-8")
        typer.echo(f"{file}: {text.count(chr(10)) - 1} products written")


# --- orders -----------------------------------------------------------------------------------

orders_app = typer.Typer(no_args_is_help=True, help="Orders: add, list, show, move.")
ALL_STATUSES = sorted(set(FULFILMENT) | set(PAYMENT))


def _read_draft(source: str, currency: str) -> OrderDraft:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"{source}: {exc.strerror or exc}")
    except UnicodeDecodeError:
        fail(f"{source}: is not UTF-8 text")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"{source}: not valid JSON ({exc.msg} at line {exc.lineno})")
    if isinstance(data, dict) and isinstance(data.get("order"), dict):
        data = data["order"]  # a line of `lapak parse --jsonl`
    if isinstance(data, dict) and not data.get("currency"):
        data = {**data, "currency": currency}  # a hand-written draft is in the shop's currency
    return OrderDraft.from_json(data)


@orders_app.command("add")
def orders_add(source: str = typer.Option(..., "--json", help="Draft JSON file, or - for standard input"),
               by: int | None = typer.Option(None, "--by", help="Telegram user id of who takes it"),
               shop: str | None = ShopOpt) -> None:
    """Confirm an order from a draft (the shape `lapak parse` prints) and print it as JSON."""
    with _session() as s:
        x = _shop(s, shop)
        view = orders.create_order(s, x.id, _read_draft(source, x.currency), by_user=by)
    echo_json(view.to_json())


def _number(text: str) -> int:
    digits = text.lstrip("#")
    if not digits.isdigit():
        fail(f"{text!r} is not an order number (e.g. 1001 or #1001)")
    return int(digits)


def _order_line(o: OrderView, locale: str) -> list[str]:
    items = ", ".join(f"{i.qty}x {i.sku}" for i in o.items)
    return [f"#{o.number}", o.status, o.payment_status, o.customer_name or "", items, _money(o.total, locale)]


@orders_app.command("list")
def orders_list(status: str | None = typer.Option(None, "--status", help="A fulfilment or payment status"),
                limit: int = typer.Option(50, "--limit", min=1), as_json: bool = JsonOpt,
                shop: str | None = ShopOpt) -> None:
    """Orders, newest first."""
    if status is not None and status not in ALL_STATUSES:
        fail(f"--status: {status!r} is not one of {', '.join(ALL_STATUSES)}")
    with _session() as s:
        x = _shop(s, shop)
        found = orders.list_orders(s, x.id, status=status, limit=limit)
    if as_json:
        echo_json([o.to_json() for o in found])
    elif not found:
        typer.echo("no orders" + (f" in status {status}" if status else ""))
    else:
        _table([["order", "status", "payment", "customer", "items", "total"]]
               + [_order_line(o, x.locale) for o in found])


def _show(o: OrderView, locale: str) -> None:
    typer.echo(f"#{o.number}  {o.status} / {o.payment_status}  (next: {', '.join(o.next_steps) or '-'})")
    for label, value in (("customer", o.customer_name), ("phone", o.phone), ("address", o.address),
                         ("channel", " ".join(filter(None, [o.channel, o.channel_ref]))),
                         ("payment", o.payment), ("courier", " ".join(filter(None, [o.courier, o.waybill]))),
                         ("note", o.note), ("cancelled", o.cancel_reason)):
        if value:
            typer.echo(f"  {label}: {value}")
    for i in o.items:
        typer.echo(f"  {i.qty} x {i.name} ({i.sku}) @ {_money(i.unit_price, locale)} = "
                   f"{_money(i.line_total, locale)}")
    if o.shipping_fee:
        typer.echo(f"  shipping: {_money(o.shipping_fee, locale)}")
    if o.discount:
        typer.echo(f"  discount: -{_money(o.discount, locale)}")
    typer.echo(f"  total: {_money(o.total, locale)}  (cost of goods {_money(o.cogs, locale)})")
    for e in o.events:
        who = f" by {e.by_user}" if e.by_user else ""
        typer.echo(f"  {e.at:%Y-%m-%d %H:%M} UTC  {e.machine}: {e.from_state or 'new'} -> {e.to_state}{who}")


@orders_app.command("show")
def orders_show(number: str = typer.Argument(..., help="Order number, e.g. 1001"), as_json: bool = JsonOpt,
                shop: str | None = ShopOpt) -> None:
    """One order with its items and history."""
    n = _number(number)
    with _session() as s:
        x = _shop(s, shop)
        o = orders.get_order(s, x.id, n)
    if as_json:
        echo_json(o.to_json())
    else:
        _show(o, x.locale)


@orders_app.command("move")
def orders_move(number: str = typer.Argument(..., help="Order number, e.g. 1001"),
                status: str = typer.Argument(..., help="New fulfilment or payment status"),
                courier: str | None = typer.Option(None, "--courier"),
                waybill: str | None = typer.Option(None, "--waybill"),
                reason: str | None = typer.Option(None, "--reason", help="Why (for a cancellation)"),
                by: int | None = typer.Option(None, "--by", help="Telegram user id of who moves it"),
                as_json: bool = JsonOpt, shop: str | None = ShopOpt) -> None:
    """Move an order: packed, shipped (--courier --waybill), delivered, cancelled, paid, settled, ..."""
    n = _number(number)
    if status not in ALL_STATUSES:
        fail(f"{status!r} is not a status; one of {', '.join(ALL_STATUSES)}")
    with _session() as s:
        x = _shop(s, shop)
        if status in PAYMENT:
            o = orders.move_payment(s, x.id, n, status, by_user=by, note=reason)
        else:
            o = orders.move_order(s, x.id, n, status, by_user=by, courier=courier, waybill=waybill,
                                  reason=reason)
    if as_json:
        echo_json(o.to_json())
    else:
        typer.echo(f"#{o.number}: {o.status} / {o.payment_status}")


# --- stock ------------------------------------------------------------------------------------

stock_app = typer.Typer(invoke_without_command=True,
                        help="Stock per SKU; `lapak stock adjust` counts goods in or out.")


@stock_app.callback()
def stock_list(ctx: typer.Context, low: bool = typer.Option(False, "--low", help="Only what runs low"),
               as_json: bool = JsonOpt, shop: str | None = ShopOpt) -> None:
    """Stock per SKU: on hand, reserved for open orders, available."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = shop
        return
    with _session() as s:
        x = _shop(s, shop)
        found = products.list_products(s, x.id, low=low)
    if as_json:
        echo_json([{k: v for k, v in _product_json(p).items()
                    if k in ("sku", "title", "on_hand", "reserved", "available", "low_stock", "is_low")}
                   for p in found])
        return
    if not found:
        typer.echo("nothing runs low" if low else "no products yet: run `lapak products import FILE.csv`")
        return
    _table([["sku", "product", "on hand", "reserved", "available", ""]]
           + [[p.sku, p.title, str(p.on_hand), str(p.reserved), str(p.available), "LOW" if p.is_low else ""]
              for p in found])


@stock_app.command("adjust", context_settings={"ignore_unknown_options": True})
def stock_adjust(ctx: typer.Context, sku: str = typer.Argument(...),
                 delta: str = typer.Argument(..., help="+N goods in, -N goods out"),
                 reason: str = typer.Option(..., "--reason", help="Why: restock, damaged, count, ..."),
                 by: int | None = typer.Option(None, "--by"), shop: str | None = ShopOpt) -> None:
    """Count goods in (+N) or out (-N); never below what open orders hold."""
    try:
        change = int(delta)
    except ValueError:
        fail(f"{delta!r} is not a whole number like +10 or -3")
    with _session() as s:
        x = _shop(s, shop or ctx.obj)
        p = products.adjust_stock(s, x.id, sku, change, reason=reason, by_user=by)
    typer.echo(f"{p.sku}: on hand {p.on_hand}, reserved {p.reserved}, available {p.available}")


def register(app: typer.Typer) -> None:
    app.add_typer(shop_app, name="shop")
    app.add_typer(products_app, name="products")
    app.add_typer(orders_app, name="orders")
    app.add_typer(stock_app, name="stock")
