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
    path("CFItemTypes/<str:identifier>", case_views.item_type, name="item-type"),
    path("CFLicenses/<str:identifier>", case_views.license, name="license"),
    path("CFConcepts/<str:identifier>", case_views.concept, name="concept"),
    path("CFSubjects/<str:identifier>", case_views.subject, name="subject"),
    path(
        "CFAssociationGroupings/<str:identifier>",
        case_views.association_grouping,
        name="association-grouping",
    ),
    path("CFRubrics/<str:identifier>", case_views.rubric, name="rubric"),
    path("CFRubricCriteria/<str:identifier>", case_views.rubric_criterion, name="rubric-criterion"),
    path(
        "CFRubricCriterionLevels/<str:identifier>",
        case_views.rubric_criterion_level,
        name="rubric-criterion-level",
    ),
]
