"""Forms for recording stories, actions and status changes: few fields, big touch targets, Thai first."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.agencies.models import Agency
from tuksuk.core.forms import ImportOptionsForm, import_file_field, import_file_problem
from tuksuk.indicators.models import Category, Indicator

from .choices import Dimension, EvidencePhase, StoryStatus


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos or videos at once (``<input type=file multiple>``); each is checked by cases.media."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,video/*", "class": "form-control"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):  # type: ignore[no-untyped-def]
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class StoryForm(forms.Form):
    category = forms.ModelChoiceField(
        queryset=Category.objects.order_by("number"), label=_("ประเภทปัญหา"), widget=forms.RadioSelect, empty_label=None
    )
    indicators = forms.ModelMultipleChoiceField(
        queryset=Indicator.objects.select_related("category").order_by("number"),
        required=False,
        label=_("ตัวชี้วัด ThaiQM (เลือกได้หลายข้อ หรือไม่เลือก)"),
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("เล่าเรื่อง"), required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )
    files = MultipleFileField(label=_("ภาพถ่ายหรือวิดีโอ"))


class StoryEditForm(forms.Form):
    category = StoryForm.base_fields["category"]
    indicators = StoryForm.base_fields["indicators"]
    description = StoryForm.base_fields["description"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("เปลี่ยนเป็นสถานะ"), choices=StoryStatus.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    note = forms.CharField(
        label=_("บันทึก / เหตุผล"), required=False, widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )

    def __init__(self, *args, allowed: list[str] | None = None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["status"].choices = [(v, label) for v, label in StoryStatus.choices if v in allowed]


class AssignForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(is_active=True).order_by("kind", "code"),
        label=_("มอบหมายหน่วยงาน"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    note = forms.CharField(label=_("หมายเหตุ"), required=False, widget=forms.TextInput(attrs={"class": "form-control"}))


class ActionForm(forms.Form):
    dimension = forms.ChoiceField(label=_("มิติการช่วยเหลือ"), choices=Dimension.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("สิ่งที่ดำเนินการ"), widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )
    done_on = forms.DateField(
        label=_("วันที่ดำเนินการ"),
        initial=timezone.localdate,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"}),
    )
    cost = forms.DecimalField(
        label=_("ค่าใช้จ่าย (บาท)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "decimal"}),
    )
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(is_active=True).order_by("code"),
        required=False,
        label=_("หน่วยงานที่ดำเนินการ"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    before = MultipleFileField(label=_("ภาพก่อนดำเนินการ"))
    after = MultipleFileField(label=_("ภาพหลังดำเนินการ"))


class EvidenceForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("ก่อน/หลัง"),
        choices=EvidencePhase.choices,
        initial=EvidencePhase.OTHER,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    caption = forms.CharField(
        label=_("คำอธิบาย"), required=False, max_length=300, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    files = MultipleFileField(label=_("ไฟล์"), required=True)


class ImportForm(ImportOptionsForm):
    file = import_file_field(_("ไฟล์ CSV หรือ XLSX"))

    field_order = ["file", "dry_run", "skip_invalid"]

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if problem := import_file_problem(upload):
            raise forms.ValidationError(problem)
        return upload
