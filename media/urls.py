"""Media bank URLs, mounted at /media-bank/ (never under MEDIA_URL: files leave only through
the permission-checked views)."""

from django.urls import path

from media import views

app_name = "media"
urlpatterns = [
    path("", views.library, name="library"),
    path("upload/", views.upload, name="upload"),
    path("uploads/<int:pk>/", views.batch, name="batch"),
    path("uploads/<int:pk>/status/", views.batch_status, name="batch_status"),
    path("uploads/<int:pk>/add/", views.batch_add, name="batch_add"),
    path("<int:pk>/", views.asset_detail, name="asset"),
    path("<int:pk>/edit/", views.asset_edit, name="asset_edit"),
    path("<int:pk>/file/<slug:variant>/", views.asset_file, name="asset_file"),
    path("<int:pk>/tag/", views.tag, name="tag"),
    path("<int:pk>/untag/<int:person_pk>/", views.untag, name="untag"),
    path("<int:pk>/attach/", views.attach, name="attach"),
    path("<int:pk>/album/", views.album_add, name="album_add"),
    path("uses/<int:pk>/remove/", views.detach, name="detach"),
    path("picker/", views.picker_search, name="picker_search"),
    path("picker/<int:pk>/thumbnail/", views.picker_thumb, name="picker_thumb"),
    path("requests/<int:pk>/take-down/", views.take_down, name="take_down"),
    path("flags/<int:pk>/resolve/", views.flag_resolve, name="flag_resolve"),
    path("albums/", views.albums, name="albums"),
    path("albums/<int:pk>/", views.album, name="album"),
    path("people/", views.people, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/consents/new/", views.consent_create, name="consent_create"),
    path("consents/<int:pk>/do/<slug:action>/", views.consent_action, name="consent_action"),
    path("consents/<int:pk>/document/", views.consent_document, name="consent_document"),
    path("gallery/", views.gallery, name="gallery"),
    path("gallery/<int:pk>/", views.gallery_album, name="gallery_album"),
    path("gallery/file/<int:pk>/<slug:variant>/", views.public_file, name="public_file"),
]
