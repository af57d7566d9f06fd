"""`python manage.py reset_two_factor USERNAME`: turn two-factor login off for a user who lost their phone and
their backup codes (after checking who they are). They log in with the password alone and may set it up again;
a role listed in ``TUKSUK_REQUIRE_2FA_ROLES`` is sent to set it up at once. The reset is written to the access log.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tuksuk.accounts.models import User
from tuksuk.accounts.services import reset_two_factor
from tuksuk.audit.choices import Source
from tuksuk.audit.context import audit_context


class Command(BaseCommand):
    help = "Turn two-factor login off for a user (lost phone and backup codes)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")

    @audit_context(source=Source.COMMAND)
    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        translation.activate(settings.LANGUAGE_CODE)
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}")
        if reset_two_factor(user, actor=None):
            self.stdout.write(self.style.SUCCESS(f"Two-factor login turned off for {user.username}"))
        else:
            self.stdout.write(f"{user.username} did not have two-factor login on; nothing changed")
