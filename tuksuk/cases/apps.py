from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "tuksuk.cases"
    label = "cases"
    verbose_name = _("เรื่องราวและการแก้ไขปัญหา")
