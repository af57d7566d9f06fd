"""The demo content runs through the services, is idempotent, and shows on the public site."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tuksuk.core.testing import make_user
from tuksuk.portal.choices import ItemStatus
from tuksuk.portal.demo import DEMO_ITEMS, seed_demo_data
from tuksuk.portal.models import PublicFigure, PublicItem, ViewCount

pytestmark = pytest.mark.django_db


def test_seed_demo_data_adds_items_counts_and_figures_once(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    make_user("ministry_admin", username="admin")
    make_user("district_team", "5703", username="chiangkhong_team")
    make_user("district_chief", "5703", username="chiangkhong_chief")
    make_user("district_chief", "9005", username="thepha_chief")
    make_user("district_team", "3307", username="prangku_team")
    with django_capture_on_commit_callbacks(execute=True):
        summary = seed_demo_data(now=timezone.now())
    assert summary.startswith("เว็บไซต์สาธารณะ")
    assert f"{len(DEMO_ITEMS)} เรื่อง" in summary
    statuses = set(PublicItem.objects.values_list("status", flat=True))
    assert statuses == set(ItemStatus.values)
    assert ViewCount.objects.exists()
    assert PublicFigure.objects.filter(area_code="5703").exists()
    published = PublicItem.objects.published().order_by("pk").first()
    assert published.images.filter(public_token__isnull=False).count() == 2
    body = client.get(reverse("portal:home")).content.decode()
    assert published.title in body
    with django_capture_on_commit_callbacks(execute=True):
        again = seed_demo_data(now=timezone.now())
    assert "0 เรื่อง" in again
    assert PublicItem.objects.count() == len(DEMO_ITEMS)


def test_without_demo_users_it_skips(db):
    assert seed_demo_data(now=timezone.now()).startswith("ข้าม")
