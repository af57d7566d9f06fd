"""The central knowledge base (คลังความรู้): documents, training videos, project briefs and lessons.

Reading is deliberately national, unlike every household, story or project record: the knowledge base is central
knowledge the programme asked for ("a central database of knowledge and of the plans/projects each district
proposed"), holding no personal data. So:

- every user with an assignment (any role, any area, agency staff too) reads every *published* item;
- a user with no assignment reads nothing (deny by default, as everywhere);
- a user contributes items for the areas they may write in (``Area.objects.writable_by``); only a ministry
  admin contributes central items (no area);
- an item is edited, withdrawn or published again by whoever may write in its area: its contributor, their
  district colleagues, the province above, or a ministry admin. A district user cannot edit another district's item;
  a field worker cannot edit a district's or the ministry's items; read-only roles never write;
- a withdrawn item is seen only by those who may edit it (and the ministry roles).

Search is Thai word-aware (see ``core.thai_words``): ``title_words`` and ``search_words`` are rebuilt on every save.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.accounts.scope import AreaScopedQuerySet, scope_for
from tuksuk.core import thai_words as words
from tuksuk.projects.choices import ProjectCategory

from ..choices import ItemKind, ItemStatus

SEARCHED_FIELDS = ("title", "summary", "body")


class KnowledgeItemQuerySet(AreaScopedQuerySet):
    area_field = "area__code"

    def visible_to(self, user):  # type: ignore[no-untyped-def]
        """Every published item for any assigned user; withdrawn ones only where the user may write."""
        scope = scope_for(user)
        if scope.is_empty:
            return self.none()
        if scope.everything:
            return self.all()
        withdrawn_here = Q(status=ItemStatus.WITHDRAWN) & scope.q(self.area_field) if scope.can_write else Q(pk__in=[])
        return self.filter(Q(status=ItemStatus.PUBLISHED) | withdrawn_here)

    def editable_by(self, user):  # type: ignore[no-untyped-def]
        """The items ``user`` may edit, withdraw or publish again."""
        scope = scope_for(user)
        if not scope.can_write:
            return self.none()
        return self.all() if scope.everything else self.filter(scope.q(self.area_field))

    def search(self, query: str | None):  # type: ignore[no-untyped-def]
        """Items containing every word of ``query`` (any order), best first: a word in the title counts twice.
        A blank query filters nothing; a query without any word finds nothing."""
        if not (query or "").strip():
            return self
        terms = words.query_words(query)
        if not terms:
            return self.none()
        rank = Value(0, output_field=IntegerField())
        for term in terms:
            rank = rank + Case(When(title_words__contains=f" {term} ", then=Value(2)), default=Value(1))
        rows = self.filter(words.contains_all("search_words", terms))
        return rows.annotate(rank=rank).order_by("-rank", "-published_at", "-id")


def knowledge_file_path(instance: KnowledgeItem, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"knowledge/{timezone.now():%Y%m}/{instance.file_token}.{suffix}"


class KnowledgeItem(models.Model):
    """One item of the knowledge base, tagged by SDG, ThaiQM indicator and category. Read nationally (see the module
    docstring); written by whoever may write in its area."""

    kind = models.CharField(_("ประเภท"), max_length=12, choices=ItemKind.choices)
    status = models.CharField(_("สถานะ"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.PUBLISHED)
    title = models.CharField(_("ชื่อเรื่อง"), max_length=300)
    summary = models.TextField(_("สรุปย่อ"), blank=True)
    body = models.TextField(_("เนื้อหา"), blank=True)
    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="knowledge_items",
        verbose_name=_("พื้นที่ผู้เผยแพร่"),
        help_text=_("เว้นว่าง = ส่วนกลาง (กระทรวง)"),
    )
    year = models.PositiveSmallIntegerField(
        _("ปี (พ.ศ.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    video_url = models.URLField(_("ลิงก์วิดีโอ"), max_length=500, blank=True)
    file = models.FileField(_("ไฟล์"), upload_to=knowledge_file_path, blank=True)
    file_token = models.CharField(max_length=32, blank=True, editable=False)
    file_name = models.CharField(_("ชื่อไฟล์"), max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("ขนาด (ไบต์)"), null=True, blank=True)
    sdg_goals = models.ManyToManyField("indicators.SdgGoal", blank=True, related_name="+", verbose_name=_("SDGs"))
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="+", verbose_name=_("ตัวชี้วัด ThaiQM")
    )
    categories = models.ManyToManyField(
        "indicators.Category", blank=True, related_name="+", verbose_name=_("ประเภทปัญหา")
    )
    project_category = models.PositiveSmallIntegerField(
        _("ประเภทโครงการ"), choices=ProjectCategory.choices, null=True, blank=True
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_items",
        verbose_name=_("โครงการที่เกี่ยวข้อง"),
    )
    session = models.OneToOneField(
        "learning.FocusGroupSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_item",
        verbose_name=_("จากการสนทนากลุ่ม"),
    )
    title_words = models.TextField(editable=False, default="")
    search_words = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้เผยแพร่"),
    )
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), default=timezone.now)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    withdrawn_at = models.DateTimeField(_("ถอนออกเมื่อ"), null=True, blank=True)
    withdraw_reason = models.CharField(_("เหตุผลที่ถอนออก"), max_length=300, blank=True)

    objects = KnowledgeItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("รายการในคลังความรู้")
        verbose_name_plural = _("คลังความรู้")
        ordering = ("-published_at", "-id")
        indexes = [models.Index(fields=("status", "kind", "year"), name="learning_item_filters")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.refresh_search()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(SEARCHED_FIELDS):
            kwargs["update_fields"] = {*update_fields, "title_words", "search_words"}
        super().save(*args, **kwargs)

    def refresh_search(self) -> None:
        """Cut the title, summary and body into words (Thai word-aware search, see ``core.thai_words``)."""
        self.title_words = words.search_field(self.title)
        self.search_words = words.search_field(*(getattr(self, name) for name in SEARCHED_FIELDS))

    @property
    def is_published(self) -> bool:
        return self.status == ItemStatus.PUBLISHED
