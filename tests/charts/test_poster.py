"""Wall posters from charts drawn by the real `dot`: page counts per paper, coordinates, overlap, text, sheets."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from io import BytesIO

import pytest
from pypdf import PdfReader

from famille.charts.poster import (
    MAX_PAGES,
    MM,
    PosterError,
    PosterOptions,
    column_letters,
    coordinate,
    make_poster,
    plan_layout,
    poster_layout,
)


def dot_pdf(dot: str) -> bytes:
    """The PDF the real `dot` draws for ``dot``."""
    return subprocess.run(["dot", "-Tpdf"], input=dot.encode(), capture_output=True, check=True).stdout


def box_chart(width_in: float, height_in: float, label: str = "Hélène Côté") -> bytes:
    """A chart of exactly ``width_in`` × ``height_in`` inches: one box, no padding or margin."""
    return dot_pdf(
        "digraph { pad=0; margin=0; "
        f'a [shape=box fixedsize=true width={width_in} height={height_in} label="{label}"] }}'
    )


@pytest.fixture(scope="module")
def wide_chart() -> bytes:
    """1440 × 720 points (20 × 10 inches)."""
    return box_chart(20, 10)


def pages_of(pdf: bytes) -> list:
    return list(PdfReader(BytesIO(pdf)).pages)


def size_mm(page) -> tuple[int, int]:
    return round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)


# Worked out by hand: with 10 mm margins and 10 mm overlap, A4 portrait shows 538.6 × 785.2 pt a page and
# steps 510.2 pt to the next column, so 1440 pt takes 3 columns; landscape would take 2 × 2.
@pytest.mark.parametrize(
    ("paper", "orientation", "scale", "pages", "page_mm"),
    [
        ("A4", "auto", 1.0, 3, (210, 297)),
        ("Letter", "auto", 1.0, 3, (216, 279)),
        ("A3", "auto", 1.0, 2, (297, 420)),
        ("Tabloid", "auto", 1.0, 2, (279, 432)),
        ("A4", "landscape", 1.0, 4, (297, 210)),
        ("Letter", "landscape", 1.0, 4, (279, 216)),
        ("A4", "auto", 0.5, 1, (297, 210)),
        ("A3", "portrait", 2.0, 8, (297, 420)),
    ],
)
def test_page_count_for_each_paper(wide_chart, paper, orientation, scale, pages, page_mm) -> None:
    options = PosterOptions(paper=paper, orientation=orientation, scale=scale, title="Branche Côté")
    poster = pages_of(make_poster(wide_chart, options))
    assert len(poster) == pages
    assert {size_mm(page) for page in poster} == {page_mm}


def test_layout_prefers_the_orientation_with_fewer_pages() -> None:
    tall = plan_layout(720, 1440, PosterOptions(paper="A4"))
    wide = plan_layout(1440, 720, PosterOptions(paper="A4"))
    assert (tall.columns, tall.rows, tall.orientation) == (1, 3, "landscape")  # not 2 × 2 portrait
    assert (wide.columns, wide.rows, wide.orientation) == (3, 1, "portrait")  # not 2 × 2 landscape
    assert plan_layout(780, 500, PosterOptions(paper="A4")).orientation == "landscape"  # fits one page


def test_more_overlap_can_need_more_pages() -> None:
    # 1,000 pt across A4 landscape (785.2 pt a page): 2 pages whatever the overlap; 1,540 pt: 2 pages at 0 mm
    # overlap (2 × 785.2 = 1,570.4), 3 pages at 20 mm (each step loses 56.7 pt).
    assert plan_layout(1540, 500, PosterOptions(orientation="landscape", overlap_mm=0)).pages == 2
    assert plan_layout(1540, 500, PosterOptions(orientation="landscape", overlap_mm=20)).pages == 3


def test_letters_and_coordinates() -> None:
    assert [column_letters(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]
    assert coordinate(1, 2) == "B3"


def test_every_page_names_its_coordinates_and_the_chart() -> None:
    chart = box_chart(20, 22)  # 1440 × 1584 pt: 3 columns × 3 rows on A4 portrait
    options = PosterOptions(paper="A4", orientation="portrait", title="Descendants d'Élise")
    poster = pages_of(make_poster(chart, options))
    assert len(poster) == 9
    texts = [page.extract_text() for page in poster]
    expected = ["A1", "B1", "C1", "A2", "B2", "C2", "A3", "B3", "C3"]
    for text, here in zip(texts, expected, strict=True):
        assert f"Famille — Descendants d'Élise — page {here} of 3×3" in text
    assert "page B3 of 3×3" in texts[7] and "page B3" not in texts[4]


def test_caption_comes_translated_from_the_caller(wide_chart) -> None:
    options = PosterOptions(
        title="Famille Côté", brand="Famille", caption="feuille %(coordinate)s sur %(columns)s×%(rows)s"
    )
    assert "feuille C1 sur 3×1" in pages_of(make_poster(wide_chart, options))[2].extract_text()


def test_chart_text_stays_selectable() -> None:
    chart = dot_pdf(
        'digraph { node [shape=box]; a [label="Hélène Bélanger"]; b [label="François Côté"]; '
        'c [label="Zoé Lévesque-Ouellet"]; a -> b -> c }'
    )
    for options in (PosterOptions(paper="Letter"), PosterOptions(paper="A0", tiled=False)):
        text = pages_of(make_poster(chart, options))[0].extract_text()
        assert "Hélène Bélanger" in text and "Zoé Lévesque-Ouellet" in text


def _chart_placement(page) -> tuple[float, ...]:
    """The scale and offset with which the page draws the chart (its ``cm`` operator)."""
    content = page.get_contents().get_data().decode("latin-1")
    match = re.search(r"([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm\s+/Chart Do", content)
    assert match, content
    return tuple(float(value) for value in match.groups())


@pytest.mark.parametrize("overlap_mm", [0, 10, 25])
def test_neighbouring_pages_overlap_by_the_chosen_margin(overlap_mm) -> None:
    chart = box_chart(30, 22)
    options = PosterOptions(paper="A4", orientation="portrait", overlap_mm=overlap_mm)
    layout = plan_layout(30 * 72, 22 * 72, options)
    pages = pages_of(make_poster(chart, options))
    shown_w = float(pages[0].mediabox.width) - 20 * MM  # the printed area between the 10 mm margins
    shown_h = float(pages[0].mediabox.height) - 20 * MM
    a1, b1, a2 = _chart_placement(pages[0]), _chart_placement(pages[1]), _chart_placement(pages[layout.columns])
    assert a1[0] == a1[1] == 1.0
    # The next column shows the chart moved left by one printed width less the overlap; the next row, up.
    assert a1[2] - b1[2] == pytest.approx(shown_w - overlap_mm * MM, abs=0.01)
    assert a2[3] - a1[3] == pytest.approx(shown_h - overlap_mm * MM, abs=0.01)


def test_the_chart_is_stored_once_whatever_the_page_count() -> None:
    chart = dot_pdf(
        "digraph { node [shape=box]; "
        + " ".join(f'n{i} [label="Personne {i}"]; n0 -> n{i};' for i in range(1, 80))
        + " }"
    )
    one = make_poster(chart, PosterOptions(paper="A0", tiled=False))
    many = make_poster(chart, PosterOptions(paper="A4"))
    assert len(pages_of(many)) > 5
    assert len(many) < len(one) + 1500 * len(pages_of(many))


@pytest.mark.parametrize(
    ("paper", "width_mm", "height_mm", "page_mm"),
    [
        ("A1", None, None, (841, 594)),
        ("A0", None, None, (1189, 841)),
        ("custom", 900, 2500, (2500, 900)),
        ("A4", None, None, (297, 210)),
    ],
)
def test_single_sheet_fits_the_chart(wide_chart, paper, width_mm, height_mm, page_mm) -> None:
    options = PosterOptions(paper=paper, tiled=False, width_mm=width_mm, height_mm=height_mm, title="Tous")
    pages = pages_of(make_poster(wide_chart, options))
    assert len(pages) == 1
    assert size_mm(pages[0]) == page_mm  # a wide chart goes on the sheet turned landscape
    scale = _chart_placement(pages[0])[0]
    assert scale == pytest.approx(min((page_mm[0] - 20) * MM / 1440, (page_mm[1] - 20) * MM / 720), rel=1e-3)
    assert "Famille — Tous" in pages[0].extract_text()


@pytest.mark.parametrize(
    "options",
    [
        PosterOptions(paper="B5"),
        PosterOptions(paper="custom", tiled=False, width_mm=50, height_mm=500),
        PosterOptions(paper="custom", tiled=False, width_mm=800, height_mm=9000),
        PosterOptions(paper="custom", tiled=False),
        PosterOptions(paper="custom", width_mm=99, height_mm=200),
        PosterOptions(orientation="sideways"),
        PosterOptions(overlap_mm=-1),
        PosterOptions(overlap_mm=80),
        PosterOptions(scale=0),
        PosterOptions(scale=100),
    ],
)
def test_impossible_requests_are_refused_with_a_reason(wide_chart, options) -> None:
    with pytest.raises(PosterError) as refusal:
        make_poster(wide_chart, options)
    assert refusal.value.template and str(refusal.value)


def test_too_many_pages_and_unreadable_charts_are_refused(wide_chart) -> None:
    with pytest.raises(PosterError) as refusal:
        make_poster(box_chart(300, 200), PosterOptions(paper="A4", scale=2.0))
    assert refusal.value.params["limit"] == MAX_PAGES
    for broken in (b"", b"not a pdf", wide_chart[:200]):
        with pytest.raises(PosterError):
            make_poster(broken, PosterOptions())


def test_large_paper_and_custom_rolls_can_be_tiled_too(wide_chart) -> None:
    assert len(pages_of(make_poster(wide_chart, PosterOptions(paper="A1", scale=2.0)))) == 2  # 2880 pt on 2 × A1
    roll = PosterOptions(paper="custom", width_mm=610, height_mm=300, orientation="portrait", scale=2.0)
    pages = pages_of(make_poster(wide_chart, roll))
    # 280 mm (793.7 pt) shown a page, 765.4 pt further each column: 2880 pt takes 4 columns, 1440 pt one row.
    assert {size_mm(page) for page in pages} == {(300, 610)} and len(pages) == 4


def test_a_chart_too_big_for_the_page_limit_can_be_shrunk_to_fit() -> None:
    chart = box_chart(300, 200)  # 21,600 × 14,400 pt: 41 × 19 A4 pages at 100 %
    options = PosterOptions(paper="A4", shrink_to_fit=True)
    layout = poster_layout(chart, options)
    assert layout.pages <= MAX_PAGES and 0.5 < layout.scale < 1.0
    assert plan_layout(21600, 14400, replace(options, scale=layout.scale * 1.01)).pages > MAX_PAGES  # the largest
    assert len(pages_of(make_poster(chart, options))) == layout.pages
    with pytest.raises(PosterError):
        poster_layout(box_chart(20000, 10000), options)  # too many pages even at the smallest scale


def test_progress_is_reported_page_by_page(wide_chart) -> None:
    seen: list[tuple[int, int]] = []
    make_poster(wide_chart, PosterOptions(paper="A4"), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
