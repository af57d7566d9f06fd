import pytest
from django.utils import timezone

from tuksuk.areas.models import PilotDistrict
from tuksuk.programme.selection.demo import seed_demo_data
from tuksuk.programme.selection.models import Award, Round, ScoreChange

pytestmark = pytest.mark.django_db


def test_demo_data_runs_twice_without_adding_anything_twice():
    from tuksuk.demo.builder import build_users

    build_users()
    pilots = PilotDistrict.objects.count()
    summary = seed_demo_data(now=timezone.now())
    assert "3 รอบ" in summary
    assert Round.objects.filter(status="published").count() == 2
    assert Award.objects.filter(title="อำเภอนำร่องดีเด่น").count() == 1
    assert ScoreChange.objects.filter(source="prefill_accepted").exists()
    assert PilotDistrict.objects.count() == pilots  # the demo selection confirms the real pilots
    assert seed_demo_data(now=timezone.now()) == "รอบการคัดเลือกและประเมินผลตัวอย่างมีอยู่แล้ว"
    assert Round.objects.count() == 3
