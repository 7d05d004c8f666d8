"""Eight processes race for the last units of one SKU: exactly the stock is sold, never more."""

from __future__ import annotations

import multiprocessing as mp
import time
from typing import Any

from sqlalchemy.engine import Engine, make_url
from sqlmodel import func, select

from core import orders, products, shops
from core.catalog import read_catalog
from core.draft import OrderDraft
from core.errors import OutOfStock
from storage.db import make_engine, unit_of_work
from storage.models import Order, StockMovement

PROCESSES, TRIES, ON_HAND = 8, 40, 100


def _worker(url: str, shop_id: int, start: Any, results: Any) -> None:
    """Confirm TRIES orders of one unit each, as fast as the database lets us."""
    engine = make_engine(url)
    draft = OrderDraft.from_json({"items": [{"sku": "HOT", "qty": 1}], "currency": "IDR"})
    confirmed = refused = 0
    lowest = ON_HAND
    errors: list[str] = []
    start.wait()
    began = time.perf_counter()
    for _ in range(TRIES):
        try:
            with unit_of_work(engine) as s:
                orders.create_order(s, shop_id, draft, by_user=1)
            confirmed += 1
        except OutOfStock:
            refused += 1
        except Exception as exc:  # reported to the parent, which fails the test with it
            errors.append(f"{type(exc).__name__}: {exc}")
        with unit_of_work(engine) as s:
            lowest = min(lowest, products.get_product(s, shop_id, "HOT").available)
    results.put((confirmed, refused, lowest, errors, time.perf_counter() - began))
    engine.dispose()


def test_eight_processes_confirm_exactly_the_stock_there_is(engine: Engine, db_url: str) -> None:
    with unit_of_work(engine) as s:
        shop_id = shops.create_shop(s, name="Flash Sale", currency="IDR", locale="id",
                                    timezone="Asia/Jakarta").id
        catalog = read_catalog(f"sku,name,price,stock\nHOT,Hot Item,10000,{ON_HAND}\n")
        products.import_products(s, shop_id, catalog)
    ctx = mp.get_context("spawn")
    start, results = ctx.Barrier(PROCESSES + 1), ctx.Queue()
    workers = [ctx.Process(target=_worker, args=(db_url, shop_id, start, results)) for _ in range(PROCESSES)]
    for w in workers:
        w.start()
    start.wait(timeout=120)
    began = time.perf_counter()
    outcomes = [results.get(timeout=240) for _ in workers]
    wall = time.perf_counter() - began
    for w in workers:
        w.join(timeout=30)

    with unit_of_work(engine) as s:
        hot = products.get_product(s, shop_id, "HOT")
        numbers = list(s.exec(select(Order.number).where(Order.shop_id == shop_id).order_by(Order.number)))
        moves = s.exec(select(func.count()).select_from(StockMovement)
                       .where(StockMovement.reason == "order confirmed")).one()
    confirmed = sum(o[0] for o in outcomes)
    refused = sum(o[1] for o in outcomes)
    backend = make_url(db_url).get_backend_name()
    print(f"\n[concurrency {backend}] {PROCESSES} processes x {TRIES} tries: confirmed={confirmed} "
          f"refused={refused} reserved={hot.reserved} on_hand={hot.on_hand} orders={len(numbers)} "
          f"lowest_available_seen={min(o[2] for o in outcomes)} wall={wall:.2f}s "
          f"({PROCESSES * TRIES / wall:.0f} tries/s)")
    assert [e for o in outcomes for e in o[3]] == []
    assert (confirmed, refused) == (ON_HAND, PROCESSES * TRIES - ON_HAND)
    assert (hot.reserved, hot.on_hand, hot.available) == (ON_HAND, ON_HAND, 0)
    assert numbers == list(range(1001, 1001 + ON_HAND))
    assert moves == ON_HAND
    assert min(o[2] for o in outcomes) >= 0
