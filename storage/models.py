"""The tables: shops and their people, products and stock, orders, their lines and events.

Every table that holds a shop's data carries `shop_id`, and every index that a
shop's queries use starts with it, so one shop among many (and a million orders)
stays an index range scan. Money columns are integer minor units (BIGINT: VND
totals overflow 32 bits); times are UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every backend (SQLite forgets the offset; this puts it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: Lapak stores aware UTC times only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _at(**kw: Any) -> Any:
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, **kw))


def _opt_at() -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


def _big(nullable: bool = False, **kw: Any) -> Any:
    return Field(default=None if nullable else 0, sa_column=Column(BigInteger, nullable=nullable, **kw))


def _shop_fk() -> Any:
    return Field(sa_column=Column(Integer, ForeignKey("shop.id", ondelete="CASCADE"), nullable=False))


class Shop(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    currency: str = Field(max_length=3)
    locale: str = Field(max_length=8)
    timezone: str = Field(max_length=64)
    # The last order number handed out; bumped with a row-locking UPDATE so numbers never repeat.
    last_order_number: int = Field(default=1000)
    # Bumped whenever the catalog's words or prices change, so parsers can cache per version.
    catalog_version: int = Field(default=0)
    created_at: datetime = _at()


class Member(SQLModel, table=True):
    shop_id: int = Field(sa_column=Column(Integer, ForeignKey("shop.id", ondelete="CASCADE"),
                                          primary_key=True))
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, index=True))
    role: str = Field(max_length=8)
    added_by: int | None = _big(nullable=True)
    added_at: datetime = _at()


class Invite(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=24)
    shop_id: int = _shop_fk()
    role: str = Field(max_length=8)
    created_by: int | None = _big(nullable=True)
    created_at: datetime = _at()
    expires_at: datetime = _at()
    used_by: int | None = _big(nullable=True)
    used_at: datetime | None = _opt_at()

    __table_args__ = (Index("ix_invite_shop", "shop_id"),)


class GroupChat(SQLModel, table=True):
    """A Telegram group bound to a shop: its members' messages act for that shop."""

    __tablename__ = "group_chat"

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    shop_id: int = _shop_fk()
    bound_by: int | None = _big(nullable=True)
    bound_at: datetime = _at()

    __table_args__ = (Index("ix_group_chat_shop", "shop_id"),)


class Product(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    shop_id: int = _shop_fk()
    sku: str = Field(max_length=64)
    name: str = Field(max_length=200)
    variant: str = Field(default="", max_length=200)
    aliases: str = Field(default="", max_length=2000)  # "|"-separated, as in the catalog CSV
    price: int = _big()
    cost: int | None = _big(nullable=True)
    on_hand: int = Field(default=0)
    reserved: int = Field(default=0)
    low_stock: int | None = Field(default=None)
    active: bool = Field(default=True)
    updated_at: datetime = _at()

    __table_args__ = (
        Index("ux_product_shop_sku", "shop_id", "sku", unique=True),
        # The last line of defence behind the conditional UPDATEs: stock can never go negative.
        CheckConstraint("reserved >= 0 AND on_hand >= reserved", name="ck_product_stock"),
    )


class StockMovement(SQLModel, table=True):
    """Every change to a product's on-hand or reserved count, and why."""

    __tablename__ = "stock_movement"

    id: int | None = Field(default=None, primary_key=True)
    shop_id: int = _shop_fk()
    product_id: int = Field(sa_column=Column(Integer, ForeignKey("product.id", ondelete="CASCADE"),
                                             nullable=False))
    on_hand_delta: int = Field(default=0)
    reserved_delta: int = Field(default=0)
    reason: str = Field(max_length=200)
    order_number: int | None = Field(default=None)
    by_user: int | None = _big(nullable=True)
    at: datetime = _at()

    __table_args__ = (Index("ix_stock_movement_shop_product_at", "shop_id", "product_id", "at"),)


class Order(SQLModel, table=True):
    __tablename__ = "orders"  # ORDER is a reserved word in SQL

    id: int | None = Field(default=None, primary_key=True)
    shop_id: int = _shop_fk()
    number: int
    status: str = Field(max_length=20)
    payment_status: str = Field(max_length=20)
    currency: str = Field(max_length=3)
    customer_name: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=32)
    address: str | None = Field(default=None, max_length=1000)
    channel: str | None = Field(default=None, max_length=20)
    payment: str | None = Field(default=None, max_length=20)
    courier: str | None = Field(default=None, max_length=20)
    waybill: str | None = Field(default=None, max_length=64)
    shipping_fee: int = _big()
    discount: int = _big()
    subtotal: int = _big()
    total: int = _big()
    cogs: int = _big()
    note: str | None = Field(default=None, max_length=1000)
    channel_ref: str | None = Field(default=None, max_length=64)
    cancel_reason: str | None = Field(default=None, max_length=500)
    # name, phone digits, address, waybill and marketplace reference folded (core.search), for /find
    search: str | None = Field(default=None, sa_type=Text)
    created_by: int | None = _big(nullable=True)
    created_at: datetime = _at()
    updated_at: datetime = _at()

    __table_args__ = (
        Index("ux_orders_shop_number", "shop_id", "number", unique=True),
        Index("ix_orders_shop_status", "shop_id", "status", "number"),
        Index("ix_orders_shop_payment", "shop_id", "payment_status", "number"),
        Index("ix_orders_shop_created", "shop_id", "created_at"),
        # Only orders that have a marketplace reference or a waybill are in these (partial) indexes: an
        # order without one has nothing to collide on, and a new order then writes two index pages less.
        Index("ux_orders_shop_channel_ref", "shop_id", "channel", "channel_ref", unique=True,
              sqlite_where=text("channel_ref IS NOT NULL"), postgresql_where=text("channel_ref IS NOT NULL")),
        Index("ux_orders_shop_waybill", "shop_id", "courier", "waybill", unique=True,
              sqlite_where=text("waybill IS NOT NULL"), postgresql_where=text("waybill IS NOT NULL")),
    )


class OrderItem(SQLModel, table=True):
    __tablename__ = "order_item"

    id: int | None = Field(default=None, primary_key=True)
    shop_id: int = _shop_fk()
    order_id: int = Field(sa_column=Column(Integer, ForeignKey("orders.id", ondelete="CASCADE"),
                                           nullable=False))
    product_id: int = Field(sa_column=Column(Integer, ForeignKey("product.id"), nullable=False))
    sku: str = Field(max_length=64)
    name: str = Field(max_length=400)
    qty: int
    unit_price: int = _big()
    unit_cost: int | None = _big(nullable=True)

    __table_args__ = (
        Index("ix_order_item_order", "order_id"),
        Index("ix_order_item_shop_product", "shop_id", "product_id"),
        CheckConstraint("qty >= 1", name="ck_order_item_qty"),
    )


class OrderEvent(SQLModel, table=True):
    """One state change of one order's fulfilment or payment machine (creation included)."""

    __tablename__ = "order_event"

    id: int | None = Field(default=None, primary_key=True)
    shop_id: int = _shop_fk()
    order_id: int = Field(sa_column=Column(Integer, ForeignKey("orders.id", ondelete="CASCADE"),
                                           nullable=False))
    at: datetime = _at()
    by_user: int | None = _big(nullable=True)
    machine: str = Field(max_length=12)
    from_state: str | None = Field(default=None, max_length=20)
    to_state: str = Field(max_length=20)
    source_chat: int | None = _big(nullable=True)
    note: str | None = Field(default=None, sa_column=Column(String(500), nullable=True))

    __table_args__ = (
        Index("ix_order_event_order", "order_id", "at"),
        Index("ix_order_event_shop_at", "shop_id", "at"),
    )


def table(model: type[SQLModel]) -> Table:
    """A model's Core table, for the hot paths that write with plain statements instead of the ORM."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


from storage import conversation  # noqa: E402, F401  (the conversation tables live beside the bot that uses them)
