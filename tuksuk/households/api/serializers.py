from django.utils.translation import gettext as _
from rest_framework import serializers

from ..choices import VULNERABLE_FLAGS, Sex
from ..models import Household, Member


class MemberSerializer(serializers.ModelSerializer):
    citizen_id = serializers.SerializerMethodField(help_text=_("เลขประจำตัวประชาชน แสดงเต็มเฉพาะบทบาทที่จำเป็น นอกนั้นปิดบัง"))

    class Meta:
        model = Member
        fields = ("id", "full_name", "sex", "birth_date", "is_head", "citizen_id", *VULNERABLE_FLAGS)

    def get_citizen_id(self, member: Member) -> str:
        return member.citizen_id_for(self.context["request"].user)


class HouseholdSerializer(serializers.ModelSerializer):
    village = serializers.CharField(source="village_id", read_only=True)
    merged_into = serializers.CharField(source="merged_into.house_code", default=None, allow_null=True, read_only=True)

    class Meta:
        model = Household
        fields = (
            "house_code",
            "village",
            "house_no",
            "head_name",
            "member_count",
            "latitude",
            "longitude",
            "source",
            "merged_into",
            "created_at",
        )


class HouseholdDetailSerializer(HouseholdSerializer):
    members = MemberSerializer(many=True, read_only=True)

    class Meta(HouseholdSerializer.Meta):
        fields = (*HouseholdSerializer.Meta.fields, "members")


class MemberInputSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=200)
    sex = serializers.ChoiceField(choices=Sex.choices, default=Sex.UNSPECIFIED)
    birth_date = serializers.DateField(required=False, allow_null=True)
    is_head = serializers.BooleanField(default=False)
    citizen_id = serializers.CharField(required=False, allow_blank=True, default="")
    bedridden = serializers.BooleanField(default=False)
    disabled = serializers.BooleanField(default=False)
    elderly = serializers.BooleanField(default=False)
    chronic_illness = serializers.BooleanField(default=False)
    child = serializers.BooleanField(default=False)


class HouseholdInputSerializer(serializers.Serializer):
    village = serializers.CharField(max_length=8)
    house_code = serializers.CharField(max_length=11)
    house_no = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    head_name = serializers.CharField(max_length=200)
    member_count = serializers.IntegerField(min_value=1, max_value=99, required=False, allow_null=True)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    members = MemberInputSerializer(many=True, required=False, default=list)
