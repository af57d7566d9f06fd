"""The import's whole-file checks keep their keys on disk: the first row of each key wins, in file order."""

from pathlib import Path

from tuksuk.cases.filekeys import VARIABLES, FileKeys


def test_the_first_row_of_a_ref_wins_within_and_across_chunks():
    with FileKeys() as keys:
        assert keys.first_rows_of_refs([("A-1", 2), ("B-1", 3), ("A-1", 4)]) == {"A-1": 2, "B-1": 3}
        assert keys.first_rows_of_refs([("B-1", 9), ("C-1", 10)]) == {"B-1": 3, "C-1": 10}


def test_a_house_code_remembers_its_first_row_and_village():
    with FileKeys() as keys:
        assert keys.first_rows_of_houses([(57030101001, 2, "57030101")]) == {57030101001: (2, "57030101")}
        later = keys.first_rows_of_houses([(57030101001, 7, "57030102"), (57030101002, 8, "57030101")])
        assert later == {57030101001: (2, "57030101"), 57030101002: (8, "57030101")}


def test_a_citizen_id_belongs_to_the_house_of_its_first_row():
    with FileKeys() as keys:
        assert keys.first_houses_of_citizen_ids([("h1", "57030101001")]) == {"h1": "57030101001"}
        assert keys.first_houses_of_citizen_ids([("h1", "57030101009")]) == {"h1": "57030101001"}


def test_a_chunk_larger_than_sqlites_parameter_limit_is_answered_whole():
    refs = [(f"R-{n}", n) for n in range(VARIABLES * 3 + 7)]
    with FileKeys() as keys:
        assert keys.first_rows_of_refs(refs) == dict(refs)


def test_nothing_asked_is_nothing_answered_and_the_file_is_removed():
    keys = FileKeys()
    folder = Path(keys._dir.name)
    assert keys.first_rows_of_refs([]) == {}
    assert folder.exists()
    keys.close()
    assert not folder.exists()
