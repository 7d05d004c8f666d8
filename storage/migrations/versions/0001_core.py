"""The core tables: shops, members, invites, groups, products, stock movements, orders.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table("shop",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("last_order_number", sa.Integer(), nullable=False),
        sa.Column("catalog_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_table("group_chat",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("bound_by", sa.BigInteger(), nullable=True),
        sa.Column("bound_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("chat_id")
    )
    op.create_index("ix_group_chat_shop", "group_chat", ["shop_id"])

    op.create_table("invite",
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_by", sa.BigInteger(), nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("code")
    )
    op.create_index("ix_invite_shop", "invite", ["shop_id"])

    op.create_table("member",
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("added_by", sa.BigInteger(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("shop_id", "user_id")
    )
    op.create_index("ix_member_user_id", "member", ["user_id"])

    op.create_table("orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("payment_status", sa.String(length=20), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("customer_name", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("address", sa.String(length=1000), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=True),
        sa.Column("payment", sa.String(length=20), nullable=True),
        sa.Column("courier", sa.String(length=20), nullable=True),
        sa.Column("waybill", sa.String(length=64), nullable=True),
        sa.Column("shipping_fee", sa.BigInteger(), nullable=False),
        sa.Column("discount", sa.BigInteger(), nullable=False),
        sa.Column("subtotal", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("cogs", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("channel_ref", sa.String(length=64), nullable=True),
        sa.Column("cancel_reason", sa.String(length=500), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index("ix_orders_shop_created", "orders", ["shop_id", "created_at"])
    op.create_index("ix_orders_shop_payment", "orders", ["shop_id", "payment_status", "number"])
    op.create_index("ix_orders_shop_status", "orders", ["shop_id", "status", "number"])
    op.create_index("ux_orders_shop_channel_ref", "orders", ["shop_id", "channel", "channel_ref"],
                    unique=True)
    op.create_index("ux_orders_shop_number", "orders", ["shop_id", "number"], unique=True)
    op.create_index("ux_orders_shop_waybill", "orders", ["shop_id", "courier", "waybill"], unique=True)

    op.create_table("product",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("variant", sa.String(length=200), nullable=False),
        sa.Column("aliases", sa.String(length=2000), nullable=False),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("cost", sa.BigInteger(), nullable=True),
        sa.Column("on_hand", sa.Integer(), nullable=False),
        sa.Column("reserved", sa.Integer(), nullable=False),
        sa.Column("low_stock", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("reserved >= 0 AND on_hand >= reserved", name="ck_product_stock"),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index("ux_product_shop_sku", "product", ["shop_id", "sku"], unique=True)

    op.create_table("order_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by_user", sa.BigInteger(), nullable=True),
        sa.Column("machine", sa.String(length=12), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=True),
        sa.Column("to_state", sa.String(length=20), nullable=False),
        sa.Column("source_chat", sa.BigInteger(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index("ix_order_event_order", "order_event", ["order_id", "at"])
    op.create_index("ix_order_event_shop_at", "order_event", ["shop_id", "at"])

    op.create_table("order_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.BigInteger(), nullable=False),
        sa.Column("unit_cost", sa.BigInteger(), nullable=True),
        sa.CheckConstraint("qty >= 1", name="ck_order_item_qty"),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], ),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index("ix_order_item_order", "order_item", ["order_id"])
    op.create_index("ix_order_item_shop_product", "order_item", ["shop_id", "product_id"])

    op.create_table("stock_movement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("on_hand_delta", sa.Integer(), nullable=False),
        sa.Column("reserved_delta", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("order_number", sa.Integer(), nullable=True),
        sa.Column("by_user", sa.BigInteger(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index("ix_stock_movement_shop_product_at", "stock_movement", ["shop_id", "product_id", "at"])



def downgrade() -> None:
    op.drop_index("ix_stock_movement_shop_product_at", table_name="stock_movement")

    op.drop_table("stock_movement")
    op.drop_index("ix_order_item_shop_product", table_name="order_item")
    op.drop_index("ix_order_item_order", table_name="order_item")

    op.drop_table("order_item")
    op.drop_index("ix_order_event_shop_at", table_name="order_event")
    op.drop_index("ix_order_event_order", table_name="order_event")

    op.drop_table("order_event")
    op.drop_index("ux_product_shop_sku", table_name="product")

    op.drop_table("product")
    op.drop_index("ux_orders_shop_waybill", table_name="orders")
    op.drop_index("ux_orders_shop_number", table_name="orders")
    op.drop_index("ux_orders_shop_channel_ref", table_name="orders")
    op.drop_index("ix_orders_shop_status", table_name="orders")
    op.drop_index("ix_orders_shop_payment", table_name="orders")
    op.drop_index("ix_orders_shop_created", table_name="orders")

    op.drop_table("orders")
    op.drop_index("ix_member_user_id", table_name="member")

    op.drop_table("member")
    op.drop_index("ix_invite_shop", table_name="invite")

    op.drop_table("invite")
    op.drop_index("ix_group_chat_shop", table_name="group_chat")

    op.drop_table("group_chat")
    op.drop_table("shop")
