"""Read-only API: courses, sessions, participants and a participant's attendance summary, scoped like the pages."""

from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from tuksuk.core.api.viewsets import ScopedReadOnlyViewSet

from ..attendance import summaries
from ..choices import SlotStatus
from ..filters import CourseFilterSet, ParticipantFilterSet, SessionFilterSet
from ..models import Certificate, Course, Participant, TrainingSession
from .serializers import (
    TrainingAttendanceSummarySerializer,
    TrainingCourseSerializer,
    TrainingParticipantSerializer,
    TrainingSessionSerializer,
)


class CourseViewSet(ScopedReadOnlyViewSet):
    """Training courses the caller may see: organised in their province, or with participants from their area."""

    queryset = Course.objects.order_by("-created_at", "id")
    serializer_class = TrainingCourseSerializer
    filterset_class = CourseFilterSet


class SessionViewSet(ScopedReadOnlyViewSet):
    """Sessions of the courses the caller may see, with their attendance slots planned and held."""

    queryset = TrainingSession.objects.annotate(
        slots_planned=Count("slots", filter=~Q(slots__status=SlotStatus.CANCELLED)),
        slots_held=Count("slots", filter=Q(slots__status=SlotStatus.HELD)),
    ).order_by("starts_on", "id")
    serializer_class = TrainingSessionSerializer
    filterset_class = SessionFilterSet


class ParticipantViewSet(ScopedReadOnlyViewSet):
    """Participants the caller may see (their district's, or their course's as organiser); no phone numbers."""

    queryset = Participant.objects.order_by("course", "district", "full_name", "id")
    serializer_class = TrainingParticipantSerializer
    filterset_class = ParticipantFilterSet

    @extend_schema(responses=TrainingAttendanceSummarySerializer)
    @action(detail=True, methods=["get"])
    def attendance(self, request, pk=None):  # type: ignore[no-untyped-def]
        """Slots held in the participant's course, slots attended, the rate and whether a certificate is earned."""
        participant = self.get_object()
        summary = summaries(Participant.objects.filter(pk=participant.pk))[participant.pk]
        certificate = Certificate.objects.filter(participant=participant).values_list("code", flat=True).first()
        data = {
            "slots_held": summary.held,
            "slots_attended": summary.attended,
            "percent": summary.percent,
            "accepted_reason": summary.accepted_reason,
            "eligible": summary.eligible,
            "certificate_code": certificate,
        }
        return Response(TrainingAttendanceSummarySerializer(data).data)
