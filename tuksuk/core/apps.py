from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tuksuk.core"
    label = "core"
    verbose_name = _("แกนระบบ")

    def ready(self) -> None:
        from . import db  # noqa: F401  (registers the Thai collation on SQLite connections)
