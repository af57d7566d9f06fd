"""Fuzzing (issue #8): one small two-district world per module, users of three kinds, bounded example counts.

``TUKSUK_FUZZ_EXAMPLES`` (default 25) is the number of generated requests or files per test; examples are
derandomized (the same on every run, as CI needs) unless ``TUKSUK_FUZZ_RANDOM=1``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings

from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import CITIZEN_IDS, Place, build_place

EXAMPLES = int(os.environ.get("TUKSUK_FUZZ_EXAMPLES", "25"))
RANDOM = os.environ.get("TUKSUK_FUZZ_RANDOM") == "1"


def fuzz_settings(examples: int = EXAMPLES) -> settings:
    return settings(
        max_examples=examples,
        derandomize=not RANDOM,
        database=None,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )


@dataclass
class World:
    here: Place  # เชียงของ 5703: the district user's own
    there: Place  # เทพา 9005: never visible to the district user
    admin: object
    district: object

    def markers_of_there(self) -> list[str]:
        """Text that appears only in the 9005 place's records: none of it may reach the 5703 user."""
        p = self.there
        return [
            p.household.house_code,
            CITIZEN_IDS["9005"],
            "นายทดสอบ 9005",
            "หลังคารั่ว 9005",
            "โครงการน้ำสะอาด 9005",
            "ขุดสระ 9005",
        ]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Built once per module inside a transaction that is rolled back afterwards (each test adds a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = World(
            here=build_place("5703", "570301"),
            there=build_place("9005", "900501"),
            admin=make_user("ministry_admin"),
            district=make_user("district_team", "5703"),
        )
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def in_process_wsgi(db):  # type: ignore[no-untyped-def]
    """Let a raw WSGI call run inside the test's transaction, as Django's test client does: a request's
    start and end must not close the database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
