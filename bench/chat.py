"""Order entry end to end, in-process, on SQLite: orders per second through the engine vs plain sqlite3.

One order is what a seller does in chat: an order text arrives (parsed, draft card rendered and
stored), Confirm is pressed on the card (order created with stock reserved, the card edited, the
group card rendered), the adapter reports the group card's message id. Every order is another
customer. The stack runs as `lapak run` runs it (SQLite's WAL checkpointed by a background thread).

The baseline performs the same inserts and updates with the sqlite3 module, one transaction per
order, on the same database settings (checkpointer included), with nothing else around them: no
parsing, no rendering, no ORM. The ratio says how much of the database's speed the whole stack
keeps. Both run on one core. Run: `python bench/chat.py [--orders N] [--repeat N] [--profile]`.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import json
import os
import pstats
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import Engine as Database  # noqa: E402

from bot.compiled import parser_build  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.engine.events import Action, Incoming, Send  # noqa: E402
from core import products, shops  # noqa: E402
from core.catalog import read_catalog  # noqa: E402
from storage.db import Checkpointer, make_engine, unit_of_work, upgrade  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
OWNER, GROUP = 42, -1001
# Every order is another customer: other names, phones, streets, towns and quantities in the three
# shapes sellers send most (a chat sentence, a filled-in form, a form with two lines of one product),
# so nothing the stack may remember between messages (phone numbers, clauses) is met twice by luck.
TEMPLATES = [
    "Kak mau order kaos polos hitam size L {qty}, sama yg putih size M 1 ya. Kirim ke {name}, "
    "Jl. {street} No. {no}, {city}. HP {phone}. Bayar COD aja kak",
    "FORMAT ORDER\nNama: {name}\nNo HP: {phone_dashed}\nAlamat: Jl. {street} No. {no} RT 03/RW 07, "
    "Kel. Sukamaju, Kec. Cilodong, {city} 16415\nPesanan: Gamis Syari Navy L {qty}\nEkspedisi: JNT\n"
    "Pembayaran: TF BCA",
    "Nama: {name}\nNo. WA: {phone_dashed}\nAlamat: Perum Bumi Asri Blok D{qty} No. {no}, {city}\n"
    "Pesanan: Pashmina cream {qty}, pashmina dusty pink 1\nEkspedisi: JNE REG\nPembayaran: Transfer Mandiri",
]
FIRST = ("Budi", "Rina", "Siti", "Dewi", "Agus", "Putri", "Rizky", "Ayu", "Fajar", "Wulan", "Wahyu", "Indah",
         "Yusuf", "Lestari", "Hendra", "Maya")
LAST = ("Santoso", "Marlina", "Nurhaliza", "Pratama", "Wulandari", "Hidayat", "Saputra", "Rahmawati",
        "Kurniawan", "Siregar", "Nasution", "Halim")
STREETS = ("Cempaka Putih Tengah III", "Melati", "Kenanga", "Anggrek", "Merdeka", "Sudirman", "Diponegoro",
           "Gatot Subroto", "Pemuda", "Veteran")
CITIES = ("Jakarta Pusat", "Depok", "Bekasi", "Bandung", "Bogor", "Tangerang", "Surabaya", "Semarang")


def message(n: int) -> str:
    """Order text number `n`: the same for the same `n`, different from its neighbours."""
    rng = random.Random(n)
    digits = f"08{rng.choice(('12', '13', '21', '57', '77', '95'))}{rng.randrange(10**8):08d}"
    return TEMPLATES[n % len(TEMPLATES)].format(
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", phone=digits,
        phone_dashed=f"{digits[:4]}-{digits[4:8]}-{digits[8:]}", street=rng.choice(STREETS),
        no=rng.randrange(1, 200), city=rng.choice(CITIES), qty=rng.randrange(1, 4))


def setup(path: Path) -> tuple[Engine, int]:
    db = make_engine(f"sqlite:///{path}", background_checkpoints=True)  # as `lapak run` does
    upgrade(db)
    rows = read_catalog(CORPUS / "catalog-id.csv")
    with unit_of_work(db) as s:
        shop = shops.create_shop(s, name="Bench", currency="IDR", locale="id", timezone="Asia/Jakarta",
                                 owner_user_id=OWNER)
        shops.bind_group(s, shop.id, GROUP, by_user=None)
        products.import_products(s, shop.id, rows)
    with db.begin() as conn:  # plenty of stock: the benchmark measures orders, not refusals
        conn.execute(text("UPDATE product SET on_hand = 100000000"))
    return Engine(db, bot_username="bench_bot"), shop.id


class Adapter:
    """What an adapter does around the engine: number messages, report tracked sends."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.ids = itertools.count(1)

    def perform(self, actions: list[Action]) -> list[tuple[Send, int]]:
        sent = []
        for a in actions:
            if isinstance(a, Send):
                message_id = next(self.ids)
                if a.track:
                    self.engine.record_sent(a.track, a.chat_id, message_id)
                sent.append((a, message_id))
        return sent


def one_order(adapter: Adapter, n: int, text: str | None = None) -> None:
    engine = adapter.engine
    text_event = Incoming(chat_id=OWNER, chat_type="private", user_id=OWNER, user_name="Rina",
                          text=text or message(n), update_id=2 * n, message_id=next(adapter.ids))
    [(card, card_id)] = adapter.perform(engine.handle(text_event))
    confirm = card.buttons[0][0].data
    press = Incoming(chat_id=OWNER, chat_type="private", user_id=OWNER, user_name="Rina",
                     update_id=2 * n + 1, message_id=card_id, callback_id=f"cb{n}", callback_data=confirm)
    sent = adapter.perform(engine.handle(press))
    assert sent and sent[0][0].chat_id == GROUP, "the group card was not posted"


class Split:
    """Wall time spent inside the parser, the core's create_order, rendering cards from templates,
    SQLite committing the events' transactions (writing their pages to the WAL, checkpoints included),
    and the adapter reporting the group card's message id (its own small transaction)."""

    def __init__(self) -> None:
        self.spent = {"parser": 0.0, "core create_order": 0.0, "rendering": 0.0, "commits": 0.0,
                      "record_sent": 0.0}
        self._depth = 0  # a call inside another timed one counts once, in the outer one

    def install(self, db: Database) -> None:
        from bot.engine import render
        from bot.parse import Parser
        from core import orders

        self._wrap(db.dialect, "do_commit", "commits")
        self._wrap(Parser, "parse", "parser")
        self._wrap(Parser, "parse_correction", "parser")
        self._wrap(orders, "create_order", "core create_order")
        self._wrap(render, "render", "rendering")
        self._wrap(Engine, "record_sent", "record_sent")

    def _wrap(self, owner: object, name: str, label: str) -> None:
        inner = getattr(owner, name)
        spent = self.spent

        def timed(*args: object, **kwargs: object) -> object:
            if self._depth:
                return inner(*args, **kwargs)
            self._depth += 1
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - start
                self._depth -= 1

        setattr(owner, name, timed)


def run_stack(orders: int, profile: bool, split: Split | None = None) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        engine, _ = setup(Path(tmp) / "bench.db")
        adapter = Adapter(engine)
        for n in range(1, 21):  # warm up: templates compiled, parser built, statements cached
            one_order(adapter, n)
        profiler = cProfile.Profile() if profile else None
        if split:
            split.install(engine.db)
        texts = {n: message(n) for n in range(21, 21 + orders)}  # what buyers typed, before the clock starts
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        for n in range(21, 21 + orders):
            one_order(adapter, n, texts[n])
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - start
        with engine.db.connect() as conn:
            stored = conn.execute(text("SELECT count(*) FROM orders")).scalar()
            reserved = conn.execute(text("SELECT sum(reserved) FROM product")).scalar()
        assert stored == orders + 20 and reserved, "orders were not stored with stock reserved"
        engine.db.dispose()
        if profiler:
            order, top = os.environ.get("SORT", "cumulative"), int(os.environ.get("TOP", "35"))
            pstats.Stats(profiler).sort_stats(order).print_stats(top)
        return orders / elapsed


SQL = {  # the writes one order makes, as the engine and the core make them
    "claim": "INSERT INTO processed_update (key, processed_at) VALUES (?, ?)",
    "draft": "INSERT INTO conversation (chat_id, user_id, shop_id, draft, revision, updated_at)"
             " VALUES (?, ?, ?, ?, 1, ?)",
    "number": "UPDATE shop SET last_order_number = last_order_number + 1 WHERE id = ?"
              " RETURNING last_order_number",
    "reserve": "UPDATE product SET reserved = reserved + ? WHERE id = ? AND on_hand - reserved >= ?",
    "movement": "INSERT INTO stock_movement (shop_id, product_id, on_hand_delta, reserved_delta, reason,"
                " order_number, by_user, at) VALUES (?, ?, 0, ?, 'order confirmed', ?, ?, ?)",
    "order": "INSERT INTO orders (shop_id, number, status, payment_status, currency, customer_name, phone,"
             " address, payment, shipping_fee, discount, subtotal, total, cogs, search, created_by,"
             " created_at, updated_at) VALUES (?, ?, 'confirmed', 'cod_pending', 'IDR', ?, ?, ?, 'cod', 0, 0,"
             " ?, ?, 0, ?, ?, ?, ?)",
    "item": "INSERT INTO order_item (shop_id, order_id, product_id, sku, name, qty, unit_price, unit_cost)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "event": "INSERT INTO order_event (shop_id, order_id, at, by_user, machine, to_state, source_chat)"
             " VALUES (?, ?, ?, ?, ?, ?, ?)",
    "done": "DELETE FROM conversation WHERE chat_id = ? AND user_id = ?",
    "sent": "INSERT INTO sent_card (shop_id, order_number, chat_id, message_id, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
}


def run_baseline(orders: int, transactions: int = 1) -> float:
    """The same writes per order with sqlite3, one transaction each, on the database as Lapak sets it up
    (WAL, synchronous=NORMAL, foreign keys, the WAL checkpointed by a background thread).

    `transactions=3` splits them as the design must (each update applied in the transaction that records
    it, and the group card's message id, known only after it was sent, in a third): what the stack's
    database work costs at the least, for the floor the benchmark prints."""
    split = transactions == 3
    with tempfile.TemporaryDirectory() as tmp:
        _, shop = setup(Path(tmp) / "bench.db")
        conn = sqlite3.connect(Path(tmp) / "bench.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA wal_autocheckpoint={Checkpointer.SAFETY_NET}")
        checkpointer = Checkpointer(str(Path(tmp) / "bench.db")).start()
        ids = {sku: pid for pid, sku in conn.execute("SELECT id, sku FROM product")}
        lines = [[("KPH-L", 2, 85000), ("KPP-M", 1, 85000)], [("GSN-L", 1, 249000)],
                 [("HPS-CRM", 2, 45000), ("HPS-DPK", 1, 45000)]]
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
        draft = json.dumps({"customer": {"name": "Budi Santoso"}, "items": []})
        customer = ("Budi Santoso", "+6281398765432", "Jl. Cempaka Putih Tengah III No. 12, Jakarta Pusat")
        search = "budi santoso 81398765432 jl. cempaka putih tengah iii no. 12, jakarta pusat"  # /find's
        start = time.perf_counter()
        for n in range(orders):
            items = lines[n % 3]
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(SQL["claim"], (f"u:{2 * n}", now))
            conn.execute(SQL["draft"], (OWNER, OWNER, shop, draft, now))
            if split:
                conn.execute("COMMIT")
                conn.execute("BEGIN IMMEDIATE")
            conn.executemany(SQL["claim"], [(f"u:{2 * n + 1}", now), (f"c:{n}", now)])
            number = conn.execute(SQL["number"], (shop,)).fetchone()[0]
            for sku, qty, _ in items:
                assert conn.execute(SQL["reserve"], (qty, ids[sku], qty)).rowcount == 1
                conn.execute(SQL["movement"], (shop, ids[sku], qty, number, OWNER, now))
            subtotal = sum(q * p for _, q, p in items)
            order_id = conn.execute(SQL["order"], (shop, number, *customer, subtotal, subtotal, search, OWNER,
                                                   now, now)).lastrowid
            for sku, qty, price in items:
                conn.execute(SQL["item"], (shop, order_id, ids[sku], sku, sku, qty, price, 42000))
            for machine, status in (("fulfilment", "confirmed"), ("payment", "cod_pending")):
                conn.execute(SQL["event"], (shop, order_id, now, OWNER, machine, status, OWNER))
            conn.execute(SQL["done"], (OWNER, OWNER))
            for chat in (OWNER, GROUP):
                if split and chat == GROUP:
                    conn.execute("COMMIT")
                    conn.execute("BEGIN IMMEDIATE")
                conn.execute(SQL["sent"], (shop, number, chat, n, now))
            conn.execute("COMMIT")
        elapsed = time.perf_counter() - start
        checkpointer.stop()
        conn.close()
        return orders / elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the best is reported")
    ap.add_argument("--profile", action="store_true",
                    help="print where the stack spends its time (cProfile; env SORT=tottime TOP=60)")
    args = ap.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    if hasattr(os, "sched_setaffinity"):  # one core, the same one for both, whatever else the machine runs
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[-1]})
    stack = baseline = baseline3 = 0.0
    for _ in range(args.repeat):  # interleaved, so a busy moment of the machine hits both alike
        stack = max(stack, run_stack(args.orders, args.profile))
        baseline = max(baseline, run_baseline(args.orders))
        baseline3 = max(baseline3, run_baseline(args.orders, transactions=3))
    print(f"chat order entry, SQLite, one core, {args.orders} orders, best of {args.repeat}")
    print(f"  ({parser_build()})")
    print(f"  engine (text → draft card → confirm → order reserved → group card): {stack:7.0f} orders/s")
    print(f"  plain sqlite3, the same writes, one transaction per order:         {baseline:7.0f} orders/s")
    print(f"  ratio: {stack / baseline:.3f}  (targets: ≥ 1000 orders/s, ratio ≥ 0.25)")
    split = Split()  # last: its timers stay wrapped around the functions they time
    timed = run_stack(args.orders, False, split)
    per_order = 1000 / timed
    parts = {label: spent * 1000 / args.orders for label, spent in split.spent.items()}
    rest = per_order - sum(parts.values())
    print(f"  where an order's time goes (one more run, timers on: {per_order:.2f} ms): "
          + ", ".join(f"{k} {v:.2f} ms" for k, v in parts.items())
          + f", engine + state + rendering + adapter round trips {rest:.2f} ms")
    # The least the stack can cost as designed: its parser, and the writes in the design's transactions.
    floor = parts["parser"] + 1000 / baseline3
    print(f"  floor: parser {parts['parser']:.2f} ms + the same writes in 3 transactions (one per update,"
          f" one for the sent card) {1000 / baseline3:.2f} ms = {floor:.2f} ms an order,"
          f" a ratio of at most {1000 / floor / baseline:.3f}")


if __name__ == "__main__":
    main()
