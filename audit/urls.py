from django.urls import path

from audit import views

app_name = "audit"
urlpatterns = [
    path("", views.trail_page, name="trail"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
]
