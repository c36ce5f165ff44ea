from django.urls import path

from publishing import views

app_name = "publishing"
urlpatterns = [
    path("requests/<int:pk>/texts/<int:channel_pk>/revisions/", views.revision_list,
         name="revisions"),
    path("revisions/<int:pk>/", views.revision_detail, name="revision"),
    path("revisions/<int:pk>/restore/", views.revision_restore_view, name="restore"),
    path("takedowns/", views.checklist_view, name="checklist"),
    path("takedowns/<int:pk>/confirm/", views.takedown_confirm_view, name="takedown_confirm"),
    path("publications/<int:pk>/expiry/", views.expiry_view, name="expiry"),
]
