from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "tuksuk.portal"
    label = "portal"
    verbose_name = _("เว็บไซต์เผยแพร่สาธารณะ")

    def ready(self) -> None:
        from tuksuk.programme.selection import metrics

        metrics.set_communication_counter(_communication_counter)


def _communication_counter(district_codes: list[str], start, end, what: str):  # type: ignore[no-untyped-def]
    """Views or shares of each district over a period (two queries for all of them), for the programme evaluation's
    data-driven criteria."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from .counting import communication_counts_of

    counts = communication_counts_of(district_codes, start or dt.date(2000, 1, 1), end or timezone.localdate())
    return {code: Decimal(getattr(found, what)) for code, found in counts.items()}
