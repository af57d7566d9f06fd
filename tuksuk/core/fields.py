"""Model fields shared by the domain apps.

``VillageCodeField``: the village code (8-digit DOPA code) copied onto a child row from its parent, so that every
large table carries the column Citus would distribute it by (docs/performance.md, "Growing past one machine").
A village's household, members, stories and their parts then live on one node and join there.

The value is filled in ``pre_save``, which ``Model.save()``, ``QuerySet.bulk_create()`` and
``tuksuk.core.copyload.insert`` all call, so one mechanism covers every write path. It follows the parent objects
cached on the row; when the parent is not cached (only its id is set) that costs one query per row, so bulk writers
should set the parent object or the value itself.

Deliberately no index on these columns: nothing filters by them today (queries go through the parent's area), and
an index per large table would slow every write. Under Citus they become distribution columns, which need none.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _


class VillageCodeField(models.CharField):
    """The parent's village code, filled on insert when empty. ``source`` is the path to it from the row, e.g.
    ``"household__village_id"`` or ``"story__area_id"`` (a foreign key, then the parent's attribute)."""

    description = "Village code copied from the parent row"

    def __init__(self, *args, source: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if "__" not in source:
            raise ValueError(f"VillageCodeField(source={source!r}): expected 'foreign_key__attribute'")
        self.source = source
        kwargs.setdefault("verbose_name", _("รหัสหมู่บ้าน (สำหรับกระจายข้อมูล)"))
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):  # type: ignore[no-untyped-def]
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):  # type: ignore[no-untyped-def]
        value = getattr(model_instance, self.attname)
        if not value:
            value = self.from_parent(model_instance)
            setattr(model_instance, self.attname, value)
        return value

    def from_parent(self, model_instance) -> str:  # type: ignore[no-untyped-def]
        """The village code found by following ``source`` from the row ("" when a link is missing)."""
        value = model_instance
        try:
            for part in self.source.split("__"):
                value = getattr(value, part)
                if value is None:
                    return ""
        except ObjectDoesNotExist:  # no parent set: the insert fails on the foreign key itself
            return ""
        return str(value)

    def parent_subquery(self) -> Subquery:
        """The parent's village code as a subquery on the row's foreign key (for set-based ``update()``)."""
        link, attribute = self.source.split("__", 1)
        foreign_key = self.model._meta.get_field(link)
        if not isinstance(foreign_key, models.ForeignKey):
            raise TypeError(f"{self.model._meta.label}.{self.name}: {link} is not a foreign key")
        parent: type[models.Model] = foreign_key.related_model  # type: ignore[assignment]
        parents = parent._default_manager.filter(pk=OuterRef(foreign_key.attname))
        return Subquery(parents.values(attribute)[:1])


def refill_village_codes(rows: QuerySet) -> int:
    """Copy the parent's village code again onto ``rows`` in one statement (after the parent moved to another
    village, or was replaced by another); returns the number of rows updated."""
    fields = [f for f in rows.model._meta.concrete_fields if isinstance(f, VillageCodeField)]
    return rows.update(**{f.attname: f.parent_subquery() for f in fields}) if fields else 0
