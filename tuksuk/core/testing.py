"""Test helpers shared by every app's tests: users with roles, factories."""

from __future__ import annotations

import itertools

import factory

from tuksuk.accounts.models import User
from tuksuk.accounts.services import assign_role

TEST_PASSWORD = "correct-horse-battery-2565"  # nosec B105
_counter = itertools.count(1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Iterator(["สมชาย", "สมหญิง", "ประเสริฐ", "มาลี", "อรุณ"])
    last_name = factory.Iterator(["ใจดี", "รักไทย", "ศรีสุข", "บุญมา", "ทองดี"])
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            obj.save()


def make_user(
    role: str | None = None, area: str | None = None, *more: tuple, agency: str | None = None, **fields
) -> User:  # type: ignore[no-untyped-def]
    """A user holding ``role`` in ``area`` (for agency staff: of ``agency``), and any extra ``(role, area)`` pairs."""
    user = UserFactory(**fields)
    for r, a, *ag in ([(role, area, agency)] if role else []) + list(more):
        assign_role(user, r, a, actor=None, agency_code=ag[0] if ag else None)
    return user
