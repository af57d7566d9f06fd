"""Browsing and searching the area hierarchy. Every query goes through ``Area.objects.visible_to``."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tuksuk.accounts.scope import get_for_user, scope_for
from tuksuk.core.views import ScopedListView

from .choices import CHILD_LEVEL, AreaLevel
from .filters import AreaFilterSet, PilotDistrictFilterSet
from .models import Area, PilotDistrict
from .reference import pilot_years


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return settings.TUKSUK_PROGRAMME_YEAR


def _pilot_map(areas: list[Area], year: int) -> dict[str, set[str]]:
    flags = PilotDistrict.objects.filter(district__in=areas, programme_year=year).values_list("district_id", "level")
    found: dict[str, set[str]] = {}
    for code, level in flags:
        found.setdefault(code, set()).add(level)
    return found


@login_required
def area_tree(request: HttpRequest) -> HttpResponse:
    """The top of the tree the user may walk: regions for ministry users, their own chain for everyone else."""
    roots = list(Area.objects.visible_to(request.user).filter(parent__isnull=True).order_by("code"))
    scope = scope_for(request.user)
    mine = list(Area.objects.filter(code__in=scope.assigned_codes).order_by("code"))
    return render(request, "areas/tree.html", {"children": roots, "my_areas": mine, "year": _year(request)})


@login_required
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = get_for_user(Area.objects.select_related("parent"), request.user, code=code)
    year = _year(request)
    children = list(area.children.visible_to(request.user).order_by("code"))
    pilots = _pilot_map([area, *children], year)
    for child in children:
        child.pilot_levels = pilots.get(child.code, set())  # type: ignore[attr-defined]
    return render(
        request,
        "areas/detail.html",
        {
            "area": area,
            "ancestors": area.ancestors(),
            "children": children,
            "child_level": AreaLevel(CHILD_LEVEL[area.level]).label if CHILD_LEVEL.get(area.level) else None,
            "pilot_levels": pilots.get(area.code, set()),
            "year": year,
            "years": pilot_years(),
        },
    )


class AreaSearchView(ScopedListView):
    """Search by Thai or English name or by code; the results table reloads by htmx as the user types."""

    model = Area
    template_name = "areas/search.html"
    paginate_by = 50

    def get_base_queryset(self):  # type: ignore[no-untyped-def]
        return Area.objects.select_related("parent", "parent__parent")

    def get_queryset(self):  # type: ignore[no-untyped-def]
        self.filterset = AreaFilterSet(self.request.GET or None, queryset=super().get_queryset())
        if not self.filterset.is_bound or not self.request.GET.get("q", "").strip():
            return Area.objects.none()
        return _ordered(self.filterset.qs)

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        return super().get_context_data(filterset=self.filterset, q=self.request.GET.get("q", ""), **kwargs)


def _ordered(queryset):  # type: ignore[no-untyped-def]
    """Higher levels first (a province before its tambons), then by code."""
    from django.db.models import Case, IntegerField, Value, When

    from .choices import LEVEL_ORDER

    rank = Case(
        *[When(level=level, then=Value(i)) for i, level in enumerate(LEVEL_ORDER)],
        output_field=IntegerField(),
    )
    return queryset.annotate(level_rank=rank).order_by("level_rank", "code")


class PilotDistrictListView(ScopedListView):
    model = PilotDistrict
    template_name = "areas/pilots.html"
    paginate_by = 100

    def get_base_queryset(self):  # type: ignore[no-untyped-def]
        return PilotDistrict.objects.select_related("district", "district__parent", "district__parent__parent")

    def get_queryset(self):  # type: ignore[no-untyped-def]
        data = self.request.GET.copy()
        data.setdefault("year", str(settings.TUKSUK_PROGRAMME_YEAR))
        data.setdefault("level", "province")
        self.filterset = PilotDistrictFilterSet(data, queryset=super().get_queryset())
        return self.filterset.qs.order_by("sequence", "district_id")

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        return super().get_context_data(filterset=self.filterset, years=pilot_years(), **kwargs)
