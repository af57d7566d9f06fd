from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Copy the public site (published items and photos, figures, counts, reference data; no personal data) into "
        "a separate database for a portal server (TUKSUK_MODE=portal), replacing the previous snapshot there."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--to", required=True, metavar="DATABASE_URL", help="sqlite:///path or postgres://…")
        parser.add_argument(
            "--media-to", metavar="DIR", help="the portal server's MEDIA_ROOT: published photos go here"
        )
        counts = parser.add_mutually_exclusive_group()
        counts.add_argument(
            "--pull-counts",
            action="store_true",
            help="first add the views/shares the snapshot counted to this database",
        )
        counts.add_argument(
            "--pull-only", action="store_true", help="only add the snapshot's new views/shares; publish nothing"
        )
        counts.add_argument(
            "--discard-counts", action="store_true", help="replace the snapshot even if it counted views not pulled"
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        from tuksuk.audit.context import audit_context
        from tuksuk.portal.snapshot import SnapshotError, publish_snapshot

        media_to = Path(options["media_to"]).resolve() if options.get("media_to") else None
        if media_to is not None and media_to.exists() and not media_to.is_dir():
            raise CommandError(f"Not a directory: {media_to}")
        try:
            with audit_context():
                result = publish_snapshot(
                    options["to"],
                    media_to=media_to,
                    pull=options["pull_counts"],
                    pull_only=options["pull_only"],
                    discard_counts=options["discard_counts"],
                )
        except SnapshotError as exc:
            raise CommandError(str(exc)) from exc
        if options["pull_counts"] or options["pull_only"]:
            self.stdout.write(f"Pulled {result.pulled_views} views and {result.pulled_shares} shares.")
        if result.token:
            rows = ", ".join(f"{label} {n}" for label, n in result.rows.items())
            self.stdout.write(f"Published snapshot {result.token}: {rows}.")
            if media_to is not None:
                self.stdout.write(f"Photos: {result.files} in place, {result.removed_files} removed in {media_to}.")
