"""QR codes as inline SVG (segno, pure Python): they print in a PDF and show on a phone without any image file."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, *, scale: int = 4, title: str = "QR") -> SafeString:
    """An ``<svg>`` element of ``data`` (medium error correction, so a creased name card still scans)."""
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(scale=scale, border=2, dark="#000", light="#fff", title=title)
    return mark_safe(svg)  # noqa: S308 -- segno writes the SVG; ``data`` is only encoded into the modules  # nosec B308 B703
