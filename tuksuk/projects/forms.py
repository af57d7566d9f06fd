"""Forms for projects, activities, budgets and 5W1H progress reports."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.agencies.models import Agency
from tuksuk.areas.models import Area
from tuksuk.cases.forms import MultipleFileField
from tuksuk.core.forms import ImportOptionsForm, import_file_field, import_file_problem
from tuksuk.indicators.models import Indicator, SdgGoal

from .choices import ActivityStatus, BudgetSource, PartnerNetwork, PlanLevel, ProjectCategory, Timeframe, ValueChain

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"})
AREA = forms.Textarea(attrs={"rows": 2, "class": "form-control"})


class ProjectForm(forms.Form):
    district = forms.ModelChoiceField(queryset=Area.objects.none(), label=_("อำเภอ"), widget=forms.Select(attrs=SELECT))
    title = forms.CharField(label=_("ชื่อโครงการ"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    category = forms.TypedChoiceField(
        label=_("ประเภทโครงการ"), choices=ProjectCategory.choices, coerce=int, widget=forms.Select(attrs=SELECT)
    )
    fiscal_year = forms.IntegerField(
        label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700, widget=forms.NumberInput(attrs=TEXT)
    )
    timeframe = forms.ChoiceField(
        label=_("กรอบเวลา"), choices=[("", "—"), *Timeframe.choices], required=False, widget=forms.Select(attrs=SELECT)
    )
    start_on = forms.DateField(label=_("วันเริ่ม"), required=False, widget=DATE)
    end_on = forms.DateField(label=_("วันสิ้นสุด"), required=False, widget=DATE)
    brief = forms.CharField(
        label=_("สรุปโครงการ (Project brief)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )
    one_plan_code = forms.CharField(
        label=_("รหัสในแผน One Plan"), required=False, max_length=100, widget=forms.TextInput(attrs=TEXT)
    )
    one_plan_level = forms.ChoiceField(
        label=_("ระดับแผน"), choices=[("", "—"), *PlanLevel.choices], required=False, widget=forms.Select(attrs=SELECT)
    )
    upstream = forms.CharField(label=_("ต้นทาง"), required=False, widget=AREA)
    midstream = forms.CharField(label=_("กลางทาง"), required=False, widget=AREA)
    downstream = forms.CharField(label=_("ปลายทาง"), required=False, widget=AREA)
    partner_networks = forms.MultipleChoiceField(
        label=_("ภาคีเครือข่ายที่ร่วม"), choices=PartnerNetwork.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    sdg_goals = forms.ModelMultipleChoiceField(
        label=_("SDGs"), queryset=SdgGoal.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("ตัวชี้วัด ThaiQM ที่แก้ไข"),
        queryset=Indicator.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, districts=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if districts is not None:
            self.fields["district"].queryset = districts

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("start_on") and data.get("end_on") and data["end_on"] < data["start_on"]:
            self.add_error("end_on", _("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"))
        return data


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("ชื่อกิจกรรม"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    value_chain = forms.ChoiceField(
        label=_("ห่วงโซ่คุณค่า"),
        choices=[("", "—"), *ValueChain.choices],
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("หน่วยงานรับผิดชอบ"),
        required=False,
        queryset=Agency.objects.filter(is_active=True).order_by("kind", "code"),
        widget=forms.SelectMultiple(attrs={**SELECT, "size": 6}),
    )
    partner_networks = forms.MultipleChoiceField(
        label=_("ภาคีเครือข่าย"), choices=PartnerNetwork.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    start_on = forms.DateField(label=_("วันเริ่ม"), required=False, widget=DATE)
    end_on = forms.DateField(label=_("วันสิ้นสุด"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("สถานะ"), choices=ActivityStatus.choices, widget=forms.Select(attrs=SELECT))
    percent_complete = forms.IntegerField(
        label=_("ความก้าวหน้า (%)"), min_value=0, max_value=100, initial=0, widget=forms.NumberInput(attrs=TEXT)
    )
    target_households = forms.IntegerField(
        label=_("ครัวเรือนเป้าหมาย"), min_value=0, required=False, widget=forms.NumberInput(attrs=TEXT)
    )
    reached_households = forms.IntegerField(
        label=_("ครัวเรือนที่ได้รับประโยชน์ (ระบุจำนวน)"), min_value=0, required=False, widget=forms.NumberInput(attrs=TEXT)
    )


class BudgetLineForm(forms.Form):
    source = forms.ChoiceField(label=_("แหล่งงบประมาณ"), choices=BudgetSource.choices, widget=forms.Select(attrs=SELECT))
    source_detail = forms.CharField(
        label=_("รายละเอียดแหล่งงบ"), required=False, max_length=200, widget=forms.TextInput(attrs=TEXT)
    )
    planned = forms.DecimalField(
        label=_("งบที่วางแผน (บาท)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.01"}),
    )
    spent = forms.DecimalField(
        label=_("ใช้จ่ายแล้ว (บาท)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.01"}),
    )


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=1, can_delete=True)


class ProgressForm(forms.Form):
    who = forms.CharField(label=_("ใคร (Who)"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    what = forms.CharField(label=_("ทำอะไร (What)"), widget=AREA)
    where = forms.CharField(label=_("ที่ไหน (Where)"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    when = forms.DateField(label=_("เมื่อไร (When)"), initial=timezone.localdate, widget=DATE)
    why = forms.CharField(label=_("ทำไม (Why)"), required=False, widget=AREA)
    how = forms.CharField(label=_("อย่างไร (How)"), required=False, widget=AREA)
    percent_complete = forms.IntegerField(
        label=_("ความก้าวหน้า (%)"), min_value=0, max_value=100, required=False, widget=forms.NumberInput(attrs=TEXT)
    )
    before = MultipleFileField(label=_("ภาพก่อน"))
    after = MultipleFileField(label=_("ภาพหลัง"))
    files = MultipleFileField(label=_("ภาพหรือวิดีโอประกอบ"))


class KpiForm(forms.Form):
    name = forms.CharField(label=_("ตัวชี้วัด (KPI)"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    unit = forms.CharField(label=_("หน่วย"), required=False, max_length=50, widget=forms.TextInput(attrs=TEXT))
    target = forms.DecimalField(
        label=_("เป้าหมาย"), required=False, max_digits=14, decimal_places=2, widget=forms.NumberInput(attrs=TEXT)
    )
    actual = forms.DecimalField(
        label=_("ผลจริง"), required=False, max_digits=14, decimal_places=2, widget=forms.NumberInput(attrs=TEXT)
    )


class BeneficiaryForm(forms.Form):
    house_codes = forms.CharField(
        label=_("รหัสบ้านของครัวเรือนที่ได้รับประโยชน์ (คั่นด้วยช่องว่าง จุลภาค หรือขึ้นบรรทัดใหม่)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control", "inputmode": "numeric"}),
    )


class ProjectImportForm(ImportOptionsForm):
    projects = import_file_field(_("ไฟล์โครงการ (projects.csv หรือ .xlsx)"), required=False)
    activities = import_file_field(_("ไฟล์กิจกรรม (activities.csv หรือ .xlsx)"), required=False)

    field_order = ["projects", "activities", "dry_run", "skip_invalid"]

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if not data.get("projects") and not data.get("activities"):
            raise forms.ValidationError(_("กรุณาเลือกไฟล์อย่างน้อยหนึ่งไฟล์"))
        for name in ("projects", "activities"):
            if data.get(name) and (problem := import_file_problem(data[name])):
                self.add_error(name, problem)
        return data
