import pytest
from django.core.management import call_command

from tuksuk.accounts.models import User
from tuksuk.areas.models import Area

pytestmark = pytest.mark.django_db


def test_demo_data_is_deterministic_and_idempotent(capsys):
    call_command("seed_demo")
    users, villages = User.objects.count(), Area.objects.filter(level="village").count()
    names = list(Area.objects.filter(level="village").order_by("code").values_list("name_th", flat=True)[:5])
    assert users >= 10
    assert villages > 100
    call_command("seed_demo")
    assert (User.objects.count(), Area.objects.filter(level="village").count()) == (users, villages)
    assert "new: 0 users, 0 villages" in capsys.readouterr().out
    assert names == list(Area.objects.filter(level="village").order_by("code").values_list("name_th", flat=True)[:5])


def test_demo_has_a_user_for_every_role():
    from tuksuk.accounts.roles import Role

    call_command("seed_demo")
    held = set(User.objects.values_list("role_assignments__role", flat=True))
    assert set(Role.values) <= held


def test_demo_logins_are_printed(capsys):
    call_command("seed_demo")
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "chiangkhong_chief" in out
    assert "district_chief@5703" in out
