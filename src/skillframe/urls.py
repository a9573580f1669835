from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from skillframe.api.api import api
from skillframe.sso import views as sso_views
from skillframe.sso.api import router as sso_router
from skillframe.web import views as web_views

# The invitations router belongs to sso, a layer above api, so it is joined here.
api.add_router("/", sso_router)

urlpatterns = [
    path("", web_views.home, name="home"),
    path("help/", web_views.help_page, name="help"),
    # Before the catalogue: /frameworks/<slug>/versions/ is not an element code.
    path("", include("skillframe.authoring.urls")),
    path("", include("skillframe.frameworks.urls")),
    path("", include("skillframe.people.urls")),
    path("", include("skillframe.assessments.urls")),
    path("", include("skillframe.evidence.urls")),
    path("", include("skillframe.notifications.urls")),
    path("", include("skillframe.insights.urls")),
    path("", include("skillframe.insights.report_urls")),
    path("", include("skillframe.development.urls")),
    path("login/", sso_views.SignInView.as_view(), name="login"),
    path("", include("skillframe.sso.urls")),
    path("", include("skillframe.reminders.urls")),
    path("", include("skillframe.quality.urls")),
    path("", include("skillframe.matching.urls")),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(success_url="/account/password/done/"),
        name="password_change",
    ),
    path(
        "account/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("account/tokens/", include("skillframe.api.token_urls")),
    # Password reset by e-mail: imported people start without a usable password.
    path(
        "account/reset/",
        auth_views.PasswordResetView.as_view(success_url="/account/reset/sent/"),
        name="password_reset",
    ),
    path(
        "account/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url="/account/reset/done/"),
        name="password_reset_confirm",
    ),
    path(
        "account/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("api/", api.urls),
    path("ims/case/v1p1/", include("skillframe.frameworks.case_urls")),
    path("admin/", admin.site.urls),
]

# Branded refusal and error pages with navigation and a reason (skillframe/web/errors.py).
handler403 = "skillframe.web.errors.permission_denied"
handler404 = "skillframe.web.errors.page_not_found"
handler500 = "skillframe.web.errors.server_error"
