"""The one place where a domain error becomes a sentence in the shop's language."""

from __future__ import annotations

from markupsafe import Markup

from bot.i18n import Translator
from core import errors


def describe(exc: errors.LapakError, t: Translator) -> Markup:
    """One clear sentence (or a short list, for a catalog) saying what went wrong and what to do."""
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
                f"{s.sku} ({s.available}/{s.wanted})" for s in short))
        case errors.UnknownOrder(number=number):
            return t("error.unknown_order", number=number)
        case errors.UnknownProduct(sku=sku):
            return t("error.unknown_product", sku=sku)
        case errors.NotAllowed(current=current, wanted=wanted):
            return t("error.not_allowed", current=status(t, current), wanted=status(t, wanted))
        case errors.InvalidInvite(reason=reason):
            return t(f"error.invite_{reason}" if reason in ("used", "expired") else "error.invite_unknown")
        case errors.DuplicateOrder(channel=channel, ref=ref, number=number):
            return t("error.duplicate_order", channel=channel, ref=ref, number=number)
        case errors.DuplicateWaybill(waybill=waybill, number=number):
            return t("error.duplicate_waybill", waybill=waybill, number=number)
        case errors.InvalidDraft(problems=problems):
            return t("error.invalid_draft", problems="; ".join(problems))
        case errors.CatalogError(problems=problems):
            rows = Markup("\n").join(t("error.catalog_row", row=p.row, column=p.column, message=p.message)
                                     for p in problems[:20])
            more = t("error.catalog_more", count=len(problems) - 20) if len(problems) > 20 else ""
            return t("error.catalog", rows=rows, more=more)
        case errors.InvalidValue(field=field, value=value):
            return t("error.invalid_value", field=t(f"field.{field}") if t.has(f"field.{field}") else field,
                     value=value)
        case errors.UnknownShop():
            return t("error.no_shop")
    return t("error.generic", detail=str(exc))


def status(t: Translator, name: str) -> Markup:
    key = f"status.{name}"
    return t(key) if t.has(key) else Markup.escape(name)
