from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tuksuk.accounts"
    label = "accounts"
    verbose_name = _("ผู้ใช้และสิทธิ์")

    def ready(self) -> None:
        """At login, start the idle clock and note whether a second factor is still owed (login safety)."""
        from django.contrib.auth.signals import user_logged_in

        from . import idle, twofactor

        user_logged_in.connect(idle.on_logged_in, dispatch_uid="accounts_idle_logged_in")
        user_logged_in.connect(twofactor.on_logged_in, dispatch_uid="accounts_twofactor_logged_in")
