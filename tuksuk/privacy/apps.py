from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "tuksuk.privacy"
    label = "privacy"
    verbose_name = _("สิทธิของเจ้าของข้อมูลและการเก็บรักษา")

    def ready(self) -> None:
        """Refuse proposing or publishing a restricted household's story on the public site (restrictions.py)."""
        from . import restrictions

        restrictions.connect()
