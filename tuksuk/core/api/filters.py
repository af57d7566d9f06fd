"""Filters shared by the FilterSets of every app (one FilterSet serves a page and its API)."""

from __future__ import annotations

import django_filters
from django import forms

# What a database integer column holds everywhere (PostgreSQL ``integer``); SQLite raises OverflowError beyond 2⁶³.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


class IntegerFilter(django_filters.NumberFilter):
    """A whole-number filter (an id, a year, a count of days). Anything else, or a number no integer column can
    hold, is refused as bad input (400 on the API, the filter form's error on a page) instead of reaching the
    database and failing there with an OverflowError (a 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("min_value", INT_MIN)
        kwargs.setdefault("max_value", INT_MAX)
        super().__init__(*args, **kwargs)
