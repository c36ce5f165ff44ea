"""The media bank, read-only: assets and albums, for whoever may read the library
(``media.permissions.can_view_library``; others get 403, as the pages answer them 404/403)."""

import django_filters
from django.db.models import Q
from rest_framework import exceptions

from api.fields import IdFilter, MomentFilter
from api.serializers import media
from api.views.base import ReadOnlyViewSet
from media import permissions as media_perms
from media.models import Album, Asset, Kind, Rights


def _require_library(user):
    if not media_perms.can_view_library(user):
        raise exceptions.PermissionDenied()


class AssetFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="words", max_length=200,
                                  label="Every word in the title, description or tags")
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    rights = django_filters.ChoiceFilter(choices=Rights.choices)
    secretariat = IdFilter(field_name="secretariat_id")
    event = IdFilter(field_name="event_id")
    album = IdFilter(field_name="albums__id")
    person = IdFilter(field_name="person_tags__person_id")
    public = django_filters.BooleanFilter(field_name="public")
    taken_after = MomentFilter(field_name="taken_at", lookup_expr="gte")
    taken_before = MomentFilter(field_name="taken_at", lookup_expr="lt")

    class Meta:
        model = Asset
        fields = []

    def words(self, queryset, name, value):
        for word in value.lower().split()[:10]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word)
                                       | Q(tags__icontains=word))
        return queryset.distinct()


class AssetViewSet(ReadOnlyViewSet):
    """The library's assets (photos, videos, audio, documents), newest first."""

    queryset = Asset.objects.all()
    serializer_class = media.AssetSerializer
    filterset_class = AssetFilter

    def visible(self, user):
        _require_library(user)
        return (Asset.objects.select_related("secretariat")
                .prefetch_related("albums", "person_tags", "uses")
                .order_by("-created_at", "-pk"))


class AlbumViewSet(ReadOnlyViewSet):
    """The library's albums with their assets' ids."""

    queryset = Album.objects.all()
    serializer_class = media.AlbumSerializer

    def visible(self, user):
        _require_library(user)
        return Album.objects.prefetch_related("assets").order_by("title", "pk")
