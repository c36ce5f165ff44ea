"""Survey URLs: the team's pages at /surveys/; the answering page at /pesquisa/<code>/
(``public_urlpatterns``)."""

from django.urls import path

from surveys import views

app_name = "surveys"
urlpatterns = [
    path("surveys/", views.survey_list, name="list"),
    path("surveys/new/", views.survey_form, name="create"),
    path("surveys/<int:pk>/", views.survey_detail, name="detail"),
    path("surveys/<int:pk>/edit/", views.survey_form, name="edit"),
    path("surveys/<int:pk>/do/<slug:action>/", views.survey_action, name="action"),
    path("surveys/<int:pk>/steps/<int:step_pk>/", views.step_decide, name="decide"),
    path("surveys/<int:pk>/results/", views.survey_results, name="results"),
    path("surveys/<int:pk>/results.xlsx", views.survey_export, name="export"),
    path("surveys/<int:pk>/yearly-report.xlsx", views.survey_yearly_report, name="yearly"),
    path("surveys/<int:pk>/results.csv", views.survey_export_csv, name="export_csv"),
    path("pesquisa/<slug:slug>/", views.survey_answer, name="answer"),
    path("pesquisa/<slug:slug>/resultados/", views.survey_public_results,
         name="public_results"),
]
