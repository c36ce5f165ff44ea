"""What every API view shares: the person's language, answers no cache keeps, 404 for what
they may not see."""

from django.utils import translation
from django.utils.cache import patch_cache_control
from rest_framework import viewsets

from api.fields import path_id


def activate_language(request) -> None:
    """An explicit Accept-Language wins; else the person's preference (tokens included)."""
    if request.META.get("HTTP_ACCEPT_LANGUAGE"):
        language = translation.get_language_from_request(request._request)
    else:
        language = getattr(request.user, "language", "") or translation.get_language()
    translation.activate(language)
    request.LANGUAGE_CODE = translation.get_language()


class LanguageMixin:
    def initial(self, request, *args, **kwargs):
        self.perform_authentication(request)  # raises 401 first; then errors speak their tongue
        if request.user and request.user.is_authenticated:
            activate_language(request)
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        # A person's data: never kept by a shared cache or on disk (errors included).
        patch_cache_control(response, private=True, no_store=True)
        return response


class ReadOnlyViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """List and detail of what a selector says the person may see."""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.none()
        return self.visible(self.request.user)

    def get_object(self):
        self.kwargs[self.lookup_field] = path_id(self.kwargs[self.lookup_field])
        return super().get_object()

    def visible(self, user):  # pragma: no cover - each view says
        raise NotImplementedError
