"""The read-only portal deployment (``TUKSUK_MODE=portal``, ROOT_URLCONF ``tuksuk.portal.urls_public_only``) serves
the public site only: no login, no admin, no households, no stories, no internal API."""

import pytest

from tuksuk.core.testing import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tuksuk.portal.urls_public_only")]

CLOSED = [
    "/accounts/login/",
    "/admin/",
    "/admin/login/",
    "/households/",
    "/households/57030101001/",
    "/stories/",
    "/stories/1/",
    "/projects/",
    "/reports/",
    "/reports/dashboard/",
    "/publish/",
    "/publish/new/",
    "/audit/",
    "/jobs/",
    "/api/v1/households/",
    "/api/v1/stories/",
    "/api/v1/auth/token/",
    "/api/v1/me/",
    "/api/v1/dashboard/",
    "/api/schema/",
    "/media/evidence/",
]


def test_internal_pages_do_not_exist(client, world):
    client.force_login(make_user("ministry_admin"))
    for url in CLOSED:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"username": "admin", "password": "x"}).status_code in (404, 405), url


def test_public_site_works_without_any_login_link(client, world):
    for url in ("/p/", "/p/district/5703/", f"/p/items/{world.published.pk}/", "/p/kiosk/", "/p/search/?q=น้ำ"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'data-testid="staff-login"' not in response.content.decode()
        assert "/accounts/login/" not in response.content.decode()
    for url in ("/api/v1/public/figures/", "/api/v1/public/items/", "/api/v1/public/pilot-districts/", "/healthz/"):
        assert client.get(url).status_code == 200, url
    assert client.get("/").status_code == 302
    assert client.get("/p/items/999999/").status_code == 404
    assert client.get("/api/v1/public/items/999999/").status_code == 404


def test_full_site_shows_the_staff_login_link(client, world, settings):
    settings.ROOT_URLCONF = "tuksuk.urls"
    assert 'data-testid="staff-login"' in client.get("/p/").content.decode()


# What the portal deployment needs at least: no sessions, no authentication, no CSRF, no messages, no lockout.
PORTAL_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tuksuk.core.middleware.RequestIdMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


def test_portal_runs_without_session_auth_or_csrf_middleware(client, world, settings):
    settings.MIDDLEWARE = PORTAL_MIDDLEWARE
    image = world.published.images.first()
    for url in (
        "/p/",
        "/p/province/57/",
        "/p/district/5703/",
        f"/p/items/{world.published.pk}/",
        "/p/kiosk/",
        "/p/search/?q=น้ำ",
        f"/p/images/{image.public_token}.jpg",
        "/api/v1/public/figures/?area=5703",
        f"/api/v1/public/items/{world.published.pk}/",
        "/api/v1/public/pilot-districts/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
    beacon = client.post("/p/beacon/", {"target": "page:home", "kind": "view"}, HTTP_USER_AGENT="Mozilla/5.0")
    assert beacon.status_code == 204
    assert client.get("/p/items/999999/").status_code == 404
    assert client.get("/accounts/login/").status_code == 404
