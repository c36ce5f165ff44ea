from django.urls import path

from plans import views, views_edit, views_traceability, views_xlsx

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("import/", views_xlsx.plan_import_view, name="import"),
    path("template.xlsx", views_xlsx.plan_template, name="template"),
    path("open-actions.json", views_traceability.open_actions, name="open_actions"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/export.xlsx", views_xlsx.plan_export, name="export"),
    path("<int:pk>/commitments/new/", views_edit.commitment_create, name="commitment_create"),
    path("<int:pk>/commitments/<int:commitment_pk>/delete/", views_edit.commitment_delete,
         name="commitment_delete"),
    path("<int:pk>/<slug:verb>/", views.plan_transition, name="transition"),
    path("<int:pk>/<slug:kind>/new/", views_edit.entity_edit, name="entity_create"),
    path("<int:pk>/<slug:kind>/<int:entity_pk>/", views_edit.entity_edit, name="entity_edit"),
    path("<int:pk>/<slug:kind>/<int:entity_pk>/delete/", views_edit.entity_delete,
         name="entity_delete"),
]
