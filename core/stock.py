"""Stock changes as conditional UPDATEs: correct on SQLite and PostgreSQL, under many processes.

Every change is one statement `UPDATE product SET on_hand = on_hand + a, reserved = reserved + b
WHERE ... AND on_hand + a >= reserved + b AND reserved + b >= 0`. The database re-checks the
condition on the newest row version (PostgreSQL waits for a concurrent writer and re-evaluates;
SQLite serialises writers with BEGIN IMMEDIATE), so no read-then-write race can oversell.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Integer, bindparam, insert, select, update
from sqlalchemy.engine import Connection

from core.errors import OutOfStock, Shortage
from storage.db import Tx, connection_of
from storage.models import Product, StockMovement, UTCDateTime, table
from storage.sql import Statement

# Built once and run on the DBAPI cursor (storage.sql): they run for every line of every order.
_P = table(Product)
_ON_HAND, _RESERVED = bindparam("d_on_hand", type_=Integer()), bindparam("d_reserved", type_=Integer())
_APPLY = Statement(
    update(_P)
    .where(_P.c.id == bindparam("product"), _P.c.shop_id == bindparam("shop"),
           _P.c.on_hand + _ON_HAND >= _P.c.reserved + _RESERVED, _P.c.reserved + _RESERVED >= 0)
    .values(on_hand=_P.c.on_hand + _ON_HAND, reserved=_P.c.reserved + _RESERVED,
            updated_at=bindparam("at", type_=UTCDateTime()))
)
_AVAILABLE = Statement(select(_P.c.on_hand - _P.c.reserved, _P.c.name, _P.c.variant)
                       .where(_P.c.id == bindparam("product"), _P.c.shop_id == bindparam("shop")))
_RECORD = Statement(insert(table(StockMovement)), columns=(
    "shop_id", "product_id", "on_hand_delta", "reserved_delta", "reason", "order_number", "by_user", "at"))


@dataclass(frozen=True)
class Line:
    """How many units of one product an order (or an adjustment) moves."""

    product_id: int
    sku: str
    qty: int


def _apply(conn: Connection, shop_id: int, product_id: int, on_hand: int, reserved: int,
           at: datetime) -> bool:
    done = _APPLY.run(conn, {"product": product_id, "shop": shop_id, "d_on_hand": on_hand,
                             "d_reserved": reserved, "at": at})
    return bool(done.rowcount == 1)


def _shortage(conn: Connection, shop_id: int, line: Line) -> Shortage:
    available, name, variant = _AVAILABLE.run(conn, {"product": line.product_id, "shop": shop_id}).fetchone()
    return Shortage(line.sku, line.qty, int(available), f"{name} {variant or ''}".strip())


def move(s: Tx, shop_id: int, lines: list[Line], *, on_hand: int, reserved: int, reason: str,
         order_number: int | None = None, by_user: int | None = None, at: datetime | None = None) -> None:
    """Change every line's product by `qty * on_hand` and `qty * reserved`, all or none.

    Raises OutOfStock naming every line that could not move; the lines that did move are moved
    back first, so a caller that catches the error still sees nothing changed.
    """
    merged: dict[int, Line] = {}
    for line in lines:
        prev = merged.get(line.product_id)
        merged[line.product_id] = Line(line.product_id, line.sku, line.qty + (prev.qty if prev else 0))
    at = at or datetime.now(UTC)
    conn = connection_of(s)
    done: list[Line] = []
    short: list[Shortage] = []
    # A fixed order (by product id) keeps two multi-SKU orders from deadlocking on PostgreSQL.
    for line in sorted(merged.values(), key=lambda x: x.product_id):
        if _apply(conn, shop_id, line.product_id, line.qty * on_hand, line.qty * reserved, at):
            done.append(line)
        else:
            short.append(_shortage(conn, shop_id, line))
    if short:
        for line in done:
            _apply(conn, shop_id, line.product_id, -line.qty * on_hand, -line.qty * reserved, at)
        raise OutOfStock(short)
    _RECORD.run_many(conn, [
        {"shop_id": shop_id, "product_id": line.product_id, "on_hand_delta": line.qty * on_hand,
         "reserved_delta": line.qty * reserved, "reason": reason, "order_number": order_number,
         "by_user": by_user, "at": at}
        for line in merged.values()])


def reserve(s: Tx, shop_id: int, lines: list[Line], *, reason: str, order_number: int | None = None,
            by_user: int | None = None, at: datetime | None = None) -> None:
    """Hold units for a confirmed order: available goes down, on hand stays."""
    move(s, shop_id, lines, on_hand=0, reserved=1, reason=reason, order_number=order_number,
         by_user=by_user, at=at)


def release(s: Tx, shop_id: int, lines: list[Line], *, reason: str, order_number: int | None = None,
            by_user: int | None = None, at: datetime | None = None) -> None:
    """Give back a cancelled order's hold."""
    move(s, shop_id, lines, on_hand=0, reserved=-1, reason=reason, order_number=order_number,
         by_user=by_user, at=at)


def take(s: Tx, shop_id: int, lines: list[Line], *, reason: str, order_number: int | None = None,
         by_user: int | None = None, at: datetime | None = None) -> None:
    """Shipping: the held units leave the shelf."""
    move(s, shop_id, lines, on_hand=-1, reserved=-1, reason=reason, order_number=order_number,
         by_user=by_user, at=at)


def put_back(s: Tx, shop_id: int, lines: list[Line], *, reason: str, order_number: int | None = None,
             by_user: int | None = None, at: datetime | None = None) -> None:
    """A return received: the units are on the shelf again."""
    move(s, shop_id, lines, on_hand=1, reserved=0, reason=reason, order_number=order_number,
         by_user=by_user, at=at)
