"""The household filter of the access log out of any integer's range is a 400, never a 500 (issue #8)."""

import pytest

from tuksuk.core.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["1e30", "99999999999999999999", "2.5"])
@pytest.mark.parametrize("url", ["/api/v1/audit/access/", "/api/v1/audit/access/export/"])
def test_household_filter_out_of_range_is_a_400(api_for, url, value):
    response = api_for(make_user("ministry_admin")).get(url, {"household": value})
    assert response.status_code == 400
    assert response.json()["errors"]["household"]
