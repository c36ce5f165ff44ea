"""URLs of the API (/api/), the token page and the news feeds."""

from django.urls import include, path
from django.views.decorators.cache import cache_control
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api.views import media, pages, press, reads
from api.views.indicators import IndicatorViewSet
from api.views.requests import RequestViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("requests", RequestViewSet, basename="request")
router.register("decisions", reads.DecisionViewSet, basename="decision")
router.register("publications", reads.PublicationViewSet, basename="publication")
router.register("events", reads.EventViewSet, basename="event")
router.register("plans", reads.PlanViewSet, basename="plan")
router.register("plan-actions", reads.PlanActionViewSet, basename="plan-action")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("media-assets", media.AssetViewSet, basename="media-asset")
router.register("media-albums", media.AlbumViewSet, basename="media-album")
router.register("press-inquiries", press.InquiryViewSet, basename="press-inquiry")
router.register("press-outlets", press.OutletViewSet, basename="press-outlet")

app_name = "api"
urlpatterns = [
    path("tokens/", pages.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", pages.token_revoke, name="token_revoke"),
]

# Mounted at the root of the project (pauta/urls.py): names without a namespace.
root_urlpatterns = [
    path("api/v1/", include((router.urls, "v1"), namespace="v1")),
    path("api/schema/", cache_control(private=True, no_store=True)(SpectacularAPIView.as_view()),
         name="api-schema"),
    path("api/docs/", pages.SwaggerView.as_view(), name="api-docs"),
    path("api/", include((urlpatterns, app_name), namespace="api")),
]
