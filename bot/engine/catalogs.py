"""A shop's catalog as the conversation needs it: its parser and its products by SKU, cached per version."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlmodel import Session

from bot.parse import Correction, Parser
from bot.parse.catalog_index import tokens
from bot.parse.text import fold
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

    def search(self, text: str) -> list[str]:
        """SKUs a search names (`sneakers 42`, `hitam L`): the products the parser reads in it as in an
        order, else those that have every word of it (a word of three letters or more may be the start
        of one) in their SKU, name, variant or aliases."""
        read = [row.sku for row, score in self.parser.match(text, limit=len(self.rows)) if score >= 100]
        if read:
            return read
        wanted = tokens(fold(text))
        if not wanted:
            return []
        found = []
        for sku, row in self.rows.items():
            words = set(tokens(fold(" ".join((sku, row.title, *row.aliases)))))
            if all(w in words or len(w) >= 3 and any(x.startswith(w) for x in words) for w in wanted):
                found.append(sku)
        return found

    def parse(self, text: str) -> OrderDraft:
        return self.parser.parse(text)

    def correction(self, text: str, expect: str | None = None) -> Correction:
        """Only the fields a correction mentions (`alamat: …`, `qty 3`, `ongkir 20rb`, `hapus bergo`), and
        what it does to the lines; `expect` is the field the bot just asked for."""
        return self.parser.read_correction(text, expect)
