"""`python manage.py generate_national --households N --seed S`: a synthetic national dataset for scale testing."""

from django.core.management.base import BaseCommand, CommandError

from tuksuk.demo.national import DEFAULT_BATCH, DEFAULT_CITIZEN_ID_SHARE, DEFAULT_WORKERS, NationalDataError, generate


def _share(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = (
        "Generate a deterministic synthetic national dataset: villages over all provinces, households, members, "
        "stories, actions, projects and district-team users (bulk inserts; COPY on PostgreSQL)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--households", type=int, required=True, help="How many households to create.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same data (default 1).")
        parser.add_argument(
            "--batch", type=int, default=DEFAULT_BATCH, help=f"Households per write (default {DEFAULT_BATCH})."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=DEFAULT_WORKERS,
            help=f"PostgreSQL: threads writing batches while the next are generated, 0 for none "
            f"(default {DEFAULT_WORKERS}).",
        )
        parser.add_argument(
            "--citizen-ids",
            type=_share,
            default=DEFAULT_CITIZEN_ID_SHARE,
            metavar="SHARE",
            help=f"Share of members given a citizen ID, 0–1 (default {DEFAULT_CITIZEN_ID_SHARE}).",
        )
        parser.add_argument(
            "--no-encrypt",
            action="store_true",
            help="Store only the keyed hash and last digits of citizen IDs, not the encrypted number (faster).",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if options["households"] < 1:
            raise CommandError("--households must be at least 1")
        try:
            counts = generate(
                options["households"],
                options["seed"],
                stdout=self.stdout,
                batch=options["batch"],
                citizen_id_share=options["citizen_ids"],
                encrypt=not options["no_encrypt"],
                workers=max(0, options["workers"]),
            )
        except NationalDataError as exc:
            raise CommandError(str(exc)) from exc
        seconds = counts.pop("seconds")
        for table, n in counts.items():
            self.stdout.write(f"  {table}: {int(n):,}")
        self.stdout.write(self.style.SUCCESS(f"National data generated in {seconds:,.1f} s."))
