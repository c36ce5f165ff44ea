"""Root URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from api.urls import root_urlpatterns
from calendars.views_guests import rsvp as calendar_rsvp
from pauta import views, views_ui

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("brand.css", views_ui.brand_css, name="brand_css"),
    path("acessibilidade/", views.accessibility, name="accessibility"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("org/", include("org.urls")),
    path("plans/", include("plans.urls")),
    path("requests/", include("workflows.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("ideas/", include("ideas.urls")),
    path("clipping/", include("clipping.urls")),
    path("publishing/", include("publishing.urls")),
    path("press/", include("press.urls")),
    path("", include("surveys.urls")),  # /surveys/ (team) and /pesquisa/<code>/ (public)
    path("notifications/", include("notifications.urls")),
    path("calendar/", include("calendars.urls")),
    path("feeds/", include("calendars.feed_urls")),
    path("rsvp/<str:token>/", calendar_rsvp, name="rsvp"),  # a guest's answer, no login
    path("compliance/", include("approvals.compliance.urls")),
    path("reports/", include("reports.urls")),
    path("audit/", include("audit.urls")),
    path("media-bank/", include("media.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("news/", include("publishing.news_urls")),
    path("news/", include("api.feed_urls")),
    path("imprensa/", include("press.room_urls")),  # the public press room
    path("imprensa/", include("api.press_feed_urls")),
    path("2fa/", include("twofactor.urls")),
    path("admin/", admin.site.urls),
]
urlpatterns += root_urlpatterns  # /api/v1/, /api/schema/, /api/docs/, /api/tokens/

# Uploaded files are never served under MEDIA_URL, not even in DEBUG: attachments go out
# only through their permission-checked download view (workflows.views.attachment_download).

# Pauta's own error pages, in the base template and the person's language (docs/ui.md).
handler400 = "pauta.views_ui.bad_request"
handler403 = "pauta.views_ui.permission_denied"
handler404 = "pauta.views_ui.page_not_found"
handler500 = "pauta.views_ui.server_error"
