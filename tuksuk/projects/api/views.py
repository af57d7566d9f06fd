from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from tuksuk.agencies.models import Agency
from tuksuk.core.api.viewsets import ScopedReadOnlyViewSet
from tuksuk.households.models import Household

from .. import services
from ..filters import ProjectFilterSet
from ..models import Activity, Project
from .serializers import (
    ActivityInputSerializer,
    ActivitySerializer,
    BeneficiariesInputSerializer,
    BudgetInputSerializer,
    BudgetLineSerializer,
    ProgressInputSerializer,
    ProgressSerializer,
    ProjectDetailSerializer,
    ProjectInputSerializer,
    ProjectSerializer,
)


def _invalid(exc: ValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})


def _agencies(codes: list[str]) -> list[Agency]:
    found = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise serializers.ValidationError({"agencies": [f"ไม่พบหน่วยงาน: {', '.join(missing)}"]})
    return list(found.values())


class ProjectViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """District projects in the caller's areas (filters as on the project list)."""

    queryset = (
        Project.objects.prefetch_related("sdg_goals", "indicators")
        .annotate(value_sum=Coalesce(Sum("activities__budget_lines__planned"), Value(Decimal("0"))))
        .order_by("-fiscal_year", "district", "id")
    )
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return {"retrieve": ProjectDetailSerializer, "create": ProjectInputSerializer}.get(
            self.action, ProjectSerializer
        )

    @extend_schema(request=ProjectInputSerializer, responses={201: ProjectDetailSerializer})
    def create(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        data = ProjectInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        district = values.pop("district")
        try:
            project = services.create_project(actor=request.user, district_code=district, **values)
        except ValidationError as exc:
            raise _invalid(exc) from exc
        return Response(ProjectDetailSerializer(project).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["post"], request=ActivityInputSerializer, responses={201: ActivitySerializer})
    @extend_schema(methods=["get"], responses=ActivitySerializer(many=True))
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def activities(self, request, pk=None):  # type: ignore[no-untyped-def]
        project = self.get_object()
        if request.method == "GET":
            rows = Activity.objects.visible_to(request.user).filter(project=project)
            return Response(
                ActivitySerializer(rows.prefetch_related("agencies", "budget_lines", "kpis"), many=True).data
            )
        data = ActivityInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        agencies = _agencies(values.pop("agencies"))
        try:
            activity = services.add_activity(project, actor=request.user, agencies=agencies, **values)
        except ValidationError as exc:
            raise _invalid(exc) from exc
        return Response(ActivitySerializer(activity).data, status=status.HTTP_201_CREATED)


class ActivityViewSet(ScopedReadOnlyViewSet):
    """Activities in the caller's areas (agency staff: their agency's), with budget, progress and beneficiaries."""

    queryset = Activity.objects.prefetch_related("agencies", "budget_lines", "kpis").order_by("project", "id")
    serializer_class = ActivitySerializer
    parser_classes = (JSONParser, FormParser, MultiPartParser)

    @extend_schema(methods=["put"], request=BudgetInputSerializer(many=True), responses=BudgetLineSerializer(many=True))
    @extend_schema(methods=["get"], responses=BudgetLineSerializer(many=True))
    @action(detail=True, methods=["get", "put"], pagination_class=None)
    def budget(self, request, pk=None):  # type: ignore[no-untyped-def]
        activity = self.get_object()
        if request.method == "PUT":
            data = BudgetInputSerializer(data=request.data, many=True)
            data.is_valid(raise_exception=True)
            try:
                services.set_budget(activity, data.validated_data, actor=request.user)
            except ValidationError as exc:
                raise _invalid(exc) from exc
        return Response(BudgetLineSerializer(activity.budget_lines.all(), many=True).data)

    @extend_schema(
        methods=["post"], request={"multipart/form-data": ProgressInputSerializer}, responses={201: ProgressSerializer}
    )
    @extend_schema(methods=["get"], responses=ProgressSerializer(many=True))
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def updates(self, request, pk=None):  # type: ignore[no-untyped-def]
        activity = self.get_object()
        if request.method == "GET":
            return Response(ProgressSerializer(activity.updates.prefetch_related("media"), many=True).data)
        data = ProgressInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        files = values.pop("files")
        from tuksuk.cases.media import UploadRejected

        try:
            update = services.report_progress(activity, actor=request.user, files=files, **values)
        except UploadRejected as exc:
            raise serializers.ValidationError({"files": [str(exc)]}) from exc
        except ValidationError as exc:
            raise _invalid(exc) from exc
        return Response(ProgressSerializer(update).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["put"], request=BeneficiariesInputSerializer, responses=BeneficiariesInputSerializer)
    @extend_schema(methods=["get"], responses=BeneficiariesInputSerializer)
    @action(detail=True, methods=["get", "put"])
    def beneficiaries(self, request, pk=None):  # type: ignore[no-untyped-def]
        activity = self.get_object()
        if request.method == "PUT":
            data = BeneficiariesInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            codes = data.validated_data["house_codes"]
            found = list(Household.objects.visible_to(request.user).filter(house_code__in=codes))
            if len(found) != len(set(codes)):
                raise serializers.ValidationError({"house_codes": ["มีรหัสบ้านที่ไม่พบในพื้นที่ของคุณ"]})
            try:
                services.set_beneficiaries(activity, found, actor=request.user)
            except ValidationError as exc:
                raise _invalid(exc) from exc
        codes = list(activity.beneficiaries.visible_to(request.user).values_list("house_code", flat=True))
        return Response({"house_codes": codes})
