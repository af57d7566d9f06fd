"""The app's log: one row for every change made through ``learning.services``. Written once, never edited."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tuksuk.core.models import TimelineEvent

from ..choices import LearningEventKind


class LearningEvent(TimelineEvent):
    """Who changed which questionnaire, session or knowledge item, when, and what it was before."""

    kind = models.CharField(_("เหตุการณ์"), max_length=30, choices=LearningEventKind.choices)
    questionnaire = models.ForeignKey(
        "learning.Questionnaire", on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    session = models.ForeignKey(
        "learning.FocusGroupSession", on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    item = models.ForeignKey(
        "learning.KnowledgeItem", on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )

    class Meta:
        verbose_name = _("ประวัติบทเรียนและคลังความรู้")
        verbose_name_plural = _("ประวัติบทเรียนและคลังความรู้")
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"
