"""The audit trail: an append-only change log of every record and an access log of personal data.

Rows are written once and never changed: the models refuse ``save()`` of an existing row and ``delete()``, their
querysets refuse ``update()`` and ``delete()``, the admin is read-only, and the database itself rejects UPDATE and
DELETE on both tables with a trigger (migration 0002, PostgreSQL and SQLite).

Users are referenced without a database constraint (``db_constraint=False``) and their username is copied into the
row, so the log outlives any change to the user table and never needs an update.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import AccessAction, ChangeAction, Source


class AppendOnlyError(RuntimeError):
    """An attempt to change or remove an audit row."""


class AuditQuerySet(models.QuerySet):
    """Rows that can be added and read, never changed. Only auditors and ministry administrators see any."""

    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("audit log rows cannot be updated")

    def delete(self):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("audit log rows cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("audit log rows cannot be updated")

    def visible_to(self, user):  # type: ignore[no-untyped-def]
        from .permissions import can_audit

        return self.all() if can_audit(user) else self.none()


class AppendOnlyModel(models.Model):
    """Saved once, then read only."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise AppendOnlyError("audit log rows cannot be updated")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("audit log rows cannot be deleted")


def _user_fk(verbose_name):  # type: ignore[no-untyped-def]
    # Not indexed alone: each log has a (user, at) index that serves every lookup by user.
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
        db_index=False,
    )


class ChangeLogEntry(AppendOnlyModel):
    """One saved change of one record: who, when, from where, and each changed field's value before and after.

    ``root_type``/``root_id`` name the record whose History tab shows the row (a member's change shows on its
    household, an action's on its story, a budget line's on its project). Secret fields (citizen ID ciphertext,
    keyed hashes, passwords, tokens) are recorded as ``{"changed": true}`` and never with a value.
    """

    at = models.DateTimeField(_("เมื่อ"), default=timezone.now, db_index=True)
    actor = _user_fk(_("ผู้ดำเนินการ"))
    actor_username = models.CharField(_("ชื่อผู้ใช้"), max_length=150, blank=True)
    source = models.CharField(_("ช่องทาง"), max_length=12, choices=Source.choices, default=Source.SYSTEM)
    request_id = models.CharField(_("รหัสคำขอ"), max_length=64, blank=True)
    action = models.CharField(_("การเปลี่ยนแปลง"), max_length=8, choices=ChangeAction.choices)
    object_type = models.CharField(_("ชนิดข้อมูล"), max_length=100)
    object_id = models.CharField(_("รหัสข้อมูล"), max_length=64)
    object_repr = models.CharField(_("ข้อมูล"), max_length=200, blank=True)
    root_type = models.CharField(_("ชนิดข้อมูลหลัก"), max_length=100)
    root_id = models.CharField(_("รหัสข้อมูลหลัก"), max_length=64)
    house_code = models.CharField(_("รหัสบ้าน"), max_length=11, blank=True)
    area_code = models.CharField(_("รหัสพื้นที่"), max_length=8, blank=True)
    changes = models.JSONField(_("รายการที่เปลี่ยน"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("บันทึกการเปลี่ยนแปลงข้อมูล")
        verbose_name_plural = _("บันทึกการเปลี่ยนแปลงข้อมูล")
        ordering = ("-at", "-id")
        # Written on every change (and the access log on every read of personal data), so only the indexes the
        # log's searches use: request ids and house codes matched exactly (one plain index each, none of Django's
        # extra LIKE indexes), area codes by prefix (one pattern index serves the prefix and equality alike).
        indexes = [
            models.Index(fields=("root_type", "root_id", "at"), name="change_by_root"),
            models.Index(fields=("actor", "at"), name="change_by_actor"),
            models.Index(fields=("object_type", "object_id"), name="change_by_object"),
            models.Index(fields=("request_id",), name="change_by_request"),
            models.Index(fields=("house_code",), name="change_by_house"),
            models.Index(fields=("area_code",), name="change_by_area", opclasses=("varchar_pattern_ops",)),
        ]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} {self.action}"


class AccessLogEntry(AppendOnlyModel):
    """One view, export, API read or download of personal data, or one login or permission change.

    Holds identifiers only (house code, household id, object id, username, address): never names, citizen IDs or
    other contents. An export is one row naming its filter and row count.
    """

    at = models.DateTimeField(_("เมื่อ"), default=timezone.now, db_index=True)
    user = _user_fk(_("ผู้ใช้"))
    username = models.CharField(_("ชื่อผู้ใช้"), max_length=150, blank=True, db_index=True)
    action = models.CharField(_("การกระทำ"), max_length=20, choices=AccessAction.choices)
    source = models.CharField(_("ช่องทาง"), max_length=12, choices=Source.choices, default=Source.WEB)
    object_type = models.CharField(_("ชนิดข้อมูล"), max_length=100, blank=True)
    object_id = models.CharField(_("รหัสข้อมูล"), max_length=64, blank=True)
    household_id = models.BigIntegerField(_("รหัสครัวเรือนในระบบ"), null=True, blank=True)
    house_code = models.CharField(_("รหัสบ้าน"), max_length=11, blank=True)
    area_code = models.CharField(_("รหัสพื้นที่"), max_length=8, blank=True)
    row_count = models.PositiveIntegerField(_("จำนวนแถว"), null=True, blank=True)
    detail = models.JSONField(_("รายละเอียด"), default=dict, blank=True)
    request_id = models.CharField(_("รหัสคำขอ"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("หมายเลขไอพี"), null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("บันทึกการเข้าถึงข้อมูล")
        verbose_name_plural = _("บันทึกการเข้าถึงข้อมูล")
        ordering = ("-at", "-id")
        indexes = [
            models.Index(fields=("house_code", "at"), name="access_by_house"),
            models.Index(fields=("user", "at"), name="access_by_user"),
            models.Index(fields=("object_type", "object_id"), name="access_by_object"),
            models.Index(fields=("request_id",), name="access_by_request"),
            models.Index(fields=("area_code",), name="access_by_area", opclasses=("varchar_pattern_ops",)),
        ]

    def __str__(self) -> str:
        return f"{self.username} {self.action} {self.object_type} {self.object_id}"
