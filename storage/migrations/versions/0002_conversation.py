"""Conversation state: drafts and questions, updates applied, order cards sent, people's names.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversation",
        sa.Column("chat_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("shop_id", sa.Integer(), nullable=True),
        sa.Column("draft", sa.Text(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("card_message_id", sa.BigInteger(), nullable=True),
        sa.Column("ask", sa.String(32), nullable=True),
        sa.Column("ask_data", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "processed_update",
        sa.Column("key", sa.String(96), primary_key=True),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sent_card",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("order_number", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("chat_id", "message_id", name="uq_sent_card_message"),
    )
    op.create_index("ix_sent_card_order", "sent_card", ["shop_id", "order_number"])
    op.create_table(
        "chat_person",
        sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("name", sa.String(128), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("chat_person")
    op.drop_index("ix_sent_card_order", table_name="sent_card")
    op.drop_table("sent_card")
    op.drop_table("processed_update")
    op.drop_table("conversation")
