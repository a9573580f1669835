"""Manager validation, ratings pages, rating history and replies, and the team grid."""

from django.urls import path

from skillframe.assessments import views_ratings, views_review, views_team

urlpatterns = [
    path("assessments/<int:pk>/review/", views_review.review_page, name="review"),
    path("me/ratings/", views_ratings.my_ratings, name="my_ratings"),
    path("people/<str:employee_id>/ratings/", views_ratings.person_ratings, name="person_ratings"),
    path(
        "people/<str:employee_id>/history/<elementcode:code>/",
        views_ratings.history,
        name="history",
    ),
    path("ratings/<int:pk>/reply/", views_ratings.reply, name="reply"),
    path("team/", views_team.team_grid, name="team"),
    path("team/<slug:role>/<int:person>/<int:element>/", views_team.team_cell, name="team_cell"),
]
