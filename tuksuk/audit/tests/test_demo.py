"""The demo access log: realistic rows for the demo districts' users, added once."""

import pytest
from django.utils import timezone

from tuksuk.accounts.scope import scope_for
from tuksuk.audit.demo import seed_demo_data
from tuksuk.audit.models import AccessLogEntry
from tuksuk.core.testing import make_user

pytestmark = pytest.mark.django_db


def test_seed_demo_data_adds_rows_once(place):
    make_user("district_chief", "5703", username="chiangkhong_chief")
    make_user("district_team", "5703", username="chiangkhong_team")
    summary = seed_demo_data(now=timezone.now())
    assert "auditor" in summary
    rows = AccessLogEntry.objects.filter(source="demo")
    assert rows.filter(action="view", house_code=place.household.house_code).exists()
    assert rows.filter(action="export", username="chiangkhong_team").count() == 1
    assert rows.filter(action="login_failed").count() == 1
    assert all(r.at <= timezone.now() for r in rows)
    count = rows.count()
    seed_demo_data(now=timezone.now())
    assert AccessLogEntry.objects.filter(source="demo").count() == count
    from tuksuk.accounts.models import User

    assert "auditor" in scope_for(User.objects.get(username="auditor")).roles
