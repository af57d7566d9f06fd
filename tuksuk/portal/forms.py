"""Forms of the internal publishing pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuksuk.core.choices import EvidencePhase
from tuksuk.indicators.models import Category, Indicator, SdgGoal

from .choices import ItemKind, ItemStatus

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"})


def _area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "form-control"})


class PublicItemForm(forms.Form):
    district = forms.ChoiceField(label=_("อำเภอ"), choices=(), widget=forms.Select(attrs=SELECT))
    kind = forms.ChoiceField(label=_("ประเภท"), choices=ItemKind.choices, widget=forms.Select(attrs=SELECT))
    title = forms.CharField(label=_("หัวเรื่อง"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    summary = forms.CharField(label=_("สรุปสั้น"), max_length=400, required=False, widget=_area(2))
    body = forms.CharField(
        label=_("เนื้อหา"),
        required=False,
        widget=_area(6),
        help_text=_("เขียนสำหรับประชาชนทั่วไป ห้ามระบุชื่อ-นามสกุล บ้านเลขที่ เลขประจำตัวประชาชน หรือพิกัดของครัวเรือน"),
    )
    who = forms.CharField(label=_("ใคร (Who)"), max_length=300, required=False, widget=forms.TextInput(attrs=TEXT))
    what = forms.CharField(label=_("ทำอะไร (What)"), required=False, widget=_area(2))
    where = forms.CharField(
        label=_("ที่ไหน (Where)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("ชื่อชุมชนหรือตำบล ห้ามระบุบ้านเลขที่หรือพิกัด"),
    )
    when = forms.DateField(label=_("เมื่อไร (When)"), required=False, widget=DATE)
    why = forms.CharField(label=_("ทำไม (Why)"), required=False, widget=_area(2))
    how = forms.CharField(label=_("อย่างไร (How)"), required=False, widget=_area(2))
    video_url = forms.CharField(
        label=_("ลิงก์วิดีโอ (YouTube/Facebook)"), required=False, max_length=500, widget=forms.URLInput(attrs=TEXT)
    )
    category = forms.ModelChoiceField(
        label=_("ประเภทปัญหา"), queryset=Category.objects.all(), required=False, widget=forms.Select(attrs=SELECT)
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("ตัวชี้วัด ThaiQM"), queryset=Indicator.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    sdg_goals = forms.ModelMultipleChoiceField(
        label=_("SDGs"), queryset=SdgGoal.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, districts=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if districts is None:
            del self.fields["district"]
        else:
            self.fields["district"].choices = [(d.code, f"{d.full_name} {d.parent.full_name}") for d in districts]


class ImageForm(forms.Form):
    file = forms.FileField(
        label=_("ภาพถ่าย"), required=False, widget=forms.ClearableFileInput(attrs={**TEXT, "accept": "image/*"})
    )
    source = forms.CharField(required=False, max_length=32, widget=forms.HiddenInput)
    phase = forms.ChoiceField(
        label=_("ก่อน/หลัง"),
        choices=EvidencePhase.choices,
        initial=EvidencePhase.OTHER,
        widget=forms.Select(attrs=SELECT),
    )
    caption = forms.CharField(label=_("คำอธิบายภาพ"), max_length=300, required=False, widget=forms.TextInput(attrs=TEXT))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("บันทึก"), max_length=2000, required=False, widget=_area(2))


class ItemFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("สถานะ"),
        choices=[("", _("ทุกสถานะ")), *ItemStatus.choices],
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
