"""URLs of the compliance pages (mounted at /compliance/)."""

from django.urls import path

from approvals.compliance import views

app_name = "compliance"
urlpatterns = [
    # <kind>: the slug a checkable registered ("requests": /compliance/requests/12/)
    path("<slug:kind>/<int:pk>/", views.findings_page, name="findings"),
    path("<slug:kind>/<int:pk>/check/", views.check, name="check"),
    path("<slug:kind>/<int:pk>/override/", views.override, name="override"),
    path("blackout/", views.blackout_view, name="blackout"),
]
