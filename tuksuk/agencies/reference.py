"""Loading the agency register (idempotent; edits kept unless overwrite)."""

import csv
from pathlib import Path

from django.db import transaction

from tuksuk.areas.reference import LoadSummary

from .models import Agency

DATA_FILE = Path(__file__).resolve().parent / "data" / "agencies.csv"


@transaction.atomic
def load_agencies(*, overwrite: bool = False) -> LoadSummary:
    summary = LoadSummary()
    with DATA_FILE.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    created = updated = 0
    for row in rows:
        values = {"name_th": row["name_th"], "name_en": row["name_en"], "kind": row["kind"]}
        agency, was_created = Agency.objects.get_or_create(code=row["code"], defaults=values)
        created += was_created
        if not was_created and overwrite and any(getattr(agency, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(agency, key, value)
            agency.save(update_fields=list(values))
            updated += 1
    summary.add("agencies", created, updated)
    return summary
