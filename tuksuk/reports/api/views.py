"""The ministry's tables over the API: ``/api/v1/reports/{name}/?area=CODE&as_of=YYYY-MM-DD HH:MM`` for the story
tables, ``?area=CODE&year=2565`` for the project tables. Money and percentages come as strings ("1234.50"), never as
binary floating point."""

from decimal import Decimal

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from tuksuk.core.thai import data_stamp

from ..tables import TABLES
from ..views import area_for, build_for


def _plain(value):  # type: ignore[no-untyped-def]
    return str(value) if isinstance(value, Decimal) else value


class ReportView(APIView):
    """One table over the records the caller may see: stories-by-category, stories-by-indicator (stories), or
    projects-by-category, activities-by-agency, project-values, who-does-what-where (projects)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("name", str, OpenApiParameter.PATH, enum=sorted(TABLES)),
            OpenApiParameter("area", str),
            OpenApiParameter("as_of", str, description="Story tables: YYYY-MM-DD HH:MM, Bangkok"),
            OpenApiParameter("year", int, description="Project tables: fiscal year, Buddhist era (e.g. 2565)"),
        ],
        responses=inline_serializer(
            "ReportTable",
            {
                "name": serializers.CharField(),
                "title": serializers.CharField(),
                "as_of": serializers.DateTimeField(),
                "stamp": serializers.CharField(),
                "area": serializers.CharField(allow_null=True),
                "year": serializers.IntegerField(allow_null=True),
                "columns": serializers.ListField(child=serializers.CharField()),
                "labels": serializers.DictField(child=serializers.CharField()),
                "rows": serializers.ListField(child=serializers.ListField()),
            },
        ),
    )
    def get(self, request, name: str):  # type: ignore[no-untyped-def]
        try:
            table, area = build_for(request, name, request.query_params)
        except ValueError as exc:
            raise ValidationError({"year": "a Buddhist-era fiscal year such as 2565"}) from exc
        return Response(
            {
                "name": table.name,
                "title": table.title,
                "as_of": timezone.localtime(table.as_of).isoformat(),
                "stamp": data_stamp(table.as_of),
                "area": area.code if area else None,
                "year": table.year,
                "columns": table.columns,
                "labels": table.labels,
                "rows": [[_plain(cell) for cell in row] for row in table.rows],
            }
        )


class DashboardView(APIView):
    """The figures of an area's dashboard (``?area=CODE``), over what the caller may see."""

    @extend_schema(
        parameters=[OpenApiParameter("area", str)],
        responses=inline_serializer(
            "Dashboard",
            {
                "area": serializers.CharField(allow_null=True),
                "stamp": serializers.CharField(),
                "figures": serializers.DictField(),
                "by_status": serializers.DictField(),
                "by_category": serializers.ListField(child=serializers.DictField()),
                "by_indicator": serializers.ListField(child=serializers.DictField()),
                "by_sdg": serializers.ListField(child=serializers.DictField()),
                "trend": serializers.ListField(child=serializers.DictField()),
                "weekly": serializers.ListField(child=serializers.DictField()),
                "children": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    def get(self, request):  # type: ignore[no-untyped-def]
        from ..dashboard import build_dashboard

        area = area_for(request.user, request.query_params.get("area", ""))
        board = build_dashboard(request.user, area)
        return Response(
            {
                "area": area.code if area else None,
                "as_of": timezone.localtime(board.moment).isoformat(),
                "stamp": data_stamp(board.moment),
                "figures": {
                    "stories": board.stories,
                    "open": board.open,
                    "done": board.done,
                    "overdue": board.overdue,
                    "resolution_rate": board.resolution_rate,
                    "median_days_to_resolve": board.median_days_to_resolve,
                    "immediate": board.immediate,
                    "sustainable": board.sustainable,
                    "households": board.households,
                    "lifted": board.lifted,
                    "projects": board.projects,
                    "project_value": str(board.project_value),
                    "project_spent": str(board.project_spent),
                    "public_views": board.public_views,
                    "public_shares": board.public_shares,
                },
                "by_status": board.by_status,
                "by_category": [{"number": c.number, "name_th": c.name_th, "count": n} for c, n in board.by_category],
                "by_indicator": [{"number": i.number, "name_th": i.name_th, "count": n} for i, n in board.by_indicator],
                "by_sdg": [{"goal": g.number, "stories": t, "done": d} for g, t, d in board.by_sdg],
                "trend": [{"month": m.isoformat(), "recorded": r, "resolved": d} for m, r, d in board.trend],
                "weekly": [{"week": w.isoformat(), "recorded": r, "resolved": d} for w, r, d in board.weekly],
                "children": [
                    {
                        "code": c.area.code,
                        "name_th": c.area.name_th,
                        "stories": c.stories,
                        "open": c.open,
                        "done": c.done,
                        "overdue": c.overdue,
                    }
                    for c in board.children
                ],
            }
        )


GEOJSON = inline_serializer(
    "FeatureCollection",
    {
        "type": serializers.CharField(),
        "features": serializers.ListField(child=serializers.DictField()),
    },
)


class MapHouseholdsView(APIView):
    """Households with a location in the caller's areas, as GeoJSON points (at most 20,000)."""

    @extend_schema(parameters=[OpenApiParameter("area", str)], responses=GEOJSON)
    def get(self, request):  # type: ignore[no-untyped-def]
        from ..maps import household_points

        return Response(household_points(request.user, area_for(request.user, request.query_params.get("area", ""))))


class MapAreasView(APIView):
    """Areas of a level (subdistrict, district, province) as GeoJSON circles with their story figures."""

    @extend_schema(parameters=[OpenApiParameter("area", str), OpenApiParameter("level", str)], responses=GEOJSON)
    def get(self, request):  # type: ignore[no-untyped-def]
        from ..maps import area_circles

        area = area_for(request.user, request.query_params.get("area", ""))
        return Response(area_circles(request.user, area, request.query_params.get("level", "subdistrict")))
