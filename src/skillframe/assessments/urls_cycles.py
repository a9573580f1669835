"""Assessment cycles (HR) and the self-assessment wizard (the person), namespace `assessments`."""

from django.urls import path

from skillframe.assessments import views_cycles, views_wizard

urlpatterns = [
    path("cycles/", views_cycles.cycle_list, name="cycles"),
    path("cycles/new/", views_cycles.cycle_create, name="cycle_create"),
    path("cycles/<int:pk>/", views_cycles.cycle_detail, name="cycle"),
    path("cycles/<int:pk>/close/", views_cycles.cycle_close, name="cycle_close"),
    path("cycles/<int:pk>/reopen/", views_cycles.cycle_reopen, name="cycle_reopen"),
    path("cycles/<int:pk>/start/", views_wizard.start, name="start"),
    path("assessments/<int:pk>/", views_wizard.overview, name="wizard"),
    path("assessments/<int:pk>/steps/<elementcode:code>/", views_wizard.step, name="step"),
    path("assessments/<int:pk>/submit/", views_wizard.submit, name="submit"),
    path("assessments/<int:pk>/add/", views_wizard.add_element, name="add_element"),
]
