"""Every change to a project or activity goes through here, and each writes a ProjectEvent. Pages, API,
importer and demo call these functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.accounts.scope import require_write, scope_for
from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area

from .choices import ALL_NETWORKS, ActivityStatus, ProjectEventKind
from .models import Activity, BudgetLine, Kpi, ProgressUpdate, Project, ProjectEvent, ProjectMedia

# The fields a person edits on a project and an activity (pages and API use these lists).
PROJECT_FIELDS = (
    "title",
    "brief",
    "category",
    "fiscal_year",
    "timeframe",
    "start_on",
    "end_on",
    "one_plan_code",
    "one_plan_level",
    "upstream",
    "midstream",
    "downstream",
    "partner_networks",
)
ACTIVITY_FIELDS = (
    "title",
    "value_chain",
    "partner_networks",
    "start_on",
    "end_on",
    "status",
    "percent_complete",
    "target_households",
    "reached_households",
)


def _event(project: Project, kind: str, actor, *, activity: Activity | None = None, **data) -> None:  # type: ignore[no-untyped-def]
    note = data.pop("note", "")
    from_status, to_status = data.pop("from_status", ""), data.pop("to_status", "")
    ProjectEvent.objects.create(
        project=project,
        activity=activity,
        kind=kind,
        actor=actor,
        note=note,
        from_status=from_status,
        to_status=to_status,
        data=data,
    )


def _networks(values: Iterable[str]) -> list[str]:
    values = [v for v in dict.fromkeys(values) if v]
    unknown = [v for v in values if v not in ALL_NETWORKS]
    if unknown:
        raise ValidationError({"partner_networks": _("ไม่รู้จักภาคีเครือข่าย: %(names)s") % {"names": ", ".join(unknown)}})
    return values


def _district(code: str) -> Area:
    district = Area.objects.filter(code=code, level=AreaLevel.DISTRICT).first()
    if district is None:
        raise ValidationError({"district": _("ไม่พบอำเภอรหัส %(code)s") % {"code": code}})
    return district


def _plain(value):  # type: ignore[no-untyped-def]
    return str(value) if isinstance(value, dt.date | Decimal) else value


@transaction.atomic
def create_project(
    *,
    actor,
    district_code: str,
    sdg_goals=(),
    indicators=(),
    ref: str | None = None,  # type: ignore[no-untyped-def]
    kind: str = ProjectEventKind.CREATED,
    **fields,
) -> Project:
    require_write(actor, district_code)
    fields["partner_networks"] = _networks(fields.get("partner_networks", []))
    project = Project(district=_district(district_code), ref=ref or None, created_by=actor, **fields)
    project.full_clean(exclude=["district"])
    project.save()
    project.sdg_goals.set(sdg_goals)
    project.indicators.set(indicators)
    _event(project, kind, actor)
    return project


@transaction.atomic
def update_project(
    project: Project,
    *,
    actor,
    sdg_goals=None,
    indicators=None,  # type: ignore[no-untyped-def]
    kind: str = ProjectEventKind.UPDATED,
    **fields,
) -> bool:
    """Change a project; returns whether anything changed (an event is written only then)."""
    require_write(actor, project.district_id)
    if "partner_networks" in fields:
        fields["partner_networks"] = _networks(fields["partner_networks"])
    before = {name: _plain(getattr(project, name)) for name, value in fields.items() if getattr(project, name) != value}
    for name in before:
        setattr(project, name, fields[name])
    if before:
        project.full_clean(exclude=["district"])
        project.save(update_fields=[*before, "updated_at"])
    for relation, values in (("sdg_goals", sdg_goals), ("indicators", indicators)):
        if values is not None:
            old = set(getattr(project, relation).values_list("pk", flat=True))
            new = {getattr(v, "pk", v) for v in values}
            if old != new:
                before[relation] = sorted(old)
                getattr(project, relation).set(new)
    if before:
        _event(project, kind, actor, before=before)
    return bool(before)


def _can_report(actor, activity: Activity) -> int | None:  # type: ignore[no-untyped-def]
    """Agency staff may report on activities their agency is responsible for: returns that agency's id."""
    mine = scope_for(actor).agency_ids & set(activity.agencies.values_list("pk", flat=True))
    return next(iter(mine), None)


@transaction.atomic
def add_activity(project: Project, *, actor, agencies=(), ref: str | None = None, **fields) -> Activity:  # type: ignore[no-untyped-def]
    require_write(actor, project.district_id)
    fields["partner_networks"] = _networks(fields.get("partner_networks", []))
    activity = Activity(project=project, ref=ref or None, created_by=actor, **fields)
    activity.full_clean(exclude=["project"])
    activity.save()
    activity.agencies.set(agencies)
    _event(project, ProjectEventKind.ACTIVITY_ADDED, actor, activity=activity, title=activity.title)
    return activity


@transaction.atomic
def update_activity(activity: Activity, *, actor, agencies=None, **fields) -> bool:  # type: ignore[no-untyped-def]
    """Change an activity; a new status is a STATUS event of its own. Returns whether anything changed."""
    require_write(actor, activity.project.district_id, _can_report(actor, activity))
    if "partner_networks" in fields:
        fields["partner_networks"] = _networks(fields["partner_networks"])
    before = {
        name: _plain(getattr(activity, name)) for name, value in fields.items() if getattr(activity, name) != value
    }
    old_status = activity.status
    for name in before:
        setattr(activity, name, fields[name])
    if activity.status == ActivityStatus.DONE and "percent_complete" not in fields:
        activity.percent_complete = 100
        before.setdefault("percent_complete", activity.percent_complete)
    if before:
        activity.full_clean(exclude=["project"])
        activity.save(update_fields=[*before, "updated_at"])
    if agencies is not None:
        old = set(activity.agencies.values_list("pk", flat=True))
        new = {getattr(a, "pk", a) for a in agencies}
        if old != new:
            before["agencies"] = sorted(old)
            activity.agencies.set(new)
    if "status" in before:
        _event(
            activity.project,
            ProjectEventKind.STATUS,
            actor,
            activity=activity,
            from_status=old_status,
            to_status=activity.status,
        )
        before.pop("status")
    if before:
        _event(activity.project, ProjectEventKind.ACTIVITY_UPDATED, actor, activity=activity, before=before)
    return bool(before) or activity.status != old_status


@transaction.atomic
def set_budget(activity: Activity, lines: list[dict], *, actor) -> list[BudgetLine]:  # type: ignore[no-untyped-def]
    """Replace the activity's budget lines: ``[{"source", "planned", "spent", "source_detail"}]``."""
    require_write(actor, activity.project.district_id)
    built = []
    for line in lines:
        budget = BudgetLine(
            activity=activity,
            source=line["source"],
            source_detail=line.get("source_detail", ""),
            planned=Decimal(line.get("planned") or 0),
            spent=Decimal(line.get("spent") or 0),
        )
        budget.full_clean(exclude=["activity"])
        built.append(budget)
    before = [(b.source, str(b.planned), str(b.spent)) for b in activity.budget_lines.all()]
    activity.budget_lines.all().delete()
    from tuksuk.audit.services import record_bulk_created

    record_bulk_created(BudgetLine.objects.bulk_create(built))
    _event(
        activity.project,
        ProjectEventKind.BUDGET,
        actor,
        activity=activity,
        before=before,
        after=[(b.source, str(b.planned), str(b.spent)) for b in built],
    )
    return built


@transaction.atomic
def set_beneficiaries(activity: Activity, households, *, actor) -> int:  # type: ignore[no-untyped-def]
    """Link the registry's households that benefited (only households the actor may see)."""
    from tuksuk.households.models import Household

    require_write(actor, activity.project.district_id, _can_report(actor, activity))
    ids = {getattr(h, "pk", h) for h in households}
    visible = set(Household.objects.visible_to(actor).filter(pk__in=ids).values_list("pk", flat=True))
    if visible != ids:
        raise ValidationError(_("มีครัวเรือนที่ไม่อยู่ในพื้นที่ของคุณ"))
    activity.beneficiaries.set(visible)
    _event(activity.project, ProjectEventKind.BENEFICIARIES, actor, activity=activity, households=len(visible))
    return len(visible)


@transaction.atomic
def report_progress(activity: Activity, *, actor, files=(), phases=None, **fields) -> ProgressUpdate:  # type: ignore[no-untyped-def]
    """A 5W1H progress update, with photos or videos (``phases`` gives before/after for each file)."""
    from tuksuk.cases import media

    require_write(actor, activity.project.district_id, _can_report(actor, activity))
    if fields.get("when") and fields["when"] > timezone.localdate():
        raise ValidationError({"when": _("วันที่ต้องไม่เป็นวันในอนาคต")})
    update = ProgressUpdate(activity=activity, created_by=actor, **fields)
    update.full_clean(exclude=["activity"])
    update.save()
    for index, upload in enumerate(files):
        item = ProjectMedia(update=update, phase=(phases or {}).get(index, "other"))
        media.store_upload(item, upload, exclude=["update"])
    if update.percent_complete is not None and update.percent_complete != activity.percent_complete:
        activity.percent_complete = update.percent_complete
        if activity.status == ActivityStatus.PLANNED:
            activity.status = ActivityStatus.IN_PROGRESS
        activity.save(update_fields=["percent_complete", "status", "updated_at"])
    _event(
        activity.project,
        ProjectEventKind.PROGRESS,
        actor,
        activity=activity,
        update=update.pk,
        percent=update.percent_complete,
    )
    return update


@transaction.atomic
def set_kpi(
    activity: Activity,
    *,
    actor,
    name: str,
    unit: str = "",
    target=None,
    actual=None,  # type: ignore[no-untyped-def]
    kpi: Kpi | None = None,
) -> Kpi:
    require_write(actor, activity.project.district_id, _can_report(actor, activity))
    kpi = kpi or Kpi(activity=activity)
    kpi.name, kpi.unit, kpi.target, kpi.actual = name, unit, target, actual
    kpi.full_clean(exclude=["activity"])
    kpi.save()
    return kpi
