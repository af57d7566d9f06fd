"""What users notice on the pages: applying, judging on one page, frozen rubric, ties, exports, pre-filled points."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tuksuk.areas.models import PilotDistrict
from tuksuk.core.testing import make_user
from tuksuk.programme.selection import metrics, services
from tuksuk.programme.selection.models import Application, Score, ScoreChange

from .conftest import apply, open_round, score_all

pytestmark = pytest.mark.django_db


def test_district_chief_applies_with_a_video_link_and_cannot_after_the_deadline(client_for, district_chief, round):
    client = client_for(district_chief)
    url = reverse("selection:apply", kwargs={"pk": round.pk})
    data = {"district": "5703", "service_record": "รับราชการ 20 ปี", "video_url": "https://youtu.be/x", "submit": "1"}
    response = client.post(url, data)
    application = Application.objects.get(round=round, district_id="5703")
    assert response.status_code == 302
    assert application.is_submitted
    assert application.video_url == "https://youtu.be/x"
    assert client.post(url, {**data, "district": "9005"}).status_code == 200  # not a choice: form error
    assert not Application.objects.filter(district_id="9005").exists()
    round.deadline = timezone.now() - dt.timedelta(minutes=1)
    round.save(update_fields=["deadline"])
    response = client.post(url, {**data, "service_record": "แก้ไขหลังปิดรับ"})
    assert "เลยกำหนดปิดรับสมัครแล้ว" in response.content.decode()
    application.refresh_from_db()
    assert application.service_record == "รับราชการ 20 ปี"


def test_judging_page_saves_every_criterion_and_refuses_bad_or_stale_input(client_for, admin, judge, round):
    services.assign_judge(round, judge, actor=admin)
    application = apply(round, "5703")
    first, second = round.leaf_criteria()
    client = client_for(judge)
    url = reverse("selection:judge", kwargs={"pk": application.pk})
    page = client.get(url).content.decode()
    assert "criterion-1" in page
    assert "criterion-2" in page
    response = client.post(url, {f"points_{first.pk}": "51", f"points_{second.pk}": "10", f"rev_{first.pk}": "0"})
    assert "ระหว่าง 0 ถึง 50" in response.content.decode()
    assert not Score.objects.exists()  # nothing half-written
    response = client.post(url, {f"points_{first.pk}": "abc", f"points_{second.pk}": "10"})
    assert "ต้องเป็นตัวเลข" in response.content.decode()
    form = {f"points_{first.pk}": "45", f"comment_{first.pk}": "ทีมเข้มแข็ง", f"rev_{first.pk}": "0"}
    assert client.post(url, form).status_code == 302
    # The same (now stale) form again with another figure: refused, the score stays.
    response = client.post(url, {**form, f"points_{first.pk}": "20"})
    assert "ถูกแก้ไขไปแล้ว" in response.content.decode()
    assert Score.objects.get(criterion=first).points == Decimal("45")
    assert ScoreChange.objects.get().comment == "ทีมเข้มแข็ง"


def test_rubric_is_frozen_once_scoring_starts(client_for, admin, judge, round):
    services.assign_judge(round, judge, actor=admin)
    application = apply(round, "5703")
    criterion = round.leaf_criteria()[0]
    client = client_for(admin)
    edit = reverse("selection:criterion-edit", kwargs={"pk": criterion.pk})
    data = {"number": "1", "title": "ใหม่", "max_points": "60"}
    assert client.post(edit, data).status_code == 302
    criterion.refresh_from_db()
    assert criterion.max_points == Decimal("60")
    client.post(edit, {**data, "max_points": "50"})
    services.record_scores(application, [services.ScoreEntry(criterion.pk, "10")], actor=judge)
    response = client.post(edit, {**data, "max_points": "70"})
    assert "ถูกล็อกแล้ว" in response.content.decode()
    criterion.refresh_from_db()
    assert criterion.max_points == Decimal("50")
    page = client.get(reverse("selection:round", kwargs={"pk": round.pk})).content.decode()
    assert 'data-testid="rubric-frozen"' in page


def test_results_page_shows_missing_scores_ties_and_exports(client_for, admin, judge, round):
    services.assign_judge(round, judge, actor=admin)
    a, b, c = apply(round, "5703"), apply(round, "5701"), apply(round, "5702")
    score_all(a, judge, ["40", "30"])
    score_all(b, judge, ["30", "40"])
    services.record_scores(c, [services.ScoreEntry(round.leaf_criteria()[0].pk, "50")], actor=judge)
    client = client_for(admin)
    url = reverse("selection:results", kwargs={"pk": round.pk})
    page = client.get(url).content.decode()
    assert 'data-testid="incomplete"' in page
    assert "ขาด" in page
    assert 'data-testid="tie-form"' in page
    csv_text = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert "5702" in csv_text
    assert "คะแนนไม่ครบ" in csv_text
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content)).active
    assert sheet["A1"].value == round.title
    # Publishing is refused (missing score, undecided tie), then allowed once both are settled.
    client.post(reverse("selection:publish", kwargs={"pk": round.pk}))
    assert not PilotDistrict.objects.filter(district_id__in=["5701", "5702"]).exists()
    services.record_scores(c, [services.ScoreEntry(round.leaf_criteria()[1].pk, "0")], actor=judge)
    client.post(
        reverse("selection:tie-break", kwargs={"pk": round.pk}),
        {"key": "57:1", "order": [b.pk, a.pk], "reason": "มติที่ประชุม"},
    )
    assert client.post(reverse("selection:publish", kwargs={"pk": round.pk})).status_code == 302
    assert PilotDistrict.objects.filter(district_id="5701", programme_year=2565, level="province").exists()


def test_prefilled_severity_is_recorded_as_accepted_or_overridden(admin, judge, round, settings, tmp_path):
    from tuksuk.core.testing_world import build_place

    settings.MEDIA_ROOT = tmp_path
    build_place("5703", "570301")  # one open story in one household: severity 2
    services.assign_judge(round, judge, actor=admin)
    mine, other = apply(round, "5703"), apply(round, "5701")
    severity = round.leaf_criteria()[1]
    hint = services.suggestions(round, [mine, other])
    assert hint[(mine.pk, severity.pk)].points == Decimal("50.00")  # the most severe district gets the maximum
    assert hint[(other.pk, severity.pk)].points == Decimal("0.00")
    services.record_scores(mine, [services.ScoreEntry(severity.pk, "50")], actor=judge)
    services.record_scores(other, [services.ScoreEntry(severity.pk, "5")], actor=judge)
    assert Score.objects.get(application=mine).source == "prefill_accepted"
    assert Score.objects.get(application=other).source == "prefill_overridden"


def test_views_and_shares_come_from_the_public_sites_counts(client_for, admin, judge, monkeypatch):
    from tuksuk.portal.counting import count_view

    round = open_round(admin, kind="evaluation", level="group", template=None, title="ประเมินผล")
    services.add_criterion(
        round, actor=admin, number="1", title="ยอดเข้าชม", max_points=Decimal("10"), data_source="communication_views"
    )
    services.open_round(round, actor=admin)
    assert services.enroll_pilots(round, actor=admin) >= 18
    services.assign_judge(round, judge, actor=admin)
    application = round.applications.get(district_id="9005")
    url = reverse("selection:judge", kwargs={"pk": application.pk})
    with monkeypatch.context() as patched:  # a deployment without the public site: the figure is not available
        patched.setattr(metrics, "_communication_counter", None)
        page = client_for(judge).get(url).content.decode()
        assert 'data-testid="not-available"' in page
        assert 'data-testid="suggestion"' not in page
    for _ in range(2):
        count_view("page:district:9005", "9005")
    count_view("page:district:5703", "5703")
    page = client_for(judge).get(url).content.decode()
    assert 'data-testid="suggestion"' in page
    assert "10.00" in page


def test_district_history_lists_applications_pilot_flags_and_awards(client_for, district_chief, admin, judge, round):
    services.assign_judge(round, judge, actor=admin)
    score_all(apply(round, "5703"), judge, ["44", "40"])
    services.publish_round(round, actor=admin)
    services.announce_award(round, "5703", actor=admin, title="อำเภอดีเด่น", rank=1)
    page = client_for(district_chief).get(reverse("selection:district", kwargs={"code": "5703"})).content.decode()
    assert "84.00" in page
    assert "อำเภอดีเด่น" in page
    assert "2565" in page
    assert (
        client_for(make_user("ministry_viewer")).get(reverse("selection:district", kwargs={"code": "5703"})).status_code
        == 200
    )


def test_ministry_admin_creates_a_round_copies_a_template_and_opens_it(client_for, admin):
    client = client_for(admin)
    assert client.get(reverse("selection:round-new")).status_code == 200
    response = client.post(
        reverse("selection:round-new"),
        {
            "kind": "selection",
            "title": "คัดเลือกระดับกลุ่มจังหวัด 2566",
            "programme_year": "2566",
            "level": "group",
            "deadline": "2030-01-31T16:30",
            "eligible_areas": ["G02"],
        },
    )
    from tuksuk.programme.selection.models import Round, RubricTemplate

    round = Round.objects.get(title="คัดเลือกระดับกลุ่มจังหวัด 2566")
    assert response.status_code == 302
    assert client.get(reverse("selection:round-edit", kwargs={"pk": round.pk})).status_code == 200
    group = RubricTemplate.objects.get(code="group-2565")
    client.post(reverse("selection:round-template", kwargs={"pk": round.pk}), {"template": group.pk})
    assert round.criteria.count() == 12  # 3 criteria, 7 + 2 sub-criteria
    assert sum(c.max_points for c in round.criteria.filter(parent__isnull=True)) == 100
    client.post(reverse("selection:round-open", kwargs={"pk": round.pk}))
    round.refresh_from_db()
    assert round.status == "open"
    assert not services.eligible_districts(round).exists()  # candidates: 2566 province-level pilots, none yet
