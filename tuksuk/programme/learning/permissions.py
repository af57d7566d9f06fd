"""Who may do what in this app, in words the pages and services share. Area rules come from ``accounts.scope``."""

from __future__ import annotations

from tuksuk.accounts.scope import scope_for

from .models import KnowledgeItem


def is_ministry_admin(user) -> bool:  # type: ignore[no-untyped-def]
    """Ministry admins (and superusers) write questionnaires and central knowledge items."""
    scope = scope_for(user)
    return scope.everything and scope.can_write


def can_contribute(user) -> bool:  # type: ignore[no-untyped-def]
    """Whether the user may add items to the knowledge base (for some area they write in)."""
    scope = scope_for(user)
    return scope.can_write and (scope.everything or bool(scope.prefixes))


def can_edit_item(user, item: KnowledgeItem) -> bool:  # type: ignore[no-untyped-def]
    """Whether the user may edit, withdraw or publish the item again: anyone who may write in its area; for a central
    item (no area), a ministry admin."""
    scope = scope_for(user)
    if not scope.can_write:
        return False
    if scope.everything:
        return True
    return item.area_id is not None and scope.covers(item.area_id)


def can_record_in(user, district_code: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the user may record focus-group sessions and answers for the district."""
    return scope_for(user).can_write_in(district_code)
