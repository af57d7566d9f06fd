import pytest
from django.urls import reverse

from tuksuk.core.testing import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_is_thai_by_default(client):
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="th">' in page
    assert "เข้าสู่ระบบ" in page


def test_login_leads_to_the_home_page_of_the_users_area(client, district_chief):
    response = client.post(
        reverse("login"), {"username": district_chief.username, "password": TEST_PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "นายอำเภอ" in page
    assert "เชียงของ" in page


def test_wrong_password_says_so_in_thai(client, district_chief):
    response = client.post(reverse("login"), {"username": district_chief.username, "password": "wrong"})
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()


def test_user_without_area_is_told_why_they_see_nothing(client_for, nobody):
    page = client_for(nobody).get(reverse("home")).content.decode()
    assert "ยังไม่ได้รับมอบหมายพื้นที่" in page


def test_repeated_failures_lock_the_account(client, district_chief):
    for _ in range(5):
        client.post(reverse("login"), {"username": district_chief.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": district_chief.username, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "ระงับชั่วคราว" in response.content.decode()


def test_logout_needs_post_and_ends_the_session(client_for, district_chief):
    client = client_for(district_chief)
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302
