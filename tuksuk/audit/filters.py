"""One filter set per log, shared by the search pages, their exports and the API.

"Who viewed this household": ``house_code``. "What did this user open last week": ``user`` with ``date_from`` and
``date_to`` (ISO ``2022-08-29`` or Thai ``29/08/2565``). Also by action, by area (a DOPA code and everything under
it), by object and by request id.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from tuksuk.core import thai
from tuksuk.core.api.filters import IntegerFilter

from .choices import AccessAction, ChangeAction, Source
from .models import AccessLogEntry, ChangeLogEntry


class ThaiDateField(forms.DateField):
    """A date typed as ``2022-08-29`` or ``29/08/2565`` (Buddhist era)."""

    default_error_messages = {"invalid": _("วันที่ไม่ถูกต้อง ใช้รูปแบบ 29/08/2565 หรือ 2022-08-29")}

    def to_python(self, value):  # type: ignore[no-untyped-def]
        if value in self.empty_values:
            return None
        if hasattr(value, "year"):
            return value
        try:
            return thai.parse_date(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class ThaiDateFilter(django_filters.DateFilter):
    field_class = ThaiDateField


class AuditFilterSet(django_filters.FilterSet):
    date_from = ThaiDateFilter(field_name="at", lookup_expr="date__gte", label=_("ตั้งแต่วันที่"))
    date_to = ThaiDateFilter(field_name="at", lookup_expr="date__lte", label=_("ถึงวันที่"))
    area = django_filters.CharFilter(method="filter_area", label=_("รหัสพื้นที่"))
    house_code = django_filters.CharFilter(field_name="house_code", label=_("รหัสบ้าน"))
    object_type = django_filters.CharFilter(field_name="object_type", label=_("ชนิดข้อมูล"))
    object_id = django_filters.CharFilter(field_name="object_id", label=_("รหัสข้อมูล"))
    request_id = django_filters.CharFilter(field_name="request_id", label=_("รหัสคำขอ"))
    source = django_filters.ChoiceFilter(choices=Source.choices, label=_("ช่องทาง"))

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select form-select-sm" if select else "form-control form-control-sm"
            if name.startswith("date_"):
                field.widget.attrs["placeholder"] = _("เช่น 29/08/2565")
            if name in {"area", "house_code", "household"}:
                field.widget.attrs["inputmode"] = "numeric"

    def filter_area(self, queryset, name, value):  # type: ignore[no-untyped-def]
        value = thai.to_arabic_digits(value.strip())
        return queryset.filter(area_code__startswith=value) if value else queryset


class AccessLogFilterSet(AuditFilterSet):
    user = django_filters.CharFilter(field_name="username", lookup_expr="iexact", label=_("ชื่อผู้ใช้"))
    action = django_filters.ChoiceFilter(choices=AccessAction.choices, label=_("การกระทำ"))
    household = IntegerFilter(field_name="household_id", label=_("รหัสครัวเรือนในระบบ"))

    class Meta:
        model = AccessLogEntry
        fields = (
            "user",
            "date_from",
            "date_to",
            "action",
            "area",
            "house_code",
            "household",
            "object_type",
            "object_id",
            "request_id",
            "source",
        )


class ChangeLogFilterSet(AuditFilterSet):
    user = django_filters.CharFilter(field_name="actor_username", lookup_expr="iexact", label=_("ชื่อผู้ใช้"))
    action = django_filters.ChoiceFilter(choices=ChangeAction.choices, label=_("การเปลี่ยนแปลง"))
    root_type = django_filters.CharFilter(field_name="root_type", label=_("ชนิดข้อมูลหลัก"))
    root_id = django_filters.CharFilter(field_name="root_id", label=_("รหัสข้อมูลหลัก"))

    class Meta:
        model = ChangeLogEntry
        fields = (
            "user",
            "date_from",
            "date_to",
            "action",
            "area",
            "house_code",
            "object_type",
            "object_id",
            "root_type",
            "root_id",
            "request_id",
            "source",
        )
