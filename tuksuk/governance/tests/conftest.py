"""Breaches in two districts: อำเภอเชียงของ (5703, Chiang Rai 57) and อำเภอเทพา (9005, Songkhla 90)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tuksuk.core.testing import make_user
from tuksuk.governance import services


def record(actor, codes, *, title="แฟ้มสำรวจหาย", hours_ago=2, **extra):  # type: ignore[no-untyped-def]
    return services.report_breach(
        actor=actor,
        title=title,
        description="แฟ้มแบบสำรวจครัวเรือนสูญหายระหว่างเดินทาง",
        discovered_at=timezone.now() - dt.timedelta(hours=hours_ago),
        area_codes=codes,
        data_categories=["identity", "health"],
        people_affected=40,
        **extra,
    )


@pytest.fixture
def auditor(db):  # type: ignore[no-untyped-def]
    return make_user("auditor")


@pytest.fixture
def breaches(db, ministry_admin):  # type: ignore[no-untyped-def]
    """``mine`` in 5703, ``province`` touching Chiang Rai (57) as a whole, ``other`` in 9005."""
    return SimpleNamespace(
        mine=record(ministry_admin, ["5703"], title="เหตุเชียงของ"),
        province=record(ministry_admin, ["57"], title="เหตุทั้งจังหวัดเชียงราย"),
        other=record(ministry_admin, ["9005"], title="เหตุเทพา"),
    )
