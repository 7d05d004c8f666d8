"""Named domain errors. `bot` turns each into one sentence in the shop's language."""

from __future__ import annotations

from dataclasses import dataclass, field


class LapakError(Exception):
    """Base of every error a user can cause; never a bug."""


@dataclass(frozen=True)
class Shortage:
    sku: str
    wanted: int
    available: int
    name: str = ""  # the product's name and variant, as the seller knows it


class OutOfStock(LapakError):
    def __init__(self, short: list[Shortage]):
        self.short = short
        super().__init__("not enough stock: " + ", ".join(f"{s.sku} (want {s.wanted}, have {s.available})"
                                                          for s in short))


class UnknownShop(LapakError):
    def __init__(self, shop: object):
        self.shop = shop
        super().__init__(f"unknown shop: {shop}")


class UnknownOrder(LapakError):
    def __init__(self, number: object):
        self.number = number
        super().__init__(f"unknown order: #{number}")


class UnknownProduct(LapakError):
    def __init__(self, sku: str):
        self.sku = sku
        super().__init__(f"unknown product: {sku}")


class NotAllowed(LapakError):
    """A lifecycle transition the state machine refuses."""

    def __init__(self, machine: str, current: str, wanted: str, number: int | None = None):
        self.machine, self.current, self.wanted, self.number = machine, current, wanted, number
        order = f"order {number}: " if number is not None else ""
        super().__init__(f"{order}{machine}: cannot go from {current} to {wanted}")


class NotAMember(LapakError):
    def __init__(self, user_id: int):
        self.user_id = user_id
        super().__init__(f"user {user_id} is not a member of this shop")


class Forbidden(LapakError):
    """A member whose role may not do this."""

    def __init__(self, action: str, role: str):
        self.action, self.role = action, role
        super().__init__(f"a {role} may not {action}")


class InvalidInvite(LapakError):
    def __init__(self, reason: str = "unknown"):
        self.reason = reason  # "unknown", "used" or "expired"
        super().__init__(f"invite code is {reason}")


class DuplicateOrder(LapakError):
    def __init__(self, channel: str, ref: str, number: int):
        self.channel, self.ref, self.number = channel, ref, number
        super().__init__(f"{channel} order {ref} is already #{number}")


class DuplicateWaybill(LapakError):
    def __init__(self, courier: str, waybill: str, number: int):
        self.courier, self.waybill, self.number = courier, waybill, number
        super().__init__(f"waybill {courier} {waybill} is already on #{number}")


class NotEditable(LapakError):
    """An order whose details can no longer change: its parcel has left (or it is closed)."""

    def __init__(self, number: int, status: str):
        self.number, self.status = number, status
        super().__init__(f"#{number} is {status}: its details can no longer change")


class NotSold(LapakError):
    """A draft naming products the catalog has since marked inactive (`active` no)."""

    def __init__(self, skus: list[str]):
        self.skus = skus
        super().__init__(f"{', '.join(skus)}: no longer sold")


class InvalidDraft(LapakError):
    """An order draft that cannot become an order (no items, quantity below 1, ...)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


# What can be wrong in a catalog CSV: a code `bot` puts in the shop's language, and the English the CLI and
# logs show. `{value}` is the cell (or header) as written; the other placeholders are a problem's params.
CATALOG_PROBLEMS = {
    "not_utf8": "is not UTF-8 text; save it as CSV UTF-8",
    "spreadsheet": "is a spreadsheet file (xlsx, xls or ods), not CSV; save it as CSV UTF-8 "
                   "(Excel: File → Save As → CSV UTF-8)",
    "not_catalog": "the first row names no catalog column (e.g. sku,name,price or kode;nama;harga)",
    "unknown_column": "not a column I know",
    "missing_column": "column is missing",
    "same_column": "{value} and {first} are both the {column} column; keep one",
    "extra_values": "more values than columns",
    "empty": "is empty",
    "duplicate_sku": "{value} is already on row {first_row}",
    "duplicate_sku_case": "{value} is {first} of row {first_row} in other capitals",
    "not_amount": "{value!r} is not an amount",
    "negative": "{value} is negative",
    "no_decimals": "{value} has decimals, but {currency} has none",
    "decimals": "{value} has more decimals than {currency} allows ({digits})",
    "not_whole": "{value!r} is not a whole number",
    "not_yes_no": "{value!r} is not yes or no",
    "below_reserved": "{value} is below the {reserved} units reserved for open orders",
    "too_large": "{value} is too large",
}


@dataclass(frozen=True)
class RowProblem:
    row: int  # 1-based data row number as a spreadsheet shows it (header is row 1)
    column: str  # as the header names it; "" when the problem is the whole row or file
    code: str  # a key of CATALOG_PROBLEMS
    value: str = ""  # the cell or header as written
    params: dict[str, str | int] = field(default_factory=dict)  # currency, digits, first_row, first, reserved

    @property
    def message(self) -> str:
        return CATALOG_PROBLEMS[self.code].format(value=self.value, **{"column": self.column, **self.params})

    def __str__(self) -> str:
        if self.row <= 1 and not self.column:  # the file itself: what it is said of it
            return self.message
        where = f"row {self.row}, column {self.column}" if self.column else f"row {self.row}"
        return f"{where}: {self.message}"


class CatalogError(LapakError):
    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class InvalidValue(LapakError):
    """A setting or argument that is not one of the values Lapak knows (currency, locale, time zone, ...)."""

    def __init__(self, field: str, value: object, reason: str = ""):
        self.field, self.value, self.reason = field, value, reason
        super().__init__(f"{field}: {value!r} {reason or 'is not a valid value'}")
