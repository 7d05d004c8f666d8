"""What an order looks like outside the core: frozen views with money as Money, and their JSON."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from core.lifecycle import next_steps
from core.money import Money, major_to_json
from storage.models import Order, OrderEvent, OrderItem


@dataclass(frozen=True)
class OrderItemView:
    sku: str
    name: str
    qty: int
    unit_price: Money
    line_total: Money


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
        return out


def build_views(s: Session, orders: Iterable[Order]) -> list[OrderView]:
    """Views of many orders with three queries in all, not three per order."""
    rows = list(orders)
    ids = [o.id for o in rows]
    items: dict[int, list[OrderItem]] = defaultdict(list)
    events: dict[int, list[OrderEvent]] = defaultdict(list)
    if ids:
        for i in s.exec(select(OrderItem).where(col(OrderItem.order_id).in_(ids))
                        .order_by(col(OrderItem.id))):
            items[i.order_id].append(i)
        for e in s.exec(select(OrderEvent).where(col(OrderEvent.order_id).in_(ids))
                        .order_by(col(OrderEvent.at), col(OrderEvent.id))):
            events[e.order_id].append(e)
    return [_view(o, items[o.id or 0], events[o.id or 0]) for o in rows]


def _view(o: Order, items: list[OrderItem], events: list[OrderEvent]) -> OrderView:
    def m(minor: int) -> Money:
        return Money(minor, o.currency)

    return OrderView(
        shop_id=o.shop_id, number=o.number, status=o.status, payment_status=o.payment_status,
        customer_name=o.customer_name, phone=o.phone, address=o.address,
        items=tuple(OrderItemView(i.sku, i.name, i.qty, m(i.unit_price), m(i.unit_price * i.qty))
                    for i in items),
        channel=o.channel, payment=o.payment, courier=o.courier, waybill=o.waybill,
        shipping_fee=m(o.shipping_fee), discount=m(o.discount), subtotal=m(o.subtotal), total=m(o.total),
        cogs=m(o.cogs), note=o.note, channel_ref=o.channel_ref, cancel_reason=o.cancel_reason,
        created_at=o.created_at, updated_at=o.updated_at, created_by=o.created_by,
        events=tuple(EventView(e.at, e.by_user, e.machine, e.from_state, e.to_state, e.source_chat, e.note)
                     for e in events),
    )
