"""Wall posters of a chart: its vector PDF tiled over sheets of ordinary paper, or fitted to one large sheet.

Tiled, the chart keeps its size (times ``scale``) and is cut into pages of A4, Letter, A3 or Tabloid that overlap by
a few millimetres, so that pages can be trimmed and glued edge to edge. Each page carries its coordinates ("B3":
columns are letters from the left, rows numbers from the top), crop marks at the corners of its printed area,
assembly marks where the next page's edge goes, and a footer naming the family, the chart and the page. As a
single sheet (A1, A0 or a custom size for a print shop), the chart is scaled to fit the sheet.

Pure: PDF bytes in, PDF bytes out, no Flask and no session; captions arrive already translated from the caller.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from io import BytesIO
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from famille.charts.poster_pdf import Canvas, add_sheet, chart_form, sheet_resources, text_width
from famille.markers import N_

MM = 72 / 25.4
#: Paper sizes in millimetres, portrait (short side first).
PAPERS_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "Letter": (215.9, 279.4),
    "A3": (297.0, 420.0),
    "Tabloid": (279.4, 431.8),
    "A1": (594.0, 841.0),
    "A0": (841.0, 1189.0),
}
CUSTOM = "custom"
#: Every paper may be tiled or used as one sheet; these are the usual choices for each.
TILE_PAPERS: tuple[str, ...] = ("A4", "Letter", "A3", "Tabloid")
SHEET_PAPERS: tuple[str, ...] = ("A1", "A0", CUSTOM)
AUTO, PORTRAIT, LANDSCAPE = "auto", "portrait", "landscape"
ORIENTATIONS: tuple[str, ...] = (AUTO, PORTRAIT, LANDSCAPE)

#: Blank border of every page: most printers cannot print to the edge; marks and captions live there.
MARGIN_MM = 10.0
DEFAULT_OVERLAP_MM = 10.0
MIN_OVERLAP_MM, MAX_OVERLAP_MM = 0.0, 50.0
#: A PDF page may not exceed 200 inches (5,080 mm) a side; smaller than a postcard is no poster.
MIN_CUSTOM_MM, MAX_CUSTOM_MM = 100.0, 5000.0
MIN_SCALE, MAX_SCALE = 0.05, 4.0
#: More pages than this is no longer a wall: the user should shrink the chart or pick larger paper.
MAX_PAGES = 500

UNKNOWN_PAPER = N_("Unknown paper size: %(paper)s.")
UNKNOWN_ORIENTATION = N_("Unknown orientation: %(orientation)s.")
CUSTOM_RANGE = N_("A custom size must be between %(low)s and %(high)s mm on each side.")
OVERLAP_RANGE = N_("The overlap must be between %(low)s and %(high)s mm.")
SCALE_RANGE = N_("The scale must be between %(low)s and %(high)s %%.")
TOO_MANY_PAGES = N_(
    "This poster would take %(pages)s pages (at most %(limit)s): choose a smaller scale, larger paper or one sheet."
)
NOT_A_CHART = N_("The chart could not be read as a PDF drawing.")
DEFAULT_CAPTION = "page %(coordinate)s of %(columns)s×%(rows)s"

Progress = Callable[[int, int], None]


class PosterError(ValueError):
    """The poster cannot be made as asked; ``template % params`` says why, in English (translated when shown)."""

    def __init__(self, template: str, params: dict[str, Any] | None = None) -> None:
        self.template, self.params = template, params or {}
        super().__init__(template % self.params)


@dataclass(frozen=True, slots=True)
class PosterOptions:
    """How to print: paper, orientation, tiles or one sheet, overlap, scale and the captions' words."""

    paper: str = "A4"
    orientation: str = AUTO
    tiled: bool = True
    overlap_mm: float = DEFAULT_OVERLAP_MM
    width_mm: float | None = None
    height_mm: float | None = None
    scale: float = 1.0
    title: str = ""
    brand: str = "Famille"
    #: Translated page caption with ``%(coordinate)s``, ``%(columns)s`` and ``%(rows)s``.
    caption: str = DEFAULT_CAPTION
    #: When tiles at ``scale`` would take more than MAX_PAGES, shrink the chart until they fit (else refuse).
    shrink_to_fit: bool = False


@dataclass(frozen=True, slots=True)
class Layout:
    """The poster's pages: their size in points, orientation, the grid of tiles and the chart's scale."""

    width: float
    height: float
    orientation: str
    columns: int
    rows: int
    scale: float

    @property
    def pages(self) -> int:
        """How many pages the poster has."""
        return self.columns * self.rows


def column_letters(index: int) -> str:
    """The letters of column ``index`` (0 → A, 25 → Z, 26 → AA), as spreadsheets number them."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def coordinate(column: int, row: int) -> str:
    """A page's coordinates: column letters then row number from 1 ("B3" is the second column, third row)."""
    return f"{column_letters(column)}{row + 1}"


def paper_size_mm(options: PosterOptions) -> tuple[float, float]:
    """The paper's size in millimetres, short side first; raises :class:`PosterError` if unknown or out of range."""
    if options.paper == CUSTOM:
        sides = (options.width_mm or 0.0, options.height_mm or 0.0)
        if not all(MIN_CUSTOM_MM <= side <= MAX_CUSTOM_MM for side in sides):
            raise PosterError(CUSTOM_RANGE, {"low": int(MIN_CUSTOM_MM), "high": int(MAX_CUSTOM_MM)})
        return (min(sides), max(sides))
    if options.paper not in PAPERS_MM:
        raise PosterError(UNKNOWN_PAPER, {"paper": options.paper})
    return PAPERS_MM[options.paper]


def check_options(options: PosterOptions) -> None:
    """Raise :class:`PosterError` for options that can make no poster at all (before any chart is drawn)."""
    paper_size_mm(options)
    if options.orientation not in ORIENTATIONS:
        raise PosterError(UNKNOWN_ORIENTATION, {"orientation": options.orientation})
    if not MIN_OVERLAP_MM <= options.overlap_mm <= MAX_OVERLAP_MM:
        raise PosterError(OVERLAP_RANGE, {"low": int(MIN_OVERLAP_MM), "high": int(MAX_OVERLAP_MM)})
    if not MIN_SCALE <= options.scale <= MAX_SCALE:
        raise PosterError(SCALE_RANGE, {"low": round(MIN_SCALE * 100), "high": round(MAX_SCALE * 100)})


def _tile_count(extent: float, content: float, overlap: float) -> int:
    """Tiles of ``content`` overlapping by ``overlap`` needed to cover ``extent`` (all in points)."""
    if extent <= content + 1e-6:
        return 1
    return 1 + math.ceil((extent - content) / (content - overlap) - 1e-9)


def _page_layout(size_mm: tuple[float, float], orientation: str, width: float, height: float, options: PosterOptions):
    short, long = (side * MM for side in size_mm)
    page_w, page_h = (short, long) if orientation == PORTRAIT else (long, short)
    content_w, content_h = page_w - 2 * MARGIN_MM * MM, page_h - 2 * MARGIN_MM * MM
    if options.tiled:
        overlap = options.overlap_mm * MM
        columns = _tile_count(width * options.scale, content_w, overlap)
        rows = _tile_count(height * options.scale, content_h, overlap)
        return Layout(page_w, page_h, orientation, columns, rows, options.scale)
    return Layout(page_w, page_h, orientation, 1, 1, min(content_w / width, content_h / height))


def plan_layout(width: float, height: float, options: PosterOptions) -> Layout:
    """The layout for a chart of ``width`` × ``height`` points: tiled in the orientation needing fewer pages
    (portrait on a tie), or on one sheet in the orientation where the chart comes out larger."""
    check_options(options)
    size = paper_size_mm(options)
    orientations = (PORTRAIT, LANDSCAPE) if options.orientation == AUTO else (options.orientation,)
    layouts = [_page_layout(size, orientation, width, height, options) for orientation in orientations]
    if options.tiled:
        return min(layouts, key=lambda layout: layout.pages)
    return max(layouts, key=lambda layout: layout.scale)


def fitting_layout(width: float, height: float, options: PosterOptions) -> Layout:
    """:func:`plan_layout`, shrunk to at most MAX_PAGES pages when the options allow it; else PosterError."""
    layout = plan_layout(width, height, options)
    if layout.pages > MAX_PAGES and options.shrink_to_fit:
        low, high = MIN_SCALE, options.scale  # pages only grow with the scale: bisect for the largest that fits
        if plan_layout(width, height, replace(options, scale=low)).pages <= MAX_PAGES:
            for _ in range(20):
                middle = (low + high) / 2
                low, high = (
                    (middle, high)
                    if plan_layout(width, height, replace(options, scale=middle)).pages <= MAX_PAGES
                    else (low, middle)
                )
            layout = plan_layout(width, height, replace(options, scale=low))
    if layout.pages > MAX_PAGES:
        raise PosterError(TOO_MANY_PAGES, {"pages": layout.pages, "limit": MAX_PAGES})
    return layout


def poster_layout(pdf: bytes, options: PosterOptions) -> Layout:
    """The layout :func:`make_poster` gives the one-page chart ``pdf`` (pages, their size, the scale used)."""
    box = _read_chart(pdf).mediabox
    return fitting_layout(float(box.width), float(box.height), options)


def _read_chart(pdf: bytes):  # noqa: ANN202 - pypdf's PageObject
    try:
        page = PdfReader(BytesIO(pdf)).pages[0]
        box = page.mediabox
        if float(box.width) <= 0 or float(box.height) <= 0:
            raise PosterError(NOT_A_CHART)
        return page
    except (PdfReadError, IndexError, ValueError, KeyError, TypeError) as error:
        if isinstance(error, PosterError):
            raise
        raise PosterError(NOT_A_CHART) from error


def make_poster(pdf: bytes, options: PosterOptions, *, progress: Progress | None = None) -> bytes:
    """The poster of the one-page chart ``pdf`` as a new PDF; raises :class:`PosterError` when it cannot be made."""
    page = _read_chart(pdf)
    writer = PdfWriter()
    form, bounds = chart_form(writer, page)
    layout = fitting_layout(bounds[2] - bounds[0], bounds[3] - bounds[1], options)
    resources = sheet_resources(writer, form)
    for index in range(layout.pages):
        row, column = divmod(index, layout.columns)
        if options.tiled:
            canvas = _tile_canvas(layout, bounds, options, column=column, row=row)
        else:
            canvas = _sheet_canvas(layout, bounds, options)
        add_sheet(writer, width=layout.width, height=layout.height, resources=resources, canvas=canvas)
        if progress is not None:
            progress(index + 1, layout.pages)
    writer.add_metadata({"/Title": " — ".join(part for part in (options.brand, options.title) if part)})
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def _tile_canvas(layout: Layout, bounds: tuple[float, ...], options: PosterOptions, *, column: int, row: int) -> Canvas:
    """One tile: its window on the chart (the whole grid centred on the chart), marks and captions."""
    x0, _, x1, y1 = bounds
    margin, overlap, scale = MARGIN_MM * MM, options.overlap_mm * MM, layout.scale
    content_w, content_h = layout.width - 2 * margin, layout.height - 2 * margin
    step_x, step_y = content_w - overlap, content_h - overlap
    # Centre the chart on the whole grid, so the spare paper is shared out between the outer pages.
    offset_x = (content_w + (layout.columns - 1) * step_x - (x1 - x0) * scale) / 2
    offset_y = (content_h + (layout.rows - 1) * step_y - (y1 - bounds[1]) * scale) / 2
    canvas = Canvas()
    canvas.chart(
        clip=(margin, margin, content_w, content_h),
        scale=scale,
        dx=margin + offset_x - x0 * scale - column * step_x,
        dy=margin + content_h - offset_y - y1 * scale + row * step_y,
    )
    _crop_marks(canvas, margin, margin, margin + content_w, margin + content_h)
    if column < layout.columns - 1:  # the next page's left edge goes on this line
        x = margin + content_w - overlap
        canvas.line(x, margin - 1 * MM, x, margin - 4 * MM, grey=0.4)
        canvas.line(x, layout.height - margin + 1 * MM, x, layout.height - margin + 4 * MM, grey=0.4)
    if row < layout.rows - 1:  # the page below starts on this line
        y = margin + overlap
        canvas.line(margin - 1 * MM, y, margin - 4 * MM, y, grey=0.4)
        canvas.line(layout.width - margin + 1 * MM, y, layout.width - margin + 4 * MM, y, grey=0.4)
    here = coordinate(column, row)
    canvas.text((layout.width - text_width(here, 12)) / 2, layout.height - margin + 2.5 * MM, here, size=12, bold=True)
    caption = options.caption % {"coordinate": here, "columns": layout.columns, "rows": layout.rows}
    _footer(canvas, layout, options, caption)
    return canvas


def _sheet_canvas(layout: Layout, bounds: tuple[float, ...], options: PosterOptions) -> Canvas:
    """The single large sheet: the chart fitted and centred, crop marks and the footer."""
    x0, y0, x1, y1 = bounds
    margin, scale = MARGIN_MM * MM, layout.scale
    content_w, content_h = layout.width - 2 * margin, layout.height - 2 * margin
    canvas = Canvas()
    canvas.chart(
        clip=(margin, margin, content_w, content_h),
        scale=scale,
        dx=margin + (content_w - (x1 - x0) * scale) / 2 - x0 * scale,
        dy=margin + (content_h - (y1 - y0) * scale) / 2 - y0 * scale,
    )
    _crop_marks(canvas, margin, margin, margin + content_w, margin + content_h)
    _footer(canvas, layout, options, "")
    return canvas


def _crop_marks(canvas: Canvas, left: float, bottom: float, right: float, top: float) -> None:
    """Short lines in the margin pointing at each corner of the printed area (where to trim)."""
    gap, length = 1 * MM, 5 * MM
    for x, y, sx, sy in ((left, bottom, -1, -1), (right, bottom, 1, -1), (left, top, -1, 1), (right, top, 1, 1)):
        canvas.line(x + sx * gap, y, x + sx * (gap + length), y, width=0.3)
        canvas.line(x, y + sy * gap, x, y + sy * (gap + length), width=0.3)


def _footer(canvas: Canvas, layout: Layout, options: PosterOptions, caption: str) -> None:
    """ "Famille — <title> — <caption>" centred in the bottom margin, the title shortened if it would not fit."""
    room = layout.width - 2 * (MARGIN_MM + 7) * MM
    title = options.title
    parts = [part for part in (options.brand, title, caption) if part]
    while title and text_width(" — ".join(parts), 7) > room:
        title = title[: max(len(title) - 4, 0)]
        parts = [part for part in (options.brand, title + "…" if title else "", caption) if part]
    footer = " — ".join(parts)
    canvas.text((layout.width - text_width(footer, 7)) / 2, 3.5 * MM, footer, size=7)
