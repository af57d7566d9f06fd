"""A small two-district world for tests: อำเภอเชียงของ (5703) and อำเภอเทพา (9005), each with a village,
a household (with a member whose citizen ID is known), a story, an action and a photo."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tuksuk.areas.models import Area
from tuksuk.cases import media, services
from tuksuk.cases.models import Evidence, Story
from tuksuk.households.models import Household
from tuksuk.households.services import MemberData, register_household
from tuksuk.indicators.models import Category, Indicator

from .testing import make_user

CITIZEN_IDS = {"5703": "1101700230708", "9005": "3100600123450"}


def jpeg(name: str = "photo.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@dataclass
class Place:
    district: str
    village: Area
    household: Household
    story: Story
    evidence: Evidence
    project: object = None
    activity: object = None
    media: object = None


def build_place(district: str, tambon: str) -> Place:
    actor = make_user("ministry_admin")
    village = Area.objects.get_or_create(
        code=f"{tambon}01", defaults={"level": "village", "parent_id": tambon, "name_th": "บ้านทดสอบ"}
    )[0]
    household = register_household(
        actor=actor,
        village_code=village.code,
        house_code=f"{village.code}001",
        head_name=f"นายทดสอบ {district}",
        members=[MemberData(full_name=f"นายทดสอบ {district}", is_head=True, citizen_id=CITIZEN_IDS[district])],
    )
    story = services.record_story(
        household,
        actor=actor,
        category=Category.objects.get(pk=1),
        indicators=[Indicator.objects.get(pk=2)],
        description=f"หลังคารั่ว {district}",
    )
    action = services.record_action(
        story, actor=actor, done_on=dt.date(2022, 9, 1), description="ซ่อมหลังคา", dimension="immediate"
    )
    evidence = media.attach_evidence(story, jpeg(), actor=actor, phase="before", action=action)
    from tuksuk.projects import services as projects

    project = projects.create_project(
        actor=actor, district_code=district, title=f"โครงการน้ำสะอาด {district}", category=3, fiscal_year=2565
    )
    activity = projects.add_activity(project, actor=actor, title=f"ขุดสระ {district}", target_households=10)
    projects.set_budget(activity, [{"source": "department", "planned": "150000", "spent": "0"}], actor=actor)
    update = projects.report_progress(
        activity,
        actor=actor,
        who="ทีมอำเภอ",
        what="ขุดสระ",
        where="หมู่ 1",
        when=dt.date(2022, 9, 1),
        files=[jpeg()],
        phases={0: "before"},
    )
    return Place(district, village, household, story, evidence, project, activity, update.media.get())
