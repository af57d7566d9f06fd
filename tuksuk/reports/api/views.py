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

from ..views import build_for


def _plain(value):  # type: ignore[no-untyped-def]
    return str(value) if isinstance(value, Decimal) else value


class ReportView(APIView):
    """One table over the records the caller may see: stories-by-category, stories-by-indicator (stories), or
    projects-by-category, activities-by-agency, project-values, who-does-what-where (projects)."""

    @extend_schema(
        parameters=[
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
