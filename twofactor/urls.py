"""Two-factor pages (mounted at /2fa/)."""

from django.urls import path

from twofactor import views

app_name = "twofactor"
urlpatterns = [
    path("", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
    path("replace/", views.replace, name="replace"),
    path("disable/", views.disable, name="disable"),
]
