"""The ministry's tables over the API: ``/api/v1/reports/{name}/?area=CODE&as_of=YYYY-MM-DD HH:MM``."""

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tuksuk.core.thai import data_stamp

from ..tables import STORY_TABLES, build
from ..views import area_for, as_of_from


class ReportView(APIView):
    """One table (stories-by-category, stories-by-indicator) over the stories the caller may see."""

    @extend_schema(
        parameters=[
            OpenApiParameter("area", str),
            OpenApiParameter("as_of", str, description="YYYY-MM-DD HH:MM, Bangkok"),
        ],
        responses=inline_serializer(
            "ReportTable",
            {
                "name": serializers.CharField(),
                "title": serializers.CharField(),
                "as_of": serializers.DateTimeField(),
                "stamp": serializers.CharField(),
                "area": serializers.CharField(allow_null=True),
                "columns": serializers.ListField(child=serializers.CharField()),
                "rows": serializers.ListField(child=serializers.ListField()),
            },
        ),
    )
    def get(self, request, name: str):  # type: ignore[no-untyped-def]
        if name not in STORY_TABLES:
            raise Http404
        area = area_for(request.user, request.query_params.get("area", ""))
        table = build(
            name,
            user=request.user,
            area=area.code if area else "",
            as_of=as_of_from(request.query_params.get("as_of", "")),
        )
        return Response(
            {
                "name": table.name,
                "title": table.title,
                "as_of": timezone.localtime(table.as_of).isoformat(),
                "stamp": data_stamp(table.as_of),
                "area": area.code if area else None,
                "columns": table.columns,
                "rows": table.rows,
            }
        )
