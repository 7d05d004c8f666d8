"""`orders.search`: an order's name, phone digits, address, waybill and marketplace reference folded (lower
case, no diacritics), so /find matches `Đức` by `duc` and `JP111` by `jp11` the same on SQLite and
PostgreSQL; filled here for the orders already kept.

The folding is copied from core/search.py as it was when this migration was written (storage does not
import core, and a migration must keep doing what it did when the code it came with changes).

Revision ID: 0005
Revises: 0004
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_DIGITS = re.compile(r"\D")
_FOLDS = str.maketrans({"đ": "d", "Đ": "d", "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o"})
_BATCH = 1000


def _fold(text: str) -> str:
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLDS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def _search(name: str | None, phone: str | None, address: str | None, waybill: str | None,
            channel_ref: str | None) -> str:
    return "\n".join((_fold(name or ""), _DIGITS.sub("", phone or "").lstrip("0"), _fold(address or ""),
                      _fold(waybill or ""), _fold(channel_ref or "")))


def upgrade() -> None:
    op.add_column("orders", sa.Column("search", sa.Text(), nullable=True))
    orders = sa.table("orders", sa.column("id", sa.Integer()), sa.column("customer_name", sa.String()),
                      sa.column("phone", sa.String()), sa.column("address", sa.String()),
                      sa.column("waybill", sa.String()), sa.column("channel_ref", sa.String()),
                      sa.column("search", sa.Text()))
    conn = op.get_bind()
    fill = (sa.update(orders).where(orders.c.id == sa.bindparam("order"))
            .values(search=sa.bindparam("text")))
    last = 0
    while True:
        rows = conn.execute(sa.select(orders.c.id, orders.c.customer_name, orders.c.phone, orders.c.address,
                                      orders.c.waybill, orders.c.channel_ref)
                            .where(orders.c.id > last).order_by(orders.c.id).limit(_BATCH)).all()
        if not rows:
            break
        conn.execute(fill, [{"order": r.id, "text": _search(*r[1:])} for r in rows])
        last = rows[-1].id


def downgrade() -> None:
    op.execute("ALTER TABLE orders DROP COLUMN search")  # SQLite 3.35+ too, and no table rebuild there
