"""``{% load login_safety %}``: whether to show the two-factor link in the user's menu."""

from django import template

from tuksuk.accounts import twofactor

register = template.Library()


@register.filter
def can_use_two_factor(user) -> bool:  # type: ignore[no-untyped-def]
    """``{% if user|can_use_two_factor %}`` — central and province roles (and roles that must use it)."""
    return twofactor.eligible(user)
