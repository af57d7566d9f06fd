"""Login-safety test helpers: codes from the user's "phone", two-factor turned on, real password logins."""

import time

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tuksuk.accounts import services
from tuksuk.core.testing import TEST_PASSWORD


def code_for(device) -> str:  # type: ignore[no-untyped-def]
    """The code the user's app shows now. Each call stands for a new 30-second window (django-otp refuses a code
    from a window already used, so the last one used is forgotten first)."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def wrong_code_for(device) -> str:  # type: ignore[no-untyped-def]
    """A 6-digit code the app does not show in this window or the ones either side of it."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = time.time()
    valid = set()
    for offset in (-2, -1, 0, 1, 2):
        totp.time = now + offset * device.step
        valid.add(totp.token())
    return next(f"{n:06d}" for n in range(123456, 999999) if n not in valid)


def turn_on(user):  # type: ignore[no-untyped-def]
    """Two-factor on for ``user``: returns (TOTP device, backup codes)."""
    device = services.start_two_factor(user, actor=user)
    codes = services.confirm_two_factor(device, code_for(device), actor=user)
    device.refresh_from_db()
    return device, codes


def password_login(client, user, **extra):  # type: ignore[no-untyped-def]
    return client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD, **extra})


def set_session(client, **values) -> None:  # type: ignore[no-untyped-def]
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()
