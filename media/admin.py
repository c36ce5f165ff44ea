"""The media bank in the Django admin: read-only, every model.

Every write of the media bank is a service that writes the audit trail (``media.services``:
filing, describing, tagging, consents and their withdrawal through the kernel, uses, flags);
an admin form would change those rows behind the trail's back — a consent's purposes or
expiry edited there would silently change what the gate lets through. So the admin lists and
shows (search, filters) for the administrator's support work, and the pages of the media bank
are where things change (docs/media.md, "Admin").
"""

from django.contrib import admin

from media.models import Album, Asset, AssetUse, Consent, Person, UploadBatch, UseFlag


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Asset)
class AssetAdmin(ReadOnly):
    list_display = ["title", "kind", "secretariat", "rights", "public", "derive_state",
                    "created_at"]
    list_filter = ["kind", "rights", "public", "derive_state", "secretariat"]
    search_fields = ["title", "description", "tags", "original_name", "sha256"]
    date_hierarchy = "created_at"
    exclude = ["file", "thumbnail", "web"]  # files leave only through the media bank's views


@admin.register(Album)
class AlbumAdmin(ReadOnly):
    list_display = ["title", "public", "created_by", "created_at"]
    list_filter = ["public"]
    search_fields = ["title"]


@admin.register(Person)
class PersonAdmin(ReadOnly):
    list_display = ["name", "birth_date", "minor", "created_at"]
    search_fields = ["name"]


@admin.register(Consent)
class ConsentAdmin(ReadOnly):
    list_display = ["person", "given_on", "expires_on", "given_by", "state", "withdrawn_on"]
    list_filter = ["state", "given_by"]
    search_fields = ["person__name", "guardian_name"]
    exclude = ["document"]  # the signed scan only through its permission-checked view


@admin.register(AssetUse)
class AssetUseAdmin(ReadOnly):
    list_display = ["asset", "request", "purpose", "attached_by", "created_at"]
    list_filter = ["purpose"]
    search_fields = ["asset__title", "request__title"]


@admin.register(UseFlag)
class UseFlagAdmin(ReadOnly):
    list_display = ["use", "reason", "created_at", "takedown_at", "resolved_at"]
    list_filter = ["reason"]


@admin.register(UploadBatch)
class UploadBatchAdmin(ReadOnly):
    list_display = ["pk", "created_by", "state", "total", "done", "failed", "created_at"]
    list_filter = ["state"]
