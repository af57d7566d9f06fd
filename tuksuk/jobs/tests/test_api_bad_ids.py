"""A job id that is not a UUID is "not found" (404, JSON), never a 500 (issue #8: the schema fuzzing sent
/api/v1/jobs/Ùÿ…#/ and Django's UUID ValidationError escaped the API)."""

import pytest

from tuksuk.core.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("job_id", ["%C3%99%C3%BF%C3%88%F3%80%8A%82%23", "not-a-uuid", "-" * 36, "1", "0" * 31 + "g"])
def test_a_job_id_that_is_not_a_uuid_is_not_found(api_for, job_id):
    response = api_for(make_user("ministry_admin")).get(f"/api/v1/jobs/{job_id}/")
    assert response.status_code == 404
    assert response.json()["message"]


def test_a_well_formed_unknown_job_is_not_found(api_for):
    response = api_for(make_user("ministry_admin")).get("/api/v1/jobs/12345678-1234-1234-1234-123456789abc/")
    assert response.status_code == 404
