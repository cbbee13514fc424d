"""Settings that make a big import cheaper while it runs, and are put back as they were after it.

The garbage collector: an import allocates millions of small objects and keeps a few hundred thousand of them
(families, place and date caches) until the end. Python's collector then keeps walking everything the process
holds, dozens of full passes over a 100,000-person file that cost about a quarter of the import. The import
makes almost no cyclic garbage (the reader breaks python-gedcom's parent/child cycles), so full passes can safely
be rarer while it runs, and so can passes over the youngest objects (each batch of 2,000 people allocates and
frees them by the hundred thousand); the usual setting comes back when the last running import ends.

SQLite's page cache: every person adds entries to a handful of indexes in no particular order (_UID, surname,
name tokens…). With SQLite's default 2 MiB of cache each of them reads its pages back from the operating system
again and again; a bigger cache for the import's connection keeps them at hand.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

#: A full pass after this many passes over the middle generation (Python's default is 10).
FULL_PASS_EVERY = 100
#: A pass over the youngest generation after this many new objects (Python's default is 700).
YOUNG_PASS_EVERY = 2000
#: SQLite page cache of the import's connection, in KiB (SQLite's default is 2,000).
IMPORT_CACHE_KIB = 65536

_lock = threading.Lock()
_running = 0
_saved: tuple[int, ...] = ()


@contextmanager
def fewer_full_collections() -> Iterator[None]:
    """Make full collections rarer inside the block (imports may overlap in threads: the last one restores)."""
    global _running, _saved
    with _lock:
        if _running == 0:
            _saved = gc.get_threshold()
            youngest, middle, oldest = _saved
            gc.set_threshold(max(youngest, YOUNG_PASS_EVERY), middle, max(oldest, FULL_PASS_EVERY))
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                gc.set_threshold(*_saved)


@contextmanager
def bigger_page_cache(session: Session) -> Iterator[None]:
    """On SQLite, give the session's connection a bigger page cache inside the block (nothing elsewhere)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    # The driver's own connection: it outlives the session's transaction, and so does this setting.
    driver = connection.connection.dbapi_connection
    before = driver.execute("PRAGMA cache_size").fetchone()[0]
    driver.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        driver.execute(f"PRAGMA cache_size = {int(before)}")
