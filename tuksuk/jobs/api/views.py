from tuksuk.core.api.viewsets import ScopedReadOnlyViewSet

from ..models import Job
from .serializers import JobSerializer


class JobViewSet(ScopedReadOnlyViewSet):
    """Background jobs the caller started (all jobs for a ministry administrator); poll one for progress."""

    queryset = Job.objects.all()
    serializer_class = JobSerializer
    # Job ids are UUIDs: anything else is "not found" here, before the database could refuse it (a 500).
    lookup_value_regex = r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
