"""A big descendants chart as panels for the wall poster: the same boxes as the whole chart, cut to fit a width.

The people, privacy, marks and recent updates are those :func:`famille.charts.services.chart_source` gives the
whole chart (it builds them the same way, through :mod:`famille.visibility`); only the drawing is cut into panels
(see :mod:`famille.charts.panels`), each written by :func:`famille.charts.dot.chart_dot` and then packed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from famille.charts import services, words
from famille.charts.dot import Heading, PersonBox, chart_dot, legend_lines
from famille.charts.graph import ChartGraph
from famille.charts.packing import as_panel
from famille.charts.panels import Panel, cut_panels, panel_graph, square_budget
from famille.privacy import Viewer

#: Kinds of chart that are descendants of someone, and so can be cut into panels.
PANEL_KINDS = ("descendants", "family")


@dataclass(frozen=True, slots=True)
class PanelChart:
    """A chart cut into panels: each panel's DOT text (a cluster for ``gvpack``), its people and its title.

    ``truncated``: more people than the limit; then there are no panels.
    """

    title: str
    people: int
    panels: tuple[Panel, ...] = ()
    sources: tuple[str, ...] = ()
    truncated: bool = False


def panel_chart(
    session: Session,
    *,
    viewer: Viewer,
    kind: str,
    person_id: int | None = None,
    limit: int | None = None,
    budget: int | None = None,
) -> PanelChart:
    """The chart of ``kind`` (descendants or family) as ``viewer`` may see it, cut into panels about square.

    Raises :class:`famille.charts.services.ChartNotFound` like :func:`chart_source` for someone not in the tree.
    """
    if kind not in PANEL_KINDS:
        raise services.ChartNotFound
    graph, named = services.select_graph(
        session, kind=kind, person_id=person_id, other_id=None, up=0, down=0, generations=None, limit=limit
    )
    title, boxes, _updates = services.chart_boxes(session, graph, viewer=viewer, kind=kind, named=named)
    if graph.truncated:
        return PanelChart(title=title, people=len(graph.people), truncated=True)
    panels = cut_panels(graph, budget=budget or square_budget(len(boxes)), roots=named)
    dated = words.dated(datetime.now(UTC).date())
    legend = legend_lines(words.legend_words(with_new=False))
    sources = [_panel_source(graph, panel, boxes, title=title, dated=dated, legend=legend) for panel in panels]
    return PanelChart(title=title, people=len(boxes), panels=tuple(panels), sources=tuple(sources))


def _panel_source(
    graph: ChartGraph,
    panel: Panel,
    boxes: Mapping[int, PersonBox],
    *,
    title: str,
    dated: str,
    legend: tuple[tuple[str, str], ...],
) -> str:
    """One panel's DOT text: its heading, its boxes, and its reference boxes saying which panel continues."""
    shown = {pid: boxes[pid] for pid in panel.drawn if pid in boxes}
    for person_id, label in panel.references:
        if person_id in shown:
            shown[person_id] = _reference(shown[person_id], label)
    if panel.parent is None:
        heading = Heading(_("%(panel)s — %(title)s", panel=panel.label, title=title), dated, legend)
    else:
        head = boxes[panel.head].name if panel.head in boxes else ""
        heading = Heading(
            _("%(panel)s — descendants of %(name)s", panel=panel.label, name=head),
            _("continued from panel %(panel)s", panel=panel.parent),
        )
    source = chart_dot(panel_graph(graph, panel), shown, heading=heading, badge_words=words.badge_words())
    return as_panel(source, panel.label)


def _reference(box: PersonBox, label: str) -> PersonBox:
    """A cut child's box in the parent panel: its name and years, then where their descendants continue."""
    continued = _("continued in panel %(panel)s", panel=label)
    return replace(box, years=f"{box.years} · {continued}" if box.years else continued)
