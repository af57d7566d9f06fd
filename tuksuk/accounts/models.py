"""Users and their role assignments. Who sees what is decided in ``scope.py`` from these rows."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import NATIONAL_ROLES, ROLE_AREA_LEVELS, Role


class User(AbstractUser):
    """A person who logs in to Tuksuk: ministry, province, district, field or partner-agency staff."""

    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    organisation = models.CharField(_("หน่วยงาน"), max_length=200, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("ผู้ใช้")
        verbose_name_plural = _("ผู้ใช้")
        ordering = ("username",)

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self):  # type: ignore[no-untyped-def]
        return self.filter(revoked_at__isnull=True)


class RoleAssignment(models.Model):
    """One role a user holds in one area (or nationally). Revoked, never deleted: the history stays."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("ผู้ใช้"),
    )
    role = models.CharField(_("บทบาท"), max_length=32, choices=Role.choices)
    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("พื้นที่"),
        help_text=_("เว้นว่างสำหรับบทบาทส่วนกลาง"),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("หน่วยงาน"),
        help_text=_("สำหรับเจ้าหน้าที่หน่วยงานภาคี: เห็นเฉพาะเรื่องที่มอบหมายให้หน่วยงานนี้"),
    )
    created_at = models.DateTimeField(_("มอบหมายเมื่อ"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("มอบหมายโดย"),
    )
    revoked_at = models.DateTimeField(_("ยกเลิกเมื่อ"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ยกเลิกโดย"),
    )

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("การมอบหมายบทบาท")
        verbose_name_plural = _("การมอบหมายบทบาท")
        ordering = ("user", "role", "area")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "role", "area"),
                condition=models.Q(revoked_at__isnull=True, agency__isnull=True),
                name="unique_active_role_assignment",
                violation_error_message=_("ผู้ใช้นี้มีบทบาทนี้ในพื้นที่นี้อยู่แล้ว"),
            ),
            models.UniqueConstraint(
                fields=("user", "role", "area", "agency"),
                condition=models.Q(revoked_at__isnull=True, agency__isnull=False),
                name="unique_active_agency_assignment",
                violation_error_message=_("ผู้ใช้นี้มีบทบาทนี้ในพื้นที่นี้สำหรับหน่วยงานนี้อยู่แล้ว"),
            ),
            models.UniqueConstraint(
                fields=("user", "role"),
                condition=models.Q(revoked_at__isnull=True, area__isnull=True),
                name="unique_active_national_role",
                violation_error_message=_("ผู้ใช้นี้มีบทบาทนี้อยู่แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        area = self.area.name_th if self.area_id else _("ทั่วประเทศ")
        agency = f" · {self.agency.code}" if self.agency_id else ""
        return f"{self.get_role_display()} · {area}{agency}"

    def clean(self) -> None:
        if self.role == Role.AGENCY_STAFF and not self.agency_id:
            raise ValidationError({"agency": _("เจ้าหน้าที่หน่วยงานภาคีต้องระบุหน่วยงาน")})
        if self.role != Role.AGENCY_STAFF and self.agency_id:
            raise ValidationError({"agency": _("ระบุหน่วยงานได้เฉพาะบทบาทเจ้าหน้าที่หน่วยงานภาคี")})
        if self.role in NATIONAL_ROLES:
            if self.area_id:
                raise ValidationError({"area": _("บทบาทส่วนกลางไม่ต้องระบุพื้นที่")})
            return
        if not self.area_id:
            raise ValidationError({"area": _("บทบาทนี้ต้องระบุพื้นที่")})
        allowed = ROLE_AREA_LEVELS.get(self.role, frozenset())
        if self.area.level not in allowed:
            raise ValidationError({"area": _("บทบาทนี้มอบหมายได้เฉพาะพื้นที่ระดับ: %(levels)s") % {"levels": _levels(allowed)}})


def _levels(levels: frozenset[str]) -> str:
    from tuksuk.areas.models import AreaLevel

    return ", ".join(str(label) for value, label in AreaLevel.choices if value in levels)
