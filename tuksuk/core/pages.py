"""Pages that belong to no domain: home, about, health check."""

import geothai
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from tuksuk.accounts.scope import scope_for
from tuksuk.areas.models import Area, PilotDistrict


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if scope.everything:
        my_areas = list(Area.objects.filter(level="region").order_by("code"))
    else:
        my_areas = list(Area.objects.filter(code__in=scope.assigned_codes).select_related("parent"))
    pilots = (
        PilotDistrict.objects.visible_to(request.user)
        .filter(programme_year=request.GET.get("year") or _current_year())
        .select_related("district", "district__parent")
    )
    return render(
        request,
        "core/home.html",
        {
            "scope": scope,
            "my_areas": my_areas,
            "assignments": request.user.role_assignments.active().select_related("area"),
            "pilot_count": pilots.filter(level="province").count(),
            "group_pilot_count": pilots.filter(level="group").count(),
            "pilots": pilots.filter(level="province")[:20],
        },
    )


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
