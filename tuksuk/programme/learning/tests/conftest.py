"""Fixtures of this app's tests: media in a temporary folder, the year-one questionnaire, users."""

import pytest

from tuksuk.core.testing import make_user
from tuksuk.programme.learning.demo import YEAR_ONE_TITLE
from tuksuk.programme.learning.models import Questionnaire


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def year_one(db):
    return Questionnaire.objects.get(title=YEAR_ONE_TITLE, programme_year=2565)


@pytest.fixture
def admin(db):
    return make_user("ministry_admin")


@pytest.fixture
def viewer(db):
    return make_user("ministry_viewer")
