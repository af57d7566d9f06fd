from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "tuksuk.audit"
    label = "audit"
    verbose_name = _("บันทึกการตรวจสอบ")

    def ready(self) -> None:
        """Listen to the saves and deletes of every tracked model (the change log) and to logins (the access log).

        Receivers are connected per model, so deletes of untracked tables (sessions, lockout attempts) keep
        Django's fast path.
        """
        from django.apps import apps
        from django.contrib.auth import signals as auth
        from django.db.models import signals

        from . import changes, security, tracking

        for model in apps.get_models():
            if tracking.is_tracked(model):
                uid = model._meta.label_lower
                signals.pre_save.connect(changes.on_pre_save, sender=model, dispatch_uid=f"audit_pre_save_{uid}")
                signals.post_save.connect(changes.on_post_save, sender=model, dispatch_uid=f"audit_post_save_{uid}")
                signals.post_delete.connect(changes.on_post_delete, sender=model, dispatch_uid=f"audit_delete_{uid}")
        signals.m2m_changed.connect(changes.on_m2m_changed, dispatch_uid="audit_m2m_changed")
        auth.user_logged_in.connect(security.on_logged_in, dispatch_uid="audit_logged_in")
        auth.user_logged_out.connect(security.on_logged_out, dispatch_uid="audit_logged_out")
        auth.user_login_failed.connect(security.on_login_failed, dispatch_uid="audit_login_failed")
