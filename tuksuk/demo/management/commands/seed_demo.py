"""`python manage.py seed_demo`: the realistic demo dataset of `make demo`. Deterministic and idempotent."""

from importlib import import_module

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from tuksuk.audit.choices import Source
from tuksuk.audit.context import audit_context
from tuksuk.demo.builder import build_all

# Apps that add their own demo records once the users, households, stories and projects exist.
APP_DEMOS = (
    "tuksuk.audit.demo",
    "tuksuk.programme.selection.demo",
    "tuksuk.programme.training.demo",
    "tuksuk.programme.learning.demo",
    "tuksuk.portal.demo",
)


class Command(BaseCommand):
    help = "Create the demo users and data in a few pilot districts (safe to repeat)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            with audit_context(source=Source.DEMO):
                created = build_all()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{n} {kind}" for kind, n in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (new: {summary})."))
        now = timezone.now()
        for module in APP_DEMOS:
            with transaction.atomic(), audit_context(source=Source.DEMO):
                self.stdout.write(f"  {import_module(module).seed_demo_data(now=now)}")
