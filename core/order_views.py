"""What an order looks like outside the core: frozen views with money as Money, and their JSON."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select

from core.lifecycle import next_steps
from core.money import Money, major_to_json
from storage.db import Tx, connection_of
from storage.models import OrderEvent, OrderItem, table

Columns = Mapping[Any, Any]  # a row by column name: a RowMapping from the database, or a dict in hand

_I, _E = table(OrderItem), table(OrderEvent)
ITEM_COLUMNS = (_I.c.order_id, _I.c.product_id, _I.c.sku, _I.c.name, _I.c.qty, _I.c.unit_price,
                _I.c.unit_cost)
EVENT_COLUMNS = (_E.c.order_id, _E.c.at, _E.c.by_user, _E.c.machine, _E.c.from_state, _E.c.to_state,
                 _E.c.source_chat, _E.c.note)
# Built once, with the order ids as one expanding parameter, so they compile once for any count.
_ITEMS = select(*ITEM_COLUMNS).where(_I.c.order_id.in_(bindparam("orders", expanding=True))).order_by(_I.c.id)
_EVENTS = (select(*EVENT_COLUMNS).where(_E.c.order_id.in_(bindparam("orders", expanding=True)))
           .order_by(_E.c.at, _E.c.id))


@dataclass(frozen=True)
class OrderItemView:
    sku: str
    name: str
    qty: int
    unit_price: Money
    line_total: Money
    unit_cost: Money | None = None  # what one cost the shop when ordered; None when the catalog had no cost


@dataclass(frozen=True)
class EventView:
    at: datetime
    by_user: int | None
    machine: str  # "fulfilment" or "payment"
    from_state: str | None  # None for the order's creation
    to_state: str
    source_chat: int | None
    note: str | None


@dataclass(frozen=True)
class OrderView:
    shop_id: int
    number: int
    status: str
    payment_status: str
    customer_name: str | None
    phone: str | None
    address: str | None
    items: tuple[OrderItemView, ...]
    channel: str | None
    payment: str | None
    courier: str | None
    waybill: str | None
    shipping_fee: Money
    discount: Money
    subtotal: Money
    total: Money
    cogs: Money  # cost of goods; owners and admins only, the bot hides it from staff
    note: str | None
    channel_ref: str | None
    cancel_reason: str | None
    created_at: datetime
    updated_at: datetime
    created_by: int | None
    events: tuple[EventView, ...]

    @property
    def currency(self) -> str:
        return self.total.currency

    @property
    def next_steps(self) -> list[str]:
        return next_steps(self.status)

    @property
    def costless(self) -> list[str]:
        """The goods ordered with no cost known: `cogs` leaves them out, so the profit is overstated."""
        return [i.name for i in self.items if i.unit_cost is None]

    def to_json(self, *, with_costs: bool = True) -> dict[str, Any]:
        """Plain JSON: amounts in major units of `currency`, times in ISO 8601 UTC."""

        def amount(m: Money) -> int | float | None:
            return major_to_json(m.major)

        out: dict[str, Any] = {
            "number": self.number, "status": self.status, "payment_status": self.payment_status,
            "customer": {"name": self.customer_name, "phone": self.phone, "address": self.address},
            "items": [{"sku": i.sku, "name": i.name, "qty": i.qty, "unit_price": amount(i.unit_price),
                       "line_total": amount(i.line_total)} for i in self.items],
            "channel": self.channel, "payment": self.payment, "courier": self.courier,
            "waybill": self.waybill, "currency": self.currency,
            "shipping_fee": amount(self.shipping_fee), "discount": amount(self.discount),
            "subtotal": amount(self.subtotal), "total": amount(self.total),
            "note": self.note, "channel_ref": self.channel_ref, "cancel_reason": self.cancel_reason,
            "created_at": self.created_at.isoformat(), "updated_at": self.updated_at.isoformat(),
            "created_by": self.created_by, "next_steps": self.next_steps,
            "events": [{"at": e.at.isoformat(), "by_user": e.by_user, "machine": e.machine,
                        "from": e.from_state, "to": e.to_state, "source_chat": e.source_chat,
                        "note": e.note} for e in self.events],
        }
        if with_costs:
            out["cogs"] = amount(self.cogs)
            for item, i in zip(out["items"], self.items, strict=True):
                item["unit_cost"] = None if i.unit_cost is None else amount(i.unit_cost)
        return out


def build_views(s: Tx, orders: Iterable[Columns]) -> list[OrderView]:
    """Views of many orders (rows of the orders table) with three queries in all, not three per order."""
    rows = list(orders)
    ids = [o["id"] for o in rows]
    items: dict[int, list[Columns]] = defaultdict(list)
    events: dict[int, list[Columns]] = defaultdict(list)
    if ids:
        conn = connection_of(s)
        for i in conn.execute(_ITEMS, {"orders": ids}).mappings():
            items[i["order_id"]].append(i)
        for e in conn.execute(_EVENTS, {"orders": ids}).mappings():
            events[e["order_id"]].append(e)
    return [view(o, items[o["id"]], events[o["id"]]) for o in rows]


def view(o: Columns, items: Iterable[Columns],
         events: Iterable[Columns]) -> OrderView:
    """The view of an order, its items and its events, each a row (or a dict) of its table's columns."""
    currency = o["currency"]

    def m(minor: int) -> Money:
        return Money(minor, currency)

    return OrderView(
        shop_id=o["shop_id"], number=o["number"], status=o["status"], payment_status=o["payment_status"],
        customer_name=o["customer_name"], phone=o["phone"], address=o["address"],
        items=tuple(OrderItemView(i["sku"], i["name"], i["qty"], m(i["unit_price"]),
                                  m(i["unit_price"] * i["qty"]),
                                  None if i["unit_cost"] is None else m(i["unit_cost"])) for i in items),
        channel=o["channel"], payment=o["payment"], courier=o["courier"], waybill=o["waybill"],
        shipping_fee=m(o["shipping_fee"]), discount=m(o["discount"]), subtotal=m(o["subtotal"]),
        total=m(o["total"]), cogs=m(o["cogs"]), note=o["note"], channel_ref=o["channel_ref"],
        cancel_reason=o["cancel_reason"], created_at=o["created_at"], updated_at=o["updated_at"],
        created_by=o["created_by"],
        events=tuple(EventView(e["at"], e["by_user"], e["machine"], e["from_state"], e["to_state"],
                               e["source_chat"], e["note"]) for e in events),
    )
