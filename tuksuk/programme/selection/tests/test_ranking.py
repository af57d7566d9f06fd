"""Totals, ranks, ties and missing scores: exact and reproducible from the recorded scores."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tuksuk.areas.models import PilotDistrict
from tuksuk.core.testing import make_user
from tuksuk.programme.selection import services
from tuksuk.programme.selection.models import ScoreChange
from tuksuk.programme.selection.ranking import compute_results

from .conftest import apply, score_all

pytestmark = pytest.mark.django_db


def test_totals_rank_within_province_and_select_one_per_province(admin, round, judge):
    services.assign_judge(round, judge, actor=admin)
    a, b, c = apply(round, "5703"), apply(round, "5701"), apply(round, "9005")
    score_all(a, judge, ["40.5", "30"])
    score_all(b, judge, ["45", "20.25"])
    score_all(c, judge, ["10", "10"])
    results = compute_results(round)
    by_district = {r.application.district_id: r for r in results.rows}
    assert by_district["5703"].total_display == Decimal("70.50")
    assert by_district["5701"].total_display == Decimal("65.25")
    assert (by_district["5703"].rank, by_district["5701"].rank, by_district["9005"].rank) == (1, 2, 1)
    assert {r.application.district_id for r in results.selected} == {"5703", "9005"}
    assert results.problems() == []


def test_two_judges_average_exactly_and_a_missing_score_makes_the_application_incomplete(admin, round, judge):
    second = make_user("ministry_admin")
    services.assign_judge(round, judge, actor=admin)
    services.assign_judge(round, second, actor=admin)
    a, b = apply(round, "5703"), apply(round, "5701")
    score_all(a, judge, ["10", "10"])
    score_all(a, second, ["10.01", "10"])
    score_all(b, judge, ["20", "0.33"])
    results = compute_results(round)
    row_a, row_b = results.rows
    assert row_a.total_display == Decimal("20.01")  # (10 + 10.01) / 2 + 10 = 20.005 → 20.01 half-up
    assert row_a.rank == 1
    assert row_a.complete
    assert not row_b.complete
    assert row_b.rank is None
    assert any(second.display_name in m for m in row_b.missing)
    assert row_b.cell_display(round.leaf_criteria()[0].pk) is None  # missing, not 0
    assert "คะแนนยังไม่ครบ" in results.problems()[0]
    with pytest.raises(ValidationError):
        services.publish_round(round, actor=admin)


def test_tie_for_first_place_blocks_publishing_until_decided_and_a_late_change_voids_the_decision(admin, round, judge):
    services.assign_judge(round, judge, actor=admin)
    a, b = apply(round, "5703"), apply(round, "5701")
    score_all(a, judge, ["40", "30"])
    score_all(b, judge, ["30", "40"])
    results = compute_results(round)
    assert all(row.tied and row.rank == 1 for row in results.rows)
    assert not results.selected
    tie = results.undecided[0]
    assert tie.key == "57:1"
    with pytest.raises(ValidationError, match="เหตุผล"):
        services.record_tie_break(round, tie.key, [b.pk, a.pk], "  ", actor=admin)
    services.record_tie_break(round, tie.key, [b.pk, a.pk], "ทีมพร้อมกว่า", actor=admin)
    results = compute_results(round)
    assert [(r.application.district_id, r.rank) for r in results.rows] == [("5701", 1), ("5703", 2)]
    assert results.rows[0].selected
    assert results.rows[0].tie_break.reason == "ทีมพร้อมกว่า"
    # A correction before publishing replaces the decision.
    services.record_tie_break(round, tie.key, [a.pk, b.pk], "แก้ไข: ปัญหารุนแรงกว่า", actor=admin)
    assert compute_results(round).selected[0].application == a
    # A late change breaks the tie: the decision no longer applies, the scores decide.
    services.record_scores(
        b, [services.ScoreEntry(round.leaf_criteria()[0].pk, "31", "ทบทวน", revision=1)], actor=judge
    )
    results = compute_results(round)
    assert results.selected[0].application == b
    assert results.rows[0].tie_break is None
    assert list(ScoreChange.objects.filter(application=b).values_list("old_points", "new_points")) == [
        (None, Decimal("30")),
        (None, Decimal("40")),
        (Decimal("30"), Decimal("31")),
    ]


def test_publishing_creates_the_pilot_districts_once(admin, round, judge):
    services.assign_judge(round, judge, actor=admin)
    a = apply(round, "5701")
    score_all(a, judge, ["40", "30"])
    assert not PilotDistrict.objects.filter(district_id="5701", programme_year=2565).exists()
    pilots = services.publish_round(round, actor=admin)
    assert [p.district_id for p in pilots] == ["5701"]
    assert PilotDistrict.objects.filter(district_id="5701", programme_year=2565, level="province").count() == 1
    with pytest.raises(ValidationError):
        services.publish_round(round, actor=admin)
    with pytest.raises(ValidationError, match="ให้คะแนนได้เฉพาะ"):
        score_all(a, judge, ["1", "1"])


def test_group_level_candidates_are_the_years_province_level_pilots_ranked_per_group(admin, judge):
    from .conftest import open_round

    round = open_round(admin, level="group", template="group-2565", title="ระดับกลุ่มจังหวัด")
    with pytest.raises(ValidationError, match="ไม่มีสิทธิ์"):
        apply(round, "5701")  # not a province-level pilot of 2565
    services.assign_judge(round, judge, actor=admin)
    a = apply(round, "5703", proposal="โครงการน้ำ")
    score_all(a, judge, ["10"] * 7 + ["5", "5", "10"])
    row = compute_results(round).rows[0]
    assert row.unit_code == "G02"
    assert row.total_display == Decimal("90.00")
    assert row.selected
