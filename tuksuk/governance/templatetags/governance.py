"""``{% load governance %}``: the breach alert of the home page, and whether to show the breach log in the menu.

``{% breach_alert %}`` shows ministry administrators a red alert while any breach is open and the PDPC Office not
yet notified, with the clock of the most urgent one. It renders nothing for everyone else.
"""

from django import template

from tuksuk.governance.models import Breach
from tuksuk.governance.permissions import can_manage_breaches

register = template.Library()


@register.inclusion_tag("governance/_breach_alert.html", takes_context=True)
def breach_alert(context):  # type: ignore[no-untyped-def]
    user = context.get("user") or getattr(context.get("request"), "user", None)
    if user is None or not can_manage_breaches(user):
        return {"open_breaches": 0}
    waiting = Breach.objects.waiting_for_notification().order_by("discovered_at", "id")
    first = waiting.first()
    return {"open_breaches": waiting.count(), "clock": first.clock() if first else None}


@register.filter
def can_see_breaches(user) -> bool:  # type: ignore[no-untyped-def]
    """``{% if user|can_see_breaches %}``: whether to show the breach log in the menu."""
    from tuksuk.governance.permissions import can_see_breaches as allowed

    return allowed(user)
