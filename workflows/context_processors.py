"""The unread notification count for the header, queried only when a template uses it."""

from django.utils.functional import SimpleLazyObject


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def unread():
        return user.notifications.filter(read_at__isnull=True).count()

    return {"unread_notifications": SimpleLazyObject(unread)}
