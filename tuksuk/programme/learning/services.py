"""Every change in this app goes through here: ``(obj, …, *, actor)``, atomic, checked against the actor's rights,
and logged as a ``LearningEvent``. Pages, API and the demo call these functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.accounts.scope import get_for_user, require_write
from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area
from tuksuk.projects.choices import PartnerNetwork

from . import uploads
from .choices import ItemKind, ItemStatus, LearningEventKind
from .models import (
    Answer,
    FocusGroupSession,
    KnowledgeItem,
    LearningEvent,
    Participant,
    Question,
    Questionnaire,
    QuestionPart,
)
from .permissions import can_edit_item, is_ministry_admin

ITEM_FIELDS = ("kind", "title", "summary", "body", "year", "video_url", "project_category")
SESSION_FIELDS = ("held_on", "place", "facilitator", "note")


def _event(kind: str, actor, **links_and_data: Any) -> None:  # type: ignore[no-untyped-def]
    links = {name: links_and_data.pop(name) for name in ("questionnaire", "session", "item") if name in links_and_data}
    note = links_and_data.pop("note", "")
    LearningEvent.objects.create(kind=kind, actor=actor, note=note, data=links_and_data, **links)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


# --- Questionnaires (ministry admins) ------------------------------------------------------------------------------


def _require_admin(actor) -> None:  # type: ignore[no-untyped-def]
    if not is_ministry_admin(actor):
        raise PermissionDenied(_("เฉพาะผู้ดูแลระบบส่วนกลางเท่านั้นที่จัดการแบบสอบถามได้"))


def _require_editable(questionnaire: Questionnaire) -> None:
    if questionnaire.is_frozen:
        raise ValidationError(
            _(
                "แบบสอบถามนี้มีคำตอบจากการสนทนากลุ่มแล้ว จึงแก้ไขส่วนและคำถามไม่ได้ "
                "(คำตอบเดิมต้องคงคำถามเดิมไว้) หากต้องการชุดคำถามใหม่ ให้คัดลอกแบบสอบถามนี้แล้วแก้ไขฉบับใหม่"
            )
        )


@dataclass(frozen=True)
class QuestionData:
    text: str
    asks_rating: bool = False
    rating_hint: str = ""


@transaction.atomic
def create_questionnaire(
    *,
    actor,  # type: ignore[no-untyped-def]
    title: str,
    programme_year: int,
    description: str = "",
    parts: Iterable[tuple[str, Iterable[QuestionData]]] = (),
) -> Questionnaire:
    """A new questionnaire, with its parts (title, questions) numbered in order and questions numbered across parts."""
    _require_admin(actor)
    questionnaire = Questionnaire(
        title=title.strip(), programme_year=programme_year, description=description.strip(), created_by=actor
    )
    questionnaire.full_clean()
    questionnaire.save()
    number = 0
    for part_no, (part_title, questions) in enumerate(parts, start=1):
        part = QuestionPart.objects.create(questionnaire=questionnaire, number=part_no, title=part_title.strip())
        for data in questions:
            number += 1
            _new_question(questionnaire, part, number, data)
    _event(LearningEventKind.QUESTIONNAIRE_CREATED, actor, questionnaire=questionnaire, questions=number)
    return questionnaire


def _new_question(questionnaire: Questionnaire, part: QuestionPart, number: int, data: QuestionData) -> Question:
    question = Question(
        questionnaire=questionnaire,
        part=part,
        number=number,
        text=data.text.strip(),
        asks_rating=data.asks_rating,
        rating_hint=data.rating_hint.strip(),
    )
    question.full_clean(exclude=["questionnaire", "part"])
    question.save()
    return question


@transaction.atomic
def update_questionnaire(questionnaire: Questionnaire, *, actor, **fields) -> bool:  # type: ignore[no-untyped-def]
    """Change the title, description, year or whether new sessions may use it (allowed even when frozen)."""
    _require_admin(actor)
    allowed = {"title", "description", "programme_year", "is_active"}
    fields = {k: v for k, v in fields.items() if k in allowed}
    before = {k: getattr(questionnaire, k) for k, v in fields.items() if getattr(questionnaire, k) != v}
    for name in before:
        setattr(questionnaire, name, fields[name])
    if before:
        questionnaire.full_clean()
        questionnaire.save(update_fields=[*before, "updated_at"])
        _event(LearningEventKind.QUESTIONNAIRE_CHANGED, actor, questionnaire=questionnaire, before=before)
    return bool(before)


@transaction.atomic
def add_part(questionnaire: Questionnaire, *, actor, title: str) -> QuestionPart:  # type: ignore[no-untyped-def]
    _require_admin(actor)
    _require_editable(questionnaire)
    if not title.strip():
        raise ValidationError({"title": _("กรุณาระบุหัวข้อของส่วน")})
    last = questionnaire.parts.aggregate(n=Max("number"))["n"] or 0
    part = QuestionPart.objects.create(questionnaire=questionnaire, number=last + 1, title=title.strip())
    _event(LearningEventKind.QUESTIONNAIRE_CHANGED, actor, questionnaire=questionnaire, part_added=part.number)
    return part


def _renumber(questionnaire: Questionnaire) -> None:
    """Questions numbered 1…n in part order (two passes, so the unique numbers never collide midway)."""
    questions = list(questionnaire.questions.order_by("part__number", "number", "id"))
    offset = len(questions) + 1000
    for question in questions:
        Question.objects.filter(pk=question.pk).update(number=question.number + offset)
    for number, question in enumerate(questions, start=1):
        Question.objects.filter(pk=question.pk).update(number=number)


def _part_of(questionnaire: Questionnaire, part: QuestionPart | int) -> QuestionPart:
    part_id = getattr(part, "pk", part)
    found = questionnaire.parts.filter(pk=part_id).first()
    if found is None:
        raise ValidationError({"part": _("ส่วนที่เลือกไม่ได้อยู่ในแบบสอบถามนี้")})
    return found


@transaction.atomic
def add_question(questionnaire: Questionnaire, *, actor, part, data: QuestionData) -> Question:  # type: ignore[no-untyped-def]
    """Add a question at the end of ``part``; the questions after it move down one number."""
    _require_admin(actor)
    _require_editable(questionnaire)
    part = _part_of(questionnaire, part)
    last = questionnaire.questions.aggregate(n=Max("number"))["n"] or 0
    question = _new_question(questionnaire, part, last + 1, data)
    _renumber(questionnaire)  # ordered by part first: the new question ends its part
    question.refresh_from_db()
    _event(LearningEventKind.QUESTIONNAIRE_CHANGED, actor, questionnaire=questionnaire, question_added=question.number)
    return question


@transaction.atomic
def update_question(question: Question, *, actor, part=None, data: QuestionData) -> bool:  # type: ignore[no-untyped-def]
    questionnaire = question.questionnaire
    _require_admin(actor)
    _require_editable(questionnaire)
    new_part = _part_of(questionnaire, part) if part is not None else question.part
    before = {
        name: getattr(question, name)
        for name, value in (
            ("text", data.text.strip()),
            ("asks_rating", data.asks_rating),
            ("rating_hint", data.rating_hint.strip()),
            ("part_id", new_part.pk),
        )
        if getattr(question, name) != value
    }
    if not before:
        return False
    question.text, question.asks_rating, question.rating_hint = data.text.strip(), data.asks_rating, data.rating_hint
    moved = question.part_id != new_part.pk
    question.part = new_part
    if moved:  # the renumbering below places it after every question of its new part
        question.number = (questionnaire.questions.aggregate(n=Max("number"))["n"] or 0) + 1
    question.full_clean(exclude=["questionnaire", "part", "number"])
    question.save()
    if moved:
        _renumber(questionnaire)
    _event(
        LearningEventKind.QUESTIONNAIRE_CHANGED, actor, questionnaire=questionnaire, question=question.pk, before=before
    )
    return True


@transaction.atomic
def delete_question(question: Question, *, actor) -> None:  # type: ignore[no-untyped-def]
    questionnaire = question.questionnaire
    _require_admin(actor)
    _require_editable(questionnaire)
    number, text = question.number, question.text
    question.delete()
    _renumber(questionnaire)
    _event(LearningEventKind.QUESTIONNAIRE_CHANGED, actor, questionnaire=questionnaire, deleted=number, text=text)


@transaction.atomic
def copy_questionnaire(source: Questionnaire, *, actor, title: str, programme_year: int) -> Questionnaire:  # type: ignore[no-untyped-def]
    """A new, editable questionnaire with the same parts and questions."""
    parts = [
        (part.title, [QuestionData(q.text, q.asks_rating, q.rating_hint) for q in part.questions.order_by("number")])
        for part in source.parts.order_by("number")
    ]
    copy = create_questionnaire(
        actor=actor, title=title, programme_year=programme_year, description=source.description, parts=parts
    )
    _event(LearningEventKind.QUESTIONNAIRE_CREATED, actor, questionnaire=copy, copied_from=source.pk)
    return copy


# --- Focus-group sessions --------------------------------------------------------------------------------------------


def _district(code: str) -> Area:
    district = Area.objects.filter(code=code, level=AreaLevel.DISTRICT).first()
    if district is None:
        raise ValidationError({"district": _("ไม่พบอำเภอรหัส %(code)s") % {"code": code}})
    return district


def _check_date(held_on: dt.date | None) -> None:
    if held_on and held_on > timezone.localdate():
        raise ValidationError({"held_on": _("วันที่จัดต้องไม่เป็นวันในอนาคต")})


@transaction.atomic
def record_session(
    *,
    actor,  # type: ignore[no-untyped-def]
    questionnaire: Questionnaire,
    district_code: str,
    held_on: dt.date,
    place: str,
    facilitator: str,
    note: str = "",
) -> FocusGroupSession:
    require_write(actor, district_code)
    if not questionnaire.is_active:
        raise ValidationError({"questionnaire": _("แบบสอบถามนี้ปิดรับการบันทึกแล้ว กรุณาเลือกแบบสอบถามที่ใช้งานอยู่")})
    _check_date(held_on)
    session = FocusGroupSession(
        questionnaire=questionnaire,
        district=_district(district_code),
        held_on=held_on,
        place=place.strip(),
        facilitator=facilitator.strip(),
        note=note.strip(),
        created_by=actor,
    )
    session.full_clean(exclude=["district", "questionnaire"])
    session.save()
    _event(LearningEventKind.SESSION_RECORDED, actor, session=session, district=district_code)
    return session


@transaction.atomic
def update_session(session: FocusGroupSession, *, actor, **fields) -> bool:  # type: ignore[no-untyped-def]
    require_write(actor, session.district_id)
    _check_date(fields.get("held_on"))
    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items() if k in SESSION_FIELDS}
    before = {k: _plain(getattr(session, k)) for k, v in fields.items() if getattr(session, k) != v}
    for name in before:
        setattr(session, name, fields[name])
    if before:
        session.full_clean(exclude=["district", "questionnaire"])
        session.save(update_fields=[*before, "updated_at"])
        _event(LearningEventKind.SESSION_CHANGED, actor, session=session, before=before)
    return bool(before)


@transaction.atomic
def set_participants(session: FocusGroupSession, people: Iterable[dict], *, actor) -> int:  # type: ignore[no-untyped-def]
    """Replace the session's participants: ``[{"full_name", "role", "network"}]`` (rows without a name are skipped)."""
    require_write(actor, session.district_id)
    built = []
    for person in people:
        name = (person.get("full_name") or "").strip()
        if not name:
            continue
        if person.get("network") not in PartnerNetwork.values:
            raise ValidationError({"network": _("กรุณาเลือกภาคีเครือข่ายของ %(name)s") % {"name": name}})
        participant = Participant(
            session=session, full_name=name, role=(person.get("role") or "").strip(), network=person["network"]
        )
        participant.full_clean(exclude=["session"])
        built.append(participant)
    before = list(session.participants.values_list("full_name", flat=True))
    session.participants.all().delete()
    Participant.objects.bulk_create(built)
    _event(LearningEventKind.PARTICIPANTS, actor, session=session, before=before, count=len(built))
    return len(built)


@dataclass(frozen=True)
class AnswerData:
    text: str = ""
    rating: int | None = None


def _stale(session: FocusGroupSession, seen_at: str | None) -> bool:
    return bool(seen_at) and seen_at != session.updated_at.isoformat()


@transaction.atomic
def save_answers(
    session: FocusGroupSession,
    answers: dict[int, AnswerData],
    *,
    actor,  # type: ignore[no-untyped-def]
    seen_at: str | None = None,
) -> int:
    """Write the session's answers, keyed by question id; a blank answer (no text, no rating) removes one.
    ``seen_at`` (the session's ``updated_at`` when the form was shown) refuses a form someone else saved over.
    Returns how many questions changed."""
    require_write(actor, session.district_id)
    session = FocusGroupSession.objects.select_for_update().get(pk=session.pk)
    if _stale(session, seen_at):
        raise ValidationError(_("มีผู้อื่นบันทึกคำตอบของการสนทนากลุ่มนี้ก่อนคุณ กรุณาเปิดหน้าใหม่แล้วบันทึกอีกครั้ง"))
    questions = {q.pk: q for q in session.questionnaire.questions.all()}
    unknown = [str(pk) for pk in answers if pk not in questions]
    if unknown:
        raise ValidationError(_("มีคำถามที่ไม่อยู่ในแบบสอบถามของการสนทนากลุ่มนี้"))
    existing = {a.question_id: a for a in session.answers.all()}
    changed = []
    for pk, data in answers.items():
        question, text = questions[pk], (data.text or "").strip()
        if data.rating is not None and not question.asks_rating:
            raise ValidationError(_("ข้อ %(n)d ไม่ได้ให้คะแนน") % {"n": question.number})
        if data.rating is not None and not 1 <= data.rating <= 5:
            raise ValidationError(_("ข้อ %(n)d: คะแนนต้องอยู่ระหว่าง 1 ถึง 5") % {"n": question.number})
        answer = existing.get(pk)
        if not text and data.rating is None:
            if answer is not None:
                answer.delete()
                changed.append(question.number)
            continue
        if answer is not None and answer.text == text and answer.rating == data.rating:
            continue
        answer = answer or Answer(session=session, question=question)
        answer.text, answer.rating, answer.answered_by, answer.updated_at = text, data.rating, actor, timezone.now()
        answer.full_clean(exclude=["session", "question"], validate_unique=False)
        answer.save()
        changed.append(question.number)
    if changed:
        session.save(update_fields=["updated_at"])
        _event(LearningEventKind.ANSWERS, actor, session=session, questions=sorted(changed))
    return len(changed)


# --- Knowledge base ---------------------------------------------------------------------------------------------------


def _require_area(actor, area_code: str | None) -> Area | None:  # type: ignore[no-untyped-def]
    if not area_code:
        if not is_ministry_admin(actor):
            raise PermissionDenied(_("เฉพาะผู้ดูแลระบบส่วนกลางเท่านั้นที่เผยแพร่รายการของส่วนกลางได้"))
        return None
    require_write(actor, area_code)
    area = Area.objects.filter(code=area_code).first()
    if area is None:
        raise ValidationError({"area": _("ไม่พบพื้นที่รหัส %(code)s") % {"code": area_code}})
    return area


def _require_edit(actor, item: KnowledgeItem) -> None:  # type: ignore[no-untyped-def]
    if not can_edit_item(actor, item):
        raise PermissionDenied(_("คุณแก้ไขได้เฉพาะรายการของพื้นที่ที่คุณรับผิดชอบ"))


def _check_content(item: KnowledgeItem, accepted: uploads.Accepted | None) -> None:
    has_file = accepted is not None or bool(item.file)
    is_video_file = accepted.is_video if accepted else item.content_type.startswith("video/")
    if item.kind == ItemKind.VIDEO and not (item.video_url or (has_file and is_video_file)):
        raise ValidationError({"video_url": _("วิดีโอต้องมีลิงก์วิดีโอ หรือไฟล์วิดีโอที่อัปโหลด")})
    if item.kind == ItemKind.DOCUMENT and not has_file:
        raise ValidationError({"file": _("เอกสารต้องมีไฟล์แนบ (PDF หรือไฟล์ Office)")})
    if item.kind != ItemKind.VIDEO and accepted is not None and accepted.is_video:
        raise ValidationError({"file": _("ไฟล์วิดีโอให้เผยแพร่เป็นประเภท 'วิดีโออบรม'")})
    if item.kind == ItemKind.VIDEO and accepted is not None and not accepted.is_video:
        raise ValidationError({"file": _("วิดีโออบรมต้องแนบไฟล์วิดีโอ (MP4, MOV, WEBM) หรือใส่ลิงก์วิดีโอ")})


def _store_file(item: KnowledgeItem, upload, accepted: uploads.Accepted) -> str | None:  # type: ignore[no-untyped-def]
    """Save the upload on the item (not yet the row); returns the name of the file it replaces, if any."""
    old = item.file.name if item.file else None
    item.file_token, item.file_name = uploads.stored_name(getattr(upload, "name", ""), accepted.extension)
    item.content_type, item.size = accepted.content_type, accepted.size
    upload.seek(0)
    item.file.save(f"{item.file_token}.{accepted.extension}", upload, save=False)
    return old


def _save_with_file(item: KnowledgeItem, upload, accepted, save) -> None:  # type: ignore[no-untyped-def]
    """Store the file, then ``save()``; a failure removes the new file again; the old one goes once committed."""
    old = _store_file(item, upload, accepted) if upload is not None else None
    try:
        save()
    except BaseException:
        if upload is not None:
            item.file.storage.delete(item.file.name)
        raise
    if old:
        storage = item.file.storage
        transaction.on_commit(lambda: storage.delete(old))


def _set_tags(item: KnowledgeItem, tags: dict[str, Any]) -> dict[str, list]:
    changed = {}
    for relation in ("sdg_goals", "indicators", "categories"):
        if tags.get(relation) is None:
            continue
        old = set(getattr(item, relation).values_list("pk", flat=True))
        new = {getattr(v, "pk", v) for v in tags[relation]}
        if old != new:
            getattr(item, relation).set(new)
            changed[relation] = sorted(old)
    return changed


def _linkable_project(actor, project):  # type: ignore[no-untyped-def]
    from tuksuk.projects.models import Project

    if project is None:
        return None
    project = get_for_user(Project.objects.all(), actor, pk=getattr(project, "pk", project))
    require_write(actor, project.district_id)
    return project


@transaction.atomic
def contribute_item(
    *,
    actor,  # type: ignore[no-untyped-def]
    kind: str,
    title: str,
    area_code: str | None,
    year: int,
    summary: str = "",
    body: str = "",
    video_url: str = "",
    upload=None,  # type: ignore[no-untyped-def]
    project=None,  # type: ignore[no-untyped-def]
    project_category: int | None = None,
    sdg_goals=(),  # type: ignore[no-untyped-def]
    indicators=(),  # type: ignore[no-untyped-def]
    categories=(),  # type: ignore[no-untyped-def]
    session: FocusGroupSession | None = None,
) -> KnowledgeItem:
    """Publish a new item for ``area_code`` (None: a central item, ministry admins only). ``upload`` is checked by
    content (``uploads.inspect_document``) before anything is written."""
    area = _require_area(actor, area_code)
    accepted = uploads.inspect_document(upload) if upload is not None else None
    item = KnowledgeItem(
        kind=kind,
        title=title.strip(),
        summary=summary.strip(),
        body=body.strip(),
        area=area,
        year=year,
        video_url=video_url.strip(),
        project=_linkable_project(actor, project),
        project_category=project_category,
        session=session,
        created_by=actor,
    )
    item.full_clean(exclude=["file", "area", "project", "session"])
    _check_content(item, accepted)
    _save_with_file(item, upload, accepted, item.save)
    _set_tags(item, {"sdg_goals": sdg_goals, "indicators": indicators, "categories": categories})
    _event(LearningEventKind.ITEM_PUBLISHED, actor, item=item, area=area_code, kind_of_item=kind)
    return item


@transaction.atomic
def update_item(item: KnowledgeItem, *, actor, upload=None, project=..., tags=None, **fields) -> bool:  # type: ignore[no-untyped-def]
    """Change an item (fields of ``ITEM_FIELDS``, a new file, the linked project, the tags ``{"sdg_goals": …}``).
    Returns whether anything changed."""
    _require_edit(actor, item)
    accepted = uploads.inspect_document(upload) if upload is not None else None
    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items() if k in ITEM_FIELDS}
    before = {k: getattr(item, k) for k, v in fields.items() if getattr(item, k) != v}
    for name in before:
        setattr(item, name, fields[name])
    if project is not ...:
        linked = _linkable_project(actor, project)
        if linked != item.project:
            before["project"] = item.project_id
            item.project = linked
    if accepted is not None:
        before["file"] = item.file_name
    item.full_clean(exclude=["file", "area", "project", "session"])
    _check_content(item, accepted)
    if before:
        update_fields = [*(k for k in before if k != "file"), "updated_at"]
        if accepted is not None:
            update_fields += ["file", "file_token", "file_name", "content_type", "size"]
        _save_with_file(item, upload, accepted, lambda: item.save(update_fields=update_fields))
    before |= _set_tags(item, tags or {})
    if before:
        _event(LearningEventKind.ITEM_CHANGED, actor, item=item, before={k: _plain(v) for k, v in before.items()})
    return bool(before)


@transaction.atomic
def withdraw_item(item: KnowledgeItem, *, actor, reason: str) -> None:  # type: ignore[no-untyped-def]
    _require_edit(actor, item)
    if not reason.strip():
        raise ValidationError({"reason": _("กรุณาระบุเหตุผลที่ถอนรายการออก")})
    if item.status == ItemStatus.WITHDRAWN:
        raise ValidationError(_("รายการนี้ถูกถอนออกแล้ว"))
    item.status, item.withdrawn_at, item.withdraw_reason = ItemStatus.WITHDRAWN, timezone.now(), reason.strip()[:300]
    item.save(update_fields=["status", "withdrawn_at", "withdraw_reason", "updated_at"])
    _event(LearningEventKind.ITEM_WITHDRAWN, actor, item=item, note=item.withdraw_reason)


@transaction.atomic
def republish_item(item: KnowledgeItem, *, actor) -> None:  # type: ignore[no-untyped-def]
    _require_edit(actor, item)
    if item.status == ItemStatus.PUBLISHED:
        raise ValidationError(_("รายการนี้เผยแพร่อยู่แล้ว"))
    item.status, item.withdrawn_at, item.withdraw_reason = ItemStatus.PUBLISHED, None, ""
    item.save(update_fields=["status", "withdrawn_at", "withdraw_reason", "updated_at"])
    _event(LearningEventKind.ITEM_REPUBLISHED, actor, item=item)


def _lesson_body(session: FocusGroupSession) -> str:
    answers = {a.question_id: a for a in session.answers.all()}
    lines = []
    for part in session.questionnaire.parts.prefetch_related("questions").order_by("number"):
        lines.append(_("ส่วนที่ %(n)d %(title)s") % {"n": part.number, "title": part.title})
        for question in part.questions.all():
            answer = answers.get(question.pk)
            if answer is None:
                continue
            lines.append(f"{question.number}. {question.text}")
            if answer.text:
                lines.append(answer.text)
            if answer.rating is not None:
                lines.append(_("คะแนน %(r)d จาก 5") % {"r": answer.rating})
        lines.append("")
    return "\n".join(lines).strip()


@transaction.atomic
def publish_session(session: FocusGroupSession, *, actor) -> KnowledgeItem:  # type: ignore[no-untyped-def]
    """Publish a session's lessons to the knowledge base (a "lesson" item of the district), or refresh the item
    published before (and publish it again if it was withdrawn)."""
    from tuksuk.core.thai import be_year, format_date

    require_write(actor, session.district_id)
    if not session.answers.exists():
        raise ValidationError(_("ยังไม่มีคำตอบ บันทึกคำตอบก่อนเผยแพร่บทเรียน"))
    title = _("บทเรียนจากการสนทนากลุ่ม %(district)s (%(date)s)") % {
        "district": session.district.full_name,
        "date": format_date(session.held_on),
    }
    values = {"title": title[:300], "summary": session.note, "body": _lesson_body(session)}
    item = KnowledgeItem.objects.filter(session=session).first()
    if item is None:
        return contribute_item(
            actor=actor,
            kind=ItemKind.LESSON,
            area_code=session.district_id,
            year=be_year(session.held_on.year),
            session=session,
            **values,
        )
    update_item(item, actor=actor, **values)
    if item.status == ItemStatus.WITHDRAWN:
        republish_item(item, actor=actor)
    return item


@transaction.atomic
def publish_project_brief(project, *, actor) -> KnowledgeItem:  # type: ignore[no-untyped-def]
    """Publish a district project's brief to the knowledge base (a "brief" item linked to the project, tagged with
    its SDGs, indicators and category), or refresh the brief published before."""
    project = _linkable_project(actor, project)
    stages = ((_("ต้นทาง"), project.upstream), (_("กลางทาง"), project.midstream), (_("ปลายทาง"), project.downstream))
    chain = [f"{label}: {text}" for label, text in stages if text]
    values = {
        "title": project.title,
        "summary": project.brief,
        "body": "\n".join(chain),
        "year": project.fiscal_year,
        "project_category": project.category,
    }
    tags = {"sdg_goals": list(project.sdg_goals.all()), "indicators": list(project.indicators.all())}
    item = KnowledgeItem.objects.filter(project=project, kind=ItemKind.BRIEF).first()
    if item is None:
        return contribute_item(
            actor=actor, kind=ItemKind.BRIEF, area_code=project.district_id, project=project, **values, **tags
        )
    update_item(item, actor=actor, tags=tags, **values)
    return item
