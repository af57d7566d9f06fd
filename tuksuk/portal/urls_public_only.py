"""ROOT_URLCONF of the read-only portal deployment (``TUKSUK_MODE=portal``): the public site and nothing else.

Served here: the public pages (/p/, including the published images and the view/share beacon), the public API
(/api/v1/public/) and the health check. Not served: login, the admin, households, stories, projects, reports,
publishing pages and the internal API — they do not exist in this URLconf, so they answer 404.
"""

from django.urls import include, path

from tuksuk.core import pages

from . import public_views

urlpatterns = [
    path("", public_views.root, name="root"),
    path("p/", include("tuksuk.portal.urls")),
    path("api/v1/public/", include("tuksuk.portal.api.urls")),
    path("healthz/", pages.health, name="health"),
]

handler404 = "tuksuk.portal.public_views.not_found"
handler500 = "tuksuk.portal.public_views.server_error"
handler400 = "tuksuk.portal.public_views.bad_request"
handler403 = "tuksuk.portal.public_views.not_found"
