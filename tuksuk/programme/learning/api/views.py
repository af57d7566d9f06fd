"""Read-only API of the knowledge base (Thai word search ``?q=``), the questionnaires and the focus-group sessions.
Knowledge items and questionnaires are read by every assigned user; sessions and their answers are area-scoped."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from tuksuk.core.api.viewsets import ScopedReadOnlyViewSet

from ..filters import KnowledgeItemFilterSet, SessionFilterSet
from ..models import FocusGroupSession, KnowledgeItem, Question, Questionnaire, QuestionPart
from .serializers import AnswerSerializer, KnowledgeItemSerializer, QuestionnaireSerializer, SessionSerializer


class KnowledgeItemViewSet(ScopedReadOnlyViewSet):
    """The knowledge base: every published item (and withdrawn ones in the caller's areas). ``?q=`` searches Thai
    words in title, summary and body, best matches first."""

    queryset = KnowledgeItem.objects.prefetch_related("sdg_goals", "indicators", "categories").order_by(
        "-published_at", "-id"
    )
    serializer_class = KnowledgeItemSerializer
    filterset_class = KnowledgeItemFilterSet


class QuestionnaireViewSet(ScopedReadOnlyViewSet):
    """Focus-group questionnaires with their parts and questions."""

    queryset = Questionnaire.objects.prefetch_related(
        Prefetch(
            "parts",
            queryset=QuestionPart.objects.order_by("number").prefetch_related(
                Prefetch("questions", queryset=Question.objects.order_by("number"))
            ),
        )
    ).order_by("-programme_year", "id")
    serializer_class = QuestionnaireSerializer


class SessionViewSet(ScopedReadOnlyViewSet):
    """Focus-group sessions in the caller's areas, with participants; ``answers/`` gives a session's answers."""

    queryset = (
        FocusGroupSession.objects.select_related("district")
        .prefetch_related("participants")
        .order_by("-held_on", "-id")
    )
    serializer_class = SessionSerializer
    filterset_class = SessionFilterSet

    @extend_schema(responses=AnswerSerializer(many=True))
    @action(detail=True, methods=["get"])
    def answers(self, request, pk=None):  # type: ignore[no-untyped-def]
        session = self.get_object()
        rows = session.answers.select_related("question").order_by("question__number")
        return Response(AnswerSerializer(rows, many=True).data)
