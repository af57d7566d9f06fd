"""A story age filter of more days than a date can go back is a 400 on the API and no crash on the page (issue #8:
timedelta(days=1e30) was an OverflowError)."""

import pytest
from django.urls import reverse

from tuksuk.core.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["1e30", "99999999999999999999", "3000000", "2.5"])
def test_min_age_out_of_range(api_for, client_for, value):
    user = make_user("district_chief", "5703")
    response = api_for(user).get("/api/v1/stories/", {"min_age": value})
    assert response.status_code == 400
    assert response.json()["errors"]["min_age"]
    assert client_for(user).get(reverse("cases:list"), {"min_age": value}).status_code == 200
