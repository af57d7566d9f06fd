from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from tuksuk.agencies.models import Agency
from tuksuk.core.api.viewsets import ScopedReadOnlyViewSet
from tuksuk.households.models import Household
from tuksuk.indicators.models import Category, Indicator

from .. import media, services
from ..filters import StoryFilterSet
from ..models import Story
from .serializers import (
    ActionInputSerializer,
    ActionSerializer,
    AssignInputSerializer,
    EvidenceInputSerializer,
    EvidenceSerializer,
    StatusInputSerializer,
    StoryDetailSerializer,
    StoryInputSerializer,
    StorySerializer,
)


def _invalid(exc: ValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})


LIST_COLUMNS = (
    *(name for name in StorySerializer.Meta.fields if name not in ("house_code", "indicators", "is_overdue")),
    "household__house_code",
)


class StoryViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Stories in the caller's areas, with the same filters as the story list page."""

    # The list's order comes from StoryFilterSet.qs, like the story list page's.
    queryset = Story.objects.select_related("household", "category").prefetch_related(
        # Plain lists of the indicators' numbers: what the serializers read, without a queryset per story.
        Prefetch("indicators", queryset=Indicator.objects.only("number"), to_attr="indicator_list")
    )
    serializer_class = StorySerializer
    filterset_class = StoryFilterSet
    access_logged = True
    parser_classes = (JSONParser, FormParser, MultiPartParser)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        stories = super().get_queryset()
        if self.action == "list":  # a page of 25-100: only the columns the list shows, no category join
            return stories.select_related(None).select_related("household").only(*LIST_COLUMNS)
        return stories

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return {"retrieve": StoryDetailSerializer, "create": StoryInputSerializer}.get(self.action, StorySerializer)

    @extend_schema(request=StoryInputSerializer, responses={201: StoryDetailSerializer})
    def create(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        data = StoryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        household = get_object_or_404(Household.objects.visible_to(request.user), house_code=values["house_code"])
        try:
            story = services.record_story(
                household,
                actor=request.user,
                category=Category.objects.get(pk=values["category"]),
                indicators=list(Indicator.objects.filter(pk__in=values["indicators"])),
                description=values["description"],
            )
        except ValidationError as exc:
            raise _invalid(exc) from exc
        return Response(StoryDetailSerializer(story).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StatusInputSerializer, responses=StoryDetailSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):  # type: ignore[no-untyped-def]
        story = self.get_object()
        data = StatusInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            story = services.change_status(
                story, data.validated_data["status"], actor=request.user, note=data.validated_data["note"]
            )
        except ValidationError as exc:
            raise _invalid(exc) from exc
        return Response(StoryDetailSerializer(story).data)

    @extend_schema(request=AssignInputSerializer, responses=StoryDetailSerializer)
    @action(detail=True, methods=["post"])
    def assignments(self, request, pk=None):  # type: ignore[no-untyped-def]
        story = self.get_object()
        data = AssignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agency = Agency.objects.filter(code=data.validated_data["agency"], is_active=True).first()
        if agency is None:
            raise serializers.ValidationError({"agency": ["ไม่พบหน่วยงาน"]})
        services.ensure_can_manage(request.user, story)
        services.assign_agency(story, agency, actor=request.user, note=data.validated_data["note"])
        return Response(StoryDetailSerializer(story).data)

    @extend_schema(methods=["get"], responses=ActionSerializer(many=True))
    @extend_schema(methods=["post"], request=ActionInputSerializer, responses={201: ActionSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def actions(self, request, pk=None):  # type: ignore[no-untyped-def]
        story = self.get_object()
        if request.method == "GET":
            rows = story.actions.select_related("agency", "created_by")
            return Response(ActionSerializer(rows, many=True).data)
        data = ActionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        agency = Agency.objects.filter(code=values["agency"]).first() if values["agency"] else None
        try:
            created = services.record_action(
                story,
                actor=request.user,
                done_on=values["done_on"],
                description=values["description"],
                dimension=values["dimension"],
                cost=values.get("cost"),
                agency=agency,
            )
        except ValidationError as exc:
            raise _invalid(exc) from exc
        return Response(ActionSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=EvidenceSerializer(many=True))
    @extend_schema(
        methods=["post"], request={"multipart/form-data": EvidenceInputSerializer}, responses={201: EvidenceSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def evidence(self, request, pk=None):  # type: ignore[no-untyped-def]
        story = self.get_object()
        if request.method == "GET":
            return Response(EvidenceSerializer(story.evidence.all(), many=True).data)
        data = EvidenceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        linked = story.actions.filter(pk=values["action"]).first() if values.get("action") else None
        if values.get("action") and linked is None:
            raise serializers.ValidationError({"action": ["ไม่พบการช่วยเหลือนี้ในเรื่องนี้"]})
        try:
            evidence = media.attach_evidence(
                story,
                values["file"],
                actor=request.user,
                phase=values["phase"],
                caption=values["caption"],
                action=linked,
            )
        except media.UploadRejected as exc:
            raise serializers.ValidationError({"file": [str(exc)]}) from exc
        except ValidationError as exc:
            raise _invalid(exc) from exc
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)
