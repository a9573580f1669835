"""CASE 1.1 provider paths, mounted at /ims/case/v1p1/ (see case_views.py)."""

from django.urls import path

from skillframe.frameworks import case_views

app_name = "case"
urlpatterns = [
    path("CFDocuments", case_views.documents, name="documents"),
    path("CFDocuments/<str:identifier>", case_views.document, name="document"),
    path("CFPackages/<str:identifier>", case_views.package, name="package"),
    path("CFItems/<str:identifier>", case_views.item, name="item"),
    path(
        "CFItemAssociations/<str:identifier>",
        case_views.item_associations,
        name="item-associations",
    ),
    path("CFAssociations/<str:identifier>", case_views.association, name="association"),
]
