"""Ideas URLs, mounted at /ideas/."""

from django.urls import path

from ideas import views

app_name = "ideas"
urlpatterns = [
    path("", views.idea_list, name="list"),
    path("new/", views.idea_create, name="create"),
    path("<int:pk>/", views.idea_detail, name="detail"),
    path("<int:pk>/do/<slug:action>/", views.idea_action, name="action"),
    path("<int:pk>/files/<int:attachment_pk>/", views.idea_attachment, name="attachment"),
    path("<int:pk>/request/", views.idea_make_request, name="make_request"),
    path("<int:pk>/campaign/", views.idea_make_campaign, name="make_campaign"),
    path("<int:pk>/plan-action/", views.idea_make_plan_action, name="make_plan_action"),
]
