"""Every change of the breach log: ``(breach, …, *, actor)``, atomic, one ``BreachEvent`` per change.

Views and commands call these functions; they check who may act (``permissions``) and refuse bad input with a
``ValidationError`` in Thai, writing nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.accounts.scope import scope_for
from tuksuk.areas.models import Area
from tuksuk.core.thai import be_year, to_arabic_digits

from . import permissions
from .choices import TRANSITIONS, BreachEventKind, BreachStatus, DataCategory, RiskLevel
from .models import Breach, BreachEvent

# A clock may be a few minutes ahead of the server's: a time "now" typed on a phone must not be refused.
CLOCK_SKEW = dt.timedelta(minutes=10)
AREA_LEVELS = ("province", "district")
# Fields a ministry administrator may change with ``update_breach`` (the assessment).
ASSESSMENT_FIELDS = (
    "title",
    "description",
    "discovered_at",
    "occurred_at",
    "data_categories",
    "people_affected",
    "risk",
    "likely_consequences",
    "containment",
)


def _event(breach: Breach, kind: str, actor, note: str = "", **data) -> BreachEvent:  # type: ignore[no-untyped-def]
    return BreachEvent.objects.create(breach=breach, kind=kind, actor=actor, note=note, data=data)


def _move(breach: Breach, to_status: str, fields: Iterable[str] = ()) -> None:
    # Lock the row: two administrators clicking at once must not both move it.
    current = Breach.objects.select_for_update().values_list("status", flat=True).get(pk=breach.pk)
    if to_status not in TRANSITIONS.get(current, frozenset()):
        raise ValidationError(
            _("เปลี่ยนสถานะจาก “%(from)s” เป็น “%(to)s” ไม่ได้ (สถานะอาจถูกเปลี่ยนไปแล้ว กรุณาโหลดหน้าใหม่)")
            % {"from": BreachStatus(current).label, "to": BreachStatus(to_status).label}
        )
    breach.status = to_status
    breach.save(update_fields=["status", "updated_at", *fields])


def _not_future(moment: dt.datetime | None, label: str) -> None:
    if moment is not None and moment > timezone.now() + CLOCK_SKEW:
        raise ValidationError(_("%(field)s เป็นเวลาในอนาคตไม่ได้") % {"field": label})


def _check_times(discovered_at: dt.datetime | None, occurred_at: dt.datetime | None) -> None:
    if discovered_at is None:
        raise ValidationError(_("กรุณาระบุวันเวลาที่ทราบเหตุ"))
    _not_future(discovered_at, _("เวลาที่ทราบเหตุ"))
    _not_future(occurred_at, _("เวลาที่เกิดเหตุ"))
    if occurred_at is not None and occurred_at > discovered_at:
        raise ValidationError(_("เวลาที่เกิดเหตุต้องไม่หลังเวลาที่ทราบเหตุ"))


def _check_categories(codes: Iterable[str]) -> list[str]:
    codes = list(dict.fromkeys(codes or []))
    unknown = [code for code in codes if code not in DataCategory.values]
    if unknown:
        raise ValidationError(_("ไม่รู้จักประเภทข้อมูล: %(codes)s") % {"codes": ", ".join(unknown)})
    return codes


def _check_text(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message)
    return value


def split_area_codes(text: str) -> list[str]:
    """``"57, 5703 9005"`` → ``["57", "5703", "9005"]`` (Thai digits accepted)."""
    return [code for code in re.split(r"[\s,;]+", to_arabic_digits(text or "")) if code]


def areas_for(codes: Iterable[str]) -> list[Area]:
    """The provinces and districts named by ``codes``; a ValidationError names any code that is not one."""
    codes = list(dict.fromkeys(codes))
    found = {a.code: a for a in Area.objects.filter(code__in=codes, level__in=AREA_LEVELS)}
    missing = [code for code in codes if code not in found]
    if missing:
        raise ValidationError(
            _("ไม่พบจังหวัดหรืออำเภอรหัส %(codes)s (ใช้รหัสจังหวัด 2 หลัก หรือรหัสอำเภอ 4 หลัก)") % {"codes": ", ".join(missing)}
        )
    return [found[code] for code in codes]


def reportable_districts(user):  # type: ignore[no-untyped-def]
    """The districts a district chief may report a breach in (their own); None for a ministry administrator."""
    if permissions.can_manage_breaches(user):
        return None
    scope = scope_for(user)
    return (
        Area.objects.filter(level="district", code__in=scope.assigned_codes).select_related("parent").order_by("code")
    )


@transaction.atomic
def report_breach(
    *,
    actor,
    title: str,
    description: str,
    discovered_at: dt.datetime | None,
    occurred_at: dt.datetime | None = None,
    area_codes: Iterable[str] = (),
    data_categories: Iterable[str] = (),
    people_affected: int | None = None,
    containment: str = "",
    risk: str = RiskLevel.UNASSESSED,
    likely_consequences: str = "",
) -> Breach:
    """Record a breach (a ministry administrator) or report a suspected one (a district chief, in their district:
    the assessment is the ministry's, so a chief's risk and consequences are not taken)."""
    permissions.require(permissions.can_report_breach(actor))
    manager = permissions.can_manage_breaches(actor)
    title = _check_text(title, _("กรุณาระบุเรื่อง"))
    description = _check_text(description, _("กรุณาเล่ารายละเอียดเหตุการณ์"))
    _check_times(discovered_at, occurred_at)
    categories = _check_categories(data_categories)
    areas = areas_for(area_codes)
    if not manager:
        districts = {a.code for a in reportable_districts(actor)}
        if not areas:
            raise ValidationError(_("กรุณาเลือกอำเภอที่เกิดเหตุ"))
        if any(area.code not in districts for area in areas):
            raise PermissionDenied(_("แจ้งเหตุได้เฉพาะอำเภอที่คุณรับผิดชอบ"))
        risk, likely_consequences = RiskLevel.UNASSESSED, ""
    if risk not in RiskLevel.values:
        raise ValidationError(_("ระดับความเสี่ยงไม่ถูกต้อง"))
    breach = Breach.objects.create(
        title=title,
        description=description,
        discovered_at=discovered_at,
        occurred_at=occurred_at,
        data_categories=categories,
        people_affected=people_affected,
        containment=(containment or "").strip(),
        risk=risk,
        likely_consequences=(likely_consequences or "").strip(),
        reported_by=actor,
    )
    breach.ref = f"BR-{be_year(timezone.localtime(discovered_at).year)}-{breach.pk:04d}"
    breach.save(update_fields=["ref"])
    breach.areas.set(areas)
    _event(breach, BreachEventKind.REPORTED, actor, by_ministry=manager, areas=[a.code for a in areas])
    return breach


@transaction.atomic
def update_breach(
    breach: Breach, *, actor, area_codes: Iterable[str] | None = None, note: str = "", **fields
) -> list[str]:
    """Change the assessment of a breach; returns the names of the fields that changed. Raising the risk of a
    breach decided "no notification" reopens it: the clock runs again from the original moment of awareness."""
    permissions.require(permissions.can_manage_breaches(actor))
    unknown = set(fields) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise ValueError(f"not assessment fields: {sorted(unknown)}")
    if breach.status == BreachStatus.CLOSED:
        raise ValidationError(_("เรื่องนี้ปิดแล้ว แก้ไขไม่ได้"))
    if "title" in fields:
        fields["title"] = _check_text(fields["title"], _("กรุณาระบุเรื่อง"))
    if "description" in fields:
        fields["description"] = _check_text(fields["description"], _("กรุณาเล่ารายละเอียดเหตุการณ์"))
    if "data_categories" in fields:
        fields["data_categories"] = _check_categories(fields["data_categories"])
    if "risk" in fields and fields["risk"] not in RiskLevel.values:
        raise ValidationError(_("ระดับความเสี่ยงไม่ถูกต้อง"))
    for name in ("likely_consequences", "containment"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    _check_times(fields.get("discovered_at", breach.discovered_at), fields.get("occurred_at", breach.occurred_at))
    changed = [name for name, value in fields.items() if getattr(breach, name) != value]
    for name in changed:
        setattr(breach, name, fields[name])
    if changed:
        breach.save(update_fields=[*changed, "updated_at"])
    if area_codes is not None:
        areas = areas_for(area_codes)
        if {a.code for a in areas} != set(breach.areas.values_list("code", flat=True)):
            breach.areas.set(areas)
            changed.append("areas")
    if changed:
        _event(breach, BreachEventKind.ASSESSED, actor, note.strip(), changed=changed, risk=breach.risk)
    if breach.status == BreachStatus.NOT_NOTIFIED and breach.risk != RiskLevel.NONE:
        breach.no_notification_reason, breach.decided_at = "", None
        _move(breach, BreachStatus.OPEN, fields=("no_notification_reason", "decided_at"))
        _event(breach, BreachEventKind.REOPENED, actor, _("ประเมินความเสี่ยงใหม่: ต้องแจ้ง สคส."))
    return changed


@transaction.atomic
def record_pdpc_notification(
    breach: Breach, *, actor, notified_at: dt.datetime | None, pdpc_ref: str = "", late_reason: str = "", note: str = ""
) -> Breach:
    """The PDPC Office was notified: the clock stops. After the 72 hours a reason for the delay is required (the
    office's notification rules ask for it)."""
    permissions.require(permissions.can_manage_breaches(actor))
    if notified_at is None:
        raise ValidationError(_("กรุณาระบุวันเวลาที่แจ้ง สคส."))
    _not_future(notified_at, _("เวลาที่แจ้ง สคส."))
    if notified_at < breach.discovered_at:
        raise ValidationError(_("เวลาที่แจ้ง สคส. ต้องไม่ก่อนเวลาที่ทราบเหตุ"))
    late_reason = (late_reason or "").strip()
    late = notified_at > breach.deadline
    if late and not late_reason:
        raise ValidationError(_("แจ้งเกิน 72 ชั่วโมงหลังทราบเหตุ กรุณาระบุเหตุผลที่แจ้งล่าช้า"))
    breach.notified_pdpc_at, breach.pdpc_ref, breach.late_reason = notified_at, (pdpc_ref or "").strip(), late_reason
    _move(breach, BreachStatus.NOTIFIED, fields=("notified_pdpc_at", "pdpc_ref", "late_reason"))
    _event(
        breach,
        BreachEventKind.NOTIFIED_PDPC,
        actor,
        (note or "").strip(),
        notified_at=notified_at.isoformat(),
        late=late,
        pdpc_ref=breach.pdpc_ref,
    )
    return breach


@transaction.atomic
def record_subject_notification(breach: Breach, *, actor, notified_at: dt.datetime | None, how: str) -> Breach:
    """The people affected were told (required when the risk is high): when, and how."""
    permissions.require(permissions.can_manage_breaches(actor))
    if breach.status == BreachStatus.CLOSED:
        raise ValidationError(_("เรื่องนี้ปิดแล้ว แก้ไขไม่ได้"))
    if notified_at is None:
        raise ValidationError(_("กรุณาระบุวันเวลาที่แจ้งเจ้าของข้อมูล"))
    _not_future(notified_at, _("เวลาที่แจ้งเจ้าของข้อมูล"))
    how = _check_text(how, _("กรุณาระบุวิธีแจ้งเจ้าของข้อมูล เช่น หนังสือ โทรศัพท์ หรือเจ้าหน้าที่ลงพื้นที่"))
    breach.notified_subjects_at, breach.subjects_notice = notified_at, how
    breach.save(update_fields=["notified_subjects_at", "subjects_notice", "updated_at"])
    _event(breach, BreachEventKind.NOTIFIED_SUBJECTS, actor, how, notified_at=notified_at.isoformat())
    return breach


@transaction.atomic
def decide_no_notification(breach: Breach, *, actor, reason: str) -> Breach:
    """PDPA s.37(4): no notification when the breach is unlikely to risk people's rights and freedoms. The risk
    must have been assessed as none, and the reason is kept."""
    permissions.require(permissions.can_manage_breaches(actor))
    reason = _check_text(reason, _("กรุณาระบุเหตุผลที่ไม่ต้องแจ้ง สคส."))
    if breach.risk != RiskLevel.NONE:
        raise ValidationError(_("ต้องประเมินความเสี่ยงเป็น “ไม่มีความเสี่ยง” ก่อน จึงจะพิจารณาไม่แจ้ง สคส. ได้"))
    breach.no_notification_reason, breach.decided_at = reason, timezone.now()
    _move(breach, BreachStatus.NOT_NOTIFIED, fields=("no_notification_reason", "decided_at"))
    _event(breach, BreachEventKind.NO_NOTIFICATION, actor, reason)
    return breach


@transaction.atomic
def close_breach(breach: Breach, *, actor, note: str = "") -> Breach:
    """Close a breach once the office was notified (or it was decided not to) and, when the risk is high, the
    people affected were told."""
    permissions.require(permissions.can_manage_breaches(actor))
    if breach.status == BreachStatus.OPEN:
        raise ValidationError(_("ยังปิดเรื่องไม่ได้ ต้องแจ้ง สคส. หรือพิจารณาว่าไม่ต้องแจ้งก่อน"))
    if breach.subjects_must_be_notified and breach.notified_subjects_at is None:
        raise ValidationError(_("เหตุนี้มีความเสี่ยงสูง ต้องแจ้งเจ้าของข้อมูลก่อนปิดเรื่อง"))
    breach.closed_at = timezone.now()
    _move(breach, BreachStatus.CLOSED, fields=("closed_at",))
    _event(breach, BreachEventKind.CLOSED, actor, (note or "").strip())
    return breach


@transaction.atomic
def add_note(breach: Breach, *, actor, note: str) -> BreachEvent:
    """A line in the timeline: the ministry's follow-up, or more facts from the district that reported it."""
    permissions.require(permissions.can_add_note(actor))
    if not Breach.objects.visible_to(actor).filter(pk=breach.pk).exists():
        raise PermissionDenied
    return _event(breach, BreachEventKind.NOTE, actor, _check_text(note, _("กรุณาพิมพ์บันทึก")))
