"""Area and role scoping of every endpoint of this app (see tests/test_scoping_everywhere.py)."""

SCOPING_COVERS: set[str] = set()
