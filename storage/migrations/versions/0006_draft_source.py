"""`conversation.source_message_id`: the message an open draft was read from, so an edit of that message
(Telegram's edited_message) reads the draft again instead of being refused.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("conversation", sa.Column("source_message_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE conversation DROP COLUMN source_message_id")
