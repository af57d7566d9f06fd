from tuksuk.core.api.viewsets import ScopedReadOnlyViewSet

from ..models import Job
from .serializers import JobSerializer


class JobViewSet(ScopedReadOnlyViewSet):
    """Background jobs the caller started (all jobs for a ministry administrator); poll one for progress."""

    queryset = Job.objects.all()
    serializer_class = JobSerializer
