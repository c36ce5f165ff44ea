"""Campaign URLs, mounted at /campaigns/."""

from django.urls import path

from campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_create, name="create"),
    path("spend/<int:year>/", views.year_spend, name="spend"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/do/<slug:action>/", views.campaign_action, name="action"),
    path("<int:pk>/steps/<int:step_pk>/", views.step_decide, name="decide"),
]
