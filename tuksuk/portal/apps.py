from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "tuksuk.portal"
    label = "portal"
    verbose_name = _("เว็บไซต์เผยแพร่สาธารณะ")

    def ready(self) -> None:
        from tuksuk.programme.selection import metrics

        metrics.set_communication_counter(_communication_counter)


def _communication_counter(district_code: str, start, end, what: str):  # type: ignore[no-untyped-def]
    """Views or shares of a district over a period, for the programme evaluation's data-driven criteria."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from .counting import communication_counts

    counts = communication_counts(district_code, start or dt.date(2000, 1, 1), end or timezone.localdate())
    return Decimal(getattr(counts, what))
