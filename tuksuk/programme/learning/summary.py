"""The lessons of one questionnaire summed up across the districts a user may see: per question, every answer grouped
by province and district, the rating average (and per district), the distribution of ratings, and the most frequent
Thai keywords. The same summary is shown as a page, exported as CSV/XLSX and printed as PDF.

Maths: an average is the arithmetic mean of the ratings given (answers without a rating do not count), rounded half up
to two decimals; a district's average is over all its sessions' ratings for that question. Keywords are counted over
the answer texts (``core.thai_words.keywords``: PyThaiNLP words, Thai stopwords left out).
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.areas.models import Area
from tuksuk.core import thai
from tuksuk.core import thai_words as words

from .models import Answer, FocusGroupSession, Question, Questionnaire

TWO_PLACES = Decimal("0.01")
KEYWORDS_PER_QUESTION = 10


def average(ratings: list[int]) -> Decimal | None:
    """The mean of ``ratings`` rounded half up to 2 decimals; None when there is none."""
    if not ratings:
        return None
    return (Decimal(sum(ratings)) / Decimal(len(ratings))).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass
class DistrictGroup:
    district: Area
    answers: list[Answer] = field(default_factory=list)

    @property
    def average(self) -> Decimal | None:
        return average([a.rating for a in self.answers if a.rating is not None])


@dataclass
class ProvinceGroup:
    province: Area | None
    districts: list[DistrictGroup] = field(default_factory=list)


@dataclass
class QuestionSummary:
    question: Question
    provinces: list[ProvinceGroup]
    answers: int
    ratings: list[int]
    keywords: list[tuple[str, int]]

    @property
    def average(self) -> Decimal | None:
        return average(self.ratings)

    @property
    def distribution(self) -> list[tuple[int, int]]:
        counts = Counter(self.ratings)
        return [(score, counts.get(score, 0)) for score in range(1, 6)]


@dataclass
class Summary:
    questionnaire: Questionnaire
    questions: list[QuestionSummary]
    sessions: int
    districts: int
    provinces: int
    area: Area | None
    as_of: object


def _group(answers: list[Answer]) -> list[ProvinceGroup]:
    by_province: dict[str, dict[str, DistrictGroup]] = defaultdict(dict)
    provinces: dict[str, Area | None] = {}
    for answer in answers:
        district = answer.session.district
        provinces[district.parent_id or ""] = district.parent
        group = by_province[district.parent_id or ""].setdefault(district.code, DistrictGroup(district))
        group.answers.append(answer)
    ordered = thai.sorted_thai(provinces.items(), key=lambda pair: pair[1].name_th if pair[1] else "")
    return [
        ProvinceGroup(province, thai.sorted_thai(by_province[code].values(), key=lambda group: group.district.name_th))
        for code, province in ordered
    ]


def build_summary(questionnaire: Questionnaire, *, user, area: Area | None = None) -> Summary:  # type: ignore[no-untyped-def]
    """The summary of the answers ``user`` may see (optionally only under ``area``)."""
    answers = Answer.objects.visible_to(user).filter(session__questionnaire=questionnaire)
    sessions = FocusGroupSession.objects.visible_to(user).filter(questionnaire=questionnaire, answers__isnull=False)
    if area is not None:
        answers = answers.filter(session__district__code__startswith=area.code)
        sessions = sessions.filter(district__code__startswith=area.code)
    rows = list(
        answers.select_related("session__district__parent").order_by("question__number", "session__held_on", "id")
    )
    per_question: dict[int, list[Answer]] = defaultdict(list)
    for answer in rows:
        per_question[answer.question_id].append(answer)
    questions = []
    for question in questionnaire.questions.select_related("part").order_by("number"):
        mine = per_question.get(question.pk, [])
        questions.append(
            QuestionSummary(
                question=question,
                provinces=_group(mine),
                answers=len(mine),
                ratings=[a.rating for a in mine if a.rating is not None],
                keywords=words.keywords((a.text for a in mine), limit=KEYWORDS_PER_QUESTION),
            )
        )
    district_codes = set(sessions.values_list("district_id", flat=True).distinct())
    return Summary(
        questionnaire=questionnaire,
        questions=questions,
        sessions=sessions.distinct().count(),
        districts=len(district_codes),
        provinces=len({code[:2] for code in district_codes}),
        area=area,
        as_of=timezone.now(),
    )


DETAIL_HEADER = ["question_no", "part", "question", "province", "district", "held_on", "answer", "rating"]
OVERVIEW_HEADER = ["question_no", "part", "question", "answers", "ratings", "average", "keywords"]


def detail_rows(summary: Summary):  # type: ignore[no-untyped-def]
    for item in summary.questions:
        for province in item.provinces:
            for group in province.districts:
                for answer in group.answers:
                    yield [
                        item.question.number,
                        item.question.part.number,
                        item.question.text,
                        province.province.name_th if province.province else "",
                        group.district.name_th,
                        answer.session.held_on.isoformat(),
                        answer.text,
                        answer.rating if answer.rating is not None else "",
                    ]


def overview_rows(summary: Summary):  # type: ignore[no-untyped-def]
    for item in summary.questions:
        yield [
            item.question.number,
            item.question.part.number,
            item.question.text,
            item.answers,
            len(item.ratings),
            str(item.average) if item.average is not None else "",
            " ".join(f"{word}({count})" for word, count in item.keywords),
        ]


def as_csv(summary: Summary) -> bytes:
    """Every answer, one row each (UTF-8 with BOM so Excel shows Thai)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(DETAIL_HEADER)
    writer.writerows(detail_rows(summary))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(summary: Summary) -> bytes:
    """Two sheets: the overview per question (averages, keywords) and every answer."""
    from openpyxl import Workbook

    book = Workbook()
    overview = book.active
    overview.title = "summary"
    overview.append([summary.questionnaire.title])
    overview.append([thai.data_stamp(summary.as_of)])  # type: ignore[arg-type]
    overview.append(OVERVIEW_HEADER)
    for row in overview_rows(summary):
        overview.append(row)
    detail = book.create_sheet("answers")
    detail.append(DETAIL_HEADER)
    for row in detail_rows(summary):
        detail.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def title_of(summary: Summary) -> str:
    where = summary.area.full_name if summary.area else _("ทุกพื้นที่ที่คุณรับผิดชอบ")
    return _("สรุปผลการถอดบทเรียน: %(title)s · %(where)s") % {"title": summary.questionnaire.title, "where": where}
