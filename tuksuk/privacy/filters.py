"""The request list's filters: status, kind, overdue."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import RequestKind, RequestStatus
from .models import DataSubjectRequest


class RequestFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("สถานะ"), choices=RequestStatus.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    kind = django_filters.ChoiceFilter(
        label=_("ประเภทคำขอ"), choices=RequestKind.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    overdue = django_filters.BooleanFilter(
        label=_("เกินกำหนด"),
        method="filter_overdue",
        widget=forms.Select(
            attrs={"class": "form-select"},
            choices=[("", _("ทั้งหมด")), ("true", _("เกินกำหนด")), ("false", _("ไม่เกินกำหนด"))],
        ),
    )

    class Meta:
        model = DataSubjectRequest
        fields = ("status", "kind", "overdue")

    def filter_overdue(self, queryset, name, value):  # type: ignore[no-untyped-def]
        if value is None:
            return queryset
        overdue = queryset.overdue(timezone.now())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))
