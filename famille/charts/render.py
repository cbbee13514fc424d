"""Running the real ``dot``: DOT text in, SVG (for the screen) or vector PDF (for print) out."""

from __future__ import annotations

import graphviz

FORMATS = ("svg", "pdf")
#: How many times ``dot`` ran in this process (tests check that a cached chart does not run it again).
RENDERS = {"count": 0}


def render_dot(dot: str, fmt: str) -> bytes:
    """Lay out and draw ``dot`` with the system's ``dot`` as ``fmt`` ("svg" or "pdf")."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}")
    RENDERS["count"] += 1
    # PDF through cairo: vector, with the fonts embedded, so names with accents stay selectable text.
    renderer = "cairo" if fmt == "pdf" else None
    return graphviz.pipe("dot", fmt, dot.encode("utf-8"), renderer=renderer)
