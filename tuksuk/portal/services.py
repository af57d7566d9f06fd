"""Every change to a public item goes through here, and each status change writes a ``PublicItemEvent``.

Who may do what (``roles_in`` reads the user's role assignments over the item's district):
- propose (create, edit, add photos, propose): district_team, district_chief or field_worker of the district,
  a province_officer of its province, a ministry_admin;
- approve, reject, unpublish, blur photos before approving: district_chief of the district, province_officer of its
  province, ministry_admin. Read-only roles never write (``Scope.can_write``).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.accounts.roles import Role
from tuksuk.accounts.scope import scope_for
from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area
from tuksuk.cases.choices import DONE_STATUSES
from tuksuk.cases.media import UploadRejected, inspect_upload, store_upload
from tuksuk.core.choices import MediaType

from . import images, search
from .choices import EDITABLE, TRANSITIONS, ItemKind, ItemStatus
from .models import PublicImage, PublicItem, PublicItemEvent
from .video import validate_video_url

PROPOSER_ROLES = frozenset(
    {Role.DISTRICT_TEAM, Role.DISTRICT_CHIEF, Role.FIELD_WORKER, Role.PROVINCE_OFFICER, Role.MINISTRY_ADMIN}
)
APPROVER_ROLES = frozenset({Role.DISTRICT_CHIEF, Role.PROVINCE_OFFICER, Role.MINISTRY_ADMIN})
# The fields a proposer writes (pages, API and demo use this list).
ITEM_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "who",
    "what",
    "where",
    "when",
    "why",
    "how",
    "video_url",
    "category",
)
MAX_IMAGES = 12


# --- who may do what ------------------------------------------------------------------------------------------


def roles_in(user, district_code: str) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """The roles the user holds over this district: national roles, or assignments on the district, its province
    or one of its tambons/villages."""
    scope = scope_for(user)
    if scope.is_empty:
        return frozenset()
    if scope.everything:
        return scope.roles
    found = set()
    for role, code in user.role_assignments.active().values_list("role", "area_id"):
        if code and (district_code.startswith(code) or code.startswith(district_code)):
            found.add(role)
    return frozenset(found)


def can_propose(user, district_code: str) -> bool:  # type: ignore[no-untyped-def]
    return scope_for(user).can_write and bool(roles_in(user, district_code) & PROPOSER_ROLES)


def can_approve(user, district_code: str) -> bool:  # type: ignore[no-untyped-def]
    return scope_for(user).can_write_in(district_code) and bool(roles_in(user, district_code) & APPROVER_ROLES)


def _require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("คุณไม่มีสิทธิ์ทำรายการนี้ในอำเภอนี้"))


def proposable_districts(user):  # type: ignore[no-untyped-def]
    """The districts where the user may propose items."""
    scope = scope_for(user)
    if not scope.can_write:
        return Area.objects.none()
    districts = Area.objects.filter(level=AreaLevel.DISTRICT).select_related("parent").order_by("code")
    if scope.everything:
        return districts
    codes = {code[:4] for code in scope.prefixes if len(code) >= 4}
    provinces = {code for code in scope.prefixes if len(code) == 2}
    from django.db.models import Q

    condition = Q(code__in=codes)
    for province in provinces:
        condition |= Q(code__startswith=province)
    return [d for d in districts.filter(condition) if can_propose(user, d.code)]


# --- events and status ----------------------------------------------------------------------------------------


def _event(item: PublicItem, actor, from_status: str, to_status: str, note: str = "", **data) -> None:  # type: ignore[no-untyped-def]
    PublicItemEvent.objects.create(
        item=item, actor=actor, from_status=from_status, to_status=to_status, note=note, data=data
    )


def _move(item: PublicItem, to_status: str, actor, note: str = "", fields: tuple[str, ...] = ()) -> None:  # type: ignore[no-untyped-def]
    # Lock the row: two approvers clicking at once must not both publish.
    current = PublicItem.objects.select_for_update().values_list("status", flat=True).get(pk=item.pk)
    if to_status not in TRANSITIONS.get(current, frozenset()):
        raise ValidationError(
            _("เปลี่ยนสถานะจาก “%(from)s” เป็น “%(to)s” ไม่ได้ (สถานะอาจถูกเปลี่ยนไปแล้ว กรุณาโหลดหน้าใหม่)")
            % {"from": ItemStatus(current).label, "to": ItemStatus(to_status).label}
        )
    item.status = to_status
    item.save(update_fields=["status", "updated_at", *fields])
    _event(item, actor, current, to_status, note)


# --- writing an item ------------------------------------------------------------------------------------------


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    fields = {name: fields[name] for name in ITEM_FIELDS if name in fields}
    for name, value in list(fields.items()):
        if isinstance(value, str):
            fields[name] = value.strip()
    if "video_url" in fields:
        fields["video_url"] = validate_video_url(fields["video_url"])
    if "title" in fields and not fields["title"]:
        raise ValidationError({"title": _("กรุณาใส่หัวเรื่อง")})
    if fields.get("kind") == ItemKind.VIDEO and not fields.get("video_url"):
        raise ValidationError({"video_url": _("เรื่องประเภทวิดีโอต้องมีลิงก์วิดีโอ")})
    return fields


def _source_texts(item: PublicItem) -> set[str]:
    """The internal texts an item was pre-filled from: they must be rewritten before the item may be proposed."""
    texts = set()
    if item.source_story_id:
        texts.add((item.source_story.description or "").strip())
    if item.source_update_id:
        update = item.source_update
        texts |= {(update.what or "").strip(), (update.how or "").strip(), (update.why or "").strip()}
    return {t for t in texts if len(t) >= 20}


def _reindex(item: PublicItem) -> None:
    district = item.district
    item.search_text = search.index_text(
        item.title,
        item.summary,
        item.body,
        item.what,
        item.how,
        item.why,
        item.where,
        district.name_th,
        district.parent.name_th if district.parent_id else "",
    )


def _check_source(actor, story=None, update=None) -> None:  # type: ignore[no-untyped-def]
    """The source must be in the actor's scope: a story resolved or closed, or any progress update."""
    from tuksuk.cases.models import Story
    from tuksuk.projects.models import ProgressUpdate

    if story is not None:
        visible = Story.objects.visible_to(actor).filter(pk=story.pk, status__in=DONE_STATUSES).exists()
        if not visible:
            raise ValidationError(_("เลือกได้เฉพาะเรื่องราวที่แก้ไขแล้วในพื้นที่ของคุณ"))
    if update is not None and not ProgressUpdate.objects.visible_to(actor).filter(pk=update.pk).exists():
        raise ValidationError(_("ไม่พบรายงานความก้าวหน้านี้ในพื้นที่ของคุณ"))


@transaction.atomic
def create_item(
    *, actor, district_code: str, indicators=(), sdg_goals=(), source_story=None, source_update=None, **fields
) -> PublicItem:  # type: ignore[no-untyped-def]
    """A new draft item in a district (optionally made from a resolved story or a progress update)."""
    _require(can_propose(actor, district_code))
    district = Area.objects.filter(code=district_code, level=AreaLevel.DISTRICT).select_related("parent").first()
    if district is None:
        raise ValidationError({"district": _("ไม่พบอำเภอรหัส %(code)s") % {"code": district_code}})
    _check_source(actor, source_story, source_update)
    item = PublicItem(
        district=district,
        created_by=actor,
        source_story=source_story,
        source_update=source_update,
        **_clean_fields(fields),
    )
    item.full_clean(exclude=["search_text"])
    _reindex(item)
    item.save()
    item.indicators.set(indicators)
    item.sdg_goals.set(sdg_goals)
    _event(item, actor, "", ItemStatus.DRAFT)
    return item


@transaction.atomic
def update_item(item: PublicItem, *, actor, indicators=None, sdg_goals=None, **fields) -> bool:  # type: ignore[no-untyped-def]
    """Edit an item's text (draft, rejected or unpublished items only). Returns whether anything changed."""
    _require(can_propose(actor, item.district_id))
    if item.status not in EDITABLE:
        raise ValidationError(_("แก้ไขได้เฉพาะเรื่องที่เป็นร่าง ไม่อนุมัติ หรือยกเลิกการเผยแพร่แล้ว"))
    fields = _clean_fields(fields)
    changed = [name for name, value in fields.items() if getattr(item, name) != value]
    for name in changed:
        setattr(item, name, fields[name])
    item.full_clean(exclude=["search_text"])
    _reindex(item)
    item.save(update_fields=[*changed, "search_text", "updated_at"])
    m2m = False
    if indicators is not None and set(item.indicators.all()) != set(indicators):
        item.indicators.set(indicators)
        m2m = True
    if sdg_goals is not None and set(item.sdg_goals.all()) != set(sdg_goals):
        item.sdg_goals.set(sdg_goals)
        m2m = True
    return bool(changed) or m2m


@transaction.atomic
def propose(item: PublicItem, *, actor, note: str = "") -> PublicItem:
    """Send an item for approval. Pre-filled internal text must have been rewritten first."""
    _require(can_propose(actor, item.district_id))
    unchanged = _source_texts(item) & {item.body.strip(), item.summary.strip(), item.what.strip(), item.how.strip()}
    if unchanged:
        raise ValidationError(_("กรุณาเรียบเรียงข้อความใหม่สำหรับสาธารณะ ห้ามใช้ข้อความจากระบบภายในโดยตรง"))
    item.proposed_by = actor
    _move(item, ItemStatus.PROPOSED, actor, note.strip(), fields=("proposed_by",))
    return item


@transaction.atomic
def approve(item: PublicItem, *, actor, note: str = "") -> PublicItem:
    """Publish an item: its photos are re-encoded (blurred, no metadata) and it appears at once."""
    _require(can_approve(actor, item.district_id), _("เฉพาะนายอำเภอหรือผู้บังคับบัญชาที่สูงกว่าเท่านั้นที่อนุมัติได้"))
    item.approved_by, item.published_at = actor, timezone.now()
    _move(item, ItemStatus.PUBLISHED, actor, note.strip(), fields=("approved_by", "published_at"))
    written: list = []
    try:
        for image in item.images.all():
            _publish_image(image)
            written.append(image.published)
    except BaseException:
        for stored in written:  # the rows roll back with the transaction; the files would not
            stored.storage.delete(stored.name)
        raise
    district = item.district_id
    transaction.on_commit(lambda: _refresh_figures(district), robust=True)
    return item


def _refresh_figures(district_code: str) -> None:
    from .figures import publish_figures

    publish_figures(district_code)


@transaction.atomic
def reject(item: PublicItem, *, actor, note: str) -> PublicItem:
    _require(can_approve(actor, item.district_id), _("เฉพาะนายอำเภอหรือผู้บังคับบัญชาที่สูงกว่าเท่านั้นที่พิจารณาได้"))
    if not (note or "").strip():
        raise ValidationError({"note": _("กรุณาระบุเหตุผลที่ไม่อนุมัติ")})
    _move(item, ItemStatus.REJECTED, actor, note.strip())
    return item


@transaction.atomic
def unpublish(item: PublicItem, *, actor, note: str = "") -> PublicItem:
    """Take an item off the public site now: its page and its photos answer 404 from the next request."""
    _require(can_approve(actor, item.district_id), _("เฉพาะนายอำเภอหรือผู้บังคับบัญชาที่สูงกว่าเท่านั้นที่ยกเลิกการเผยแพร่ได้"))
    _move(item, ItemStatus.UNPUBLISHED, actor, note.strip())
    for image in item.images.all():
        _withdraw_image(image)
    return item


@transaction.atomic
def set_featured(item: PublicItem, featured: bool, *, actor) -> None:
    _require(can_approve(actor, item.district_id))
    item.featured = featured
    item.save(update_fields=["featured", "updated_at"])


# --- photos ---------------------------------------------------------------------------------------------------


def _require_editable_photos(item: PublicItem, actor) -> None:  # type: ignore[no-untyped-def]
    _require(can_propose(actor, item.district_id))
    if item.status not in EDITABLE:
        raise ValidationError(_("เพิ่มหรือลบภาพได้เฉพาะเรื่องที่ยังไม่ส่งอนุมัติ"))
    if item.images.count() >= MAX_IMAGES:
        raise ValidationError(_("เรื่องหนึ่งมีภาพได้ไม่เกิน %(n)d ภาพ") % {"n": MAX_IMAGES})


@transaction.atomic
def add_image(item: PublicItem, uploaded_file, *, actor, phase: str = "other", caption: str = "") -> PublicImage:  # type: ignore[no-untyped-def]
    """Attach a photo (images only). The original is kept internal; the public copy is made at approval."""
    _require_editable_photos(item, actor)
    if inspect_upload(uploaded_file).media_type != MediaType.IMAGE:
        raise UploadRejected(_("เรื่องเผยแพร่รับเฉพาะภาพถ่าย (JPEG, PNG, WEBP) วิดีโอให้ใส่เป็นลิงก์ YouTube หรือ Facebook"))
    image = PublicImage(item=item, phase=phase, caption=(caption or "").strip()[:300], position=item.images.count())
    return store_upload(image, uploaded_file, exclude=["item", "source_evidence", "source_media"])


def source_photos(item: PublicItem, actor) -> list:  # type: ignore[no-untyped-def]
    """The photos of the item's internal source the actor may see (evidence of the story, media of the update)."""
    from tuksuk.cases.models import Evidence
    from tuksuk.projects.models import ProjectMedia

    photos: list = []
    if item.source_story_id:
        photos += Evidence.objects.visible_to(actor).filter(story_id=item.source_story_id, media_type=MediaType.IMAGE)
    if item.source_update_id:
        photos += ProjectMedia.objects.visible_to(actor).filter(
            update_id=item.source_update_id, media_type=MediaType.IMAGE
        )
    return photos


@transaction.atomic
def add_source_photo(item: PublicItem, token: str, *, actor) -> PublicImage:
    """Copy a photo of the item's source (by its token) onto the item, keeping its before/after phase."""
    from tuksuk.cases.models import Evidence

    photo = next((p for p in source_photos(item, actor) if p.token == token), None)
    if photo is None:
        raise ValidationError(_("ไม่พบภาพนี้ในเรื่องต้นทาง"))
    _require_editable_photos(item, actor)
    with photo.file.open("rb") as handle:
        content = ContentFile(handle.read(), name=photo.file.name.rsplit("/", 1)[-1])
    image = PublicImage(item=item, phase=photo.phase, caption=photo.caption, position=item.images.count())
    if isinstance(photo, Evidence):
        image.source_evidence = photo
    else:
        image.source_media = photo
    return store_upload(image, content, exclude=["item", "source_evidence", "source_media"])


@transaction.atomic
def remove_image(image: PublicImage, *, actor) -> None:
    item = image.item
    _require(can_propose(actor, item.district_id))
    if item.status not in EDITABLE:
        raise ValidationError(_("เพิ่มหรือลบภาพได้เฉพาะเรื่องที่ยังไม่ส่งอนุมัติ"))
    names = [f.name for f in (image.file, image.thumbnail, image.published) if f]
    storage = image.file.storage
    image.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


@transaction.atomic
def set_blur(image: PublicImage, boxes, *, actor) -> PublicImage:  # type: ignore[no-untyped-def]
    """Save the boxes to blur (by the proposer while editing, or the approver before approving)."""
    item = image.item
    if item.status == ItemStatus.PROPOSED:
        _require(can_approve(actor, item.district_id))
    else:
        _require(can_propose(actor, item.district_id))
        if item.status not in EDITABLE:
            raise ValidationError(_("ภาพของเรื่องที่เผยแพร่อยู่แก้ไขไม่ได้ ยกเลิกการเผยแพร่ก่อน"))
    try:
        image.blur_boxes = images.clean_boxes(boxes)
    except ValueError as exc:
        raise ValidationError({"blur_boxes": str(exc)}) from exc
    image.save(update_fields=["blur_boxes"])
    return image


def _publish_image(image: PublicImage) -> None:
    with image.file.open("rb") as handle:
        data, _width, _height = images.public_copy(handle.read(), image.blur_boxes)
    _withdraw_image(image)
    image.public_token = secrets.token_hex(16)
    image.published.save(f"{image.public_token}.jpg", ContentFile(data), save=False)
    image.save(update_fields=["published", "public_token"])


def _withdraw_image(image: PublicImage) -> None:
    if image.published:
        name, storage = image.published.name, image.published.storage
        transaction.on_commit(lambda: storage.delete(name))
    image.published = ""
    image.public_token = None
    image.save(update_fields=["published", "public_token"])


# --- pre-filling from internal records ------------------------------------------------------------------------


def prefill_from_story(story) -> dict:  # type: ignore[no-untyped-def]
    """A starting point from a resolved story: its category and indicators, and its text to be rewritten."""
    return {
        "kind": ItemKind.SUCCESS_STORY,
        "title": _("เรื่องเล่าความสำเร็จ: %(category)s") % {"category": story.category.name_th},
        "body": story.description,
        "category": story.category,
        "indicators": list(story.indicators.all()),
        "sdg_goals": sorted({g for i in story.indicators.all() for g in i.sdg_goals.all()}, key=lambda g: g.number),
    }


def prefill_from_update(update) -> dict:  # type: ignore[no-untyped-def]
    """A starting point from a 5W1H progress report of a project activity."""
    project = update.activity.project
    return {
        "kind": ItemKind.PROJECT_UPDATE,
        "title": project.title,
        "summary": update.activity.title,
        "who": update.who,
        "what": update.what,
        "when": update.when,
        "why": update.why,
        "how": update.how,
        "indicators": list(project.indicators.all()),
        "sdg_goals": list(project.sdg_goals.all()),
    }
