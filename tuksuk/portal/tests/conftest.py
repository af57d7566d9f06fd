"""A small published world for the portal's tests: two districts from ``build_place``, with a published success
story (photos with GPS and camera EXIF, copied from the story's evidence), plus a rejected, an unpublished and a
draft item in the same district, and a snapshot of the public figures."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tuksuk.cases import media
from tuksuk.cases.services import change_status
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import CITIZEN_IDS, Place, build_place
from tuksuk.households.models import Household, Member

GPS = {"5703": (Decimal("20.264512"), Decimal("100.407839")), "9005": (Decimal("6.773318"), Decimal("100.961275"))}


def exif_jpeg(name: str = "gps.jpg", size=(320, 240), pattern: bool = True) -> SimpleUploadedFile:
    """A noisy JPEG carrying GPS coordinates, a camera make/model and a date in its EXIF."""
    import random

    rng = random.Random(7)
    image = Image.new("RGB", size)
    if pattern:
        image.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(size[0] * size[1])])
    exif = Image.Exif()
    exif[0x010F] = "TukPhone"  # Make
    exif[0x0110] = "TP-2565"  # Model
    exif[0x0132] = "2022:08:29 11:52:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (20.0, 15.0, 52.2)
    gps[3], gps[4] = "E", (100.0, 24.0, 28.2)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@dataclass
class PortalWorld:
    mine: Place
    other: Place
    chief: object
    team: object
    published: object = None
    rejected: object = None
    unpublished: object = None
    draft: object = None
    secrets: list[str] = field(default_factory=list)


def resolve(story, actor) -> None:  # type: ignore[no-untyped-def]
    for status in ("in_progress", "resolved"):
        change_status(story, status, actor=actor)


def make_item(district: str, actor, title: str, **fields):  # type: ignore[no-untyped-def]
    from tuksuk.portal import services

    values = {"kind": "success", "summary": "สรุปสำหรับประชาชน", "body": "ชุมชนร่วมกันแก้ไขปัญหาจนสำเร็จ"} | fields
    return services.create_item(actor=actor, district_code=district, title=title, **values)


def publish(item, proposer, approver):  # type: ignore[no-untyped-def]
    from tuksuk.portal import services

    services.propose(item, actor=proposer)
    services.approve(item, actor=approver)
    item.refresh_from_db()
    return item


@pytest.fixture
def world(settings, tmp_path, django_capture_on_commit_callbacks) -> PortalWorld:  # type: ignore[no-untyped-def]
    from tuksuk.portal import services
    from tuksuk.portal.figures import publish_figures

    settings.MEDIA_ROOT = tmp_path
    mine, other = build_place("5703", "570301"), build_place("9005", "900501")
    admin = make_user("ministry_admin")
    for place in (mine, other):
        lat, lon = GPS[place.district]
        Household.objects.filter(pk=place.household.pk).update(latitude=lat, longitude=lon, house_no="99/9")
        Member.objects.create(household=place.household, full_name=f"เด็กหญิงลับเฉพาะ {place.district}")
        media.attach_evidence(place.story, exif_jpeg(), actor=admin, phase="after")
        resolve(place.story, admin)
    chief, team = make_user("district_chief", "5703"), make_user("district_team", "5703")
    with django_capture_on_commit_callbacks(execute=True):
        story_item = make_item("5703", team, "บ่อน้ำสะอาดของชุมชนเวียง", source_story=mine.story)
        for photo in services.source_photos(story_item, team):
            services.add_source_photo(story_item, photo.token, actor=team)
        published = publish(story_item, team, chief)
        rejected = make_item("5703", team, "เรื่องที่ไม่อนุมัติ")
        services.propose(rejected, actor=team)
        services.reject(rejected, actor=chief, note="มีชื่อบุคคล")
        unpublished = publish(make_item("5703", team, "เรื่องที่ถอนออกแล้ว"), team, chief)
        services.unpublish(unpublished, actor=chief)
        draft = make_item("5703", team, "ร่างที่ยังไม่เสนอ")
        publish_figures()
    secrets = []
    for place in (mine, other):
        lat, lon = GPS[place.district]
        cid = CITIZEN_IDS[place.district]
        secrets += [
            place.household.house_code,
            place.household.head_name,
            f"เด็กหญิงลับเฉพาะ {place.district}",
            cid,
            cid[-3:-1] + "-" + cid[-1],  # the tail of the masked form x-xxxx-xxxxx-70-8
            str(lat),
            str(lon),
            f"หลังคารั่ว {place.district}",  # the story's internal description
            place.evidence.token,
            place.media.token,
        ]
    return PortalWorld(mine, other, chief, team, published, rejected, unpublished, draft, secrets)
