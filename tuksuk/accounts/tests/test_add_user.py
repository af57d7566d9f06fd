import pytest
from django.core.management import CommandError, call_command

from tuksuk.accounts.models import User

pytestmark = pytest.mark.django_db


def roles_of(username):
    user = User.objects.get(username=username)
    return sorted((a.role, a.area_id) for a in user.role_assignments.active())


def test_add_user_with_a_district_role(capsys):
    call_command(
        "add_user",
        "somchai",
        "--role",
        "district_chief",
        "--area",
        "5703",
        "--password",
        "a-long-secret-2565",
        "--email",
        "s@example.org",
    )
    user = User.objects.get(username="somchai")
    assert user.check_password("a-long-secret-2565")
    assert user.email == "s@example.org"
    assert roles_of("somchai") == [("district_chief", "5703")]
    assert "Created user somchai" in capsys.readouterr().out


def test_repeated_role_area_pairs_and_a_ministry_role_without_area():
    call_command(
        "add_user",
        "mali",
        "--role",
        "ministry_viewer",
        "--role",
        "district_team",
        "--area",
        "9005",
        "--role",
        "field_worker",
        "--area",
        "570301",
    )
    assert roles_of("mali") == [
        ("district_team", "9005"),
        ("field_worker", "570301"),
        ("ministry_viewer", None),
    ]
    assert not User.objects.get(username="mali").has_usable_password()


def test_running_again_adds_roles_and_keeps_old_ones():
    call_command("add_user", "krit", "--role", "district_team", "--area", "5703")
    call_command("add_user", "krit", "--role", "district_team", "--area", "5703")
    call_command("add_user", "krit", "--role", "district_team", "--area", "9005")
    assert roles_of("krit") == [("district_team", "5703"), ("district_team", "9005")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "district_chief"], "ต้องระบุพื้นที่"),
        (["--role", "district_chief", "--area", "9999"], "ไม่พบพื้นที่รหัส 9999"),
        (["--role", "district_chief", "--area", "57"], "ระดับ"),
        (["--role", "ministry_admin", "--area", "57"], "ไม่ต้องระบุพื้นที่"),
        (["--role", "field_worker", "--area", "570301", "--password", "123"], "รหัสผ่าน"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_creates_nothing(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("add_user", "bad", *args)
    assert not User.objects.filter(username="bad").exists()


def test_unknown_role_is_refused():
    with pytest.raises(CommandError):
        call_command("add_user", "bad", "--role", "king")


def test_agency_staff_may_serve_two_agencies_in_one_area():
    call_command("add_user", "nid", "--role", "agency_staff", "--area", "5703", "--agency", "PEA")
    call_command("add_user", "nid", "--role", "agency_staff", "--area", "5703", "--agency", "PWA")
    user = User.objects.get(username="nid")
    assert sorted(user.role_assignments.active().values_list("agency__code", flat=True)) == ["PEA", "PWA"]


def test_agency_staff_need_an_agency():
    with pytest.raises(CommandError, match="หน่วยงาน"):
        call_command("add_user", "nid", "--role", "agency_staff", "--area", "5703")
