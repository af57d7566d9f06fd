from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from tuksuk.core.api.viewsets import ScopedReadOnlyViewSet

from ..filters import AreaFilterSet, PilotDistrictFilterSet
from ..models import Area, PilotDistrict
from .serializers import AreaDetailSerializer, AreaSerializer, PilotDistrictSerializer


class AreaViewSet(ScopedReadOnlyViewSet):
    """The area hierarchy (regions, provincial groups, provinces, districts, tambons, villages), by DOPA code."""

    queryset = Area.objects.select_related("parent").order_by("code")
    serializer_class = AreaSerializer
    filterset_class = AreaFilterSet
    lookup_field = "code"

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return AreaDetailSerializer if self.action == "retrieve" else AreaSerializer

    @extend_schema(responses=AreaSerializer(many=True))
    @action(detail=True, methods=["get"])
    def children(self, request, code=None):  # type: ignore[no-untyped-def]
        area = self.get_object()
        children = self.paginate_queryset(area.children.visible_to(request.user).order_by("code"))
        return self.get_paginated_response(AreaSerializer(children, many=True).data)


class PilotDistrictViewSet(ScopedReadOnlyViewSet):
    """Pilot districts per programme year (``?year=2565``) and level (``province`` / ``group``)."""

    queryset = PilotDistrict.objects.select_related("district", "district__parent").order_by(
        "programme_year", "level", "sequence"
    )
    serializer_class = PilotDistrictSerializer
    filterset_class = PilotDistrictFilterSet
