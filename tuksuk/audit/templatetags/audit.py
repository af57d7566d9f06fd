"""``{% load audit %}``: the History tab (change log) of a household, story or project page.

``{% history_tab_button obj %}`` goes in the page's ``nav-tabs``; ``{% history_tab_pane obj %}`` in its
``tab-content``. The pane loads (htmx) when the tab is first opened, from a view that checks the user may see
``obj``; without JavaScript the button is a link to the same history as a page.
"""

from django import template
from django.urls import reverse

register = template.Library()

_KINDS = {"households.household": "household", "cases.story": "story", "projects.project": "project"}


def _url(obj) -> str:  # type: ignore[no-untyped-def]
    return reverse("audit:history", kwargs={"kind": _KINDS[obj._meta.label_lower], "pk": obj.pk})


@register.inclusion_tag("audit/_history_tab_button.html")
def history_tab_button(obj):  # type: ignore[no-untyped-def]
    return {"url": _url(obj), "pane": f"history-{obj.pk}"}


@register.inclusion_tag("audit/_history_tab_pane.html")
def history_tab_pane(obj):  # type: ignore[no-untyped-def]
    return {"url": _url(obj), "pane": f"history-{obj.pk}"}


@register.filter
def can_audit(user) -> bool:  # type: ignore[no-untyped-def]
    """``{% if user|can_audit %}``: whether to show the audit menu (auditors and ministry administrators)."""
    from tuksuk.audit.permissions import can_audit as allowed

    return allowed(user)
