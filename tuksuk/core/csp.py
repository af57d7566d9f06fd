"""The Content-Security-Policy header: scripts only from our own static files, no inline JavaScript anywhere.

One policy for every response, built once from settings. Pages keep their behaviour in static files
(``tuksuk/static/tuksuk/app.js`` handles ``data-tuksuk-*`` attributes instead of ``onclick=``). Inline *styles*
stay allowed (a few ``style=""`` attributes size progress bars and print layouts; styles cannot run code).
The public site may embed the two video players it validates (tuksuk/portal/video.py), and the map may load
tiles from the one server set in ``TUKSUK_MAP_TILE_URL``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

VIDEO_FRAMES = ("https://www.youtube-nocookie.com", "https://www.facebook.com")


def _origin(url: str) -> str:
    parts = urlsplit(url.replace("{s}", "a"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.netloc.split("@")[-1]
    if "{s}." in url:  # Leaflet's subdomain placeholder: allow every subdomain of the tile server.
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


def policy() -> str:
    """The header value for the current settings (``TUKSUK_CSP`` replaces it entirely when set)."""
    custom = getattr(settings, "TUKSUK_CSP", "")
    if custom:
        return custom
    tiles = _origin(getattr(settings, "TUKSUK_MAP_TILE_URL", "") or "")
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *([tiles] if tiles else [])],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "frame-src": list(VIDEO_FRAMES),
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class ContentSecurityPolicyMiddleware:
    """Adds the policy to every response that does not set its own."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response
        self.value = policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.value
        return response
