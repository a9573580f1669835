"""Role profiles, career moves and organisation goals (namespace `people`, see docs/roles.md).

Fixed paths under /roles/ come before /roles/<code>/; their names are reserved role codes
(roles.RESERVED_ROLE_CODES).
"""

from django.urls import path

from skillframe.people import views_goals, views_import, views_roles

urlpatterns = [
    path("roles/", views_roles.role_list, name="roles"),
    path("roles/new/", views_roles.role_create, name="role_create"),
    path("roles/import/", views_import.roles_import_page, name="roles_import"),
    path("roles/target/", views_roles.target_role, name="target_role"),
    path("roles/<slug:code>/", views_roles.role_detail, name="role"),
    path("roles/<slug:code>/edit/", views_roles.role_edit, name="role_edit"),
    path(
        "roles/<slug:code>/requirements/add/",
        views_roles.requirement_add,
        name="requirement_add",
    ),
    path(
        "roles/<slug:code>/requirements/<int:pk>/edit/",
        views_roles.requirement_edit,
        name="requirement_edit",
    ),
    path(
        "roles/<slug:code>/requirements/<int:pk>/delete/",
        views_roles.requirement_delete,
        name="requirement_delete",
    ),
    path(
        "roles/<slug:code>/requirements/<int:pk>/move/",
        views_roles.requirement_move,
        name="requirement_move",
    ),
    path("goals/", views_goals.goal_list, name="goals"),
    path("goals/new/", views_goals.goal_create, name="goal_create"),
    path("goals/import/", views_import.goals_import_page, name="goals_import"),
    path("goals/<int:pk>/", views_goals.goal_detail, name="goal"),
    path("goals/<int:pk>/edit/", views_goals.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/weights/", views_goals.goal_weight_set, name="goal_weight_set"),
    path(
        "goals/<int:pk>/weights/<int:weight_pk>/delete/",
        views_goals.goal_weight_delete,
        name="goal_weight_delete",
    ),
]
