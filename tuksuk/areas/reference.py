"""Loading the area reference data: regions and provincial groups (project files), provinces, districts and
tambons (the ``geothai`` package, DOPA codes, data CC-BY-4.0), and the pilot districts per programme year.

Loading is idempotent: missing rows are created, rows already there are left as an administrator may have
edited them, unless ``overwrite=True`` resets them to the reference values.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import geothai
from django.db import transaction

from .choices import AreaLevel, AreaSource, PilotLevel
from .models import Area, PilotDistrict

DATA_DIR = Path(__file__).resolve().parent / "data"
BANGKOK = "10"
BANGKOK_REGION = "R3"
# Pilot-district files, one per programme year (Buddhist era): pilot_districts_<year>.csv
PILOT_FILE_PREFIX = "pilot_districts_"


@dataclass
class LoadSummary:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, created: int, updated: int) -> None:
        self.created[kind] = self.created.get(kind, 0) + created
        self.updated[kind] = self.updated.get(kind, 0) + updated

    def lines(self) -> list[str]:
        return [
            f"{kind}: {self.created.get(kind, 0)} created, {self.updated.get(kind, 0)} updated" for kind in self.created
        ]


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _upsert(level: str, rows: list[Area], *, overwrite: bool) -> tuple[int, int]:
    """Create the missing rows of one level; with ``overwrite`` also reset names and parents."""
    existing = Area.objects.in_bulk([row.code for row in rows])
    new = [row for row in rows if row.code not in existing]
    # Reference geography from geothai: not in the change log (the package version is the record).
    Area.objects.bulk_create(new, batch_size=1000)
    changed: list[Area] = []
    if overwrite:
        for row in rows:
            old = existing.get(row.code)
            if old and (old.name_th, old.name_en, old.parent_id, old.level, old.is_active) != (
                row.name_th,
                row.name_en,
                row.parent_id,
                row.level,
                True,
            ):
                old.name_th, old.name_en, old.parent_id, old.level, old.is_active = (
                    row.name_th,
                    row.name_en,
                    row.parent_id,
                    row.level,
                    True,
                )
                changed.append(old)
        Area.objects.bulk_update(changed, ["name_th", "name_en", "parent", "level", "is_active"], batch_size=1000)
    return len(new), len(changed)


@transaction.atomic
def load_areas(*, overwrite: bool = False) -> LoadSummary:
    summary = LoadSummary()
    ref = AreaSource.REFERENCE
    regions = [
        Area(code=r["code"], level=AreaLevel.REGION, name_th=r["name_th"], name_en=r["name_en"], source=ref)
        for r in _read_csv("regions.csv")
    ]
    summary.add("regions", *_upsert(AreaLevel.REGION, regions, overwrite=overwrite))

    groups = _read_csv("provincial_groups.csv")
    summary.add(
        "provincial groups",
        *_upsert(
            AreaLevel.GROUP,
            [
                Area(
                    code=g["code"],
                    level=AreaLevel.GROUP,
                    name_th=g["name_th"],
                    name_en=g["name_en"],
                    parent_id=g["region_code"],
                    source=ref,
                )
                for g in groups
            ],
            overwrite=overwrite,
        ),
    )

    group_of_province = {name: g["code"] for g in groups for name in g["provinces_th"].split(";")}
    provinces = []
    for p in geothai.provinces():
        parent = BANGKOK_REGION if p.code == BANGKOK else group_of_province.get(p.name_th)
        if parent is None:
            raise ValueError(f"Province {p.code} {p.name_th} is in no provincial group")
        provinces.append(
            Area(
                code=p.code,
                level=AreaLevel.PROVINCE,
                name_th=p.name_th,
                name_en=p.name_en,
                parent_id=parent,
                source=ref,
            )
        )
    summary.add("provinces", *_upsert(AreaLevel.PROVINCE, provinces, overwrite=overwrite))

    districts = [
        Area(
            code=d.code,
            level=AreaLevel.DISTRICT,
            name_th=d.name_th,
            name_en=d.name_en,
            parent_id=d.province_code,
            source=ref,
        )
        for p in geothai.provinces()
        for d in geothai.districts(p.code)
    ]
    summary.add("districts", *_upsert(AreaLevel.DISTRICT, districts, overwrite=overwrite))

    subdistricts = [
        Area(
            code=s.code,
            level=AreaLevel.SUBDISTRICT,
            name_th=s.name_th,
            name_en=s.name_en,
            parent_id=s.district_code,
            source=ref,
        )
        for d in districts
        for s in geothai.subdistricts(d.code)
    ]
    summary.add("subdistricts", *_upsert(AreaLevel.SUBDISTRICT, subdistricts, overwrite=overwrite))
    return summary


def pilot_years() -> list[int]:
    return sorted(int(p.stem.removeprefix(PILOT_FILE_PREFIX)) for p in DATA_DIR.glob(f"{PILOT_FILE_PREFIX}*.csv"))


@transaction.atomic
def load_pilots(*, overwrite: bool = False) -> LoadSummary:
    """Pilot flags from ``pilot_districts_<year>.csv``: every row is a province-level pilot; rows marked
    ``group_level=yes`` are also the provincial group's pilot."""
    summary = LoadSummary()
    for year in pilot_years():
        rows = _read_csv(f"{PILOT_FILE_PREFIX}{year}.csv")
        known = set(Area.objects.filter(code__in=[r["district_code"] for r in rows]).values_list("code", flat=True))
        missing = [r["district_code"] for r in rows if r["district_code"] not in known]
        if missing:
            raise ValueError(f"Pilot districts of {year} not in the area reference: {', '.join(missing)}")
        created = updated = 0
        for row in rows:
            levels = [PilotLevel.PROVINCE] + ([PilotLevel.GROUP] if row["group_level"].strip() == "yes" else [])
            for level in levels:
                defaults = {"sequence": int(row["seq"]), "note": row.get("seed_spelling_note", "")[:300]}
                flag, was_created = PilotDistrict.objects.get_or_create(
                    district_id=row["district_code"], programme_year=year, level=level, defaults=defaults
                )
                if was_created:
                    created += 1
                elif overwrite and (flag.sequence, flag.note) != (defaults["sequence"], defaults["note"]):
                    flag.sequence, flag.note = defaults["sequence"], defaults["note"]
                    flag.save(update_fields=["sequence", "note"])
                    updated += 1
        summary.add(f"pilot districts {year}", created, updated)
    return summary
