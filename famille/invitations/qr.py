"""QR codes of invitation links, drawn server-side as inline SVG markup (no script, no extra request)."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, *, title: str = "") -> Markup:
    """An SVG QR code of ``url`` to put straight into a page; it scales with CSS (viewBox, no fixed size)."""
    code = segno.make(url, error="m", micro=False)
    # segno writes only the URL's own characters, XML-escaped, and fixed markup: safe to mark as such.
    return Markup(code.svg_inline(scale=1, border=4, omitsize=True, title=title or None, svgclass="qr", lineclass=None))
