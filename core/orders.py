"""Orders: created from a draft, moved through the two lifecycles, found again."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from core import stock
from core.draft import CHANNELS, COURIERS, PAYMENTS, OrderDraft
from core.errors import (
    DuplicateOrder,
    DuplicateWaybill,
    InvalidDraft,
    InvalidValue,
    UnknownOrder,
    UnknownProduct,
)
from core.lifecycle import FULFILMENT, PAYMENT, RESERVING, check, initial_payment
from core.money import Money
from core.order_views import EventView, OrderItemView, OrderView, build_views
from core.shops import get_shop
from storage.models import Order, OrderEvent, OrderItem, Product, Shop

__all__ = ["EventView", "OrderItemView", "OrderView", "create_order", "move_order", "move_payment",
           "get_order", "list_orders", "find_orders", "orders_between"]


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _check_draft(draft: OrderDraft, currency: str) -> None:
    problems: list[str] = []
    if draft.currency and draft.currency.upper() != currency:
        problems.append(f"currency: the draft is in {draft.currency}, the shop sells in {currency}")
    if not draft.items:
        problems.append("items: the order has no items")
    for n, it in enumerate(draft.items, 1):
        if it.sku is None:
            which = f" (which one: {', '.join(it.candidates)})" if it.candidates else ""
            problems.append(f"items[{n}]: {it.name!r} matches no product{which}")
        if it.qty < 1:
            problems.append(f"items[{n}].qty: {it.qty} is below 1")
    for key, allowed in (("channel", CHANNELS), ("payment", PAYMENTS), ("courier", COURIERS)):
        value = getattr(draft, key)
        if value is not None and value not in allowed:
            problems.append(f"{key}: {value!r} is not one of {', '.join(allowed)}")
    if draft.channel_ref and not draft.channel:
        problems.append("channel_ref: a channel order reference needs the channel it comes from")
    if problems:
        raise InvalidDraft(problems)


def _next_number(s: Session, shop_id: int) -> int:
    # The UPDATE locks the shop row until commit, so concurrent orders queue for their numbers
    # (and, taken first, it orders the locks: shop, then products, as imports do).
    result = s.execute(update(Shop).where(col(Shop.id) == shop_id)
                       .values(last_order_number=col(Shop.last_order_number) + 1)
                       .returning(col(Shop.last_order_number))
                       .execution_options(synchronize_session=False))
    return int(result.scalar_one())


def _event(s: Session, o: Order, machine: str, before: str | None, after: str, *, at: datetime,
           by_user: int | None, source_chat: int | None, note: str | None = None) -> None:
    assert o.id is not None
    s.add(OrderEvent(shop_id=o.shop_id, order_id=o.id, at=at, by_user=by_user, machine=machine,
                     from_state=before, to_state=after, source_chat=source_chat, note=note))


def create_order(s: Session, shop_id: int, draft: OrderDraft, *, by_user: int | None,
                 source_chat: int | None = None, now: datetime | None = None) -> OrderView:
    """A confirmed order with its stock reserved, numbered from #1001; all of it or nothing."""
    at = _now(now)
    currency = get_shop(s, shop_id).currency
    _check_draft(draft, currency)
    skus = {it.sku for it in draft.items if it.sku}
    products = {p.sku: p for p in s.exec(select(Product).where(Product.shop_id == shop_id,
                                                               col(Product.sku).in_(skus)))}
    for it in draft.items:
        if it.sku not in products:
            raise UnknownProduct(str(it.sku))
    inactive = sorted(sku for sku, p in products.items() if not p.active)
    if inactive:
        raise InvalidDraft([f"{sku} is no longer sold" for sku in inactive])
    items: list[OrderItem] = []
    for it in draft.items:
        p = products[str(it.sku)]
        assert p.id is not None
        price = p.price if it.unit_price is None else Money.of(it.unit_price, currency).minor
        items.append(OrderItem(shop_id=shop_id, order_id=0, product_id=p.id, sku=p.sku,
                               name=f"{p.name} {p.variant}".strip(), qty=it.qty, unit_price=price,
                               unit_cost=p.cost))
    subtotal = sum(i.unit_price * i.qty for i in items)
    fee = 0 if draft.shipping_fee is None else Money.of(draft.shipping_fee, currency).minor
    discount = 0 if draft.discount is None else Money.of(draft.discount, currency).minor
    if discount > subtotal + fee:
        raise InvalidDraft([f"discount: {draft.discount} is more than the order's value"])

    number = _next_number(s, shop_id)
    if draft.channel_ref:
        # Checked after the shop row is locked, so a concurrent twin has committed or not started.
        twin = s.exec(select(Order.number).where(Order.shop_id == shop_id, Order.channel == draft.channel,
                                                 Order.channel_ref == draft.channel_ref)).first()
        if twin is not None:
            raise DuplicateOrder(str(draft.channel), draft.channel_ref, twin)
    stock.reserve(s, shop_id, [stock.Line(i.product_id, i.sku, i.qty) for i in items],
                  reason="order confirmed", order_number=number, by_user=by_user)
    o = Order(shop_id=shop_id, number=number, status="confirmed",
              payment_status=initial_payment(draft.payment, draft.channel), currency=currency,
              customer_name=draft.customer.name, phone=draft.customer.phone, address=draft.customer.address,
              channel=draft.channel, payment=draft.payment, courier=draft.courier, shipping_fee=fee,
              discount=discount, subtotal=subtotal, total=subtotal + fee - discount,
              cogs=sum((i.unit_cost or 0) * i.qty for i in items), note=draft.note,
              channel_ref=draft.channel_ref or None, created_by=by_user, created_at=at, updated_at=at)
    s.add(o)
    s.flush()
    assert o.id is not None
    for i in items:
        i.order_id = o.id
        s.add(i)
    _event(s, o, "fulfilment", None, o.status, at=at, by_user=by_user, source_chat=source_chat)
    _event(s, o, "payment", None, o.payment_status, at=at, by_user=by_user, source_chat=source_chat)
    s.flush()
    return _view(s, o)


def _locked(s: Session, shop_id: int, number: int) -> Order:
    # FOR UPDATE on PostgreSQL makes a second mover wait and then see the new status, so the
    # stock effect of one transition can never be applied twice. SQLite serialises writers anyway.
    o = s.exec(select(Order).where(Order.shop_id == shop_id, Order.number == number)
               .with_for_update().execution_options(populate_existing=True)).first()
    if o is None:
        raise UnknownOrder(number)
    return o


def _lines(s: Session, o: Order) -> list[stock.Line]:
    return [stock.Line(i.product_id, i.sku, i.qty)
            for i in s.exec(select(OrderItem).where(OrderItem.order_id == o.id))]


def _set_waybill(s: Session, o: Order, courier: str | None, waybill: str | None) -> None:
    if courier is not None and courier not in COURIERS:
        raise InvalidValue("courier", courier, f"is not one of {', '.join(COURIERS)}")
    courier = courier or o.courier
    waybill = (waybill or "").strip() or o.waybill
    if waybill and courier:
        twin = s.exec(select(Order.number).where(Order.shop_id == o.shop_id, Order.courier == courier,
                                                 Order.waybill == waybill, Order.id != o.id)).first()
        if twin is not None:
            raise DuplicateWaybill(courier, waybill, twin)
    o.courier, o.waybill = courier, waybill
    s.add(o)
    try:
        with s.begin_nested():  # a concurrent twin passed the check too: the unique index decides
            s.flush()
    except IntegrityError:
        with s.no_autoflush:
            twin = s.exec(select(Order.number).where(Order.shop_id == o.shop_id, Order.courier == courier,
                                                     Order.waybill == waybill, Order.id != o.id)).first()
        raise DuplicateWaybill(str(courier), str(waybill), twin or 0) from None


def move_order(s: Session, shop_id: int, number: int, to: str, *, by_user: int | None,
               source_chat: int | None = None, courier: str | None = None, waybill: str | None = None,
               reason: str | None = None, now: datetime | None = None) -> OrderView:
    """Move the fulfilment status, with its stock effect; moving to the current status does nothing."""
    at = _now(now)
    o = _locked(s, shop_id, number)
    if not check("fulfilment", FULFILMENT, o.status, to):
        return _view(s, o)
    if courier is not None or waybill is not None:
        _set_waybill(s, o, courier, waybill)
    lines = _lines(s, o)
    if to == "cancelled" and o.status in RESERVING:
        stock.release(s, shop_id, lines, reason="order cancelled", order_number=number, by_user=by_user)
        o.cancel_reason = reason
    elif to == "shipped":
        stock.take(s, shop_id, lines, reason="order shipped", order_number=number, by_user=by_user)
    elif to == "returned":
        stock.put_back(s, shop_id, lines, reason="return received", order_number=number, by_user=by_user)
    before, o.status, o.updated_at = o.status, to, at
    s.add(o)
    _event(s, o, "fulfilment", before, to, at=at, by_user=by_user, source_chat=source_chat, note=reason)
    s.flush()
    return _view(s, o)


def move_payment(s: Session, shop_id: int, number: int, to: str, *, by_user: int | None,
                 source_chat: int | None = None, note: str | None = None,
                 now: datetime | None = None) -> OrderView:
    """Move the payment status; moving to the current status does nothing."""
    at = _now(now)
    o = _locked(s, shop_id, number)
    if not check("payment", PAYMENT, o.payment_status, to):
        return _view(s, o)
    before, o.payment_status, o.updated_at = o.payment_status, to, at
    s.add(o)
    _event(s, o, "payment", before, to, at=at, by_user=by_user, source_chat=source_chat, note=note)
    s.flush()
    return _view(s, o)


def _view(s: Session, o: Order) -> OrderView:
    return build_views(s, [o])[0]


def _orders(shop_id: int) -> SelectOfScalar[Order]:
    return select(Order).where(Order.shop_id == shop_id)


def get_order(s: Session, shop_id: int, number: int) -> OrderView:
    o = s.exec(_orders(shop_id).where(Order.number == number)).first()
    if o is None:
        raise UnknownOrder(number)
    return _view(s, o)


def list_orders(s: Session, shop_id: int, *, status: str | None = None, limit: int = 50) -> list[OrderView]:
    """Newest first; `status` may be a fulfilment or a payment status."""
    q = _orders(shop_id)
    if status is not None:
        if status in FULFILMENT:
            q = q.where(Order.status == status)
        elif status in PAYMENT:
            q = q.where(Order.payment_status == status)
        else:
            raise InvalidValue("status", status, "is not an order status")
    return build_views(s, s.exec(q.order_by(col(Order.number).desc()).limit(limit)))


def find_orders(s: Session, shop_id: int, text: str, *, limit: int = 20) -> list[OrderView]:
    """Orders whose number, customer name, phone, waybill or channel reference matches `text`."""
    t = text.strip()
    if not t:
        return []
    conds = [func.lower(col(Order.customer_name)).contains(t.lower(), autoescape=True),
             col(Order.waybill) == t, col(Order.channel_ref) == t]
    if t.lstrip("#").isdigit():
        conds.append(col(Order.number) == int(t.lstrip("#")))
    digits = re.sub(r"\D", "", t).lstrip("0")  # 0812… and +62812… both end in 812…
    if len(digits) >= 5:
        conds.append(col(Order.phone).like(f"%{digits}%"))
    q = _orders(shop_id).where(or_(*conds)).order_by(col(Order.number).desc()).limit(limit)
    return build_views(s, s.exec(q))


def orders_between(s: Session, shop_id: int, start_utc: datetime, end_utc: datetime) -> list[OrderView]:
    """Orders created in [start, end), oldest first (a day in the shop's time zone, for /today)."""
    q = _orders(shop_id).where(Order.created_at >= start_utc, Order.created_at < end_utc)
    return build_views(s, s.exec(q.order_by(col(Order.number))))
