"""Demo access log: a fortnight of district staff opening household and story pages, an export, API reads,
logins and a failed login, so the auditor's search has something real to find. Plus the demo auditor.

Deterministic and idempotent: the rows are added once (source ``demo``); running it again adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from tuksuk.accounts.models import User
from tuksuk.cases.models import Story
from tuksuk.households.models import Household

from .choices import AccessAction, Source
from .context import AuditContext
from .models import AccessLogEntry
from .services import write_access

SEED = 2562  # the year of the PDPA
DEMO_AUDITOR = ("auditor", "ปราณี", "ตรวจดี", "ผู้ตรวจราชการ สำนักงานปลัดกระทรวงมหาดไทย")
# (username, address they work from) of the district users whose reading the demo shows.
READERS = [
    ("chiangkhong_chief", "10.57.3.11"),
    ("chiangkhong_team", "10.57.3.24"),
    ("wiang_field", "10.57.3.40"),
    ("thepha_chief", "10.90.5.11"),
    ("prangku_team", "10.33.7.20"),
]
DAYS = 14


def ensure_auditor() -> User:
    from tuksuk.accounts.services import create_or_update_user
    from tuksuk.demo.data import DEMO_PASSWORD

    username, first, last, position = DEMO_AUDITOR
    user, created = create_or_update_user(
        username, assignments=[("auditor", None)], first_name=first, last_name=last, password=None
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.position = position
        user.save(update_fields=["password", "position"])
    return user


def seed_demo_data(*, now: dt.datetime) -> str:
    ensure_auditor()
    if AccessLogEntry.objects.filter(source=Source.DEMO).exists():
        return "บันทึกการเข้าถึงข้อมูลสาธิตมีอยู่แล้ว"
    rng = random.Random(SEED)  # noqa: S311  (demo data, not secrets)  # nosec B311
    written = 0
    for username, ip in READERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        households = list(Household.objects.visible_to(user).order_by("house_code")[:40])
        stories = list(Story.objects.visible_to(user).select_related("household").order_by("pk")[:40])
        if not households:
            continue
        for day in range(DAYS, 0, -1):
            if rng.random() < 0.3:
                continue  # not every day at the desk
            start = now - dt.timedelta(days=day) + dt.timedelta(hours=rng.randint(-4, 2), minutes=rng.randint(0, 59))
            request_id = f"demo-{uuid.UUID(int=rng.getrandbits(128)).hex[:20]}"
            context = AuditContext(source=Source.DEMO, request_id=request_id, ip=ip)
            write_access(
                AccessAction.LOGIN,
                context=context,
                user=user,
                object_type="accounts.user",
                object_id=str(user.pk),
                at=start,
            )
            written += 1
            for minute in range(rng.randint(1, 5)):
                household = rng.choice(households)
                write_access(
                    AccessAction.VIEW,
                    context=context,
                    user=user,
                    object_type="households.household",
                    object_id=str(household.pk),
                    household=household,
                    area_code=household.village_id,
                    at=start + dt.timedelta(minutes=3 * minute + 1),
                )
                written += 1
            if stories and rng.random() < 0.6:
                story = rng.choice(stories)
                write_access(
                    AccessAction.API if username == "prangku_team" else AccessAction.VIEW,
                    context=context,
                    user=user,
                    object_type="cases.story",
                    object_id=str(story.pk),
                    household=story.household,
                    area_code=story.area_id,
                    at=start + dt.timedelta(minutes=20),
                )
                written += 1
        if username == "chiangkhong_team":
            write_access(
                AccessAction.EXPORT,
                context=AuditContext(source=Source.DEMO, request_id="demo-export-5703", ip=ip),
                user=user,
                object_type="cases.story",
                row_count=Story.objects.visible_to(user).filter(status="in_progress").count(),
                detail={"format": "xlsx", "filter": {"area": "5703", "status": "in_progress"}},
                at=now - dt.timedelta(days=3, hours=2),
            )
            written += 1
    write_access(
        AccessAction.LOGIN_FAILED,
        context=AuditContext(source=Source.DEMO, request_id="demo-failed-login", ip="203.0.113.45"),
        username="chiangkhong_chief",
        at=now - dt.timedelta(days=2, hours=5),
    )
    written += 1
    return f"บันทึกการเข้าถึงข้อมูลสาธิต {written} รายการ และผู้ตรวจสอบ 1 คน (auditor)"
