import pytest
from django.urls import reverse

from tuksuk.core.testing import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_token_from_username_and_password(api_for, district_chief):
    response = api_for().post("/api/v1/auth/token/", {"username": district_chief.username, "password": TEST_PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    api = api_for()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api.get("/api/v1/me/").json()
    assert me["username"] == district_chief.username
    assert me["roles"][0] == {**me["roles"][0], "role": "district_chief", "area": "5703"}


def test_wrong_password_gives_a_json_message(api_for, district_chief):
    response = api_for().post("/api/v1/auth/token/", {"username": district_chief.username, "password": "nope"})
    assert response.status_code == 400
    assert response.json() == {"message": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"}


def test_token_endpoint_is_locked_out_too(api_for, district_chief):
    for _ in range(5):
        api_for().post("/api/v1/auth/token/", {"username": district_chief.username, "password": "nope"})
    response = api_for().post("/api/v1/auth/token/", {"username": district_chief.username, "password": TEST_PASSWORD})
    assert response.status_code in (403, 429)
    assert "token" not in response.json()


def test_missing_fields_list_every_error(api_for):
    body = api_for().post("/api/v1/auth/token/", {}).json()
    assert body["message"] == "ข้อมูลไม่ถูกต้อง"
    assert set(body["errors"]) == {"username", "password"}


def test_anonymous_gets_401_json(api_for):
    response = api_for().get("/api/v1/areas/")
    assert response.status_code == 401
    assert response.json() == {"message": "กรุณาเข้าสู่ระบบ"}


def test_session_auth_works_for_the_browser(client_for, district_chief):
    assert client_for(district_chief).get("/api/v1/me/").status_code == 200


def test_pages_have_count_next_previous_results(api_for, ministry_admin):
    body = api_for(ministry_admin).get("/api/v1/areas/", {"level": "province", "page_size": 10}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 77
    assert len(body["results"]) == 10
    assert body["previous"] is None
    assert "page=2" in body["next"]


def test_area_detail_with_ancestors_and_pilot_flags(api_for, district_chief):
    body = api_for(district_chief).get("/api/v1/areas/5703/").json()
    assert body["name_en"] == "Chiang Khong"
    assert [a["code"] for a in body["ancestors"]] == ["R1", "G02", "57"]
    assert body["pilot_flags"] == [{"programme_year": 2565, "level": "province"}]


def test_area_children_are_scoped(api_for, district_chief):
    body = api_for(district_chief).get("/api/v1/areas/57/children/").json()
    assert [a["code"] for a in body["results"]] == ["5703"]


def test_area_search_in_thai_and_english(api_for, ministry_admin):
    api = api_for(ministry_admin)
    assert "9005" in [a["code"] for a in api.get("/api/v1/areas/", {"q": "เทพา"}).json()["results"]]
    assert "9005" in [a["code"] for a in api.get("/api/v1/areas/", {"q": "thepha"}).json()["results"]]


def test_pilot_districts_by_year_and_level(api_for, ministry_admin):
    body = api_for(ministry_admin).get("/api/v1/pilot-districts/", {"year": 2565, "level": "group"}).json()
    assert body["count"] == 18


def test_not_found_is_json(api_for, ministry_admin):
    response = api_for(ministry_admin).get("/api/v1/areas/0000/")
    assert response.status_code == 404
    assert response.json() == {"message": "ไม่พบข้อมูล"}


def test_english_messages_on_request(api_for):
    response = api_for().get("/api/v1/areas/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json() == {"message": "Please log in"}


def test_openapi_schema_and_docs(client):
    schema = client.get(reverse("api-schema"))
    assert schema.status_code == 200
    assert b"/api/v1/areas/" in schema.content
    assert b"openapi: 3.1.0" in schema.content
    assert client.get(reverse("api-docs")).status_code == 200


def test_health_check(client):
    assert client.get("/healthz/").json() == {"status": "ok"}
