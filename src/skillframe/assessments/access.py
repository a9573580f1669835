"""Who may do what with self-assessments and ratings, on top of the people rule (people/access.py).

- Ratings are read by whoever sees the person (`Rating.objects.visible_to` for lists,
  `get_rating_for` for one). Who may record a rating of which source is `ratings.may_rate_as`;
  who may reply to one, `standing.may_reply`.
- A self-assessment is its person's own: only they open and fill in the wizard
  (`get_own_assessment`); to anyone else it does not exist (404).
- Reviewing a submitted self-assessment is for the person's line managers
  (`get_assessment_for_review`). The person knows their self-assessment exists, so they are
  refused with 403; anyone else must not learn of it (404).
- The team grid is a line manager's view of their direct reports (`ensure_direct_manager`): a
  person the caller sees but does not manage directly is a 403, one they do not see a 404.

Refusals follow the convention of people/access.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.http import Http404

from skillframe.assessments.models import Rating, SelfAssessment
from skillframe.people.access import Viewer, can_see, manages, person_of
from skillframe.people.models import Person
from skillframe.people.querysets import Reach, person_check

_RELATED = ("person__user", "cycle", "role")


def get_rating_for(user: Viewer, pk: int, *, related: Sequence[str] = ()) -> Rating:
    """A rating of someone `user` sees; Http404 otherwise. Checked on that one rating, walking
    up from its person (the depth of the trees, not the size of the organisation)."""
    rows = Rating.objects.filter(person_check(user, Reach.everything(), "person"), pk=pk)
    rating = rows.select_related(*related).order_by().first()
    if rating is None:
        raise Http404("no such rating")
    return rating


def get_own_assessment(user: Viewer, pk: int) -> SelfAssessment:
    """The caller's own self-assessment; Http404 for anyone else's."""
    rows = SelfAssessment.objects.select_related(*_RELATED)
    found = rows.filter(pk=pk, person__user_id=user.pk).first() if user.is_authenticated else None
    if found is None:
        raise Http404("no such self-assessment")
    return found


def get_assessment_for_review(user: Viewer, pk: int) -> SelfAssessment:
    """A self-assessment the caller reviews as the person's line manager.

    PermissionDenied for the person themselves; Http404 for everyone else.
    """
    assessment = SelfAssessment.objects.select_related(*_RELATED).filter(pk=pk).first()
    if assessment is None:
        raise Http404("no such self-assessment")
    if manages(user, assessment.person):
        return assessment
    if user.is_authenticated and assessment.person.user_id == user.pk:
        raise PermissionDenied("your line manager reviews your self-assessment, not you")
    raise Http404("no such self-assessment")


def ensure_direct_manager(user: Viewer, person: Person) -> None:
    """Http404 unless the caller sees `person`; PermissionDenied unless they are their manager."""
    me = person_of(user)
    if me is not None and person.manager_id == me.pk:
        return
    if not can_see(user, person):
        raise Http404("not a cell of your team grid")
    raise PermissionDenied(f"only {person.name}'s line manager rates them on the team grid")
