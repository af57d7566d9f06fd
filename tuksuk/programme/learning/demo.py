"""Demo data of lessons learned and the knowledge base, made through the services the pages use. Idempotent: what
exists already (a session of the district on its date, an item of that title) is left alone.

- focus-group sessions with the year-one questionnaire in เชียงของ (5703), เทพา (9005) and ปรางค์กู่ (3307): 9–10
  participants from the 7 networks, answers to all 20 questions with ratings; เชียงของ's lessons are published;
- central items of the ministry: a training video (link), a PDF guide, the questionnaire's guide;
- the demo districts' project briefs (projects ``DEMO-P-…`` of the demo builder), when they exist.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from tuksuk.accounts.models import User
from tuksuk.core.thai import be_year

from . import services
from .choices import ItemKind
from .models import FocusGroupSession, KnowledgeItem, Questionnaire

YEAR_ONE_TITLE = "แบบสอบถามการสนทนากลุ่ม (Focus Group) ถอดบทเรียนโครงการอำเภอนำร่อง “บำบัดทุกข์ บำรุงสุข” ปีที่ 1"

# district -> (recorder username, days before now, place, facilitator, note, participants)
SESSIONS = {
    "5703": (
        "chiangkhong_chief",
        40,
        "ห้องประชุมที่ว่าการอำเภอเชียงของ",
        "สำนักงานพัฒนาชุมชนจังหวัดเชียงราย",
        "ทีมอำเภอเชียงของถอดบทเรียนโครงการบริหารจัดการน้ำเพื่อคุณภาพชีวิต ความสำเร็จมาจากการใช้ข้อมูล ThaiQM "
        "ร่วมกับประชาคมหมู่บ้าน และการบูรณาการ 7 ภาคี",
        [
            ("นายธนพล ศรีสุข", "นายอำเภอเชียงของ", "government"),
            ("นางมาลี บุญมา", "ปลัดอำเภอ", "government"),
            ("พระครูสุนทรธรรมวิมล", "เจ้าคณะอำเภอ", "religious"),
            ("นายสมศักดิ์ ทองดี", "กำนันตำบลเวียง", "citizen"),
            ("นางบัวผัน อินทร์แก้ว", "ประธานกลุ่มผู้ใช้น้ำ", "citizen"),
            ("นายวีระ แสนคำ", "ผู้จัดการร้านวัสดุก่อสร้าง", "private"),
            ("ผศ.ดร.อรพรรณ ใจมั่น", "มหาวิทยาลัยราชภัฏเชียงราย", "academic"),
            ("นางสาวจันทร์เพ็ญ ปัญญา", "มูลนิธิพัฒนาลุ่มน้ำโขง", "civil_society"),
            ("นายกิตติ วงศ์ใหญ่", "สถานีวิทยุชุมชนเชียงของ", "media"),
        ],
    ),
    "9005": (
        "thepha_chief",
        33,
        "ห้องประชุมอำเภอเทพา",
        "สำนักงานจังหวัดสงขลา",
        "อำเภอเทพาถอดบทเรียนการแก้ไขปัญหาความยากจนและที่อยู่อาศัย โดยผู้นำศาสนาและมัสยิดเป็นแกนกลางของชุมชน",
        [
            ("นายอับดุลเลาะ หะยีสาและ", "นายอำเภอเทพา", "government"),
            ("นายมะแอ สาและ", "อิหม่ามมัสยิดประจำหมู่บ้าน", "religious"),
            ("นางสาวนูรีซัน ดอเลาะ", "พัฒนาการอำเภอ", "government"),
            ("นายสมพร แก้วมณี", "ประธานสภาองค์กรชุมชน", "civil_society"),
            ("นายหมัด เจ๊ะหลง", "ผู้ใหญ่บ้าน", "citizen"),
            ("นางสาวสุนิสา ยีหมะ", "สหกรณ์ออมทรัพย์", "private"),
            ("ดร.ฮาซัน มะมิง", "มหาวิทยาลัยสงขลานครินทร์", "academic"),
            ("นายอนันต์ ทองสุข", "ผู้สื่อข่าวท้องถิ่น", "media"),
            ("นางรอฮานี เจ๊ะแว", "อาสาสมัครสาธารณสุขประจำหมู่บ้าน", "citizen"),
        ],
    ),
    "3307": (
        "prangku_team",
        26,
        "ศาลาประชาคมอำเภอปรางค์กู่",
        "สำนักงานพัฒนาชุมชนจังหวัดศรีสะเกษ",
        "อำเภอปรางค์กู่ถอดบทเรียนการส่งเสริมอาชีพและรายได้ ใช้หลักบวรและกลุ่มอาชีพในหมู่บ้าน",
        [
            ("นางสุนันทา พรหมมา", "ทีมอำเภอปรางค์กู่", "government"),
            ("พระอธิการสมชาย ปญฺญาวโร", "เจ้าอาวาสวัดบ้านกู่", "religious"),
            ("นายบุญมี ศรีสุข", "ผู้อำนวยการโรงเรียนบ้านกู่", "government"),
            ("นางทองใบ แสงสว่าง", "ประธานกลุ่มทอผ้าไหม", "citizen"),
            ("นายประยุทธ ดวงดี", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", "private"),
            ("อาจารย์วิไลวรรณ คำแก้ว", "วิทยาลัยเกษตรและเทคโนโลยีศรีสะเกษ", "academic"),
            ("นายสมบัติ ใจงาม", "เครือข่ายองค์กรชุมชน", "civil_society"),
            ("นางสาวกาญจนา มีสุข", "เพจข่าวอำเภอปรางค์กู่", "media"),
            ("นายสำรวย ทองคำ", "ผู้ใหญ่บ้าน", "citizen"),
            ("นางพิมพา ศรีทอง", "อาสาพัฒนาชุมชน", "citizen"),
        ],
    ),
}

# Question number -> answers of 5703, 9005, 3307 (in that order).
ANSWERS = {
    1: (
        "นายอำเภอลงพื้นที่ด้วยตนเองทุกสัปดาห์ ทำให้ภาคีเครือข่ายเชื่อมั่นและทีมอำเภอทำงานเร็วขึ้น",
        "นายอำเภอเป็นผู้นำที่เข้าใจบริบทชุมชนมุสลิม ประสานผู้นำศาสนาได้ดี ทีมอำเภอทำงานเป็นทีม",
        "ผู้นำให้ทีมอำเภอตัดสินใจในพื้นที่ได้เอง ทีมอำเภอมีความกระตือรือร้น",
    ),
    2: (
        "ภาคีเครือข่ายครบ 7 ภาคี ภาคประชาชนและภาคราชการมีบทบาทมากที่สุด ภาคเอกชนสนับสนุนวัสดุ",
        "ภาคศาสนามีบทบาทมากที่สุด มัสยิดเป็นศูนย์กลางของภาคีเครือข่าย ภาควิชาการช่วยวิเคราะห์ข้อมูล",
        "ภาคีเครือข่ายภาคประชาชนและวัดมีบทบาทมาก ภาคเอกชนช่วยเรื่องการตลาดผ้าไหม",
    ),
    3: (
        "ใช้ข้อมูล ThaiQM และ TPMAP คัดครัวเรือนที่ขาดน้ำ แล้วตรวจสอบซ้ำด้วยประชาคมหมู่บ้าน",
        "ข้อมูล TPMAP ช่วยหาครัวเรือนยากจน แต่ต้องลงพื้นที่ตรวจสอบเพราะข้อมูลบางส่วนไม่เป็นปัจจุบัน",
        "ใช้ข้อมูล ThaiQM ด้านรายได้และอาชีพ จัดกลุ่มครัวเรือนเป้าหมายตามอาชีพ",
    ),
    4: (
        "โครงการบรรจุในแผนอำเภอและแผนจังหวัด (One Plan) ทำให้ได้งบประมาณต่อเนื่อง",
        "เชื่อมโยงแผนตำบลกับแผนอำเภอ แต่แผนจังหวัดยังไม่ครอบคลุม",
        "บรรจุในแผนหมู่บ้านและแผนตำบลแล้ว กำลังเสนอเข้าแผนจังหวัด",
    ),
    5: (
        "งบประมาณจากองค์กรปกครองส่วนท้องถิ่น กรมทรัพยากรน้ำ และภาคเอกชน เพียงพอสำหรับระยะแรก",
        "งบประมาณไม่เพียงพอ ใช้การระดมทุนจากมัสยิดและภาคเอกชนในพื้นที่",
        "งบประมาณจากกองทุนหมู่บ้านและ ธ.ก.ส. เพียงพอ ใช้งบประมาณน้อยเพราะชุมชนลงแรง",
    ),
    6: (
        "ทีมอำเภอนำเครื่องมือห่วงโซ่คุณค่าและการวิเคราะห์ปัญหาจากหลักสูตรมาใช้วางแผน",
        "นำความรู้เรื่องการทำงานบูรณาการและการสื่อสารมาใช้ ทีมอำเภอทำงานเป็นระบบมากขึ้น",
        "นำหลักการวางแผนแบบมีส่วนร่วมจากหลักสูตรมาใช้ในประชาคมหมู่บ้าน",
    ),
    7: (
        "ต้นทางสำรวจแหล่งน้ำ กลางทางขุดลอกและวางระบบประปา ปลายทางตั้งกลุ่มผู้ใช้น้ำ หน่วยงานแบ่งงานชัดเจน",
        "หน่วยงานบูรณาการการซ่อมบ้านและส่งเสริมอาชีพ ปลายทางยังต้องหาตลาด",
        "ห่วงโซ่คุณค่าผ้าไหมตั้งแต่ปลูกหม่อนเลี้ยงไหมถึงการตลาดออนไลน์",
    ),
    8: (
        "ประชาคมหมู่บ้านเลือกจุดขุดลอกเอง วัดและโรงเรียนช่วยประชาสัมพันธ์ ประชาชนลงแรงร่วมกัน",
        "มัสยิดและโรงเรียนตาดีกาเป็นเวทีประชาคม ประชาชนมีส่วนร่วมสูง",
        "ใช้หลักบวร วัดเป็นที่ประชุมกลุ่มอาชีพ โรงเรียนสอนทอผ้าให้เยาวชน",
    ),
    9: (
        "ทีมสื่อรายงานแบบ 5W1H ทางเพจอำเภอ ภาพก่อนและหลังทำให้ประชาชนเห็นผลชัดเจน",
        "การสื่อสารผ่านผู้นำศาสนาและวิทยุชุมชนได้ผลดี",
        "เพจอำเภอช่วยขายผ้าไหม และรายงานความก้าวหน้าแบบ 5W1H",
    ),
    10: (
        "จังหวัดติดตามทุกเดือนและช่วยประสานหน่วยงานระดับจังหวัด",
        "ได้รับการติดตามจากจังหวัด แต่ขาดการสนับสนุนงบประมาณเพิ่มเติม",
        "จังหวัดและกระทรวงมหาดไทยลงพื้นที่ติดตามให้กำลังใจ",
    ),
    11: (
        "บรรลุเป้าหมาย ครัวเรือนมีน้ำใช้ตลอดปี 120 ครัวเรือน",
        "บรรลุเป้าหมายบางส่วน ซ่อมบ้านได้ 35 หลังจาก 50 หลัง",
        "บรรลุเป้าหมาย กลุ่มอาชีพมีรายได้เพิ่มขึ้น",
    ),
    12: (
        "มิติฝรั่ง แจกน้ำดื่มช่วงแล้ง มิติยาไทย ระบบประปาพลังงานแสงอาทิตย์และกองทุนซ่อมบำรุง ครัวเรือนมีน้ำสะอาดใช้ยั่งยืน",
        "มิติฝรั่ง ถุงยังชีพและซ่อมบ้านเร่งด่วน มิติยาไทย ส่งเสริมอาชีพเลี้ยงแพะและออมทรัพย์",
        "มิติฝรั่ง ช่วยเหลือผู้สูงอายุติดเตียง มิติยาไทย กลุ่มทอผ้าไหมสร้างรายได้ต่อเนื่อง",
    ),
    13: (
        "ผู้นำเข้มแข็ง ข้อมูลถูกต้อง ประชาชนมีส่วนร่วม และภาคีเครือข่ายครบ 7 ภาคี",
        "ผู้นำศาสนา ความไว้วางใจของชุมชน และการบูรณาการหน่วยงาน",
        "การมีส่วนร่วมของประชาชน ภูมิปัญญาท้องถิ่น และตลาดที่ชัดเจน",
    ),
    14: (
        "ลดค่าใช้จ่ายค่าน้ำและค่าไฟฟ้า ครัวเรือนปลูกผักขายได้ในฤดูแล้ง",
        "ครัวเรือนมีที่อยู่อาศัยมั่นคง เด็กได้เรียนต่อ ชุมชนมีความสามัคคี",
        "รายได้จากผ้าไหมเพิ่มขึ้น เยาวชนกลับมาทำงานในชุมชน",
    ),
    15: (
        "กลุ่มผู้ใช้น้ำเก็บค่าบำรุงรักษาเอง ขยายผลสู่หมู่บ้านอื่นในแผนปี 2566",
        "ตั้งกองทุนซ่อมบ้านของชุมชน ขยายผลสู่ตำบลข้างเคียง",
        "จดทะเบียนวิสาหกิจชุมชน ขยายผลสู่อำเภอข้างเคียง",
    ),
    16: (
        "จัดประชาคมหมู่บ้าน สำรวจข้อมูล วางแผนร่วมกับภาคีเครือข่าย แล้วลงมือทำตามแผน",
        "ประชุมผู้นำศาสนาและผู้นำชุมชน สำรวจบ้าน แล้วลงแรงซ่อมบ้านร่วมกัน",
        "ประชาคมหมู่บ้าน ตั้งกลุ่มอาชีพ อบรมทักษะ และหาตลาด",
    ),
    17: (
        "ฤดูฝนทำให้การขุดลอกล่าช้า ระเบียบงบประมาณซับซ้อน",
        "งบประมาณไม่เพียงพอ ข้อมูลครัวเรือนไม่เป็นปัจจุบัน",
        "ตลาดผ้าไหมไม่แน่นอน ผู้สูงอายุใช้เทคโนโลยีไม่คล่อง",
    ),
    18: (
        "ปรับแผนการขุดลอกให้ทำในฤดูแล้ง ขอคำแนะนำด้านระเบียบจากจังหวัด",
        "ระดมทุนจากภาคเอกชนและมัสยิด ลงพื้นที่ตรวจสอบข้อมูลซ้ำ",
        "ให้เยาวชนช่วยขายออนไลน์ ทำสัญญาซื้อขายกับภาคเอกชน",
    ),
    19: (
        "ขอให้กระทรวงมหาดไทยสนับสนุนงบประมาณต่อเนื่องและลดขั้นตอนระเบียบ",
        "ขอให้ปรับข้อมูล TPMAP ให้เป็นปัจจุบันและสนับสนุนงบประมาณซ่อมบ้าน",
        "ขอให้ส่วนกลางช่วยหาตลาดและสนับสนุนการอบรมต่อเนื่อง",
    ),
    20: (
        "ควรมีเวทีแลกเปลี่ยนเรียนรู้ระหว่างอำเภอนำร่องทุกปี",
        "ควรคำนึงถึงวันศุกร์ของพี่น้องมุสลิมในการจัดกิจกรรม",
        "ควรเผยแพร่บทเรียนผ่านคลังความรู้ให้ทุกอำเภอใช้ได้",
    ),
}
RATINGS = {"5703": 5, "9005": 3, "3307": 4}
RATING_SHIFT = {1: 0, 2: 0, 3: -1, 4: 0, 5: -1, 6: 0, 7: 0, 8: 0, 9: -1, 10: -1, 11: 0, 14: 0, 15: -1}

CENTRAL_ITEMS = [
    (
        ItemKind.VIDEO,
        "วิดีโออบรมหลักสูตรนักขับเคลื่อนยุทธศาสตร์นำการเปลี่ยนแปลง ระดับอำเภอ (DCAST) ตอนที่ 1",
        "การวิเคราะห์ปัญหาจากข้อมูล TPMAP และ ThaiQM และการเขียนสรุปโครงการ (Project brief) ตามห่วงโซ่คุณค่า",
        "https://www.youtube.com/watch?v=tuksuk-dcast-1",
        (1, 10, 17),
    ),
    (
        ItemKind.DOCUMENT,
        "คู่มือการบริหารจัดการทรัพยากรน้ำเพื่อคุณภาพชีวิต ขจัดความยากจนและรองรับภัยพิบัติ",
        "แนวทางการจัดทำโครงการน้ำสะอาดและระบบประปาหมู่บ้านของอำเภอนำร่อง พร้อมตัวอย่างห่วงโซ่คุณค่า",
        "",
        (6, 13),
    ),
    (
        ItemKind.DOCUMENT,
        "แนวทางการถอดบทเรียนด้วยการสนทนากลุ่ม (Focus Group) 3 ส่วน 20 ข้อ",
        "ขั้นตอนการจัดสนทนากลุ่ม การบันทึกผู้เข้าร่วมจาก 7 ภาคีเครือข่าย และการสรุปผลบทเรียน",
        "",
        (17,),
    ),
]


def _tiny_pdf(title: str) -> SimpleUploadedFile:
    """A small, valid one-page PDF (no text layer needed: the demo only needs a real file to serve)."""
    content = b"BT /F1 12 Tf 72 720 Td (Tuksuk knowledge base) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return SimpleUploadedFile(f"{title[:40]}.pdf", bytes(out), content_type="application/pdf")


def _sessions(questionnaire: Questionnaire, now: dt.datetime) -> tuple[int, list[FocusGroupSession]]:
    created, sessions = 0, []
    for index, (district, (username, days, place, facilitator, note, people)) in enumerate(SESSIONS.items()):
        actor = User.objects.filter(username=username).first()
        if actor is None:
            continue
        held_on = (now - dt.timedelta(days=days)).date()
        session = FocusGroupSession.objects.filter(
            questionnaire=questionnaire, district_id=district, held_on=held_on
        ).first()
        if session is None:
            session = services.record_session(
                actor=actor,
                questionnaire=questionnaire,
                district_code=district,
                held_on=held_on,
                place=place,
                facilitator=facilitator,
                note=note,
            )
            services.set_participants(
                session, [{"full_name": n, "role": r, "network": w} for n, r, w in people], actor=actor
            )
            answers = {}
            for question in questionnaire.questions.all():
                text = ANSWERS.get(question.number, ("", "", ""))[index]
                rating = None
                if question.asks_rating:
                    rating = max(1, min(5, RATINGS[district] + RATING_SHIFT.get(question.number, 0)))
                answers[question.pk] = services.AnswerData(text=text, rating=rating)
            services.save_answers(session, answers, actor=actor)
            created += 1
        sessions.append(session)
    return created, sessions


def _central_items(now: dt.datetime) -> int:
    from tuksuk.indicators.models import SdgGoal

    admin = User.objects.filter(username="admin").first()
    if admin is None:
        return 0
    created = 0
    for kind, title, summary, url, sdgs in CENTRAL_ITEMS:
        if KnowledgeItem.objects.filter(title=title).exists():
            continue
        services.contribute_item(
            actor=admin,
            kind=kind,
            title=title,
            summary=summary,
            area_code=None,
            year=be_year(now.year),
            video_url=url,
            upload=_tiny_pdf(title) if kind == ItemKind.DOCUMENT else None,
            sdg_goals=list(SdgGoal.objects.filter(number__in=sdgs)),
        )
        created += 1
    return created


def _project_briefs() -> int:
    from tuksuk.projects.models import Project

    created = 0
    for district, (username, *_rest) in SESSIONS.items():
        actor = User.objects.filter(username=username).first()
        if actor is None:
            continue
        for project in Project.objects.filter(district_id=district, ref__startswith="DEMO-P-").order_by("ref")[:2]:
            if not KnowledgeItem.objects.filter(project=project, kind=ItemKind.BRIEF).exists():
                services.publish_project_brief(project, actor=actor)
                created += 1
    return created


@transaction.atomic
def seed_demo_data(*, now: dt.datetime) -> str:
    """Add the demo's lessons and knowledge items (nothing twice); returns a one-line Thai summary."""
    questionnaire = Questionnaire.objects.filter(title=YEAR_ONE_TITLE, programme_year=2565).first()
    sessions_created, sessions = (0, []) if questionnaire is None else _sessions(questionnaire, now)
    published = 0
    chiang_khong = next((s for s in sessions if s.district_id == "5703"), None)
    if chiang_khong is not None and not KnowledgeItem.objects.filter(session=chiang_khong).exists():
        actor = User.objects.get(username=SESSIONS["5703"][0])
        services.publish_session(chiang_khong, actor=actor)
        published += 1
    items = _central_items(now) + _project_briefs() + published
    return f"บทเรียนและคลังความรู้: การสนทนากลุ่มใหม่ {sessions_created} ครั้ง, รายการในคลังความรู้ใหม่ {items} รายการ"
