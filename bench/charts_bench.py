"""Charts benchmark on a 100,000-person family: hourglass pages, big descendant charts, posters, relationships.

Uses the page benchmark's database (a generated family imported into SQLite once, kept in the folder), then times:
the hourglass 3/3 page for a member, cold (drawn by `dot`) and cached; the descendants of the ancestors whose
descendant counts are nearest 1,000 and 5,000 (selection, SVG, PDF); the wall poster of the 5,000 chart on A4 and A3
(tiling alone, and the whole background job, as one strip and as packed panels); the same chart cut into panels
(cutting, drawing, its size beside the strip's, its A3 pages); how two distant people are related. Prints a table
with the targets.

    .venv/bin/python bench/charts_bench.py [--size 100000] [--samples 20] [--folder /tmp/famille-bench]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages_bench import _app, _database, _member_client  # noqa: E402

ROWS: list[tuple[str, str, str, str]] = []


def _row(label: str, milliseconds: float | None, target: float | None = None, note: str = "") -> None:
    """One line of the table (``milliseconds`` None: a measure that is not a time)."""
    if milliseconds is None:
        ROWS.append((label, " " * 13, "", note))
        return
    verdict = "" if target is None else ("ok" if milliseconds <= target else "OVER")
    target_text = "" if target is None else f"≤ {target:,.0f} ms {verdict}"
    ROWS.append((label, f"{milliseconds:10,.1f} ms", target_text, note))


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


def _family_tree(app):  # noqa: ANN001, ANN202 - the tree as famille.people.branches reads it
    from famille.db import session_scope
    from famille.people.branches import load_graph

    with session_scope(app) as session:
        return load_graph(session)


def _descendant_counts(graph) -> dict[int, int]:  # noqa: ANN001
    """Each person's number of descendants (through all their families)."""
    from famille.people.branches import _descendant_counts

    below = _descendant_counts(graph)
    counts: dict[int, int] = {}
    for family_id, partners in graph.partners.items():
        for person_id in partners:
            counts[person_id] = counts.get(person_id, 0) + below.get(family_id, 0)
    return counts


def _deepest_below(graph, person_id: int) -> int:  # noqa: ANN001
    """A descendant of ``person_id`` of the last generation found going down from them."""
    generation = [person_id]
    while True:
        below = [c for p in generation for f in graph.families_of.get(p, ()) for c in graph.children.get(f, ())]
        if not below:
            return generation[0]
        generation = below


def bench_hourglass(app, client, samples: int) -> None:  # noqa: ANN001
    """The hourglass page (3 up, 3 down) for people picked at random: first request, then from the cache."""
    from famille.db import session_scope
    from famille.models import Person

    with session_scope(app) as session:
        top = session.scalar(select(func.max(Person.person_id))) or 1
    rng = random.Random(11)
    cold, cached, statuses = [], [], set()
    for person_id in rng.sample(range(1, top + 1), samples):
        elapsed, response = _timed(lambda pid=person_id: client.get(f"/charts/person/{pid}?up=3&down=3"))
        statuses.add(response.status_code)
        cold.append(elapsed)
        cached.append(_timed(lambda pid=person_id: client.get(f"/charts/person/{pid}?up=3&down=3"))[0])
    note = f"{samples} people, HTTP {sorted(statuses)}, max {max(cold):,.0f} ms"
    _row("hourglass 3/3 page, cold (p50)", statistics.median(cold), 1000, note)
    _row("hourglass 3/3 page, cached (p50)", statistics.median(cached), 50, f"max {max(cached):,.1f} ms")


def bench_descendants(app, counts: dict[int, int], target: int) -> tuple[int, bytes]:  # noqa: ANN001
    """Select and draw the descendants of the person whose count is nearest ``target``; returns (id, PDF)."""
    from flask_babel import force_locale

    from famille.charts.render import render_dot
    from famille.charts.services import chart_source
    from famille.db import session_scope
    from famille.privacy import Viewer

    person_id = min(counts, key=lambda pid: (abs(counts[pid] - target), pid))
    with app.test_request_context(), force_locale("fr"), session_scope(app) as session:
        arguments = {"viewer": Viewer(role="member"), "kind": "descendants", "person_id": person_id}
        selected, source = _timed(lambda: chart_source(session, **arguments))
    svg_ms, _svg = _timed(lambda: render_dot(source.dot, "svg"))
    pdf_ms, pdf = _timed(lambda: render_dot(source.dot, "pdf"))
    note = f"person {person_id}: {counts[person_id]:,} descendants, {source.people:,} people drawn"
    _row(f"descendants ~{target:,}: selection + DOT", selected, None, note)
    _row(f"descendants ~{target:,}: dot → SVG", svg_ms, None, f"{len(_svg) / 1e6:.1f} MB")
    _row(f"descendants ~{target:,}: dot → PDF", pdf_ms, None, f"{len(pdf) / 1e6:.1f} MB")
    return person_id, pdf


def bench_posters(app, person_id: int, pdf: bytes) -> None:  # noqa: ANN001
    """Tile the chart's PDF on A4 and A3 (alone), then run the whole poster job for A3, as a strip and panels."""
    from famille.charts.poster import MAX_PAGES, PosterOptions, make_poster, plan_layout

    width, height = _page_size(pdf)
    for paper in ("A4", "A3"):
        # Full size when the page count allows it; otherwise the largest round scale that fits the limit.
        scale = next(
            s for s in (1.0, 0.75, 0.5, 0.35, 0.25, 0.15, 0.1, 0.05) if s == 0.05 or _fits(width, height, paper, s)
        )
        options = PosterOptions(paper=paper, scale=scale, title="bench")
        elapsed, poster = _timed(lambda o=options: make_poster(pdf, o))
        pages = plan_layout(width, height, options).pages
        size = f"{width / 72 * 2.54:,.0f} × {height / 72 * 2.54:,.0f} cm"
        note = f"chart {size} at {scale:.0%}: {pages} pages (≤ {MAX_PAGES})"
        _row(f"poster tiling, {paper}", elapsed, None, f"{note}, {len(poster) / 1e6:.1f} MB")
    for arrangement in ("strip", "panels"):
        options = PosterOptions(paper="A3", scale=0.25)
        elapsed, state = _poster_job(app, person_id, options, arrangement)
        note = f"{state.status}: {state.result.get('pages')} pages at 25 %, in the background (the page polls)"
        _row(f"poster job, {arrangement} (tile A3)", elapsed, None, note)


def _poster_job(app, person_id: int, options, arrangement: str):  # noqa: ANN001, ANN202 - options, JobState
    """Run one poster job of the descendants of ``person_id`` to its end; (milliseconds, final state)."""
    from famille.jobs import job_state
    from famille.posters.services import PosterSubject, start_poster
    from famille.privacy import Viewer

    subject = PosterSubject(kind="descendants", person_id=person_id)
    start = time.perf_counter()
    job_id = start_poster(
        app, viewer=Viewer(role="member"), subject=subject, options=options, locale="fr", arrangement=arrangement
    )
    while True:
        session = app.extensions["famille.sessionmaker"]()
        state = job_state(session, job_id)
        session.close()
        if state is not None and state.finished:
            return (time.perf_counter() - start) * 1000, state
        time.sleep(0.2)


def bench_panels(app, person_id: int, strip: bytes) -> None:  # noqa: ANN001
    """The same chart cut into panels packed about square: cutting, drawing, size beside the strip's, A3 pages."""
    from flask_babel import force_locale

    from famille.charts.packing import draw, lay_out, pack
    from famille.charts.poster import PosterOptions, plan_layout
    from famille.charts.poster_panels import panel_chart
    from famille.db import session_scope
    from famille.privacy import Viewer

    with app.test_request_context(), force_locale("fr"), session_scope(app) as session:
        arguments = {"viewer": Viewer(role="member"), "kind": "descendants", "person_id": person_id}
        cut_ms, chart = _timed(lambda: panel_chart(session, **arguments))
    _row("panels: select, cut, DOT per panel", cut_ms, None, f"{len(chart.panels)} panels of {chart.people:,} people")
    laid_ms, laid = _timed(lambda: lay_out(chart.sources))
    pack_ms, packed = _timed(lambda: pack(laid))
    pdf_ms, pdf = _timed(lambda: draw(packed, "pdf"))
    _row("panels: dot each panel", laid_ms, None, f"{len(chart.panels)} runs of dot")
    _row("panels: gvpack + neato → PDF", pack_ms + pdf_ms, None, f"{len(pdf) / 1e6:.1f} MB")
    for label, drawing in (("strip", strip), ("panels", pdf)):
        width, height = _page_size(drawing)
        pages = plan_layout(width, height, PosterOptions(paper="A3")).pages
        size = f"{width / 72 * 0.0254:,.2f} m × {height / 72 * 0.0254:,.2f} m"
        _row(f"drawing size, {label}", None, None, f"{size}: {pages} A3 pages at 100 %")
    elapsed, state = _poster_job(app, person_id, PosterOptions(paper="A3", scale=1.0), "panels")
    note = f"{state.status}: {state.result.get('pages')} pages at {state.result.get('scale')} %"
    _row("poster job, panels (tile A3 at 100 %)", elapsed, None, note)


def _page_size(pdf: bytes) -> tuple[float, float]:
    from io import BytesIO

    from pypdf import PdfReader

    box = PdfReader(BytesIO(pdf)).pages[0].mediabox
    return float(box.width), float(box.height)


def _fits(width: float, height: float, paper: str, scale: float) -> bool:
    from famille.charts.poster import MAX_PAGES, PosterOptions, plan_layout

    return plan_layout(width, height, PosterOptions(paper=paper, scale=scale)).pages <= MAX_PAGES


def _distant_pairs(graph, counts: dict[int, int], samples: int) -> list[tuple[int, int]]:  # noqa: ANN001
    """Pairs of people of the last generations under two different children of the biggest ancestor."""

    def branching(pid: int) -> list[int]:
        return [c for f in graph.families_of.get(pid, ()) for c in graph.children.get(f, ()) if counts.get(c)]

    top = max((pid for pid in counts if len(branching(pid)) > 1), key=lambda pid: (counts[pid], -pid))
    children = branching(top)
    rng = random.Random(5)
    pairs = []
    for _ in range(samples):
        first, second = rng.sample(children, 2)
        pairs.append((_deepest_below(graph, first), _deepest_below(graph, second)))
        children.append(children.pop(0))  # other branches next time
    return pairs


def bench_relationship(app, graph, counts: dict[int, int], samples: int) -> None:  # noqa: ANN001
    """How two people far apart are related: descendants of two children of the biggest ancestor."""
    from famille.db import session_scope
    from famille.kinship.paths import relationship_paths

    pairs = _distant_pairs(graph, counts, samples)
    timings, found = [], 0
    with session_scope(app) as session:
        for a, b in pairs:
            elapsed, paths = _timed(lambda a=a, b=b: relationship_paths(session, a, b))
            timings.append(elapsed)
            found += bool(paths)
            longest = max((len(path) for path in paths), default=0)
    note = f"{samples} pairs, {found} related by blood, max {max(timings):,.1f} ms, last path {longest} people"
    _row("relationship_paths (p50)", statistics.median(timings), 100, note)
    try:
        from famille.kinship.relationship import find_relationship
    except ImportError:
        return
    with session_scope(app) as session:
        timings = [_timed(lambda a=a, b=b: find_relationship(session, a, b))[0] for a, b in pairs]
    _row("find_relationship (p50)", statistics.median(timings), 100, f"max {max(timings):,.1f} ms")


def main() -> None:
    """Run every case and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--folder", default="/tmp/famille-bench")
    options = parser.parse_args()
    folder = Path(options.folder)
    folder.mkdir(parents=True, exist_ok=True)
    app = _app(_database(options.size, folder))
    # Charts and posters are cached and written under the instance folder: keep them out of the checkout.
    app.instance_path = str(folder / f"instance-{time.time_ns()}")
    app.config["POSTER_FOLDER"] = str(Path(app.instance_path) / "posters")
    graph = _family_tree(app)
    counts = _descendant_counts(graph)
    bench_hourglass(app, _member_client(app), options.samples)
    bench_descendants(app, counts, 1000)
    person_id, pdf = bench_descendants(app, counts, 5000)
    bench_posters(app, person_id, pdf)
    bench_panels(app, person_id, pdf)
    bench_relationship(app, graph, counts, options.samples)
    print(f"Charts on a {options.size:,}-person family (SQLite), as a member")
    for label, figure, target, note in ROWS:
        print(f"  {label:40} {figure}  {target:16} {note}")


if __name__ == "__main__":
    main()
