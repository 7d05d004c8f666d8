"""What the parser has read from one message so far: names, the address, item lines and amounts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from bot.parse.items import ItemRead


@dataclass(slots=True)
class Line:
    read: ItemRead
    qty_explicit: bool
    field: bool = False  # from an items field of a form
    seg: int = -1  # the segment it was read from
    group: int | None = None  # lines that are variants of one open line (`ukuran 39 dan 41`)
    group_qty: int | None = None  # the quantity written on that open line, shared among them


@dataclass(slots=True)
class ReadState:
    names: list[tuple[int, int, str]] = field(default_factory=list)  # (priority, order, name)
    address: list[str] | None = None
    address_prio: int = 99
    address_parts: list[str] = field(default_factory=list)  # Kota:, Kode pos: form lines
    items: list[Line] = field(default_factory=list)
    labelled: dict[str, str] = field(default_factory=dict)
    shipping: Decimal | None = None
    shipping_prio: int = 99
    discount: Decimal | None = None
    discount_pct: Decimal | None = None  # `disc 10%`: worked out from the item prices at the end
    note: str | None = None
    requests: list[str] = field(default_factory=list)  # asked in passing (`bungkus kado`): the note too
    items_block: bool = False
    header: bool = False  # reading a `…:` header, which introduces items but is not one
    seg_index: int = 0
    correcting: bool = False  # reading what follows `eh`, `à nhầm`, `oops, make it`
    corrected: bool = False  # the message takes something back somewhere
    correction_seg: int = -1  # the segment of the last correction word (`wait sorry`, `eh salah`)
    reasons: bool = False  # it gives a reason somewhere (`soalnya`, `because`): see ItemLines._clauses
    addr_seg: int = -9  # the segment that last added to the address, to join the lines under it
    addr_waiting: bool = False  # an `Alamat:` form line with its value on the lines below
    order: int = 0

    def name(self, prio: int, name: str | None) -> None:
        if name:
            self.order += 1
            self.names.append((prio, self.order, name))
