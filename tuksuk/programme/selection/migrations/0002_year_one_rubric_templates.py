"""The two rubrics of year one (2565), as templates a ministry admin copies into a round and edits there.

Wording from the ministry's report of the programme (seeds). The report gives the group-level criterion 1 (70 points)
seven sub-criteria and criterion 2 (20 points) two, without points for each: the equal split below
(7 × 10 and 2 × 10) is a PROPOSAL of this system, to be confirmed or changed by the ministry in each round.
"""

from decimal import Decimal

from django.db import migrations

PROVINCE_LEVEL = (
    "province-2565",
    "เกณฑ์คัดเลือกอำเภอนำร่องระดับจังหวัด (ปี 2565)",
    "province",
    [
        (
            "1",
            "ประวัติการรับราชการ แรงบันดาลใจ และความพร้อมของทีมอำเภอ (โดยพิจารณาจากใบสมัครและคลิปวิดีโอ)",
            "50",
            "",
            [],
        ),
        (
            "2",
            "พื้นที่มีปัญหาที่ต้องการแก้ไขปัญหาวิกฤตเร่งด่วน โดยพิจารณาจากข้อมูล TPMAP และ Thai QM",
            "50",
            "problem_severity",
            [],
        ),
    ],
)

GROUP_LEVEL = (
    "group-2565",
    "เกณฑ์คัดเลือกอำเภอนำร่องระดับกลุ่มจังหวัด (ปี 2565)",
    "group",
    [
        (
            "1",
            "ความสมบูรณ์ของข้อเสนอโครงการเบื้องต้น (Project brief) และแบบแสดงห่วงโซ่คุณค่า (Value chain)",
            "70",
            "",
            [
                ("1.1", "ความสมบูรณ์ของข้อเสนอโครงการเบื้องต้น", "10"),
                ("1.2", "แสดงถึงการมีส่วนร่วมของหน่วยดำเนินการ/ภาคีเครือข่าย", "10"),
                (
                    "1.3",
                    "ระบุแหล่งงบประมาณสำหรับดำเนินการจากทุกแหล่งงบประมาณหรือเป็นกิจกรรมที่ไม่ต้องใช้จ่ายงบประมาณ",
                    "10",
                ),
                ("1.4", "มีงบประมาณสนับสนุนการดำเนินการอยู่แล้ว", "10"),
                (
                    "1.5",
                    "โครงการมีศักยภาพที่จะดำเนินการได้จริงภายใต้กรอบระยะเวลาที่กำหนด (Quick-win) "
                    "เกิดประโยชน์และผลสัมฤทธิ์ต่อประชาชนสูง (High Impact) และสอดคล้องกับเป้าหมายการพัฒนาที่ยั่งยืน (SDGs)",
                    "10",
                ),
                (
                    "1.6",
                    "เป็นโครงการที่จะเกิดประโยชน์และสร้างมูลค่าทางเศรษฐกิจ/สังคม (High Value) ให้แก่ประชาชนในพื้นที่",
                    "10",
                ),
                (
                    "1.7",
                    "มีการแสดงความเชื่อมโยงของโครงการตลอดห่วงโซ่คุณค่า (Value chain) ตั้งแต่ต้นทาง กลางทางและปลายทาง",
                    "10",
                ),
            ],
        ),
        (
            "2",
            "ศักยภาพของทีมงานนักขับเคลื่อนยุทธศาสตร์นำการเปลี่ยนแปลงกระทรวงมหาดไทย ระดับอำเภอ จำนวน 100 คน",
            "20",
            "",
            [
                ("2.1", "ความพร้อมเพรียงของหน่วยดำเนินการ/ภาคีเครือข่าย", "10"),
                ("2.2", "การมีส่วนร่วมของหน่วยดำเนินการ/ภาคีเครือข่าย", "10"),
            ],
        ),
        (
            "3",
            "การประเมินศักยภาพนักขับเคลื่อนยุทธศาสตร์ฯ ระดับอำเภอ ในกิจกรรม Workshop "
            "การจัดทำแผนขับเคลื่อนงานพื้นที่อำเภอนำร่องจากการจัดทำแผนและประสานแผนพัฒนาพื้นที่ (One Plan)",
            "10",
            "",
            [],
        ),
    ],
)

NOTE = "คะแนนของเกณฑ์ย่อยเป็นข้อเสนอของระบบ (แบ่งเท่ากัน) ผู้ดูแลปรับได้เมื่อคัดลอกไปใช้ในรอบ"


def load(apps, schema_editor):
    RubricTemplate = apps.get_model("selection", "RubricTemplate")
    Criterion = apps.get_model("selection", "Criterion")
    for code, name, level, criteria in (PROVINCE_LEVEL, GROUP_LEVEL):
        template, created = RubricTemplate.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": "selection",
                "level": level,
                "description": NOTE if level == "group" else "",
            },
        )
        if not created:
            continue
        order = 0
        for number, title, points, source, children in criteria:
            order += 1
            parent = Criterion.objects.create(
                template=template,
                number=number,
                title=title,
                max_points=Decimal(points),
                data_source=source,
                order=order,
            )
            for child_number, child_title, child_points in children:
                order += 1
                Criterion.objects.create(
                    template=template,
                    parent=parent,
                    number=child_number,
                    title=child_title,
                    max_points=Decimal(child_points),
                    order=order,
                )


def unload(apps, schema_editor):
    apps.get_model("selection", "RubricTemplate").objects.filter(code__in=["province-2565", "group-2565"]).delete()


class Migration(migrations.Migration):
    dependencies = [("selection", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
