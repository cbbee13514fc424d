"""The DOT text of a chart: person boxes, family points, the title, the date and the legend.

Pure: the caller passes the boxes as the viewer may see them and the words already translated. Every text goes
into an HTML-like label, escaped here (names with quotes, ``<``, ``&``, accents, control characters), and every
attribute value is quoted by the ``graphviz`` package; so no name can change the drawing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import graphviz

from famille.charts.graph import ChartGraph, FamilyTies

FONT = "DejaVu Sans"
#: Children other than born to the couple: adopted and foster dashed, any other tie dotted.
LINE_STYLES = {"adopted": "dashed", "foster": "dashed", "birth": "solid"}
OTHER_LINE = "dotted"
#: The colours of the boxes: plain, recently changed, new since the last visit, private.
PLAIN_FILL, RECENT_FILL, PRIVATE_FILL = "#fbf8f1", "#ffedd5", "#eeeeee"
RECENT_COLOUR, NEW_COLOUR, LINE_COLOUR = "#c2410c", "#1d4ed8", "#6b6b6b"
#: Marks drawn in the boxes (the legend explains them); all in DejaVu Sans.
LINK_MARK, MEMBER_MARK, LIVING_MARK, PRIVATE_MARK, NEW_MARK = "↗", "★", "●", "○", "✦"

#: How many items of the legend share one line under the title.
LEGEND_PER_LINE = 4

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text(value: object) -> str:
    """Plain text made safe inside an HTML-like label."""
    return html.escape(_CONTROL.sub("", str(value)), quote=True)


def plain(value: str) -> str:
    """Plain text made safe as a quoted attribute (a tooltip): no HTML, no DOT escape sequences."""
    return graphviz.nohtml(_CONTROL.sub("", value).replace("\\", "\\\\"))


@dataclass(frozen=True, slots=True)
class PersonBox:
    """A person as the viewer may see them, with the marks of the box."""

    person_id: int
    name: str
    years: str
    url: str
    is_private: bool = False
    living: bool = False
    links: int = 0
    member: bool = False
    badges: tuple[str, ...] = ()
    new_since_visit: bool = False


@dataclass(frozen=True, slots=True)
class Heading:
    """What the drawing says above the chart: title, date line and the legend's lines (mark, meaning)."""

    title: str
    dated: str
    legend: tuple[tuple[str, str], ...] = ()


def _marks(box: PersonBox) -> str:
    marks = []
    if box.links:
        marks.append(f"{LINK_MARK}{box.links}")
    if box.member:
        marks.append(MEMBER_MARK)
    marks.append(PRIVATE_MARK if box.is_private else (LIVING_MARK if box.living else ""))
    if box.new_since_visit:
        marks.append(NEW_MARK)
    return " ".join(mark for mark in marks if mark)


def _label(box: PersonBox, badge_words: Mapping[str, str]) -> str:
    lines = [f"<B>{text(box.name)}</B>"]
    if box.years:
        lines.append(text(box.years))
    marks = _marks(box)
    if marks:
        lines.append(f'<FONT POINT-SIZE="8">{text(marks)}</FONT>')
    if box.badges:
        words = " · ".join(badge_words.get(badge, badge) for badge in box.badges)
        lines.append(f'<FONT POINT-SIZE="8" COLOR="{RECENT_COLOUR}">{text(words)}</FONT>')
    return "<" + "<BR/>".join(lines) + ">"


def _box_style(box: PersonBox, focus: bool) -> dict[str, str]:
    style = {"fillcolor": PLAIN_FILL, "color": "#8a7f6a", "penwidth": "1"}
    classes = ["person"]
    if box.is_private:
        style.update(fillcolor=PRIVATE_FILL, style="rounded,filled,dashed")
        classes.append("private")
    if box.badges:
        style.update(fillcolor=RECENT_FILL, color=RECENT_COLOUR, penwidth="3")
        classes.append("recent")
    if box.new_since_visit:
        style.update(peripheries="2", color=NEW_COLOUR if not box.badges else RECENT_COLOUR)
        classes.append("new-since-visit")
    if focus:
        style["penwidth"] = "3" if box.badges else "2"
        classes.append("focus")
    style["class"] = " ".join(classes)
    return style


def _heading_label(heading: Heading) -> str:
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="18"><B>{text(heading.title)}</B></FONT></TD></TR>']
    rows.append(f'<TR><TD ALIGN="LEFT">{text(heading.dated)}</TD></TR>')
    items = [f"{text(mark)} {text(meaning)}" for mark, meaning in heading.legend]
    # A few items per line, so that the legend does not make a small chart very wide.
    for start in range(0, len(items), LEGEND_PER_LINE):
        line = " · ".join(items[start : start + LEGEND_PER_LINE])
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{line}</FONT></TD></TR>')
    return '<<TABLE BORDER="0" CELLSPACING="2">' + "".join(rows) + "</TABLE>>"


def chart_dot(
    graph: ChartGraph,
    boxes: Mapping[int, PersonBox],
    *,
    heading: Heading | None,
    badge_words: Mapping[str, str],
) -> str:
    """The DOT text drawing ``graph`` with ``boxes`` (people without a box are left out).

    The ``heading`` (title, date, legend) is drawn above the chart for print; without it the drawing is only the
    family, as a page that shows its own title and legend wants it.
    """
    dot = graphviz.Digraph("chart", encoding="utf-8")
    dot.attr(rankdir="TB", nodesep="0.25", ranksep="0.35", splines="true", charset="UTF-8", fontname=FONT)
    if heading is not None:
        dot.attr(label=_heading_label(heading), labelloc="t", labeljust="l", tooltip=plain(heading.title))
    dot.attr("node", shape="box", style="rounded,filled", fontname=FONT, fontsize="10", margin="0.10,0.05")
    dot.attr("edge", arrowhead="none", color=LINE_COLOUR)
    for person_id in sorted(graph.people):
        box = boxes.get(person_id)
        if box is None:
            continue
        dot.node(
            f"p{person_id}",
            label=_label(box, badge_words),
            URL=box.url,
            target="_top",
            tooltip=plain(box.name),
            id=f"person-{person_id}",
            **_box_style(box, person_id == graph.focus),
        )
    for family in graph.drawn_families():
        _family(dot, family, boxes)
    return dot.source


def _family(dot: graphviz.Digraph, family: FamilyTies, boxes: Mapping[int, PersonBox]) -> None:
    node = f"f{family.family_id}"
    dot.node(node, label="", shape="point", width="0.09", style="filled", color=LINE_COLOUR, ordering="out")
    for partner_id in family.partners:
        if partner_id in boxes:
            dot.edge(f"p{partner_id}", node, weight="2")
    for child_id, pedigree in family.children:
        if child_id in boxes:
            dot.edge(node, f"p{child_id}", style=LINE_STYLES.get(pedigree, OTHER_LINE))


def legend_lines(words: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The legend's (mark, meaning) lines from translated ``words`` keyed by mark name."""
    marks = {
        "links": LINK_MARK,
        "member": MEMBER_MARK,
        "living": LIVING_MARK,
        "private": PRIVATE_MARK,
        "new": NEW_MARK,
        "recent": "▭",
        "couple": "•",
        "adopted": "╌",
        "other": "┈",
    }
    return tuple((marks[key], words[key]) for key in marks if key in words)


def iter_drawn_people(source: str) -> Iterable[int]:
    """The person ids drawn in a DOT text (for tests and the page's side list)."""
    return [int(match) for match in re.findall(r"^\s*p(\d+) \[", source, flags=re.MULTILINE)]
