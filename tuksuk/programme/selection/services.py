"""Every change to a round, its rubric, applications, judges, scores, tie-breaks and awards goes through here;
each writes a RoundEvent (scores: a ScoreChange). Pages, API and the demo call these functions.

Who may do what
- ministry admins manage rounds (rubric, judges, tie-breaks, publication, awards); ministry viewers never write;
- the district chief or team of an eligible district applies for their own district, until the deadline;
- a judge assigned to the round scores the applications they judge, until the results are published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.accounts.roles import Role
from tuksuk.accounts.scope import scope_for
from tuksuk.areas.choices import AreaLevel, PilotLevel
from tuksuk.areas.models import Area, PilotDistrict

from . import metrics
from .choices import ApplicationStatus, RoundEventKind, RoundKind, RoundStatus, ScoreSource
from .models import (
    Application,
    ApplicationAttachment,
    Award,
    Criterion,
    JudgeAssignment,
    Round,
    RoundEvent,
    RubricTemplate,
    Score,
    ScoreChange,
    TieBreak,
)

APPLICANT_ROLES = frozenset({Role.DISTRICT_CHIEF, Role.DISTRICT_TEAM})
ROUND_FIELDS = ("kind", "title", "programme_year", "level", "deadline", "period_start", "period_end", "description")
APPLICATION_FIELDS = ("service_record", "inspiration", "team_readiness", "proposal", "video_url", "contact")


def _event(round: Round, kind: str, actor, *, application: Application | None = None, note: str = "", **data) -> None:  # type: ignore[no-untyped-def]
    RoundEvent.objects.create(round=round, application=application, kind=kind, actor=actor, note=note, data=data)


def _plain(value):  # type: ignore[no-untyped-def]
    return str(value) if isinstance(value, dt.date | dt.datetime | Decimal) else value


# --- who may do what ---------------------------------------------------------------------------------------------


def can_manage(user) -> bool:  # type: ignore[no-untyped-def]
    scope = scope_for(user)
    return scope.everything and scope.can_write and Role.MINISTRY_ADMIN in scope.roles


def require_manager(user) -> None:  # type: ignore[no-untyped-def]
    if not can_manage(user):
        raise PermissionDenied(_("เฉพาะผู้ดูแลระบบส่วนกลางเท่านั้นที่จัดการรอบการคัดเลือกได้"))


def can_apply_for(user, district_code: str) -> bool:  # type: ignore[no-untyped-def]
    scope = scope_for(user)
    return bool(scope.roles & APPLICANT_ROLES) and scope.can_write_in(district_code)


def assignment_for(user, application: Application) -> JudgeAssignment | None:  # type: ignore[no-untyped-def]
    """The user's judge assignment that covers this application, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    assignment = JudgeAssignment.objects.filter(round_id=application.round_id, judge=user).first()
    if assignment is None:
        return None
    chosen = assignment.applications.all()
    return assignment if not chosen.exists() or chosen.filter(pk=application.pk).exists() else None


def _unlocked(round: Round) -> None:
    if round.is_published:
        raise ValidationError(_("ประกาศผลรอบนี้แล้ว แก้ไขไม่ได้"))


def _rubric_editable(round: Round) -> None:
    _unlocked(round)
    if round.scoring_started:
        raise ValidationError(
            _("เกณฑ์การให้คะแนนถูกล็อกแล้ว เพราะกรรมการเริ่มให้คะแนน แก้ไขเกณฑ์หรือคะแนนเต็มไม่ได้เพื่อให้ทุกใบสมัครใช้เกณฑ์เดียวกัน")
        )


# --- rounds and rubrics ------------------------------------------------------------------------------------------


@transaction.atomic
def create_round(*, actor, eligible_areas: Iterable[Area] = (), **fields) -> Round:  # type: ignore[no-untyped-def]
    require_manager(actor)
    round = Round(created_by=actor, **fields)
    round.full_clean()
    round.save()
    round.eligible_areas.set(eligible_areas)
    _event(round, RoundEventKind.CREATED, actor)
    return round


@transaction.atomic
def update_round(round: Round, *, actor, eligible_areas: Iterable[Area] | None = None, **fields) -> bool:  # type: ignore[no-untyped-def]
    require_manager(actor)
    _unlocked(round)
    before = {name: _plain(getattr(round, name)) for name, value in fields.items() if getattr(round, name) != value}
    if {"kind", "level", "programme_year"} & set(before) and round.applications.exists():
        raise ValidationError(_("มีใบสมัครแล้ว เปลี่ยนประเภท ระดับ หรือปีของรอบไม่ได้"))
    for name in before:
        setattr(round, name, fields[name])
    if before:
        round.full_clean()
        round.save(update_fields=[*before, "updated_at"])
    if eligible_areas is not None:
        old = set(round.eligible_areas.values_list("pk", flat=True))
        new = {a.pk for a in eligible_areas}
        if old != new:
            before["eligible_areas"] = sorted(old)
            round.eligible_areas.set(new)
    if before:
        _event(round, RoundEventKind.UPDATED, actor, before=before)
    return bool(before)


@transaction.atomic
def copy_template(round: Round, template: RubricTemplate, *, actor) -> int:  # type: ignore[no-untyped-def]
    """Replace the round's rubric with a copy of the template's criteria."""
    require_manager(actor)
    _rubric_editable(round)
    round.criteria.all().delete()
    copies: dict[int, Criterion] = {}
    for item in template.criteria.order_by("order", "id"):
        copies[item.pk] = Criterion.objects.create(
            round=round,
            parent=copies.get(item.parent_id) if item.parent_id else None,
            number=item.number,
            title=item.title,
            guidance=item.guidance,
            max_points=item.max_points,
            data_source=item.data_source,
            order=item.order,
        )
    _event(round, RoundEventKind.RUBRIC, actor, template=template.code)
    return len(copies)


def _criterion_fields(round: Round, fields: dict) -> dict:
    source = fields.get("data_source") or ""
    if source and source not in metrics.METRICS:
        raise ValidationError({"data_source": _("ไม่รู้จักแหล่งข้อมูลนี้")})
    parent = fields.get("parent")
    if parent is not None and (parent.round_id != round.pk or parent.parent_id is not None):
        raise ValidationError({"parent": _("เกณฑ์หลักต้องเป็นเกณฑ์ข้อใหญ่ของรอบเดียวกัน")})
    return {**fields, "data_source": source}


@transaction.atomic
def add_criterion(round: Round, *, actor, **fields) -> Criterion:  # type: ignore[no-untyped-def]
    require_manager(actor)
    _rubric_editable(round)
    fields = _criterion_fields(round, fields)
    fields.setdefault("order", (round.criteria.order_by("-order").values_list("order", flat=True).first() or 0) + 1)
    criterion = Criterion(round=round, **fields)
    criterion.full_clean()
    criterion.save()
    _event(round, RoundEventKind.RUBRIC, actor, added=f"{criterion.number} {criterion.title}"[:200])
    return criterion


@transaction.atomic
def update_criterion(criterion: Criterion, *, actor, **fields) -> bool:  # type: ignore[no-untyped-def]
    round = criterion.round
    require_manager(actor)
    _rubric_editable(round)
    fields = _criterion_fields(round, fields)
    if fields.get("parent") == criterion or (fields.get("parent") and criterion.children.exists()):
        raise ValidationError({"parent": _("เกณฑ์ที่มีเกณฑ์ย่อยต้องเป็นเกณฑ์ข้อใหญ่")})
    before = {k: _plain(getattr(criterion, k)) for k, v in fields.items() if getattr(criterion, k) != v}
    for name in before:
        setattr(criterion, name, fields[name])
    if before:
        criterion.full_clean()
        criterion.save(update_fields=list(before))
        _event(
            round,
            RoundEventKind.RUBRIC,
            actor,
            criterion=criterion.number,
            before={k: str(v) for k, v in before.items()},
        )
    return bool(before)


@transaction.atomic
def delete_criterion(criterion: Criterion, *, actor) -> None:  # type: ignore[no-untyped-def]
    round = criterion.round
    require_manager(actor)
    _rubric_editable(round)
    _event(round, RoundEventKind.RUBRIC, actor, deleted=f"{criterion.number} {criterion.title}"[:200])
    criterion.delete()


def rubric_problems(round: Round) -> list[str]:
    """Why the rubric cannot be used yet (empty when it can)."""
    criteria = list(round.criteria.all())
    if not criteria:
        return [_("ยังไม่มีเกณฑ์การให้คะแนน")]
    problems = []
    for parent in (c for c in criteria if c.parent_id is None):
        children = [c for c in criteria if c.parent_id == parent.pk]
        if children and sum(c.max_points for c in children) != parent.max_points:
            problems.append(
                _("คะแนนเต็มของเกณฑ์ย่อยข้อ %(number)s รวมได้ %(sum)s ไม่เท่ากับคะแนนเต็มของข้อ (%(max)s)")
                % {"number": parent.number, "sum": sum(c.max_points for c in children), "max": parent.max_points}
            )
    return problems


@transaction.atomic
def open_round(round: Round, *, actor) -> None:  # type: ignore[no-untyped-def]
    require_manager(actor)
    if round.status != RoundStatus.DRAFT:
        raise ValidationError(_("รอบนี้เปิดแล้ว"))
    if problems := rubric_problems(round):
        raise ValidationError(problems)
    round.status = RoundStatus.OPEN
    round.save(update_fields=["status", "updated_at"])
    _event(round, RoundEventKind.OPENED, actor)


# --- judges ------------------------------------------------------------------------------------------------------


@transaction.atomic
def assign_judge(round: Round, judge, *, actor, applications: Iterable[Application] = ()) -> JudgeAssignment:  # type: ignore[no-untyped-def]
    """Make ``judge`` a judge of the round (of the chosen applications only, when any are given)."""
    require_manager(actor)
    _unlocked(round)
    judge_scope = scope_for(judge)
    if judge_scope.roles and not judge_scope.can_write:
        raise ValidationError(_("ผู้ใช้สิทธิ์อ่านอย่างเดียวเป็นกรรมการให้คะแนนไม่ได้"))
    chosen = list(applications)
    if any(a.round_id != round.pk for a in chosen):
        raise ValidationError(_("ใบสมัครที่เลือกไม่ได้อยู่ในรอบนี้"))
    assignment, _created = JudgeAssignment.objects.get_or_create(round=round, judge=judge)
    assignment.applications.set(chosen)
    _event(round, RoundEventKind.JUDGE_ADDED, actor, judge=judge.pk, applications=[a.pk for a in chosen])
    return assignment


@transaction.atomic
def remove_judge(assignment: JudgeAssignment, *, actor) -> None:  # type: ignore[no-untyped-def]
    require_manager(actor)
    _unlocked(assignment.round)
    if Score.objects.filter(application__round=assignment.round, judge=assignment.judge).exists():
        raise ValidationError(_("กรรมการท่านนี้ให้คะแนนแล้ว ถอนออกไม่ได้"))
    _event(assignment.round, RoundEventKind.JUDGE_REMOVED, actor, judge=assignment.judge_id)
    assignment.delete()


# --- eligibility and applications --------------------------------------------------------------------------------


def eligible_districts(round: Round):  # type: ignore[no-untyped-def]
    """Districts that may take part: under the eligible areas (all when none are set); for a group-level selection,
    that year's province-level pilots; for an evaluation, the pilots of the round's year and level."""
    districts = Area.objects.filter(level=AreaLevel.DISTRICT, is_active=True)
    codes = list(round.eligible_areas.values_list("code", flat=True))
    if codes:
        prefixes = [c for c in codes if c.isdigit()] + Area.objects.province_codes_under(codes)
        condition = Q(pk__in=[])
        for prefix in prefixes:
            condition |= Q(code__startswith=prefix)
        districts = districts.filter(condition)
    if round.kind == RoundKind.EVALUATION:
        pilots = PilotDistrict.objects.filter(programme_year=round.programme_year, level=round.level)
        districts = districts.filter(pk__in=pilots.values("district_id"))
    elif round.level == PilotLevel.GROUP:
        pilots = PilotDistrict.objects.filter(programme_year=round.programme_year, level=PilotLevel.PROVINCE)
        districts = districts.filter(pk__in=pilots.values("district_id"))
    return districts


def _open_for_applications(round: Round) -> None:
    if round.status != RoundStatus.OPEN:
        raise ValidationError(_("รอบนี้ไม่ได้เปิดรับสมัคร"))
    if timezone.now() > round.deadline:
        raise ValidationError(_("เลยกำหนดปิดรับสมัครแล้ว"))


@transaction.atomic
def save_application(round: Round, district_code: str, *, actor, submit: bool = False, **fields) -> Application:  # type: ignore[no-untyped-def]
    """Create or change the district's application (and submit it when ``submit``)."""
    if not can_apply_for(actor, district_code):
        raise PermissionDenied(_("เฉพาะนายอำเภอหรือทีมอำเภอของอำเภอนี้เท่านั้นที่สมัครได้"))
    _open_for_applications(round)
    if not eligible_districts(round).filter(pk=district_code).exists():
        raise ValidationError(_("อำเภอนี้ไม่มีสิทธิ์สมัครในรอบนี้"))
    application = Application.objects.select_for_update().filter(round=round, district_id=district_code).first()
    created = application is None
    if created:
        application = Application(round=round, district_id=district_code, created_by=actor)
    before = {name: getattr(application, name) for name, value in fields.items() if getattr(application, name) != value}
    for name, value in fields.items():
        setattr(application, name, value)
    application.full_clean(exclude=["round", "district"])
    application.save()
    if created or before:
        _event(round, RoundEventKind.APPLIED, actor, application=application, changed=sorted(before))
    if submit and not application.is_submitted:
        submit_application(application, actor=actor)
    return application


@transaction.atomic
def submit_application(application: Application, *, actor) -> None:  # type: ignore[no-untyped-def]
    if not can_apply_for(actor, application.district_id):
        raise PermissionDenied(_("เฉพาะนายอำเภอหรือทีมอำเภอของอำเภอนี้เท่านั้นที่สมัครได้"))
    _open_for_applications(application.round)
    if application.is_submitted:
        return
    if not (application.service_record or application.proposal or application.inspiration):
        raise ValidationError(_("กรุณากรอกข้อมูลใบสมัครก่อนส่ง"))
    application.status, application.submitted_at = ApplicationStatus.SUBMITTED, timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    _event(application.round, RoundEventKind.SUBMITTED, actor, application=application)


@transaction.atomic
def attach_file(application: Application, upload, *, actor, caption: str = "") -> ApplicationAttachment:  # type: ignore[no-untyped-def]
    """A photo or video for the application (checked like story evidence: ``cases.media``)."""
    from tuksuk.cases import media

    if not can_apply_for(actor, application.district_id):
        raise PermissionDenied(_("เฉพาะนายอำเภอหรือทีมอำเภอของอำเภอนี้เท่านั้นที่แนบไฟล์ได้"))
    _open_for_applications(application.round)
    item = ApplicationAttachment(application=application, caption=caption.strip()[:300], uploaded_by=actor)
    return media.store_upload(
        item,
        upload,
        exclude=["application", "uploaded_by"],
        then=lambda saved: _event(
            application.round, RoundEventKind.ATTACHMENT, actor, application=application, attachment=saved.pk
        ),
    )


@transaction.atomic
def enroll_pilots(round: Round, *, actor) -> int:  # type: ignore[no-untyped-def]
    """Evaluation: enter every eligible pilot district (submitted, so judges can score). Returns how many were new."""
    require_manager(actor)
    _unlocked(round)
    if round.kind != RoundKind.EVALUATION:
        raise ValidationError(_("ลงทะเบียนอำเภอนำร่องได้เฉพาะรอบประเมินผล"))
    now, added = timezone.now(), 0
    for district in eligible_districts(round).exclude(applications__round=round):
        application = Application.objects.create(
            round=round, district=district, status=ApplicationStatus.SUBMITTED, submitted_at=now, created_by=actor
        )
        _event(round, RoundEventKind.ENROLLED, actor, application=application)
        added += 1
    return added


# --- scores ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    criterion: Criterion
    value: Decimal | None  # the district's figure; None when the source is not available yet
    points: Decimal | None  # scaled to the criterion's maximum
    highest: Decimal | None

    @property
    def available(self) -> bool:
        return self.points is not None


def suggestions(round: Round, applications: Iterable[Application]) -> dict[tuple[int, int], Suggestion]:
    """Pre-filled points for data-driven criteria, per (application id, criterion id) (see metrics.py)."""
    applications = list(applications)
    found: dict[tuple[int, int], Suggestion] = {}
    criteria = [c for c in round.leaf_criteria() if c.data_source in metrics.METRICS]
    if not criteria or not applications:
        return found
    eligible = list(eligible_districts(round).values_list("code", flat=True))
    start, end = round.period_start, round.period_end or timezone.localtime(round.deadline).date()
    for criterion in criteria:
        metric = metrics.METRICS[criterion.data_source]
        if not metric.available():
            for application in applications:
                found[(application.pk, criterion.pk)] = Suggestion(criterion, None, None, None)
            continue
        values = metric.values({*eligible, *(a.district_id for a in applications)}, start, end)
        highest = max(values.values(), default=Decimal("0"))
        for application in applications:
            value = values[application.district_id]
            found[(application.pk, criterion.pk)] = Suggestion(
                criterion, value, metrics.scaled(value, highest, criterion.max_points), highest
            )
    return found


@dataclass(frozen=True)
class ScoreEntry:
    criterion_id: int
    points: str | Decimal | None
    comment: str = ""
    revision: int | None = None  # the score's revision the form was made from (0: not scored yet)


def _points(value, criterion: Criterion) -> Decimal:  # type: ignore[no-untyped-def]
    try:
        points = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("ข้อ %(n)s: คะแนนต้องเป็นตัวเลข") % {"n": criterion.number}) from exc
    if not points.is_finite() or points < 0 or points > criterion.max_points:
        raise ValidationError(
            _("ข้อ %(n)s: คะแนนต้องอยู่ระหว่าง 0 ถึง %(max)s") % {"n": criterion.number, "max": criterion.max_points}
        )
    if points != points.quantize(Decimal("0.01")):
        raise ValidationError(_("ข้อ %(n)s: ทศนิยมได้ไม่เกิน 2 ตำแหน่ง") % {"n": criterion.number})
    return points


@transaction.atomic
def record_scores(application: Application, entries: Iterable[ScoreEntry], *, actor) -> int:  # type: ignore[no-untyped-def]
    """The actor's points and comments for criteria of one application. A blank entry changes nothing. Every change
    is logged (who, when, old, new, comment). Refuses everything if one entry is wrong. Returns how many changed."""
    # Read the round afresh (and lock it): publication may have happened since the caller loaded it.
    round = Round.objects.select_for_update().get(pk=application.round_id)
    if round.status != RoundStatus.OPEN:
        raise ValidationError(_("ให้คะแนนได้เฉพาะรอบที่เปิดอยู่และยังไม่ประกาศผล"))
    if not application.is_submitted:
        raise ValidationError(_("ใบสมัครนี้ยังไม่ได้ส่ง"))
    scope = scope_for(actor)
    if assignment_for(actor, application) is None or (scope.roles and not scope.can_write):
        raise PermissionDenied(_("คุณไม่ได้เป็นกรรมการของใบสมัครนี้"))
    leaves = {c.pk: c for c in round.leaf_criteria()}
    existing = {
        s.criterion_id: s for s in Score.objects.select_for_update().filter(application=application, judge=actor)
    }
    suggested = suggestions(round, [application])
    changed = 0
    now = timezone.now()
    for entry in entries:
        criterion = leaves.get(entry.criterion_id)
        if criterion is None:
            raise ValidationError(_("ไม่พบเกณฑ์นี้ในรอบ"))
        if entry.points is None or str(entry.points).strip() == "":
            continue
        points = _points(entry.points, criterion)
        comment = (entry.comment or "").strip()
        score = existing.get(criterion.pk)
        if entry.revision is not None and entry.revision != (score.revision if score else 0):
            raise ValidationError(
                _("คะแนนข้อ %(n)s ถูกแก้ไขไปแล้วหลังจากที่คุณเปิดแบบฟอร์ม กรุณาโหลดหน้าใหม่แล้วกรอกอีกครั้ง") % {"n": criterion.number}
            )
        if score is not None and score.points == points and score.comment == comment:
            continue
        hint = suggested.get((application.pk, criterion.pk))
        hint_points = hint.points if hint else None
        if hint_points is None:
            source = ScoreSource.MANUAL
        else:
            source = ScoreSource.PREFILL_ACCEPTED if points == hint_points else ScoreSource.PREFILL_OVERRIDDEN
        old = score.points if score else None
        if score is None:
            score = Score.objects.create(
                application=application,
                criterion=criterion,
                judge=actor,
                points=points,
                comment=comment,
                suggested_points=hint_points,
                source=source,
                updated_at=now,
            )
        else:
            score.points, score.comment, score.suggested_points, score.source = points, comment, hint_points, source
            score.revision += 1
            score.updated_at = now
            score.save(update_fields=["points", "comment", "suggested_points", "source", "revision", "updated_at"])
        ScoreChange.objects.create(
            score=score,
            application=application,
            criterion=criterion,
            judge=actor,
            changed_by=actor,
            at=now,
            old_points=old,
            new_points=points,
            comment=comment,
            source=source,
        )
        changed += 1
    return changed


# --- ties, publication, awards -----------------------------------------------------------------------------------


@transaction.atomic
def record_tie_break(round: Round, key: str, order: list[int], reason: str, *, actor) -> TieBreak:  # type: ignore[no-untyped-def]
    """The ministry's order for applications tied for a place (``key`` names the tie, e.g. ``57:1``), with a
    reason. Recording again for the same place corrects the decision (until the results are published)."""
    from .ranking import compute_results

    require_manager(actor)
    _unlocked(round)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("กรุณาระบุเหตุผลของการตัดสิน"))
    tie = next((t for t in compute_results(round).ties if t.key == key), None)
    if tie is None:
        raise ValidationError(_("ไม่พบคะแนนเท่ากันที่ต้องตัดสินนี้ (คะแนนอาจเปลี่ยนแล้ว) กรุณาโหลดหน้าใหม่"))
    if sorted(order) != tie.application_ids or len(set(order)) != len(order):
        raise ValidationError(_("กรุณาเรียงลำดับใบสมัครที่คะแนนเท่ากันให้ครบทุกใบ ใบละหนึ่งอันดับ"))
    decision, _created = TieBreak.objects.update_or_create(
        round=round,
        unit=key,
        defaults={
            "tied": tie.application_ids,
            "order": order,
            "reason": reason,
            "decided_by": actor,
            "decided_at": timezone.now(),
        },
    )
    _event(round, RoundEventKind.TIE_BREAK, actor, note=reason, place=key, order=order)
    return decision


@transaction.atomic
def publish_round(round: Round, *, actor) -> list[PilotDistrict]:  # type: ignore[no-untyped-def]
    """Publish the results. A selection creates the year's PilotDistrict rows of its level for the selected
    districts (never twice). Refused while scores are missing or a tie for a place is undecided."""
    from .ranking import compute_results

    require_manager(actor)
    original, round = round, Round.objects.select_for_update().get(pk=round.pk)
    if round.is_published:
        raise ValidationError(_("ประกาศผลรอบนี้แล้ว"))
    if round.status != RoundStatus.OPEN:
        raise ValidationError(_("ต้องเปิดรอบก่อนจึงจะประกาศผลได้"))
    results = compute_results(round)
    if problems := results.problems():
        raise ValidationError(problems)
    pilots = []
    if round.kind == RoundKind.SELECTION:
        for sequence, row in enumerate(results.selected, start=1):
            pilot, _created = PilotDistrict.objects.get_or_create(
                district=row.application.district,
                programme_year=round.programme_year,
                level=round.level,
                defaults={"sequence": sequence, "note": round.title[:300]},
            )
            pilots.append(pilot)
    round.status, round.published_at = RoundStatus.PUBLISHED, timezone.now()
    round.save(update_fields=["status", "published_at", "updated_at"])
    original.status, original.published_at = round.status, round.published_at
    _event(round, RoundEventKind.PUBLISHED, actor, selected=[p.district_id for p in pilots])
    return pilots


@transaction.atomic
def announce_award(round: Round, district_code: str, *, actor, title: str, rank: int | None = None) -> Award:  # type: ignore[no-untyped-def]
    require_manager(actor)
    if not Round.objects.filter(pk=round.pk, status=RoundStatus.PUBLISHED).exists():
        raise ValidationError(_("ประกาศรางวัลได้หลังประกาศผลของรอบแล้ว"))
    application = round.applications.filter(district_id=district_code, status=ApplicationStatus.SUBMITTED).first()
    if application is None:
        raise ValidationError(_("อำเภอนี้ไม่ได้อยู่ในรอบนี้"))
    award = Award(round=round, district_id=district_code, title=(title or "").strip(), rank=rank, announced_by=actor)
    award.full_clean()
    award.save()
    _event(round, RoundEventKind.AWARD, actor, application=application, title=award.title, rank=rank)
    return award
