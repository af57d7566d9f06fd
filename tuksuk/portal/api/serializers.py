"""Public API serializers: only the publication model's own fields; never an internal source, never a person."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tuksuk.areas.models import PilotDistrict

from ..models import PublicImage, PublicItem
from ..video import embed_url


class PublicImageSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = PublicImage
        fields = ("url", "phase", "caption")

    def get_url(self, image: PublicImage) -> str:
        return reverse("portal:image", kwargs={"token": image.public_token})


@extend_schema_field({"type": "string", "description": "success (เรื่องเล่าความสำเร็จ), update (ความก้าวหน้าโครงการ), video"})
class ItemKindField(serializers.CharField):
    """The item kind, documented inline (a named enum ``Kind`` would collide with other apps' ``kind`` fields)."""


class PublicItemSerializer(serializers.ModelSerializer):
    kind = ItemKindField(read_only=True)
    district = serializers.CharField(source="district_id", read_only=True)
    district_name = serializers.CharField(source="district.name_th", read_only=True)
    province = serializers.CharField(source="district.parent_id", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = PublicItem
        fields = ("id", "kind", "title", "summary", "district", "district_name", "province", "published_at", "url")

    def get_url(self, item: PublicItem) -> str:
        return reverse("portal:item", kwargs={"pk": item.pk})


class PublicItemDetailSerializer(PublicItemSerializer):
    images = PublicImageSerializer(source="public_images", many=True, read_only=True)
    category = serializers.IntegerField(source="category_id", read_only=True, allow_null=True)
    indicators = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    sdg_goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    video_embed = serializers.SerializerMethodField()

    class Meta(PublicItemSerializer.Meta):
        fields = (
            *PublicItemSerializer.Meta.fields,
            "body",
            "who",
            "what",
            "where",
            "when",
            "why",
            "how",
            "video_url",
            "video_embed",
            "category",
            "indicators",
            "sdg_goals",
            "images",
        )

    def get_video_embed(self, item: PublicItem) -> str:
        return embed_url(item.video_url)


class PublicPilotSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district_id", read_only=True)
    district_name = serializers.CharField(source="district.name_th", read_only=True)
    province = serializers.CharField(source="district.parent_id", read_only=True)
    province_name = serializers.CharField(source="district.parent.name_th", read_only=True)

    class Meta:
        model = PilotDistrict
        fields = ("district", "district_name", "province", "province_name", "programme_year", "level")


class PublicFiguresSerializer(serializers.Serializer):
    area = serializers.CharField(help_text="province (2 digits), district (4 digits), or empty for the country")
    level = serializers.CharField()
    taken_at = serializers.DateTimeField(allow_null=True)
    figures = serializers.DictField(
        child=serializers.DictField(child=serializers.JSONField()),
        help_text='dimension -> key -> value; district values below 5 are the string "<5"',
    )
