"""The fiscal-year filter out of any integer's range is a 400 on the API and no crash on the page (issue #8)."""

import pytest
from django.urls import reverse

from tuksuk.core.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["1e30", "99999999999999999999", "2.5"])
def test_year_out_of_range(api_for, client_for, value):
    user = make_user("district_chief", "5703")
    response = api_for(user).get("/api/v1/projects/", {"year": value})
    assert response.status_code == 400
    assert response.json()["errors"]["year"]
    assert client_for(user).get(reverse("projects:list"), {"year": value}).status_code == 200
