"""Restricted households (PDPA s.34 restriction, s.32 objection): the checks other apps call.

While a household's restriction is active:

- its records are not changed: ``ensure_changeable(household)`` is called first by every service of
  ``tuksuk.households.services`` and ``tuksuk.cases.services`` / ``cases.media.attach_evidence`` that changes the
  household, its members, its stories, their actions or evidence, and refuses with a Thai message
  (``ValidationError``, which every page shows as a message). The request that set the restriction lifts it
  (``services.lift_restriction``); an approved rectification is made after lifting.
- its stories are not proposed or published on the public site: ``ensure_publishable(story)``; until the portal's
  services call it themselves, a ``pre_save`` guard on ``portal.PublicItem`` (``connect``) refuses the save.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.utils.translation import gettext as _

from .models import Restriction


def restricted_message() -> str:
    return _("ข้อมูลนี้ถูกระงับการใช้ตามคำขอของเจ้าของข้อมูล จึงแก้ไขไม่ได้จนกว่าจะยกเลิกการระงับ")


def publish_message() -> str:
    return _("ครัวเรือนของเรื่องราวนี้ถูกระงับการใช้ข้อมูลตามคำขอของเจ้าของข้อมูล จึงเสนอเผยแพร่ไม่ได้")


def active_restriction(household_id: int | None) -> Restriction | None:
    if household_id is None:
        return None
    return Restriction.objects.active().filter(household_id=household_id).select_related("request").first()


def is_restricted(household_id: int | None) -> bool:
    return household_id is not None and Restriction.objects.active().filter(household_id=household_id).exists()


def ensure_changeable(household) -> None:  # type: ignore[no-untyped-def]
    """Refuse (ValidationError, Thai) a change to a household whose data is restricted."""
    if household is not None and is_restricted(household.pk):
        raise ValidationError(restricted_message())


def ensure_publishable(story) -> None:  # type: ignore[no-untyped-def]
    """Refuse (ValidationError, Thai) proposing or publishing a public item made from a restricted household's story."""
    if story is not None and is_restricted(story.household_id):
        raise ValidationError(publish_message())


def _guard_public_item(sender, instance, raw=False, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """A new item from a restricted household's story, or one going to (or staying in) proposed/published: refused."""
    from tuksuk.portal.choices import ItemStatus

    if raw or not instance.source_story_id:
        return
    if instance._state.adding or instance.status in (ItemStatus.PROPOSED, ItemStatus.PUBLISHED):
        from tuksuk.cases.models import Story

        household_id = Story.objects.filter(pk=instance.source_story_id).values_list("household_id", flat=True).first()
        if is_restricted(household_id):
            raise ValidationError(publish_message())


def connect() -> None:
    from tuksuk.portal.models import PublicItem

    pre_save.connect(_guard_public_item, sender=PublicItem, dispatch_uid="privacy-restricted-public-item")
