"""Orders: created from a draft, moved through the two lifecycles, found again."""

from __future__ import annotations

import re
from contextlib import nullcontext
from datetime import UTC, datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, String, and_, bindparam, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from core import stock
from core.draft import CHANNELS, COURIERS, OTHER_COURIER, PAYMENTS, OrderDraft
from core.errors import (
    DuplicateOrder,
    DuplicateWaybill,
    InvalidDraft,
    InvalidValue,
    NotAllowed,
    NotEditable,
    NotSold,
    UnknownOrder,
    UnknownProduct,
    UnknownShop,
)
from core.lifecycle import FULFILMENT, PAYMENT, RESERVING, check, initial_payment, money_barred
from core.money import Money
from core.order_views import (
    EVENT_COLUMNS,
    ITEM_COLUMNS,
    Columns,
    EventView,
    OrderItemView,
    OrderView,
    build_views,
    view,
)
from core.search import fold, order_search_text, phone_digits
from storage.db import Tx, connection_of
from storage.models import Order, OrderEvent, OrderItem, Product, Shop, UTCDateTime, table
from storage.sql import Statement

__all__ = ["EventView", "OrderItemView", "OrderView", "create_order", "move_order", "move_payment",
           "get_order", "known_numbers", "list_orders", "find_orders", "orders_between"]


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


# A phone as drafts carry it (the parser reads every way of writing one into this form).
_E164 = re.compile(r"\+[1-9]\d{6,14}")


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
        elif it.qty_unclear:
            problems.append(f"items[{n}].qty: the message gave no quantity an order can have; say how many")
    for key, allowed in (("channel", CHANNELS), ("payment", PAYMENTS), ("courier", COURIERS)):
        value = getattr(draft, key)
        if value is not None and value not in allowed:
            problems.append(f"{key}: {value!r} is not one of {', '.join(allowed)}")
    if draft.channel_ref and not draft.channel:
        problems.append("channel_ref: a channel order reference needs the channel it comes from")
    phone = draft.customer.phone
    if phone and not _E164.fullmatch(phone):  # "": the marketplace hides it
        problems.append(f"customer.phone: {phone!r} is not a phone number in international form (+62…)")
    if problems:
        raise InvalidDraft(problems)


# The statements of the hot path, built once (and so compiled once) and run on the DBAPI cursor
# (storage.sql): an order costs a handful of plain statements, not an ORM flush per object and a
# read-back of what was just written.
_S, _P, _O, _I, _E = (table(m) for m in (Shop, Product, Order, OrderItem, OrderEvent))
# The UPDATE locks the shop row until commit, so concurrent orders queue for their numbers
# (and, taken first, it orders the locks: shop, then products, as imports do).
_NEXT_NUMBER = Statement(update(_S).where(_S.c.id == bindparam("shop"))
                         .values(last_order_number=_S.c.last_order_number + 1)
                         .returning(_S.c.last_order_number))


class ProductRow(NamedTuple):
    """What an order needs of the shop and of one of its products (all None but currency: none found)."""

    currency: str
    id: int
    sku: str
    name: str
    variant: str
    price: int
    cost: int | None
    active: bool


@cache
def _shop_products(slots: int) -> Statement:
    """The shop's currency with its products among `slots` SKUs (sku0, sku1, ...; unused ones NULL).

    One row per product found, one row of NULL products when none is, and no row at all when there
    is no such shop. The SKUs are separate parameters so the statement runs on the DBAPI cursor; a
    statement per power of two keeps the variants few.
    """
    skus = [bindparam(f"sku{n}", type_=String()) for n in range(slots)]
    return Statement(
        select(_S.c.currency, _P.c.id, _P.c.sku, _P.c.name, _P.c.variant, _P.c.price, _P.c.cost, _P.c.active)
        .select_from(_S.outerjoin(_P, and_(_P.c.shop_id == _S.c.id, _P.c.sku.in_(skus))))
        .where(_S.c.id == bindparam("shop")))


_SAME_REF = Statement(select(_O.c.number).where(
    _O.c.shop_id == bindparam("shop"), _O.c.channel == bindparam("channel"),
    _O.c.channel_ref == bindparam("ref")).limit(1))
_SAME_WAYBILL = Statement(select(_O.c.number).where(
    _O.c.shop_id == bindparam("shop"), _O.c.courier == bindparam("courier"),
    _O.c.waybill == bindparam("waybill"), _O.c.id != bindparam("order")).limit(1))
_ADD_ORDER = Statement(insert(_O).returning(_O.c.id), columns=(
    "shop_id", "number", "status", "payment_status", "currency", "customer_name", "phone", "address",
    "channel", "payment", "courier", "waybill", "shipping_fee", "discount", "subtotal", "total", "cogs",
    "note", "channel_ref", "cancel_reason", "search", "created_by", "created_at", "updated_at"))
_ADD_ITEMS = Statement(insert(_I), columns=(
    "shop_id", "order_id", "product_id", "sku", "name", "qty", "unit_price", "unit_cost"))
_ADD_EVENTS = Statement(insert(_E), columns=(
    "shop_id", "order_id", "at", "by_user", "machine", "from_state", "to_state", "source_chat", "note"))
_ORDER = select(_O).where(_O.c.shop_id == bindparam("shop"), _O.c.number == bindparam("number"))
_ONE = Statement(_ORDER)
# FOR UPDATE on PostgreSQL makes a second mover wait and then see the new status, so the
# stock effect of one transition can never be applied twice. SQLite serialises writers anyway.
_LOCKED = Statement(_ORDER.with_for_update())
_ITEMS_OF = Statement(select(*ITEM_COLUMNS).where(_I.c.order_id == bindparam("order")).order_by(_I.c.id))
_EVENTS_OF = Statement(select(*EVENT_COLUMNS).where(_E.c.order_id == bindparam("order"))
                       .order_by(_E.c.at, _E.c.id))
_SET_WAYBILL = Statement(update(_O).where(_O.c.id == bindparam("order")).values(
    courier=bindparam("new_courier"), waybill=bindparam("new_waybill"), search=bindparam("new_search")))
_SET_STATUS = Statement(update(_O).where(_O.c.id == bindparam("order")).values(
    status=bindparam("new_status"), cancel_reason=bindparam("new_reason"),
    updated_at=bindparam("at", type_=UTCDateTime())))
_SET_PAYMENT = Statement(update(_O).where(_O.c.id == bindparam("order")).values(
    payment_status=bindparam("new_status"), updated_at=bindparam("at", type_=UTCDateTime())))


def _event(order: Columns, machine: str, before: str | None, after: str, *, at: datetime,
           by_user: int | None, source_chat: int | None, note: str | None = None) -> dict[str, Any]:
    return {"shop_id": order["shop_id"], "order_id": order["id"], "at": at, "by_user": by_user,
            "machine": machine, "from_state": before, "to_state": after, "source_chat": source_chat,
            "note": note}


def _products(conn: Connection, shop_id: int, draft: OrderDraft) -> tuple[str, dict[str, ProductRow]]:
    """The shop's currency and the draft's products by SKU, once the draft is known to be orderable."""
    skus = list({it.sku for it in draft.items if it.sku})
    slots = 1 << max(len(skus) - 1, 0).bit_length()  # 1, 2, 4, 8, ...
    params = {"shop": shop_id} | {f"sku{n}": skus[n] if n < len(skus) else None for n in range(slots)}
    found = [ProductRow(*row) for row in _shop_products(slots).run(conn, params).fetchall()]
    if not found:
        raise UnknownShop(shop_id)
    currency = found[0].currency
    _check_draft(draft, currency)
    products = {p.sku: p for p in found if p.sku is not None}
    for it in draft.items:
        if it.sku not in products:
            raise UnknownProduct(str(it.sku))
    inactive = sorted(sku for sku, p in products.items() if not p.active)
    if inactive:
        raise NotSold(inactive)
    return currency, products


def _items(shop_id: int, draft: OrderDraft, products: dict[str, ProductRow],
           currency: str) -> list[dict[str, Any]]:
    """The order's lines as rows: the price written in the draft wins over the catalog's."""
    items = []
    for it in draft.items:
        p = products[str(it.sku)]
        price = p.price if it.unit_price is None else Money.of(it.unit_price, currency).minor
        items.append({"shop_id": shop_id, "product_id": p.id, "sku": p.sku,
                      "name": f"{p.name} {p.variant}".strip(), "qty": it.qty, "unit_price": price,
                      "unit_cost": p.cost})
    return items


def create_order(s: Tx, shop_id: int, draft: OrderDraft, *, by_user: int | None,
                 source_chat: int | None = None, now: datetime | None = None) -> OrderView:
    """A confirmed order with its stock reserved, numbered from #1001; all of it or nothing."""
    at = _now(now)
    conn = connection_of(s)
    currency, products = _products(conn, shop_id, draft)
    items = _items(shop_id, draft, products, currency)
    subtotal = sum(i["unit_price"] * i["qty"] for i in items)
    fee = 0 if draft.shipping_fee is None else Money.of(draft.shipping_fee, currency).minor
    discount = 0 if draft.discount is None else Money.of(draft.discount, currency).minor
    if discount > subtotal + fee:
        raise InvalidDraft([f"discount: {draft.discount} is more than the order's value"])

    number = int(_NEXT_NUMBER.run(conn, {"shop": shop_id}).fetchone()[0])
    if draft.channel_ref:
        # Checked after the shop row is locked, so a concurrent twin has committed or not started.
        twin = _SAME_REF.run(conn, {"shop": shop_id, "channel": draft.channel,
                                    "ref": draft.channel_ref}).fetchone()
        if twin is not None:
            raise DuplicateOrder(str(draft.channel), draft.channel_ref, twin[0])
    stock.reserve(conn, shop_id, [stock.Line(i["product_id"], i["sku"], i["qty"]) for i in items],
                  reason="order confirmed", order_number=number, by_user=by_user, at=at)
    order: dict[str, Any] = {
        "shop_id": shop_id, "number": number, "status": "confirmed",
        "payment_status": initial_payment(draft.payment, draft.channel), "currency": currency,
        "customer_name": draft.customer.name, "phone": draft.customer.phone or None,
        "address": draft.customer.address, "channel": draft.channel, "payment": draft.payment,
        "courier": draft.courier, "waybill": None, "shipping_fee": fee, "discount": discount,
        "subtotal": subtotal, "total": subtotal + fee - discount,
        "cogs": sum((i["unit_cost"] or 0) * i["qty"] for i in items), "note": draft.note,
        "channel_ref": draft.channel_ref or None, "cancel_reason": None, "created_by": by_user,
        "created_at": at, "updated_at": at}
    order["search"] = _search_text(order)
    order["id"] = _ADD_ORDER.run(conn, order).fetchone()[0]
    for i in items:
        i["order_id"] = order["id"]
    _ADD_ITEMS.run_many(conn, items)
    events = [_event(order, "fulfilment", None, order["status"], at=at, by_user=by_user,
                     source_chat=source_chat),
              _event(order, "payment", None, order["payment_status"], at=at, by_user=by_user,
                     source_chat=source_chat)]
    _ADD_EVENTS.run_many(conn, events)
    # The view from the values in hand, not read back; times as the database gives them (UTC).
    utc = at.astimezone(UTC)
    order.update(created_at=utc, updated_at=utc)
    for e in events:
        e["at"] = utc
    return view(order, items, events)


def _search_text(o: dict[str, Any]) -> str:
    return order_search_text(o["customer_name"], o["phone"], o["address"], o["waybill"], o["channel_ref"])


def _locked(conn: Connection, shop_id: int, number: int) -> dict[str, Any]:
    rows = _LOCKED.rows(conn, {"shop": shop_id, "number": number})
    if not rows:
        raise UnknownOrder(number)
    return rows[0]


def _set_waybill(conn: Connection, o: dict[str, Any], courier: str | None, waybill: str | None) -> None:
    if courier is not None and courier != OTHER_COURIER and courier not in COURIERS:
        raise InvalidValue("courier", courier, f"is not one of {', '.join(COURIERS)}")
    courier = o["courier"] if courier is None else courier or None
    waybill = (waybill or "").strip() or o["waybill"]
    twin_of = {"shop": o["shop_id"], "courier": courier, "waybill": waybill, "order": o["id"]}
    if waybill and courier:
        twin = _SAME_WAYBILL.run(conn, twin_of).fetchone()
        if twin is not None:
            raise DuplicateWaybill(courier, waybill, twin[0])
    if (courier, waybill) == (o["courier"], o["waybill"]):
        return
    # A concurrent twin may have passed the check too: the unique index decides. PostgreSQL aborts
    # the whole transaction on a failed statement, so there the UPDATE runs in a savepoint; SQLite
    # undoes just the failed statement and the transaction goes on, so a savepoint would only cost.
    guard = nullcontext() if conn.dialect.name == "sqlite" else conn.begin_nested()
    try:
        with guard:
            _SET_WAYBILL.run(conn, {"order": o["id"], "new_courier": courier, "new_waybill": waybill,
                                    "new_search": _search_text(o | {"waybill": waybill})})
    except IntegrityError:
        twin = _SAME_WAYBILL.run(conn, twin_of).fetchone()
        raise DuplicateWaybill(str(courier), str(waybill), twin[0] if twin else 0) from None
    o["courier"], o["waybill"] = courier, waybill


def move_order(s: Tx, shop_id: int, number: int, to: str, *, by_user: int | None,
               source_chat: int | None = None, courier: str | None = None, waybill: str | None = None,
               reason: str | None = None, note: str | None = None, now: datetime | None = None) -> OrderView:
    """Move the fulfilment status, with its stock effect; moving to the current status does nothing,
    except that shipping a shipped order with a courier or waybill corrects them.

    `courier` None keeps the order's courier, OTHER_COURIER clears it; `reason` (a cancellation's) or
    `note` (say, the name of a courier without a code) is kept on the status change's event."""
    at = _now(now)
    conn = connection_of(s)
    o = _locked(conn, shop_id, number)
    if not check("fulfilment", FULFILMENT, o["status"], to, number):
        if to == "shipped" and (courier is not None or waybill is not None):
            _set_waybill(conn, o, courier, waybill)  # shipped again with a waybill: it corrects a typo
        return _view(conn, o)
    if courier is not None or waybill is not None:
        _set_waybill(conn, o, courier, waybill)
    items = _ITEMS_OF.rows(conn, {"order": o["id"]})
    lines = [stock.Line(i["product_id"], i["sku"], i["qty"]) for i in items]
    if to == "cancelled" and o["status"] in RESERVING:
        stock.release(conn, shop_id, lines, reason="order cancelled", order_number=number, by_user=by_user,
                      at=at)
        o["cancel_reason"] = reason
    elif to == "shipped":
        stock.take(conn, shop_id, lines, reason="order shipped", order_number=number, by_user=by_user,
                      at=at)
    elif to == "returned":
        stock.put_back(conn, shop_id, lines, reason="return received", order_number=number, by_user=by_user,
                      at=at)
    before = o["status"]
    _SET_STATUS.run(conn, {"order": o["id"], "new_status": to, "new_reason": o["cancel_reason"], "at": at})
    _ADD_EVENTS.run_many(conn, [_event(o, "fulfilment", before, to, at=at, by_user=by_user,
                                       source_chat=source_chat, note=reason or note)])
    o["status"], o["updated_at"] = to, at.astimezone(UTC)
    return view(o, items, _EVENTS_OF.rows(conn, {"order": o["id"]}))


# What may change once an order is confirmed, until its parcel leaves: who and where it goes, how, the
# shipping fee, the note. Its goods may not (their stock is reserved): cancel and enter it again.
EDITABLE = ("customer_name", "phone", "address", "courier", "shipping_fee", "note")


def edit_order(s: Tx, shop_id: int, number: int, changes: dict[str, Any], *, by_user: int | None,
               source_chat: int | None = None, now: datetime | None = None) -> OrderView:
    """Correct an order's details (`changes`: some of EDITABLE, in the order's currency's minor units)
    while it is confirmed or packed; an event records which fields changed, by whom."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidValue("field", ", ".join(sorted(unknown)), f"is not one of {', '.join(EDITABLE)}")
    at = _now(now)
    conn = connection_of(s)
    o = _locked(conn, shop_id, number)
    if o["status"] not in RESERVING:
        raise NotEditable(number, o["status"])
    courier = changes.get("courier")
    if courier is not None and courier not in COURIERS:
        raise InvalidValue("courier", courier, f"is not one of {', '.join(COURIERS)}")
    phone = changes.get("phone")
    if phone and not _E164.fullmatch(phone):  # "": the marketplace hides it
        raise InvalidValue("phone", phone, "is not a phone number in international form (+62…)")
    fee = changes.get("shipping_fee")
    if fee is not None and (not isinstance(fee, int) or fee < 0):
        raise InvalidValue("shipping_fee", str(fee), "must be a whole amount of 0 or more")
    changed = sorted(k for k, v in changes.items() if v != o[k])
    if not changed:
        return _view(conn, o)
    new = o | {k: changes[k] for k in changed}
    new["total"] = max(new["subtotal"] + (new["shipping_fee"] or 0) - (new["discount"] or 0), 0)
    new["search"], new["updated_at"] = _search_text(new), at.astimezone(UTC)
    conn.execute(update(_O).where(_O.c.id == o["id"]).values(
        {k: new[k] for k in (*changed, "total", "search", "updated_at")}))
    _ADD_EVENTS.run_many(conn, [_event(o, "details", o["status"], "edited", at=at, by_user=by_user,
                                       source_chat=source_chat, note=", ".join(changed))])
    return _view(conn, new)


def move_payment(s: Tx, shop_id: int, number: int, to: str, *, by_user: int | None,
                 source_chat: int | None = None, note: str | None = None,
                 now: datetime | None = None) -> OrderView:
    """Move the payment status; moving to the current status does nothing."""
    at = _now(now)
    conn = connection_of(s)
    o = _locked(conn, shop_id, number)
    if not check("payment", PAYMENT, o["payment_status"], to, number):
        return _view(conn, o)
    if money_barred(o["status"], o["payment_status"], to):
        raise NotAllowed("payment", o["status"], to, number)
    before = o["payment_status"]
    _SET_PAYMENT.run(conn, {"order": o["id"], "new_status": to, "at": at})
    _ADD_EVENTS.run_many(conn, [_event(o, "payment", before, to, at=at, by_user=by_user,
                                       source_chat=source_chat, note=note)])
    o["payment_status"], o["updated_at"] = to, at.astimezone(UTC)
    return _view(conn, o)


def _view(conn: Connection, o: Columns) -> OrderView:
    return view(o, _ITEMS_OF.rows(conn, {"order": o["id"]}), _EVENTS_OF.rows(conn, {"order": o["id"]}))


def _orders(shop_id: int) -> Select[Any]:
    return select(_O).where(_O.c.shop_id == shop_id)


def _views(s: Tx, q: Select[Any]) -> list[OrderView]:
    conn = connection_of(s)
    return build_views(conn, conn.execute(q).mappings())



def get_order(s: Tx, shop_id: int, number: int) -> OrderView:
    conn = connection_of(s)
    rows = _ONE.rows(conn, {"shop": shop_id, "number": number})
    if not rows:
        raise UnknownOrder(number)
    return _view(conn, rows[0])


def status_of(s: Tx, shop_id: int, number: int) -> tuple[str, str]:
    """An order's fulfilment and payment status, without its lines and events."""
    q = select(_O.c.status, _O.c.payment_status).where(_O.c.shop_id == shop_id, _O.c.number == number)
    row = connection_of(s).execute(q).first()
    if row is None:
        raise UnknownOrder(number)
    return row[0], row[1]


def known_numbers(s: Tx, shop_id: int, numbers: list[int]) -> set[int]:
    """Which of `numbers` are numbers of the shop's orders."""
    if not numbers:
        return set()
    q = select(_O.c.number).where(_O.c.shop_id == shop_id, _O.c.number.in_(numbers))
    return {n for (n,) in connection_of(s).execute(q)}


def list_orders(s: Tx, shop_id: int, *, status: str | None = None, limit: int = 50) -> list[OrderView]:
    """Newest first; `status` may be a fulfilment or a payment status."""
    q = _orders(shop_id)
    if status is not None:
        if status in FULFILMENT:
            q = q.where(_O.c.status == status)
        elif status in PAYMENT:
            q = q.where(_O.c.payment_status == status)
        else:
            raise InvalidValue("status", status, "is not an order status")
    return _views(s, q.order_by(_O.c.number.desc()).limit(limit))


def find_orders(s: Tx, shop_id: int, text: str, *, limit: int = 20) -> list[OrderView]:
    """Orders whose number is `text`, or whose customer name, phone, address, waybill or channel reference
    holds it, whatever its letter case and diacritics (`duc` finds Đức, `jp11` JP1111)."""
    t = text.strip()
    if not t:
        return []
    conds = [_O.c.search.contains(fold(t), autoescape=True)]
    if t.lstrip("#").isdigit():
        conds.append(_O.c.number == int(t.lstrip("#")))
    digits = phone_digits(t)  # 0812… and +62812… both hold 812…
    if len(digits) >= 5 or (t[0] in "0+" and len(digits) >= 3):  # `0812`: a phone's start, as typed
        conds.append(_O.c.search.contains(digits, autoescape=True))
    return _views(s, _orders(shop_id).where(or_(*conds)).order_by(_O.c.number.desc()).limit(limit))


def orders_between(s: Tx, shop_id: int, start_utc: datetime, end_utc: datetime) -> list[OrderView]:
    """Orders created in [start, end), oldest first (a day in the shop's time zone, for /today)."""
    q = _orders(shop_id).where(_O.c.created_at >= start_utc, _O.c.created_at < end_utc)
    return _views(s, q.order_by(_O.c.number))
