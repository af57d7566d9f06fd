"""Forms of the selection pages. The judging form is built from the round's criteria (one page, every criterion)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tuksuk.areas.choices import AreaLevel, PilotLevel
from tuksuk.areas.models import Area

from . import metrics
from .choices import RoundKind

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
AREA = forms.Textarea(attrs={"rows": 3, "class": "form-control"})
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"})


class RoundForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภทรอบ"), choices=RoundKind.choices, widget=forms.Select(attrs=SELECT))
    title = forms.CharField(label=_("ชื่อรอบ"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    programme_year = forms.IntegerField(
        label=_("ปีงบประมาณ (พ.ศ.)"),
        min_value=2500,
        max_value=2700,
        initial=lambda: settings.TUKSUK_PROGRAMME_YEAR,
        widget=forms.NumberInput(attrs=TEXT),
    )
    level = forms.ChoiceField(label=_("ระดับ"), choices=PilotLevel.choices, widget=forms.Select(attrs=SELECT))
    deadline = forms.DateTimeField(
        label=_("ปิดรับสมัคร"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local", "class": "form-control"}),
    )
    period_start = forms.DateField(label=_("ช่วงข้อมูลตั้งแต่"), required=False, widget=DATE)
    period_end = forms.DateField(label=_("ช่วงข้อมูลถึง"), required=False, widget=DATE)
    eligible_areas = forms.ModelMultipleChoiceField(
        label=_("พื้นที่ที่มีสิทธิ์ (เว้นว่าง = ทุกพื้นที่)"),
        required=False,
        queryset=Area.objects.filter(level__in=(AreaLevel.REGION, AreaLevel.GROUP, AreaLevel.PROVINCE)).order_by(
            "code"
        ),
        widget=forms.SelectMultiple(attrs={**SELECT, "size": 8}),
    )
    description = forms.CharField(label=_("รายละเอียด"), required=False, widget=AREA)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("วันสิ้นสุดช่วงข้อมูลต้องไม่ก่อนวันเริ่ม"))
        return data


class CriterionForm(forms.Form):
    number = forms.CharField(label=_("ข้อ"), max_length=10, widget=forms.TextInput(attrs=TEXT))
    title = forms.CharField(label=_("เกณฑ์"), max_length=500, widget=forms.TextInput(attrs=TEXT))
    max_points = forms.DecimalField(
        label=_("คะแนนเต็ม"),
        min_value=0.01,
        max_digits=6,
        decimal_places=2,
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.01"}),
    )
    parent = forms.ModelChoiceField(
        label=_("เป็นเกณฑ์ย่อยของข้อ"), required=False, queryset=None, widget=forms.Select(attrs=SELECT)
    )
    data_source = forms.ChoiceField(
        label=_("แหล่งข้อมูลสำหรับเสนอคะแนน"), required=False, choices=(), widget=forms.Select(attrs=SELECT)
    )
    guidance = forms.CharField(label=_("แนวทางการให้คะแนน"), required=False, widget=AREA)
    order = forms.IntegerField(label=_("ลำดับ"), min_value=0, required=False, widget=forms.NumberInput(attrs=TEXT))

    def __init__(self, *args, round, exclude=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        parents = round.criteria.filter(parent__isnull=True)
        if exclude is not None:
            parents = parents.exclude(pk=exclude.pk)
        self.fields["parent"].queryset = parents
        self.fields["data_source"].choices = metrics.choices()


class ApplicationForm(forms.Form):
    district = forms.ModelChoiceField(label=_("อำเภอ"), queryset=Area.objects.none(), widget=forms.Select(attrs=SELECT))
    service_record = forms.CharField(label=_("ประวัติการรับราชการของนายอำเภอ"), required=False, widget=AREA)
    inspiration = forms.CharField(label=_("แรงบันดาลใจ"), required=False, widget=AREA)
    team_readiness = forms.CharField(label=_("ความพร้อมของทีมอำเภอ"), required=False, widget=AREA)
    proposal = forms.CharField(label=_("ข้อเสนอโครงการ/ผลการดำเนินงาน"), required=False, widget=AREA)
    video_url = forms.URLField(
        label=_("ลิงก์คลิปวิดีโอ"), required=False, max_length=500, assume_scheme="https", widget=forms.URLInput(attrs=TEXT)
    )
    contact = forms.CharField(
        label=_("ผู้ประสานงานและโทรศัพท์"), required=False, max_length=200, widget=forms.TextInput(attrs=TEXT)
    )

    def __init__(self, *args, districts=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if districts is not None:
            self.fields["district"].queryset = districts


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์ภาพหรือวิดีโอ"))
    caption = forms.CharField(label=_("คำอธิบาย"), required=False, max_length=300, widget=forms.TextInput(attrs=TEXT))


class JudgeForm(forms.Form):
    username = forms.CharField(label=_("ชื่อผู้ใช้ของกรรมการ"), max_length=150, widget=forms.TextInput(attrs=TEXT))
    applications = forms.ModelMultipleChoiceField(
        label=_("ใบสมัครที่ให้คะแนน (เว้นว่าง = ทุกใบ)"),
        required=False,
        queryset=None,
        widget=forms.SelectMultiple(attrs={**SELECT, "size": 6}),
    )

    def __init__(self, *args, round, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = round.applications.select_related("district")
        self.fields["applications"].label_from_instance = lambda a: a.district.full_name


class AwardForm(forms.Form):
    district = forms.ChoiceField(label=_("อำเภอ"), choices=(), widget=forms.Select(attrs=SELECT))
    title = forms.CharField(label=_("ชื่อรางวัล"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    rank = forms.IntegerField(
        label=_("อันดับ"), min_value=1, max_value=999, required=False, widget=forms.NumberInput(attrs=TEXT)
    )

    def __init__(self, *args, round, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        rows = round.applications.filter(status="submitted").select_related("district").order_by("district_id")
        self.fields["district"].choices = [(a.district_id, a.district.full_name) for a in rows]


def form_errors(form: forms.Form) -> str:
    """A form's errors in one line, for a message after a redirect."""
    return " ".join(
        f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
        for name, errors in form.errors.items()
        for error in errors
    )
