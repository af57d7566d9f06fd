"""The kinds of rows in the change log and the access log, and where a change came from."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    CREATE = "create", _("สร้าง")
    UPDATE = "update", _("แก้ไข")
    DELETE = "delete", _("ลบ")


class AccessAction(models.TextChoices):
    VIEW = "view", _("เปิดดู")
    EXPORT = "export", _("ส่งออก")
    API = "api", _("เรียกผ่าน API")
    DOWNLOAD = "download", _("ดาวน์โหลดไฟล์")
    LOGIN = "login", _("เข้าสู่ระบบ")
    LOGIN_FAILED = "login_failed", _("เข้าสู่ระบบไม่สำเร็จ")
    LOGOUT = "logout", _("ออกจากระบบ")
    ROLE_GRANTED = "role_granted", _("มอบหมายบทบาท")
    ROLE_REVOKED = "role_revoked", _("ยกเลิกบทบาท")
    USER_DEACTIVATED = "user_deactivated", _("ระงับบัญชีผู้ใช้")
    USER_REACTIVATED = "user_reactivated", _("เปิดใช้บัญชีผู้ใช้อีกครั้ง")
    OTP_VERIFIED = "otp_verified", _("ยืนยันรหัสสองชั้นสำเร็จ")
    OTP_FAILED = "otp_failed", _("รหัสสองชั้นไม่ถูกต้อง")
    TWO_FACTOR_ENABLED = "2fa_enabled", _("เปิดการยืนยันตัวตนสองชั้น")
    TWO_FACTOR_DISABLED = "2fa_disabled", _("ปิดการยืนยันตัวตนสองชั้น")
    BACKUP_CODES_RENEWED = "2fa_codes_renewed", _("สร้างรหัสสำรองใหม่")
    PASSWORD_CHANGED = "password_changed", _("เปลี่ยนรหัสผ่าน")


# Access-log actions about accounts rather than personal data: logins and permission changes.
SECURITY_ACTIONS = frozenset(
    {
        AccessAction.LOGIN,
        AccessAction.LOGIN_FAILED,
        AccessAction.LOGOUT,
        AccessAction.ROLE_GRANTED,
        AccessAction.ROLE_REVOKED,
        AccessAction.USER_DEACTIVATED,
        AccessAction.USER_REACTIVATED,
        AccessAction.OTP_VERIFIED,
        AccessAction.OTP_FAILED,
        AccessAction.TWO_FACTOR_ENABLED,
        AccessAction.TWO_FACTOR_DISABLED,
        AccessAction.BACKUP_CODES_RENEWED,
        AccessAction.PASSWORD_CHANGED,
    }
)


class Source(models.TextChoices):
    WEB = "web", _("หน้าเว็บ")
    API = "api", _("API")
    IMPORT = "import", _("นำเข้าไฟล์")
    JOB = "job", _("งานเบื้องหลัง")
    COMMAND = "command", _("คำสั่งระบบ")
    DEMO = "demo", _("ข้อมูลสาธิต")
    SYSTEM = "system", _("ระบบ")
