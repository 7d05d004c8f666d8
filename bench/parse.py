"""Parser benchmark: messages per second and median / p99 latency on the dev corpus and on a generated
5,000-SKU catalog, catalog load time, and a 100 KB message. Run with `make bench`."""

from __future__ import annotations

import itertools
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.compiled import parser_build  # noqa: E402
from bot.parse import Parser  # noqa: E402
from core.catalog import (  # noqa: E402
    CatalogRow,  # noqa: E402
    read_catalog,
    write_catalog,
)

CORPUS = ROOT.parent / "shared" / "corpus"
CURRENCY = {"id": "IDR", "vi": "VND", "en": "MYR"}
TYPES = (
    "kaos polos",
    "kemeja flanel",
    "gamis syari",
    "tunik rayon",
    "rok plisket",
    "celana kulot",
    "hijab pashmina",
    "hijab voal",
    "bergo instan",
    "sneakers",
    "sandal slop",
    "tas selempang",
    "jaket hoodie",
    "celana jeans",
    "dress batik",
    "mukena katun",
    "kerudung bella",
    "blouse linen",
    "cardigan rajut",
    "sepatu kets",
    "sweater oversize",
    "kulot plisket",
    "rok span",
    "tas ransel",
    "dompet kulit",
)
COLOURS = (
    "hitam",
    "putih",
    "navy",
    "cream",
    "mocca",
    "merah",
    "hijau",
    "abu",
    "maroon",
    "dusty pink",
    "milo",
    "coklat",
    "biru",
    "kuning",
    "lilac",
    "sage",
    "olive",
    "denim",
    "salem",
    "army",
)
SIZES = ("S", "M", "L", "XL", "XXL", "36", "37", "38", "39", "40", "41", "42")
BRANDS = (
    "Ayu",
    "Sari",
    "Nusa",
    "Kirana",
    "Bunga",
    "Mega",
    "Raya",
    "Citra",
    "Dewi",
    "Indah",
    "Lestari",
    "Permata",
    "Mulia",
    "Jaya",
    "Sentosa",
    "Makmur",
    "Abadi",
    "Harapan",
    "Cahaya",
    "Bintang",
)


def generated_catalog(n: int = 5000) -> str:
    """A shop-sized catalog: brand × type × colour products, each in several sizes."""
    rng = random.Random(7)
    rows: list[CatalogRow] = []
    combos = list(itertools.product(BRANDS, TYPES, COLOURS))
    rng.shuffle(combos)
    for brand, kind, colour in combos:
        name = f"{kind.title()} {brand} {colour.title()}"
        for size in rng.sample(SIZES, 3):
            sku = f"G{len(rows):05d}"
            rows.append(
                CatalogRow(
                    sku=sku,
                    name=name,
                    variant=size,
                    aliases=(f"{kind} {colour}", f"{kind} {brand}"),
                    price=Decimal(rng.randrange(20, 400) * 1000),
                    stock=10,
                )
            )
            if len(rows) >= n:
                return write_catalog(rows)
    return write_catalog(rows)


def timings(make: Callable[[], Parser], texts: list[str], rounds: int = 5) -> list[float]:
    """CPU milliseconds per message on one core (process time, so other processes do not count): each
    round uses a fresh parser, so no message is answered from a cache of its own; per message, the
    fastest round, as timeit does, since a busy machine only ever adds time."""
    per_message: list[list[float]] = [[] for _ in texts]
    for _ in range(rounds):
        parser = make()
        parser.parse("kak mau order")  # the first message pays for compiling regexes once per process
        for n, t in enumerate(texts):
            start = time.process_time()
            parser.parse(t)
            per_message[n].append((time.process_time() - start) * 1000)
    return [min(ms) for ms in per_message]


def report(label: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    print(
        f"{label:32} {len(ms) / (sum(ms) / 1000):8.0f} msg/s   median {statistics.median(ms):6.3f} ms   "
        f"p99 {p99:6.3f} ms   max {ms[-1]:7.3f} ms"
    )


def main() -> None:
    print(parser_build())
    messages = [
        json.loads(line)
        for line in (CORPUS / "dev.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    by_locale: dict[str, list[str]] = {}
    for m in messages:
        by_locale.setdefault(m["locale"], []).append(m["text"])
    everything: list[float] = []
    for loc, texts in by_locale.items():
        rows = read_catalog(CORPUS / f"catalog-{loc}.csv")
        ms = timings(lambda rows=rows, loc=loc: Parser(rows, locale=loc, currency=CURRENCY[loc]), texts)
        everything += ms
        report(f"dev corpus [{loc}]", ms)
    report("dev corpus [all]", everything)

    csv_text = generated_catalog()
    loads = []
    for _ in range(3):
        start = time.process_time()
        rows = read_catalog(csv_text)
        big = Parser(rows, locale="id", currency="IDR")
        loads.append((time.process_time() - start) * 1000)
    load_ms = statistics.median(loads)
    print(f"{'load 5,000-SKU catalog':32} {load_ms:8.1f} ms CPU ({len(rows)} rows, read + index)")
    big_rows = rows
    def big_shop() -> Parser:
        return Parser(big_rows, locale="id", currency="IDR")

    report("dev [id] with 5,000 SKUs", timings(big_shop, by_locale["id"]))
    # every dev message against the Indonesian 5,000-SKU shop: most words miss the catalog, the slow path
    report("dev [all] with 5,000 SKUs", timings(big_shop, [t for texts in by_locale.values() for t in texts]))

    huge = ("kak mau order kaos polos hitam L 2 sama pashmina cream 1, kirim ke Jl. Melati No. 5, Bandung. "
            "a.n. Budi 0812 3456 7890 ") * 1100
    huge = huge[:100_000]
    start = time.process_time()
    big.parse(huge)
    print(f"{'one 100 KB message':32} {(time.process_time() - start) * 1000:8.1f} ms CPU")


if __name__ == "__main__":
    main()
