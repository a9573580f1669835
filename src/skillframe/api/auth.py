"""API authentication: bearer tokens for scripts, the Django session (with CSRF) for the browser,
and anonymous reading of the catalogue when SKILLFRAME_PUBLIC_CATALOGUE is on."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from skillframe.api.models import ApiToken, digest

# Recording every use would turn each read into a write; once a minute is enough for audits.
_TOUCH_EVERY = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        # The caller's person record comes in the same query: `people.access.person_of` reads
        # it from the user object, so the access rule asks the database nothing more about
        # who is calling.
        found = (
            ApiToken.objects.active()
            .select_related("user__person")
            .filter(key_digest=digest(token))
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > _TOUCH_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


def public_catalogue(request: HttpRequest) -> bool | None:
    """Lets anonymous requests through to catalogue endpoints when the catalogue is public."""
    return bool(settings.PUBLIC_CATALOGUE) or None


token_auth = TokenAuth()
# Signed-in users only (token or session): for anything that is not the public catalogue.
USER_AUTH = [token_auth, django_auth]
CATALOGUE_AUTH = [token_auth, django_auth, public_catalogue]
