"""One filter set for the project list page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tuksuk.agencies.models import Agency
from tuksuk.core.api.filters import IntegerFilter

from .choices import PartnerNetwork, ProjectCategory
from .models import Project


class ProjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("ค้นหา"))
    area = django_filters.CharFilter(method="filter_area", label=_("รหัสพื้นที่"))
    category = django_filters.ChoiceFilter(choices=ProjectCategory.choices, label=_("ประเภทโครงการ"))
    year = IntegerFilter(field_name="fiscal_year", label=_("ปีงบประมาณ (พ.ศ.)"))
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.filter(is_active=True),
        field_name="activities__agencies",
        distinct=True,
        label=_("หน่วยงานรับผิดชอบ"),
    )
    network = django_filters.ChoiceFilter(
        choices=PartnerNetwork.choices, method="filter_network", label=_("ภาคีเครือข่าย")
    )

    class Meta:
        model = Project
        fields = ("q", "area", "category", "year", "agency", "network")

    def filter_q(self, queryset, name, value):  # type: ignore[no-untyped-def]
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(brief__icontains=value)
            | Q(ref__iexact=value)
            | Q(one_plan_code__iexact=value)
        )

    def filter_area(self, queryset, name, value):  # type: ignore[no-untyped-def]
        value = value.strip()
        return queryset.filter(district__code__startswith=value) if value else queryset

    def filter_network(self, queryset, name, value):  # type: ignore[no-untyped-def]
        # Lists of codes in JSON: match the quoted code in the text (works on SQLite and PostgreSQL alike).
        quoted = f'"{value}"'
        return queryset.filter(
            Q(partner_networks__icontains=quoted) | Q(activities__partner_networks__icontains=quoted)
        ).distinct()
