"""Demo data: the 2565 province-level selection (published: it confirms เชียงของ, เทพา and ปรางค์กู่), the 2565
evaluation of group-level pilots (published, with an award), and a 2566 selection still being judged.
Idempotent: a round that exists (by title) is left as it is. Uses the demo users (``tuksuk.demo``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from tuksuk.accounts.models import User
from tuksuk.areas.models import Area

from . import services
from .models import Round, RubricTemplate

SELECTION_2565 = "คัดเลือกอำเภอนำร่องระดับจังหวัด ปี 2565"
EVALUATION_2565 = "ประเมินผลอำเภอนำร่องระดับกลุ่มจังหวัด ปี 2565"
SELECTION_2566 = "คัดเลือกอำเภอนำร่องระดับจังหวัด ปี 2566"
PROVINCES = ("57", "90", "33")
APPLICANTS = {"5703": "chiangkhong_chief", "9005": "thepha_chief", "3307": "prangku_team"}
STATEMENTS = {
    "5703": ("รับราชการกรมการปกครอง 24 ปี เคยเป็นนายอำเภอชายแดน 2 แห่ง", "ให้ชาวเชียงของพ้นจากความยากจนด้วยน้ำโขง"),
    "9005": ("รับราชการ 21 ปี ทำงานกับชุมชนมุสลิมและพุทธในพื้นที่ชายแดนใต้", "เทพาน่าอยู่ ทุกครัวเรือนมีน้ำใช้ตลอดปี"),
    "3307": ("รับราชการ 19 ปี เคยเป็นปลัดอำเภอฝ่ายพัฒนาชุมชน", "ปรางค์กู่ไม่มีบ้านทรุดโทรม"),
}
EVALUATION_RUBRIC = (
    ("1", "ครัวเรือนที่พ้นจากปัญหา", "30", "households_lifted"),
    ("2", "มูลค่าโครงการ", "20", "project_value"),
    ("3", "ครัวเรือนที่ได้รับประโยชน์จากโครงการ", "20", "beneficiaries"),
    ("4", "ยอดการเข้าชมการสื่อสารสังคม", "15", "communication_views"),
    ("5", "ยอดการแบ่งปันการสื่อสารสังคม", "15", "communication_shares"),
)


def _apply(round: Round, users: dict[str, User]) -> None:
    for code in APPLICANTS:
        if code in users and services.eligible_districts(round).filter(pk=code).exists():
            record, inspiration = STATEMENTS[code]
            services.save_application(
                round,
                code,
                actor=users[code],
                submit=True,
                service_record=record,
                inspiration=inspiration,
                team_readiness="ทีมอำเภอ 10 คนจาก 7 ภาคีเครือข่าย",
                video_url=f"https://video.example.go.th/tuksuk/{code}",
            )


def _score(round: Round, judge: User, points: dict[str, list[str]], *, leave_out: int = 0) -> None:
    """Judge every application; data-driven criteria take the registry's suggestion (accepted)."""
    leaves = round.leaf_criteria()
    for application in round.applications.filter(status="submitted"):
        hints = services.suggestions(round, [application])
        given = points[application.district_id]
        entries = []
        for criterion, value in zip(leaves[: len(leaves) - leave_out], given, strict=False):
            hint = hints.get((application.pk, criterion.pk))
            # A suggestion of 0 (e.g. no public-site counts yet in a fresh demo) gives way to the demo judge's figure.
            chosen = hint.points if hint and hint.available and hint.points else Decimal(value)
            entries.append(services.ScoreEntry(criterion.pk, chosen, "ตามเอกสารและข้อมูลในระบบ"))
        services.record_scores(application, entries, actor=judge)


@transaction.atomic
def seed_demo_data(*, now: dt.datetime) -> str:
    users = {u.username: u for u in User.objects.filter(username__in=["admin", *APPLICANTS.values()])}
    admin = users.get("admin")
    if admin is None:
        return "ข้าม: ไม่พบผู้ใช้ admin ของชุดข้อมูลตัวอย่าง"
    applicants = {code: users[name] for code, name in APPLICANTS.items() if name in users}
    provinces = list(Area.objects.filter(code__in=PROVINCES))
    made = []
    if not Round.objects.filter(title=SELECTION_2565).exists():
        round = services.create_round(
            actor=admin,
            kind="selection",
            title=SELECTION_2565,
            programme_year=2565,
            level="province",
            deadline=now + dt.timedelta(days=1),
            period_end=dt.date(2022, 4, 30),
            eligible_areas=provinces,
        )
        services.copy_template(round, RubricTemplate.objects.get(code="province-2565"), actor=admin)
        services.open_round(round, actor=admin)
        _apply(round, applicants)
        services.assign_judge(round, admin, actor=admin)
        _score(round, admin, {"5703": ["44", "40"], "9005": ["42.5", "38"], "3307": ["40", "45"]})
        services.publish_round(round, actor=admin)
        made.append(SELECTION_2565)
    if not Round.objects.filter(title=EVALUATION_2565).exists():
        round = services.create_round(
            actor=admin,
            kind="evaluation",
            title=EVALUATION_2565,
            programme_year=2565,
            level="group",
            deadline=now + dt.timedelta(days=1),
            period_start=dt.date(2021, 10, 1),
            period_end=dt.date(2022, 9, 30),
            eligible_areas=provinces,
        )
        for number, title, points, source in EVALUATION_RUBRIC:
            services.add_criterion(
                round, actor=admin, number=number, title=title, max_points=Decimal(points), data_source=source
            )
        services.open_round(round, actor=admin)
        services.enroll_pilots(round, actor=admin)
        services.assign_judge(round, admin, actor=admin)
        _score(round, admin, {"9005": ["0", "0", "0", "12", "11"], "3307": ["0", "0", "0", "10", "9"]})
        services.publish_round(round, actor=admin)
        from .ranking import compute_results

        winner = next((r for r in compute_results(round).rows if r.rank == 1), None)
        if winner is not None:
            services.announce_award(round, winner.application.district_id, actor=admin, title="อำเภอนำร่องดีเด่น", rank=1)
        made.append(EVALUATION_2565)
    if not Round.objects.filter(title=SELECTION_2566).exists():
        round = services.create_round(
            actor=admin,
            kind="selection",
            title=SELECTION_2566,
            programme_year=2566,
            level="province",
            deadline=now + dt.timedelta(days=30),
            eligible_areas=provinces,
        )
        services.copy_template(round, RubricTemplate.objects.get(code="province-2565"), actor=admin)
        services.open_round(round, actor=admin)
        _apply(round, {k: v for k, v in applicants.items() if k == "5703"})
        services.assign_judge(round, admin, actor=admin)
        _score(round, admin, {"5703": ["45"]}, leave_out=1)
        made.append(SELECTION_2566)
    if not made:
        return "รอบการคัดเลือกและประเมินผลตัวอย่างมีอยู่แล้ว"
    return f"รอบการคัดเลือกและประเมินผลตัวอย่าง {len(made)} รอบ: {', '.join(made)}"
