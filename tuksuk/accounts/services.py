"""Creating users and changing what they may see. The admin UI, the API and `add_user` all call these."""

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
