"""Fewer full garbage collections while an import runs.

An import allocates millions of small objects and keeps a few hundred thousand of them (families, place and
date caches) until the end. Python's collector then keeps walking everything the process holds, dozens of full
passes over a 100,000-person file that cost about a quarter of the import. The import makes almost no cyclic
garbage (the reader breaks python-gedcom's parent/child cycles), so full passes can safely be rarer while it runs;
the usual setting comes back when the last running import ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: A full pass after this many passes over the middle generation (Python's default is 10).
FULL_PASS_EVERY = 100

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
            gc.set_threshold(youngest, middle, max(oldest, FULL_PASS_EVERY))
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                gc.set_threshold(*_saved)
