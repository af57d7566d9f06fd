"""The Friday-afternoon rule: sessions in the southern border provinces should not run on Friday from 12:00, when
Muslim participants attend Friday prayers. Breaking it is allowed after the organiser acknowledges a warning."""

from __future__ import annotations

import datetime as dt

FRIDAY = 4
NOON = dt.time(12, 0)


def border_province_codes() -> set[str]:
    from .models import BorderProvince

    return set(BorderProvince.objects.filter(is_active=True).values_list("code", flat=True))


def friday_afternoons(province_code: str, starts_on: dt.date, ends_on: dt.date, end_time: dt.time) -> list[dt.date]:
    """The Fridays of the session that run past noon in a southern border province (empty: nothing to warn)."""
    if end_time <= NOON or province_code[:2] not in border_province_codes():
        return []
    days = (ends_on - starts_on).days + 1
    return [d for d in (starts_on + dt.timedelta(days=n) for n in range(max(days, 0))) if d.weekday() == FRIDAY]
