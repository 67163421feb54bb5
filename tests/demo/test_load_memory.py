"""A big demo load writes its pages out as it goes instead of holding them in memory.

The million-customer load was killed at 23 GB resident with a 2.3 MB file:
the page cache, sized in KiB before the file moved to 16 KiB pages, had
become four times as many pages as meant and never filled.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from console.db import make_engine
from console.demo.storage import PAGE_SIZE, fast_load


def test_a_load_bigger_than_its_cache_is_written_to_the_file_before_the_commit(
        sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "load.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    cache_kib = 2048
    with fast_load(engine, cache_kib) as conn, conn.begin():
        raw = conn.connection.driver_connection
        assert raw.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
        conn.execute(text("CREATE TABLE bulk (id INTEGER PRIMARY KEY, filler TEXT)"))
        # About 7 MB of rows: three times the cache, under four times.
        conn.execute(text("WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r"
                          " WHERE i < 32000) INSERT INTO bulk SELECT i, printf('%.200c', 'x')"
                          " FROM r"))
        written_before_commit = path.stat().st_size
        conn.execute(text("DROP TABLE bulk"))
    engine.dispose()
    # Pages past the cache went to the file: at most the cache stays in memory.
    assert written_before_commit > 3 * 1024 * 1024
