import pytest
from django.urls import reverse

from tuksuk.cases.models import Story
from tuksuk.core.testing_world import build_place

pytestmark = pytest.mark.django_db


def test_home_figures_count_only_the_users_area(client_for, district_chief, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    build_place("5703", "570301")
    build_place("9005", "900501")
    response = client_for(district_chief).get(reverse("home"))
    figures = response.context["figures"]
    assert figures["stories"] == Story.objects.filter(area__code__startswith="5703").count() == 1
    assert figures["households"] == 1
    assert figures["projects"] == 1


def test_a_forged_year_does_not_break_the_home_page(client_for, district_chief):
    assert client_for(district_chief).get(reverse("home"), {"year": "abc'--"}).status_code == 200
