"""Area and role scoping of every endpoint of this app (see tests/test_scoping_everywhere.py).

These pages hold no area-bound data: each shows or changes only the signed-in user's own login safety (no record
id in any URL, so there is no other user's or other area's object to reach, and no "out of area" 404 case).
What is proven instead:

- two-factor pages: the central and province roles (ministry_admin, ministry_viewer, auditor, province_officer)
  reach them; district, field and agency roles and users with no assignment get 403; anonymous → login;
- each user sees only their own secret;
- the code page: for a user who owes a code (200); anyone else is sent on; anonymous → login;
- the password page: every signed-in user (200); anonymous → login.
"""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tuksuk.accounts import services, twofactor
from tuksuk.core.testing import make_user

from .helpers import password_login, turn_on

pytestmark = pytest.mark.django_db

TWO_FACTOR_PAGES = {
    "two-factor",
    "two-factor-setup",
    "two-factor-disable",
    "two-factor-backup-codes",
    "two-factor-backup-download",
}
SCOPING_COVERS: set[str] = TWO_FACTOR_PAGES | {"otp-verify", "password-change"}

ELIGIBLE = [("ministry_admin", None), ("ministry_viewer", None), ("auditor", None), ("province_officer", "57")]
OTHERS = [
    ("district_chief", "5703"),
    ("district_team", "5703"),
    ("field_worker", "570301"),
    ("agency_staff", "5703"),
    (None, None),
]


def _user(role, area):  # type: ignore[no-untyped-def]
    if role == "agency_staff":
        from tuksuk.agencies.models import Agency

        return make_user(role, area, agency=Agency.objects.order_by("code").first().code)
    return make_user(role, area)


@pytest.mark.parametrize(("role", "area"), ELIGIBLE)
def test_central_and_province_roles_reach_the_two_factor_pages(client_for, role, area):
    user = _user(role, area)
    client = client_for(user)
    assert client.get(reverse("two-factor")).status_code == 200
    assert client.post(reverse("two-factor")).status_code == 302
    assert client.get(reverse("two-factor-setup")).status_code == 200
    # Without fresh codes the codes pages send the user back to the status page (nothing to show).
    assert client.get(reverse("two-factor-backup-codes"))["Location"] == reverse("two-factor")
    assert client.get(reverse("two-factor-backup-download"))["Location"] == reverse("two-factor")
    assert client.post(reverse("two-factor-disable"), {"code": "000000"})["Location"] == reverse("two-factor")


@pytest.mark.parametrize(("role", "area"), OTHERS)
def test_other_roles_get_403_on_every_two_factor_page(client_for, role, area):
    client = client_for(_user(role, area))
    for name in sorted(TWO_FACTOR_PAGES):
        assert client.get(reverse(name)).status_code in (403, 405), name
        assert client.post(reverse(name), {"code": "000000"}).status_code == 403, name


def test_anonymous_is_sent_to_log_in_everywhere(client):
    for name in sorted(SCOPING_COVERS):
        for method in (client.get, client.post):
            response = method(reverse(name))
            if response.status_code == 405:
                continue
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("login")), name


def test_each_user_sees_only_their_own_secret(client_for):
    first, second = make_user("ministry_admin"), make_user("ministry_admin")
    services.start_two_factor(first, actor=first)
    theirs = services.start_two_factor(second, actor=second)
    page = client_for(first).get(reverse("two-factor-setup")).content.decode()
    assert twofactor.secret_groups(theirs)[0] not in page
    assert twofactor.secret_groups(TOTPDevice.objects.get(user=first))[0] in page


def test_the_code_page_is_only_for_a_user_who_owes_a_code(client, client_for, district_chief):
    assert client_for(district_chief).get(reverse("otp-verify"))["Location"] == reverse("home")
    client.logout()
    user = make_user("auditor")
    turn_on(user)
    password_login(client, user)
    assert client.get(reverse("otp-verify")).status_code == 200


@pytest.mark.parametrize(("role", "area"), [*ELIGIBLE, *OTHERS])
def test_every_signed_in_user_may_change_their_password(client_for, role, area):
    assert client_for(_user(role, area)).get(reverse("password-change")).status_code == 200
