from django.urls import path

from skillframe.sso import views

app_name = "sso"

urlpatterns = [
    path("login/sso/", views.start, name="login"),
    path("login/sso/callback/", views.callback, name="callback"),
    path("invitations/", views.invitation_list, name="invitations"),
    path("invitations/<int:pk>/<str:token>/", views.accept, name="accept"),
]
