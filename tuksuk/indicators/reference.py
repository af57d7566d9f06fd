"""Loading categories, ThaiQM indicators and SDG goals (idempotent; administrators' edits kept unless overwrite)."""

import csv
from pathlib import Path

from django.db import transaction

from tuksuk.areas.reference import LoadSummary

from .models import Category, Indicator, SdgGoal

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _put(model, pk: int, values: dict, overwrite: bool) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        model.objects.create(pk=pk, **values)
        return 1, 0
    if overwrite and any(getattr(obj, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(obj, key, value)
        obj.save(update_fields=list(values))
        return 0, 1
    return 0, 0


@transaction.atomic
def load_indicators(*, overwrite: bool = False) -> LoadSummary:
    summary = LoadSummary()
    for row in _rows("sdg_goals.csv"):
        summary.add(
            "SDG goals",
            *_put(SdgGoal, int(row["goal"]), {"name_th": row["name_th"], "name_en": row["name_en"]}, overwrite),
        )
    for row in _rows("categories.csv"):
        summary.add(
            "problem categories",
            *_put(Category, int(row["number"]), {"name_th": row["name_th"], "name_en": row["name_en"]}, overwrite),
        )
    for row in _rows("thaiqm_indicators.csv"):
        number = int(row["number"])
        confirmed = row["name_status"].startswith("seed") and bool(row["name_th"].strip())
        name = row["name_th"].strip() or f"ตัวชี้วัด ThaiQM ข้อ {number}"
        created, updated = _put(
            Indicator,
            number,
            {"category_id": int(row["category_no"]), "name_th": name, "name_confirmed": confirmed},
            overwrite,
        )
        if created or overwrite:
            goals = [int(g) for g in row["sdg_goals"].split(";") if g.strip()]
            Indicator.objects.get(pk=number).sdg_goals.set(goals)
        summary.add("ThaiQM indicators", created, updated)
    return summary
