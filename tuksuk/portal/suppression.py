"""Small numbers on the public site: THE one rule, used by every public page, chart and API response.

Any public figure of an area smaller than a province (a district) that is below 5 — 0 included, so that a "0" next
to a "<5" tells nothing — is shown as ``"<5"``. Provinces and the national figures are shown exactly.
"""

from __future__ import annotations

from .choices import FigureLevel

THRESHOLD = 5
SUPPRESSED = "<5"
EXACT_LEVELS = frozenset({FigureLevel.NATIONAL, FigureLevel.PROVINCE})


def shown(value: int | None, level: str) -> int | str:
    """The value as the public may see it: the number, or ``"<5"`` for a small district figure."""
    value = int(value or 0)
    if level not in EXACT_LEVELS and value < THRESHOLD:
        return SUPPRESSED
    return value


def chart_value(value: int | None, level: str) -> int | None:
    """For charts: the number, or None (no bar) where the figure is suppressed."""
    public = shown(value, level)
    return None if public == SUPPRESSED else int(public)
