"""Idle timeout: a session ends after TUKSUK_IDLE_MINUTES without a request; the last-seen time is written at most
once a minute."""

import time

import pytest
from django.urls import reverse

from tuksuk.accounts.idle import SEEN_KEY

from .helpers import set_session

pytestmark = pytest.mark.django_db


def idle_for(client, minutes: float) -> None:  # type: ignore[no-untyped-def]
    set_session(client, **{SEEN_KEY: int(time.time() - minutes * 60)})


def test_an_idle_session_is_logged_out_with_a_thai_message(client_for, district_chief):
    client = client_for(district_chief)
    assert client.get(reverse("households:list")).status_code == 200
    idle_for(client, 31)
    response = client.get(reverse("households:list"))
    assert response["Location"] == f"{reverse('login')}?next=%2Fhouseholds%2F"
    page = client.get(response["Location"]).content.decode()
    assert "หมดเวลาการใช้งาน กรุณาเข้าสู่ระบบอีกครั้ง" in page
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_a_session_in_use_stays(client_for, district_chief):
    client = client_for(district_chief)
    idle_for(client, 29)
    assert client.get(reverse("households:list")).status_code == 200


def test_the_idle_limit_comes_from_the_setting(settings, client_for, district_chief):
    settings.TUKSUK_IDLE_MINUTES = 5
    client = client_for(district_chief)
    idle_for(client, 6)
    assert client.get(reverse("households:list"))["Location"].startswith(reverse("login"))


def test_htmx_requests_are_redirected_by_header(client_for, district_chief):
    client = client_for(district_chief)
    idle_for(client, 45)
    response = client.get(reverse("households:list"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == reverse("login")


def test_the_api_with_an_idle_session_is_refused(client_for, district_chief):
    client = client_for(district_chief)
    idle_for(client, 45)
    assert client.get(reverse("api-me")).status_code in (401, 403)


def test_last_seen_is_written_at_most_once_a_minute(client_for, district_chief):
    client = client_for(district_chief)
    ten_seconds_ago = int(time.time()) - 10
    set_session(client, **{SEEN_KEY: ten_seconds_ago})
    client.get(reverse("home"))
    assert client.session[SEEN_KEY] == ten_seconds_ago

    two_minutes_ago = int(time.time()) - 120
    set_session(client, **{SEEN_KEY: two_minutes_ago})
    client.get(reverse("home"))
    assert client.session[SEEN_KEY] > two_minutes_ago


def test_public_pages_of_visitors_get_no_session_and_stay_cacheable(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
