"""Mark the villages whose figures a write changes (see ``tuksuk.reports.tallies``).

Signals rather than calls in each service, so that every path that saves a model — services, imports, the admin —
keeps the figures right. Bulk writes that bypass signals (``bulk_create``, ``QuerySet.update``) must call
``tallies.mark`` themselves, or ``tallies.rebuild`` after a bulk load.
"""

from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from tuksuk.cases.models import Action, Story
from tuksuk.households.models import Household
from tuksuk.indicators.models import Indicator

from . import tallies


def _remember_area(sender, instance, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """Keep the area the row was loaded with, to recount it too when the row moves away."""
    instance._tally_loaded_area = instance.__dict__.get(sender._tally_area_field)


def _saved(sender, instance, raw=False, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if raw:
        return
    field = sender._tally_area_field
    tallies.mark(getattr(instance, field), getattr(instance, "_tally_loaded_area", None))
    instance._tally_loaded_area = getattr(instance, field)


def _deleted(sender, instance, **kwargs) -> None:  # type: ignore[no-untyped-def]
    tallies.mark(getattr(instance, sender._tally_area_field))


def _action_changed(sender, instance, raw=False, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if raw:
        return
    tallies.mark(Story.objects.filter(pk=instance.story_id).values_list("area_id", flat=True).first())


def _story_indicators_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if not action.startswith("post_"):
        return
    if not reverse:
        tallies.mark(instance.area_id)
    else:
        ids = pk_set if pk_set is not None else []
        tallies.mark(*Story.objects.filter(pk__in=ids).values_list("area_id", flat=True).distinct())


def _indicator_goals_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """An indicator's SDGs changed (a rare administrator's edit): recount every village with its stories."""
    if not action.startswith("post_"):
        return
    indicators = [instance.pk] if not reverse else list(pk_set or [])
    tallies.mark(*Story.objects.filter(indicators__in=indicators).values_list("area_id", flat=True).distinct())


def connect() -> None:
    Story._tally_area_field = "area_id"
    Household._tally_area_field = "village_id"
    for model in (Story, Household):
        post_init.connect(_remember_area, sender=model, dispatch_uid=f"tally-init-{model.__name__}")
        post_save.connect(_saved, sender=model, dispatch_uid=f"tally-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"tally-delete-{model.__name__}")
    post_save.connect(_action_changed, sender=Action, dispatch_uid="tally-action-save")
    post_delete.connect(_action_changed, sender=Action, dispatch_uid="tally-action-delete")
    m2m_changed.connect(_story_indicators_changed, sender=Story.indicators.through, dispatch_uid="tally-indicators")
    m2m_changed.connect(_indicator_goals_changed, sender=Indicator.sdg_goals.through, dispatch_uid="tally-sdgs")
