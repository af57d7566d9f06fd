"""Views and shares of the public site: a performance measure of the programme.

How counting works
- Public pages are cached (``Cache-Control: public``), so a page request counts nothing. The page's script sends a
  tiny beacon (``POST /p/beacon/`` with ``target`` and ``kind``; no cookie, no CSRF token, no personal data) once
  when it is shown and once per click on a share button (LINE, Facebook, copy link).
- ``target`` names a public page or item: ``item:<id>`` (a published item), ``page:home``, ``page:search``,
  ``page:kiosk``, ``page:province:<code>``, ``page:district:<code>``. Anything else is refused; obvious bots (by
  their User-Agent) are ignored.
- Each (target, day[, channel]) is one counter row, incremented by an atomic ``UPDATE … SET n = n + 1``; a missing
  row is created first with ``INSERT … ON CONFLICT DO NOTHING`` so two first clicks at once both count.
- Counter rows carry the area code of their district (or province) so district totals need no join. They may live
  in another database than the rest (``TUKSUK_COUNTS_DATABASE``, e.g. when the portal reads from a replica).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Sum
from django.utils import timezone

from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area

from .choices import ItemStatus, ShareChannel
from .models import PublicItem, ShareCount, ViewCount

VIEW, SHARE = "view", "share"
PAGES = frozenset({"home", "search", "kiosk"})
_TARGET = re.compile(
    r"^(?:item:(?P<item>[0-9]{1,12})|page:(?P<page>home|search|kiosk)|page:(?P<level>province|district):(?P<code>[0-9]{2}|[0-9]{4}))$"
)
_BOT = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|scan|monitor|headless|phantom|lighthouse|curl|wget|python|httpclient|"
    r"java/|go-http|okhttp|axios|node-fetch|facebookexternalhit|line-poker",
    re.IGNORECASE,
)


def counts_db() -> str:
    """The database alias the counters are written to."""
    return getattr(settings, "TUKSUK_COUNTS_DATABASE", "") or "default"


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(_BOT.search(user_agent))


def target_area(target: str) -> str | None:
    """The area code a beacon's target counts toward ("" for national pages), or None when it names nothing public."""
    match = _TARGET.match(target or "")
    if match is None:
        return None
    if match["item"]:
        found = PublicItem.objects.filter(pk=int(match["item"]), status=ItemStatus.PUBLISHED)
        return found.values_list("district_id", flat=True).first()
    if match["page"]:
        return ""
    level = AreaLevel.PROVINCE if match["level"] == "province" else AreaLevel.DISTRICT
    return match["code"] if Area.objects.filter(code=match["code"], level=level).exists() else None


def _increment(model, area_code: str, **key) -> None:  # type: ignore[no-untyped-def]
    db = counts_db()
    rows = model.objects.using(db).filter(**key)
    if rows.update(n=F("n") + 1):
        return
    # bulk_create: no signals (nothing for the change log), and ON CONFLICT DO NOTHING if another request won.
    model.objects.using(db).bulk_create([model(area_code=area_code, n=0, **key)], ignore_conflicts=True)
    rows.update(n=F("n") + 1)


def count_view(target: str, area_code: str, day: dt.date | None = None) -> None:
    _increment(ViewCount, area_code, target=target, day=day or timezone.localdate())


def count_share(target: str, area_code: str, channel: str, day: dt.date | None = None) -> None:
    if channel not in ShareChannel.values:
        raise ValueError(channel)
    _increment(ShareCount, area_code, target=target, day=day or timezone.localdate(), channel=channel)


def target_counts(target: str) -> tuple[int, int]:
    """All-time (views, shares) of one page or item."""
    db = counts_db()
    views = ViewCount.objects.using(db).filter(target=target).aggregate(n=Sum("n"))["n"] or 0
    shares = ShareCount.objects.using(db).filter(target=target).aggregate(n=Sum("n"))["n"] or 0
    return views, shares


def item_counts(items) -> dict[int, tuple[int, int]]:  # type: ignore[no-untyped-def]
    """{item id: (views, shares)} for many items in two queries."""
    targets = {f"item:{item.pk}": item.pk for item in items}
    db = counts_db()
    result = dict.fromkeys(targets.values(), (0, 0))
    views = dict(
        ViewCount.objects.using(db).filter(target__in=targets).values_list("target").annotate(n=Sum("n")).order_by()
    )
    shares = dict(
        ShareCount.objects.using(db).filter(target__in=targets).values_list("target").annotate(n=Sum("n")).order_by()
    )
    for target, pk in targets.items():
        result[pk] = (views.get(target, 0), shares.get(target, 0))
    return result


@dataclass(frozen=True)
class CommunicationCounts:
    """Views and shares of one district's public page and items over a period (a programme performance input)."""

    district_code: str
    start: dt.date
    end: dt.date
    views: int
    shares: int
    shares_by_channel: dict[str, int]


def communication_counts(district_code: str, start: dt.date, end: dt.date) -> CommunicationCounts:
    """Views and shares counted for a district from ``start`` to ``end`` (both days included, local dates).

    Counts the district's own public page and every item of the district (whatever its status now: views an item
    had while it was published still count). Pages above the district (province, national) are not included.
    Used by the programme evaluation (scoring of pilot districts) and by the ``/publish/`` dashboard.
    """
    return communication_counts_of([district_code], start, end)[district_code]


def communication_counts_of(district_codes: list[str], start: dt.date, end: dt.date) -> dict[str, CommunicationCounts]:
    """``communication_counts`` of many districts in two queries."""
    db = counts_db()
    period = {"area_code__in": district_codes, "day__gte": start, "day__lte": end}
    views = dict(ViewCount.objects.using(db).filter(**period).values_list("area_code").annotate(n=Sum("n")).order_by())
    channels: dict[str, dict[str, int]] = {code: {} for code in district_codes}
    shares = ShareCount.objects.using(db).filter(**period).values_list("area_code", "channel").annotate(n=Sum("n"))
    for code, channel, n in shares.order_by():
        channels[code][channel] = n
    return {
        code: CommunicationCounts(code, start, end, views.get(code, 0), sum(channels[code].values()), channels[code])
        for code in district_codes
    }
