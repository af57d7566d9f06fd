"""A number filter with a number no database integer holds (or not a whole number) is a 400, never a 500
(found by the schema fuzzing of issue #8: ?course=7.29e+37 was an OverflowError)."""

import pytest

from tuksuk.core.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["1e30", "99999999999999999999", "2.5"])
@pytest.mark.parametrize("url", ["/api/v1/training/participants/", "/api/v1/training/sessions/"])
def test_course_filter_out_of_range_is_a_400(api_for, url, value):
    response = api_for(make_user("ministry_admin")).get(url, {"course": value})
    assert response.status_code == 400
    assert response.json()["errors"]["course"]
