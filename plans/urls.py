from django.urls import path, re_path

from plans import views, views_catalogue, views_edit, views_traceability, views_xlsx

app_name = "plans"
KIND = r"(?P<kind>channels|audiences)"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("import/", views_xlsx.plan_import_view, name="import"),
    path("template.xlsx", views_xlsx.plan_template, name="template"),
    path("open-actions.json", views_traceability.open_actions, name="open_actions"),
    # the shared catalogue: KIND is "channels" or "audiences"
    re_path(rf"^{KIND}/$", views_catalogue.catalogue_list_view, name="catalogue_list"),
    re_path(rf"^{KIND}/new/$", views_catalogue.catalogue_edit, name="catalogue_create"),
    re_path(rf"^{KIND}/(?P<pk>[0-9]+)/$", views_catalogue.catalogue_edit, name="catalogue_edit"),
    re_path(rf"^{KIND}/(?P<pk>[0-9]+)/active/$", views_catalogue.catalogue_active,
            name="catalogue_active"),
    re_path(rf"^{KIND}/(?P<pk>[0-9]+)/delete/$", views_catalogue.catalogue_delete,
            name="catalogue_delete"),
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
