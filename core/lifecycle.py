"""The two state machines of an order, each one literal table of allowed transitions.

```mermaid
stateDiagram-v2
    confirmed --> packed
    confirmed --> cancelled
    packed --> shipped
    packed --> cancelled
    shipped --> delivered
    shipped --> return_requested
    delivered --> return_requested
    return_requested --> returned
```
Payment: `unpaid -> paid` (transfer, e-wallet, card, cash); `cod_pending -> cod_collected -> settled`
for COD and marketplace orders (the courier's remittance or the platform's payout), straight to
`settled` when a remittance row is matched without a collection step, `disputed` when amounts differ;
money the shop has (`paid`, `cod_collected`, `settled`) goes back to the buyer as `refunded`, once the
goods were cancelled or came back.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.errors import NotAllowed

FULFILMENT: dict[str, frozenset[str]] = {
    "confirmed": frozenset({"packed", "cancelled"}),
    "packed": frozenset({"shipped", "cancelled"}),
    "shipped": frozenset({"delivered", "return_requested"}),  # a refused COD parcel comes back too
    "delivered": frozenset({"return_requested"}),
    "return_requested": frozenset({"returned"}),
    "cancelled": frozenset(),
    "returned": frozenset(),
}

PAYMENT: dict[str, frozenset[str]] = {
    "unpaid": frozenset({"paid"}),
    "paid": frozenset({"refunded"}),
    "cod_pending": frozenset({"cod_collected", "settled", "disputed"}),
    "cod_collected": frozenset({"settled", "disputed", "refunded"}),
    "disputed": frozenset({"settled"}),
    "settled": frozenset({"refunded"}),
    "refunded": frozenset(),
}
# What the shop holds of the buyer's money: owed back when the goods did not stay sold.
RECEIVED = frozenset({"paid", "cod_collected", "settled"})
UNSOLD = frozenset({"cancelled", "returned"})

MACHINES: dict[str, dict[str, frozenset[str]]] = {"fulfilment": FULFILMENT, "payment": PAYMENT}

# Orders that are paid later by someone other than the buyer: the courier (COD) or the marketplace.
MARKETPLACE_CHANNELS = frozenset({"shopee", "tokopedia", "tiktok", "lazada", "bukalapak", "blibli"})
# Where an order's stock is still held for it (reserved, not yet taken from on hand).
RESERVING = frozenset({"confirmed", "packed"})
OPEN = frozenset({"confirmed", "packed", "shipped", "return_requested"})


def initial_payment(payment: str | None, channel: str | None = None) -> str:
    """The payment status a new order starts in, from its payment method (and channel)."""
    if payment in ("cod", "marketplace"):
        return "cod_pending"
    if payment is None and channel in MARKETPLACE_CHANNELS:
        return "cod_pending"
    return "unpaid"


def money_barred(status: str, payment_status: str, to: str) -> bool:
    """Whether where the goods are rules out that move of the order's money. Nothing comes in for a
    cancelled order, or for a parcel that came back before its money was collected; the courier's COD
    and the platform's payout come only once the parcel has left. Money goes back only for goods that
    did not stay sold."""
    if to == "refunded":
        return status not in UNSOLD
    if status == "cancelled":
        return True
    if status == "returned":
        return payment_status in ("unpaid", "cod_pending")
    return payment_status == "cod_pending" and status in RESERVING


def machine_of(status: str) -> str | None:
    """Which machine a status belongs to ("fulfilment" or "payment"); None if neither."""
    for name, table in MACHINES.items():
        if status in table:
            return name
    return None


def next_steps(status: str) -> list[str]:
    """The statuses an order may move to from `status`, in the order the table lists them."""
    name = machine_of(status)
    if name is None:
        return []
    table = MACHINES[name]
    return [s for s in table if s in table[status]]


def check(machine_name: str, table: Mapping[str, frozenset[str]], current: str, wanted: str,
          number: int | None = None) -> bool:
    """True if `current -> wanted` is a change to make, False if it is a repeat (a no-op).

    Raises NotAllowed for a transition the table refuses or a status it does not know.
    """
    if wanted == current and wanted in table:
        return False
    if wanted not in table or current not in table or wanted not in table[current]:
        raise NotAllowed(machine_name, current, wanted, number)
    return True
