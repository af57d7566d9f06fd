"""Fixtures for the selection tests: a province-level round of 2565 with the year-one rubric, open for applications."""

import datetime as dt

import pytest
from django.utils import timezone

from tuksuk.core.testing import make_user
from tuksuk.programme.selection import services
from tuksuk.programme.selection.models import RubricTemplate


def open_round(admin, *, level="province", kind="selection", template="province-2565", **fields):
    round = services.create_round(
        actor=admin,
        kind=kind,
        title=fields.pop("title", "คัดเลือกอำเภอนำร่องระดับจังหวัด 2565"),
        programme_year=fields.pop("programme_year", 2565),
        level=level,
        deadline=fields.pop("deadline", timezone.now() + dt.timedelta(days=7)),
        **fields,
    )
    if template:  # without a template the round stays a draft, for the test to write its own rubric
        services.copy_template(round, RubricTemplate.objects.get(code=template), actor=admin)
        services.open_round(round, actor=admin)
    return round


def apply(round, district, **fields):
    chief = make_user("district_chief", district)
    fields.setdefault("service_record", f"รับราชการ 20 ปี {district}")
    return services.save_application(round, district, actor=chief, submit=True, **fields)


def score_all(application, judge, points):
    """``points``: one value per leaf criterion, in rubric order."""
    leaves = application.round.leaf_criteria()
    entries = [services.ScoreEntry(c.pk, str(p), "") for c, p in zip(leaves, points, strict=True)]
    return services.record_scores(application, entries, actor=judge)


@pytest.fixture
def admin(db):
    return make_user("ministry_admin")


@pytest.fixture
def judge(db):
    return make_user("province_officer", "90")


@pytest.fixture
def round(admin):
    return open_round(admin)
