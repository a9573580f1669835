"""Personal access tokens: a signed-in user lists, creates and revokes their own API tokens.

Revoking cannot be undone, so it takes a confirmation step (docs/irreversible-actions.md).

The secret is shown once, on the page that answers the create request, and never stored (only
its SHA-256 digest is, see ApiToken.issue), so that page is marked not to be cached.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from skillframe.api.models import ApiToken
from skillframe.api.tokens import check_name, create_token, revoke_token
from skillframe.http import SignedInRequest, confirm_token, is_confirmed


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        help_text="What the token is for, e.g. “nightly export script”.",
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_name(self) -> str:
        try:
            return check_name(self.user, self.cleaned_data["name"])
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["name"]) from error


def _page(request: SignedInRequest, form: TokenForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "tokens": ApiToken.objects.filter(user=request.user)}
    template = "api/tokens.html#token-list" if request.htmx else "api/tokens.html"
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: SignedInRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, TokenForm(user=request.user))
    form = TokenForm(request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, form, status=400)
    token, secret = create_token(request.user, form.cleaned_data["name"])
    response = render(request, "api/tokens_created.html", {"token": token, "secret": secret})
    response["Cache-Control"] = "no-store"
    return response


REVOKE = "token.revoke"


@login_required
def token_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    """GET: the confirmation step (revoking cannot be undone: scripts using the token stop at
    once). POST: revoke, only with the step's token; without it, the confirmation (400)."""
    # Someone else's token is a 404: its existence is none of this user's business.
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    target = f"token:{token.pk}"
    if token.revoked_at is None and not (
        request.method == "POST" and is_confirmed(request, REVOKE, target)
    ):
        used = f"{token.last_used_at:%d %b %Y %H:%M}" if token.last_used_at else "never"
        context = {
            "heading": f"Revoke the token “{token.name}”?",
            "lead": "Anything that uses this token stops working at once. This cannot be undone.",
            "consequences": [
                f"Last used: {used}.",
                "To give a script access again you create a new token and put its secret in the "
                "script; the revoked token stays listed as revoked.",
            ],
            "action_url": request.path,
            "token": confirm_token(REVOKE, target),
            "confirm_label": f"Revoke “{token.name}”",
            "cancel_url": reverse("tokens"),
            "cancel_label": "Keep it",
            "unconfirmed": request.method == "POST",
        }
        status = 400 if request.method == "POST" else 200
        return render(request, "confirm.html", context, status=status)
    revoke_token(request.user, token)
    if request.htmx:
        return _page(request, TokenForm(user=request.user))
    return redirect("tokens")
