"""The API token endpoint and two-factor login: no token without a valid code when two-factor is on."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tuksuk.audit.models import AccessLogEntry
from tuksuk.core.testing import TEST_PASSWORD, make_user

from .helpers import code_for, wrong_code_for

pytestmark = pytest.mark.django_db


def ask(user, **extra):  # type: ignore[no-untyped-def]
    return APIClient().post(
        reverse("api-token"), {"username": user.username, "password": TEST_PASSWORD, **extra}, format="json"
    )


def test_without_two_factor_the_password_is_enough(central):
    response = ask(central)
    assert response.status_code == 200
    assert response.json()["token"]


def test_with_two_factor_the_token_needs_a_code(central_with_2fa):
    user = central_with_2fa
    missing = ask(user)
    assert missing.status_code == 400
    assert missing.json()["otp_required"] is True
    assert "otp" in missing.json()["message"]

    wrong = ask(user, otp=wrong_code_for(user.device))
    assert wrong.status_code == 400
    assert wrong.json()["message"] == "รหัสไม่ถูกต้อง"
    assert AccessLogEntry.objects.filter(action="otp_failed", user=user).exists()

    right = ask(user, otp=code_for(user.device))
    assert right.status_code == 200
    token = right.json()["token"]
    me = APIClient()
    me.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert me.get(reverse("api-me")).json()["username"] == user.username


def test_a_backup_code_also_gets_a_token_once(central_with_2fa):
    backup = central_with_2fa.backup_codes[0]
    assert ask(central_with_2fa, otp=backup).status_code == 200
    assert ask(central_with_2fa, otp=backup).status_code == 400


def test_a_wrong_password_is_refused_before_any_code_is_checked(central_with_2fa):
    response = APIClient().post(
        reverse("api-token"),
        {"username": central_with_2fa.username, "password": "wrong", "otp": code_for(central_with_2fa.device)},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["message"] == "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"


def test_a_role_that_requires_two_factor_gets_no_token_until_it_is_set_up(settings):
    settings.TUKSUK_REQUIRE_2FA_ROLES = ["province_officer"]
    officer = make_user("province_officer", "57")
    response = ask(officer)
    assert response.status_code == 403
    assert "ยืนยันตัวตนสองชั้น" in response.json()["message"]
    assert ask(make_user("district_chief", "5703")).status_code == 200
