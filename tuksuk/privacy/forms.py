"""The request form (recorded at the district office) and the small forms of the request page's actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuksuk.audit.filters import ThaiDateField

from .choices import IdentityDocument, RequestKind
from .services import MAX_EXTENSION_DAYS

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:  # type: ignore[no-untyped-def]
        return obj.full_name


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภทคำขอ"), choices=RequestKind.choices, widget=forms.Select(attrs=SELECT))
    subject_name = forms.CharField(label=_("ชื่อ-นามสกุลผู้ยื่นคำขอ"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    member = MemberChoiceField(
        label=_("เจ้าของข้อมูล (สมาชิกในครัวเรือน)"),
        queryset=None,
        required=False,
        empty_label=_("ทั้งครัวเรือน / ไม่ระบุ"),
        widget=forms.Select(attrs=SELECT),
    )
    citizen_id = forms.CharField(
        label=_("เลขประจำตัวประชาชน (ใช้ค้นหาสมาชิก ระบบไม่เก็บเลขนี้ไว้ในคำขอ)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric", "autocomplete": "off"}),
    )
    identity_document = forms.ChoiceField(
        label=_("ยืนยันตัวตนด้วย"), choices=IdentityDocument.choices, widget=forms.Select(attrs=SELECT)
    )
    received_on = ThaiDateField(
        label=_("วันที่รับคำขอ"),
        required=False,
        help_text=_("เว้นว่าง = วันนี้ รูปแบบ 29/08/2565 หรือ 2022-08-29"),
        widget=forms.TextInput(attrs=TEXT),
    )
    details = forms.CharField(
        label=_("รายละเอียดคำขอ"), required=False, widget=forms.Textarea(attrs={**TEXT, "rows": 3})
    )

    def __init__(self, *args, household, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = household.members.all()


class NoteForm(forms.Form):
    note = forms.CharField(label=_("บันทึก"), required=False, widget=forms.Textarea(attrs={**TEXT, "rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("เหตุผล"), widget=forms.Textarea(attrs={**TEXT, "rows": 2}))


class ExtendForm(ReasonForm):
    days = forms.IntegerField(
        label=_("ขยายอีก (วัน)"),
        min_value=1,
        max_value=MAX_EXTENSION_DAYS,
        initial=30,
        widget=forms.NumberInput(attrs=TEXT),
    )


class RectifyForm(forms.Form):
    corrected = forms.CharField(label=_("แก้ไขข้อมูลใดบ้าง"), widget=forms.Textarea(attrs={**TEXT, "rows": 2}))
