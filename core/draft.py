"""The order draft: what a parsed message (or `lapak orders add`) hands to the core.

Its shape is the parse contract of shared/spec/order-parsing.md; amounts are in
major units of the shop's currency, exactly as the seller wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from core.money import major_to_json

CHANNELS = ("shopee tokopedia tiktok lazada bukalapak blibli facebook instagram whatsapp zalo "
            "telegram website offline").split()
PAYMENTS = ("cod", "transfer", "ewallet", "cash", "card", "marketplace")
COURIERS = ("jne jnt sicepat anteraja ninja pos idexpress lion spx gosend grab ghn ghtk viettelpost "
            "vnpost jtvn ahamove poslaju citylink dhl").split()
# Passed as an order's courier when it is shipped by one outside COURIERS (`lalamove`): it has no code,
# so the courier the draft named is cleared rather than kept beside another courier's waybill.
OTHER_COURIER = ""
ASKABLE = ("name", "phone", "address", "items")
MAX_QTY = 9999  # the most of one product a line can hold; a message saying more is asked about


@dataclass
class Customer:
    name: str | None = None
    phone: str | None = None
    address: str | None = None


@dataclass
class DraftItem:
    sku: str | None
    name: str
    qty: int = 1
    unit_price: Decimal | None = None
    candidates: list[str] = field(default_factory=list)
    # The message gave a quantity no order has (`x0`, `x99999`): qty holds 1 until someone says how many.
    qty_unclear: bool = False


@dataclass
class OrderDraft:
    customer: Customer = field(default_factory=Customer)
    items: list[DraftItem] = field(default_factory=list)
    channel: str | None = None
    payment: str | None = None
    courier: str | None = None
    shipping_fee: Decimal | None = None
    discount: Decimal | None = None
    currency: str = "IDR"
    note: str | None = None
    channel_ref: str | None = None  # the marketplace's own order number, if any
    discount_percent: Decimal | None = None  # `diskon 10%`: the discount is that share of the goods

    @property
    def missing(self) -> list[str]:
        """Which of name, phone, address, items the bot still has to ask for."""
        out = [f for f in ("name", "phone", "address") if not getattr(self.customer, f)]
        if not self.items:
            out.append("items")
        return out

    def to_json(self) -> dict[str, Any]:
        items = []
        for it in self.items:
            row: dict[str, Any] = {"sku": it.sku, "name": it.name, "qty": it.qty,
                                   "unit_price": major_to_json(it.unit_price)}
            if it.candidates:
                row["candidates"] = list(it.candidates)
            if it.qty_unclear:
                row["qty_unclear"] = True
            items.append(row)
        out: dict[str, Any] = {
            "customer": {"name": self.customer.name, "phone": self.customer.phone,
                         "address": self.customer.address},
            "items": items,
            "channel": self.channel,
            "payment": self.payment,
            "courier": self.courier,
            "shipping_fee": major_to_json(self.shipping_fee),
            "discount": major_to_json(self.discount),
            "currency": self.currency,
            "note": self.note,
            "missing": self.missing,
        }
        if self.channel_ref:
            out["channel_ref"] = self.channel_ref
        if self.discount_percent is not None:
            out["discount_percent"] = major_to_json(self.discount_percent)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OrderDraft:
        """Read a draft in the contract's shape; raises InvalidDraft naming what is wrong."""
        from core.errors import InvalidDraft

        problems: list[str] = []

        def amount(value: Any, where: str) -> Decimal | None:
            if value is None:
                return None
            try:
                if isinstance(value, bool):
                    raise InvalidOperation
                result = Decimal(str(value))
            except (InvalidOperation, ValueError):
                problems.append(f"{where}: {value!r} is not an amount")
                return None
            if not result.is_finite() or result < 0:
                problems.append(f"{where}: {value!r} is not an amount")
                return None
            return result

        if not isinstance(data, dict):
            raise InvalidDraft(["the draft must be a JSON object"])
        cust = data.get("customer") or {}
        if not isinstance(cust, dict):
            problems.append("customer: must be an object")
            cust = {}
        items: list[DraftItem] = []
        raw_items = data.get("items") or []
        if not isinstance(raw_items, list):
            problems.append("items: must be a list")
            raw_items = []
        for n, it in enumerate(raw_items, 1):
            if not isinstance(it, dict):
                problems.append(f"items[{n}]: must be an object")
                continue
            qty = it.get("qty", 1)
            if not isinstance(qty, int) or isinstance(qty, bool) or qty < 1:
                problems.append(f"items[{n}].qty: {qty!r} is not a whole number of at least 1")
                qty = 1
            sku = it.get("sku")
            items.append(DraftItem(sku=str(sku) if sku is not None else None,
                                   name=str(it.get("name") or sku or ""), qty=qty,
                                   unit_price=amount(it.get("unit_price"), f"items[{n}].unit_price"),
                                   candidates=[str(c) for c in it.get("candidates") or []],
                                   qty_unclear=it.get("qty_unclear") is True))
        for key, allowed in (("channel", CHANNELS), ("payment", PAYMENTS), ("courier", COURIERS)):
            value = data.get(key)
            if value is not None and value not in allowed:
                problems.append(f"{key}: {value!r} is not one of {', '.join(allowed)}")
        draft = cls(
            customer=Customer(name=cust.get("name"), phone=cust.get("phone"), address=cust.get("address")),
            items=items,
            channel=data.get("channel"),
            payment=data.get("payment"),
            courier=data.get("courier"),
            shipping_fee=amount(data.get("shipping_fee"), "shipping_fee"),
            discount=amount(data.get("discount"), "discount"),
            currency=str(data.get("currency") or "IDR").upper(),
            note=data.get("note"),
            channel_ref=data.get("channel_ref"),
            discount_percent=amount(data.get("discount_percent"), "discount_percent"),
        )
        if problems:
            raise InvalidDraft(problems)
        return draft
