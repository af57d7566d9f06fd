"""Building the demo dataset. Every step is idempotent: running `seed_demo` again adds nothing twice."""

from __future__ import annotations

import random

from django.db import transaction

from tuksuk.accounts.models import User
from tuksuk.accounts.services import create_or_update_user
from tuksuk.areas.choices import AreaLevel, AreaSource
from tuksuk.areas.models import Area

from .data import DEMO_DISTRICTS, DEMO_PASSWORD, SEED, USERS, VILLAGE_NAMES


def build_users() -> int:
    created = 0
    for username, first, last, position, assignments in USERS:
        user, was_created = create_or_update_user(
            username, assignments=assignments, password=DEMO_PASSWORD if not User.objects.filter(
                username=username).exists() else None, first_name=first, last_name=last,
        )  # fmt: skip
        if user.position != position or (username == "admin" and not user.is_superuser):
            user.position = position
            user.is_staff = user.is_superuser = username == "admin"
            user.save(update_fields=["position", "is_staff", "is_superuser"])
        created += was_created
    return created


def build_villages() -> int:
    """Villages (หมู่ที่ 1…n) in every tambon of the demo districts, with seeded names."""
    rng = random.Random(SEED)
    tambons = Area.objects.filter(level=AreaLevel.SUBDISTRICT, parent_id__in=DEMO_DISTRICTS).order_by("code")
    wanted: list[Area] = []
    for tambon in tambons:
        for no in range(1, rng.randint(6, 14) + 1):
            wanted.append(Area(
                code=f"{tambon.code}{no:02d}", level=AreaLevel.VILLAGE, parent=tambon,
                name_th=f"บ้าน{rng.choice(VILLAGE_NAMES)}", source=AreaSource.IMPORT,
            ))  # fmt: skip
    existing = set(Area.objects.filter(code__in=[v.code for v in wanted]).values_list("code", flat=True))
    new = [v for v in wanted if v.code not in existing]
    Area.objects.bulk_create(new, batch_size=1000)
    return len(new)


@transaction.atomic
def build_all() -> dict[str, int]:
    if not Area.objects.filter(code__in=DEMO_DISTRICTS).exists():
        raise RuntimeError("Load the reference data first: python manage.py load_reference")
    return {"users": build_users(), "villages": build_villages()}
