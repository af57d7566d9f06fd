"""Creating users, changing what they may see, and their two-factor login. The admin UI, the API, the pages and
`add_user` all call these."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.areas.models import Area

from .models import RoleAssignment, User
from .roles import NATIONAL_ROLES, Role
from .scope import forget_scope


def _area_for(role: str, code: str | None) -> Area | None:
    if role not in Role.values:
        raise ValidationError(_("ไม่รู้จักบทบาท %(role)s") % {"role": role})
    if not code:
        if role not in NATIONAL_ROLES:
            raise ValidationError(_("บทบาท %(role)s ต้องระบุพื้นที่ (--area)") % {"role": role})
        return None
    try:
        return Area.objects.get(code=code)
    except Area.DoesNotExist:
        raise ValidationError(_("ไม่พบพื้นที่รหัส %(code)s") % {"code": code}) from None


def _agency_for(code: str | None):  # type: ignore[no-untyped-def]
    from tuksuk.agencies.models import Agency

    if not code:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise ValidationError(_("ไม่พบหน่วยงานรหัส %(code)s") % {"code": code})
    return agency


@transaction.atomic
def assign_role(
    user: User, role: str, area_code: str | None, *, actor: User | None, agency_code: str | None = None
) -> RoleAssignment:
    """Give ``user`` a role in an area (idempotent: an active identical assignment is returned as is)."""
    area, agency = _area_for(role, area_code), _agency_for(agency_code)
    existing = RoleAssignment.objects.active().filter(user=user, role=role, area=area, agency=agency).first()
    if existing:
        return existing
    assignment = RoleAssignment(user=user, role=role, area=area, agency=agency, created_by=actor)
    assignment.full_clean(validate_constraints=False)
    assignment.save()
    forget_scope(user)
    return assignment


@transaction.atomic
def revoke_role(assignment: RoleAssignment, *, actor: User | None) -> None:
    if assignment.revoked_at is None:
        assignment.revoked_at, assignment.revoked_by = timezone.now(), actor
        assignment.save(update_fields=["revoked_at", "revoked_by"])
        forget_scope(assignment.user)


@transaction.atomic
def create_or_update_user(
    username: str,
    *,
    assignments: list[tuple[str, str | None]] | list[tuple[str, str | None, str | None]],
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    actor: User | None = None,
) -> tuple[User, bool]:
    """Create the user (or find them) and add the given ``(role, area_code[, agency_code])`` assignments."""
    user = User.objects.filter(username=username).first()
    created = user is None
    if user is None:
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.full_clean(exclude=["password"])
    else:
        for attr, value in (("email", email), ("first_name", first_name), ("last_name", last_name)):
            if value:
                setattr(user, attr, value)
    if password:
        validate_password(password, user)
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.save()
    for role, area_code, *agency in assignments:
        assign_role(user, role, area_code, actor=actor, agency_code=agency[0] if agency else None)
    return user, created


@transaction.atomic
def change_password(user: User, raw_password: str, *, actor: User | None) -> None:
    """Set a new password (already checked against the password rules by the form) and log it."""
    user.set_password(raw_password)
    user.save(update_fields=["password"])
    log_security_event(SecurityEvent.PASSWORD_CHANGED, user, by=_actor_id(actor))


# --- Two-factor login (TOTP + one-time backup codes) -------------------------------------------------------------

BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "backup"


class SecurityEvent:
    """Access-log kinds of the login-safety events (``AccessLogEntry.action``; the audit app names them)."""

    OTP_VERIFIED = "otp_verified"
    OTP_FAILED = "otp_failed"
    TWO_FACTOR_ENABLED = "2fa_enabled"
    TWO_FACTOR_DISABLED = "2fa_disabled"
    BACKUP_CODES_RENEWED = "2fa_codes_renewed"
    PASSWORD_CHANGED = "password_changed"  # nosec B105 - an audit event name, not a password


def log_security_event(action: str, user: User, **detail) -> None:  # type: ignore[no-untyped-def]
    from tuksuk.audit.services import write_access

    write_access(action, user=user, object_type="accounts.user", object_id=str(user.pk), detail=detail)


def normalize_code(code: str | None) -> str:
    """What the user typed, as the devices expect it: Thai digits to 0–9, spaces and dashes dropped, lower case."""
    from tuksuk.core.thai import to_arabic_digits

    text = to_arabic_digits(str(code or ""))
    return "".join(ch for ch in text if ch not in " -\t").lower()


def verify_code(user: User, code: str | None, *, purpose: str, device=None, allow_backup: bool = True):  # type: ignore[no-untyped-def]
    """The device that accepts ``code`` (6 digits from the app, or a backup code), or a Thai ``ValidationError``.

    ``device`` checks one TOTP device (the one being set up); otherwise the user's confirmed devices are tried.
    Every failure is logged; a wrong code also counts toward django-otp's own throttle (a growing wait after each
    one, kept on the device, so logging in again does not reset it). A backup code is used up when accepted.
    """
    import django_otp
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    code = normalize_code(code)
    if not code:
        raise ValidationError(_("กรุณากรอกรหัส"), code="required")
    if len(code) == 6 and code.isdigit():
        candidates = [device] if device is not None else list(TOTPDevice.objects.filter(user=user, confirmed=True))
    elif allow_backup and device is None and len(code) == 8 and code.isalnum():
        candidates = list(StaticDevice.objects.filter(user=user, confirmed=True))
    else:
        candidates = []
    for candidate in candidates:
        allowed, info = candidate.verify_is_allowed()
        if not allowed:
            log_security_event(SecurityEvent.OTP_FAILED, user, purpose=purpose, throttled=True)
            wait = max(1, int((info["locked_until"] - timezone.now()).total_seconds()) + 1) if info else 1
            raise ValidationError(
                _("ใส่รหัสผิดหลายครั้ง กรุณารอ %(seconds)d วินาทีแล้วลองใหม่") % {"seconds": wait}, code="throttled"
            )
        accepted = django_otp.verify_token(user, candidate.persistent_id, code)
        if accepted is not None:
            return accepted
    log_security_event(SecurityEvent.OTP_FAILED, user, purpose=purpose)
    raise ValidationError(_("รหัสไม่ถูกต้อง"), code="wrong")


@transaction.atomic
def start_two_factor(user: User, *, actor: User | None):  # type: ignore[no-untyped-def]
    """A new secret for the user to scan. Nothing is asked at login until it is confirmed with a first code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .twofactor import ISSUER

    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=ISSUER, confirmed=False)


def confirm_two_factor(device, code: str | None, *, actor: User | None) -> list[str]:  # type: ignore[no-untyped-def]
    """Turn two-factor on with the first code from the app; returns the new backup codes (shown once).

    The user's API token is dropped: a new one needs a code (``/api/v1/auth/token/`` with ``otp``).
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from rest_framework.authtoken.models import Token

    user = device.user
    if device.confirmed:
        raise ValidationError(_("เปิดใช้การยืนยันตัวตนสองชั้นไว้แล้ว"))
    verify_code(user, code, purpose="setup", device=device, allow_backup=False)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_backup_codes(user)
        Token.objects.filter(user=user).delete()
        log_security_event(SecurityEvent.TWO_FACTOR_ENABLED, user, by=_actor_id(actor))
    return codes


def disable_two_factor(user: User, code: str | None, *, actor: User | None) -> None:
    """Turn two-factor off: a current code (or a backup code) proves it is the user. Not for an obliged role."""
    from .twofactor import is_required_for

    if is_required_for(user):
        raise ValidationError(_("บทบาทของคุณต้องใช้การยืนยันตัวตนสองชั้น จึงปิดไม่ได้"), code="required_role")
    verify_code(user, code, purpose="disable")
    with transaction.atomic():
        _delete_devices(user)
        log_security_event(SecurityEvent.TWO_FACTOR_DISABLED, user, by=_actor_id(actor))


def renew_backup_codes(user: User, code: str | None, *, actor: User | None) -> list[str]:
    """Ten new backup codes (the old ones stop working), after a current code."""
    verify_code(user, code, purpose="renew")
    with transaction.atomic():
        codes = _new_backup_codes(user)
        log_security_event(SecurityEvent.BACKUP_CODES_RENEWED, user, by=_actor_id(actor))
    return codes


@transaction.atomic
def reset_two_factor(user: User, *, actor: User | None) -> bool:
    """An administrator turns two-factor off for a user who lost their phone and codes. Whether it was on."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    was_on = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    _delete_devices(user)
    if was_on:
        log_security_event(SecurityEvent.TWO_FACTOR_DISABLED, user, by=_actor_id(actor), reset=True)
    return was_on


def backup_codes_left(user: User) -> int:
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _new_backup_codes(user: User) -> list[str]:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _created = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME)
    device.token_set.all().delete()
    codes: list[str] = []
    while len(codes) < BACKUP_CODE_COUNT:
        token = StaticToken.random_token()
        if token not in codes:
            codes.append(token)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=token) for token in codes)
    return codes


def _delete_devices(user: User) -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def _actor_id(actor: User | None) -> int | None:
    return getattr(actor, "pk", None)
