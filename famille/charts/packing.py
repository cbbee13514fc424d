"""Drawing panels as one roughly square picture: each panel laid out by ``dot``, packed by ``gvpack``, drawn by neato.

Each panel's DOT text (from :func:`famille.charts.dot.chart_dot`) becomes one top-level cluster, because ``gvpack``
keeps cluster labels but drops a graph's own label: the cluster's label is the panel's heading. The panels are laid
out one by one (a few hundred boxes each: seconds, not the minutes of a 5,000-box strip), packed in a grid whose
number of columns makes the whole about as tall as wide, and drawn with ``neato -n2`` (positions kept as packed)
through cairo for PDF (vector, text selectable) or as SVG (person links kept).

Pure of Flask and sessions: it runs the Graphviz programs with timeouts and says clearly when one fails.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Sequence

from famille.charts.render import FORMATS

#: Seconds each program may run: one panel's layout, then packing and drawing everything.
LAYOUT_TIMEOUT, PACK_TIMEOUT, DRAW_TIMEOUT = 300, 300, 600
#: Points between panels.
MARGIN_PT = 18
#: Sides in a ratio up to this are square enough for a wall; among those, the packing using least paper wins.
SQUARE_ENOUGH = 1.5
_BOUNDS = re.compile(r'\bbb="([-\d.]+),([-\d.]+),([-\d.]+),([-\d.]+)"')

Progress = Callable[[int, int], None]


class PackingError(RuntimeError):
    """A Graphviz program failed or ran too long; the message says which and why."""


def as_panel(source: str, label: str) -> str:
    """A chart's DOT text as one top-level cluster (its label becomes the cluster's), ready for ``gvpack``.

    The layout attributes are repeated on the root graph: an attribute first named in a subgraph is declared on the
    root as empty, and an empty ``splines`` there means no edges at all.
    """
    body = source.strip()
    opening, _, rest = body.partition("{")
    if not opening.strip().startswith("digraph") or not rest.endswith("}"):
        raise PackingError("not a chart's DOT text")
    name = re.sub(r"\W", "_", label)
    return (
        f"digraph panel_{name} {{\n\tnodesep=0.25 ranksep=0.35 rankdir=TB splines=true\n"
        f"\tsubgraph cluster_{name} {{\n\t\tperipheries=0\n{rest[:-1]}\t}}\n}}\n"
    )


def _run(command: Sequence[str], data: bytes, timeout: int) -> bytes:
    """Run one Graphviz program on ``data``; its output, or a clear :class:`PackingError`."""
    try:
        done = subprocess.run(list(command), input=data, capture_output=True, timeout=timeout, check=False)
    except FileNotFoundError as error:
        raise PackingError(f"{command[0]} is not installed (the graphviz package)") from error
    except subprocess.TimeoutExpired as error:
        raise PackingError(f"{command[0]} ran longer than {timeout} s") from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise PackingError(f"{command[0]} failed ({done.returncode}): {message[0]}")
    return done.stdout


def lay_out(panel_sources: Sequence[str], *, progress: Progress | None = None) -> list[str]:
    """Each panel laid out by ``dot`` (positions written into its DOT text), reporting panels done of all."""
    laid: list[str] = []
    for done, source in enumerate(panel_sources, start=1):
        laid.append(_run(["dot", "-Tdot"], source.encode("utf-8"), LAYOUT_TIMEOUT).decode("utf-8"))
        if progress is not None:
            progress(done, len(panel_sources))
    return laid


def panel_size(laid: str) -> tuple[float, float]:
    """The width and height (points) of a laid-out panel, from its bounding box."""
    match = _BOUNDS.search(laid)
    if match is None:
        raise PackingError("dot gave a panel without a bounding box")
    left, bottom, right, top = (float(value) for value in match.groups())
    return right - left, top - bottom


def shelf_rows(sizes: Sequence[tuple[float, float]], *, margin: float = MARGIN_PT) -> list[list[int]]:
    """Panels (by index) in rows making the whole closest to a square: the first panel first, then tallest first.

    Rows of panels of about the same height waste little paper (the first panel, with the chart's heading, stays
    top left); each row is filled up to a width, and of the widths giving a whole square enough, the one
    using least paper is kept.
    """
    if not sizes:
        return []
    order = [0, *sorted(range(1, len(sizes)), key=lambda i: (-sizes[i][1], i))]

    def rows_within(limit: float) -> list[list[int]]:
        rows: list[list[int]] = [[]]
        used = 0.0
        for index in order:
            width = sizes[index][0] + margin
            if rows[-1] and used + width > limit:
                rows.append([])
                used = 0.0
            rows[-1].append(index)
            used += width
        return rows

    def squareness(rows: list[list[int]]) -> tuple[float, float]:
        width = max(sum(sizes[i][0] + margin for i in row) for row in rows)
        height = sum(max(sizes[i][1] + margin for i in row) for row in rows)
        # Square enough (up to 3:2) counts the same: then the least paper wins.
        return max(width / height, height / width, SQUARE_ENOUGH), width * height

    area = sum((w + margin) * (h + margin) for w, h in sizes)
    widest = max(w for w, _ in sizes) + margin
    limits = [max(widest, area**0.5 * step / 10) for step in range(5, 31)]
    return min((rows_within(limit) for limit in limits), key=squareness)


def pack(laid: Sequence[str]) -> str:
    """The laid-out panels packed by ``gvpack``: each shelf of :func:`shelf_rows` side by side, shelves stacked."""
    if not laid:
        raise PackingError("no panel to pack")
    rows = shelf_rows([panel_size(panel) for panel in laid])
    shelves = [_gvpack([laid[i] for i in row], f"-array_it{len(row)}") for row in rows]
    return shelves[0] if len(shelves) == 1 else _gvpack(shelves, "-array_il1")


def _gvpack(graphs: Sequence[str], arrangement: str) -> str:
    """``gvpack`` of laid-out graphs in their order (``arrangement``: its -array option)."""
    command = ["gvpack", arrangement, f"-m{MARGIN_PT}", "-sposter"]
    return _run(command, "\n".join(graphs).encode("utf-8"), PACK_TIMEOUT).decode("utf-8")


def draw(packed: str, fmt: str) -> bytes:
    """The packed drawing as ``fmt`` ("pdf" through cairo, or "svg"), every position kept as packed."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}")
    output = "-Tpdf:cairo" if fmt == "pdf" else "-Tsvg"
    return _run(["neato", "-n2", "-s", output], packed.encode("utf-8"), DRAW_TIMEOUT)


def render_panels(panel_sources: Sequence[str], fmt: str, *, progress: Progress | None = None) -> bytes:
    """Panels' DOT texts (see :func:`as_panel`) drawn as one packed PDF or SVG."""
    return draw(pack(lay_out(panel_sources, progress=progress)), fmt)
