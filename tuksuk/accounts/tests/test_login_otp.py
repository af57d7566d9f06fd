"""The second step of login: the code page, the gate that holds every other page until the code is given, the
limit on wrong codes, backup codes, and roles that must use two-factor login."""

import time

import pytest
from django.urls import reverse
from django.utils import timezone

from tuksuk.accounts import services, twofactor
from tuksuk.audit.models import AccessLogEntry
from tuksuk.core.testing import make_user

from .helpers import code_for, password_login, set_session, turn_on, wrong_code_for

pytestmark = pytest.mark.django_db


def test_password_alone_is_not_enough_when_two_factor_is_on(client, central_with_2fa):
    user = central_with_2fa
    response = password_login(client, user, next=reverse("households:list"))
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("otp-verify"))
    page = client.get(response["Location"]).content.decode()
    assert "กรอกรหัส 6 หลักจากแอปยืนยันตัวตน" in page

    response = client.post(reverse("otp-verify"), {"code": code_for(user.device), "next": reverse("households:list")})
    assert response["Location"] == reverse("households:list")
    assert client.get(reverse("households:list")).status_code == 200
    entry = AccessLogEntry.objects.get(action="otp_verified")
    assert entry.user_id == user.pk
    assert entry.detail["device"] == "totp"


def test_until_the_code_every_page_but_the_exempt_ones_is_held_back(client, central_with_2fa):
    password_login(client, central_with_2fa)
    for name in ("home", "households:list", "reports:dashboard", "two-factor", "password-change", "audit:index"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("otp-verify")), name
    # htmx requests are told where to go; the API refuses in JSON.
    htmx = client.get(reverse("households:list"), HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"].startswith(reverse("otp-verify"))
    api = client.get(reverse("api-me"))
    assert api.status_code == 403
    assert "ยืนยันตัวตนสองชั้น" in api.json()["message"]
    # The code page, the language switch, the JavaScript catalogue and logout stay open.
    assert client.get(reverse("otp-verify")).status_code == 200
    assert client.get(reverse("javascript-catalog")).status_code == 200
    assert client.post(reverse("set_language"), {"language": "th", "next": "/"}).status_code == 302
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_five_wrong_codes_send_the_user_back_to_the_password(client, central_with_2fa):
    user = central_with_2fa
    password_login(client, user)
    wrong = wrong_code_for(user.device)
    for left in (4, 3, 2, 1):
        page = client.post(reverse("otp-verify"), {"code": wrong}).content.decode()
        assert "รหัสไม่ถูกต้อง" in page
        assert f"ใส่ได้อีก {left} ครั้ง" in page
    response = client.post(reverse("otp-verify"), {"code": wrong}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "ใส่รหัสยืนยันผิดหลายครั้ง กรุณาเข้าสู่ระบบใหม่" in response.content.decode()
    # The session is over: even the right code now needs the password first.
    response = client.post(reverse("otp-verify"), {"code": code_for(user.device)})
    assert response["Location"].startswith(reverse("login"))
    assert AccessLogEntry.objects.filter(action="otp_failed", user=user).count() == 5


def test_after_many_wrong_codes_even_the_right_one_must_wait(settings, client, central_with_2fa):
    settings.OTP_TOTP_THROTTLE_FACTOR = 1
    user = central_with_2fa
    device = user.device
    device.throttling_failure_count, device.throttling_failure_timestamp = 10, timezone.now()
    device.save(update_fields=["throttling_failure_count", "throttling_failure_timestamp"])
    password_login(client, user)
    page = client.post(reverse("otp-verify"), {"code": code_for(device)}).content.decode()
    assert "กรุณารอ" in page
    assert client.get(reverse("home")).status_code == 302


def test_a_backup_code_works_once(client, central_with_2fa):
    user = central_with_2fa
    backup = user.backup_codes[0]
    password_login(client, user)
    response = client.post(reverse("otp-verify"), {"code": f"{backup[:4]}-{backup[4:].upper()}"}, follow=True)
    assert response.status_code == 200
    assert "ใช้รหัสสำรองแล้ว เหลืออีก 9 รหัส" in response.content.decode()
    assert client.get(reverse("households:list")).status_code == 200

    client.post(reverse("logout"))
    password_login(client, user)
    page = client.post(reverse("otp-verify"), {"code": backup}).content.decode()
    assert "รหัสไม่ถูกต้อง" in page
    assert client.get(reverse("home")).status_code == 302


def test_users_without_two_factor_log_in_as_before(client, district_chief, central):
    for user in (district_chief, central):
        password_login(client, user)
        assert client.get(reverse("home")).status_code == 200
        assert client.get(reverse("otp-verify"))["Location"] == reverse("home")
        client.post(reverse("logout"))


def test_the_code_page_does_not_send_the_user_to_another_site(client, central_with_2fa):
    password_login(client, central_with_2fa)
    response = client.post(
        reverse("otp-verify"), {"code": code_for(central_with_2fa.device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_two_factor_turned_on_in_another_session_is_asked_for_within_a_minute(client, central):
    password_login(client, central)
    assert client.get(reverse("home")).status_code == 200
    turn_on(central)  # on the user's other computer
    state = client.session[twofactor.STATE_KEY]
    set_session(client, **{twofactor.STATE_KEY: {**state, "at": int(time.time()) - twofactor.RECHECK_SECONDS}})
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("otp-verify"))


def test_a_role_that_requires_two_factor_is_sent_to_set_it_up_first(settings, client):
    settings.TUKSUK_REQUIRE_2FA_ROLES = "province_officer, auditor"
    officer = make_user("province_officer", "57")
    password_login(client, officer)
    response = client.get(reverse("households:list"))
    assert response["Location"] == f"{reverse('two-factor')}?next=%2Fhouseholds%2F"
    page = client.get(response["Location"]).content.decode()
    assert "บทบาทของคุณต้องเปิดใช้การยืนยันตัวตนสองชั้นก่อนใช้งานระบบ" in page
    assert client.get(reverse("api-me")).status_code == 403

    client.post(reverse("two-factor"))
    device = officer.totpdevice_set.get()
    assert client.get(reverse("two-factor-setup")).status_code == 200
    response = client.post(reverse("two-factor-setup"), {"code": code_for(device)})
    assert response["Location"].startswith(reverse("two-factor-backup-codes"))
    assert client.get(reverse("households:list")).status_code == 200


def test_a_role_that_does_not_require_it_is_not_sent_to_set_it_up(settings, client, district_chief):
    settings.TUKSUK_REQUIRE_2FA_ROLES = ["province_officer"]
    password_login(client, district_chief)
    assert client.get(reverse("households:list")).status_code == 200


def test_only_confirmed_devices_count(central):
    services.start_two_factor(central, actor=central)
    assert not twofactor.has_two_factor(central)
    assert twofactor.need_of(central) == twofactor.NONE
