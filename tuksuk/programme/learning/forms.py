"""Forms of the knowledge base and the lessons-learned pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.areas.models import Area
from tuksuk.indicators.models import Category, Indicator, SdgGoal
from tuksuk.projects.choices import PartnerNetwork, ProjectCategory

from .choices import ItemKind
from .models import FocusGroupSession, Question, Questionnaire

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"})
ACCEPT_FILES = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,video/*"


def _year_field(label) -> forms.IntegerField:  # type: ignore[no-untyped-def]
    return forms.IntegerField(
        label=label, min_value=2500, max_value=2700, widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"})
    )


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        parent = f" · {obj.parent.full_name}" if obj.parent_id and obj.level != "province" else ""
        return f"{obj.full_name}{parent} ({obj.code})"


class KnowledgeItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภท"), choices=ItemKind.choices, widget=forms.Select(attrs=SELECT))
    title = forms.CharField(label=_("ชื่อเรื่อง"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    area = AreaChoiceField(
        label=_("พื้นที่ผู้เผยแพร่"), queryset=Area.objects.none(), required=False, widget=forms.Select(attrs=SELECT)
    )
    year = _year_field(_("ปี (พ.ศ.)"))
    summary = forms.CharField(
        label=_("สรุปย่อ"), required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )
    body = forms.CharField(
        label=_("เนื้อหา"), required=False, widget=forms.Textarea(attrs={"rows": 8, "class": "form-control"})
    )
    video_url = forms.URLField(
        label=_("ลิงก์วิดีโอ (เช่น YouTube)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs=TEXT),
    )
    file = forms.FileField(
        label=_("ไฟล์ (PDF, Word, Excel, PowerPoint หรือวิดีโอ)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_FILES, "class": "form-control"}),
    )
    project = forms.ModelChoiceField(
        label=_("โครงการของอำเภอที่เกี่ยวข้อง"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )
    project_category = forms.TypedChoiceField(
        label=_("ประเภทโครงการ"),
        choices=[("", "—"), *ProjectCategory.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    sdg_goals = forms.ModelMultipleChoiceField(
        label=_("SDGs"), queryset=SdgGoal.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("ตัวชี้วัด ThaiQM"), queryset=Indicator.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("ประเภทปัญหา"), queryset=Category.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, areas=None, projects=None, central: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        from tuksuk.projects.models import Project

        self.fields["area"].queryset = areas if areas is not None else Area.objects.none()
        self.fields["area"].required = not central
        self.fields["area"].empty_label = _("ส่วนกลาง (กระทรวงมหาดไทย)") if central else "—"
        self.fields["project"].queryset = projects if projects is not None else Project.objects.none()


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("เหตุผลที่ถอนออก"), max_length=300, widget=forms.TextInput(attrs=TEXT))


class SessionForm(forms.Form):
    questionnaire = forms.ModelChoiceField(
        label=_("แบบสอบถาม"), queryset=Questionnaire.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    district = AreaChoiceField(label=_("อำเภอ"), queryset=Area.objects.none(), widget=forms.Select(attrs=SELECT))
    held_on = forms.DateField(label=_("วันที่จัด"), initial=timezone.localdate, widget=DATE)
    place = forms.CharField(label=_("สถานที่"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    facilitator = forms.CharField(label=_("ผู้ดำเนินการสนทนา"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    note = forms.CharField(
        label=_("สรุปภาพรวม"), required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )

    def __init__(self, *args, districts=None, questionnaires=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts if districts is not None else Area.objects.none()
        if questionnaires is not None:
            self.fields["questionnaire"].queryset = questionnaires


class SessionEditForm(SessionForm):
    """The session's details; its questionnaire and district stay as recorded."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        del self.fields["questionnaire"]
        del self.fields["district"]


class ParticipantForm(forms.Form):
    full_name = forms.CharField(label=_("ชื่อ-สกุล"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT))
    role = forms.CharField(label=_("บทบาท/ตำแหน่ง"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT))
    network = forms.ChoiceField(
        label=_("ภาคีเครือข่าย"),
        choices=[("", "—"), *PartnerNetwork.choices],
        required=False,
        widget=forms.Select(attrs=SELECT),
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("full_name") and not data.get("network"):
            self.add_error("network", _("กรุณาเลือกภาคีเครือข่าย"))
        return data


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=3, max_num=200, validate_max=True)


class AnswersForm(forms.Form):
    """One text box per question and a 1–5 choice where the question asks for a rating."""

    seen_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, session: FocusGroupSession, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.questions = list(session.questionnaire.questions.select_related("part").order_by("number"))
        answers = {a.question_id: a for a in session.answers.all()}
        self.fields["seen_at"].initial = session.updated_at.isoformat()
        for question in self.questions:
            answer = answers.get(question.pk)
            self.fields[f"text_{question.pk}"] = forms.CharField(
                label=f"{question.number}. {question.text}",
                required=False,
                initial=answer.text if answer else "",
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
            )
            if question.asks_rating:
                self.fields[f"rating_{question.pk}"] = forms.TypedChoiceField(
                    label=_("คะแนน"),
                    choices=[("", "—"), *((n, str(n)) for n in range(1, 6))],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=answer.rating if answer else None,
                    widget=forms.Select(attrs={**SELECT, "aria-label": _("คะแนน 1–5")}),
                )

    def rows(self):  # type: ignore[no-untyped-def]
        """(part, question, text field, rating field or None), for the template."""
        for question in self.questions:
            rating = self[f"rating_{question.pk}"] if question.asks_rating else None
            yield question.part, question, self[f"text_{question.pk}"], rating

    def answers(self) -> dict:
        from .services import AnswerData

        data = self.cleaned_data
        return {
            q.pk: AnswerData(text=data.get(f"text_{q.pk}") or "", rating=data.get(f"rating_{q.pk}"))
            for q in self.questions
        }


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label=_("ชื่อแบบสอบถาม"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    programme_year = _year_field(_("ปีโครงการ (พ.ศ.)"))
    description = forms.CharField(
        label=_("คำอธิบาย"), required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )
    copy_from = forms.ModelChoiceField(
        label=_("คัดลอกคำถามจาก (ถ้ามี)"),
        queryset=Questionnaire.objects.all(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    is_active = forms.BooleanField(
        label=_("ใช้บันทึกการสนทนากลุ่มใหม่ได้"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["copy_from"]
        else:
            del self.fields["is_active"]
            self.fields["programme_year"].initial = settings.TUKSUK_PROGRAMME_YEAR


class PartForm(forms.Form):
    title = forms.CharField(label=_("หัวข้อของส่วนใหม่"), max_length=300, widget=forms.TextInput(attrs=TEXT))


class QuestionForm(forms.Form):
    part = forms.ModelChoiceField(label=_("ส่วน"), queryset=None, widget=forms.Select(attrs=SELECT))
    text = forms.CharField(label=_("คำถาม"), widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))
    asks_rating = forms.BooleanField(
        label=_("ให้คะแนน 1–5 ด้วย"), required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    rating_hint = forms.CharField(
        label=_("ความหมายของคะแนน"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["part"].queryset = questionnaire.parts.order_by("number")

    def data_object(self):  # type: ignore[no-untyped-def]
        from .services import QuestionData

        data = self.cleaned_data
        return QuestionData(data["text"], data["asks_rating"], data.get("rating_hint") or "")


def question_initial(question: Question) -> dict:
    return {
        "part": question.part_id,
        "text": question.text,
        "asks_rating": question.asks_rating,
        "rating_hint": question.rating_hint,
    }
