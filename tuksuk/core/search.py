"""Text searches answered once per page.

A list page runs its search twice: once for the page's rows and once for the count the pager shows. When the
search is the costly part (a trigram lookup over millions of names), ``found_ids`` runs it once, up front, and
hands the page and the count the ids it found as a plain list. Past ``FOUND_IDS_LIMIT`` ids (a very common word)
the list would grow with the data, so the search stays a subquery and runs twice, as before.
"""

from __future__ import annotations

from django.db.models import QuerySet

FOUND_IDS_LIMIT = 2000


def found_ids(ids: QuerySet) -> list | QuerySet:
    """``ids`` (a ``values_list(..., flat=True)`` query) as a list when it finds at most ``FOUND_IDS_LIMIT``, else
    itself."""
    limit = FOUND_IDS_LIMIT
    found = list(ids[: limit + 1])
    return found if len(found) <= limit else ids
