"""The publication model of the public showcase site: what the public may see, and nothing else.

Public pages and the public API read only these tables (plus reference geography and indicators): approved items
with their re-encoded images, and snapshot figures. An item keeps a link to the internal record it was made from
(a story or a progress update), but public pages never follow it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.accounts.scope import AreaScopedQuerySet
from tuksuk.core.models import StoredMedia, TimelineEvent

from .choices import FigureLevel, ItemKind, ItemStatus, ShareChannel


class DistrictLevelQuerySet(AreaScopedQuerySet):
    """District-level records (items, their photos, their counts): a user assigned below the district (a field
    worker's tambon or village) also sees their own district's records (``record_level``, accounts/scope.py)."""

    record_level = 4


class PublicItemQuerySet(DistrictLevelQuerySet):
    area_field = "district__code"

    def published(self):  # type: ignore[no-untyped-def]
        return self.filter(status=ItemStatus.PUBLISHED)


class PublicItem(models.Model):
    """A success story, project update or video a district proposed and a chief approved for the public site."""

    district = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="public_items",
        verbose_name=_("อำเภอ"),
        limit_choices_to={"level": "district"},
    )
    kind = models.CharField(_("ประเภท"), max_length=10, choices=ItemKind.choices)
    title = models.CharField(_("หัวเรื่อง"), max_length=200)
    summary = models.CharField(_("สรุปสั้น"), max_length=400, blank=True)
    body = models.TextField(_("เนื้อหา"), blank=True)
    who = models.CharField(_("ใคร (Who)"), max_length=300, blank=True)
    what = models.TextField(_("ทำอะไร (What)"), blank=True)
    where = models.CharField(
        _("ที่ไหน (Where)"), max_length=300, blank=True, help_text=_("เขียนเป็นชื่อชุมชนหรือตำบล ห้ามระบุบ้านเลขที่หรือพิกัด")
    )
    when = models.DateField(_("เมื่อไร (When)"), null=True, blank=True)
    why = models.TextField(_("ทำไม (Why)"), blank=True)
    how = models.TextField(_("อย่างไร (How)"), blank=True)
    video_url = models.URLField(_("ลิงก์วิดีโอ (YouTube/Facebook)"), blank=True)
    category = models.ForeignKey(
        "indicators.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ประเภทปัญหา"),
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="+", verbose_name=_("ตัวชี้วัด ThaiQM")
    )
    sdg_goals = models.ManyToManyField("indicators.SdgGoal", blank=True, related_name="+", verbose_name=_("SDGs"))
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.DRAFT, db_index=True
    )
    # Where the text came from (internal only: public pages never read these).
    source_story = models.ForeignKey(
        "cases.Story", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("จากเรื่องราว")
    )
    source_update = models.ForeignKey(
        "projects.ProgressUpdate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("จากรายงานความก้าวหน้า"),
    )
    # Thai words of the title, summary, body and place names, cut by PyThaiNLP (see search.py).
    search_text = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("สร้างโดย"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("เสนอโดย"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("อนุมัติโดย"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now)
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True, db_index=True)
    featured = models.BooleanField(_("แนะนำบนหน้าแรก"), default=False)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = PublicItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("เรื่องเผยแพร่")
        verbose_name_plural = _("เรื่องเผยแพร่")
        ordering = ("-published_at", "-created_at", "-id")
        indexes = [models.Index(fields=("district", "status"), name="publicitem_district_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def count_key(self) -> str:
        return f"item:{self.pk}"


class PublicItemEvent(TimelineEvent):
    """One change of an item's status: who, when, from, to, and the note (e.g. why it was rejected)."""

    item = models.ForeignKey(PublicItem, on_delete=models.CASCADE, related_name="events", verbose_name=_("เรื่อง"))
    from_status = models.CharField(_("จากสถานะ"), max_length=12, choices=ItemStatus.choices, blank=True)
    to_status = models.CharField(_("เป็นสถานะ"), max_length=12, choices=ItemStatus.choices, blank=True)

    class Meta:
        verbose_name = _("ประวัติการเผยแพร่")
        verbose_name_plural = _("ประวัติการเผยแพร่")
        ordering = ("item", "at", "id")

    def __str__(self) -> str:
        return f"{self.item_id} {self.from_status} → {self.to_status}"


class PublicImageQuerySet(DistrictLevelQuerySet):
    area_field = "item__district__code"


def original_path(instance: PublicImage, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"portal/originals/{instance.item.district_id}/{instance.token}.{suffix}"


class PublicImage(StoredMedia):
    """A photo of an item. ``file`` is the internal original (served only to staff of the district); ``published``
    is the copy made at approval: blurred where the approver drew boxes, resized, re-encoded as JPEG without any
    metadata. Only ``published`` is ever served to the public, under ``public_token``."""

    item = models.ForeignKey(PublicItem, on_delete=models.CASCADE, related_name="images", verbose_name=_("เรื่อง"))
    file = models.FileField(_("ต้นฉบับ"), upload_to=original_path)
    thumbnail = models.FileField(_("ภาพย่อ"), upload_to="portal/thumbs/", blank=True)
    # [[x0, y0, x1, y1], …] in 0–1 of the upright image's width and height.
    blur_boxes = models.JSONField(_("บริเวณที่เบลอ"), default=list, blank=True)
    published = models.FileField(_("ภาพที่เผยแพร่"), upload_to="portal/public/", blank=True)
    public_token = models.CharField(max_length=32, unique=True, null=True, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    source_evidence = models.ForeignKey(
        "cases.Evidence",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("จากหลักฐาน"),
    )
    source_media = models.ForeignKey(
        "projects.ProjectMedia",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("จากภาพความก้าวหน้า"),
    )

    objects = PublicImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("ภาพเผยแพร่")
        verbose_name_plural = _("ภาพเผยแพร่")
        ordering = ("item", "position", "id")

    def __str__(self) -> str:
        return f"{self.item_id} {self.get_phase_display()}"


class PublicFigure(models.Model):
    """One public aggregate of the latest snapshot (``publish_figures``): national, a province or a district.
    Values are stored exact; the public pages and API show them through ``suppression.shown``."""

    area_code = models.CharField(_("รหัสพื้นที่"), max_length=8, blank=True, help_text=_("ว่างสำหรับระดับประเทศ"))
    level = models.CharField(_("ระดับ"), max_length=10, choices=FigureLevel.choices)
    dimension = models.CharField(_("มิติ"), max_length=20)
    key = models.CharField(_("ค่า"), max_length=16, blank=True)
    value = models.BigIntegerField(_("จำนวน"))
    taken_at = models.DateTimeField(_("ข้อมูล ณ"))

    class Meta:
        verbose_name = _("ตัวเลขเผยแพร่")
        verbose_name_plural = _("ตัวเลขเผยแพร่")
        constraints = [
            models.UniqueConstraint(
                fields=("area_code", "dimension", "key"),
                name="unique_public_figure",
                violation_error_message=_("ตัวเลขนี้มีอยู่แล้วในชุดข้อมูลเผยแพร่"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_code or 'TH'} {self.dimension}={self.key}: {self.value}"


class CounterQuerySet(DistrictLevelQuerySet):
    """Counts of a district's pages and items are seen by whoever sees the district."""

    area_field = "area_code"


class ViewCount(models.Model):
    """How many times a public page or item was viewed on one day (counted by the page's beacon, no cookies)."""

    target = models.CharField(_("หน้า/เรื่อง"), max_length=40)
    area_code = models.CharField(_("รหัสพื้นที่"), max_length=8, blank=True, db_index=True)
    day = models.DateField(_("วันที่"))
    n = models.PositiveBigIntegerField(_("จำนวนครั้ง"), default=0)
    # In a published snapshot: the value copied from the main database (the portal counted n - base since).
    base = models.PositiveBigIntegerField(_("ยอดที่คัดลอกมา"), default=0, editable=False)

    objects = CounterQuerySet.as_manager()

    class Meta:
        verbose_name = _("จำนวนการเข้าชม")
        verbose_name_plural = _("จำนวนการเข้าชม")
        constraints = [
            models.UniqueConstraint(
                fields=("target", "day"),
                name="unique_view_count_per_day",
                violation_error_message=_("มีตัวนับของวันนี้แล้ว"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} {self.day}: {self.n}"


class ShareCount(models.Model):
    """How many times a public page or item was shared on one day through one channel (LINE, Facebook, link)."""

    target = models.CharField(_("หน้า/เรื่อง"), max_length=40)
    area_code = models.CharField(_("รหัสพื้นที่"), max_length=8, blank=True, db_index=True)
    day = models.DateField(_("วันที่"))
    channel = models.CharField(_("ช่องทาง"), max_length=10, choices=ShareChannel.choices)
    n = models.PositiveBigIntegerField(_("จำนวนครั้ง"), default=0)
    # In a published snapshot: the value copied from the main database (the portal counted n - base since).
    base = models.PositiveBigIntegerField(_("ยอดที่คัดลอกมา"), default=0, editable=False)

    objects = CounterQuerySet.as_manager()

    class Meta:
        verbose_name = _("จำนวนการแชร์")
        verbose_name_plural = _("จำนวนการแชร์")
        constraints = [
            models.UniqueConstraint(
                fields=("target", "day", "channel"),
                name="unique_share_count_per_day",
                violation_error_message=_("มีตัวนับของวันนี้แล้ว"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} {self.channel} {self.day}: {self.n}"


class PublishedSnapshot(models.Model):
    """One copy of the public site into a separate database for a portal server (``manage.py publish_snapshot``).

    In the main database: every snapshot published (``replaces`` links a snapshot to the one it replaced in the same
    database). In a snapshot database: exactly one row, saying which snapshot it holds, so that counts pulled back
    from it are matched with what the main database already took from it (``PulledCount``)."""

    token = models.CharField(max_length=32, unique=True, editable=False)
    taken_at = models.DateTimeField(_("ข้อมูล ณ"))
    database = models.CharField(_("ฐานข้อมูลปลายทาง"), max_length=300, blank=True)
    items = models.PositiveIntegerField(_("จำนวนเรื่อง"), default=0)
    replaces = models.CharField(max_length=32, blank=True, editable=False)
    counts_pulled_at = models.DateTimeField(_("ดึงยอดเข้าชมล่าสุดเมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = _("ชุดข้อมูลเผยแพร่")
        verbose_name_plural = _("ชุดข้อมูลเผยแพร่")
        ordering = ("-taken_at", "-id")

    def __str__(self) -> str:
        return f"{self.token} {self.taken_at:%Y-%m-%d %H:%M}"


class PulledCount(models.Model):
    """How much of one view/share counter of a published snapshot the main database holds already: the counter's
    value at the last pull (before the first pull, the snapshot row's own ``base`` says it: the value copied). A
    pull adds only what the snapshot counted beyond this, so pulling twice adds nothing."""

    snapshot = models.ForeignKey(
        PublishedSnapshot, on_delete=models.CASCADE, related_name="pulled", verbose_name=_("ชุดข้อมูลเผยแพร่")
    )
    kind = models.CharField(_("ชนิด"), max_length=5)  # counting.VIEW or counting.SHARE
    target = models.CharField(_("หน้า/เรื่อง"), max_length=40)
    day = models.DateField(_("วันที่"))
    channel = models.CharField(_("ช่องทาง"), max_length=10, blank=True)
    n = models.PositiveBigIntegerField(_("จำนวนครั้ง"), default=0)

    class Meta:
        verbose_name = _("ยอดที่ดึงจากชุดข้อมูลเผยแพร่")
        verbose_name_plural = _("ยอดที่ดึงจากชุดข้อมูลเผยแพร่")
        constraints = [
            models.UniqueConstraint(
                fields=("snapshot", "kind", "target", "day", "channel"),
                name="unique_pulled_count",
                violation_error_message=_("มีตัวนับนี้ในชุดข้อมูลแล้ว"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_id} {self.kind} {self.target} {self.day} {self.channel}: {self.n}"
