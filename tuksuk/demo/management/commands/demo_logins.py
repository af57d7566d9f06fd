"""Print the demo logins (shown by `make demo`)."""

from django.core.management.base import BaseCommand

from tuksuk.accounts.models import User
from tuksuk.demo.data import DEMO_PASSWORD, USERS


class Command(BaseCommand):
    help = "Print the demo users, their roles and the demo password."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        users = {u.username: u for u in User.objects.filter(username__in=[u[0] for u in USERS])}
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        self.stdout.write("-" * 78)
        for username, *_rest in USERS:
            user = users.get(username)
            if user is None:
                continue
            roles = (
                ", ".join(
                    f"{a.role}{'@' + a.area_id if a.area_id else ''}{'/' + a.agency.code if a.agency_id else ''}"
                    for a in user.role_assignments.active().select_related("agency")
                )
                or "(no area: sees nothing)"
            )
            self.stdout.write(f"  {username:<20} {roles:<32} {user.position}")
        self.stdout.write("-" * 78)
