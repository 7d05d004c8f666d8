"""A shop's catalog as the conversation needs it: its parser and its products by SKU, cached per version."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from core import products
from core.catalog import CatalogRow
from core.draft import OrderDraft

if TYPE_CHECKING:
    from core.shops import ShopView


def current_version(s: Session, shop_id: int) -> str:
    return products.catalog_version(s, shop_id)


@dataclass
class ShopCatalog:
    shop_id: int
    version: str
    locale: str
    currency: str
    rows: dict[str, CatalogRow]
    parser: Any  # bot.parse.Parser
    titles: dict[str, str] = field(default_factory=dict)  # SKU → "Kaos Polos Hitam L", for cards
    prices: dict[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.titles = {sku: r.title for sku, r in self.rows.items()}
        self.prices = {sku: r.price for sku, r in self.rows.items()}

    @classmethod
    def load(cls, s: Session, shop: ShopView, version: str) -> ShopCatalog:
        from bot.parse import Parser  # type: ignore[attr-defined, unused-ignore]

        rows = products.catalog_rows(s, shop.id)
        return cls(shop.id, version, shop.locale, shop.currency, {r.sku: r for r in rows},
                   Parser(rows, locale=shop.locale, currency=shop.currency))

    def title(self, sku: str | None, fallback: str = "") -> str:
        row = self.rows.get(sku or "")
        return row.title if row else fallback

    def suggestions(self, text: str, limit: int = 4) -> list[str]:
        """SKUs that look like `text`, best first, for a product the parser could not place."""
        try:
            found = self.parser.match(text)
        except Exception:  # a suggestion is a courtesy; never let it break the conversation
            return []
        skus: list[str] = []
        for hit in found:
            row = hit[0] if isinstance(hit, tuple) else hit  # (CatalogRow, score) pairs
            sku = getattr(row, "sku", row)
            if isinstance(sku, str) and sku in self.rows and sku not in skus:
                skus.append(sku)
        return skus[:limit]

    def parse(self, text: str) -> OrderDraft:
        return self.parser.parse(text)  # type: ignore[no-any-return]

    def correction(self, text: str) -> OrderDraft:
        """Only the fields a correction mentions (`alamat: …`, `qty 3`, `ongkir 20rb`)."""
        reader = getattr(self.parser, "parse_correction", None) or self.parser.parse
        return reader(text)  # type: ignore[no-any-return]
