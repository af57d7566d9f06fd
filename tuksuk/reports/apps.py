from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "tuksuk.reports"
    label = "reports"
    verbose_name = _("รายงาน")

    def ready(self) -> None:
        from . import signals

        signals.connect()
