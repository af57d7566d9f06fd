"""Template filters for Thai display; loaded everywhere as a builtin (see settings.TEMPLATES)."""

from django import template

from tuksuk.core import thai

register = template.Library()


@register.filter
def thaidate(value):  # type: ignore[no-untyped-def]
    """``{{ story.reported_on|thaidate }}`` → ``29 ส.ค. 2565``."""
    return thai.format_date(value)


@register.filter
def thaidatelong(value):  # type: ignore[no-untyped-def]
    return thai.format_date(value, long=True)


@register.filter
def thaidatetime(value):  # type: ignore[no-untyped-def]
    return thai.format_datetime(value)


@register.filter
def number(value, decimals=0):  # type: ignore[no-untyped-def]
    try:
        return thai.format_number(value, int(decimals))
    except (TypeError, ValueError):
        return value


@register.simple_tag
def data_stamp(moment=None):  # type: ignore[no-untyped-def]
    return thai.data_stamp(moment)


@register.filter
def get_item(mapping, key):  # type: ignore[no-untyped-def]
    """``{{ labels|get_item:column }}``: a dictionary value by a key held in a variable."""
    return mapping.get(key, key) if hasattr(mapping, "get") else ""
