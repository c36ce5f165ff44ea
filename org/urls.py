from django.urls import path

from org import views

app_name = "org"
urlpatterns = [
    path("language/", views.set_language, name="set_language"),
]
