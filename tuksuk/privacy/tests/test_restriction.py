"""Restriction and objection: the household is frozen and kept off the public site until the restriction is lifted."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tuksuk.cases.services import change_status, record_action
from tuksuk.households.services import update_household
from tuksuk.portal import services as portal
from tuksuk.privacy import services
from tuksuk.privacy.restrictions import is_restricted

pytestmark = pytest.mark.django_db


def _item(place, chief):
    change_status(place.story, "resolved", actor=chief, enforce_workflow=False)
    return portal.create_item(
        actor=chief,
        district_code="5703",
        kind="success",
        title="บ้านไม่รั่วแล้ว",
        body="เรื่องที่เขียนใหม่",
        source_story=place.story,
    )


def test_restriction_blocks_proposing_for_publication_and_withdraws_published_items(place, record, chief, client_for):
    item = _item(place, chief)
    portal.propose(item, actor=chief)
    portal.approve(item, actor=chief)
    dsr = record(place, "restriction")
    services.restrict(dsr, actor=chief, note="รอตรวจสอบความถูกต้อง")
    item.refresh_from_db()
    assert item.status == "unpublished"
    assert is_restricted(place.household.pk)
    with pytest.raises(ValidationError, match="ระงับการใช้ข้อมูล"):
        portal.propose(item, actor=chief)
    item.refresh_from_db()
    assert item.status == "unpublished"
    with pytest.raises(ValidationError):
        portal.create_item(actor=chief, district_code="5703", kind="success", title="ใหม่", source_story=place.story)
    response = client_for(chief).post(reverse("portal_admin:propose", args=[item.pk]), follow=True)
    assert "ระงับการใช้ข้อมูล" in response.content.decode()


def test_restriction_refuses_edits_and_shows_a_banner_until_lifted(place, record, chief, client_for):
    dsr = record(place, "objection")
    services.restrict(dsr, actor=chief)
    with pytest.raises(ValidationError, match="ระงับการใช้"):
        update_household(place.household, actor=chief, house_no="99")
    with pytest.raises(ValidationError):
        record_action(
            place.story, actor=chief, done_on=place.story.reported_at.date(), description="x", dimension="immediate"
        )
    page = client_for(chief).get(reverse("households:detail", args=[place.household.house_code])).content.decode()
    assert "ข้อมูลนี้ถูกระงับการใช้ตามคำขอ" in page
    response = client_for(chief).post(
        reverse("households:edit", args=[place.household.house_code]),
        {"village": place.village.code, "house_no": "99", "head_name": "นายทดสอบ 5703"},
    )
    assert "ระงับการใช้" in response.content.decode()
    with pytest.raises(ValidationError):
        services.lift_restriction(dsr, actor=chief, note="")
    services.lift_restriction(dsr, actor=chief, note="ตรวจสอบแล้วข้อมูลถูกต้อง")
    assert not is_restricted(place.household.pk)
    update_household(place.household, actor=chief, house_no="99")
    page = client_for(chief).get(reverse("households:detail", args=[place.household.house_code])).content.decode()
    assert "ข้อมูลนี้ถูกระงับการใช้ตามคำขอ" not in page
