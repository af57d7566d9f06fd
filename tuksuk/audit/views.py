"""The auditor's pages (search and export both logs) and the History tab of households, stories and projects.

The log pages are for auditors and ministry administrators only (403 for everyone else). The History tab of a
record is shown to whoever may see the record itself: it starts from ``get_for_user`` on that record (404 when
out of scope), never from the log.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuksuk.accounts.scope import get_for_user
from tuksuk.cases.models import Story
from tuksuk.core.downloads import csv_stream, xlsx_file
from tuksuk.core.views import ScopedListView
from tuksuk.households.models import Household
from tuksuk.projects.models import Project

from . import exports
from .choices import AccessAction
from .filters import AccessLogFilterSet, ChangeLogFilterSet
from .models import AccessLogEntry, ChangeLogEntry
from .permissions import require_auditor
from .present import field_changes, type_label
from .services import log_access

HISTORY_LIMIT = 200
# The records with a History tab: URL kind -> model.
HISTORY_MODELS = {"household": Household, "story": Story, "project": Project}


class AuditLogView(ScopedListView):
    """A searchable, pageable, exportable log (``?export=csv|xlsx`` with the same filters)."""

    paginate_by = 50
    filterset_class: type = AccessLogFilterSet
    header: list[str] = []
    export_name = ""
    title = gettext_lazy("บันทึกการตรวจสอบ")

    def dispatch(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        if request.user.is_authenticated:
            require_auditor(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        self.filterset = self.filterset_class(self.request.GET or None, queryset=super().get_queryset())
        return self.filterset.qs.select_related(self.user_field).order_by("-at", "-id")

    def get(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            rows = self.get_queryset()
            if self.filterset.is_bound and not self.filterset.is_valid():
                return super().get(request, *args, **kwargs)
            total = rows.count()
            if export == "xlsx" and total > exports.XLSX_ROW_LIMIT:
                messages.error(request, _("ข้อมูลเกินกว่าที่ไฟล์ Excel รับได้ กรุณาส่งออกเป็น CSV หรือกรองให้แคบลง"))
                query = request.GET.copy()
                query.pop("export", None)
                return redirect(f"{request.path}?{query.urlencode()}")
            log_access(
                request,
                AccessAction.EXPORT,
                object_type=self.model._meta.label_lower,
                filters=request.GET,
                row_count=total,
                detail={"format": export},
            )
            if export == "csv":
                return csv_stream(self.header, self.rows(rows), self.export_name)
            return xlsx_file(self.header, self.rows(rows), self.export_name, title=str(self.title))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        return super().get_context_data(filterset=self.filterset, query=query.urlencode(), title=self.title, **kwargs)


class AccessLogView(AuditLogView):
    """Who opened, exported or downloaded which household, and every login and permission change."""

    model = AccessLogEntry
    template_name = "audit/access_list.html"
    filterset_class = AccessLogFilterSet
    user_field = "user"
    header = exports.ACCESS_HEADER
    export_name = "access-log"
    title = gettext_lazy("บันทึกการเข้าถึงข้อมูล")

    def rows(self, entries):  # type: ignore[no-untyped-def]
        return exports.access_rows(entries)

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        context = super().get_context_data(**kwargs)
        for entry in context["object_list"]:
            entry.type_label = type_label(entry.object_type) if entry.object_type else ""
        return context


class ChangeLogView(AuditLogView):
    """Every change of every record: who, when, from where, and each field before and after."""

    model = ChangeLogEntry
    template_name = "audit/change_list.html"
    filterset_class = ChangeLogFilterSet
    user_field = "actor"
    header = exports.CHANGE_HEADER
    export_name = "change-log"
    title = gettext_lazy("บันทึกการเปลี่ยนแปลงข้อมูล")

    def rows(self, entries):  # type: ignore[no-untyped-def]
        return exports.change_rows(entries)

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        context = super().get_context_data(**kwargs)
        for entry in context["object_list"]:
            entry.type_label = type_label(entry.object_type)
            entry.field_changes = field_changes(entry)
        return context


@login_required
def history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The History tab of a household, story or project: its changes and its parts' changes, newest first."""
    model = HISTORY_MODELS.get(kind)
    if model is None:
        raise Http404
    record = get_for_user(model.objects.all(), request.user, pk=pk)
    entries = list(
        ChangeLogEntry.objects.filter(root_type=model._meta.label_lower, root_id=str(record.pk))
        .select_related("actor")
        .order_by("-at", "-id")[: HISTORY_LIMIT + 1]
    )
    for entry in entries:
        entry.type_label = type_label(entry.object_type)
        entry.field_changes = field_changes(entry)
    context = {
        "record": record,
        "entries": entries[:HISTORY_LIMIT],
        "more": len(entries) > HISTORY_LIMIT,
        "limit": HISTORY_LIMIT,
    }
    template = "audit/_history.html" if getattr(request, "htmx", False) else "audit/history.html"
    return render(request, template, context)
