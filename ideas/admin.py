"""Ideas in the admin: read-mostly (the lifecycle moves through the idea page)."""

from django.contrib import admin

from ideas.models import Comment, Idea


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0
    readonly_fields = ("author", "text", "created_at")
    can_delete = False


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ("title", "state", "secretariat", "support_count", "created_at")
    list_filter = ("state", "secretariat")
    search_fields = ("title", "description")
    readonly_fields = ("state", "author", "anonymous", "support_count", "answered_at",
                       "done_at", "request", "created_at")
    inlines = [CommentInline]

    def has_add_permission(self, request):
        return False  # proposed through the ideas page (its service audits it)
