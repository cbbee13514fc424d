"""The PDF drawing under the wall poster: the chart as one shared Form XObject, and pages that show part of it.

The chart's vector drawing is stored once in the output and every page refers to it through a clipping window, so
a poster of a hundred pages is about as big as the chart itself and its text stays text (selectable, searchable).
Marks and labels are a few lines of PDF operators written here, in the PDF base font Helvetica: nothing else is
needed to draw thin lines and short captions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    RectangleObject,
)

CHART = "/Chart"
REGULAR, BOLD = "/F1", "/F2"
_FONTS = {REGULAR: "/Helvetica", BOLD: "/Helvetica-Bold"}


def _number(value: float) -> str:
    """A number as PDF operators want it: short, never in exponent notation."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _pdf_string(text: str) -> str:
    """``text`` as a literal PDF string in WinAnsi (the base fonts' encoding); what it cannot hold becomes "?"."""
    raw = text.encode("cp1252", errors="replace")
    escaped = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return "(" + escaped.decode("latin-1") + ")"


def text_width(text: str, size: float) -> float:
    """An estimate of the width of ``text`` in Helvetica (average glyph width), to centre or right-align it."""
    return len(text) * size * 0.52


@dataclass(slots=True)
class Canvas:
    """PDF content-stream operators for one page, written in order."""

    operators: list[str] = field(default_factory=list)

    def chart(self, *, clip: tuple[float, float, float, float], scale: float, dx: float, dy: float) -> None:
        """Draw the chart scaled by ``scale`` and moved by (dx, dy), seen only through ``clip`` (x, y, w, h)."""
        x, y, width, height = (_number(v) for v in clip)
        matrix = " ".join(_number(v) for v in (scale, 0, 0, scale, dx, dy))
        self.operators += ["q", f"{x} {y} {width} {height} re W n", f"{matrix} cm", f"{CHART} Do", "Q"]

    def line(self, x1: float, y1: float, x2: float, y2: float, *, width: float = 0.4, grey: float = 0.0) -> None:
        """A thin straight line."""
        self.operators += [
            "q",
            f"{_number(width)} w {_number(grey)} G",
            f"{_number(x1)} {_number(y1)} m {_number(x2)} {_number(y2)} l S",
            "Q",
        ]

    def text(self, x: float, y: float, text: str, *, size: float = 7.0, bold: bool = False) -> None:
        """One line of text with its baseline starting at (x, y)."""
        font = BOLD if bold else REGULAR
        self.operators += [
            "BT",
            f"{font} {_number(size)} Tf",
            f"{_number(x)} {_number(y)} Td",
            f"{_pdf_string(text)} Tj",
            "ET",
        ]

    def content(self) -> bytes:
        """The operators as a content stream's bytes."""
        return ("\n".join(self.operators) + "\n").encode("latin-1")


def chart_form(writer: PdfWriter, page: PageObject) -> tuple[IndirectObject, tuple[float, float, float, float]]:
    """Copy ``page`` into ``writer`` as a Form XObject; returns its reference and its box (x0, y0, x1, y1)."""
    box = page.mediabox
    bounds = (float(box.left), float(box.bottom), float(box.right), float(box.top))
    form = DecodedStreamObject()
    contents = page.get_contents()
    form.set_data(contents.get_data() if contents is not None else b"")
    resources = page.get("/Resources")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(FloatObject(v) for v in bounds),
            NameObject("/Resources"): resources.get_object().clone(writer) if resources else DictionaryObject(),
        }
    )
    # pypdf has no public call to add a free-standing object; its own merging uses this one.
    return writer._add_object(form.flate_encode()), bounds


def sheet_resources(writer: PdfWriter, form: IndirectObject) -> IndirectObject:
    """The resources every page of the poster shares: the chart and the two base fonts."""
    fonts = DictionaryObject()
    for name, base_font in _FONTS.items():
        fonts[NameObject(name)] = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject(base_font),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    resources = DictionaryObject(
        {
            NameObject("/XObject"): DictionaryObject({NameObject(CHART): form}),
            NameObject("/Font"): fonts,
        }
    )
    return writer._add_object(resources)


def add_sheet(writer: PdfWriter, *, width: float, height: float, resources: IndirectObject, canvas: Canvas) -> None:
    """Add a page of ``width`` × ``height`` points drawn by ``canvas`` with the shared ``resources``."""
    page = writer.add_blank_page(width=width, height=height)
    page[NameObject("/Resources")] = resources
    stream = DecodedStreamObject()
    stream.set_data(canvas.content())
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    page.mediabox = RectangleObject((0, 0, width, height))
