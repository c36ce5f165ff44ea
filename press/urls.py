"""Press desk URLs, mounted at /press/."""

from django.urls import path

from press import views, views_distribution

app_name = "press"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.inquiry_create, name="create"),
    path("<int:pk>/", views.inquiry_detail, name="detail"),
    path("<int:pk>/edit/", views.inquiry_edit, name="edit"),
    path("<int:pk>/do/<slug:action>/", views.inquiry_action, name="action"),
    path("<int:pk>/steps/<int:step_pk>/", views.step_decide, name="decide"),
    path("contacts/", views.contacts, name="contacts"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/import/", views.contact_import, name="import"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/do/<slug:action>/", views.contact_action, name="contact_action"),
    path("outlets/", views.outlets, name="outlets"),
    path("outlets/new/", views.outlet_create, name="outlet_create"),
    path("outlets/<int:pk>/edit/", views.outlet_edit, name="outlet_edit"),
    path("distributions/new/", views.distribution_create, name="distribution_create"),
    path("distributions/<int:pk>/", views.distribution_detail, name="distribution"),
    path("distributions/<int:pk>/do/<slug:action>/", views.distribution_action,
         name="distribution_action"),
    path("distributions/<int:pk>/status.json", views_distribution.distribution_status,
         name="distribution_status"),
    path("files/<str:token>/", views_distribution.release_file, name="release_file"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
