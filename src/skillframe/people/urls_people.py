"""People and org unit pages (HR side); included from people/urls.py (namespace `people`)."""

from django.urls import path

from skillframe.people import views_audit, views_import, views_people, views_units

urlpatterns = [
    path("people/", views_people.person_list, name="list"),
    path("people/new/", views_people.person_create, name="create"),
    path("people/import/", views_import.people_import, name="import"),
    path("people/<str:employee_id>/", views_people.person_detail, name="detail"),
    path("people/<str:employee_id>/edit/", views_people.person_edit, name="edit"),
    path(
        "people/<str:employee_id>/permissions/",
        views_people.person_permissions,
        name="permissions",
    ),
    path("units/", views_units.unit_tree, name="units"),
    path("units/new/", views_units.unit_create, name="unit_create"),
    path("units/<slug:code>/edit/", views_units.unit_edit, name="unit_edit"),
    path("audit/", views_audit.audit_list, name="audit"),
    path("audit/export.csv", views_audit.audit_export, name="audit_export"),
]
