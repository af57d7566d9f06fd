import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("areas:tree"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_ministry_user_starts_at_the_six_regions(client_for, ministry_admin):
    page = client_for(ministry_admin).get(reverse("areas:tree")).content.decode()
    for name in ("ภาคเหนือ", "ภาคตะวันออกเฉียงเหนือ", "ภาคกลาง", "ภาคตะวันออก", "ภาคใต้", "ภาคใต้ชายแดน"):
        assert name in page


def test_walk_down_from_region_to_tambon(client_for, ministry_admin):
    client = client_for(ministry_admin)
    for code, child in [
        ("R1", "กลุ่มจังหวัดภาคเหนือตอนบน 2"),
        ("G02", "เชียงราย"),
        ("57", "เชียงของ"),
        ("5703", "เวียง"),
    ]:
        response = client.get(reverse("areas:detail", args=[code]))
        assert response.status_code == 200
        assert child in response.content.decode()


def test_district_page_shows_code_names_and_pilot_badge(client_for, district_chief):
    response = client_for(district_chief).get(reverse("areas:detail", args=["5703"]))
    page = response.content.decode()
    assert "อำเภอเชียงของ" in page
    assert "Chiang Khong" in page
    assert 'data-testid="pilot-badge"' in page


def test_province_page_marks_its_pilot_district(client_for):
    from tuksuk.core.testing import make_user

    page = client_for(make_user("province_officer", "57")).get(reverse("areas:detail", args=["57"])).content.decode()
    rows = {row.split("</td>")[0].split(">")[-1]: row for row in page.split("<tr>")[1:]}
    assert "pilot-badge" in rows["5703"]
    assert "pilot-badge" not in rows["5701"]


def test_district_user_cannot_open_another_district(client_for, district_chief):
    assert client_for(district_chief).get(reverse("areas:detail", args=["9005"])).status_code == 404


def test_district_user_sees_only_own_district_under_their_province(client_for, district_chief):
    page = client_for(district_chief).get(reverse("areas:detail", args=["57"])).content.decode()
    assert "เชียงของ" in page
    assert "เมืองเชียงราย" not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [("เชียงของ", "5703"), ("chiang khong", "5703"), ("Khong", "5703"), ("570301", "570301")],
)
def test_search_by_thai_or_english_name_or_code(client_for, ministry_admin, query, expected):
    response = client_for(ministry_admin).get(reverse("areas:search"), {"q": query})
    assert f"/areas/{expected}/" in response.content.decode()


def test_search_only_finds_areas_in_scope(client_for, district_chief):
    page = client_for(district_chief).get(reverse("areas:search"), {"q": "เมือง"}).content.decode()
    assert "/areas/9001/" not in page
    page = client_for(district_chief).get(reverse("areas:search"), {"q": "เวียง"}).content.decode()
    assert "/areas/570301/" in page


def test_htmx_search_returns_only_the_results_fragment(client_for, ministry_admin):
    response = client_for(ministry_admin).get(reverse("areas:search"), {"q": "เทพา"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "/areas/9005/" in page
    assert "<html" not in page


def test_pilot_list_shows_76_province_level_and_18_group_level(client_for, ministry_admin):
    client = client_for(ministry_admin)
    page = client.get(reverse("areas:pilots")).content.decode()
    assert "76 อำเภอ" in page
    page = client.get(reverse("areas:pilots"), {"level": "group", "year": "2565"}).content.decode()
    assert "18 อำเภอ" in page
    assert "แม่อาย" in page


def test_english_ui_on_request(client_for, district_chief):
    client = client_for(district_chief)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/areas/5703/"})
    assert response.status_code == 302
    page = client.get(reverse("areas:detail", args=["5703"])).content.decode()
    assert '<html lang="en">' in page
    assert "Chiang Khong" in page
    assert "District" in page


def test_areas_a_user_may_record_in():
    from tuksuk.areas.models import Area
    from tuksuk.core.testing import make_user

    Area.objects.create(code="57030101", level="village", parent_id="570301")
    Area.objects.create(code="90050101", level="village", parent_id="900501")
    field = make_user("field_worker", "570301")
    assert list(Area.objects.writable_by(field).filter(level="village").values_list("code", flat=True)) == ["57030101"]
    assert not Area.objects.writable_by(field).filter(code="57").exists()  # the province above is not for recording
    assert not Area.objects.writable_by(make_user("ministry_viewer")).exists()
    assert Area.objects.writable_by(make_user("ministry_admin")).filter(code="90050101").exists()
