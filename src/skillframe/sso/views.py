"""Pages: sign in through the identity provider, HR's invitations, and setting a first
password through an invitation's link."""

from __future__ import annotations

import logging

from authlib.integrations.base_client import OAuthError
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods
from joserfc.errors import JoseError
from requests import RequestException

from skillframe.audit.models import record
from skillframe.audit.signals import client_address
from skillframe.people.access import hr_required
from skillframe.sso import invitations
from skillframe.sso.client import claims_options, relying_party
from skillframe.sso.forms import AcceptForm, InviteForm
from skillframe.sso.models import Invitation
from skillframe.sso.signin import Refused, config, user_for

log = logging.getLogger(__name__)
_NEXT = "sso_next"
# Django's own backend: the SSO user is a normal user once the provider has vouched for them.
_BACKEND = "django.contrib.auth.backends.ModelBackend"


class SignInView(auth_views.LoginView):
    """Django's sign-in page, with the single sign-on button when it is configured."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        oidc = config()
        context["sso_name"] = oidc.name if oidc.enabled else ""
        return context


def _refusal(request: HttpRequest, reason: str, status: int = 403) -> HttpResponse:
    return render(request, "sso/refused.html", {"reason": reason}, status=status)


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """Send the browser to the identity provider. Without single sign-on set up (an old
    bookmark), or already signed in, there is nothing to do: back to the sign-in page."""
    oidc = config()
    if not oidc.enabled or request.user.is_authenticated:
        return redirect("login")
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    request.session[_NEXT] = target if safe else ""
    callback = request.build_absolute_uri(reverse("sso:callback"))
    try:
        return relying_party(oidc).authorize_redirect(request, callback)  # type: ignore[no-any-return]
    except (RequestException, ValueError, OAuthError) as error:
        log.warning("identity provider unreachable: %s", error)
        return _refusal(request, "The identity provider cannot be reached just now.", 502)


@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """The provider's answer: exchange the code, verify the ID token, sign the person in."""
    oidc = config()
    if not oidc.enabled:
        return redirect("login")
    try:
        token = relying_party(oidc).authorize_access_token(
            request, claims_options=claims_options(oidc)
        )
    except OAuthError as error:
        return _refusal(request, f"The identity provider refused the sign-in: {error}.")
    except (RequestException, ValueError, JoseError) as error:
        # JoseError: a bad signature, or a wrong issuer, audience, nonce or expiry.
        log.warning("single sign-on failed: %s", error)
        return _refusal(request, "The sign-in could not be verified. Please try again.")
    claims = token.get("userinfo")
    if not claims:
        return _refusal(request, "The identity provider sent no ID token.")
    try:
        user = user_for(claims)
    except Refused as refused:
        # As a failed password sign-in is: no name or address of the person in the audit.
        record(None, "login.failure", "sso", address=client_address(request), via="sso")
        return _refusal(request, str(refused))
    login(request, user, backend=_BACKEND)
    # The password sign-in is recorded by audit's signal receiver on its POST; this one is a GET.
    record(user, "login.success", user, address=client_address(request), via="sso")
    target = request.session.pop(_NEXT, "") or settings.LOGIN_REDIRECT_URL
    return redirect(target)


@hr_required
@require_http_methods(["GET", "POST"])
def invitation_list(request: HttpRequest) -> HttpResponse:
    """HR: invite a person of their scope, and see the invitations sent in it."""
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = get_object_or_404(
            invitations.invitable_by(request.user).select_related("user"),
            employee_id=form.cleaned_data["employee_id"],
        )
        try:
            invitation = invitations.send(person, actor=request.user)
        except ValidationError as error:
            form.add_error("employee_id", error.message_dict.get("person", error.messages))
        else:
            messages.success(request, f"Invitation sent to {person.name} ({invitation.email}).")
            return redirect("sso:invitations")
    rows = (
        Invitation.objects.visible_to(request.user)
        .select_related("person__user", "invited_by")
        .order_by("-created_at", "-pk")[:200]
    )
    return render(
        request,
        "sso/invitations.html",
        {"form": form, "invitations": rows, "days": settings.INVITATION_DAYS},
    )


@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """Set a first password through an invitation's one-time link (anyone holding the link)."""
    invitation = Invitation.objects.select_related("person__user").filter(pk=pk).first()
    if invitation is None:
        return _refusal(request, "This invitation link is not valid.", 404)
    if problem := invitations.check(invitation, token):
        return _refusal(request, problem, 410 if "expired" in problem else 403)
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(invitation, token, form.cleaned_data["password1"])
        except ValidationError as error:
            form.add_error("password1", error.message_dict.get("password", error.messages))
        except PermissionDenied as denied:
            return _refusal(request, str(denied))
        else:
            login(request, user, backend=_BACKEND)
            messages.success(request, "Your password is set; you are signed in.")
            return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "sso/accept.html",
        {"form": form, "person": invitation.person},
    )
