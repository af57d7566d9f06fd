"""Views and shares are counted by a beacon (no cookies, no CSRF token, bots ignored), per day, atomically."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tuksuk.portal import counting
from tuksuk.portal.models import ShareCount, ViewCount

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"


def _beacon(client, **data):  # type: ignore[no-untyped-def]
    return client.post(reverse("portal:beacon"), data, HTTP_USER_AGENT=data.pop("ua", BROWSER))


def test_beacon_counts_views_and_shares_without_csrf_or_cookies(world):
    client = Client(enforce_csrf_checks=True)
    target = world.published.count_key
    for _ in range(3):
        response = _beacon(client, target=target, kind="view")
        assert response.status_code == 204
        assert not response.cookies
    _beacon(client, target=target, kind="share", channel="line")
    _beacon(client, target=target, kind="share", channel="copy")
    assert counting.target_counts(target) == (3, 2)
    row = ViewCount.objects.get(target=target)
    assert (row.n, row.area_code) == (3, "5703")
    assert ShareCount.objects.filter(target=target).count() == 2


def test_bots_are_ignored(world):
    client = Client()
    for ua in ("Googlebot/2.1", "facebookexternalhit/1.1", "curl/8.0", "python-requests/2.31", "", "HeadlessChrome"):
        assert _beacon(client, target="page:home", kind="view", ua=ua).status_code == 204
    assert not ViewCount.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"target": "page:home", "kind": "like"},
        {"target": "page:home", "kind": "share", "channel": "email"},
        {"target": "page:home", "kind": "share"},
        {"target": "page:nowhere", "kind": "view"},
    ],
)
def test_bad_beacons_are_refused(world, data):
    assert _beacon(Client(), **data).status_code == 400
    assert not ViewCount.objects.exists()
    assert not ShareCount.objects.exists()


def test_beacon_only_takes_post(client, world):
    assert client.get(reverse("portal:beacon"), {"target": "page:home", "kind": "view"}).status_code == 405


def test_public_responses_are_cacheable_and_set_no_cookie(client, world):
    image = world.published.images.first()
    urls = [
        reverse("portal:home"),
        reverse("portal:province", args=["57"]),
        reverse("portal:district", args=["5703"]),
        reverse("portal:item", args=[world.published.pk]),
        reverse("portal:search") + "?q=น้ำ",
        reverse("portal:kiosk"),
        reverse("portal:image", kwargs={"token": image.public_token}),
        reverse("portal-figures"),
        reverse("portal-item-list"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert "Set-Cookie" not in response, url
        if "/api/" not in url:
            assert "public" in response["Cache-Control"], url
            assert "Cookie" not in response.get("Vary", ""), url


def test_counting_is_safe_when_the_row_is_missing_or_present(world):
    day = dt.date(2022, 8, 29)
    counting.count_view("page:district:5703", "5703", day)
    counting.count_view("page:district:5703", "5703", day)
    counting.count_share("page:district:5703", "5703", "facebook", day)
    assert ViewCount.objects.get(target="page:district:5703", day=day).n == 2
    # A second day is a second row.
    counting.count_view("page:district:5703", "5703", day + dt.timedelta(days=1))
    assert ViewCount.objects.filter(target="page:district:5703").count() == 2


def test_communication_counts_of_a_district_over_a_period(world):
    day = dt.date(2022, 8, 29)
    counting.count_view(world.published.count_key, "5703", day)
    counting.count_view("page:district:5703", "5703", day)
    counting.count_view("page:district:5703", "5703", day - dt.timedelta(days=40))
    counting.count_share(world.published.count_key, "5703", "line", day)
    counting.count_view("page:district:9005", "9005", day)
    counting.count_view("page:province:57", "57", day)
    counts = counting.communication_counts("5703", day - dt.timedelta(days=30), day)
    assert (counts.views, counts.shares, counts.shares_by_channel) == (2, 1, {"line": 1})


def test_item_page_and_internal_dashboard_show_the_counts(client, client_for, world):
    for _ in range(7):
        _beacon(Client(), target=world.published.count_key, kind="view")
    _beacon(Client(), target="page:district:5703", kind="view")
    assert "เข้าชม 7 ครั้ง" in client.get(reverse("portal:item", args=[world.published.pk])).content.decode()
    page = client_for(world.chief).get(reverse("portal_admin:counts")).content.decode()
    assert "อำเภอเชียงของ" in page
    assert ">8<" in page
    csv = client_for(world.chief).get(reverse("portal_admin:counts"), {"format": "csv"}).content.decode("utf-8-sig")
    assert csv.splitlines()[1].startswith("5703,เชียงของ,")
    assert ",8,0,0,0,0" in csv.splitlines()[1]
    listing = client_for(world.chief).get(reverse("portal_admin:index"), {"format": "csv"}).content.decode("utf-8-sig")
    assert f"{world.published.pk},5703,เชียงของ,success,{world.published.title},published," in listing
