"""Who may author a framework: one rule, for pages, API and the demo alike.

A user may edit a framework (start and edit its draft, map elements, publish, tailor it) when
they are an active superuser, or belong to a group (a role, e.g. "HR framework editors") with an
`EditorGrant` for that framework or for every framework. Reading versions and diffs follows the
catalogue's rule (frameworks/access.py). Refusals: the editor pages exist for every framework
editor, so a user with no grant at all gets 403 before anything is looked up; a framework the
user may read but not edit is 403 too (its existence is public).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, Group, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from skillframe.authoring.models import EditorGrant
from skillframe.frameworks.models import Framework
from skillframe.frameworks.versions import UnknownVersion, draft_of, published_version

Viewer = User | AnonymousUser

EDITORS_ROLE = "HR framework editors"
DRAFT = "draft"  # how pages, API and CLI name the draft among version numbers


def _grants(user: Viewer) -> QuerySet[EditorGrant]:
    return EditorGrant.objects.filter(group__user=user.pk)


def _superuser(user: Viewer) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_editor(user: Viewer) -> bool:
    """May author at least one framework."""
    if _superuser(user):
        return True
    return bool(user.is_authenticated and user.is_active and _grants(user).exists())


def editable_by(user: Viewer) -> QuerySet[Framework]:
    """The catalogue frameworks `user` may author (two queries at most)."""
    if _superuser(user):
        return Framework.objects.all()
    if not (user.is_authenticated and user.is_active):
        return Framework.objects.none()
    grants = _grants(user)
    if grants.filter(framework__isnull=True).exists():
        return Framework.objects.all()
    return Framework.objects.filter(pk__in=grants.values("framework_id"))


def can_edit(user: Viewer, framework: Framework) -> bool:
    if _superuser(user):
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    return _grants(user).filter(Q(framework=framework) | Q(framework__isnull=True)).exists()


def ensure_editor(user: Viewer, framework: Framework | None = None) -> None:
    """PermissionDenied unless `user` may author `framework` (any framework when None)."""
    allowed = is_editor(user) if framework is None else can_edit(user, framework)
    if not allowed:
        raise PermissionDenied("it belongs to framework editors")


def editor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in framework editors only; others get 403 before anything is looked up."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        ensure_editor(request.user)
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def grant_role(user: User, role: str = EDITORS_ROLE, framework: Framework | None = None) -> Group:
    """Give `user` the role `role`, which may author `framework` (every framework when None)."""
    group, _ = Group.objects.get_or_create(name=role)
    EditorGrant.objects.get_or_create(group=group, framework=framework)
    user.groups.add(group)
    return group


def readable_version(user: Viewer, framework: Framework, raw: str) -> Framework:
    """A version named in a diff (page or API): a number, or "draft" (its editors only; for
    anyone else, and for a framework without a draft, 404)."""
    if raw == DRAFT:
        draft = draft_of(framework)
        if draft is None or not can_edit(user, framework):
            raise Http404(f"{framework.slug} has no draft you may read")
        return draft
    try:
        return published_version(framework, int(raw))
    except (ValueError, UnknownVersion) as exc:
        raise Http404(f"no version {raw!r}: {exc}") from None
