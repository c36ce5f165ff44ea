"""URLs of the compliance pages (mounted at /compliance/)."""

from django.urls import path

from approvals.compliance import views

app_name = "compliance"
urlpatterns = [
    path("requests/<int:pk>/", views.findings_page, name="findings"),
    path("requests/<int:pk>/check/", views.check, name="check"),
    path("requests/<int:pk>/override/", views.override, name="override"),
    path("blackout/", views.blackout_view, name="blackout"),
]
