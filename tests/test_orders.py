"""Orders: created from drafts, moved through both lifecycles with their stock effects, found again."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel, func, select

from core import orders, products, shops
from core.catalog import read_catalog
from core.draft import OrderDraft
from core.errors import (
    DuplicateOrder,
    DuplicateWaybill,
    InvalidDraft,
    InvalidValue,
    NotAllowed,
    NotEditable,
    OutOfStock,
    UnknownOrder,
    UnknownProduct,
)
from core.money import Money
from storage.db import unit_of_work
from storage.models import Order, OrderEvent, OrderItem, StockMovement

CATALOG = ("sku,name,variant,aliases,price,cost,stock\n"
           "KPH-L,Kaos Polos Hitam,L,kaos hitam,85000,42000,10\n"
           "KPP-M,Kaos Polos Putih,M,,85000,40000,3\n"
           "TOTE,Tote Bag,,,35000,,5\n")
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def _shop(engine: Engine, name: str = "Toko") -> int:
    with unit_of_work(engine) as s:
        shop_id = shops.create_shop(s, name=name, currency="IDR", locale="id", timezone="Asia/Jakarta").id
        products.import_products(s, shop_id, read_catalog(CATALOG))
    return shop_id


def _draft(*items: tuple[str | None, int], **fields: Any) -> OrderDraft:
    customer = {"name": "Budi Santoso", "phone": "+6281234567890", "address": "Jl. Melati 5, Bandung"}
    data = {"customer": customer,
            "items": [{"sku": sku, "name": sku or "kaos", "qty": qty} for sku, qty in items], **fields}
    return OrderDraft.from_json(data)


def _create(engine: Engine, shop_id: int, draft: OrderDraft, **kw: Any) -> orders.OrderView:
    with unit_of_work(engine) as s:
        return orders.create_order(s, shop_id, draft, by_user=kw.pop("by_user", 1), **kw)


def _move(engine: Engine, shop_id: int, number: int, to: str, **kw: Any) -> orders.OrderView:
    with unit_of_work(engine) as s:
        return orders.move_order(s, shop_id, number, to, by_user=kw.pop("by_user", 1), **kw)


def _stock(engine: Engine, shop_id: int, sku: str) -> tuple[int, int]:
    with unit_of_work(engine) as s:
        p = products.get_product(s, shop_id, sku)
    return p.on_hand, p.reserved


def test_an_order_is_confirmed_numbered_from_1001_and_reserves_its_stock(engine: Engine) -> None:
    shop_id = _shop(engine)
    o = _create(engine, shop_id, _draft(("KPH-L", 2), ("TOTE", 1), payment="cod", shipping_fee=15000,
                                        discount=5000, channel="whatsapp", courier="jnt"), source_chat=-100)
    assert (o.number, o.status, o.payment_status) == (1001, "confirmed", "cod_pending")
    assert [(i.sku, i.name, i.qty, i.unit_price.minor, i.line_total.minor) for i in o.items] == [
        ("KPH-L", "Kaos Polos Hitam L", 2, 85000, 170000), ("TOTE", "Tote Bag", 1, 35000, 35000)]
    assert (o.subtotal, o.shipping_fee, o.discount) == (Money(205000, "IDR"), Money(15000, "IDR"),
                                                        Money(5000, "IDR"))
    assert o.total == Money(215000, "IDR") and o.cogs == Money(84000, "IDR")
    assert (o.customer_name, o.phone) == ("Budi Santoso", "+6281234567890")
    assert (o.channel, o.courier) == ("whatsapp", "jnt")
    assert [(e.machine, e.from_state, e.to_state, e.source_chat) for e in o.events] == [
        ("fulfilment", None, "confirmed", -100), ("payment", None, "cod_pending", -100)]
    assert _stock(engine, shop_id, "KPH-L") == (10, 2)
    assert _create(engine, shop_id, _draft(("TOTE", 1))).number == 1002


def test_the_price_written_in_the_draft_wins_over_the_catalog_price(engine: Engine) -> None:
    shop_id = _shop(engine)
    draft = OrderDraft.from_json({"items": [{"sku": "KPH-L", "qty": 2, "unit_price": 80000}]})
    assert _create(engine, shop_id, draft).total == Money(160000, "IDR")


def test_each_shop_numbers_its_own_orders(engine: Engine) -> None:
    a, b = _shop(engine, "A"), _shop(engine, "B")
    assert [_create(engine, a, _draft(("TOTE", 1))).number for _ in range(2)] == [1001, 1002]
    assert _create(engine, b, _draft(("TOTE", 1))).number == 1001


def test_an_oversell_is_refused_naming_every_short_sku_and_changes_nothing(engine: Engine) -> None:
    shop_id = _shop(engine)
    with pytest.raises(OutOfStock) as err:
        _create(engine, shop_id, _draft(("KPH-L", 2), ("KPP-M", 4), ("TOTE", 9)))
    short = sorted((x.sku, x.wanted, x.available) for x in err.value.short)
    assert short == [("KPP-M", 4, 3), ("TOTE", 9, 5)]
    assert _stock(engine, shop_id, "KPH-L") == (10, 0)
    assert _create(engine, shop_id, _draft(("KPP-M", 3))).number == 1001


def test_the_same_sku_twice_in_one_order_counts_once_against_stock(engine: Engine) -> None:
    shop_id = _shop(engine)
    with pytest.raises(OutOfStock) as err:
        _create(engine, shop_id, _draft(("KPP-M", 2), ("KPP-M", 2)))
    assert [(x.sku, x.wanted) for x in err.value.short] == [("KPP-M", 4)]


def test_a_failing_service_call_leaves_nothing_behind(engine: Engine) -> None:
    shop_id = _shop(engine)
    with unit_of_work(engine) as s:
        before = {m.__tablename__: s.exec(select(func.count()).select_from(m)).one()  # type: ignore[attr-defined]
                  for m in (Order, OrderItem, OrderEvent, StockMovement)}
    with pytest.raises(OutOfStock), unit_of_work(engine) as s:
        orders.create_order(s, shop_id, _draft(("KPH-L", 1)), by_user=1)  # this one fits ...
        orders.create_order(s, shop_id, _draft(("KPH-L", 1), ("TOTE", 6)), by_user=1)  # ... this one fails
    with unit_of_work(engine) as s:
        after = {m.__tablename__: s.exec(select(func.count()).select_from(m)).one()  # type: ignore[attr-defined]
                 for m in (Order, OrderItem, OrderEvent, StockMovement)}
    assert after == before
    assert _stock(engine, shop_id, "KPH-L") == (10, 0)
    assert _create(engine, shop_id, _draft(("TOTE", 1))).number == 1001


def test_a_caught_oversell_inside_a_bigger_transaction_still_reserves_nothing(engine: Engine) -> None:
    shop_id = _shop(engine)
    with unit_of_work(engine) as s:
        with pytest.raises(OutOfStock):
            orders.create_order(s, shop_id, _draft(("KPH-L", 1), ("TOTE", 6)), by_user=1)
        assert products.get_product(s, shop_id, "KPH-L").reserved == 0


@pytest.mark.parametrize(("items", "problem"), [
    ((), "no items"), (((None, 1),), "matches no product"),
])
def test_a_draft_without_known_items_is_refused(engine: Engine, items: tuple[Any, ...], problem: str) -> None:
    shop_id = _shop(engine)
    with pytest.raises(InvalidDraft, match=problem):
        _create(engine, shop_id, _draft(*items))


def test_an_unknown_sku_is_named(engine: Engine) -> None:
    shop_id = _shop(engine)
    with pytest.raises(UnknownProduct, match="NOPE"):
        _create(engine, shop_id, _draft(("TOTE", 1), ("NOPE", 1)))


def test_a_draft_in_another_currency_is_refused(engine: Engine) -> None:
    shop_id = _shop(engine)
    with pytest.raises(InvalidDraft, match="currency"):
        _create(engine, shop_id, _draft(("TOTE", 1), currency="MYR"))


def test_a_quantity_below_one_is_refused_even_in_a_hand_made_draft(engine: Engine) -> None:
    shop_id = _shop(engine)
    draft = _draft(("TOTE", 1))
    draft.items[0].qty = 0
    with pytest.raises(InvalidDraft, match="below 1"):
        _create(engine, shop_id, draft)


def test_a_marketplace_order_is_entered_only_once(engine: Engine) -> None:
    shop_id = _shop(engine)
    _create(engine, shop_id, _draft(("TOTE", 1), channel="shopee", channel_ref="240301ABC"))
    with pytest.raises(DuplicateOrder) as err:
        _create(engine, shop_id, _draft(("TOTE", 1), channel="shopee", channel_ref="240301ABC"))
    assert err.value.number == 1001
    other = _create(engine, shop_id, _draft(("TOTE", 1), channel="tokopedia", channel_ref="240301ABC"))
    assert other.number == 1002
    assert _stock(engine, shop_id, "TOTE") == (5, 2)
    with pytest.raises(InvalidDraft, match="channel"):
        _create(engine, shop_id, _draft(("TOTE", 1), channel_ref="X1"))


def test_confirm_pack_ship_deliver_moves_stock_from_reserved_to_gone(engine: Engine) -> None:
    shop_id = _shop(engine)
    n = _create(engine, shop_id, _draft(("KPH-L", 2), payment="transfer")).number
    assert _move(engine, shop_id, n, "packed").status == "packed"
    assert _stock(engine, shop_id, "KPH-L") == (10, 2)
    shipped = _move(engine, shop_id, n, "shipped", courier="jne", waybill=" JNE123 ", source_chat=-5)
    assert (shipped.courier, shipped.waybill) == ("jne", "JNE123")
    assert _stock(engine, shop_id, "KPH-L") == (8, 0)
    done = _move(engine, shop_id, n, "delivered", by_user=9)
    assert _stock(engine, shop_id, "KPH-L") == (8, 0)
    assert [(e.from_state, e.to_state, e.by_user) for e in done.events if e.machine == "fulfilment"] == [
        (None, "confirmed", 1), ("confirmed", "packed", 1), ("packed", "shipped", 1),
        ("shipped", "delivered", 9)]
    assert done.events[3].source_chat == -5


@pytest.mark.parametrize("path", [["cancelled"], ["packed", "cancelled"]])
def test_cancelling_before_shipping_releases_the_reservation(engine: Engine, path: list[str]) -> None:
    shop_id = _shop(engine)
    n = _create(engine, shop_id, _draft(("KPP-M", 3))).number
    for status in path:
        o = _move(engine, shop_id, n, status, reason="buyer changed mind")
    assert (o.status, o.cancel_reason) == ("cancelled", "buyer changed mind")
    assert _stock(engine, shop_id, "KPP-M") == (3, 0)


def test_a_return_puts_goods_back_only_when_received(engine: Engine) -> None:
    shop_id = _shop(engine)
    n = _create(engine, shop_id, _draft(("TOTE", 2))).number
    for status in ("packed", "shipped", "delivered", "return_requested"):
        _move(engine, shop_id, n, status)
    assert _stock(engine, shop_id, "TOTE") == (3, 0)
    _move(engine, shop_id, n, "returned")
    assert _stock(engine, shop_id, "TOTE") == (5, 0)


def test_a_repeated_transition_is_a_no_op_without_a_second_stock_effect(engine: Engine) -> None:
    shop_id = _shop(engine)
    n = _create(engine, shop_id, _draft(("KPP-M", 1))).number
    _move(engine, shop_id, n, "cancelled")
    again = _move(engine, shop_id, n, "cancelled")
    assert _stock(engine, shop_id, "KPP-M") == (3, 0)
    assert [e.to_state for e in again.events].count("cancelled") == 1


def test_a_refused_transition_changes_nothing(engine: Engine) -> None:
    shop_id = _shop(engine)
    n = _create(engine, shop_id, _draft(("KPP-M", 1))).number
    with pytest.raises(NotAllowed, match="confirmed to delivered"):
        _move(engine, shop_id, n, "delivered")
    with pytest.raises(NotAllowed):
        _move(engine, shop_id, n, "paid")
    with unit_of_work(engine) as s:
        o = orders.get_order(s, shop_id, n)
    assert (o.status, len(o.events)) == ("confirmed", 2)


def test_a_waybill_belongs_to_one_order_per_courier(engine: Engine) -> None:
    shop_id = _shop(engine)
    a, b, c = (_create(engine, shop_id, _draft(("TOTE", 1))).number for _ in range(3))
    for n in (a, b, c):
        _move(engine, shop_id, n, "packed")
    _move(engine, shop_id, a, "shipped", courier="jnt", waybill="JP100")
    with pytest.raises(DuplicateWaybill) as err:
        _move(engine, shop_id, b, "shipped", courier="jnt", waybill="JP100")
    assert err.value.number == a
    assert _move(engine, shop_id, c, "shipped", courier="sicepat", waybill="JP100").waybill == "JP100"
    assert _stock(engine, shop_id, "TOTE") == (3, 1)
    with pytest.raises(InvalidValue):
        _move(engine, shop_id, b, "shipped", courier="pigeon", waybill="X")


def test_payment_moves_on_its_own_machine(engine: Engine) -> None:
    shop_id = _shop(engine)
    cod = _create(engine, shop_id, _draft(("TOTE", 1), payment="cod")).number
    transfer = _create(engine, shop_id, _draft(("TOTE", 1), payment="transfer")).number
    _move(engine, shop_id, cod, "packed")
    _move(engine, shop_id, cod, "shipped", courier="jnt", waybill="JP1")
    with unit_of_work(engine) as s:
        orders.move_payment(s, shop_id, cod, "cod_collected", by_user=2)
        o = orders.move_payment(s, shop_id, cod, "settled", by_user=2, source_chat=-7)
        assert (o.status, o.payment_status) == ("shipped", "settled")
        assert orders.move_payment(s, shop_id, transfer, "paid", by_user=2).payment_status == "paid"
        with pytest.raises(NotAllowed):
            orders.move_payment(s, shop_id, transfer, "settled", by_user=2)
    assert o.events[-1].machine == "payment" and o.events[-1].source_chat == -7


@pytest.mark.parametrize(("payment", "moves", "to", "allowed"), [
    ("cod", [], "cod_collected", False),  # the courier has not got the parcel, nor the buyer's cash
    ("cod", ["packed"], "settled", False),
    ("cod", ["packed", "shipped"], "cod_collected", True),
    ("cod", ["packed", "shipped", "delivered"], "settled", True),
    ("cod", ["cancelled"], "settled", False),
    ("cod", ["packed", "shipped", "return_requested", "returned"], "settled", False),  # refused at the door
    ("transfer", [], "paid", True),  # paid before it is packed: the usual way
    ("transfer", ["cancelled"], "paid", False),
    ("transfer", ["packed", "shipped", "return_requested", "returned"], "paid", False),
])
def test_money_comes_in_only_where_the_goods_allow_it(engine: Engine, payment: str, moves: list[str],
                                                       to: str, allowed: bool) -> None:
    shop_id = _shop(engine)
    number = _create(engine, shop_id, _draft(("TOTE", 1), payment=payment)).number
    for step in moves:
        named = {"courier": "jnt", "waybill": "JP9"} if step == "shipped" else {}
        _move(engine, shop_id, number, step, **named)
    with unit_of_work(engine) as s:
        before = orders.get_order(s, shop_id, number).payment_status
    if allowed:
        with unit_of_work(engine) as s:
            assert orders.move_payment(s, shop_id, number, to, by_user=2).payment_status == to
        return
    with pytest.raises(NotAllowed) as refused, unit_of_work(engine) as s:
        orders.move_payment(s, shop_id, number, to, by_user=2)
    assert (refused.value.current, refused.value.wanted) == (moves[-1] if moves else "confirmed", to)
    with unit_of_work(engine) as s:
        o = orders.get_order(s, shop_id, number)
    assert o.payment_status == before and [e.machine for e in o.events].count("payment") == 1


def test_money_collected_before_a_return_is_still_settled(engine: Engine) -> None:
    shop_id = _shop(engine)
    number = _create(engine, shop_id, _draft(("TOTE", 1), payment="cod")).number
    _move(engine, shop_id, number, "packed")
    _move(engine, shop_id, number, "shipped", courier="jnt", waybill="JP8")
    _move(engine, shop_id, number, "delivered")
    with unit_of_work(engine) as s:
        orders.move_payment(s, shop_id, number, "cod_collected", by_user=2)
    for step in ("return_requested", "returned"):
        _move(engine, shop_id, number, step)
    with unit_of_work(engine) as s:  # the courier still owes the cash the buyer paid at the door
        assert orders.move_payment(s, shop_id, number, "settled", by_user=2).payment_status == "settled"


def test_an_unknown_order_is_named(engine: Engine) -> None:
    shop_id = _shop(engine)
    with pytest.raises(UnknownOrder, match="#4242"), unit_of_work(engine) as s:
        orders.get_order(s, shop_id, 4242)
    with pytest.raises(UnknownOrder):
        _move(engine, shop_id, 4242, "packed")


def test_orders_are_listed_newest_first_and_filtered_by_either_status(engine: Engine) -> None:
    shop_id = _shop(engine)
    for payment in ("cod", "transfer", "cod"):
        _create(engine, shop_id, _draft(("TOTE", 1), payment=payment))
    _move(engine, shop_id, 1002, "packed")
    with unit_of_work(engine) as s:
        assert [o.number for o in orders.list_orders(s, shop_id)] == [1003, 1002, 1001]
        assert [o.number for o in orders.list_orders(s, shop_id, limit=2)] == [1003, 1002]
        assert [o.number for o in orders.list_orders(s, shop_id, status="packed")] == [1002]
        assert [o.number for o in orders.list_orders(s, shop_id, status="cod_pending")] == [1003, 1001]
        with pytest.raises(InvalidValue):
            orders.list_orders(s, shop_id, status="lost")


def test_orders_are_found_by_name_phone_waybill_reference_or_number(engine: Engine) -> None:
    shop_id = _shop(engine)
    _create(engine, shop_id, _draft(("TOTE", 1), channel="shopee", channel_ref="SPX-77"))
    other = OrderDraft.from_json({"customer": {"name": "Siti", "phone": "+6285700001111"},
                                  "items": [{"sku": "TOTE", "qty": 1}]})
    n = _create(engine, shop_id, other).number
    _move(engine, shop_id, n, "packed")
    _move(engine, shop_id, n, "shipped", courier="jne", waybill="CGK123")
    with unit_of_work(engine) as s:
        def find(text: str) -> list[int]:
            return [o.number for o in orders.find_orders(s, shop_id, text)]

        assert find("budi") == [1001]
        assert find("0857-0000-1111") == [1002]
        assert find("+62 812 3456 7890") == [1001]
        assert find("CGK123") == [1002]
        assert find("SPX-77") == [1001]
        assert find("#1002") == [1002]
        assert find("nobody") == [] and find("  ") == []


def test_orders_between_takes_a_utc_window(engine: Engine) -> None:
    shop_id = _shop(engine)
    for hours in (0, 5, 30):
        with unit_of_work(engine) as s:
            orders.create_order(s, shop_id, _draft(("TOTE", 1)), by_user=1, now=T0 + timedelta(hours=hours))
    with unit_of_work(engine) as s:
        day = orders.orders_between(s, shop_id, T0, T0 + timedelta(days=1))
    assert [o.number for o in day] == [1001, 1002]
    assert day[0].created_at == T0 and day[0].created_at.tzinfo is not None


def test_two_shops_never_see_each_others_orders(engine: Engine) -> None:
    a, b = _shop(engine, "A"), _shop(engine, "B")
    _create(engine, a, _draft(("TOTE", 1), channel="shopee", channel_ref="R1"))
    _create(engine, a, _draft(("TOTE", 1)))
    assert _create(engine, b, _draft(("TOTE", 1), channel="shopee", channel_ref="R1")).number == 1001
    with unit_of_work(engine) as s:
        assert [o.number for o in orders.list_orders(s, b)] == [1001]
        assert [o.shop_id for o in orders.find_orders(s, b, "budi")] == [b]
        assert [o.shop_id for o in orders.orders_between(s, b, T0, datetime.now(UTC) + timedelta(1))] == [b]
        with pytest.raises(UnknownOrder):
            orders.get_order(s, b, 1002)
        with pytest.raises(UnknownOrder):
            orders.move_order(s, b, 1002, "packed", by_user=1)
    assert _stock(engine, a, "TOTE") == (5, 2) and _stock(engine, b, "TOTE") == (5, 1)


def test_every_table_with_shop_data_carries_shop_id_first_in_its_indexes(engine: Engine) -> None:
    shared = {"shop", "alembic_version"}
    names = set(inspect(engine).get_table_names())
    for table in SQLModel.metadata.sorted_tables:
        if table.name in shared or table.name not in names:
            continue
        if table.name in ("member", "invite", "group_chat", "product", "stock_movement", "orders",
                          "order_item", "order_event"):
            assert "shop_id" in table.c, table.name
            for index in table.indexes:
                if index.name and index.name.startswith(("ix_", "ux_")) and "user_id" not in index.name:
                    first = next(iter(index.columns)).name
                    assert first in ("shop_id", "order_id"), (table.name, index.name)


def test_the_json_view_has_the_number_and_amounts_in_major_units(engine: Engine) -> None:
    shop_id = _shop(engine)
    o = _create(engine, shop_id, _draft(("KPH-L", 1), shipping_fee=10000))
    data = o.to_json()
    assert (data["number"], data["total"], data["cogs"]) == (1001, 95000, 42000)
    assert data["items"][0]["unit_price"] == 85000
    assert "cogs" not in o.to_json(with_costs=False)
    assert data["next_steps"] == ["packed", "cancelled"]


def test_a_confirmed_order_s_details_are_corrected_until_it_ships_and_its_goods_never(engine: Engine) -> None:
    shop_id = _shop(engine)
    created = _create(engine, shop_id, _draft(("KPH-L", 2), shipping_fee=10000))
    fixes = {"address": "Jl. Mawar 3, Bogor", "phone": "+6281322223333", "shipping_fee": 15000,
             "courier": "jne"}

    with unit_of_work(engine) as s:
        edited = orders.edit_order(s, shop_id, 1001, fixes, by_user=7, now=T0)
    with unit_of_work(engine) as s:
        again = orders.edit_order(s, shop_id, 1001, fixes, by_user=7, now=T0)  # the same: no new event
        with pytest.raises(InvalidValue):
            orders.edit_order(s, shop_id, 1001, {"items": []}, by_user=7)
    _move(engine, shop_id, 1001, "packed")
    _move(engine, shop_id, 1001, "shipped", courier="jne", waybill="JNE1")
    with unit_of_work(engine) as s, pytest.raises(NotEditable):
        orders.edit_order(s, shop_id, 1001, {"address": "Jl. Lain 1"}, by_user=7)

    assert (edited.address, edited.phone, edited.courier) == ("Jl. Mawar 3, Bogor", "+6281322223333", "jne")
    assert edited.total.minor == created.total.minor + 5000 and edited.items == created.items
    changed = [e.note for e in again.events if e.machine == "details"]
    assert changed == ["address, courier, phone, shipping_fee"]
    with unit_of_work(engine) as s:
        assert orders.find_orders(s, shop_id, "mawar")[0].number == 1001
        assert orders.get_order(s, shop_id, 1001).address == "Jl. Mawar 3, Bogor"
