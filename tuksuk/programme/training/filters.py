"""One FilterSet per model for the API lists."""

import django_filters

from tuksuk.core.api.filters import IntegerFilter

from .models import Course, Participant, TrainingSession


class CourseFilterSet(django_filters.FilterSet):
    kind = django_filters.CharFilter(field_name="kind")
    province = django_filters.CharFilter(field_name="area__code", label="province code")

    class Meta:
        model = Course
        fields = ("kind", "province")


class SessionFilterSet(django_filters.FilterSet):
    course = IntegerFilter(field_name="course_id")

    class Meta:
        model = TrainingSession
        fields = ("course",)


class ParticipantFilterSet(django_filters.FilterSet):
    course = IntegerFilter(field_name="course_id")
    district = django_filters.CharFilter(field_name="district__code")
    network = django_filters.CharFilter(field_name="network")

    class Meta:
        model = Participant
        fields = ("course", "district", "network")
