"""Clipping URLs, mounted at /clipping/."""

from django.urls import path

from clipping import views

app_name = "clipping"
urlpatterns = [
    path("", views.clip_list, name="list"),
    path("new/", views.clip_enter, name="enter"),
    path("<int:pk>/", views.clip_detail, name="detail"),
    path("<int:pk>/do/<slug:action>/", views.clip_action, name="action"),
    path("<int:pk>/file/", views.clip_file, name="file"),
    path("repercussion/", views.repercussion, name="repercussion"),
    path("sources/", views.source_list, name="sources"),
    path("sources/<int:pk>/", views.source_edit, name="source_edit"),
    path("sources/<int:pk>/check/", views.source_check, name="source_check"),
    path("terms/", views.term_list, name="terms"),
    path("daily/", views.digest_list, name="digests"),
    path("daily/build/", views.digest_build, name="digest_build"),
    path("daily/<int:pk>/pdf/", views.digest_pdf, name="digest_pdf"),
    path("daily/subscribe/", views.subscribe, name="subscribe"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
