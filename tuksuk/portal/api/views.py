"""The public API (/api/v1/public/): read-only, no login, no cookies; the same data as the public pages.

These viewsets deliberately do not derive from ``ScopedReadOnlyViewSet``: they serve the public, and their
querysets are the publication model's published rows only (``public_views.published_items``).
"""

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from tuksuk.areas.models import Area, PilotDistrict
from tuksuk.core.thai import is_digits

from ..choices import ItemKind
from ..figures import figures_for
from ..public_views import published_items
from ..search import query_filter
from .serializers import (
    PublicFiguresSerializer,
    PublicItemDetailSerializer,
    PublicItemSerializer,
    PublicPilotSerializer,
)


class PublicFiguresView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        parameters=[
            OpenApiParameter("area", OpenApiTypes.STR, description="province or district code; none: national")
        ],
        responses=PublicFiguresSerializer,
        summary='Public figures of the country, a province or a district (small district figures as "<5")',
    )
    def get(self, request):  # type: ignore[no-untyped-def]
        code = request.query_params.get("area", "") or ""
        if code and not (is_digits(code) and len(code) in (2, 4) and Area.objects.filter(code=code).exists()):
            raise NotFound
        figures = figures_for(code)
        return Response(
            {"area": code, "level": figures.level, "taken_at": figures.taken_at, "figures": figures.as_public_dict()}
        )


@extend_schema_view(
    list=extend_schema(
        summary="Published items",
        parameters=[
            OpenApiParameter("district", OpenApiTypes.STR, description="4-digit district code"),
            OpenApiParameter("province", OpenApiTypes.STR, description="2-digit province code"),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=ItemKind.values),
            OpenApiParameter("q", OpenApiTypes.STR, description="Thai words (word-aware search)"),
        ],
    ),
    retrieve=extend_schema(summary="One published item"),
)
class PublicItemViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    filter_backends: list = []

    def get_queryset(self):  # type: ignore[no-untyped-def]
        items = published_items()
        params = self.request.query_params
        district, province, kind = params.get("district", ""), params.get("province", ""), params.get("kind", "")
        if district:
            items = items.filter(district_id=district) if is_digits(district) else items.none()
        if province:
            items = items.filter(district__parent_id=province) if is_digits(province) else items.none()
        if kind:
            items = items.filter(kind=kind) if kind in ItemKind.values else items.none()
        if params.get("q"):
            condition = query_filter(params["q"][:200])
            items = items.filter(condition) if condition is not None else items.none()
        return items

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return PublicItemDetailSerializer if self.action == "retrieve" else PublicItemSerializer


@extend_schema_view(
    list=extend_schema(
        summary="Pilot districts",
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, description="programme year (B.E.)")],
    ),
    retrieve=extend_schema(summary="One pilot district flag"),
)
class PublicPilotViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    filter_backends: list = []
    serializer_class = PublicPilotSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        year = self.request.query_params.get("year", "")
        year = int(year) if is_digits(year) and len(year) == 4 else settings.TUKSUK_PROGRAMME_YEAR
        # Which districts are pilots is public: not scoped by user.
        return PilotDistrict.objects.filter(programme_year=year).select_related("district__parent").order_by("id")
