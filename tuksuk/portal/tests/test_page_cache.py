"""Public pages are rendered once per change and then served from the cache, never stale after a change."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from tuksuk.portal import services
from tuksuk.portal.figures import publish_figures
from tuksuk.portal.models import PublicFigure

from .conftest import make_item, publish

pytestmark = pytest.mark.django_db


def test_a_repeated_page_reads_nothing_from_the_database(client, world, django_assert_num_queries):
    url = reverse("portal:province", args=["57"])
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert "max-age=60" in again["Cache-Control"]
    assert not again.cookies


def test_a_newly_published_item_shows_at_once(client, world):
    url = reverse("portal:district", args=["5703"])
    assert "ห้องสมุดชุมชนใหม่" not in client.get(url).content.decode()
    publish(make_item("5703", world.team, "ห้องสมุดชุมชนใหม่"), world.team, world.chief)
    assert "ห้องสมุดชุมชนใหม่" in client.get(url).content.decode()


def test_an_unpublished_item_leaves_the_cached_lists_at_once(client, world):
    url = reverse("portal:home")
    assert world.published.title in client.get(url).content.decode()
    services.unpublish(world.published, actor=world.chief)
    assert world.published.title not in client.get(url).content.decode()


def test_new_figures_make_the_cached_pages_stale(client, world):
    with mock.patch("tuksuk.portal.page_cache.bump") as bump:
        publish_figures()  # bulk_create: no signals
    assert bump.called


def test_figures_removed_leave_the_cached_pages(client, world):
    url = reverse("portal:province", args=["57"])
    before = client.get(url).content
    PublicFigure.objects.all().delete()
    assert client.get(url).content != before


def test_each_language_has_its_own_copy(client, world):
    url = reverse("portal:home")
    thai = client.get(url, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="th"' in thai
    assert 'lang="en"' in english


def test_a_cache_that_cannot_be_reached_is_no_error(client, world):
    url = reverse("portal:province", args=["57"])
    with (
        mock.patch.object(cache, "get", side_effect=ConnectionError("redis down")),
        mock.patch.object(cache, "set", side_effect=ConnectionError("redis down")),
    ):
        response = client.get(url)
    assert response.status_code == 200
    assert world.published.title in response.content.decode()


def test_pages_that_are_not_found_are_not_kept(client, world):
    def kept() -> int:
        return sum(key.startswith(":1:portal:page:") for key in cache._cache)  # the test settings' memory cache

    client.get(reverse("portal:home"))
    assert kept() == 1
    assert client.get(reverse("portal:item", args=[999_999])).status_code == 404
    assert kept() == 1
