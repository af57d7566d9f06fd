"""Search over published items: Thai word-aware (``tuksuk.core.thai_words``), the same on SQLite and PostgreSQL.

An item's ``search_text`` holds its words and the syllables of its compound words, so ``น้ำ`` finds ``น้ำสะอาด``
but ``ตา`` does not find ``ตาก``; an item matches when it holds every word of the query.
"""

from __future__ import annotations

from django.db.models import Q

from tuksuk.core.thai_words import contains_all, query_words, search_field, words

MAX_QUERY_WORDS = 8

__all__ = ["index_text", "query_filter", "words"]


def index_text(*parts: str) -> str:
    """What goes into ``search_text``."""
    return search_field(*parts, syllables=True)


def query_filter(query: str) -> Q | None:
    """The filter for a search box's text; None when it has no words (then nothing matches)."""
    terms = query_words(query)[:MAX_QUERY_WORDS]
    return contains_all("search_text", terms) if terms else None
