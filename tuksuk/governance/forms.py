"""Forms of the breach log. Times are typed in local time (Asia/Bangkok) with the browser's date-time picker."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import DataCategory, RiskLevel

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "form-control"})


def _moment(label, *, required: bool = True, help_text="") -> forms.DateTimeField:  # type: ignore[no-untyped-def]
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(format=DATETIME_FORMAT, attrs={"type": "datetime-local", **TEXT}),
    )


class BreachReportForm(forms.Form):
    """What a district chief reports; a ministry administrator also assesses (``BreachForm``)."""

    title = forms.CharField(label=_("เรื่อง"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    description = forms.CharField(
        label=_("รายละเอียดเหตุการณ์"),
        widget=_area(5),
        help_text=_("เกิดอะไรขึ้น ข้อมูลหลุดไปทางใด ใครพบ ห้ามใส่เลขประจำตัวประชาชนหรือรายชื่อผู้ได้รับผลกระทบ"),
    )
    discovered_at = _moment(_("ทราบเหตุเมื่อ"), help_text=_("เริ่มนับกำหนดแจ้ง สคส. ภายใน 72 ชั่วโมงจากเวลานี้"))
    occurred_at = _moment(_("เกิดเหตุเมื่อ (ถ้าทราบ)"), required=False)
    district = forms.ChoiceField(label=_("อำเภอที่เกิดเหตุ"), choices=(), widget=forms.Select(attrs=SELECT))
    data_categories = forms.MultipleChoiceField(
        label=_("ประเภทข้อมูลที่เกี่ยวข้อง"),
        choices=DataCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    people_affected = forms.IntegerField(
        label=_("จำนวนเจ้าของข้อมูลโดยประมาณ"),
        required=False,
        min_value=0,
        max_value=100_000_000,
        widget=forms.NumberInput(attrs=TEXT),
    )
    containment = forms.CharField(label=_("มาตรการที่ดำเนินการแล้ว/จะดำเนินการ"), required=False, widget=_area(3))

    def __init__(self, *args, districts=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [(d.code, f"{d.full_name} {d.parent.full_name}") for d in districts]


class BreachForm(BreachReportForm):
    """The ministry's record: any provinces and districts, plus the risk assessment."""

    area_codes = forms.CharField(
        label=_("พื้นที่ที่ได้รับผลกระทบ"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={**TEXT, "placeholder": "57, 5703"}),
        help_text=_("รหัสจังหวัด 2 หลัก หรือรหัสอำเภอ 4 หลัก คั่นด้วยจุลภาค เว้นว่างถ้าเกี่ยวกับทั้งระบบ"),
    )
    risk = forms.ChoiceField(label=_("ระดับความเสี่ยง"), choices=RiskLevel.choices, widget=forms.Select(attrs=SELECT))
    likely_consequences = forms.CharField(label=_("ผลกระทบที่อาจเกิดขึ้นกับเจ้าของข้อมูล"), required=False, widget=_area(3))
    note = forms.CharField(label=_("บันทึกการแก้ไข"), required=False, max_length=2000, widget=_area(2))

    field_order = [
        "title",
        "description",
        "discovered_at",
        "occurred_at",
        "area_codes",
        "data_categories",
        "people_affected",
        "risk",
        "likely_consequences",
        "containment",
        "note",
    ]

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        del self.fields["district"]


class PdpcNotificationForm(forms.Form):
    notified_at = _moment(_("แจ้ง สคส. เมื่อ"))
    pdpc_ref = forms.CharField(
        label=_("เลขรับแจ้งของ สคส."), required=False, max_length=60, widget=forms.TextInput(attrs=TEXT)
    )
    late_reason = forms.CharField(
        label=_("เหตุผลที่แจ้งล่าช้า (ถ้าเกิน 72 ชั่วโมง)"), required=False, max_length=4000, widget=_area(2)
    )
    note = forms.CharField(label=_("บันทึก"), required=False, max_length=2000, widget=_area(2))


class SubjectNotificationForm(forms.Form):
    notified_at = _moment(_("แจ้งเจ้าของข้อมูลเมื่อ"))
    how = forms.CharField(
        label=_("วิธีแจ้ง"),
        max_length=4000,
        widget=_area(2),
        help_text=_("เช่น หนังสือแจ้งรายบุคคล เจ้าหน้าที่ลงพื้นที่ หรือประกาศที่ที่ว่าการอำเภอ"),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("เหตุผล"), max_length=4000, widget=_area(2))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("บันทึก"), max_length=4000, widget=_area(2))


class BreachFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("สถานะ"),
        choices=(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from .choices import BreachStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("ทุกสถานะ")), *BreachStatus.choices]


class CloseForm(forms.Form):
    note = forms.CharField(label=_("บันทึก"), required=False, max_length=4000, widget=_area(2))
