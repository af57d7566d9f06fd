"""Registering a household on a phone: the village, the house, the head of household and the GPS point."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tuksuk.areas.models import Area

from . import citizen_id
from .choices import Sex
from .models import HOUSE_CODE

TEXT = {"class": "form-control"}
CHECK = forms.CheckboxInput(attrs={"class": "form-check-input"})


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        tambon = obj.parent.name_th if obj.parent_id else ""
        return f"{obj.display_name} · ต.{tambon} ({obj.code})"


class MemberFieldsMixin(forms.Form):
    full_name = forms.CharField(label=_("ชื่อ-นามสกุล"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    sex = forms.ChoiceField(
        label=_("เพศ"),
        choices=Sex.choices,
        initial=Sex.UNSPECIFIED,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    birth_date = forms.DateField(
        label=_("วันเกิด"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"}),
    )
    citizen_id = forms.CharField(
        label=_("เลขประจำตัวประชาชน"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric", "autocomplete": "off"}),
    )
    bedridden = forms.BooleanField(label=_("ติดเตียง"), required=False, widget=CHECK)
    disabled = forms.BooleanField(label=_("พิการ"), required=False, widget=CHECK)
    elderly = forms.BooleanField(label=_("ผู้สูงอายุ"), required=False, widget=CHECK)
    chronic_illness = forms.BooleanField(label=_("ป่วยเรื้อรัง"), required=False, widget=CHECK)
    child = forms.BooleanField(label=_("เด็ก"), required=False, widget=CHECK)

    def clean_citizen_id(self) -> str:
        text = self.cleaned_data.get("citizen_id", "")
        if not text.strip():
            return ""
        try:
            return citizen_id.normalize(text)
        except citizen_id.InvalidCitizenId as exc:
            raise ValidationError(str(exc)) from exc


class MemberForm(MemberFieldsMixin):
    is_head = forms.BooleanField(label=_("เป็นหัวหน้าครัวเรือน"), required=False, widget=CHECK)


class HouseFieldsMixin(forms.Form):
    """The house itself: its village (from the villages the user may write in), number, size and GPS point."""

    village = VillageChoiceField(
        queryset=Area.objects.none(), label=_("หมู่บ้าน"), widget=forms.Select(attrs={"class": "form-select"})
    )
    house_no = forms.CharField(label=_("บ้านเลขที่"), required=False, max_length=20, widget=forms.TextInput(attrs=TEXT))
    member_count = forms.IntegerField(
        label=_("จำนวนสมาชิก"),
        required=False,
        min_value=1,
        max_value=99,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    latitude = forms.DecimalField(
        label=_("ละติจูด"),
        required=False,
        min_value=5,
        max_value=21,
        decimal_places=6,
        widget=forms.NumberInput(attrs={**TEXT, "step": "any"}),
    )
    longitude = forms.DecimalField(
        label=_("ลองจิจูด"),
        required=False,
        min_value=97,
        max_value=106,
        decimal_places=6,
        widget=forms.NumberInput(attrs={**TEXT, "step": "any"}),
    )

    def __init__(self, *args, villages=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if villages is not None:
            self.fields["village"].queryset = villages

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise ValidationError(_("ต้องระบุทั้งละติจูดและลองจิจูด หรือเว้นว่างทั้งคู่"))
        return data


class HouseholdForm(HouseFieldsMixin, MemberFieldsMixin):
    """The household and its head in one form (the head is the first member)."""

    house_code = forms.CharField(
        label=_("รหัสบ้าน (11 หลัก)"), max_length=20, widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"})
    )

    field_order = [
        "village",
        "house_code",
        "house_no",
        "member_count",
        "latitude",
        "longitude",
        "full_name",
        "sex",
        "birth_date",
        "citizen_id",
    ]

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["full_name"].label = _("ชื่อ-นามสกุล หัวหน้าครัวเรือน")

    def clean_house_code(self) -> str:
        from tuksuk.core.thai import to_arabic_digits

        code = to_arabic_digits(self.cleaned_data["house_code"]).replace("-", "").replace(" ", "")
        if not HOUSE_CODE.match(code):
            raise ValidationError(_("รหัสบ้านต้องเป็นตัวเลข 11 หลัก"))
        return code


class HouseholdEditForm(HouseFieldsMixin):
    """Correcting a household's details; choosing another village moves it, with its stories."""

    head_name = forms.CharField(label=_("ชื่อหัวหน้าครัวเรือน"), max_length=200, widget=forms.TextInput(attrs=TEXT))

    field_order = ["village", "house_no", "head_name", "member_count", "latitude", "longitude"]


class MergeForm(forms.Form):
    keep = forms.CharField(label=_("รหัสบ้านของครัวเรือนที่จะเก็บไว้"), max_length=11, widget=forms.TextInput(attrs=TEXT))
    note = forms.CharField(label=_("เหตุผล"), widget=forms.TextInput(attrs=TEXT))
