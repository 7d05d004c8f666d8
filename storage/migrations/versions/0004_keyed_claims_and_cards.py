"""Applied update ids and sent order cards keyed by what identifies them (SQLite: without a rowid).

Every event claims its update id, and every order card posted is remembered: on SQLite, a table with a
rowid writes its row and then its key's index, two b-tree pages per claim and three per card. Keyed by
their own key (`processed_update.key`; `sent_card (chat_id, message_id)`, its surrogate id dropped)
and WITHOUT ROWID, each is one b-tree: a confirmed order's transactions write four pages less.
PostgreSQL gets the same keys; `processed_update` is already keyed there, so it is left as it is.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

CARDS = "shop_id, order_number, chat_id, message_id, created_at"


def _rebuild(table: str, copied: str, *columns: sa.Column | sa.Constraint, order: str = "",
             **options: object) -> None:
    """`table` in a new shape: created beside it, its rows copied, put in its place."""
    op.create_table(f"{table}_new", *columns, **options)
    op.execute(f"INSERT INTO {table}_new ({copied}) SELECT {copied} FROM {table} {order}")
    op.drop_table(table)
    op.rename_table(f"{table}_new", table)
    if op.get_context().dialect.name == "postgresql":  # its key keeps the name PostgreSQL gives a table's
        op.execute(f"ALTER TABLE {table} RENAME CONSTRAINT {table}_new_pkey TO {table}_pkey")


def _claims(**options: object) -> None:
    _rebuild("processed_update", "key, processed_at", sa.Column("key", sa.String(96), primary_key=True),
             sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False), **options)


def _card_columns() -> list[sa.Column]:
    return [sa.Column("shop_id", sa.Integer(), nullable=False),
            sa.Column("order_number", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)]


def upgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        _claims(sqlite_with_rowid=False)
    op.drop_index("ix_sent_card_order", table_name="sent_card")
    _rebuild("sent_card", CARDS,
             sa.Column("chat_id", sa.BigInteger(), primary_key=True, autoincrement=False),
             sa.Column("message_id", sa.BigInteger(), primary_key=True, autoincrement=False),
             *_card_columns(), sqlite_with_rowid=False)
    op.create_index("ix_sent_card_order", "sent_card", ["shop_id", "order_number"])


def downgrade() -> None:
    op.drop_index("ix_sent_card_order", table_name="sent_card")
    _rebuild("sent_card", CARDS, sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
             *_card_columns(), sa.Column("chat_id", sa.BigInteger(), nullable=False),
             sa.Column("message_id", sa.BigInteger(), nullable=False),
             sa.UniqueConstraint("chat_id", "message_id", name="uq_sent_card_message"),
             order="ORDER BY created_at")
    op.create_index("ix_sent_card_order", "sent_card", ["shop_id", "order_number"])
    if op.get_context().dialect.name == "sqlite":
        _claims()
