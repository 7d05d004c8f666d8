"""Marketplace references and waybills unique only among the orders that have one (partial indexes).

NULLs were already distinct, so which orders may coexist does not change; orders without a reference
or a waybill (most new ones) are simply not in these indexes, and creating one writes two index pages
less.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = {"ux_orders_shop_channel_ref": ("channel", "channel_ref"),
           "ux_orders_shop_waybill": ("courier", "waybill")}


def upgrade() -> None:
    for name, (kind, value) in INDEXES.items():
        where = sa.text(f"{value} IS NOT NULL")
        op.drop_index(name, table_name="orders")
        op.create_index(name, "orders", ["shop_id", kind, value], unique=True, sqlite_where=where,
                        postgresql_where=where)


def downgrade() -> None:
    for name, (kind, value) in INDEXES.items():
        op.drop_index(name, table_name="orders")
        op.create_index(name, "orders", ["shop_id", kind, value], unique=True)
