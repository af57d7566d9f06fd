"""The year-one focus-group questionnaire (ถอดบทเรียน ปี 2565): 20 questions in 3 parts.

Source: the seed ``002`` (พช. ราชบุรี ถอดบทเรียน, 10 พ.ย. 2565) gives the structure and the part titles word for word —
ส่วนที่ 1 องค์ประกอบที่ส่งผลต่อการดำเนินโครงการฯ (10 ข้อ), ส่วนที่ 2 ความสำเร็จของการดำเนินโครงการฯ (5 ข้อ),
ส่วนที่ 3 การดำเนินงานในพื้นที่ ปัญหาอุปสรรคและข้อเสนอแนะเพิ่มเติม (5 ข้อ) — but not the wording of the questions.

PROPOSALS: the wording of all 20 questions is ours, written from the programme's process in domain.md (leadership,
the 7 partner networks, TPMAP/ThaiQM data, One Plan, budget sources, the change-agent training, value chain, บวร,
5W1H communication, monitoring; relief มิติฝรั่ง and lasting fixes มิติยาไทย; sustainability). Question 13 follows
the seed's first activity ("มีปัจจัยใดบ้างที่นำไปสู่ความสำเร็จ"). Questions 1–11 and 14–15 also ask for a 1–5
rating; 12, 13 and part 3 are free text only. A ministry admin can correct the wording until the first answers are
recorded (then the questionnaire is frozen; copy it to change it).
"""

from django.db import migrations

TITLE = "แบบสอบถามการสนทนากลุ่ม (Focus Group) ถอดบทเรียนโครงการอำเภอนำร่อง “บำบัดทุกข์ บำรุงสุข” ปีที่ 1"
YEAR = 2565
DESCRIPTION = (
    "ประเด็นคำถามในการสนทนากลุ่ม 3 ส่วน รวม 20 ข้อ สำหรับผู้ที่ผ่านการฝึกอบรมหลักสูตรผู้นำนักขับเคลื่อนยุทธศาสตร์"
    "นำการเปลี่ยนแปลงอำเภอนำร่อง นำทีมโดยนายอำเภอ เพื่อวิเคราะห์ความสำเร็จของโครงการ กระบวนการขับเคลื่อนงาน "
    "ปัจจัยแห่งความสำเร็จ และปัญหาอุปสรรค"
)
HINT = "1 = น้อยที่สุด · 5 = มากที่สุด"

PARTS = [
    (
        "องค์ประกอบที่ส่งผลต่อการดำเนินโครงการฯ",
        [
            ("ภาวะผู้นำของนายอำเภอและทีมอำเภอส่งผลต่อการขับเคลื่อนโครงการอย่างไร", True),
            (
                "ภาคีเครือข่ายทั้ง 7 ภาคี (ราชการ เอกชน วิชาการ ศาสนา ประชาชน ประชาสังคม สื่อมวลชน) "
                "มีส่วนร่วมในโครงการอย่างไร ภาคีใดมีบทบาทมากที่สุด",
                True,
            ),
            ("การใช้ข้อมูล TPMAP และ ThaiQM ในการกำหนดปัญหาและครัวเรือนเป้าหมายเป็นอย่างไร", True),
            ("โครงการเชื่อมโยงกับแผนพัฒนาพื้นที่ (One Plan) ระดับหมู่บ้าน ตำบล อำเภอ และจังหวัดอย่างไร", True),
            ("งบประมาณและทรัพยากรของโครงการมาจากแหล่งใดบ้าง และเพียงพอต่อการดำเนินงานหรือไม่", True),
            (
                "ทีมอำเภอนำความรู้จากการฝึกอบรมหลักสูตรผู้นำนักขับเคลื่อนยุทธศาสตร์นำการเปลี่ยนแปลง (DCAST) "
                "มาใช้ในการทำงานอย่างไร",
                True,
            ),
            ("หน่วยงานในพื้นที่บูรณาการการทำงานตามห่วงโซ่คุณค่า (ต้นทาง กลางทาง ปลายทาง) อย่างไร", True),
            ("ประชาชนและหลัก “บวร” (บ้าน วัด โรงเรียน) มีส่วนร่วมในการวางแผนและดำเนินโครงการอย่างไร", True),
            ("การสื่อสารสังคมเชิงรุกและการรายงานผลแบบ 5W1H ช่วยการดำเนินโครงการอย่างไร", True),
            ("การติดตาม สนับสนุน และประเมินผลจากจังหวัดและกระทรวงมหาดไทยเป็นอย่างไร", True),
        ],
    ),
    (
        "ความสำเร็จของการดำเนินโครงการฯ",
        [
            ("โครงการบรรลุวัตถุประสงค์และเป้าหมายที่ตั้งไว้เพียงใด", True),
            (
                "ครัวเรือนเป้าหมายได้รับประโยชน์อะไรบ้าง ทั้งการช่วยเหลือเฉพาะหน้า (มิติฝรั่ง) "
                "และการแก้ไขปัญหาอย่างยั่งยืน (มิติยาไทย)",
                False,
            ),
            ("มีปัจจัยใดบ้างที่นำไปสู่ความสำเร็จของโครงการ", False),
            ("โครงการสร้างคุณค่าทางเศรษฐกิจและสังคมให้แก่พื้นที่อย่างไร", True),
            ("โครงการจะดำเนินต่อไปอย่างยั่งยืนและขยายผลสู่พื้นที่อื่นได้อย่างไร", True),
        ],
    ),
    (
        "การดำเนินงานในพื้นที่ ปัญหาอุปสรรคและข้อเสนอแนะเพิ่มเติม",
        [
            ("อำเภอดำเนินงานในพื้นที่อย่างไร ตั้งแต่การจัดประชาคมหมู่บ้าน/ตำบลจนถึงการดำเนินกิจกรรม", False),
            ("ปัญหาและอุปสรรคที่พบในการดำเนินโครงการมีอะไรบ้าง", False),
            ("อำเภอแก้ไขปัญหาและอุปสรรคเหล่านั้นอย่างไร", False),
            ("ข้อเสนอแนะต่อกระทรวงมหาดไทยและหน่วยงานส่วนกลางสำหรับการดำเนินโครงการในระยะต่อไป", False),
            ("ข้อเสนอแนะเพิ่มเติมอื่น ๆ", False),
        ],
    ),
]


def create(apps, schema_editor):
    Questionnaire = apps.get_model("learning", "Questionnaire")
    QuestionPart = apps.get_model("learning", "QuestionPart")
    Question = apps.get_model("learning", "Question")
    questionnaire, created = Questionnaire.objects.get_or_create(
        title=TITLE, programme_year=YEAR, defaults={"description": DESCRIPTION}
    )
    if not created:
        return
    number = 0
    for part_no, (part_title, questions) in enumerate(PARTS, start=1):
        part = QuestionPart.objects.create(questionnaire=questionnaire, number=part_no, title=part_title)
        for text, asks_rating in questions:
            number += 1
            Question.objects.create(
                questionnaire=questionnaire,
                part=part,
                number=number,
                text=text,
                asks_rating=asks_rating,
                rating_hint=HINT if asks_rating else "",
            )


def remove(apps, schema_editor):
    Questionnaire = apps.get_model("learning", "Questionnaire")
    Questionnaire.objects.filter(title=TITLE, programme_year=YEAR, sessions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
