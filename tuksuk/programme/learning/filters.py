"""One filter set for the knowledge-base list page and its API: Thai word search, type, tags, area and year."""

import django_filters
from django.utils.translation import gettext_lazy as _

from tuksuk.core.api.filters import IntegerFilter
from tuksuk.indicators.models import Category, Indicator, SdgGoal
from tuksuk.projects.choices import ProjectCategory

from .choices import ItemKind
from .models import FocusGroupSession, KnowledgeItem


class KnowledgeItemFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("ค้นหา"))
    kind = django_filters.ChoiceFilter(choices=ItemKind.choices, label=_("ประเภท"))
    sdg = django_filters.ModelChoiceFilter(queryset=SdgGoal.objects.all(), field_name="sdg_goals", label=_("SDG"))
    indicator = django_filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(), field_name="indicators", label=_("ตัวชี้วัด ThaiQM")
    )
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(), field_name="categories", label=_("ประเภทปัญหา")
    )
    project_category = django_filters.ChoiceFilter(choices=ProjectCategory.choices, label=_("ประเภทโครงการ"))
    area = django_filters.CharFilter(method="filter_area", label=_("รหัสจังหวัด/อำเภอ"))
    year = IntegerFilter(field_name="year", label=_("ปี (พ.ศ.)"))

    class Meta:
        model = KnowledgeItem
        fields = ("q", "kind", "sdg", "indicator", "category", "project_category", "area", "year")

    def filter_q(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.search(value)

    def filter_area(self, queryset, name, value):  # type: ignore[no-untyped-def]
        value = value.strip()
        return queryset.filter(area__code__startswith=value) if value else queryset


class SessionFilterSet(django_filters.FilterSet):
    area = django_filters.CharFilter(method="filter_area", label=_("รหัสจังหวัด/อำเภอ"))
    questionnaire = IntegerFilter(field_name="questionnaire", label=_("แบบสอบถาม"))

    class Meta:
        model = FocusGroupSession
        fields = ("area", "questionnaire")

    def filter_area(self, queryset, name, value):  # type: ignore[no-untyped-def]
        value = value.strip()
        return queryset.filter(district__code__startswith=value) if value else queryset
