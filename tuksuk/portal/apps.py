from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "tuksuk.portal"
    label = "portal"
    verbose_name = _("เว็บไซต์เผยแพร่สาธารณะ")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from tuksuk.areas.models import PilotDistrict
        from tuksuk.programme.selection import metrics

        from . import page_cache
        from .models import PublicFigure, PublicImage, PublicItem

        metrics.set_communication_counter(_communication_counter)
        for model in (PublicItem, PublicImage, PublicFigure, PilotDistrict):
            for signal in (post_save, post_delete):
                signal.connect(page_cache.bump_after_commit, sender=model, dispatch_uid=f"portal-{model.__name__}")
        for through in (PublicItem.indicators.through, PublicItem.sdg_goals.through):
            m2m_changed.connect(page_cache.bump_after_commit, sender=through, dispatch_uid=f"portal-pages-{through}")


def _communication_counter(district_codes: list[str], start, end, what: str):  # type: ignore[no-untyped-def]
    """Views or shares of each district over a period (two queries for all of them), for the programme evaluation's
    data-driven criteria."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from .counting import communication_counts_of

    counts = communication_counts_of(district_codes, start or dt.date(2000, 1, 1), end or timezone.localdate())
    return {code: Decimal(getattr(found, what)) for code, found in counts.items()}
