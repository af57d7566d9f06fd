"""Forms of the training pages: courses, sessions, participants, reasons, check-in and verification codes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area
from tuksuk.projects.choices import PartnerNetwork

from .choices import CertificateKind, CourseKind

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"})
TIME = forms.TimeInput(format="%H:%M", attrs={"type": "time", "class": "form-control"})


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):  # type: ignore[no-untyped-def]
        if obj.level == AreaLevel.DISTRICT and obj.parent_id:
            return f"{obj.full_name} {obj.parent.full_name}"
        return obj.full_name


class CourseForm(forms.Form):
    title = forms.CharField(label=_("ชื่อหลักสูตร"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    kind = forms.ChoiceField(label=_("ประเภท"), choices=CourseKind.choices, widget=forms.Select(attrs=SELECT))
    area = AreaChoiceField(
        label=_("ผู้จัด"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("ส่วนกลาง (กระทรวงมหาดไทย)"),
        widget=forms.Select(attrs=SELECT),
    )
    certificate_kind = forms.ChoiceField(
        label=_("ชนิดเกียรติบัตร"), choices=CertificateKind.choices, widget=forms.Select(attrs=SELECT)
    )
    description = forms.CharField(
        label=_("รายละเอียด"), required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )

    def __init__(self, *args, provinces=None, national: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = provinces if provinces is not None else Area.objects.none()
        self.fields["area"].required = not national
        if not national:
            self.fields["area"].empty_label = None


class SessionForm(forms.Form):
    title = forms.CharField(label=_("ชื่อรุ่น/ช่วง"), max_length=200, initial=_("รุ่นที่ 1"), widget=forms.TextInput(attrs=TEXT))
    starts_on = forms.DateField(label=_("วันเริ่ม"), widget=DATE)
    ends_on = forms.DateField(label=_("วันสิ้นสุด"), widget=DATE)
    start_time = forms.TimeField(label=_("เวลาเริ่มแต่ละวัน"), initial="08:30", widget=TIME)
    end_time = forms.TimeField(label=_("เวลาเลิกแต่ละวัน"), initial="16:30", widget=TIME)
    province = AreaChoiceField(
        label=_("จังหวัดที่จัด"),
        queryset=Area.objects.filter(level=AreaLevel.PROVINCE).order_by("name_th"),
        widget=forms.Select(attrs=SELECT),
    )
    place = forms.CharField(label=_("สถานที่"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    acknowledge_friday = forms.BooleanField(
        label=_("รับทราบคำเตือนเรื่องบ่ายวันศุกร์ในจังหวัดชายแดนภาคใต้ และยืนยันกำหนดการนี้"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"))
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", _("เวลาเลิกต้องหลังเวลาเริ่ม"))
        return data


class ParticipantForm(forms.Form):
    full_name = forms.CharField(label=_("ชื่อ-นามสกุล"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    position = forms.CharField(label=_("ตำแหน่ง"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT))
    organisation = forms.CharField(
        label=_("หน่วยงาน/สังกัด"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    district = AreaChoiceField(label=_("อำเภอ"), queryset=Area.objects.none(), widget=forms.Select(attrs=SELECT))
    network = forms.ChoiceField(
        label=_("ภาคีเครือข่าย"), choices=PartnerNetwork.choices, widget=forms.Select(attrs=SELECT)
    )
    phone = forms.RegexField(
        label=_("โทรศัพท์"),
        regex=r"^[0-9+\- ]{9,20}$",
        required=False,
        error_messages={"invalid": _("กรุณากรอกหมายเลขโทรศัพท์เป็นตัวเลข 9–10 หลัก")},
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "tel"}),
    )

    def __init__(self, *args, districts=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if districts is not None:
            self.fields["district"].queryset = districts


class ReasonForm(forms.Form):
    text = forms.CharField(
        label=_("เหตุผลการขาด"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("ยอมรับ")), ("reject", _("ไม่ยอมรับ"))])
    note = forms.CharField(label=_("หมายเหตุ"), max_length=300, required=False)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("รหัส"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                **TEXT,
                "autocapitalize": "characters",
                "autocomplete": "off",
                "class": "form-control form-control-lg",
            }
        ),
    )
