"""Pauta's URLs plus one view that fails, to see the 500 page (test only)."""

from django.urls import path

from pauta.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [*urlpatterns, path("boom/", boom)]
