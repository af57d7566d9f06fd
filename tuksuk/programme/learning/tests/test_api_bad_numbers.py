"""Number filters out of any integer's range are a 400, never a 500 (issue #8)."""

import pytest

from tuksuk.core.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["1e30", "99999999999999999999", "2.5"])
@pytest.mark.parametrize(
    ("url", "name"), [("/api/v1/learning/knowledge/", "year"), ("/api/v1/learning/sessions/", "questionnaire")]
)
def test_number_filters_out_of_range_are_a_400(api_for, url, name, value):
    response = api_for(make_user("ministry_admin")).get(url, {name: value})
    assert response.status_code == 400
    assert response.json()["errors"][name]
