"""One filter set for the story list page, its exports and the API."""

import datetime as dt

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.accounts.scope import scope_for
from tuksuk.agencies.models import Agency
from tuksuk.core.api.filters import IntegerFilter
from tuksuk.core.search import found_ids
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
DISTRICT_CODE_LENGTH = 4


def _sorted_in_memory(field: str) -> OrderBy | str:
    """``field`` as an ordering PostgreSQL cannot serve by walking an index: ``COALESCE(x, x)`` is ``x`` (the date
    is never empty), sorted after the rows are found."""
    if field.lstrip("-") != "reported_at":
        return field
    expression = Coalesce("reported_at", "reported_at")
    return expression.desc() if field.startswith("-") else expression.asc()


class StoryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("ค้นหา (รหัสบ้าน ชื่อ รายละเอียด)"))
    area = django_filters.CharFilter(method="filter_area", label=_("รหัสพื้นที่"))
    category = django_filters.ModelChoiceFilter(queryset=Category.objects.all(), label=_("ประเภทปัญหา"))
    indicator = django_filters.ModelChoiceFilter(
        field_name="indicators", queryset=Indicator.objects.all(), label=_("ตัวชี้วัด ThaiQM")
    )
    # A column of the story itself: no join, so no DISTINCT (MultipleChoiceFilter's default) over every column.
    status = django_filters.MultipleChoiceFilter(choices=StoryStatus.choices, label=_("สถานะ"), distinct=False)
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
        from tuksuk.core.thai import is_digits, to_arabic_digits

        value = " ".join(to_arabic_digits(value).split())
        if not value:
            return queryset
        if is_digits(value):
            return queryset.filter(Q(household__house_code__startswith=value) | Q(ref=value) | Q(pk=int(value[:12])))
        return queryset.filter(pk__in=self._text_matches(queryset, value))

    def _text_matches(self, queryset, value: str):  # type: ignore[no-untyped-def]
        """The ids of the stories whose household head's name or description holds ``value``, or whose ref is it.

        Three narrow searches joined by ``UNION`` rather than one ``OR`` across the household join: with the ``OR``
        PostgreSQL reads every story in scope and looks up each one's household (a district of 20,000 stories at
        national scale), where each branch alone can use its trigram index within the area's index. The
        households are narrowed to those the user may see (a superset of the households of the stories they see),
        so the name's trigram search stays inside their area; the outer ``queryset`` still decides what is seen.
        The search runs once for the page and its count (``core.search.found_ids``).
        """
        from tuksuk.households.models import Household

        households = Household.objects.filter(head_name__icontains=value)
        user = getattr(self.request, "user", None)
        if user is not None and user.is_authenticated:
            households = households.visible_to(user)
        branches = (
            queryset.filter(household__in=households.order_by().values("pk")),
            queryset.filter(description__icontains=value),
            # Thai has no letter case: a word without cased letters is found by the refs' unique index, not by
            # comparing the upper case of every ref in the area.
            queryset.filter(ref__iexact=value) if value.upper() != value.lower() else queryset.filter(ref=value),
        )
        first, *others = (branch.order_by().values_list("pk", flat=True) for branch in branches)
        return found_ids(first.union(*others))

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
        return queryset  # ordered in ``qs``, after every filter, whether a sort was asked for or not

    @property
    def qs(self):  # type: ignore[no-untyped-def]
        """The filtered stories in the order asked for (newest reported first by default)."""
        rows = super().qs
        if not getattr(self, "_ordered", False):
            sort = (self.form.cleaned_data.get("sort") if self.is_bound else None) or "-reported"
            fields = SORTS.get(sort, SORTS["-reported"])
            if self._within_a_district():
                fields = tuple(_sorted_in_memory(field) for field in fields)
            self._qs = rows = rows.order_by(*fields)
            self._ordered = True
        return rows

    def _within_a_district(self) -> bool:
        """Whether the rows in view are at most a district's (tens of thousands at national scale).

        Then the newest-first order is sorted after the rows are found. Left to itself, PostgreSQL may instead
        walk the whole country's ``reported_at`` index backwards, hoping to meet the district's rows early; with
        a status filter (older stories are further along) it read 450,000 rows for 30 (2 s, against 8 ms). For
        a province or the country the walk is the right plan and is kept.
        """
        area = (self.form.cleaned_data.get("area") or "").strip() if self.is_bound else ""
        if len(area) >= DISTRICT_CODE_LENGTH:
            return True
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        scope = scope_for(user)
        prefixes = [*scope.prefixes, *(prefix for prefix, _agency in scope.agency_grants)]
        return not scope.everything and bool(prefixes) and min(map(len, prefixes)) >= DISTRICT_CODE_LENGTH
