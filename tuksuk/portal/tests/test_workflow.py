"""The publication workflow: districts propose, a chief (or above) approves; only approved items appear;
unpublishing is immediate; every change is an event."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tuksuk.core.testing import make_user
from tuksuk.portal import services
from tuksuk.portal.choices import ItemStatus
from tuksuk.portal.models import PublicItem

from .conftest import make_item

pytestmark = pytest.mark.django_db


def test_only_published_items_appear_on_public_pages(client, world):
    pages = [reverse("portal:home"), reverse("portal:district", args=["5703"]), reverse("portal:province", args=["57"])]
    pages.append(reverse("portal:kiosk"))
    for url in pages:
        body = client.get(url).content.decode()
        assert world.published.title in body, url
        for hidden in (world.draft, world.rejected, world.unpublished):
            assert hidden.title not in body, url
    listed = client.get(reverse("portal-item-list")).json()
    assert [row["id"] for row in listed["results"]] == [world.published.pk]


def test_unpublishing_takes_effect_on_the_next_request(client, client_for, world):
    url = reverse("portal:item", args=[world.published.pk])
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "max-age=60, public" or "max-age=60" in first["Cache-Control"]
    response = client_for(world.chief).post(
        reverse("portal_admin:unpublish", args=[world.published.pk]), {"note": "ถอน"}
    )
    assert response.status_code == 302
    client.logout()
    assert client.get(url).status_code == 404
    assert world.published.title not in client.get(reverse("portal:home")).content.decode()
    event = world.published.events.order_by("-id").first()
    assert (event.from_status, event.to_status, event.note, event.actor) == (
        "published",
        "unpublished",
        "ถอน",
        world.chief,
    )


def test_a_field_worker_can_propose_but_not_approve(client_for, world):
    worker = make_user("field_worker", "570301")
    item = make_item("5703", worker, "เรื่องจากภาคสนาม")
    services.propose(item, actor=worker)
    response = client_for(worker).post(reverse("portal_admin:approve", args=[item.pk]))
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == ItemStatus.PROPOSED
    # The field worker sees their district's items in the publishing list.
    assert item.title in client_for(worker).get(reverse("portal_admin:index")).content.decode()


def test_another_districts_chief_cannot_approve(client_for, world):
    item = make_item("5703", world.team, "รออนุมัติ")
    services.propose(item, actor=world.team)
    other_chief = make_user("district_chief", "9005")
    assert client_for(other_chief).post(reverse("portal_admin:approve", args=[item.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.approve(item, actor=other_chief)
    item.refresh_from_db()
    assert item.status == ItemStatus.PROPOSED


def test_district_team_cannot_approve_but_province_officer_can(world, django_capture_on_commit_callbacks):
    item = make_item("5703", world.team, "รออนุมัติจากจังหวัด")
    services.propose(item, actor=world.team)
    with pytest.raises(PermissionDenied):
        services.approve(item, actor=world.team)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(item, actor=make_user("province_officer", "57"))
    assert PublicItem.objects.get(pk=item.pk).status == ItemStatus.PUBLISHED


def test_read_only_and_unassigned_users_cannot_propose(world):
    for user in (make_user("ministry_viewer"), make_user(), make_user("district_team", "9005")):
        with pytest.raises(PermissionDenied):
            make_item("5703", user, "ไม่ควรสร้างได้")


def test_rejecting_needs_a_reason_and_the_item_can_be_edited_and_proposed_again(client_for, world):
    item = make_item("5703", world.team, "ต้องแก้")
    services.propose(item, actor=world.team)
    with pytest.raises(ValidationError):
        services.reject(item, actor=world.chief, note=" ")
    services.reject(item, actor=world.chief, note="ลบชื่อบุคคลออก")
    response = client_for(world.team).post(
        reverse("portal_admin:edit", args=[item.pk]), {"kind": "success", "title": "แก้แล้ว", "body": "เนื้อหาใหม่"}
    )
    assert response.status_code == 302
    services.propose(PublicItem.objects.get(pk=item.pk), actor=world.team)
    statuses = list(item.events.order_by("id").values_list("to_status", flat=True))
    assert statuses == ["draft", "proposed", "rejected", "proposed"]


def test_approving_twice_is_refused_with_a_message(client_for, world):
    response = client_for(world.chief).post(reverse("portal_admin:approve", args=[world.published.pk]), follow=True)
    assert response.status_code == 200
    assert "เปลี่ยนสถานะจาก" in response.content.decode()


def test_text_prefilled_from_an_internal_record_must_be_rewritten(world):
    from tuksuk.cases.models import Story

    Story.objects.filter(pk=world.other.story.pk).update(description="ครอบครัวของนายทดสอบ บ้านเลขที่ 99/9 หลังคารั่วมาก")
    story = Story.objects.get(pk=world.other.story.pk)
    chief = make_user("district_chief", "9005")
    prefill = services.prefill_from_story(story)
    item = services.create_item(
        actor=chief,
        district_code="9005",
        title=prefill["title"],
        body=prefill["body"],
        kind="success",
        source_story=story,
    )
    with pytest.raises(ValidationError):
        services.propose(item, actor=chief)
    services.update_item(item, actor=chief, body="ชุมชนช่วยกันซ่อมหลังคาบ้านของผู้สูงอายุจนแล้วเสร็จ")
    services.propose(item, actor=chief)


def test_a_story_that_is_not_resolved_cannot_be_a_source(world):
    from tuksuk.cases.services import change_status

    change_status(world.mine.story, "in_progress", actor=make_user("ministry_admin"), note="เปิดเรื่องใหม่")
    with pytest.raises(ValidationError):
        make_item("5703", world.team, "จากเรื่องที่ยังไม่เสร็จ", source_story=world.mine.story)


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", True),
        ("https://youtu.be/dQw4w9WgXcQ", True),
        ("https://www.facebook.com/moi.go.th/videos/123456789/", True),
        ("http://www.youtube.com/watch?v=dQw4w9WgXcQ", False),
        ("https://evil.example/watch?v=dQw4w9WgXcQ", False),
        ("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", False),
        ("javascript:alert(1)", False),
        ("https://user:pw@www.youtube.com/watch?v=dQw4w9WgXcQ", False),
    ],
)
def test_video_links_are_youtube_or_facebook_only(url, ok):
    from tuksuk.portal.video import embed_url, validate_video_url

    if ok:
        assert validate_video_url(url) == url
        assert embed_url(url).startswith(
            ("https://www.youtube-nocookie.com/embed/", "https://www.facebook.com/plugins/")
        )
    else:
        with pytest.raises(ValidationError):
            validate_video_url(url)


def test_proposing_on_the_page_with_a_bad_video_link_shows_a_thai_message(client_for, world):
    response = client_for(world.team).post(
        reverse("portal_admin:new"),
        {"district": "5703", "kind": "video", "title": "วิดีโอ", "video_url": "https://evil.example/v"},
    )
    assert response.status_code == 200
    assert "รับเฉพาะลิงก์วิดีโอจาก YouTube หรือ Facebook" in response.content.decode()
    assert not PublicItem.objects.filter(title="วิดีโอ").exists()


def test_new_item_prefilled_from_a_resolved_story_page(client_for, world):
    response = client_for(world.team).get(reverse("portal_admin:new"), {"story": world.mine.story.pk})
    assert response.status_code == 200
    assert "เรื่องเล่าความสำเร็จ" in response.content.decode()
    assert client_for(world.team).get(reverse("portal_admin:new"), {"story": world.other.story.pk}).status_code == 404


def test_public_item_page_shows_before_after_photos_video_share_and_counts(client, world):
    body = client.get(reverse("portal:item", args=[world.published.pk])).content.decode()
    assert 'data-testid="before-after"' in body
    assert 'data-share="line"' in body
    assert 'data-share="facebook"' in body
    assert 'data-share="copy"' in body
    assert "เข้าชม" in body
    assert "แชร์" in body
