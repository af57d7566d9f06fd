"""Every change to a data-subject request, and carrying each kind out. Each function is atomic, checks who may act
(``permissions``), and writes a ``RequestEvent``; the request's own changes go to the change log like any record.

Recording: ``record_request`` (district team, chief, ministry admin). Deciding and carrying out (district chief,
ministry admin): ``start``, ``extend``, ``refuse``, ``make_copy`` (access, portability), ``record_rectification``,
``carry_out_erasure`` (erasure, anonymisation), ``restrict`` / ``lift_restriction`` (restriction, objection),
``complete`` (closes an access or portability request once the copy is handed over).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.core import crypto
from tuksuk.households import citizen_id
from tuksuk.households.models import Household, Member

from . import permissions, subject_copy
from .anonymise import anonymise_household
from .choices import (
    COPY_KINDS,
    ERASURE_KINDS,
    RESTRICTION_KINDS,
    TRANSITIONS,
    RequestEventKind,
    RequestKind,
    RequestStatus,
)
from .models import RESPONSE_DAYS, DataSubjectRequest, RequestEvent, Restriction

MAX_EXTENSION_DAYS = 60


def _event(request: DataSubjectRequest, kind: str, actor, note: str = "", *, from_status="", to_status="", **data):  # type: ignore[no-untyped-def]
    return RequestEvent.objects.create(
        request=request, kind=kind, actor=actor, note=note, from_status=from_status, to_status=to_status, data=data
    )


def _locked(request: DataSubjectRequest) -> DataSubjectRequest:
    return DataSubjectRequest.objects.select_for_update().select_related("household").get(pk=request.pk)


def _move(request: DataSubjectRequest, to_status: str, actor, note: str = "", fields=(), **data) -> DataSubjectRequest:  # type: ignore[no-untyped-def]
    current = request.status
    if to_status not in TRANSITIONS.get(current, frozenset()):
        raise ValidationError(
            _("เปลี่ยนสถานะจาก “%(from)s” เป็น “%(to)s” ไม่ได้ (สถานะอาจถูกเปลี่ยนไปแล้ว กรุณาโหลดหน้าใหม่)")
            % {"from": RequestStatus(current).label, "to": RequestStatus(to_status).label}
        )
    request.status = to_status
    extra = list(fields)
    if to_status in (RequestStatus.DONE, RequestStatus.REFUSED):
        request.closed_at = timezone.now()
        extra.append("closed_at")
    request.save(update_fields=["status", "updated_at", *extra])
    _event(request, RequestEventKind.STATUS, actor, note, from_status=current, to_status=to_status, **data)
    return request


def find_member(household: Household, typed_citizen_id: str) -> Member | None:
    """The member of ``household`` holding this citizen ID (matched by keyed hash; the ID itself is not kept)."""
    try:
        digits = citizen_id.normalize(typed_citizen_id)
    except citizen_id.InvalidCitizenId as exc:
        raise ValidationError({"citizen_id": str(exc)}) from exc
    return household.members.filter(citizen_id_hash=crypto.keyed_hash(digits)).first()


@transaction.atomic
def record_request(
    household: Household,
    *,
    actor,
    kind: str,
    subject_name: str,
    identity_document: str,
    member: Member | None = None,
    typed_citizen_id: str = "",
    details: str = "",
    received_at: dt.datetime | None = None,
) -> DataSubjectRequest:
    """Record a request received at the district office. Due ``RESPONSE_DAYS`` (30) days after receipt."""
    permissions.require_record(actor, household.village_id)
    if kind not in RequestKind.values:
        raise ValidationError({"kind": _("กรุณาเลือกประเภทคำขอ")})
    if not (subject_name or "").strip():
        raise ValidationError({"subject_name": _("กรุณาระบุชื่อผู้ยื่นคำขอ")})
    if member is not None and member.household_id != household.pk:
        raise ValidationError({"member": _("สมาชิกที่เลือกไม่ได้อยู่ในครัวเรือนนี้")})
    if typed_citizen_id.strip():
        found = find_member(household, typed_citizen_id)
        if found is None:
            raise ValidationError({"citizen_id": _("ไม่พบสมาชิกที่มีเลขประจำตัวประชาชนนี้ในครัวเรือนนี้")})
        if member is not None and member.pk != found.pk:
            raise ValidationError({"citizen_id": _("เลขประจำตัวประชาชนไม่ตรงกับสมาชิกที่เลือก")})
        member = found
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise ValidationError({"received_at": _("วันที่รับคำขอต้องไม่เป็นวันในอนาคต")})
    request = DataSubjectRequest(
        household=household,
        member=member,
        kind=kind,
        subject_name=subject_name.strip(),
        identity_document=identity_document,
        identity_verified_by=actor,
        details=(details or "").strip(),
        received_at=received_at,
        due_at=received_at + dt.timedelta(days=RESPONSE_DAYS),
        created_by=actor,
    )
    request.full_clean(exclude=["household", "member", "identity_verified_by", "created_by"])
    request.save()
    _event(request, RequestEventKind.RECEIVED, actor, to_status=request.status)
    return request


def _decide(request: DataSubjectRequest, actor) -> DataSubjectRequest:  # type: ignore[no-untyped-def]
    permissions.require_decide(actor, request.household.village_id)
    return _locked(request)


def _require_open(request: DataSubjectRequest) -> None:
    if not request.is_open:
        raise ValidationError(_("คำขอนี้ปิดแล้ว"))


def _require_kind(request: DataSubjectRequest, kinds) -> None:  # type: ignore[no-untyped-def]
    if request.kind not in kinds:
        raise ValidationError(_("คำขอประเภทนี้ดำเนินการด้วยวิธีนี้ไม่ได้"))


@transaction.atomic
def start(request: DataSubjectRequest, *, actor, note: str = "") -> DataSubjectRequest:  # type: ignore[no-untyped-def]
    request = _decide(request, actor)
    return _move(request, RequestStatus.IN_PROGRESS, actor, note.strip())


@transaction.atomic
def extend(request: DataSubjectRequest, *, actor, days: int, reason: str) -> DataSubjectRequest:  # type: ignore[no-untyped-def]
    """Move the deadline by ``days`` (at most 60), with the reason told to the person."""
    request = _decide(request, actor)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("กรุณาระบุเหตุผลที่ต้องขยายระยะเวลา")})
    if not 1 <= int(days) <= MAX_EXTENSION_DAYS:
        raise ValidationError({"days": _("ขยายได้ 1 ถึง %(n)d วัน") % {"n": MAX_EXTENSION_DAYS}})
    before = request.due_at
    request.due_at = before + dt.timedelta(days=int(days))
    dates = {"due_before": before.isoformat(), "due_after": request.due_at.isoformat()}
    if request.status == RequestStatus.EXTENDED:  # extended again
        request.save(update_fields=["due_at", "updated_at"])
        status = request.status
        _event(request, RequestEventKind.STATUS, actor, reason.strip(), from_status=status, to_status=status, **dates)
        return request
    return _move(request, RequestStatus.EXTENDED, actor, reason.strip(), fields=("due_at",), **dates)


@transaction.atomic
def refuse(request: DataSubjectRequest, *, actor, reason: str) -> DataSubjectRequest:  # type: ignore[no-untyped-def]
    """Refuse with the reason the law allows (e.g. s.30: another law requires keeping it; identity not proven)."""
    request = _decide(request, actor)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("กรุณาระบุเหตุผลที่ปฏิเสธคำขอ")})
    request.outcome = reason.strip()
    return _move(request, RequestStatus.REFUSED, actor, request.outcome, fields=("outcome",))


@transaction.atomic
def make_copy(request: DataSubjectRequest, *, actor) -> DataSubjectRequest:  # type: ignore[no-untyped-def]
    """Access / portability: write the subject's copy (JSON and Excel) as protected files on the request."""
    request = _decide(request, actor)
    _require_kind(request, COPY_KINDS)
    _require_open(request)
    content = subject_copy.collect(request.household, request.member)
    old = [f for f in (request.copy_json, request.copy_xlsx) if f]
    token = secrets.token_hex(16)
    request.copy_json.save(f"{token}.json", ContentFile(subject_copy.as_json(content)), save=False)
    request.copy_xlsx.save(f"{token}.xlsx", ContentFile(subject_copy.as_xlsx(content)), save=False)
    request.copy_made_at = timezone.now()
    request.save(update_fields=["copy_json", "copy_xlsx", "copy_made_at", "updated_at"])
    if request.status == RequestStatus.RECEIVED:
        _move(request, RequestStatus.IN_PROGRESS, actor)
    _event(
        request,
        RequestEventKind.COPY_MADE,
        actor,
        stories=len(content["stories"]),
        members=len(content["members"]),
        access_log=len(content["access_log"]),
    )
    names = [(f.storage, f.name) for f in old]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])
    return request


def copy_downloaded(request: DataSubjectRequest, *, actor, file_format: str) -> None:  # type: ignore[no-untyped-def]
    _event(request, RequestEventKind.COPY_DOWNLOADED, actor, format=file_format)


@transaction.atomic
def complete(request: DataSubjectRequest, *, actor, note: str = "") -> DataSubjectRequest:  # type: ignore[no-untyped-def]
    """Close an access or portability request once the copy has been handed over."""
    request = _decide(request, actor)
    _require_kind(request, COPY_KINDS)
    if not request.has_copy:
        raise ValidationError(_("ยังไม่ได้จัดทำสำเนาข้อมูล"))
    request.outcome = note.strip() or _("ส่งมอบสำเนาข้อมูลให้เจ้าของข้อมูลแล้ว")
    return _move(request, RequestStatus.DONE, actor, request.outcome, fields=("outcome",))


@transaction.atomic
def record_rectification(request: DataSubjectRequest, *, actor, corrected: str) -> DataSubjectRequest:  # type: ignore[no-untyped-def]
    """Rectification: the correction is made in the normal edit forms; this records what was corrected."""
    request = _decide(request, actor)
    _require_kind(request, {RequestKind.RECTIFICATION})
    if not (corrected or "").strip():
        raise ValidationError({"corrected": _("กรุณาระบุว่าแก้ไขข้อมูลใดบ้าง")})
    request.outcome = corrected.strip()
    _event(request, RequestEventKind.RECTIFIED, actor, request.outcome)
    return _move(request, RequestStatus.DONE, actor, fields=("outcome",))


@transaction.atomic
def carry_out_erasure(request: DataSubjectRequest, *, actor, note: str = "") -> DataSubjectRequest:  # type: ignore[no-untyped-def]
    """Erasure / anonymisation: anonymise the household in place (``anonymise.py``), redact the change log, close."""
    request = _decide(request, actor)
    _require_kind(request, ERASURE_KINDS)
    _require_open(request)
    result = anonymise_household(request.household, actor=actor, request_id=request.pk)
    request.refresh_from_db()
    _event(
        request,
        RequestEventKind.ANONYMISED,
        actor,
        **{k: v for k, v in result.as_data().items() if k != "redacted_entries"},
    )
    _event(
        request,
        RequestEventKind.REDACTED,
        actor,
        entries=result.redacted_entries,
        count=len(result.redacted_entries),
    )
    request.outcome = note.strip() or _("ทำให้ข้อมูลของครัวเรือนไม่สามารถระบุตัวตนได้แล้ว ตัวเลขสรุปยังคงเดิม")
    return _move(request, RequestStatus.DONE, actor, request.outcome, fields=("outcome",))


def _withdraw_from_public_site(household: Household, actor) -> int:  # type: ignore[no-untyped-def]
    """Take the household's public items off the site (published → unpublished, proposed → rejected)."""
    from tuksuk.portal import services as portal
    from tuksuk.portal.choices import ItemStatus
    from tuksuk.portal.models import PublicItem

    withdrawn = 0
    note = _("ถอนออกเนื่องจากเจ้าของข้อมูลขอให้ระงับการใช้ข้อมูล")
    for item in PublicItem.objects.filter(source_story__household=household):
        if item.status == ItemStatus.PUBLISHED:
            portal.unpublish(item, actor=actor, note=note)
        elif item.status == ItemStatus.PROPOSED:
            portal.reject(item, actor=actor, note=note)
        else:
            continue
        withdrawn += 1
    return withdrawn


@transaction.atomic
def restrict(request: DataSubjectRequest, *, actor, note: str = "") -> DataSubjectRequest:  # type: ignore[no-untyped-def]
    """Restriction (s.34) / objection (s.32): the household's data is frozen and kept off the public site until
    lifted. The request is done once the restriction is in force."""
    request = _decide(request, actor)
    _require_kind(request, RESTRICTION_KINDS)
    _require_open(request)
    household = request.household
    withdrawn = _withdraw_from_public_site(household, actor)
    restriction = Restriction.objects.filter(household=household).first()
    if restriction is None:
        Restriction.objects.create(household=household, request=request)
    else:
        restriction.request, restriction.started_at, restriction.lifted_at, restriction.lifted_note = (
            request,
            timezone.now(),
            None,
            "",
        )
        restriction.save(update_fields=["request", "started_at", "lifted_at", "lifted_note"])
    _event(request, RequestEventKind.RESTRICTED, actor, note.strip(), withdrawn=withdrawn)
    request.outcome = note.strip() or _("ระงับการใช้ข้อมูลของครัวเรือนแล้ว")
    return _move(request, RequestStatus.DONE, actor, fields=("outcome",))


@transaction.atomic
def lift_restriction(request: DataSubjectRequest, *, actor, note: str) -> Restriction:  # type: ignore[no-untyped-def]
    """End the restriction this request set (the grounds ended, or the person withdrew the objection)."""
    request = _decide(request, actor)
    if not (note or "").strip():
        raise ValidationError({"note": _("กรุณาระบุเหตุผลที่ยกเลิกการระงับ")})
    restriction = Restriction.objects.select_for_update().filter(request=request, lifted_at__isnull=True).first()
    if restriction is None:
        raise ValidationError(_("คำขอนี้ไม่มีการระงับการใช้ข้อมูลที่มีผลอยู่"))
    restriction.lifted_at, restriction.lifted_note = timezone.now(), note.strip()
    restriction.save(update_fields=["lifted_at", "lifted_note"])
    _event(request, RequestEventKind.LIFTED, actor, note.strip())
    return restriction


def available_actions(request: DataSubjectRequest, user) -> list[str]:  # type: ignore[no-untyped-def]
    """The action names the request page offers ``user`` for ``request``."""
    if not permissions.can_decide(user):
        return []
    actions: list[str] = []
    if request.is_open:
        if request.status != RequestStatus.IN_PROGRESS:
            actions.append("start")
        actions += ["extend", "refuse"]
        if request.kind in COPY_KINDS:
            actions.append("make_copy")
            if request.has_copy:
                actions.append("complete")
        elif request.kind == RequestKind.RECTIFICATION:
            actions.append("rectify")
        elif request.kind in ERASURE_KINDS:
            actions.append("erase")
        elif request.kind in RESTRICTION_KINDS:
            actions.append("restrict")
    if request.restrictions.filter(lifted_at__isnull=True).exists():
        actions.append("lift")
    return actions
