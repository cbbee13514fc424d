"""The poster form: paper, tiles or one sheet, orientation, overlap, scale, and a custom size for a print shop."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

from famille.charts.poster import (
    AUTO,
    CUSTOM,
    DEFAULT_OVERLAP_MM,
    LANDSCAPE,
    MAX_CUSTOM_MM,
    MAX_OVERLAP_MM,
    MAX_SCALE,
    MIN_CUSTOM_MM,
    MIN_OVERLAP_MM,
    MIN_SCALE,
    PORTRAIT,
    PosterOptions,
)

TILED, SHEET = "tiled", "sheet"
#: How a descendants chart is drawn: packed panels when it is big (automatic), always panels, or one long strip.
ARRANGE_AUTO, ARRANGE_PANELS, ARRANGE_STRIP = "auto", "panels", "strip"
ARRANGEMENTS = (ARRANGE_AUTO, ARRANGE_PANELS, ARRANGE_STRIP)
_CUSTOM_SIZE = _l("Between %(min)d and %(max)d mm.")
_NEEDED = _l("Give the width and height of a custom size.")


def paper_choices() -> list[SelectChoice]:
    """Papers with their sizes, the usual ones for tiles first, then the large sheets."""
    return [
        SelectChoice("A4", _l("A4 (210 × 297 mm)")),
        SelectChoice("Letter", _l("Letter (8.5 × 11 in)")),
        SelectChoice("A3", _l("A3 (297 × 420 mm)")),
        SelectChoice("Tabloid", _l("Tabloid (11 × 17 in)")),
        SelectChoice("A1", _l("A1 (594 × 841 mm)")),
        SelectChoice("A0", _l("A0 (841 × 1189 mm)")),
        SelectChoice(CUSTOM, _l("Custom size (width × height below)")),
    ]


def _size_field(label: Any) -> IntegerField:
    return IntegerField(
        label,
        validators=[
            Optional(),
            NumberRange(min=int(MIN_CUSTOM_MM), max=int(MAX_CUSTOM_MM), message=_CUSTOM_SIZE),
        ],
    )


def _radio(label: Any, choices: list[tuple[str, Any]], *, required: bool = True) -> RadioField:
    """Radio buttons, the first choice checked by default (optional ones keep it when nothing is sent)."""
    return RadioField(
        label,
        choices=[SelectChoice(value, words) for value, words in choices],
        default=choices[0][0],
        validators=[InputRequired() if required else Optional()],
    )


class PosterForm(FlaskForm):
    """How to print the poster."""

    layout = _radio(
        _l("Print as"),
        [
            (TILED, _l("Pages to assemble (printed at home, trimmed and glued)")),
            (SHEET, _l("One large sheet, scaled to fit (for a print shop)")),
        ],
    )
    # Only descendants charts ask (the others keep the default).
    arrangement = _radio(
        _l("Drawing of a large branch"),
        [
            (ARRANGE_AUTO, _l("Automatic: packed panels for a large branch, else one drawing")),
            (ARRANGE_PANELS, _l("Packed panels, about as tall as wide (each continues another)")),
            (ARRANGE_STRIP, _l("One long strip, a generation per row")),
        ],
        required=False,
    )
    paper = SelectField(_l("Paper"), choices=paper_choices, default="Letter")
    orientation = _radio(
        _l("Orientation"),
        [
            (AUTO, _l("Automatic: fewer pages, or a larger chart on one sheet")),
            (PORTRAIT, _l("Portrait")),
            (LANDSCAPE, _l("Landscape")),
        ],
    )
    overlap = IntegerField(
        _l("Overlap between pages (mm)"),
        default=int(DEFAULT_OVERLAP_MM),
        validators=[InputRequired(), NumberRange(min=int(MIN_OVERLAP_MM), max=int(MAX_OVERLAP_MM))],
    )
    scale = IntegerField(
        _l("Size of the chart on the pages (%)"),
        default=100,
        validators=[InputRequired(), NumberRange(min=round(MIN_SCALE * 100), max=round(MAX_SCALE * 100))],
    )
    width_mm = _size_field(_l("Custom width (mm)"))
    height_mm = _size_field(_l("Custom height (mm)"))

    def validate(self, extra_validators: Any = None) -> bool:
        """The field checks, then a custom paper needs both its sides."""
        valid = super().validate(extra_validators)
        if self.paper.data == CUSTOM:
            for side in (self.width_mm, self.height_mm):
                if side.data is None and not side.errors:
                    side.errors = [*side.errors, str(_NEEDED)]
                    valid = False
        return valid

    def options(self) -> PosterOptions:
        """The poster options the form asks for."""
        custom = self.paper.data == CUSTOM
        return PosterOptions(
            paper=self.paper.data or "",
            orientation=self.orientation.data or AUTO,
            tiled=self.layout.data != SHEET,
            overlap_mm=float(self.overlap.data or 0),
            scale=(self.scale.data or 100) / 100,
            width_mm=float(self.width_mm.data) if custom and self.width_mm.data else None,
            height_mm=float(self.height_mm.data) if custom and self.height_mm.data else None,
        )
