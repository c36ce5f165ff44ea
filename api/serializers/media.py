"""JSON shapes of the media bank's read-only resources (assets and albums).

No people, consents or files here: an asset says how many people it shows and whether the
gate clears them today for each purpose is the media bank's page; the derivatives' addresses
are the permission-checked pages of the media bank (a browser session), never the storage.
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.requests import SecretariatRefSerializer
from media.models import Album, Asset


class AssetSerializer(serializers.ModelSerializer):
    secretariat = SecretariatRefSerializer(read_only=True, allow_null=True)
    tags = serializers.ListField(source="tag_list", child=serializers.CharField(),
                                 read_only=True)
    rights_purposes = serializers.ListField(child=serializers.CharField(), read_only=True)
    people_count = serializers.SerializerMethodField()
    use_count = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()
    albums = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Asset
        fields = ["id", "kind", "title", "description", "alt_text", "taken_at", "place",
                  "event", "credit", "rights", "licence", "rights_terms", "rights_purposes",
                  "rights_until", "tags", "secretariat", "public", "content_type", "size",
                  "width", "height", "duration", "derive_state", "duplicate_of", "albums",
                  "people_count", "use_count", "thumbnail_url", "web_url", "created_at"]
        read_only_fields = fields

    def get_people_count(self, asset) -> int:
        return len(asset.person_tags.all())

    def get_use_count(self, asset) -> int:
        return len(asset.uses.all())

    def _url(self, asset, variant):
        if not getattr(asset, variant):
            return None
        path = reverse("media:asset_file", args=[asset.pk, variant])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_thumbnail_url(self, asset):
        return self._url(asset, "thumbnail")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_web_url(self, asset):
        return self._url(asset, "web")


class AlbumSerializer(serializers.ModelSerializer):
    assets = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Album
        fields = ["id", "title", "description", "public", "assets", "created_at"]
        read_only_fields = fields
