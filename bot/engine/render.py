"""Cards and lists as Telegram HTML, rendered from jinja2 templates with the locale's catalog.

Templates say `{{ "draft.title"|t }}` for a text of the catalog, `{{ "card.moved"|t(status=status) }}`
for one with placeholders. Each locale has its own environment, whose `t` filter is that locale's
Translator: jinja2 folds a filter with constant arguments while compiling, so a card's fixed words
are part of the compiled template of its language and cost nothing when it renders.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup, escape

from bot.engine.events import Button, Keyboard
from bot.i18n import Translator
from core.draft import OrderDraft
from core.lifecycle import RECEIVED, next_steps
from core.money import Money
from core.order_views import OrderView

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@cache
def _env(locale: str) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, undefined=StrictUndefined, auto_reload=False)
    env.globals.clear()  # the templates use only what they are given; each render copies the globals
    env.filters["t"] = Translator(locale)
    return env


@cache
def template(locale: str, name: str) -> Template:
    """`name` compiled for `locale`, its fixed texts already in that language."""
    return _env(locale).get_template(name)


def render(template_name: str, t: Translator, **values: Any) -> str:
    return template(t.locale, template_name).render(**values).strip()


def label(t: Translator, kind: str, value: str | None) -> Markup | str:
    """A channel, payment, courier or status as people say it; the code itself if the catalog has none."""
    if not value:
        return "–"
    key = f"{kind}.{value}"
    return t(key) if t.has(key) else value


class DraftLine(NamedTuple):  # a tuple, which the template unpacks without an attribute lookup each
    qty: int | str  # `❓` until an impossible quantity (`x0`) is answered
    title: str
    unit: str
    line: str
    open: bool  # not yet a catalog product


def draft_card(t: Translator, draft: OrderDraft, currency: str, titles: dict[str, str],
               prices: dict[str, Decimal], question: Markup | str | None) -> str:
    """The draft as the seller checks it before confirming: lines, totals, customer, how it travels."""
    lines: list[DraftLine] = []
    subtotal = 0
    for it in draft.items:
        unit = it.unit_price if it.unit_price is not None else prices.get(it.sku or "")
        unit_minor = _minor(unit, currency) if unit is not None else None
        line_minor = unit_minor * it.qty if unit_minor is not None and not it.qty_unclear else None
        subtotal += line_minor or 0
        lines.append(DraftLine("❓" if it.qty_unclear else it.qty, titles.get(it.sku or "") or it.name,
                               t.money(Money(unit_minor, currency)) if unit_minor is not None else "?",
                               t.money(Money(line_minor, currency)) if line_minor is not None else "?",
                               it.sku is None))
    fee = _minor(draft.shipping_fee, currency) if draft.shipping_fee is not None else None
    discount = _minor(draft.discount, currency) if draft.discount else 0
    total = max(0, subtotal + (fee or 0) - discount)  # a discount worth more is asked about (drafts)
    c = draft.customer
    return render("draft.html.j2", t, lines=lines, subtotal=t.money(Money(subtotal, currency)),
                  shipping=t.money(Money(fee, currency)) if fee is not None else None,
                  discount=t.money(Money(discount, currency)) if discount else None,
                  total=t.money(Money(total, currency)), name=c.name, phone=c.phone, address=c.address,
                  channel=label(t, "channel", draft.channel), payment=label(t, "payment", draft.payment),
                  courier=label(t, "courier", draft.courier), note=draft.note, question=question)


def draft_value(draft: OrderDraft, prices: dict[str, Decimal], currency: str) -> int:
    """The draft's total in minor units, as its card adds it up (lines without a price count nothing)."""
    total = 0
    for it in draft.items:
        unit = it.unit_price if it.unit_price is not None else prices.get(it.sku or "")
        total += _minor(unit, currency) * it.qty if unit is not None else 0
    if draft.shipping_fee is not None:
        total += _minor(draft.shipping_fee, currency)
    return total - (_minor(draft.discount, currency) if draft.discount else 0)


@lru_cache(maxsize=4096)
def _minor(amount: Decimal, currency: str) -> int:
    """A catalog or typed price in minor units (cached: drafts show the same prices again and again)."""
    return Money.of(amount, currency).minor


def draft_buttons(t: Translator, revision: int) -> Keyboard:
    return [[Button(str(t("button.confirm")), f"d:{revision}:c"),
             Button(str(t("button.edit")), f"d:{revision}:e"),
             Button(str(t("button.discard")), f"d:{revision}:x")]]


_COSTS = Markup("\x00costs\x00")  # where the cost and profit line goes, on the cards that show it


class OrderCard(NamedTuple):
    """An order's card, rendered once: the cost and profit line is shown on the cards of people who may
    see costs (an owner confirming in private), while the group gets the same card without it."""

    text_with_slot: str
    costs: str | None  # cost and profit; None for an order that made nothing

    def text(self, *, costs: bool) -> str:
        if self.costs is None:
            return self.text_with_slot
        return self.text_with_slot.replace(f"{_COSTS}\n", f"{self.costs}\n" if costs else "", 1)


def order_card(t: Translator, order: OrderView, timezone: str, names: dict[int, str]) -> OrderCard:
    """An order as the group sees it: status, lines, total, where it goes, who moved it last and when."""
    last = next((ev for ev in reversed(order.events) if ev.machine == "fulfilment"), None)
    who = when = None
    if last is not None and last.from_state is not None:
        who = names.get(last.by_user) if last.by_user is not None else None
        when = t.when(last.at, timezone)
    sold = order.status not in ("cancelled", "returned")  # it made nothing: no cost or profit to show
    text = render("order.html.j2", t, o=order, status=label(t, "status", order.status),
                  payment_status=_payment_state(t, order, sold),
                  lines=[(i.qty, i.name, t.money(i.line_total)) for i in order.items],
                  shipping=t.money(order.shipping_fee) if order.shipping_fee else None,
                  discount=t.money(order.discount) if order.discount else None, total=t.money(order.total),
                  channel=label(t, "channel", order.channel), payment=label(t, "payment", order.payment),
                  courier=_courier(t, order), who=who, when=when,
                  created=t.when(order.created_at, timezone), returned_why=_return_note(order),
                  costs=_COSTS if sold else None)
    if not sold:
        return OrderCard(text, None)
    # an f-string of escaped parts: Markup.format costs about as much as rendering the card
    cogs, profit = escape(t.money(order.cogs)), escape(t.money(order.subtotal - order.discount - order.cogs))
    costs = f"{t('card.cogs')}: {cogs} · {t('card.profit')}: {profit}"
    costless = order.costless
    if costless:  # the profit leaves their cost out: say so rather than show a profit that is not there
        costs += f"\n⚠️ {t('card.no_cost', names=', '.join(costless))}"
    return OrderCard(text, costs)


def _payment_state(t: Translator, order: OrderView, sold: bool) -> Markup | str | None:
    """Where the order's money is. Nothing for a cancelled or returned order that owes none; a marketplace
    order waits for the platform's payout, not for a courier's COD."""
    state = order.payment_status
    if not sold and state in ("unpaid", "cod_pending"):
        return None
    if not sold and state in RECEIVED:  # the buyer paid for goods that did not stay sold
        return t("payment_status.refund_due")
    if state == "cod_pending" and order.payment != "cod":
        return t("payment_status.payout_pending")
    return label(t, "payment_status", state)


def _return_note(order: OrderView) -> str | None:
    """Why a returned order came back, as `/return 1001 box damaged` said."""
    if order.status not in ("return_requested", "returned"):
        return None
    return next((ev.note for ev in reversed(order.events) if ev.to_state == "return_requested" and ev.note),
                None)


def _courier(t: Translator, order: OrderView) -> Markup | str:
    """The courier's name; for one without a code, the name typed when the order was shipped; nothing
    before a waybill shipped without a courier's name."""
    if order.courier is None:
        shipped = next((ev for ev in reversed(order.events) if ev.to_state == "shipped"), None)
        if shipped is not None and shipped.note:
            return shipped.note
        if order.waybill:
            return ""
    return label(t, "courier", order.courier)


def order_buttons(t: Translator, shop_id: int, number: int, status: str) -> Keyboard:
    """Buttons for the next allowed fulfilment steps only."""
    row = [Button(str(t(f"action.{to}")), f"o:{shop_id}:{number}:{to}") for to in next_steps(status)]
    return [row] if row else []
