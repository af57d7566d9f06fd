"""Public figures are a snapshot of the per-area tallies and the projects, refreshed by command, job and approval."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tuksuk.portal.figures import PROJECT_VALUE, PROJECTS, figures_for, publish_figures
from tuksuk.portal.models import PublicFigure
from tuksuk.reports import tallies

pytestmark = pytest.mark.django_db


def test_snapshot_matches_the_tallies_at_every_level(world):
    for code in ("5703", "57", ""):
        figures = figures_for(code)
        expected = tallies.summed([code] if code else ["57", "90"], [tallies.STATUS, tallies.HOUSEHOLDS])
        assert figures.exact(tallies.HOUSEHOLDS) == expected.total(tallies.HOUSEHOLDS) == (2 if not code else 1)
        assert sum(figures.data[tallies.STATUS].values()) == expected.total(tallies.STATUS)
        assert figures.exact(PROJECTS) == (2 if not code else 1)
        assert figures.exact(PROJECT_VALUE) == (300000 if not code else 150000)
        assert figures.taken_at is not None


def test_the_command_refreshes_one_district_or_all(world):
    before, other_before = figures_for("5703").taken_at, figures_for("9005").taken_at
    call_command("publish_figures", "--district", "5703")
    assert figures_for("5703").taken_at > before
    assert figures_for("9005").taken_at == other_before
    call_command("publish_figures")
    assert figures_for("9005").taken_at > before
    with pytest.raises(Exception, match="Unknown district"):
        call_command("publish_figures", "--district", "570301")


def test_only_a_ministry_admin_starts_the_job(client_for, world, django_capture_on_commit_callbacks):
    from tuksuk.core.testing import make_user
    from tuksuk.jobs.models import Job

    PublicFigure.objects.all().delete()
    assert client_for(world.chief).post(reverse("portal_admin:figures")).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(make_user("ministry_admin")).post(reverse("portal_admin:figures"))
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.status == "succeeded", job.message
    assert PublicFigure.objects.filter(area_code="5703").exists()


def test_approval_refreshes_the_district(world, django_capture_on_commit_callbacks):
    PublicFigure.objects.filter(area_code="5703").delete()
    from tuksuk.portal import services

    from .conftest import make_item

    item = make_item("5703", world.team, "ใหม่")
    services.propose(item, actor=world.team)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(item, actor=world.chief)
    assert figures_for("5703").exact(tallies.HOUSEHOLDS) == 1


def test_publish_writes_a_stamp_even_for_an_empty_area(world):
    publish_figures("3307")
    assert figures_for("3307").taken_at is not None
