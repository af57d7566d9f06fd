"""`python manage.py seed_demo`: the realistic demo dataset of `make demo`. Deterministic and idempotent."""

from django.core.management.base import BaseCommand, CommandError

from tuksuk.demo.builder import build_all


class Command(BaseCommand):
    help = "Create the demo users and data in a few pilot districts (safe to repeat)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            created = build_all()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{n} {kind}" for kind, n in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (new: {summary})."))
