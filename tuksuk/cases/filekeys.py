"""What must be unique or consistent across a whole import file, kept on disk so memory stays flat.

The stories import checks that a ``story_ref`` appears once, that a house code keeps one village, and that a
citizen ID belongs to one house, across the whole file. Kept in dictionaries, a million rows' keys take a few
hundred megabytes; here they live in a temporary SQLite file (Python's own ``sqlite3``, whatever the main
database is) with a small page cache, and are asked a chunk at a time: each key's first row wins, in file order.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path

CACHE_KB = 8_000  # SQLite's page cache for the keys, whatever the file's size
VARIABLES = 900  # below SQLite's limit on parameters per statement
TABLES = {
    "ref": "key TEXT PRIMARY KEY, row INTEGER",
    "house": "key INTEGER PRIMARY KEY, row INTEGER, village TEXT",
    "citizen": "key TEXT PRIMARY KEY, house TEXT",
}


class FileKeys:
    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="tuksuk-import-keys-")
        self._db = sqlite3.connect(Path(self._dir.name) / "keys.sqlite3")
        self._db.executescript(
            f"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -{CACHE_KB};"
            + "".join(f"CREATE TABLE {name} ({columns}) WITHOUT ROWID;" for name, columns in TABLES.items())
        )

    def close(self) -> None:
        self._db.close()
        self._dir.cleanup()

    def __enter__(self) -> FileKeys:
        return self

    def __exit__(self, *_exc) -> None:  # type: ignore[no-untyped-def]
        self.close()

    def first_rows_of_refs(self, refs: Iterable[tuple[str, int]]) -> dict[str, int]:
        """``(story_ref, row)`` pairs of a chunk → the first row of each ref in the file so far."""
        return {key: row for key, (row,) in self._first("ref", list(refs)).items()}

    def first_rows_of_houses(self, houses: Iterable[tuple[int, int, str]]) -> dict[int, tuple[int, str]]:
        """``(house code, row, village code)`` of a chunk → the first row of each house code and its village."""
        return self._first("house", list(houses))  # type: ignore[return-value]

    def first_houses_of_citizen_ids(self, pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
        """``(citizen ID hash, house code)`` of a chunk → the house code of each ID's first row."""
        return {key: house for key, (house,) in self._first("citizen", list(pairs)).items()}

    def _first(self, table: str, rows: list[tuple]) -> dict:  # type: ignore[type-arg]
        if not rows:
            return {}
        marks = ", ".join("?" * len(rows[0]))
        self._db.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", rows)  # noqa: S608  # nosec B608 - our own table names
        keys = list({row[0] for row in rows})
        found = {}
        for start in range(0, len(keys), VARIABLES):
            part = keys[start : start + VARIABLES]
            statement = f"SELECT * FROM {table} WHERE key IN ({', '.join('?' * len(part))})"  # noqa: S608  # nosec B608
            for key, *values in self._db.execute(statement, part):
                found[key] = tuple(values)
        return found
