"""The one place where a domain error becomes a sentence in the shop's language."""

from __future__ import annotations

from markupsafe import Markup

from bot.i18n import Translator
from core import errors
from core.lifecycle import FULFILMENT

# The command that makes each step an order may have to take first (`/packed 1001` before shipping it).
_STEP_COMMANDS = {"packed": "/packed", "shipped": "/ship", "delivered": "/delivered",
                  "return_requested": "/return", "returned": "/returned"}


def _step_between(current: str, wanted: str) -> str | None:
    """The one status between an order's and the one wanted (`packed`, between confirmed and shipped);
    money goes back (`refunded`) once the goods have come back."""
    if wanted == "refunded":
        wanted = "returned"
        if current in FULFILMENT and wanted in FULFILMENT[current]:
            return wanted
    steps = [s for s in FULFILMENT.get(current, ()) if wanted in FULFILMENT.get(s, ())]
    return steps[0] if len(steps) == 1 and steps[0] in _STEP_COMMANDS else None


def describe(exc: errors.LapakError, t: Translator, *, order_named: bool = False) -> Markup:
    """One clear sentence (or a short list, for a catalog) saying what went wrong and what to do.
    `order_named`: the line around it already names the order."""
    from bot.engine.engine import DraftOpen, NoShop, StockAmount, StockBelowZero, Usage

    match exc:
        case NoShop(in_group=True):
            return t("error.group_not_bound")
        case NoShop():
            return t("error.no_shop")
        case DraftOpen(shop=shop):
            return t("error.draft_open", shop=shop)
        case StockAmount(sku=sku):
            return t("stock.amount", sku=sku)
        case StockBelowZero(sku=sku, available=available, taken=taken):
            return t("stock.below_zero", sku=sku, available=available, taken=taken)
        case Usage(key=key):
            return t("error.usage", usage=t(f"usage.{key}"))
        case errors.NotAMember():
            return t("error.not_member")
        case errors.Forbidden(role=role):
            return t("error.forbidden", role=t(f"role.{role}"))
        case errors.OutOfStock(short=short):
            return t("error.out_of_stock", skus=", ".join(
                f"{f'{s.name} ({s.sku})' if s.name else s.sku} {s.available}/{s.wanted}" for s in short))
        case errors.UnknownOrder(number=number):
            return t("error.no_such_order") if order_named else t("error.unknown_order", number=number)
        case errors.UnknownProduct(sku=sku):
            return t("error.unknown_product", sku=sku)
        case errors.NotAllowed(current=current, wanted=wanted, number=number):
            states = {"current": status(t, current, mid=True), "wanted": status(t, wanted, mid=True)}
            said = t("error.not_allowed", **states) if number is None or order_named \
                else t("error.not_allowed_order", number=number, **states)
            step = _step_between(current, wanted)
            if step is None or number is None:
                return said
            return Markup("{} {}").format(said, t("error.first", status=status(t, step, mid=True),
                                                   command=f"{_STEP_COMMANDS[step]} {number}"))
        case errors.InvalidInvite(reason=reason):
            return t(f"error.invite_{reason}" if reason in ("used", "expired") else "error.invite_unknown")
        case errors.DuplicateOrder(channel=channel, ref=ref, number=number):
            return t("error.duplicate_order", channel=channel, ref=ref, number=number)
        case errors.NotEditable(number=number, status=state):
            return t("edit.locked", number=number, status=status(t, state, mid=True))
        case errors.DuplicateWaybill(waybill=waybill, number=number):
            return t("error.duplicate_waybill", waybill=waybill, number=number)
        case errors.NotSold(skus=skus):
            return t("error.not_sold", skus=", ".join(skus))
        case errors.InvalidDraft(problems=problems):
            return t("error.invalid_draft", problems="; ".join(problems))
        case errors.CatalogError(problems=problems):
            rows = Markup("\n").join(row_problem(t, p) for p in problems[:20])
            more = t("error.catalog_more", count=len(problems) - 20) if len(problems) > 20 else ""
            # a file whose columns are wrong is fixed in its header, not in rows
            heading = "error.catalog_unread" if all(p.row <= 1 for p in problems) else "error.catalog"
            return t(heading, rows=rows, more=more)
        case errors.InvalidValue(field=field, value=value):
            return t("error.invalid_value", field=t(f"field.{field}") if t.has(f"field.{field}") else field,
                     value=value)
        case errors.UnknownShop():
            return t("error.no_shop")
    return t("error.generic", detail=str(exc))


def status(t: Translator, name: str, *, mid: bool = False) -> Markup:
    """A status's name; `mid` within a sentence ('#1001 is now packed'), not at a line's start."""
    key = next((k for k in (f"status.{name}", f"payment_status.{name}") if t.has(k)), None)
    word = t(key) if key is not None else Markup.escape(name)
    return Markup(word[:1].lower() + word[1:]) if mid else word


# An amount as the catalog takes it in a currency without decimals (with decimals: `1,200.50`).
_WHOLE_EXAMPLE = {"IDR": "85.000", "VND": "150.000"}


def row_problem(t: Translator, p: errors.RowProblem) -> Markup:
    """`• baris 3, harga (price): 12.90 punya desimal, …`: one catalog problem, naming row and column."""
    key = f"import.problem.{p.code}"
    if not t.has(key):  # a problem newer than the catalogs: English beats nothing
        return t("error.catalog_line", row=p.row, message=p.message)
    params: dict[str, object] = dict(p.params)
    if "currency" in params:
        currency = str(params["currency"])
        params["example"] = "1,200.50" if params.get("digits") else _WHOLE_EXAMPLE.get(currency, "85.000")
        params["currency"] = t.currency_name(currency)
    label = f"import.column.{p.column}"
    column = t(label) if t.has(label) else p.column
    message = t(key, value=p.value, column=column, **params)
    if p.row <= 1:  # the header or the file: the message names the column itself
        return t("error.catalog_file", message=message)
    if not p.column:
        return t("error.catalog_line", row=p.row, message=message)
    return t("error.catalog_row", row=p.row, column=column, message=message)
