"""Changing one's own password: the project's password rules, Thai messages, other sessions ended."""

import pytest
from django.test import Client
from django.urls import reverse

from tuksuk.audit.models import AccessLogEntry
from tuksuk.core.testing import TEST_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "mekong-river-sunrise-2566"


def change(client, old=TEST_PASSWORD, new=NEW_PASSWORD, again=None):  # type: ignore[no-untyped-def]
    data = {"old_password": old, "new_password1": new, "new_password2": again or new}
    return client.post(reverse("password-change"), data, follow=True)


def test_the_page_is_thai(client_for, district_chief):
    page = client_for(district_chief).get(reverse("password-change")).content.decode()
    assert "รหัสผ่านเดิม" in page
    assert "รหัสผ่านใหม่" in page
    assert "รหัสผ่านต้องมีอย่างน้อย 10 ตัวอักษร" in page


def test_a_wrong_old_password_or_a_weak_new_one_is_refused_in_thai(client_for, district_chief):
    client = client_for(district_chief)
    assert "รหัสผ่านเดิมไม่ถูกต้อง" in change(client, old="wrong").content.decode()
    assert "รหัสผ่านสั้นเกินไป" in change(client, new="short").content.decode()
    assert "ไม่ตรงกัน" in change(client, again="something-else-2566").content.decode()
    district_chief.refresh_from_db()
    assert district_chief.check_password(TEST_PASSWORD)


def test_changing_keeps_this_session_and_ends_the_others(client_for, district_chief):
    other = Client()
    other.force_login(district_chief)
    client = client_for(district_chief)
    response = change(client)
    assert "เปลี่ยนรหัสผ่านแล้ว" in response.content.decode()
    district_chief.refresh_from_db()
    assert district_chief.check_password(NEW_PASSWORD)
    assert client.get(reverse("households:list")).status_code == 200
    assert other.get(reverse("households:list")).status_code == 302
    assert AccessLogEntry.objects.filter(action="password_changed", user=district_chief).exists()


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("password-change"))
    assert response["Location"].startswith(reverse("login"))
