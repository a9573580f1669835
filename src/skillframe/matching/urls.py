from django.urls import path

from skillframe.matching import from_cv, role_draft, views

app_name = "matching"

urlpatterns = [
    path("suggest/", views.suggest_page, name="suggest"),
    path("suggest/feedback/", views.give_feedback, name="feedback"),
    path("suggest/feedback/export/", views.export_feedback, name="feedback_export"),
    path("crosswalk/", views.crosswalk_page, name="crosswalk"),
    path("crosswalk/<uuid:link_uuid>/decide/", views.crosswalk_decide, name="crosswalk_decide"),
    path("roles/<slug:code>/draft/", role_draft.draft_page, name="role_draft"),
    path("assessments/<int:pk>/from-cv/", from_cv.from_cv, name="from_cv"),
]
