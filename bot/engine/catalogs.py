"""A shop's catalog as the conversation needs it: its parser and its products by SKU, cached per version."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlmodel import Session

from bot.parse import Correction, Parser
from core import products
from core.catalog import CatalogRow
from core.draft import OrderDraft

if TYPE_CHECKING:
    from core.shops import ShopView


@dataclass
class ShopCatalog:
    shop_id: int
    version: int  # the shop's catalog version when these rows were read
    locale: str
    currency: str
    rows: dict[str, CatalogRow]
    parser: Parser
    titles: dict[str, str] = field(default_factory=dict)  # SKU → "Kaos Polos Hitam L", for cards
    prices: dict[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.titles = {sku: r.title for sku, r in self.rows.items()}
        self.prices = {sku: r.price for sku, r in self.rows.items()}

    @classmethod
    def load(cls, s: Session, shop: ShopView, version: int) -> ShopCatalog:
        rows = products.catalog_rows(s, shop.id)
        return cls(shop.id, version, shop.locale, shop.currency, {r.sku: r for r in rows},
                   Parser(rows, locale=shop.locale, currency=shop.currency))

    def suggestions(self, text: str, limit: int = 4) -> list[str]:
        """SKUs that look like `text`, best first, for a product the parser could not place."""
        skus: list[str] = []
        for row, _score in self.parser.match(text):
            if row.sku in self.rows and row.sku not in skus:
                skus.append(row.sku)
        return skus[:limit]

    def parse(self, text: str) -> OrderDraft:
        return self.parser.parse(text)

    def correction(self, text: str, expect: str | None = None) -> Correction:
        """Only the fields a correction mentions (`alamat: …`, `qty 3`, `ongkir 20rb`, `hapus bergo`), and
        what it does to the lines; `expect` is the field the bot just asked for."""
        return self.parser.read_correction(text, expect)
