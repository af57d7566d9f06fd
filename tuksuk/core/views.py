"""Base views. Every list and detail page of a scoped model derives from these, so scoping is never forgotten."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView, ListView

from tuksuk.accounts.scope import get_for_user


class ScopedListView(LoginRequiredMixin, ListView):
    """A paged list of ``model`` rows the user may see (``Model.objects.visible_to``)."""

    paginate_by = 50

    def get_base_queryset(self):  # type: ignore[no-untyped-def]
        return self.model._default_manager.all()  # type: ignore[union-attr]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return self.get_base_queryset().visible_to(self.request.user)

    def get_template_names(self) -> list[str]:
        names = super().get_template_names()
        if getattr(self.request, "htmx", False):
            # htmx asks for the table only when paging, sorting or filtering.
            return [name.replace(".html", "_table.html") for name in names] + names
        return names


class ScopedDetailView(LoginRequiredMixin, DetailView):
    """One row the user may see; 404 for a row that is missing or out of scope alike."""

    lookup_field = "pk"

    def get_object(self, queryset=None):  # type: ignore[no-untyped-def]
        queryset = queryset if queryset is not None else self.model._default_manager.all()  # type: ignore[union-attr]
        return get_for_user(queryset, self.request.user, **{self.lookup_field: self.kwargs[self.lookup_field]})
