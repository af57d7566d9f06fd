"""Pages that belong to no domain: home, about, health check."""

import geothai
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from tuksuk.accounts.scope import scope_for
from tuksuk.areas.models import Area, PilotDistrict
from tuksuk.core.thai import is_digits


def home_figures(user) -> dict:  # type: ignore[no-untyped-def]
    """The figures on the home page, over what the user may see (from the per-area tallies)."""
    from tuksuk.cases.choices import DONE_STATUSES, OPEN_STATUSES
    from tuksuk.projects.models import Project
    from tuksuk.reports import tallies
    from tuksuk.reports.dashboard import area_figures

    counted = area_figures(user)
    by_status = counted[tallies.STATUS]
    return {
        "stories": sum(by_status.values()),
        "open": sum(n for status, n in by_status.items() if status in OPEN_STATUSES),
        "overdue": counted.total(tallies.DUE),
        "done": sum(n for status, n in by_status.items() if status in DONE_STATUSES),
        "households": counted.total(tallies.HOUSEHOLDS),
        "lifted": counted.total(tallies.LIFTED),
        "projects": Project.objects.visible_to(user).count(),
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if scope.everything:
        my_areas = list(Area.objects.filter(level="region").order_by("code"))
    else:
        my_areas = list(Area.objects.filter(code__in=scope.assigned_codes).select_related("parent"))
    year = request.GET.get("year", "")
    year = int(year) if is_digits(year) else _current_year()
    pilots = PilotDistrict.objects.visible_to(request.user).filter(programme_year=year)
    context = {
        "scope": scope,
        "figures": home_figures(request.user),
        "my_areas": my_areas,
        "assignments": request.user.role_assignments.active().select_related("area"),
        "pilot_count": pilots.filter(level="province").count(),
        "group_pilot_count": pilots.filter(level="group").count(),
    }
    return render(request, "core/home.html", context)


def _current_year() -> int:
    from django.conf import settings

    return settings.TUKSUK_PROGRAMME_YEAR


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html", {"geothai_version": geothai.DATA_VERSION})


def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
