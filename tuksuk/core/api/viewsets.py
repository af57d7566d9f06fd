"""Base API viewsets: every queryset is passed through ``visible_to(request.user)`` (see accounts/scope.py)."""

from rest_framework import viewsets
from rest_framework.response import Response

from tuksuk.accounts.scope import get_for_user


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """List and retrieve, limited to the caller's areas. Out of scope and missing both answer 404.

    A viewset of personal data sets ``access_logged = True``: each retrieve then writes an access-log row.
    """

    access_logged = False

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return super().get_queryset().visible_to(self.request.user)

    def get_object(self):  # type: ignore[no-untyped-def]
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        obj = get_for_user(
            self.filter_queryset(super().get_queryset()),
            self.request.user,
            **{self.lookup_field: self.kwargs[lookup_url_kwarg]},
        )
        self.check_object_permissions(self.request, obj)
        return obj

    def retrieve(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        instance = self.get_object()
        if self.access_logged:
            from tuksuk.audit.choices import AccessAction
            from tuksuk.audit.services import log_access

            log_access(request, AccessAction.API, obj=instance)
        return Response(self.get_serializer(instance).data)
