"""Turning two-factor login on and off, and the backup codes (the user's own page)."""

from base64 import b32encode

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tuksuk.accounts import services, twofactor
from tuksuk.audit.models import AccessLogEntry
from tuksuk.core.testing import make_user

from .helpers import code_for, password_login, turn_on, wrong_code_for

pytestmark = pytest.mark.django_db


def start(client):  # type: ignore[no-untyped-def]
    response = client.post(reverse("two-factor"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-setup"))
    return client.get(reverse("two-factor-setup"))


def test_turning_on_shows_a_qr_code_and_the_secret_in_groups(client_for, central):
    client = client_for(central)
    page = client.get(reverse("two-factor")).content.decode()
    assert "การยืนยันตัวตนสองชั้น" in page
    assert 'data-testid="two-factor-start"' in page

    page = start(client).content.decode()
    device = TOTPDevice.objects.get(user=central)
    assert not device.confirmed
    assert "<svg" in page
    assert 'data-testid="totp-qr"' in page
    secret = b32encode(device.bin_key).decode().rstrip("=")
    groups = [secret[i : i + 4] for i in range(0, len(secret), 4)]
    assert all(f">{group}<" in page for group in groups)
    uri = twofactor.totp_uri(device)
    assert uri.startswith(f"otpauth://totp/Tuksuk%3A{central.username}?")
    assert f"secret={secret}" in uri
    assert "issuer=Tuksuk" in uri


def test_a_wrong_first_code_is_refused_and_an_unconfirmed_device_is_never_asked_for(client, central):
    client.force_login(central)
    start(client)
    device = TOTPDevice.objects.get(user=central)
    response = client.post(reverse("two-factor-setup"), {"code": wrong_code_for(device)})
    assert response.status_code == 200
    assert "รหัสไม่ถูกต้อง" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    client.post(reverse("logout"))
    password_login(client, central)
    assert client.get(reverse("home")).status_code == 200


def test_the_right_code_turns_it_on_and_shows_ten_backup_codes_once(client_for, central):
    client = client_for(central)
    start(client)
    device = TOTPDevice.objects.get(user=central)
    response = client.post(reverse("two-factor-setup"), {"code": code_for(device)})
    assert response["Location"] == reverse("two-factor-backup-codes")
    device.refresh_from_db()
    assert device.confirmed

    page = client.get(reverse("two-factor-backup-codes")).content.decode()
    stored = list(StaticToken.objects.filter(device__user=central).values_list("token", flat=True))
    assert len(stored) == 10
    assert all(f"{code[:4]}-{code[4:]}" in page for code in stored)

    download = client.get(reverse("two-factor-backup-download"))
    assert download["Content-Type"].startswith("text/plain")
    assert "attachment" in download["Content-Disposition"]
    text = download.content.decode()
    assert all(f"{code[:4]}-{code[4:]}" in text for code in stored)

    # Once the user moves on, the codes are not shown again.
    page = client.get(reverse("two-factor")).content.decode()
    assert 'data-testid="two-factor-on"' in page
    assert "เหลือรหัสสำรอง 10 รหัส" in page
    assert client.get(reverse("two-factor-backup-codes"))["Location"] == reverse("two-factor")
    assert client.get(reverse("two-factor-backup-download"))["Location"] == reverse("two-factor")
    assert AccessLogEntry.objects.filter(action="2fa_enabled", object_id=str(central.pk)).count() == 1


def test_starting_again_replaces_an_unfinished_setup(client_for, central):
    client = client_for(central)
    start(client)
    first = TOTPDevice.objects.get(user=central)
    start(client)
    assert list(TOTPDevice.objects.filter(user=central)) != [first]
    assert TOTPDevice.objects.filter(user=central).count() == 1


@pytest.mark.parametrize(
    ("role", "area"),
    [("district_chief", "5703"), ("district_team", "5703"), ("field_worker", "570301"), (None, None)],
)
def test_other_roles_cannot_turn_it_on(client_for, role, area):
    user = make_user(role, area)
    client = client_for(user)
    assert client.get(reverse("two-factor")).status_code == 403
    assert client.post(reverse("two-factor")).status_code == 403
    assert client.get(reverse("two-factor-setup")).status_code == 403
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_turning_off_needs_a_current_code(client_for, central_with_2fa):
    user = central_with_2fa
    client = client_for(user)
    client.post(reverse("otp-verify"), {"code": code_for(user.device)})

    response = client.post(reverse("two-factor-disable"), {"code": wrong_code_for(user.device)}, follow=True)
    assert "รหัสไม่ถูกต้อง" in response.content.decode()
    assert twofactor.has_two_factor(user)

    response = client.post(reverse("two-factor-disable"), {"code": code_for(user.device)}, follow=True)
    assert "ปิดการยืนยันตัวตนสองชั้นแล้ว" in response.content.decode()
    assert not twofactor.has_two_factor(user)
    assert not StaticToken.objects.filter(device__user=user).exists()
    assert AccessLogEntry.objects.filter(action="2fa_disabled", object_id=str(user.pk)).exists()
    # Off means off: the next page is not held back for a code.
    assert client.get(reverse("home")).status_code == 200


def test_new_backup_codes_replace_the_old_ones(client_for, central_with_2fa):
    user = central_with_2fa
    client = client_for(user)
    client.post(reverse("otp-verify"), {"code": code_for(user.device)})
    response = client.post(reverse("two-factor-backup-codes"), {"code": code_for(user.device)})
    assert response["Location"] == reverse("two-factor-backup-codes")
    new = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(new) == 10
    assert not new & set(user.backup_codes)
    with pytest.raises(ValidationError, match="รหัสไม่ถูกต้อง"):
        services.verify_code(user, user.backup_codes[0], purpose="test")


def test_a_role_that_requires_it_cannot_turn_it_off(settings, client_for, central_with_2fa):
    settings.TUKSUK_REQUIRE_2FA_ROLES = ["ministry_admin"]
    user = central_with_2fa
    client = client_for(user)
    client.post(reverse("otp-verify"), {"code": code_for(user.device)})
    assert "ปิดไม่ได้" in client.get(reverse("two-factor")).content.decode()
    response = client.post(reverse("two-factor-disable"), {"code": code_for(user.device)}, follow=True)
    assert "ปิดไม่ได้" in response.content.decode()
    assert twofactor.has_two_factor(user)


def test_turning_it_on_drops_the_old_api_token(central):
    from rest_framework.authtoken.models import Token

    Token.objects.create(user=central)
    turn_on(central)
    assert not Token.objects.filter(user=central).exists()


def test_an_administrator_can_reset_a_lost_phone(central_with_2fa):
    call_command("reset_two_factor", central_with_2fa.username)
    assert not twofactor.has_two_factor(central_with_2fa)
    entry = AccessLogEntry.objects.filter(action="2fa_disabled").get()
    assert entry.detail["reset"] is True


def test_thai_digits_and_spaces_in_a_code_are_understood(central_with_2fa):
    code = code_for(central_with_2fa.device)
    thai = code.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert services.verify_code(central_with_2fa, f"{thai[:3]} {thai[3:]}", purpose="test") is not None
