"""Map data: households as points (coloured by the state of their stories) and areas as circles at the middle of
their households, sized by a chosen figure. Only what the reader may see; no outside tile service by default."""

from __future__ import annotations

from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.db.models.functions import Substr

from tuksuk.areas.choices import CODE_LENGTH, AreaLevel
from tuksuk.areas.models import Area
from tuksuk.cases.choices import DONE_STATUSES, OPEN_STATUSES
from tuksuk.cases.models import Story
from tuksuk.households.models import Household

from .dashboard import _in_area

MAX_POINTS = 20000
AREA_FIGURES = ("stories", "open", "overdue", "done")


def household_points(user, area: Area | None) -> dict:  # type: ignore[no-untyped-def]
    """GeoJSON of households with a location; ``state`` is ``open`` (a story still open), ``lifted`` or ``done``."""
    households = _in_area(Household.objects.visible_to(user).active(), "village__code", area).filter(
        latitude__isnull=False, longitude__isnull=False
    )
    open_story = Story.objects.filter(household=OuterRef("pk"), status__in=OPEN_STATUSES)
    lifted = set(households.lifted().values_list("pk", flat=True))
    rows = households.annotate(has_open=Exists(open_story)).values_list(
        "pk", "house_code", "head_name", "latitude", "longitude", "has_open"
    )[:MAX_POINTS]
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": {
                "house_code": code,
                "name": name,
                "state": "open" if has_open else ("lifted" if pk in lifted else "done"),
            },
        }
        for pk, code, name, lat, lon, has_open in rows
    ]
    return {"type": "FeatureCollection", "features": features, "truncated": len(features) >= MAX_POINTS}


def area_circles(user, area: Area | None, level: str) -> dict:  # type: ignore[no-untyped-def]
    """One circle per area of ``level`` (tambon, district or province) at the mean position of its households."""
    length = CODE_LENGTH.get(level, CODE_LENGTH[AreaLevel.SUBDISTRICT])
    households = _in_area(Household.objects.visible_to(user).active(), "village__code", area).filter(
        latitude__isnull=False
    )
    centres = {
        row["prefix"]: row
        for row in households.annotate(prefix=Substr("village__code", 1, length))
        .values("prefix")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
        .order_by()
    }
    stories = _in_area(Story.objects.visible_to(user), "area__code", area)
    from django.utils import timezone

    figures = {
        row["prefix"]: row
        for row in stories.annotate(prefix=Substr("area__code", 1, length))
        .values("prefix")
        .annotate(
            stories=Count("pk", distinct=True),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES), distinct=True),
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=timezone.localdate()), distinct=True),
            done=Count("pk", filter=Q(status__in=DONE_STATUSES), distinct=True),
        )
        .order_by()
    }
    names = dict(Area.objects.filter(code__in=list(centres)).values_list("code", "name_th"))
    features = []
    for code, centre in sorted(centres.items()):
        found = figures.get(code, {})
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(centre["lon"]), float(centre["lat"])]},
                "properties": {
                    "code": code,
                    "name": names.get(code, code),
                    **{name: found.get(name, 0) for name in AREA_FIGURES},
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
