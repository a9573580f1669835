from django.urls import path

from skillframe.notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.inbox, name="inbox"),
    path("notifications/<int:pk>/open/", views.open_notification, name="open"),
    path("notifications/read-all/", views.mark_all_read, name="read_all"),
]
