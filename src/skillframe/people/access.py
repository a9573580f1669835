"""The one access rule for people and everything that belongs to a person, and how refusals look.

Who sees whom. A user sees a person (their record, ratings, gaps, report) when the person is
- themselves;
- one of their direct or indirect reports (line manager);
- in a unit they administer as HR, or in a unit below one (HR/L&D admin);
- one of their assigned learners (assessor).
Active superusers see everyone; anonymous visitors see nobody. Only HR admins of the person's unit
(or a unit above it) and superusers change person records. Other contexts add their own rules on
top of this one (development/access.py: who reads and approves plans), never a copy of it.

Where it is written, once each, in two directions:
- down, as SQL in `querysets.py`: `Person.objects.visible_to(user)`, `editable_by(user)`,
  `reachable_by(user, Reach...)`, `reports_of(person)`, `OrgUnit.objects.administered_by(user)`.
  Lazy querysets with a fixed number of parameters whatever the size of the organisation: list
  pages filter by them, and other tables by `person_scope` (`Rating`, `Plan`), in the same query;
- up, for one person or a few (`Person.objects.reached_by`, `querysets.person_check`): from
  each to their managers and their unit's ancestors, so a check costs the depth of the trees,
  not their size. Here it answers `get_person_for` (the lookup every per-person page and
  endpoint makes, one query) and the yes/no questions `reaches`, `can_see`, `manages`,
  `assesses`, `administers`.
  tests/people/test_access_scale.py checks both directions give the same answers.
The helpers for web views and API endpoints are here too: `get_person_for`, `hr_required`,
`ensure_hr_admin`.

The viewer's own `Person` (`person_of`) is read through the user's reverse one-to-one accessor,
which Django caches on the user object: one query per request at most (none for API tokens,
whose lookup joins it), however many views and domain functions ask.

Refusals, one convention for pages and API alike (tests/test_access_matrix.py checks every page
against it, persona by persona):
- 404 when the caller may not see the object: its existence must not leak. An object hidden from
  the caller and one that does not exist answer the same.
- 403 when the caller knows the object exists (they may see it) but may not do what they asked,
  e.g. a line manager editing a report's record or an HR admin approving a plan. The
  PermissionDenied carries the reason.
- 403 on pages and endpoints of a role the caller does not hold (HR pages, `hr_required`),
  decided before anything is looked up, so it says nothing about any object.
- Anonymous callers are sent to sign in (web) or get 401 (API) before any of these.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from skillframe.people.models import Person
from skillframe.people.querysets import (
    Reach,
    Viewer,
    is_active_superuser,
    person_scope,
    relation_q,
)

__all__ = [
    "Reach",
    "Viewer",
    "administers",
    "assesses",
    "can_see",
    "ensure_audit_reader",
    "ensure_hr_admin",
    "get_person_for",
    "hr_required",
    "is_active_superuser",
    "is_hr_admin",
    "manages",
    "person_of",
    "person_scope",
    "reaches",
    "reads_audit",
]

View = Callable[..., HttpResponse]
HrUnit = Person.hr_units.through


def person_of(user: Viewer) -> Person | None:
    """The user's person record, or None (anonymous, or an account without one).

    Django caches the reverse one-to-one on the user object (a miss too), and a request has one
    user object: however often a request asks, this is one query at most.
    """
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        return None
    try:
        person: Person = user.person
        return person
    except Person.DoesNotExist:
        return None


def is_hr_admin(user: Viewer) -> bool:
    """HR/L&D admin of at least one unit, or an active superuser."""
    if is_active_superuser(user):
        return True
    return user.is_authenticated and HrUnit.objects.filter(person__user_id=user.pk).exists()


def reaches(user: Viewer, person: Person, reach: Reach) -> bool:
    """Whether `user` reaches `person` in one of the ways of `reach`: the question
    `Person.objects.reachable_by(user, reach)` answers for a list, asked about one person.

    It walks up from the person (their managers, their unit's ancestors), so one query costs
    the depth of the trees whatever the size of the organisation.
    """
    return is_active_superuser(user) or _related(user, person, reach)


def _related(user: Viewer, person: Person, reach: Reach) -> bool:
    """`reaches` without the superuser's power: the relations themselves."""
    if not user.is_authenticated:
        return False
    if Reach.SELF in reach and person.user_id == user.pk:
        return True
    if person.manager_id is None:
        reach &= ~Reach.REPORTS
    if not reach & ~Reach.SELF:
        return False
    return Person.objects.filter(relation_q(user, reach), pk=person.pk).exists()


def can_see(user: Viewer, person: Person) -> bool:
    """Whether `person` is in `Person.objects.visible_to(user)`."""
    return reaches(user, person, Reach.everything())


def manages(user: Viewer, person: Person) -> bool:
    """Whether `user` is the person's direct or indirect line manager."""
    return _related(user, person, Reach.REPORTS)


def assesses(user: Viewer, person: Person) -> bool:
    """Whether `user` is one of the person's assessors."""
    return _related(user, person, Reach.LEARNERS)


def administers(user: Viewer, person: Person) -> bool:
    """Whether `user` may change the person's record: HR admin of their unit or one above it."""
    return reaches(user, person, Reach.HR)


def get_person_for(
    user: Viewer,
    employee_id: str,
    *,
    related: Sequence[str] = (),
    allowed: Callable[[Viewer, Person], bool] | None = None,
    refusal: str = "you may not do this",
) -> Person:
    """The person with this employee id, for a page or endpoint about them.

    Http404 when `user` may not see them (or there is no such person); PermissionDenied
    (`refusal`) when they may see them but `allowed(user, person)` says no.
    """
    people = Person.objects.select_related(*related).filter(employee_id=employee_id)
    person = people.reached_by(user, Reach.everything()).order_by().first()
    if person is None:
        raise Http404("no such person")
    if allowed is not None and not allowed(user, person):
        raise PermissionDenied(refusal)
    return person


def reads_audit(user: Viewer) -> bool:
    """Whether `user` may read the audit trail: an HR admin of a top unit (the whole of an
    organisation) or an active superuser. Events name people, units and files of the whole
    organisation in free-form targets and data, which cannot be cut to a unit's scope reliably:
    unit-scoped HR admins are refused rather than shown a partial, leaky view. docs/audit.md."""
    if is_active_superuser(user):
        return True
    return (
        user.is_authenticated
        and HrUnit.objects.filter(person__user_id=user.pk, orgunit__parent__isnull=True).exists()
    )


def ensure_audit_reader(user: Viewer) -> None:
    """PermissionDenied unless `reads_audit(user)`: for the audit page, export and endpoint."""
    if not reads_audit(user):
        raise PermissionDenied("the audit trail is for organisation-wide HR admins only")


def ensure_hr_admin(user: Viewer, refusal: str = "HR admins only") -> None:
    """PermissionDenied unless `user` is an HR admin: for endpoints and domain functions."""
    if not is_hr_admin(user):
        raise PermissionDenied(refusal)


def hr_required(view: View) -> View:
    """Signed-in HR admins (and superusers) only; other signed-in users get 403.

    These pages exist for every HR admin, so refusing with 403 tells nobody anything they may
    not know; records inside them are fetched through the access rule and 404 when out of reach.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Worded to complete the refusal page's "You may not see this page: …".
        ensure_hr_admin(request.user, "it belongs to HR admins")
        return view(request, *args, **kwargs)

    return login_required(wrapped)
