"""Demo content of the public site: success stories, project updates and a video from the demo pilot districts,
with before/after photos (drawn here), in every workflow status, a month of views and shares, and the figures.

Made through the same services the pages use (create, add photos, propose, approve, reject, unpublish), by the
demo users of ``tuksuk.demo.data``. Idempotent: an item whose title already exists in its district is skipped.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from tuksuk.accounts.models import User
from tuksuk.areas.models import Area
from tuksuk.cases.choices import DONE_STATUSES
from tuksuk.cases.models import Story
from tuksuk.projects.models import ProgressUpdate

from . import services
from .choices import ItemStatus, ShareChannel
from .figures import publish_figures
from .models import PublicItem, ShareCount, ViewCount

SEED = 2565
# (district, kind, title, summary, body, who, what, where, why, how, video, category, sdgs, status, featured)
DEMO_ITEMS = [
    (
        "5703",
        "success",
        "บ้านมั่นคงริมโขง: หลังคาใหม่ก่อนฤดูฝน",
        "ทีมอำเภอเชียงของ อบต. และจิตอาสาร่วมกันซ่อมบ้านผู้สูงอายุที่อยู่ลำพังให้แข็งแรงก่อนฤดูฝน",
        "จากการเยี่ยมบ้านของทีมตำบล พบบ้านผู้สูงอายุหลายหลังหลังคารั่วและผนังผุ อำเภอจึงประสานงบประมาณ "
        "จากกองทุนและแรงงานจิตอาสาในชุมชน ซ่อมแซมแล้วเสร็จภายในสองสัปดาห์ ครอบครัวอยู่อาศัยได้อย่างปลอดภัย",
        "",
        "",
        "",
        "",
        "",
        "",
        1,
        [1, 11],
        ItemStatus.PUBLISHED,
        True,
    ),
    (
        "5703",
        "update",
        "ระบบประปาหมู่บ้านพลังงานแสงอาทิตย์",
        "ความก้าวหน้าโครงการน้ำสะอาด: ติดตั้งแผงโซลาร์และถังเก็บน้ำแล้วร้อยละ 80",
        "",
        "ทีมอำเภอ อบต.เวียง และการประปาส่วนภูมิภาค",
        "ติดตั้งแผงโซลาร์เซลล์ ปั๊มน้ำ และถังเก็บน้ำขนาด 20,000 ลิตร",
        "ตำบลเวียง",
        "ครัวเรือนในพื้นที่สูงขาดน้ำสะอาดในฤดูแล้ง",
        "ใช้แรงงานในชุมชนและงบประมาณบูรณาการหลายหน่วยงาน",
        "",
        3,
        [6, 7],
        ItemStatus.PUBLISHED,
        True,
    ),
    (
        "5703",
        "video",
        "เสียงจากชุมชน: ตลาดปลาน้ำโขง",
        "วิดีโอสั้นเล่าเรื่องกลุ่มแปรรูปปลาที่สร้างรายได้ให้ครัวเรือน",
        "กลุ่มแม่บ้านรวมตัวแปรรูปปลาตากแห้งและน้ำพริกปลา จำหน่ายผ่านตลาดชุมชนและออนไลน์",
        "",
        "",
        "",
        "",
        "",
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        2,
        [1, 8],
        ItemStatus.PUBLISHED,
        False,
    ),
    (
        "5703",
        "success",
        "ทุนการศึกษาต่อเนื่องสำหรับเยาวชน",
        "เยาวชนจากครอบครัวเปราะบางได้กลับเข้าเรียนจนจบชั้นมัธยม",
        "เรื่องนี้รออนุมัติจากนายอำเภอ",
        "",
        "",
        "",
        "",
        "",
        "",
        4,
        [4],
        ItemStatus.PROPOSED,
        False,
    ),
    (
        "9005",
        "success",
        "กลุ่มทอผ้าเทพา สร้างงานในหมู่บ้าน",
        "สตรีในชุมชนรวมกลุ่มทอผ้าลายท้องถิ่น มีรายได้เสริมเดือนละหลายพันบาท",
        "อำเภอเทพาร่วมกับพัฒนาชุมชนจัดอบรมการทอผ้าและการออกแบบลาย ต่อยอดเป็นสินค้าชุมชน "
        "วางจำหน่ายในงานเทศกาลและร้านค้าออนไลน์ ครัวเรือนที่ร่วมกลุ่มมีรายได้เพิ่มขึ้นอย่างต่อเนื่อง",
        "",
        "",
        "",
        "",
        "",
        "",
        2,
        [1, 5, 8],
        ItemStatus.PUBLISHED,
        True,
    ),
    (
        "9005",
        "update",
        "ขุดลอกคลองส่งน้ำเพื่อการเกษตร",
        "ความก้าวหน้า: ขุดลอกแล้ว 3 กิโลเมตร",
        "",
        "อำเภอเทพา ชลประทาน และเกษตรกร",
        "ขุดลอกคลองและซ่อมประตูน้ำ",
        "ตำบลเทพา",
        "น้ำไม่พอสำหรับการเกษตรในฤดูแล้ง",
        "ใช้เครื่องจักรของหน่วยงานและแรงงานเกษตรกร",
        "",
        3,
        [2, 6],
        ItemStatus.UNPUBLISHED,
        False,
    ),
    (
        "3307",
        "success",
        "ปรางค์กู่ปลูกผักปลอดภัย ลดรายจ่ายครัวเรือน",
        "ครัวเรือนเป้าหมายปลูกผักสวนครัวกินเองและแบ่งขาย",
        "ทีมอำเภอปรางค์กู่แจกเมล็ดพันธุ์และสอนทำปุ๋ยหมัก ครัวเรือนลดรายจ่ายค่าอาหารและมีผักปลอดภัยกินทุกวัน",
        "",
        "",
        "",
        "",
        "",
        "",
        2,
        [2, 3],
        ItemStatus.PUBLISHED,
        False,
    ),
    (
        "3307",
        "success",
        "ร่างเรื่อง: ซ่อมถนนเข้าหมู่บ้าน",
        "",
        "ยังเขียนไม่เสร็จ",
        "",
        "",
        "",
        "",
        "",
        "",
        5,
        [9],
        ItemStatus.DRAFT,
        False,
    ),
    (
        "3307",
        "update",
        "ติดตั้งไฟส่องสว่างทางเข้าหมู่บ้าน",
        "ความก้าวหน้า",
        "มีชื่อผู้รับประโยชน์ในเนื้อหา",
        "",
        "",
        "",
        "",
        "",
        "",
        5,
        [11],
        ItemStatus.REJECTED,
        False,
    ),
]
ACTORS = {
    "5703": ("chiangkhong_team", "chiangkhong_chief"),
    "9005": ("thepha_chief", "thepha_chief"),
    "3307": ("prangku_team", "admin"),
}


def demo_photo(phase: str, seed: int) -> SimpleUploadedFile:
    """A drawn scene: a house under a grey sky before, the same house mended under a blue sky after."""
    rng = random.Random(seed)  # noqa: S311  (demo pictures, not secrets)  # nosec B311
    width, height = 960, 720
    after = phase == "after"
    image = Image.new("RGB", (width, height), (120, 170, 225) if after else (150, 150, 155))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 460, width, height), fill=(90, 160, 80) if after else (130, 115, 90))
    left = rng.randint(200, 380)
    draw.rectangle((left, 300, left + 360, 520), fill=(230, 210, 170) if after else (160, 140, 110))
    roof = (180, 60, 50) if after else (110, 100, 95)
    draw.polygon([(left - 40, 310), (left + 180, 170), (left + 400, 310)], fill=roof)
    draw.rectangle((left + 150, 410, left + 210, 520), fill=(120, 80, 50))
    if not after:
        for _ in range(6):
            x = rng.randint(left, left + 340)
            draw.line((x, 200 + rng.randint(0, 100), x + rng.randint(-30, 30), 320), fill=(60, 60, 60), width=4)
    for _ in range(8 if after else 2):
        x = rng.randint(0, width)
        draw.ellipse((x, 470, x + 60, 540), fill=(40, 130, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile(f"{phase}.jpg", out.getvalue(), content_type="image/jpeg")


def _source(district: str, kind: str) -> dict:
    if kind == "success":
        story = Story.objects.filter(area__code__startswith=district, status__in=DONE_STATUSES).order_by("pk").first()
        return {"source_story": story} if story else {}
    if kind == "update":
        update = ProgressUpdate.objects.filter(activity__project__district_id=district).order_by("pk").first()
        return {"source_update": update} if update else {}
    return {}


@transaction.atomic
def _make(row, users: dict, now: dt.datetime, index: int) -> bool:  # type: ignore[no-untyped-def]
    district, kind, title, summary, body, who, what, where, why, how, video, category, sdgs, status, featured = row
    if PublicItem.objects.filter(district_id=district, title=title).exists():
        return False
    proposer_name, approver_name = ACTORS[district]
    proposer, approver = users.get(proposer_name), users.get(approver_name) or users.get("admin")
    from tuksuk.indicators.models import Category, SdgGoal

    item = services.create_item(
        actor=proposer,
        district_code=district,
        kind=kind,
        title=title,
        summary=summary,
        body=body,
        who=who,
        what=what,
        where=where,
        why=why,
        how=how,
        when=(now - dt.timedelta(days=20 + index)).date() if kind == "update" else None,
        video_url=video,
        category=Category.objects.filter(pk=category).first(),
        sdg_goals=list(SdgGoal.objects.filter(number__in=sdgs)),
        **_source(district, kind),
    )
    if kind != "video":
        for phase in ("before", "after"):
            services.add_image(item, demo_photo(phase, SEED + index), actor=proposer, phase=phase)
    if status == ItemStatus.DRAFT:
        return True
    services.propose(item, actor=proposer)
    if status == ItemStatus.REJECTED:
        services.reject(item, actor=approver, note="กรุณาลบชื่อผู้รับประโยชน์ออกจากเนื้อหา")
    elif status in (ItemStatus.PUBLISHED, ItemStatus.UNPUBLISHED):
        services.approve(item, actor=approver)
        published_at = now - dt.timedelta(days=30 - index * 2)
        PublicItem.objects.filter(pk=item.pk).update(published_at=published_at, featured=featured)
        if status == ItemStatus.UNPUBLISHED:
            services.unpublish(item, actor=approver, note="รอปรับปรุงภาพประกอบ")
    return True


def _counts(now: dt.datetime) -> int:
    """A month of daily views and shares for the published items and the demo districts' pages."""
    rng = random.Random(SEED)  # noqa: S311  (demo counts, not secrets)  # nosec B311
    targets = [(item.count_key, item.district_id) for item in PublicItem.objects.published().order_by("pk")]
    targets += [(f"page:district:{code}", code) for code in ACTORS] + [("page:home", ""), ("page:kiosk", "")]
    views, shares = [], []
    today = now.date()
    for target, area in targets:
        for back in range(30):
            day = today - dt.timedelta(days=back)
            views.append(ViewCount(target=target, area_code=area, day=day, n=rng.randint(5, 120)))
            for channel in ShareChannel.values:
                if rng.random() < 0.5:
                    shares.append(
                        ShareCount(target=target, area_code=area, day=day, channel=channel, n=rng.randint(1, 9))
                    )
    ViewCount.objects.bulk_create(views, ignore_conflicts=True)
    ShareCount.objects.bulk_create(shares, ignore_conflicts=True)
    return len(views)


def seed_demo_data(*, now: dt.datetime) -> str:
    """Add the demo items, counts and figures; returns a one-line Thai summary."""
    names = {name for pair in ACTORS.values() for name in pair}
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    if "admin" not in users or not Area.objects.filter(code__in=list(ACTORS)).exists():
        return "ข้ามข้อมูลสาธิตเว็บไซต์สาธารณะ: ยังไม่มีผู้ใช้หรือพื้นที่สาธิต"
    made = 0
    for index, row in enumerate(DEMO_ITEMS):
        if row[0] in ACTORS and users.get(ACTORS[row[0]][0]):
            made += _make(row, users, now, index)
    had_counts = ViewCount.objects.exists()
    if not had_counts:
        _counts(now)
    rows = publish_figures()
    return f"เว็บไซต์สาธารณะ: เพิ่มเรื่องเผยแพร่ {made} เรื่อง ตัวเลขสรุป {rows} รายการ"
