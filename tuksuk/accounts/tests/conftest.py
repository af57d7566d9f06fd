"""Fixtures for the login-safety tests (helpers in ``helpers.py``)."""

import pytest

from tuksuk.core.testing import make_user

from .helpers import turn_on


@pytest.fixture(autouse=True)
def no_otp_wait(settings):  # type: ignore[no-untyped-def]
    """django-otp's growing wait after a wrong code is switched off, except where a test turns it on."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def central(db):  # type: ignore[no-untyped-def]
    """A ministry administrator (may turn two-factor on)."""
    return make_user("ministry_admin")


@pytest.fixture
def central_with_2fa(central):  # type: ignore[no-untyped-def]
    device, codes = turn_on(central)
    central.device, central.backup_codes = device, codes
    return central
