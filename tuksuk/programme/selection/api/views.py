"""Read-only API: rounds with their rubric, a round's results, awards. Same visibility as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from tuksuk.core.api.viewsets import ScopedReadOnlyViewSet

from ..models import Award, Round
from ..views.results import visible_results
from .serializers import SelectionAwardSerializer, SelectionResultRowSerializer, SelectionRoundSerializer


class RoundViewSet(ScopedReadOnlyViewSet):
    """Selection and evaluation rounds the caller may see, with their criteria."""

    queryset = Round.objects.prefetch_related("criteria__parent", "eligible_areas").order_by("-programme_year", "id")
    serializer_class = SelectionRoundSerializer

    @extend_schema(responses=SelectionResultRowSerializer(many=True))
    @action(detail=True)
    def results(self, request, pk=None):  # type: ignore[no-untyped-def]
        """Totals and ranks (ministry roles before publication; after it, the selected districts and the caller's
        own applications)."""
        results = visible_results(request.user, self.get_object())
        return Response(SelectionResultRowSerializer(results.rows, many=True).data)


class AwardViewSet(ScopedReadOnlyViewSet):
    """Awards announced to districts in the caller's areas."""

    queryset = Award.objects.select_related("district", "round").order_by("-announced_at", "id")
    serializer_class = SelectionAwardSerializer
