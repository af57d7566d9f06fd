from django.core.exceptions import ValidationError
from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from tuksuk.core.api.viewsets import ScopedReadOnlyViewSet

from .. import services
from ..choices import VULNERABLE_FLAGS
from ..models import Household
from .serializers import HouseholdDetailSerializer, HouseholdInputSerializer, HouseholdSerializer


@extend_schema(
    parameters=[
        OpenApiParameter("q", str, description="House code, citizen ID (13 digits) or name"),
        OpenApiParameter("area", str, description="Area code (DOPA) and below"),
    ]
)
class HouseholdViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Households in the caller's areas. Citizen IDs are masked unless the caller's role needs them."""

    queryset = Household.objects.select_related("merged_into").order_by("village", "house_code")
    serializer_class = HouseholdSerializer
    lookup_field = "house_code"
    access_logged = True

    def get_queryset(self):  # type: ignore[no-untyped-def]
        rows = super().get_queryset()
        if self.action == "retrieve":
            return rows.prefetch_related("members")
        q, area = self.request.query_params.get("q", ""), self.request.query_params.get("area", "")
        if q.strip():
            rows = rows.search(q)
        if area.strip():
            rows = rows.filter(Q(village__code__startswith=area.strip()))
        return rows

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        if self.action == "create":
            return HouseholdInputSerializer
        return HouseholdDetailSerializer if self.action == "retrieve" else HouseholdSerializer

    @extend_schema(request=HouseholdInputSerializer, responses={201: HouseholdDetailSerializer})
    def create(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        data = HouseholdInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        members = [
            services.MemberData(
                full_name=m["full_name"],
                sex=m["sex"],
                birth_date=m.get("birth_date"),
                is_head=m["is_head"],
                citizen_id=m["citizen_id"],
                flags={f: m[f] for f in VULNERABLE_FLAGS},
            )
            for m in values["members"]
        ]
        try:
            household = services.register_household(
                actor=request.user,
                village_code=values["village"],
                house_code=values["house_code"],
                head_name=values["head_name"],
                house_no=values["house_no"],
                member_count=values.get("member_count"),
                latitude=values.get("latitude"),
                longitude=values.get("longitude"),
                members=members,
            )
        except services.DuplicateHousehold as exc:
            visible = Household.objects.visible_to(request.user).filter(pk__in=[h.pk for h in exc.matches])
            raise serializers.ValidationError(
                {"duplicates": [h.house_code for h in visible], "detail": exc.messages}
            ) from exc
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc
        return Response(
            HouseholdDetailSerializer(household, context={"request": request}).data, status=status.HTTP_201_CREATED
        )
