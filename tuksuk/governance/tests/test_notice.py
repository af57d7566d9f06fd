"""The public privacy notice: open without login, complete (what, why, basis, who, how long, rights, DPO), and
holding nothing about any person; the short notice for the forms where data is collected."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tuksuk.core.testing_world import CITIZEN_IDS, build_place
from tuksuk.governance.notice import DEFAULT_DPO_CONTACT

pytestmark = pytest.mark.django_db


def test_notice_is_public_and_says_what_the_pdpa_asks(client):
    response = client.get(reverse("governance:privacy-notice"))
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "ข้อมูลที่เราเก็บ",
        "มาตรา 24(4)",
        "มาตรา 26",
        "ใครเห็นข้อมูลของท่าน",
        "เก็บนานเท่าใด",
        "มาตรา 30",
        "มาตรา 33",
        "ที่ว่าการอำเภอ",
        "ภายใน 30 วัน",
        "72 ชั่วโมง",
        "ไม่ส่งหรือโอนข้อมูลไปต่างประเทศ",
        str(DEFAULT_DPO_CONTACT),
    ):
        assert text in body, text


def test_dpo_contact_comes_from_the_setting(client, settings):
    settings.TUKSUK_DPO_CONTACT = "dpo@moi.go.th โทร 0 2222 1141"
    assert "dpo@moi.go.th โทร 0 2222 1141" in client.get(reverse("governance:privacy-notice")).content.decode()


def test_notice_holds_no_personal_data(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    place = build_place("5703", "570301")
    for query in ({}, {"house_code": place.household.house_code}, {"q": "นายทดสอบ"}, {"pk": place.story.pk}):
        page = client.get(reverse("governance:privacy-notice"), query).content.decode()
        # The page's content (the language switch echoes the address it came from, forged query included).
        body = page.split('<main id="main"', 1)[1].split("</main>", 1)[0]
        for secret in (
            place.household.house_code,
            place.household.head_name,
            CITIZEN_IDS["5703"],
            place.story.description,
            str(place.village.code),
        ):
            assert secret not in body


@pytest.mark.parametrize("notice_for", ["", "participant"])
def test_short_notice_links_to_the_full_notice(notice_for):
    html = render_to_string("governance/notice_short.html", {"notice_for": notice_for})
    assert reverse("governance:privacy-notice") in html
    assert "มาตรา 24(4)" in html
    assert "ผู้เข้าอบรม" in html if notice_for else "ครัวเรือน" in html
