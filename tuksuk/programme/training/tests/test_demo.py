"""The demo training data builds on the demo users, makes sense, and adds nothing twice."""

import pytest
from django.utils import timezone

from tuksuk.demo.builder import build_users
from tuksuk.programme.training.attendance import summaries
from tuksuk.programme.training.demo import seed_demo_data
from tuksuk.programme.training.models import Certificate, Course, Participant

pytestmark = pytest.mark.django_db


def test_demo_data_runs_twice_and_adds_nothing_the_second_time():
    assert "ข้าม" in seed_demo_data(now=timezone.now())  # no demo users yet
    build_users()
    summary = seed_demo_data(now=timezone.now())
    assert summary == "การฝึกอบรม: เพิ่ม 3 หลักสูตร ผู้เข้าอบรม 42 คน"
    assert seed_demo_data(now=timezone.now()) == "การฝึกอบรม: เพิ่ม 0 หลักสูตร ผู้เข้าอบรม 0 คน"
    dcast = Course.objects.get(kind="dcast")
    found = summaries(Participant.objects.filter(course=dcast))
    assert Certificate.objects.filter(participant__course=dcast).count() == sum(s.eligible for s in found.values())
    assert any(not s.eligible for s in found.values())  # someone fell below 80 % without an accepted reason
    assert Course.objects.get(kind="one_plan").sessions.get().friday_acknowledged_by is not None
