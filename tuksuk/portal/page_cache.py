"""The public pages' server-side cache: a page is rendered once and served from the cache until it changes.

Public pages are the same for every visitor (no login, no cookies) and are read far more often than the
publication changes, so each rendered page is kept in Django's cache (``CACHES``: Redis when ``REDIS_URL`` is set,
shared by every process; otherwise each process's memory) under a key made of:

- a **generation** number, bumped whenever something a public page shows changes: an item, its images, the pilot
  districts (signals) or the published figures (``figures.publish_figures``). A bumped generation makes every
  older page unreachable at once, so an unpublished item is gone from the next request (in every process when the
  cache is shared; within ``PAGE_MAX_AGE`` otherwise, the same promise the ``Cache-Control`` header makes to
  browsers and proxies);
- the language and the full path with its query.

Counts of views and shares on an item page may lag by up to ``PAGE_MAX_AGE`` seconds. A cache that cannot be
reached (Redis down) is a miss: the page is rendered as if there were no cache, never an error.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

log = logging.getLogger(__name__)

GENERATION_KEY = "portal:generation"
CACHED_HEADERS = ("Content-Type", "Content-Language")


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def bump_after_commit(**_signal_kwargs) -> None:  # type: ignore[no-untyped-def]
    """Signal receiver: bump now (this transaction's own later reads see the change) and again once the change is
    committed (a page another request rendered meanwhile from the old data would be kept under the first bump)."""
    bump()
    transaction.on_commit(bump)


def bump() -> None:
    """Something a public page shows has changed: every cached page is stale from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or it was evicted): start one
        cache.add(GENERATION_KEY, 1, timeout=None)
    except Exception:  # the cache is down: nothing is being served from it either
        log.warning("portal page cache unreachable; generation not bumped", exc_info=True)


def _key(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"portal:page:{_generation()}:{get_language()}:{path}"


def cached(request: HttpRequest, render, max_age: int) -> HttpResponse:  # type: ignore[no-untyped-def]
    """The page for ``request``: from the cache, or rendered by ``render()`` and kept when it is a plain 200."""
    try:
        key = _key(request)
        found = cache.get(key)
    except Exception:  # an unreachable cache is a miss
        log.warning("portal page cache unreachable", exc_info=True)
        return render()
    if found is not None:
        content, headers = found
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response
    response = render()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        headers = [(name, response[name]) for name in CACHED_HEADERS if name in response]
        try:
            cache.set(key, (response.content, headers), max_age)
        except Exception:  # unreachable: served uncached
            log.warning("portal page cache unreachable", exc_info=True)
    return response
