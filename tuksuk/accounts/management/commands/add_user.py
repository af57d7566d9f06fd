"""`python manage.py add_user USERNAME --role ROLE --area CODE [--role ROLE --area CODE …] [--password PW]`

Each ``--area`` (and ``--agency``) belongs to the ``--role`` before it; ministry roles take no area (or
``--area ""``); ``agency_staff`` also takes ``--agency CODE`` (a code of the agency register).
Running it again for the same user adds the new assignments and keeps the old ones.
"""

import argparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tuksuk.accounts.roles import Role
from tuksuk.accounts.services import create_or_update_user
from tuksuk.audit.choices import Source
from tuksuk.audit.context import audit_context


class _RoleAction(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        pairs = getattr(namespace, "assignments", None) or []
        pairs.append([values, None, None])
        namespace.assignments = pairs


class _AreaAction(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        pairs = getattr(namespace, "assignments", None) or []
        if not pairs or pairs[-1][1] is not None:
            raise argparse.ArgumentError(self, "--area must follow a --role")
        pairs[-1][1] = values.strip()


class _AgencyAction(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        pairs = getattr(namespace, "assignments", None) or []
        if not pairs or pairs[-1][2] is not None:
            raise argparse.ArgumentError(self, "--agency must follow a --role")
        pairs[-1][2] = values.strip()


class Command(BaseCommand):
    help = "Create a user (or add roles to one) with role assignments by area code."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")
        parser.add_argument(
            "--role",
            action=_RoleAction,
            dest="assignments",
            choices=Role.values,
            help="Role code; repeat for several roles.",
        )
        parser.add_argument(
            "--area",
            action=_AreaAction,
            dest="assignments",
            help="DOPA area code of the role before it (empty for ministry roles).",
        )
        parser.add_argument(
            "--agency", action=_AgencyAction, dest="assignments", help="Agency code of the agency_staff role before it."
        )
        parser.add_argument("--password", help="Password; without it a new user cannot log in until one is set.")
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    @audit_context(source=Source.COMMAND)
    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        translation.activate(settings.LANGUAGE_CODE)
        pairs = [(role, area or None, agency or None) for role, area, agency in options.get("assignments") or []]
        try:
            user, created = create_or_update_user(
                options["username"],
                assignments=pairs,
                password=options["password"],
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        verb = "Created" if created else "Updated"
        roles = ", ".join(str(a) for a in user.role_assignments.active().select_related("area")) or "no roles"
        self.stdout.write(self.style.SUCCESS(f"{verb} user {user.username}: {roles}"))
