"""A request body Django refuses while DRF reads it (too big, too many fields) is a 400 with a Thai message,
never a 500 (issue #8: a multipart caption over DATA_UPLOAD_MAX_MEMORY_SIZE was RequestDataTooBig → 500)."""

import pytest

from tuksuk.core.testing import make_user

pytestmark = pytest.mark.django_db


def test_a_body_over_the_memory_limit_is_a_400(api_for, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = api_for(make_user("ministry_admin")).post(
        "/api/v1/stories/", {"house_code": "1", "description": "ก" * 5000}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "ข้อมูลที่ส่งมามีขนาดใหญ่เกินกว่าที่ระบบรับได้"


def test_too_many_fields_is_a_400(api_for, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = api_for(make_user("ministry_admin")).post(
        "/api/v1/stories/", {f"f{i}": "x" for i in range(50)}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["message"]
