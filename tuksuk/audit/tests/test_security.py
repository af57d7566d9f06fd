"""Logins, failed logins and permission changes are in the access log."""

import pytest
from django.urls import reverse

from tuksuk.accounts.services import assign_role, revoke_role
from tuksuk.audit.choices import AccessAction
from tuksuk.audit.context import audit_context
from tuksuk.audit.models import AccessLogEntry
from tuksuk.core.testing import TEST_PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_login_and_failed_login_are_logged(client):
    user = make_user("district_chief", "5703")
    client.post(reverse("login"), {"username": user.username, "password": "wrong-password-123"})
    failed = AccessLogEntry.objects.get(action=AccessAction.LOGIN_FAILED)
    assert failed.username == user.username
    assert "wrong-password" not in str(failed.detail)
    client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    login = AccessLogEntry.objects.get(action=AccessAction.LOGIN)
    assert login.user == user
    assert login.ip == "127.0.0.1"


def test_role_granted_and_revoked_and_user_deactivated_are_logged(ministry_admin):
    user = make_user()
    with audit_context(actor=ministry_admin):
        assignment = assign_role(user, "district_team", "5703", actor=ministry_admin)
        revoke_role(assignment, actor=ministry_admin)
        user.is_active = False
        user.save(update_fields=["is_active"])
    rows = AccessLogEntry.objects.filter(object_type="accounts.user", object_id=str(user.pk)).order_by("id")
    assert [r.action for r in rows] == [
        AccessAction.ROLE_GRANTED,
        AccessAction.ROLE_REVOKED,
        AccessAction.USER_DEACTIVATED,
    ]
    assert rows[0].detail["role"] == "district_team"
    assert rows[0].area_code == "5703"
    assert all(r.username == ministry_admin.username for r in rows)


def test_a_failed_api_token_request_is_logged(api_for):
    user = make_user("district_chief", "5703")
    response = api_for().post(reverse("api-token"), {"username": user.username, "password": "not-the-password"})
    assert response.status_code == 400
    assert AccessLogEntry.objects.filter(action=AccessAction.LOGIN_FAILED, username=user.username).exists()


def test_the_menu_shows_the_audit_log_only_to_auditors():
    from tuksuk.audit.templatetags.audit import can_audit

    assert can_audit(make_user("auditor"))
    assert can_audit(make_user("ministry_admin"))
    assert not can_audit(make_user("ministry_viewer"))
    assert not can_audit(make_user("district_chief", "5703"))
