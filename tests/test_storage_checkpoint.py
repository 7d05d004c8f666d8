"""A long-running process checkpoints SQLite's WAL from a background thread, not in its writers' commits."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import text

from storage.db import Checkpointer, make_engine

PAGE = 4096


def _write_pages(path: Path, pages: int, *, background: bool) -> tuple[int, int]:
    """Commit `pages` pages of blobs, 20 to a transaction; the writers' checkpoint threshold and the
    database file's size (without its WAL) a moment later."""
    engine = make_engine(f"sqlite:///{path}", background_checkpoints=background)
    try:
        time.sleep(0.3)  # the checkpointer looks at the database before anything made it a WAL one
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE blob (id INTEGER PRIMARY KEY, data BLOB)"))
        for _ in range(pages // 20):
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO blob (data) VALUES (:d)"), [{"d": b"x" * (PAGE - 100)}] * 20)
        with engine.connect() as conn:
            threshold = conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
        deadline = time.monotonic() + (5 if background else 0.5)
        while path.stat().st_size < pages * PAGE and time.monotonic() < deadline:
            time.sleep(0.05)
        return int(threshold or 0), path.stat().st_size
    finally:
        engine.dispose()


def test_the_background_thread_copies_the_wal_into_the_database(tmp_path: Path) -> None:
    threshold, size = _write_pages(tmp_path / "bot.db", 2000, background=True)

    # The writers would not checkpoint before 16,000 pages, yet the 2,000 pages are in the file.
    assert threshold == Checkpointer.SAFETY_NET
    assert size >= 2000 * PAGE


def test_without_it_the_writers_checkpoint_at_sqlites_default(tmp_path: Path) -> None:
    threshold, size = _write_pages(tmp_path / "cli.db", 400, background=False)

    assert threshold == 1000
    assert size < 400 * PAGE  # under the threshold: still only in the WAL


def test_disposing_the_engine_stops_the_thread(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}", background_checkpoints=True)
    assert any(t.name == "lapak-wal-checkpoint" for t in threading.enumerate())

    engine.dispose()

    assert not any(t.name == "lapak-wal-checkpoint" for t in threading.enumerate())
