from django.urls import path

from skillframe.reminders import views

app_name = "reminders"
urlpatterns = [
    path("account/reminders/", views.reminder_settings, name="settings"),
]
