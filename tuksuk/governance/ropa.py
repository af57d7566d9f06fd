"""The record of processing activities of Tuksuk (บันทึกรายการกิจกรรมการประมวลผล, PDPA s.39), kept as data in code
so that every change is reviewed in git.

Each ``Activity`` names the models and fields that hold its personal data. ``tests/test_ropa.py`` walks the models
of the project and fails when a model holding personal data is named by no activity (or a named field no longer
exists): a new model with personal data cannot ship without its line here. Models of those apps that hold none are
listed in ``NOT_PERSONAL`` with the reason.

Legal bases are those of the Personal Data Protection Act B.E. 2562 (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562):
s.24(4) public task / exercise of state authority, s.24(6) legal obligation, s.26(5) sensitive data where a law
requires it for social protection or substantial public interest. The ministry's data protection officer (DPO)
reviews this file; ``REVIEWED`` records the last review.

Retention: ``retention_rules`` names the purge rules of ``tuksuk.privacy`` (``PurgeRule``) that enforce a period;
an activity without a rule says where its period is enforced instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The last review of this record by the DPO (ISO date); empty until the first review.
REVIEWED = ""


@dataclass(frozen=True)
class Holding:
    """Where an activity keeps personal data: a model (``app_label.ModelName``) and its personal fields."""

    model: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Activity:
    """One processing activity: why, on what basis, about whom, which data, who receives it, how long, how kept."""

    code: str
    name: Promise
    purpose: Promise
    legal_basis: Promise
    data_subjects: Promise
    data_categories: Promise
    holdings: tuple[Holding, ...]
    recipients: Promise
    retention: Promise
    security: Promise
    source: Promise
    sensitive_basis: Promise | str = ""
    retention_rules: tuple[str, ...] = ()
    transfers: Promise = field(default=_("ไม่มีการส่งหรือโอนข้อมูลไปต่างประเทศ"))

    @property
    def models(self) -> tuple[str, ...]:
        return tuple(holding.model for holding in self.holdings)


PUBLIC_TASK = _(
    "มาตรา 24(4) การปฏิบัติหน้าที่ในการดำเนินภารกิจเพื่อประโยชน์สาธารณะ และการใช้อำนาจรัฐที่ได้มอบให้แก่กระทรวงมหาดไทย "
    "(การบำบัดทุกข์บำรุงสุขของประชาชนตามอำนาจหน้าที่ของกระทรวงมหาดไทย อำเภอ และจังหวัด)"
)
SOCIAL_PROTECTION = _(
    "มาตรา 26(5)(ค) การคุ้มครองทางสังคม และ (จ) ประโยชน์สาธารณะที่สำคัญ โดยจัดให้มีมาตรการที่เหมาะสมเพื่อคุ้มครองสิทธิของ"
    "เจ้าของข้อมูล: ใช้เฉพาะสถานะเปราะบาง (ติดเตียง พิการ ป่วยเรื้อรัง) เท่าที่จำเป็นต่อการช่วยเหลือ ไม่บันทึกผลการวินิจฉัยโรค"
)
SECURITY_MEASURES = _(
    "เข้าถึงได้เฉพาะผู้ใช้ที่ได้รับมอบหมายพื้นที่ (area scoping) · เข้ารหัสเลขประจำตัวประชาชนและค้นหาด้วยค่าแฮชแบบมีกุญแจ · "
    "บันทึกการเข้าถึงและการเปลี่ยนแปลงแบบแก้ไขไม่ได้ · ล็อกบัญชีเมื่อเข้าสู่ระบบผิดซ้ำ · ไม่แสดงต่อสาธารณะ "
    "(รายละเอียดใน docs/security.md)"
)
STAFF_IN_AREA = _(
    "เจ้าหน้าที่อำเภอ จังหวัด และส่วนกลางของกระทรวงมหาดไทย เฉพาะพื้นที่ที่รับผิดชอบ; หน่วยงานภาคีเห็นเฉพาะเรื่องที่มอบหมาย"
    "ให้หน่วยงาน; เว็บไซต์สาธารณะแสดงเฉพาะตัวเลขรวมระดับพื้นที่ (ปกปิดค่าที่น้อยกว่า 5)"
)
WHILE_IN_PROGRAMME = _(
    "ตลอดระยะที่ครัวเรือนอยู่ในความดูแลของโครงการ ครัวเรือนที่พ้นจากปัญหาแล้วและไม่มีความเคลื่อนไหวตามจำนวนปีที่กำหนด "
    "จะถูกทำให้ไม่สามารถระบุตัวตนได้โดยกฎการเก็บรักษาของระบบ (ปิดไว้โดยค่าเริ่มต้น จังหวัดเปิดใช้ตามนโยบายการเก็บรักษาเอกสาร)"
)

ACTIVITIES: tuple[Activity, ...] = (
    Activity(
        code="household-registry",
        name=_("ทะเบียนครัวเรือนเปราะบางและสมาชิก"),
        purpose=_("สำรวจและขึ้นทะเบียนครัวเรือนเปราะบางในอำเภอนำร่อง เพื่อวิเคราะห์ปัญหาและวางแผนช่วยเหลือรายครัวเรือน"),
        legal_basis=PUBLIC_TASK,
        sensitive_basis=SOCIAL_PROTECTION,
        data_subjects=_("สมาชิกครัวเรือนเปราะบาง รวมถึงเด็ก ผู้สูงอายุ ผู้ป่วยติดเตียง และคนพิการ"),
        data_categories=_(
            "ชื่อ-นามสกุล เพศ วันเกิด เลขประจำตัวประชาชน (เข้ารหัส) บ้านเลขที่ รหัสบ้าน พิกัดบ้าน "
            "สถานะเปราะบาง (ติดเตียง พิการ ป่วยเรื้อรัง ผู้สูงอายุ เด็ก)"
        ),
        holdings=(
            Holding(
                "households.Household",
                ("house_code", "house_no", "head_name", "member_count", "latitude", "longitude", "village"),
            ),
            Holding(
                "households.Member",
                (
                    "full_name",
                    "sex",
                    "birth_date",
                    "is_head",
                    "citizen_id_hash",
                    "citizen_id_encrypted",
                    "citizen_id_last3",
                    "bedridden",
                    "disabled",
                    "elderly",
                    "chronic_illness",
                    "child",
                ),
            ),
            Holding("households.HouseholdEvent", ("note", "data")),
        ),
        recipients=STAFF_IN_AREA,
        retention=WHILE_IN_PROGRAMME,
        retention_rules=("lifted_households",),
        security=SECURITY_MEASURES,
        source=_("เจ้าหน้าที่ภาคสนามสอบถามจากเจ้าของข้อมูล · การลงทะเบียนที่ที่ว่าการอำเภอ · นำเข้าไฟล์แบบสำรวจภาคสนาม"),
    ),
    Activity(
        code="stories",
        name=_("เรื่องราวปัญหาและการช่วยเหลือรายครัวเรือน"),
        purpose=_("บันทึกปัญหาของครัวเรือน (7 ด้าน) ส่งต่อหน่วยงานที่รับผิดชอบ และติดตามการช่วยเหลือจนแก้ไขได้"),
        legal_basis=PUBLIC_TASK,
        sensitive_basis=SOCIAL_PROTECTION,
        data_subjects=_("สมาชิกครัวเรือนเปราะบาง"),
        data_categories=_(
            "รายละเอียดปัญหา (เช่น ที่อยู่อาศัย สุขภาพ รายได้ หนี้สิน) การช่วยเหลือที่ได้รับและค่าใช้จ่าย "
            "ภาพถ่ายก่อนและหลังการช่วยเหลือ (อาจมีใบหน้าและพิกัดในไฟล์)"
        ),
        holdings=(
            Holding("cases.Story", ("household", "area", "category", "description", "reported_at", "resolved_at")),
            Holding("cases.StoryIndicator", ("story", "indicator")),
            Holding("cases.StoryEvent", ("note", "data")),
            Holding("cases.Assignment", ("story", "agency")),
            Holding("cases.Action", ("story", "description", "cost", "done_on")),
            Holding("cases.Evidence", ("story", "file", "thumbnail", "caption", "has_location")),
        ),
        recipients=STAFF_IN_AREA,
        retention=WHILE_IN_PROGRAMME,
        retention_rules=("lifted_households",),
        security=SECURITY_MEASURES,
        source=_("เจ้าหน้าที่ภาคสนามและทีมอำเภอ · นำเข้าไฟล์เรื่องราว"),
    ),
    Activity(
        code="imports-exports",
        name=_("การนำเข้าแบบสำรวจและการส่งออกข้อมูล"),
        purpose=_("นำเข้าแบบสำรวจภาคสนามจำนวนมาก และจัดทำไฟล์ส่งออกเพื่อรายงานตามสายบังคับบัญชา"),
        legal_basis=PUBLIC_TASK,
        sensitive_basis=SOCIAL_PROTECTION,
        data_subjects=_("สมาชิกครัวเรือนเปราะบาง"),
        data_categories=_("ข้อมูลเดียวกับทะเบียนครัวเรือนและเรื่องราว ในไฟล์ที่นำเข้าและไฟล์ผลลัพธ์"),
        holdings=(Holding("jobs.Job", ("params", "message", "result", "result_file")),),
        recipients=_("เฉพาะผู้ใช้ที่สั่งงานนั้น"),
        retention=_("ไฟล์ผลลัพธ์ถูกลบ 30 วันหลังงานเสร็จตามกฎการเก็บรักษาของระบบ (ค่าเริ่มต้น)"),
        retention_rules=("job_files",),
        security=SECURITY_MEASURES,
        source=_("ไฟล์ CSV/XLSX ที่เจ้าหน้าที่อัปโหลด"),
    ),
    Activity(
        code="public-showcase",
        name=_("การเผยแพร่ผลงานสู่สาธารณะ"),
        purpose=_("เผยแพร่ผลการดำเนินงานของอำเภอนำร่องต่อประชาชน โดยไม่ระบุตัวบุคคล"),
        legal_basis=PUBLIC_TASK,
        data_subjects=_("ประชาชนที่ปรากฏในภาพกิจกรรม (ไม่ระบุชื่อ) และเจ้าหน้าที่ผู้เสนอ/อนุมัติ"),
        data_categories=_("ภาพถ่ายที่เบลอใบหน้าและบ้านเลขที่แล้ว (ลบพิกัดและข้อมูลกล้อง) เรื่องเล่าที่เรียบเรียงใหม่ไม่ระบุชื่อ"),
        holdings=(
            Holding("portal.PublicItem", ("who", "what", "where", "body", "summary", "source_story", "source_update")),
            Holding(
                "portal.PublicImage",
                ("file", "thumbnail", "blur_boxes", "published", "source_evidence", "source_media"),
            ),
        ),
        recipients=_("สาธารณะ: เฉพาะเนื้อหาที่นายอำเภออนุมัติ ไม่มีชื่อ บ้านเลขที่ เลขประจำตัวประชาชน หรือพิกัด"),
        retention=_("จนกว่าจะยกเลิกการเผยแพร่ ต้นฉบับภาพเก็บไว้ภายในตามเรื่องต้นทาง"),
        security=_("อนุมัติโดยนายอำเภอก่อนเผยแพร่ · เบลอภาพและลบ EXIF · ปกปิดตัวเลขที่น้อยกว่า 5 · โหมดเว็บไซต์สาธารณะแยกเครื่อง"),
        source=_("เจ้าหน้าที่อำเภอเรียบเรียงจากเรื่องราวและรายงานความก้าวหน้าโครงการ"),
    ),
    Activity(
        code="projects",
        name=_("โครงการและกิจกรรมของอำเภอ"),
        purpose=_("ติดตามความก้าวหน้า งบประมาณ และผลของโครงการแก้ไขปัญหาระดับอำเภอ"),
        legal_basis=PUBLIC_TASK,
        data_subjects=_("เจ้าหน้าที่และประชาชนที่ปรากฏในรายงานหรือภาพกิจกรรม"),
        data_categories=_("ชื่อผู้ดำเนินกิจกรรม ภาพถ่ายกิจกรรม (อาจมีใบหน้าและพิกัดในไฟล์)"),
        holdings=(
            Holding("projects.ProgressUpdate", ("who", "what", "where", "when")),
            Holding("projects.ProjectMedia", ("file", "thumbnail", "caption", "has_location")),
        ),
        recipients=STAFF_IN_AREA,
        retention=_("ตลอดอายุโครงการและระยะเวลาเก็บรักษาเอกสารราชการ (ไม่มีการลบอัตโนมัติ)"),
        security=SECURITY_MEASURES,
        source=_("ทีมอำเภอรายงานความก้าวหน้า"),
    ),
    Activity(
        code="training",
        name=_("การฝึกอบรม การลงเวลา และประกาศนียบัตร"),
        purpose=_("จัดการฝึกอบรมทีมอำเภอและภาคีเครือข่าย ตรวจการเข้าร่วมตามเกณฑ์ร้อยละ 80 และออกประกาศนียบัตร"),
        legal_basis=PUBLIC_TASK,
        sensitive_basis=_(
            "เหตุผลการขาดอาจมีข้อมูลสุขภาพ (ลาป่วย): ขอให้ระบุเพียงว่าลาป่วย ไม่บันทึกอาการ "
            "(มาตรา 26(5)(ค) เท่าที่จำเป็นต่อการพิจารณาการเข้าอบรม)"
        ),
        data_subjects=_("ผู้เข้าอบรม: เจ้าหน้าที่และภาคีเครือข่าย"),
        data_categories=_("ชื่อ-นามสกุล ตำแหน่ง หน่วยงาน อำเภอ ภาคีเครือข่าย โทรศัพท์ การลงเวลา เหตุผลการขาด ประกาศนียบัตร"),
        holdings=(
            Holding(
                "training.Participant",
                ("full_name", "position", "organisation", "district", "network", "phone", "code"),
            ),
            Holding("training.Attendance", ("participant", "slot", "method", "recorded_at")),
            Holding("training.AbsenceReason", ("participant", "text", "status", "decision_note")),
            Holding("training.Certificate", ("participant", "code", "issued_on", "attendance_percent")),
            Holding("training.TrainingEvent", ("participant", "note", "data")),
        ),
        recipients=_(
            "ผู้จัดการฝึกอบรม (จังหวัด/ส่วนกลาง) และอำเภอของผู้เข้าอบรม; หน้าตรวจสอบประกาศนียบัตรแสดงเฉพาะชื่อ หลักสูตร "
            "และวันที่ออกแก่ผู้ที่มีรหัสตรวจสอบ"
        ),
        retention=_("5 ปีหลังสิ้นสุดหลักสูตรเพื่อการตรวจสอบประกาศนียบัตร (ยังไม่มีการลบอัตโนมัติ ผู้ดูแลระบบลบตามคำขอ)"),
        security=SECURITY_MEASURES,
        source=_("ผู้เข้าอบรมหรือผู้ประสานงานลงทะเบียน · การลงเวลาด้วย QR"),
    ),
    Activity(
        code="selection",
        name=_("การคัดเลือกและประเมินผลอำเภอ"),
        purpose=_("รับใบสมัครของอำเภอ ให้คะแนนโดยกรรมการ และประกาศผล"),
        legal_basis=PUBLIC_TASK,
        data_subjects=_("ผู้ประสานงานของอำเภอผู้สมัคร และกรรมการผู้ให้คะแนน"),
        data_categories=_("ชื่อและช่องทางติดต่อผู้ประสานงาน เอกสารประกอบ คะแนนและความเห็นของกรรมการ"),
        holdings=(
            Holding("selection.Application", ("contact", "service_record", "team_readiness", "video_url")),
            Holding("selection.ApplicationAttachment", ("file", "thumbnail", "caption")),
            Holding("selection.JudgeAssignment", ("judge",)),
            Holding("selection.Score", ("judge", "points", "comment")),
            Holding("selection.ScoreChange", ("judge", "changed_by", "old_points", "new_points", "comment")),
        ),
        recipients=_("คณะกรรมการและผู้ดูแลระบบส่วนกลาง; ผลการคัดเลือกประกาศเป็นรายอำเภอ ไม่ระบุคะแนนรายกรรมการ"),
        retention=_("ตามระยะเวลาเก็บรักษาเอกสารราชการของรอบการคัดเลือก (ไม่มีการลบอัตโนมัติ)"),
        security=SECURITY_MEASURES,
        source=_("อำเภอยื่นใบสมัคร · กรรมการให้คะแนน"),
    ),
    Activity(
        code="lessons",
        name=_("การถอดบทเรียนและสนทนากลุ่ม"),
        purpose=_("รวบรวมบทเรียนจากการดำเนินงานเพื่อปรับปรุงโครงการ"),
        legal_basis=PUBLIC_TASK,
        data_subjects=_("ผู้เข้าร่วมสนทนากลุ่มและผู้ดำเนินการสนทนา"),
        data_categories=_("ชื่อ-นามสกุล บทบาท ภาคีเครือข่าย คำตอบและความเห็น"),
        holdings=(
            Holding("learning.FocusGroupSession", ("facilitator", "place", "note")),
            Holding("learning.Participant", ("full_name", "role", "network")),
            Holding("learning.Answer", ("text", "rating", "answered_by")),
        ),
        recipients=_("ทีมอำเภอและส่วนกลาง; สรุปผลเผยแพร่โดยไม่ระบุชื่อผู้ให้ความเห็น"),
        retention=_("ตลอดระยะโครงการ (ไม่มีการลบอัตโนมัติ)"),
        security=SECURITY_MEASURES,
        source=_("การสนทนากลุ่มในพื้นที่"),
    ),
    Activity(
        code="accounts",
        name=_("บัญชีผู้ใช้ สิทธิ์ และการเข้าสู่ระบบ"),
        purpose=_("ยืนยันตัวตนผู้ใช้ กำหนดบทบาทและพื้นที่ และป้องกันการเข้าถึงโดยไม่ได้รับอนุญาต"),
        legal_basis=_(
            "มาตรา 24(4) ภารกิจของรัฐ และมาตรา 24(6) การปฏิบัติตามกฎหมาย (หน้าที่จัดให้มีมาตรการรักษาความมั่นคงปลอดภัย ตามมาตรา 37(1))"
        ),
        data_subjects=_("ผู้ใช้ระบบ: เจ้าหน้าที่กระทรวงมหาดไทย จังหวัด อำเภอ ภาคสนาม และหน่วยงานภาคี"),
        data_categories=_(
            "ชื่อผู้ใช้ ชื่อ-นามสกุล ตำแหน่ง หน่วยงาน อีเมล โทรศัพท์ รหัสผ่าน (แฮช) บทบาทและพื้นที่ กุญแจ TOTP "
            "หมายเลขไอพีและโปรแกรมที่ใช้เข้าสู่ระบบ และชื่อผู้บันทึก/แก้ไขในทุกตาราง (created_by, actor)"
        ),
        holdings=(
            Holding(
                "accounts.User",
                (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "phone",
                    "position",
                    "organisation",
                    "password",
                    "last_login",
                ),
            ),
            Holding("accounts.RoleAssignment", ("user", "role", "area", "agency")),
            Holding("authtoken.Token", ("key", "user")),
            Holding("otp_totp.TOTPDevice", ("user", "key", "last_used_at")),
            Holding("sessions.Session", ("session_data",)),
            Holding("axes.AccessAttempt", ("username", "ip_address", "user_agent")),
            Holding("axes.AccessLog", ("username", "ip_address", "user_agent")),
            Holding("axes.AccessFailureLog", ("username", "ip_address", "user_agent")),
        ),
        recipients=_("ผู้ดูแลระบบส่วนกลางและผู้ตรวจสอบ"),
        retention=_(
            "ตลอดระยะที่เป็นผู้ใช้; บัญชีที่เลิกใช้ถูกระงับ (ไม่ลบ) เพื่อคงประวัติการทำงาน; เซสชันถูกลบเมื่อหมดอายุ และบันทึก"
            "การพยายามเข้าสู่ระบบถูกลบเมื่อครบ 90 วัน ตามกฎการเก็บรักษาของระบบ (ค่าเริ่มต้น)"
        ),
        retention_rules=("sessions", "login_attempts"),
        security=_("รหัสผ่านเก็บเป็นแฮช · ตรวจความแข็งแรงรหัสผ่าน · ล็อกบัญชีเมื่อผิดซ้ำ · TOTP สำหรับบทบาทส่วนกลาง"),
        source=_("ผู้ดูแลระบบสร้างบัญชี · ผู้ใช้เข้าสู่ระบบ"),
    ),
    Activity(
        code="audit",
        name=_("บันทึกการเปลี่ยนแปลงและการเข้าถึงข้อมูล"),
        purpose=_("ตรวจสอบย้อนหลังได้ว่าใครดู ส่งออก หรือแก้ไขข้อมูลส่วนบุคคลใด เมื่อใด เพื่อความมั่นคงปลอดภัยและความรับผิดชอบ"),
        legal_basis=_("มาตรา 24(6) การปฏิบัติตามกฎหมาย (มาตรา 37(1) มาตรการรักษาความมั่นคงปลอดภัย) และมาตรา 24(4)"),
        data_subjects=_("ผู้ใช้ระบบ และครัวเรือนที่ถูกเปิดดูหรือแก้ไข (อ้างอิงด้วยรหัสเท่านั้น)"),
        data_categories=_(
            "ชื่อผู้ใช้ หมายเลขไอพี เวลา รหัสบ้าน/รหัสข้อมูล ค่าก่อนและหลังการแก้ไข (เลขประจำตัวประชาชนและข้อมูลลับบันทึกเพียงว่ามีการเปลี่ยน)"
        ),
        holdings=(
            Holding("audit.ChangeLogEntry", ("actor", "actor_username", "object_repr", "house_code", "changes")),
            Holding("audit.AccessLogEntry", ("user", "username", "household_id", "house_code", "detail", "ip")),
        ),
        recipients=_("ผู้ตรวจสอบและผู้ดูแลระบบส่วนกลางเท่านั้น"),
        retention=_(
            "5 ปี ระหว่างนั้นแก้ไขหรือลบไม่ได้ (ทริกเกอร์ในฐานข้อมูล) เมื่อครบกำหนดผู้ดูแลฐานข้อมูลเก็บถาวรแล้วลบนอกโปรแกรม "
            "ระบบไม่มีช่องทางลบบันทึกเหล่านี้"
        ),
        retention_rules=("audit_logs",),
        security=_("เพิ่มได้อย่างเดียว แก้ไข/ลบไม่ได้ทั้งในโปรแกรมและฐานข้อมูล · อ่านได้เฉพาะผู้ตรวจสอบ"),
        source=_("ระบบบันทึกอัตโนมัติ"),
    ),
    Activity(
        code="data-subject-requests",
        name=_("คำขอใช้สิทธิของเจ้าของข้อมูล"),
        purpose=_("รับและดำเนินการตามคำขอใช้สิทธิ (เข้าถึง แก้ไข ลบ ระงับ คัดค้าน) ภายใน 30 วัน"),
        legal_basis=_("มาตรา 24(6) การปฏิบัติตามกฎหมาย (มาตรา 30–35)"),
        data_subjects=_("ผู้ยื่นคำขอ (เจ้าของข้อมูลหรือผู้แทน)"),
        data_categories=_("ชื่อผู้ยื่นคำขอ เอกสารยืนยันตัวตนที่ตรวจ รายละเอียดคำขอ ผลการดำเนินการ สำเนาข้อมูลที่ส่งมอบ"),
        holdings=(
            Holding(
                "privacy.DataSubjectRequest",
                (
                    "household",
                    "member",
                    "subject_name",
                    "identity_document",
                    "details",
                    "outcome",
                    "copy_json",
                    "copy_xlsx",
                ),
            ),
            Holding("privacy.RequestEvent", ("note", "data")),
            Holding("privacy.Restriction", ("household", "request", "lifted_note")),
        ),
        recipients=_("เจ้าหน้าที่อำเภอที่รับคำขอ และผู้ดูแลระบบส่วนกลาง"),
        retention=_("คำขอเก็บเป็นหลักฐานการปฏิบัติตามกฎหมาย; ไฟล์สำเนาข้อมูลถูกลบ 90 วันหลังปิดคำขอตามกฎการเก็บรักษาของระบบ"),
        retention_rules=("request_files",),
        security=SECURITY_MEASURES,
        source=_("เจ้าของข้อมูลยื่นคำขอที่ที่ว่าการอำเภอ"),
    ),
    Activity(
        code="breaches",
        name=_("บันทึกเหตุการละเมิดข้อมูลส่วนบุคคล"),
        purpose=_("บันทึก ประเมิน และแจ้งเหตุการละเมิดข้อมูลส่วนบุคคลต่อ สคส. ภายใน 72 ชั่วโมง และแจ้งเจ้าของข้อมูลเมื่อมีความเสี่ยงสูง"),
        legal_basis=_("มาตรา 24(6) การปฏิบัติตามกฎหมาย (มาตรา 37(4))"),
        data_subjects=_("ผู้แจ้งเหตุ (เจ้าหน้าที่) และเจ้าของข้อมูลที่ได้รับผลกระทบ (ระบุเป็นจำนวนโดยประมาณ)"),
        data_categories=_("ชื่อผู้แจ้ง รายละเอียดเหตุการณ์ พื้นที่ ประเภทข้อมูล และจำนวนผู้ได้รับผลกระทบ"),
        holdings=(
            Holding("governance.Breach", ("description", "reported_by", "people_affected", "subjects_notice")),
            Holding("governance.BreachEvent", ("note", "data", "actor")),
        ),
        recipients=_("ผู้ดูแลระบบส่วนกลาง ผู้ตรวจสอบ นายอำเภอของพื้นที่ และ สคส. (เมื่อแจ้ง)"),
        retention=_("เก็บเป็นหลักฐานการปฏิบัติตามกฎหมาย ไม่มีการลบอัตโนมัติ"),
        security=_("เฉพาะผู้ดูแลระบบส่วนกลาง ผู้ตรวจสอบ และนายอำเภอของพื้นที่ · ทุกการเปลี่ยนแปลงมีประวัติ"),
        source=_("นายอำเภอแจ้งเหตุ · ผู้ดูแลระบบส่วนกลางบันทึก"),
    ),
)

# Models of the apps the ROPA test walks that hold no personal data, and why.
NOT_PERSONAL: dict[str, str] = {
    "training.Course": "course title, kind and organising area; its creator is a user (accounts activity)",
    "training.TrainingSession": "dates, times and place of a course run",
    "training.AttendanceSlot": "the half-day slots of a session",
    "training.BorderProvince": "reference list of border provinces",
    "privacy.PurgeRun": "counts of rows purged per rule; the actor is a user (accounts activity)",
}


def by_code(code: str) -> Activity | None:
    return next((activity for activity in ACTIVITIES if activity.code == code), None)


def named_models() -> set[str]:
    return {holding.model for activity in ACTIVITIES for holding in activity.holdings}


HEADER = (
    _("รหัส"),
    _("กิจกรรมการประมวลผล"),
    _("วัตถุประสงค์"),
    _("ฐานทางกฎหมาย"),
    _("ฐานสำหรับข้อมูลอ่อนไหว (มาตรา 26)"),
    _("เจ้าของข้อมูล"),
    _("ประเภทข้อมูล"),
    _("ตารางและฟิลด์ในระบบ"),
    _("ผู้รับข้อมูล"),
    _("ระยะเวลาเก็บรักษา"),
    _("มาตรการรักษาความมั่นคงปลอดภัย"),
    _("การส่งไปต่างประเทศ"),
    _("แหล่งที่มา"),
)


def rows() -> list[list[str]]:
    """The record as table rows (the page's downloads), in the order of ``HEADER``."""
    return [
        [
            activity.code,
            str(activity.name),
            str(activity.purpose),
            str(activity.legal_basis),
            str(activity.sensitive_basis),
            str(activity.data_subjects),
            str(activity.data_categories),
            "; ".join(f"{h.model} ({', '.join(h.fields)})" for h in activity.holdings),
            str(activity.recipients),
            str(activity.retention),
            str(activity.security),
            str(activity.transfers),
            str(activity.source),
        ]
        for activity in ACTIVITIES
    ]
