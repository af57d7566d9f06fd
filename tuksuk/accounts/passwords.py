"""Django's password rules with messages in Thai (Django's own Thai catalogue lacks them)."""

from django.contrib.auth import password_validation as django_rules
from django.utils.translation import gettext as _


class MinimumLengthValidator(django_rules.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย %(n)d ตัวอักษร") % {"n": self.min_length}

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องมีอย่างน้อย %(n)d ตัวอักษร") % {"n": self.min_length}


class UserAttributeSimilarityValidator(django_rules.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านคล้ายกับข้อมูลของผู้ใช้ (%(verbose_name)s) มากเกินไป")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่คล้ายกับชื่อหรืออีเมลของคุณ")


class CommonPasswordValidator(django_rules.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านนี้ใช้กันทั่วไป เดาได้ง่าย")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่ใช่รหัสที่ใช้กันทั่วไป")


class NumericPasswordValidator(django_rules.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด")
