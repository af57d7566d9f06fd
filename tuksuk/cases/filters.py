"""One filter set for the story list page, its exports and the API."""

import datetime as dt

import django_filters
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.agencies.models import Agency
from tuksuk.core.api.filters import IntegerFilter
from tuksuk.indicators.models import Category, Indicator

from .choices import Dimension, StoryStatus
from .models import Action, Assignment, Story

SORTS = {
    "reported": ("reported_at", "id"),
    "-reported": ("-reported_at", "-id"),
    "status": ("status", "-reported_at"),
    "category": ("category", "-reported_at"),
    "area": ("area", "-reported_at"),
    "due": ("due_on", "id"),
}


class StoryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("ค้นหา (รหัสบ้าน ชื่อ รายละเอียด)"))
    area = django_filters.CharFilter(method="filter_area", label=_("รหัสพื้นที่"))
    category = django_filters.ModelChoiceFilter(queryset=Category.objects.all(), label=_("ประเภทปัญหา"))
    indicator = django_filters.ModelChoiceFilter(
        field_name="indicators", queryset=Indicator.objects.all(), label=_("ตัวชี้วัด ThaiQM")
    )
    status = django_filters.MultipleChoiceFilter(choices=StoryStatus.choices, label=_("สถานะ"))
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.filter(is_active=True),
        method="filter_agency",
        field_name="assignments__agency",
        label=_("หน่วยงานรับผิดชอบ"),
    )
    dimension = django_filters.ChoiceFilter(
        choices=Dimension.choices, method="filter_dimension", label=_("มิติการช่วยเหลือ")
    )
    min_age = IntegerFilter(method="filter_min_age", min_value=0, max_value=36500, label=_("อายุเรื่องอย่างน้อย (วัน)"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("เกินกำหนด"))
    sort = django_filters.ChoiceFilter(choices=[(k, k) for k in SORTS], method="filter_sort", label=_("เรียงตาม"))

    class Meta:
        model = Story
        fields = ("q", "area", "category", "indicator", "status", "agency", "dimension", "min_age", "overdue", "sort")

    def filter_q(self, queryset, name, value):  # type: ignore[no-untyped-def]
        from django.db.models import Q

        from tuksuk.core.thai import is_digits, to_arabic_digits

        value = " ".join(to_arabic_digits(value).split())
        if not value:
            return queryset
        if is_digits(value):
            return queryset.filter(Q(household__house_code__startswith=value) | Q(ref=value) | Q(pk=int(value[:12])))
        return queryset.filter(
            Q(household__head_name__icontains=value) | Q(description__icontains=value) | Q(ref__iexact=value)
        )

    def filter_area(self, queryset, name, value):  # type: ignore[no-untyped-def]
        value = value.strip()
        return queryset.filter(area__code__startswith=value) if value else queryset

    def filter_agency(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.filter(
            Exists(Assignment.objects.filter(story=OuterRef("pk"), agency=value, ended_at__isnull=True))
        )

    def filter_dimension(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.filter(Exists(Action.objects.filter(story=OuterRef("pk"), dimension=value)))

    def filter_min_age(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.filter(reported_at__lte=timezone.now() - dt.timedelta(days=int(value)))

    def filter_overdue(self, queryset, name, value):  # type: ignore[no-untyped-def]
        if value is None:
            return queryset
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_sort(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.order_by(*SORTS.get(value, SORTS["-reported"]))
