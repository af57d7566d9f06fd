"""``{% load privacy %}`` on the household page: the restriction banner and the "record a request" button.

``{% privacy_banner household %}`` shows "ข้อมูลนี้ถูกระงับการใช้ตามคำขอ…" while the household's data is restricted;
``{% privacy_request_button household %}`` links to the new-request form for users who may record requests there.
"""

from django import template

from tuksuk.accounts.scope import scope_for

from .. import permissions
from ..restrictions import active_restriction

register = template.Library()


@register.inclusion_tag("privacy/_banner.html")
def privacy_banner(household):  # type: ignore[no-untyped-def]
    return {"restriction": active_restriction(household.pk)}


@register.inclusion_tag("privacy/_request_button.html", takes_context=True)
def privacy_request_button(context, household):  # type: ignore[no-untyped-def]
    user = context["request"].user
    allowed = permissions.can_record(user) and scope_for(user).can_write_in(household.village_id)
    return {"household": household, "allowed": allowed}


@register.filter
def can_read_requests(user) -> bool:  # type: ignore[no-untyped-def]
    """Whether the menu shows data-subject requests to this user (district teams and chiefs, ministry, auditors)."""
    return bool(getattr(user, "is_authenticated", False)) and permissions.can_read(user)
