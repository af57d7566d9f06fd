"""One filter set for the area list page and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from tuksuk.core.api.filters import IntegerFilter

from .choices import AreaLevel, PilotLevel
from .models import Area, PilotDistrict


class AreaFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("ค้นหาชื่อหรือรหัส"))
    level = django_filters.ChoiceFilter(choices=AreaLevel.choices, label=_("ระดับ"))
    parent = django_filters.CharFilter(field_name="parent_id", label=_("รหัสพื้นที่แม่"))
    pilot_year = IntegerFilter(field_name="pilot_flags__programme_year", label=_("อำเภอนำร่องปี (พ.ศ.)"), distinct=True)
    pilot_level = django_filters.ChoiceFilter(
        field_name="pilot_flags__level", choices=PilotLevel.choices, label=_("ระดับนำร่อง"), distinct=True
    )

    class Meta:
        model = Area
        fields = ("q", "level", "parent", "pilot_year", "pilot_level")

    def filter_q(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.search(value)


class PilotDistrictFilterSet(django_filters.FilterSet):
    year = IntegerFilter(field_name="programme_year", label=_("ปี (พ.ศ.)"))
    level = django_filters.ChoiceFilter(choices=PilotLevel.choices, label=_("ระดับ"))
    province = django_filters.CharFilter(field_name="district__parent_id", label=_("รหัสจังหวัด"))

    class Meta:
        model = PilotDistrict
        fields = ("year", "level", "province")
