"""The stories import writes new households in bulk: the records it leaves are the ones the one-by-one path
(the services, as a page writes them) would leave, across chunk boundaries too."""

import io

import pytest

from tuksuk.audit.models import ChangeLogEntry
from tuksuk.cases import importer
from tuksuk.cases.importer import import_stories
from tuksuk.cases.models import Story, StoryEvent
from tuksuk.core.testing import make_user
from tuksuk.households.models import Household, HouseholdEvent
from tuksuk.reports import tallies

pytestmark = pytest.mark.django_db
HEADER = "story_ref,reported_on,house_code,village_code,head_name,head_citizen_id,members,category,indicators,status,latitude,longitude"


def citizen_id(first12: str) -> str:
    check = (11 - sum(int(d) * (13 - i) for i, d in enumerate(first12)) % 11) % 10
    return first12 + str(check)


def rows(prefix: str, house_a: str, house_b: str) -> list[str]:
    digit = str(" ABCDEFGH".index(prefix))
    return [
        f"{prefix}-1,2022-08-15,{house_a},70080501,นางเอื้อง ใจดี,{citizen_id(digit + '10000000001')},3,1,1,new,,",
        f'{prefix}-2,2022-08-16,{house_a},70080501,นางเอื้อง ใจงาม,{citizen_id(digit + "10000000002")},4,2,"15,18",in_progress,13.5,99.8',
        f"{prefix}-3,2022-08-17,{house_b},70080502,นายสม หวังดี,,,7,,resolved,,",
    ]


def run(lines: list[str], actor):
    text = "\n".join([HEADER, *lines]) + "\n"
    return import_stories(io.BytesIO(text.encode()), "stories.csv", actor=actor)


def snapshot(house_codes: list[str]) -> list:
    state = []
    for code in house_codes:
        house = Household.objects.get(house_code=code)
        state.append(
            (
                house.head_name,
                house.member_count,
                house.latitude,
                house.source,
                [(m.full_name, m.is_head, bool(m.citizen_id_hash)) for m in house.members.order_by("id")],
                [e.kind for e in HouseholdEvent.objects.filter(household=house).order_by("id")][:1],
                [
                    (
                        s.category_id,
                        s.status,
                        s.resolved_at is not None,
                        s.due_on,
                        sorted(s.indicators.values_list("number", flat=True)),
                        [
                            (e.kind, e.from_status, e.to_status)
                            for e in StoryEvent.objects.filter(story=s).order_by("id")
                        ],
                    )
                    for s in Story.objects.filter(household=house).order_by("reported_at")
                ],
            )
        )
    return state


@pytest.fixture
def pakthor():
    return make_user("district_team", "7008")


def test_bulk_path_leaves_the_same_records_as_the_one_by_one_path(pakthor):
    bulk = run(rows("A", "70080100001", "70080100002"), pakthor)
    assert (bulk.created, bulk.rejected) == (3, 0)
    # The same rows one file at a time: the second row meets a registered household (one-by-one path).
    for line in rows("B", "70080100003", "70080100004"):
        run([line], pakthor)
    assert snapshot(["70080100001", "70080100002"]) == snapshot(["70080100003", "70080100004"])
    house = Household.objects.get(house_code="70080100001")
    assert house.head_name == "นางเอื้อง ใจงาม"  # the later row's value, as an update would leave it
    assert house.members.count() == 2  # the second citizen ID became a second member


def test_bulk_rows_are_in_the_change_log_and_the_tallies(pakthor):
    run(rows("A", "70080100001", "70080100002"), pakthor)
    house = Household.objects.get(house_code="70080100001")
    logged = ChangeLogEntry.objects.filter(house_code="70080100001", action="create")
    assert logged.filter(object_type="households.household").count() == 1
    assert logged.filter(object_type="households.member").count() == 2
    assert logged.filter(object_type="cases.story").count() == 2
    assert set(logged.values_list("actor_username", flat=True)) == {pakthor.username}
    assert logged.filter(object_type="households.household").get().root_id == str(house.pk)
    figures = tallies.summed(["70080501", "70080502"], ["status"])
    assert dict(figures["status"]) == {"new": 1, "in_progress": 1, "resolved": 1}


def test_a_house_across_chunks_and_checks_across_the_whole_file(pakthor, monkeypatch):
    monkeypatch.setattr(importer, "CHUNK", 2)
    lines = rows("A", "70080100001", "70080100002")
    result = run(lines, pakthor)  # rows 1-2 in the first chunk, row 3 in the second
    assert result.created == 3
    # A citizen ID already given for another house two chunks earlier, and a story_ref repeated across chunks.
    same_id = lines[0].split(",")[5]
    late = [
        f"C-1,2022-08-15,70080100005,70080501,นายหนึ่ง,{citizen_id('310000000009')},,1,,new,,",
        "C-2,2022-08-15,70080100006,70080501,นายสอง,,,1,,new,,",
        f"C-3,2022-08-15,70080100007,70080501,นายสาม,{same_id},,1,,new,,",
        "C-1,2022-08-15,70080100008,70080501,นายสี่,,,1,,new,,",
    ]
    result = run(late, pakthor)
    assert {(e.row, e.column) for e in result.errors} == {(4, "head_citizen_id"), (5, "story_ref")}
    assert not Household.objects.filter(house_code__in=["70080100005", "70080100006"]).exists()  # nothing written


def test_skip_invalid_writes_the_good_rows_of_every_chunk(pakthor, monkeypatch):
    monkeypatch.setattr(importer, "CHUNK", 2)
    lines = [
        "D-1,2022-08-15,70080100011,70080501,นายหนึ่ง,,,1,,new,,",
        "D-2,2022-08-15,70080100012,99999999,นายสอง,,,1,,new,,",
        "D-3,2022-08-15,70080100013,70080501,นายสาม,,,1,,new,,",
    ]
    text = "\n".join([HEADER, *lines]) + "\n"
    result = import_stories(io.BytesIO(text.encode()), "stories.csv", actor=pakthor, skip_invalid=True)
    assert (result.created, result.rejected) == (2, 1)
    assert [raw["story_ref"] for raw, _why in result.rejected_rows] == ["D-2"]
    assert set(Story.objects.values_list("ref", flat=True)) == {"D-1", "D-3"}
