"""A request id on every request, so change and access logs can be tied to one click."""

import uuid

from django.http import HttpRequest, HttpResponse

from tuksuk.audit.context import bind_request, unbind


class RequestIdMiddleware:
    """Sets ``request.id`` (kept from a valid ``X-Request-ID`` header) and makes the request the audit context:
    every change or access logged while it is served names its user, its id and its address."""

    header = "X-Request-ID"

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(self.header, "")
        request.id = incoming if _valid(incoming) else uuid.uuid4().hex  # type: ignore[attr-defined]
        token = bind_request(request)
        try:
            response = self.get_response(request)
        finally:
            unbind(token)
        response[self.header] = request.id  # type: ignore[attr-defined]
        return response


def _valid(value: str) -> bool:
    return 8 <= len(value) <= 64 and value.replace("-", "").isalnum()
