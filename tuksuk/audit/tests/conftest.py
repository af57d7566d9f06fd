import pytest

from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place


@pytest.fixture
def place(settings, tmp_path):  # type: ignore[no-untyped-def]
    """อำเภอเชียงของ (5703): a village, a household with a member whose citizen ID is known, a story, a project."""
    settings.MEDIA_ROOT = tmp_path
    return build_place("5703", "570301")


@pytest.fixture
def other_place(place):  # type: ignore[no-untyped-def]
    """อำเภอเทพา (9005), in another province."""
    return build_place("9005", "900501")


@pytest.fixture
def auditor(db):  # type: ignore[no-untyped-def]
    return make_user("auditor")
