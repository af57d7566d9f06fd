"""Project pages: list, create and edit, the project page with activities, budgets, beneficiaries, KPIs and 5W1H
progress with photos, and the printable PDF."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Sum
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import get_for_user, scope_for
from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area
from tuksuk.core.errors import user_message
from tuksuk.core.views import ScopedListView
from tuksuk.households.models import Household

from . import services
from .filters import ProjectFilterSet
from .forms import ActivityForm, BeneficiaryForm, BudgetFormSet, KpiForm, ProgressForm, ProjectForm
from .models import Activity, ProgressUpdate, Project, ProjectMedia

PROJECT_FIELDS, ACTIVITY_FIELDS = services.PROJECT_FIELDS, services.ACTIVITY_FIELDS


def get_project(user, pk: int) -> Project:  # type: ignore[no-untyped-def]
    return get_for_user(Project.objects.select_related("district__parent"), user, pk=pk)


def get_activity(user, pk: int) -> Activity:  # type: ignore[no-untyped-def]
    return get_for_user(Activity.objects.select_related("project__district"), user, pk=pk)


def writable_districts(user):  # type: ignore[no-untyped-def]
    return Area.objects.writable_by(user).filter(level=AreaLevel.DISTRICT).select_related("parent").order_by("code")


def _can_manage(user, project: Project) -> bool:  # type: ignore[no-untyped-def]
    scope = scope_for(user)
    return scope.can_write_in(project.district_id)


class ProjectListView(ScopedListView):
    model = Project
    template_name = "projects/list.html"
    paginate_by = 30

    def get_base_queryset(self):  # type: ignore[no-untyped-def]
        return Project.objects.select_related("district__parent")

    def get_queryset(self):  # type: ignore[no-untyped-def]
        self.filterset = ProjectFilterSet(
            self.request.GET or None, queryset=super().get_queryset(), request=self.request
        )
        return self.filterset.qs.annotate(
            n_activities=Count("activities", distinct=True),
            value=Sum("activities__budget_lines__planned"),
        ).order_by("-fiscal_year", "district", "title")

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        return super().get_context_data(
            filterset=self.filterset, can_create=scope_for(self.request.user).can_write, **kwargs
        )


def _project_values(data: dict) -> dict:
    values = {name: data[name] for name in PROJECT_FIELDS}
    values["timeframe"] = values["timeframe"] or ""
    values["one_plan_level"] = values["one_plan_level"] or ""
    return values


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).can_write:
        raise PermissionDenied
    from django.conf import settings

    districts = writable_districts(request.user)
    initial = {"fiscal_year": settings.TUKSUK_PROGRAMME_YEAR}
    if len(districts[:2]) == 1:
        initial["district"] = districts[0].code  # a district team has one district: chosen already
    form = ProjectForm(request.POST or None, districts=districts, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.create_project(
                actor=request.user,
                district_code=data["district"].code,
                sdg_goals=data["sdg_goals"],
                indicators=data["indicators"],
                **_project_values(data),
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("สร้างโครงการแล้ว เพิ่มกิจกรรมได้เลย"))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/form.html", {"form": form})


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request.user, pk)
    if not _can_manage(request.user, project):
        raise PermissionDenied
    initial = {name: getattr(project, name) for name in PROJECT_FIELDS}
    initial |= {
        "district": project.district_id,
        "sdg_goals": list(project.sdg_goals.all()),
        "indicators": list(project.indicators.all()),
    }
    districts = Area.objects.filter(pk=project.district_id)
    form = ProjectForm(request.POST or None, districts=districts, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.update_project(
                project,
                actor=request.user,
                sdg_goals=data["sdg_goals"],
                indicators=data["indicators"],
                **_project_values(data),
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว") if changed else _("ไม่มีการเปลี่ยนแปลง"))
            return redirect("projects:detail", pk=pk)
    return render(request, "projects/form.html", {"form": form, "project": project})


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request.user, pk)
    activities = (
        Activity.objects.visible_to(request.user)
        .filter(project=project)
        .prefetch_related(
            "agencies",
            "budget_lines",
            "kpis",
            Prefetch("updates", queryset=ProgressUpdate.objects.prefetch_related("media")),
        )
        .annotate(linked=Count("beneficiaries", distinct=True))
    )
    totals = {"planned": 0, "spent": 0, "target": 0, "benefited": 0}
    for activity in activities:
        for line in activity.budget_lines.all():
            totals["planned"] += line.planned
            totals["spent"] += line.spent
        totals["target"] += activity.target_households or 0
        totals["benefited"] += activity.linked or activity.reached_households or 0
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "activities": activities,
            "totals": totals,
            "events": project.events.select_related("actor", "activity").order_by("-at")[:50],
            "can_manage": _can_manage(request.user, project),
            "activity_form": ActivityForm(initial={"status": "planned", "percent_complete": 0}),
        },
    )


@login_required
@require_POST
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request.user, pk)
    form = ActivityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_activity(
                project,
                actor=request.user,
                agencies=data["agencies"],
                **{name: data[name] if data[name] is not None else None for name in ACTIVITY_FIELDS},
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, user_message(exc))
        else:
            messages.success(request, _("เพิ่มกิจกรรมแล้ว"))
    else:
        messages.error(
            request,
            " ".join(
                f"{form.fields[f].label}: {e}" for f, errs in form.errors.items() if f in form.fields for e in errs
            ),
        )
    return redirect("projects:detail", pk=pk)


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The activity page: edit it, its budget lines, KPIs, beneficiaries and 5W1H progress reports."""
    activity = get_activity(request.user, pk)
    project = activity.project
    manage = _can_manage(request.user, project)
    can_report = manage or (scope_for(request.user).can_write and services._can_report(request.user, activity))
    initial = {name: getattr(activity, name) for name in ACTIVITY_FIELDS} | {"agencies": list(activity.agencies.all())}
    activity_form = ActivityForm(initial=initial)
    budget_formset = BudgetFormSet(
        prefix="budget",
        initial=[
            {"source": b.source, "source_detail": b.source_detail, "planned": b.planned, "spent": b.spent}
            for b in activity.budget_lines.all()
        ],
    )
    if request.method == "POST":
        action = request.POST.get("form")
        try:
            if action == "activity" and manage:
                activity_form = ActivityForm(request.POST, initial=initial)
                if activity_form.is_valid():
                    data = activity_form.cleaned_data
                    services.update_activity(
                        activity,
                        actor=request.user,
                        agencies=data["agencies"],
                        **{name: data[name] for name in ACTIVITY_FIELDS},
                    )
                    messages.success(request, _("บันทึกการแก้ไขแล้ว"))
                    return redirect("projects:activity", pk=pk)
            elif action == "budget" and manage:
                budget_formset = BudgetFormSet(request.POST, prefix="budget")
                if budget_formset.is_valid():
                    lines = [
                        f.cleaned_data
                        for f in budget_formset.forms
                        if f.cleaned_data and not f.cleaned_data.get("DELETE")
                    ]
                    services.set_budget(activity, lines, actor=request.user)
                    messages.success(request, _("บันทึกงบประมาณแล้ว"))
                    return redirect("projects:activity", pk=pk)
            elif action == "progress" and can_report:
                return _progress(request, activity)
            elif action == "kpi" and can_report:
                kpi_form = KpiForm(request.POST)
                if kpi_form.is_valid():
                    services.set_kpi(activity, actor=request.user, **kpi_form.cleaned_data)
                    messages.success(request, _("บันทึก KPI แล้ว"))
                else:
                    messages.error(request, _("กรุณาระบุชื่อตัวชี้วัด"))
                return redirect("projects:activity", pk=pk)
            elif action == "beneficiaries" and can_report:
                return _beneficiaries(request, activity)
            else:
                raise PermissionDenied
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, user_message(exc))
            return redirect("projects:activity", pk=pk)
    return render(
        request,
        "projects/activity.html",
        {
            "activity": activity,
            "project": project,
            "manage": manage,
            "can_report": can_report,
            "activity_form": activity_form,
            "budget_formset": budget_formset,
            "progress_form": ProgressForm(),
            "kpi_form": KpiForm(),
            "beneficiary_form": BeneficiaryForm(),
            "updates": activity.updates.select_related("created_by").prefetch_related("media"),
            "beneficiaries": activity.beneficiaries.visible_to(request.user).select_related("village")[:200],
        },
    )


def _progress(request: HttpRequest, activity: Activity) -> HttpResponse:
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(
            request,
            " ".join(
                f"{form.fields[f].label}: {e}" for f, errs in form.errors.items() if f in form.fields for e in errs
            ),
        )
        return redirect("projects:activity", pk=activity.pk)
    data = form.cleaned_data
    files = [*data["before"], *data["after"], *data["files"]]
    phases = dict.fromkeys(range(len(data["before"])), "before")
    phases |= {len(data["before"]) + i: "after" for i in range(len(data["after"]))}
    from tuksuk.cases.media import UploadRejected

    try:
        services.report_progress(
            activity,
            actor=request.user,
            files=files,
            phases=phases,
            **{k: data[k] for k in ("who", "what", "where", "when", "why", "how", "percent_complete")},
        )
    except UploadRejected as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("บันทึกรายงานความก้าวหน้าแล้ว"))
    return redirect("projects:activity", pk=activity.pk)


def _beneficiaries(request: HttpRequest, activity: Activity) -> HttpResponse:
    form = BeneficiaryForm(request.POST)
    form.is_valid()
    codes = [c for c in re.split(r"[\s,;]+", form.cleaned_data.get("house_codes", "")) if c]
    found = {h.house_code: h for h in Household.objects.visible_to(request.user).filter(house_code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        messages.error(request, _("ไม่พบครัวเรือนรหัส %(codes)s ในพื้นที่ของคุณ") % {"codes": ", ".join(missing[:10])})
        return redirect("projects:activity", pk=activity.pk)
    count = services.set_beneficiaries(activity, list(found.values()), actor=request.user)
    messages.success(request, _("บันทึกครัวเรือนผู้รับประโยชน์ %(n)d ครัวเรือนแล้ว") % {"n": count})
    return redirect("projects:activity", pk=activity.pk)


@login_required
def media_file(request: HttpRequest, token: str, variant: str = "file") -> FileResponse:
    from tuksuk.cases.media import serve_stored

    item = get_for_user(ProjectMedia.objects.select_related("update__activity__project"), request.user, token=token)
    return serve_stored(item, variant)


@login_required
def project_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from .pdf import project_pdf as render_pdf

    project = get_project(request.user, pk)
    response = HttpResponse(render_pdf(project, user=request.user), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="project-{project.pk}.pdf"'
    return response


@login_required
def project_import(request: HttpRequest) -> HttpResponse:
    import uuid

    from django.core.files.storage import default_storage

    from tuksuk.jobs.services import start_job

    from .forms import ProjectImportForm
    from .tasks import import_projects_job

    if not scope_for(request.user).can_write:
        raise PermissionDenied
    form = ProjectImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        params = {"dry_run": form.cleaned_data["dry_run"], "skip_invalid": form.cleaned_data["skip_invalid"]}
        names = []
        for name in ("projects", "activities"):
            upload = form.cleaned_data.get(name)
            if upload:
                params[f"{name}_path"] = default_storage.save(f"imports/{uuid.uuid4().hex}-{upload.name[-60:]}", upload)
                params[f"{name}_name"] = upload.name
                names.append(upload.name)
        job = start_job(
            import_projects_job,
            _("นำเข้าโครงการ: %(names)s") % {"names": ", ".join(names)},
            actor=request.user,
            params=params,
        )
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "projects/import.html", {"form": form})


@login_required
def project_export(request: HttpRequest) -> HttpResponse:
    """The projects the user may see (filtered like the list) in the import format, or as IATI XML."""
    import io
    import zipfile

    from .exporter import iati_xml, write_activities_csv, write_projects_csv

    projects = ProjectFilterSet(request.GET or None, queryset=Project.objects.visible_to(request.user)).qs
    if request.GET.get("format") == "iati":
        response = HttpResponse(iati_xml(projects), content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="tuksuk-iati.xml"'
        return response
    activities = Activity.objects.visible_to(request.user).filter(project__in=projects)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, writer, rows in (
            ("projects.csv", write_projects_csv, projects),
            ("activities.csv", write_activities_csv, activities),
        ):
            out = io.StringIO()
            writer(rows, out)
            archive.writestr(name, out.getvalue().encode("utf-8"))
    response = HttpResponse(data.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="tuksuk-projects.zip"'
    return response
