"""The logs over the API, for auditors and ministry administrators only (403 for everyone else).

Same filters as the search pages: ``?house_code=`` (who viewed this household), ``?user=&date_from=&date_to=``
(what this user opened), ``?action=``, ``?area=``, ``?object_type=&object_id=``, ``?request_id=``.
``…/export/?file_format=csv|xlsx`` returns the filtered log as a file (CSV streamed, any size).
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated

from tuksuk.core.api.viewsets import ScopedReadOnlyViewSet
from tuksuk.core.downloads import csv_stream, xlsx_file

from .. import exports
from ..choices import AccessAction
from ..filters import AccessLogFilterSet, ChangeLogFilterSet
from ..models import AccessLogEntry, ChangeLogEntry
from ..permissions import IsAuditor
from ..services import log_access
from .serializers import AccessLogEntrySerializer, ChangeLogEntrySerializer

EXPORT_SCHEMA = extend_schema(
    filters=True,
    parameters=[OpenApiParameter("file_format", str, enum=["csv", "xlsx"], description="csv (default) or xlsx")],
    responses={
        (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="The filtered log, CSV (UTF-8 with BOM)"),
        (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiResponse(
            OpenApiTypes.BINARY, description="The filtered log, XLSX"
        ),
    },
)


class AuditLogViewSet(ScopedReadOnlyViewSet):
    permission_classes = (IsAuthenticated, IsAuditor)
    export_name = ""

    def rows(self, entries):  # type: ignore[no-untyped-def]
        raise NotImplementedError

    def export_file(self, request, header):  # type: ignore[no-untyped-def]
        fmt = request.query_params.get("file_format", "csv")
        if fmt not in {"csv", "xlsx"}:
            raise serializers.ValidationError({"file_format": [_("เลือกได้เฉพาะ csv หรือ xlsx")]})
        entries = self.filter_queryset(self.get_queryset())
        total = entries.count()
        if fmt == "xlsx" and total > exports.XLSX_ROW_LIMIT:
            raise serializers.ValidationError({"file_format": [_("ข้อมูลเกินกว่าที่ไฟล์ Excel รับได้ กรุณาใช้ csv")]})
        log_access(
            request,
            AccessAction.EXPORT,
            object_type=self.queryset.model._meta.label_lower,
            filters=request.query_params,
            row_count=total,
            detail={"format": fmt},
        )
        if fmt == "csv":
            return csv_stream(header, self.rows(entries), self.export_name)
        return xlsx_file(header, self.rows(entries), self.export_name, title=self.export_name)


@extend_schema(tags=["audit"])
class AccessLogViewSet(AuditLogViewSet):
    """Views, exports, API reads and downloads of personal data; logins and permission changes. Newest first."""

    queryset = AccessLogEntry.objects.order_by("-at", "-id")
    serializer_class = AccessLogEntrySerializer
    filterset_class = AccessLogFilterSet
    export_name = "access-log"

    def rows(self, entries):  # type: ignore[no-untyped-def]
        return exports.access_rows(entries)

    @EXPORT_SCHEMA
    @action(detail=False, methods=["get"])
    def export(self, request):  # type: ignore[no-untyped-def]
        return self.export_file(request, exports.ACCESS_HEADER)


@extend_schema(tags=["audit"])
class ChangeLogViewSet(AuditLogViewSet):
    """Every change of every record, with each field before and after (secrets as ``{"changed": true}``)."""

    queryset = ChangeLogEntry.objects.order_by("-at", "-id")
    serializer_class = ChangeLogEntrySerializer
    filterset_class = ChangeLogFilterSet
    export_name = "change-log"

    def rows(self, entries):  # type: ignore[no-untyped-def]
        return exports.change_rows(entries)

    @EXPORT_SCHEMA
    @action(detail=False, methods=["get"])
    def export(self, request):  # type: ignore[no-untyped-def]
        return self.export_file(request, exports.CHANGE_HEADER)
