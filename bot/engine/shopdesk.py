"""Looking things up and keeping the catalog: /find, /today, /stock, /import, /help."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from markupsafe import Markup

from bot.engine import render
from bot.engine.engine import MANAGERS, StockAmount, StockBelowZero, Turn, Usage
from core import orders as core_orders
from core import products
from core.catalog import catalog_text, read_sheet
from core.errors import OutOfStock
from core.lifecycle import FULFILMENT
from core.money import Money

_LIST_LIMIT = 30


def find(turn: Turn, args: str) -> None:
    if not args:
        raise Usage("find")
    assert turn.shop is not None
    found = core_orders.find_orders(turn.conn, turn.shop.id, args, limit=_LIST_LIMIT)
    if not found:
        return turn.say("find.none", text=args)
    turn.send(render.render("orders.html.j2", turn.tr, title=turn.tr("find.title", text=args),
                            orders=[_row(turn, o) for o in found]))


def _row(turn: Turn, order: core_orders.OrderView) -> dict[str, object]:
    return {"number": order.number, "name": order.customer_name or "–",
            "status": render.label(turn.tr, "status", order.status), "total": turn.tr.money(order.total),
            "waybill": order.waybill}


def today(turn: Turn, args: str) -> None:
    """Today's orders in the shop's time zone: counts by status and their sales, with how much of it is
    still to be paid (when some is, and not all); profit for managers only."""
    shop = turn.shop
    assert shop is not None
    zone = ZoneInfo(shop.timezone)
    start = datetime.combine(turn.now.astimezone(zone).date(), time(0), tzinfo=zone)
    found = core_orders.orders_between(turn.conn, shop.id, start, start + timedelta(days=1))
    counts: dict[str, int] = {}
    takings = profit = unpaid = Money.zero(shop.currency)
    costless = 0  # orders whose profit leaves out goods with no cost price
    for o in found:
        counts[o.status] = counts.get(o.status, 0) + 1
        if o.status not in ("cancelled", "returned"):
            takings += o.total
            profit += o.subtotal - o.discount - o.cogs
            costless += bool(o.costless)
            if o.payment_status not in ("paid", "settled"):
                unpaid += o.total
    turn.send(render.render(
        "today.html.j2", turn.tr, date=turn.tr.when(turn.now, shop.timezone).rsplit(" ", 1)[0],
        count=len(found), takings=turn.tr.money(takings),
        unpaid=turn.tr.money(unpaid) if unpaid and unpaid != takings else None,
        profit=turn.tr.money(profit) if _may_see_costs(turn) else None, costless=costless,
        statuses=[(render.label(turn.tr, "status", s), counts[s]) for s in FULFILMENT if s in counts]))


def stock(turn: Turn, args: str) -> None:
    """`/stock [text]` lists what is left; `/stock add SKU 10` counts goods in (owners and admins)."""
    shop = turn.shop
    assert shop is not None
    words = args.split()
    if words and words[0].lower() in ("add", "tambah", "them", "thêm", "nhap", "nhập"):
        turn.need(MANAGERS, "adjust stock")
        if len(words) < 3:
            raise Usage("stock_add")
        sku = _sku(turn, " ".join(words[1:-1]))
        if sku is None:
            return _which(turn, " ".join(words[1:-1]), words[-1])
        delta = _amount(words[-1])
        if delta is None:
            raise StockAmount(sku, words[-1])
        try:
            p = products.adjust_stock(turn.s, shop.id, sku, delta, reason="stock counted in chat",
                                      by_user=turn.user)
        except OutOfStock as exc:
            raise StockBelowZero(sku, exc.short[0].available, -delta) from None
        return turn.say("stock.adjusted", sku=p.sku, title=p.title, on_hand=p.on_hand, available=p.available)
    low = bool(words) and words[0].lower() in ("low", "habis", "het", "hết")
    text = None if low or not args else args
    found = products.list_products(turn.s, shop.id, low=low, text=text)
    if not found and text:
        # `sneakers 42`, `hitam L`: no product holds the words as one piece of text; read them as the
        # order parser reads a product, name and variant apart
        skus = turn.catalog().search(text)
        found = products.list_products(turn.s, shop.id, skus=skus) if skus else []
    if not found:
        if not turn.catalog().rows:
            return turn.say("stock.none")  # nothing to find: the catalog is still to be imported
        return turn.say("stock.no_low") if low else turn.say("stock.no_match", text=args)
    costs = _may_see_costs(turn)
    rows = [{"sku": p.sku, "title": p.title, "available": p.available, "reserved": p.reserved,
             "low": p.is_low, "active": p.active, "price": turn.tr.money(p.price),
             "cost": turn.tr.money(p.cost) if costs and p.cost is not None else None}
            for p in found[:_LIST_LIMIT]]
    turn.send(render.render("stock.html.j2", turn.tr, rows=rows, more=max(0, len(found) - _LIST_LIMIT)))


def _amount(word: str) -> int | None:
    """How many units `/stock add` counts in (or out, when negative); None for zero, for what is no
    whole number, and for more than any shop counts at once (which keeps the counts far inside the
    database's integers: a 20-digit number overflowed them)."""
    try:
        amount = int(word)
    except ValueError:
        return None
    return amount if 0 < abs(amount) <= products.MAX_ADJUST else None


def _may_see_costs(turn: Turn) -> bool:
    """Costs and profit: for owners and admins, and never in a group, where staff read along."""
    return turn.role in MANAGERS and not turn.in_group


def _sku(turn: Turn, words: str) -> str | None:
    """The product `/stock add` names: a SKU whatever its case, or words that find one product only
    (`pashmina cream`); None when they find several. Words that find none are passed on as typed, so
    the core names the unknown SKU."""
    rows = turn.catalog().rows
    if words in rows:
        return words
    sku = next((sku for sku in rows if sku.lower() == words.lower()), None)
    if sku is not None:
        return sku
    found = turn.catalog().search(words)
    return found[0] if len(found) == 1 else None if found else words


def _which(turn: Turn, words: str, amount: str) -> None:
    """Words that find several products: their SKUs, to name one."""
    found = turn.catalog().search(words)
    rows = turn.catalog().rows
    lines = [turn.tr("stock.which", text=words, sku=found[0], amount=amount)]
    lines += [Markup("• <code>{}</code> {}").format(sku, rows[sku].title) for sku in found[:_LIST_LIMIT]]
    turn.send(Markup("\n").join(lines))


def import_command(turn: Turn, args: str) -> None:
    """`/import` with a CSV attached; without one, say how."""
    turn.say("import.how")


def import_document(turn: Turn, filename: str, content: bytes) -> None:
    shop = turn.shop
    assert shop is not None
    sheet = read_sheet(catalog_text(content), shop.currency)
    result = products.import_products(turn.s, shop.id, sheet.rows, sheet.columns)
    said = [turn.tr("import.done", created=result.created, updated=result.updated,
                    unchanged=result.unchanged)]
    if sheet.ignored:
        said.append(turn.tr("import.ignored", columns=", ".join(sheet.ignored)))
    turn.send(Markup("\n").join(said))
