"""Area scoping: which records a user may see. The rules live here and nowhere else.

1. Every scoped record carries the DOPA code of the smallest area it belongs to (village 8 digits, tambon 6,
   district 4, province 2).
2. A user sees a record when the record's code starts with one of the codes the user is assigned to
   (``RoleAssignment``). A region or provincial-group assignment counts as its provinces' codes.
3. ``ministry_admin`` and ``ministry_viewer`` see everything; so does a superuser.
4. ``agency_staff`` is assigned an area *and* an agency: they see the records of that area that are linked to their
   agency (a model names the link in ``agency_field``, e.g. a story's assignments). Models without such a link are
   hidden from agency staff, unless they are plain geography (``open_to_agency_area``).
5. Deny by default: an anonymous or inactive user, or a user with no active assignment, sees nothing.
6. Out of scope looks exactly like missing: ``get_for_user`` raises the same 404 for both.

Every list, detail, count, export and API endpoint gets its rows from ``<Model>.objects.visible_to(user)``; the
base views (``tuksuk.core.views``) and the base API viewset (``tuksuk.core.api.viewsets``) do this for you.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404

from tuksuk.core.thai import is_digits

from .roles import NATIONAL_ROLES, READ_ONLY_ROLES, Role

_CACHE_ATTR = "_tuksuk_scope"


@dataclass(frozen=True)
class Scope:
    """What one user may see: everything, or the records under some area-code prefixes."""

    everything: bool = False
    prefixes: tuple[str, ...] = ()
    roles: frozenset[str] = frozenset()
    assigned_codes: tuple[str, ...] = ()
    # (area-code prefix, agency id) pairs of agency_staff assignments.
    agency_grants: tuple[tuple[str, int], ...] = ()
    # Areas above the user's own (their province, group, region): visible as places to navigate through.
    ancestor_codes: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.prefixes and not self.agency_grants

    @property
    def agency_ids(self) -> frozenset[int]:
        return frozenset(agency for _prefix, agency in self.agency_grants)

    @property
    def can_write(self) -> bool:
        return not self.is_empty and bool(self.roles - READ_ONLY_ROLES)

    def covers(self, code: str | None, agency_id: int | None = None) -> bool:
        """Whether a record in area ``code`` (linked to ``agency_id``, if any) lies in this scope."""
        if self.everything:
            return True
        if not code:
            return False
        if any(code.startswith(prefix) for prefix in self.prefixes):
            return True
        return agency_id is not None and any(
            code.startswith(prefix) and agency == agency_id for prefix, agency in self.agency_grants
        )

    def can_write_in(self, code: str | None, agency_id: int | None = None) -> bool:
        """Whether this user may change a record in area ``code`` (linked to ``agency_id``, if any)."""
        return self.can_write and self.covers(code, agency_id)

    def q(self, field_name: str) -> Q:
        """The filter that keeps rows whose ``field_name`` lies under this scope's area prefixes."""
        if self.everything:
            return Q()
        if not self.prefixes:
            return Q(pk__in=[])
        condition = Q()
        for prefix in self.prefixes:
            condition |= Q(**{f"{field_name}__startswith": prefix})
        return condition


NOTHING = Scope()
EVERYTHING = Scope(everything=True)


def scope_for(user) -> Scope:  # type: ignore[no-untyped-def]
    """The user's scope, computed once per user object (i.e. once per request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = _compute_scope(user)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_scope(user) -> None:  # type: ignore[no-untyped-def]
    """Drop the cached scope after the user's assignments changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _compute_scope(user) -> Scope:  # type: ignore[no-untyped-def]
    from tuksuk.areas.models import Area

    assignments = list(user.role_assignments.active().values_list("role", "area_id", "agency_id"))
    roles = frozenset(role for role, _area, _agency in assignments)
    if user.is_superuser or roles & NATIONAL_ROLES:
        return Scope(everything=True, roles=roles | ({"ministry_admin"} if user.is_superuser else set()))
    codes = tuple(sorted({code for _role, code, _agency in assignments if code}))
    if not codes:
        return NOTHING
    area_codes = {code for role, code, _agency in assignments if code and role != Role.AGENCY_STAFF}
    grants = {
        (prefix, agency)
        for role, code, agency in assignments
        if role == Role.AGENCY_STAFF and code and agency
        for prefix in _expand([code])
    }
    return Scope(
        prefixes=_minimal_prefixes(_expand(area_codes)),
        roles=roles,
        assigned_codes=codes,
        agency_grants=tuple(sorted(grants)),
        ancestor_codes=frozenset(Area.objects.ancestor_codes(codes)),
    )


def _expand(codes) -> set[str]:  # type: ignore[no-untyped-def]
    """Region and group codes stand for their provinces' codes."""
    from tuksuk.areas.models import Area

    codes = set(codes)
    return {c for c in codes if is_digits(c)} | set(Area.objects.province_codes_under(codes))


def _minimal_prefixes(codes: Iterable[str]) -> tuple[str, ...]:
    """Drop codes already covered by a shorter one (``10`` covers ``1001``)."""
    kept: list[str] = []
    for code in sorted(set(codes), key=len):
        if not any(code.startswith(prefix) for prefix in kept):
            kept.append(code)
    return tuple(sorted(kept))


class AreaScopedQuerySet(models.QuerySet):
    """Base queryset of every area-scoped model.

    Subclasses name their area column in ``area_field`` and, when agency staff may see some rows, the path to the
    agency in ``agency_field`` (rows of other agencies stay hidden). ``open_to_agency_area`` is for plain geography.
    The variations of the rule, all here:

    - ``also_area_fields``: other area columns; a row is visible when any of them lies in the user's areas (a
      training participant: their own district, or the province organising the course).
    - ``record_level``: the code length of the area every row belongs to (4: district-level records such as public
      items); a user assigned below that level (a tambon, a village) also sees the rows of their own district.
    - ``everyone_assigned``: central content every user with an assignment reads (questionnaires); deny by default
      still holds for a user with none.
    """

    area_field = "area__code"
    agency_field: str | None = None
    open_to_agency_area = False
    also_area_fields: tuple[str, ...] = ()
    record_level: int | None = None
    everyone_assigned = False

    def visible_to(self, user):  # type: ignore[no-untyped-def]
        scope = scope_for(user)
        if scope.everything:
            return self.all()
        if self.everyone_assigned:
            return self.none() if scope.is_empty else self.all()
        condition = self._in_prefixes(scope) if scope.prefixes else None
        joins = False
        for prefix, agency in scope.agency_grants:
            in_area = Q(**{f"{self.area_field}__startswith": prefix})
            if self.open_to_agency_area:
                grant = in_area
            elif self.agency_field:
                grant = in_area & Q(**{self.agency_field: agency})
                joins = True
            else:
                continue
            condition = grant if condition is None else condition | grant
        if condition is None:
            return self.none()
        rows = self.filter(condition)
        return rows.distinct() if joins else rows

    def _in_prefixes(self, scope: Scope) -> Q:
        condition = Q()
        for name in (self.area_field, *self.also_area_fields):
            condition |= scope.q(name)
        if self.record_level:
            own = sorted({prefix[: self.record_level] for prefix in scope.prefixes if len(prefix) > self.record_level})
            if own:
                condition |= Q(**{f"{self.area_field}__in": own})
        return condition


def get_for_user(queryset: models.QuerySet, user, **lookup):  # type: ignore[no-untyped-def]
    """The one object matching ``lookup`` that ``user`` may see; 404 whether missing or out of scope."""
    try:
        return queryset.visible_to(user).get(**lookup)  # type: ignore[attr-defined]
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404 from exc  # a malformed id (not a number, not a UUID) is as missing as an unknown one


def require_write(user, code: str, agency_id: int | None = None) -> None:  # type: ignore[no-untyped-def]
    """Refuse (PermissionDenied, with a message for the user) a change to a record in area ``code``."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    scope = scope_for(user)
    if not scope.can_write_in(code, agency_id):
        raise PermissionDenied(_("คุณไม่มีสิทธิ์บันทึกข้อมูลในพื้นที่นี้"))
