"""Totals, ranks and the selection rule, computed from the recorded scores alone (so always reproducible).

- A judge of the round judges every submitted application, or only those chosen in their assignment.
- A criterion's points for an application are the mean of its judges' points for it; the total is the sum over the
  scored criteria (sub-criteria, or the criterion itself when it has none). Arithmetic is exact (fractions);
  totals are shown rounded half-up to 2 decimals.
- An application is *incomplete* while any of its judges has not scored any criterion, or it has no judge: it is
  listed with what is missing and gets no rank.
- Ranks are counted within a unit: the province (province-level selection), the provincial group (group-level
  selection) or the whole round (evaluation). Equal totals share a rank (1, 1, 3).
- Places that matter: first place of each unit in a selection (one pilot per province / per group), the first
  ``AWARD_PLACES`` in an evaluation. Applications tied for such a place need the ministry's recorded decision
  (a ``TieBreak`` for exactly those applications); a decision on a different set of tied applications (because
  scores changed since) no longer applies.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from tuksuk.areas.choices import PilotLevel

from .choices import ApplicationStatus, RoundKind
from .models import Application, Criterion, Round, Score, TieBreak

AWARD_PLACES = 3
WHOLE_ROUND = "ALL"


def as_decimal(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class Row:
    application: Application
    unit_code: str
    unit_name: str
    cells: dict[int, Fraction | None]
    missing: list[str]
    total: Fraction
    rank: int | None = None
    tied: bool = False
    tie_break: TieBreak | None = None
    selected: bool = False

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def total_display(self) -> Decimal:
        return as_decimal(self.total)  # type: ignore[return-value]

    def cell_display(self, criterion_id: int) -> Decimal | None:
        return as_decimal(self.cells.get(criterion_id))

    @property
    def cells_display(self) -> list[Decimal | None]:
        """The criteria's points in rubric order (None: missing)."""
        return [as_decimal(value) for value in self.cells.values()]


@dataclass
class TieGroup:
    unit_code: str
    unit_name: str
    rank: int
    rows: list[Row]
    decision: TieBreak | None = None

    @property
    def key(self) -> str:
        return f"{self.unit_code}:{self.rank}"

    @property
    def application_ids(self) -> list[int]:
        return sorted(row.application.pk for row in self.rows)


@dataclass
class Results:
    round: Round
    criteria: list[Criterion]
    rows: list[Row] = field(default_factory=list)
    ties: list[TieGroup] = field(default_factory=list)

    @property
    def incomplete(self) -> list[Row]:
        return [row for row in self.rows if not row.complete]

    @property
    def undecided(self) -> list[TieGroup]:
        return [tie for tie in self.ties if tie.decision is None]

    @property
    def selected(self) -> list[Row]:
        return [row for row in self.rows if row.selected]

    @property
    def max_total(self) -> Decimal:
        return sum((c.max_points for c in self.criteria), Decimal("0"))

    def problems(self) -> list[str]:
        """What stands in the way of publishing, in words for the ministry."""
        found = []
        if not self.rows:
            found.append(_("ยังไม่มีใบสมัครที่ส่งแล้ว"))
        if self.incomplete:
            names = ", ".join(row.application.district.name_th for row in self.incomplete[:10])
            found.append(_("คะแนนยังไม่ครบ %(n)d ใบสมัคร: %(names)s") % {"n": len(self.incomplete), "names": names})
        for tie in self.undecided:
            names = ", ".join(row.application.district.name_th for row in tie.rows)
            found.append(
                _("คะแนนเท่ากันที่อันดับ %(rank)d ของ%(unit)s (%(names)s): ต้องบันทึกการตัดสินพร้อมเหตุผล")
                % {"rank": tie.rank, "unit": tie.unit_name, "names": names}
            )
        return found


def _unit(round: Round, application: Application) -> tuple[str, str]:
    province = application.district.parent
    if round.kind == RoundKind.EVALUATION or province is None:
        return WHOLE_ROUND, _("ทั้งรอบ")
    if round.level == PilotLevel.GROUP and province.parent is not None:
        return province.parent.code, province.parent.name_th
    return province.code, province.full_name


def _places(round: Round) -> int:
    return AWARD_PLACES if round.kind == RoundKind.EVALUATION else 1


def compute_results(round: Round) -> Results:
    criteria = round.leaf_criteria()
    applications = list(
        round.applications.filter(status=ApplicationStatus.SUBMITTED)
        .select_related("district__parent__parent")
        .order_by("district_id")
    )
    judges = list(round.judges.select_related("judge").prefetch_related("applications"))
    points = {
        (s.application_id, s.criterion_id, s.judge_id): s.points
        for s in Score.objects.filter(application__round=round).only(
            "application_id", "criterion_id", "judge_id", "points"
        )
    }
    decisions = {t.unit: t for t in round.tie_breaks.select_related("decided_by")}
    results = Results(round=round, criteria=criteria)
    units: dict[str, list[Row]] = defaultdict(list)
    for application in applications:
        mine = [j for j in judges if not j.applications.all() or application in j.applications.all()]
        cells: dict[int, Fraction | None] = {}
        missing: list[str] = [] if mine else [_("ยังไม่มีกรรมการ")]
        for criterion in criteria:
            given = [points.get((application.pk, criterion.pk, j.judge_id)) for j in mine]
            for judge, value in zip(mine, given, strict=True):
                if value is None:
                    missing.append(f"{criterion.number} · {judge.judge.display_name}")
            known = [Fraction(v) for v in given if v is not None]
            cells[criterion.pk] = sum(known, Fraction(0)) / len(mine) if mine and len(known) == len(mine) else None
        total = sum((v for v in cells.values() if v is not None), Fraction(0))
        code, name = _unit(round, application)
        row = Row(application, code, name, cells, missing, total)
        units[code].append(row)
    for code in sorted(units):
        results.rows.extend(_rank_unit(round, units[code], decisions, results.ties))
    return results


def _rank_unit(round: Round, rows: list[Row], decisions: dict[str, TieBreak], ties: list[TieGroup]) -> list[Row]:
    complete = sorted((r for r in rows if r.complete), key=lambda r: (-r.total, r.application.district_id))
    ranked: list[Row] = []
    index = 0
    while index < len(complete):
        group = [r for r in complete[index:] if r.total == complete[index].total]
        rank = index + 1
        for row in group:
            row.rank = rank
        if len(group) > 1 and rank > _places(round):
            for row in group:
                row.tied = True  # shown as equal; no place depends on it
        elif len(group) > 1:
            tie = TieGroup(group[0].unit_code, group[0].unit_name, rank, group)
            decision = decisions.get(tie.key)
            if decision is not None and sorted(decision.tied) == tie.application_ids:
                tie.decision = decision
                by_id = {r.application.pk: r for r in group}
                group = [by_id[pk] for pk in decision.order]
                for offset, row in enumerate(group):
                    row.rank, row.tie_break = rank + offset, decision
            else:
                for row in group:
                    row.tied = True
            ties.append(tie)
        ranked.extend(group)
        index += len(group)
    if round.kind == RoundKind.SELECTION and ranked and not ranked[0].tied and len(ranked) == len(rows):
        ranked[0].selected = True
    return ranked + sorted((r for r in rows if not r.complete), key=lambda r: r.application.district_id)
