from django.urls import path

from workflows import views, views_workload

app_name = "workflows"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_create, name="create"),
    path("workload/", views_workload.team_workload, name="workload"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/edit/", views.request_edit, name="edit"),
    path("<int:pk>/do/<slug:action>/", views.request_action, name="action"),
    path("<int:pk>/text/<int:channel_pk>/", views.publication_edit, name="publication"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attach"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download,
         name="attachment"),
    path("<int:pk>/steps/<int:step_pk>/", views.step_decide_view, name="decide"),
]
