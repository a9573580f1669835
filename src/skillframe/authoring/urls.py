"""Versions and the framework editor. Included before the catalogue's URLs in
skillframe/urls.py: `frameworks/<slug>/versions/` must not be read as an element code."""

from django.urls import path

from skillframe.authoring import views_draft, views_versions

app_name = "authoring"
urlpatterns = [
    path("frameworks/<slug:slug>/versions/", views_versions.versions_page, name="versions"),
    path("frameworks/<slug:slug>/versions/diff/", views_versions.diff_page, name="diff"),
    path("frameworks/<slug:slug>/tailor/", views_versions.tailor_page, name="tailor"),
    path("frameworks/<slug:slug>/draft/start/", views_versions.start_draft, name="start"),
    path("frameworks/<slug:slug>/draft/import/", views_draft.import_page, name="import"),
    path("frameworks/<slug:slug>/draft/", views_draft.draft_page, name="draft"),
    path("frameworks/<slug:slug>/draft/add/", views_draft.add_element, name="add"),
    path("frameworks/<slug:slug>/draft/move/", views_draft.move_element, name="move"),
    path("frameworks/<slug:slug>/draft/retire/", views_draft.retire_element, name="retire"),
    path("frameworks/<slug:slug>/draft/scale/", views_draft.scale_level, name="scale"),
    path("frameworks/<slug:slug>/draft/details/", views_draft.details, name="details"),
    path("frameworks/<slug:slug>/draft/mapping/", views_draft.mapping_page, name="mapping"),
    path("frameworks/<slug:slug>/draft/publish/", views_draft.publish_page, name="publish"),
    path("frameworks/<slug:slug>/draft/discard/", views_draft.discard_page, name="discard"),
    path(
        "frameworks/<slug:slug>/draft/elements/<elementcode:code>/",
        views_draft.element_page,
        name="element",
    ),
]
