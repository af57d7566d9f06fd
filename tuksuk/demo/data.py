"""The demo world: who logs in, where, and the names villages get. Deterministic (seeded)."""

DEMO_PASSWORD = "demo-tuksuk-2565"
SEED = 2565

# (username, first name, last name, position, [(role, area code or None[, agency code])])
USERS = [
    ("admin", "สมชาย", "ใจดี", "ผู้ดูแลระบบ สป.มท.", [("ministry_admin", None)]),
    ("viewer", "วิภา", "รักษ์ไทย", "นักวิเคราะห์นโยบาย กรมการปกครอง", [("ministry_viewer", None)]),
    ("chiangrai", "ประเสริฐ", "คงมั่น", "สำนักงานจังหวัดเชียงราย", [("province_officer", "57")]),
    ("chiangkhong_chief", "ธนพล", "ศรีสุข", "นายอำเภอเชียงของ", [("district_chief", "5703")]),
    ("chiangkhong_team", "มาลี", "บุญมา", "ปลัดอำเภอ ทีมอำเภอเชียงของ", [("district_team", "5703")]),
    ("wiang_field", "สมศักดิ์", "ทองดี", "กำนันตำบลเวียง", [("field_worker", "570301")]),
    ("pea_chiangkhong", "อรุณี", "แสงทอง", "การไฟฟ้าส่วนภูมิภาคอำเภอเชียงของ", [("agency_staff", "5703", "PEA")]),
    ("thepha_chief", "อับดุลเลาะ", "หะยีสาและ", "นายอำเภอเทพา", [("district_chief", "9005")]),
    ("prangku_team", "สุนันทา", "พรหมมา", "ทีมอำเภอปรางค์กู่", [("district_team", "3307")]),
    ("newcomer", "ชาตรี", "ยังไม่มีพื้นที่", "ผู้ใช้ใหม่ (ยังไม่ได้รับมอบหมาย)", []),
]

# Pilot districts that get villages (and, as the domain apps arrive, households, stories and projects).
DEMO_DISTRICTS = ["5703", "6205", "3307", "9005"]

VILLAGE_NAMES = [
    "หนองบัว", "ดอนแก้ว", "ป่าสัก", "ห้วยทราย", "โนนสูง", "นาดี", "สันติสุข", "ทุ่งเจริญ", "หนองแวง", "ท่าข้าม",
    "ศรีดอนชัย", "โคกกลาง", "ห้วยลึก", "ปากอิง", "แม่ลอย", "บ่อแก้ว", "นาเจริญ", "ดงมะไฟ", "สามัคคี", "หัวเวียง",
    "ใหม่พัฒนา", "คลองน้ำใส", "ทุ่งยาว", "ควนโดน", "บางหมาก", "วังตะเคียน", "หนองหอย", "โพธิ์ทอง", "ร่มเย็น", "ทับทิม",
]  # fmt: skip
