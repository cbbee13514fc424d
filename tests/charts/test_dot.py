"""The DOT text of a chart: escaping, line styles, marks; and the real ``dot`` drawing it as SVG and PDF."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from pypdf import PdfReader

from famille.charts.dot import Heading, PersonBox, chart_dot, iter_drawn_people
from famille.charts.graph import ChartGraph, FamilyTies
from famille.charts.render import render_dot

ODD = 'Zoé "la <b>Belle</b>" & Cie \\N'


def _chart() -> tuple[ChartGraph, dict[int, PersonBox]]:
    family = FamilyTies(1, (1, 2), ((3, "birth"), (4, "adopted"), (5, "step")))
    chart = ChartGraph(people={1, 2, 3, 4, 5}, families={1: family}, focus=3)
    boxes = {
        1: PersonBox(1, ODD, "1890–1960", "/people/1", links=2, member=True),
        2: PersonBox(2, "Hélène Côté", "~1892–1970", "/people/2"),
        3: PersonBox(3, "Élodie Gagnon", "1985–", "/people/3", living=True, badges=("link", "event")),
        4: PersonBox(4, "Tremblay (Private)", "", "/people/4", is_private=True),
        5: PersonBox(5, "Ève Roy", "", "/people/5", new_since_visit=True),
    }
    return chart, boxes


def _dot() -> str:
    chart, boxes = _chart()
    heading = Heading("Descendants de Jean & Marie <Côté>", "Dessiné le 1er mai", (("★", "membre"),))
    return chart_dot(chart, boxes, heading=heading, badge_words={"link": "nouveau lien", "event": "événement"})


def test_every_text_is_escaped() -> None:
    source = _dot()
    assert "Zoé &quot;la &lt;b&gt;Belle&lt;/b&gt;&quot; &amp; Cie" in source
    assert "<b>Belle" not in source.replace('tooltip="Zoé \\"la <b>Belle</b>\\"', "")
    assert "Jean &amp; Marie &lt;Côté&gt;" in source
    assert "\\\\N" in source  # a backslash in a name is not a DOT escape


def test_lines_marks_and_highlights() -> None:
    source = _dot()
    assert "f1 -> p4 [style=dashed]" in source  # adopted
    assert "f1 -> p5 [style=dotted]" in source  # another tie
    assert "f1 -> p3 [style=solid]" in source
    assert "p1 -> f1" in source and "p2 -> f1" in source
    assert 'class="person recent focus"' in source and "nouveau lien · événement" in source
    assert "peripheries=2" in source
    assert "↗2 ★" in source
    assert sorted(iter_drawn_people(source)) == [1, 2, 3, 4, 5]


def test_real_dot_draws_svg_with_links_and_accents() -> None:
    svg = render_dot(_dot(), "svg")
    root = ET.fromstring(svg)  # well-formed XML whatever the names
    texts = "".join(root.itertext())
    assert 'Zoé "la <b>Belle</b>" & Cie' in texts
    assert "Hélène Côté" in texts
    links = [a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter("{http://www.w3.org/2000/svg}a")]
    assert "/people/3" in links
    assert b'target="_top"' in svg
    assert b'id="person&#45;3"' in svg or b'id="person-3"' in svg
    assert b'font-family="DejaVu Sans"' in svg


def test_real_dot_draws_pdf_with_selectable_accented_text() -> None:
    pdf = render_dot(_dot(), "pdf")
    assert pdf.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Hélène Côté" in text
    assert "Élodie Gagnon" in text
    assert "Descendants de Jean & Marie <Côté>" in text
    assert "Dessiné le 1er mai" in text
