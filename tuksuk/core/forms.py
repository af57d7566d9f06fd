"""Form pieces every importer's upload page shares."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_IMPORT_MB = 50


def import_file_field(label, *, required: bool = True) -> forms.FileField:  # type: ignore[no-untyped-def]
    return forms.FileField(
        label=label,
        required=required,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx", "class": "form-control"}),
    )


def import_file_problem(upload) -> str | None:  # type: ignore[no-untyped-def]
    """Why an uploaded import file is refused before it is read (too big, not CSV/XLSX), or None."""
    if upload.size > MAX_IMPORT_MB * 1024 * 1024:
        return _("ไฟล์ใหญ่เกิน %(mb)d MB กรุณาแบ่งไฟล์") % {"mb": MAX_IMPORT_MB}
    if not upload.name.lower().endswith((".csv", ".xlsx")):
        return str(_("รับเฉพาะไฟล์ .csv หรือ .xlsx"))
    return None


class ImportOptionsForm(forms.Form):
    """Dry run and skip-invalid, as every import format defines them."""

    dry_run = forms.BooleanField(
        label=_("ตรวจสอบอย่างเดียว ยังไม่บันทึก"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    skip_invalid = forms.BooleanField(
        label=_("ข้ามแถวที่ผิด (บันทึกแถวที่ถูกต้อง และส่งแถวที่ผิดคืนเป็นไฟล์)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
