"""Who sees which evidence, on top of the people rule (people/access.py), written once.

A user sees a piece of evidence (not deleted) when
- they own it (the learner);
- they are the owner's assessor (people's "learners" relation) and the evidence was part of a
  submission made to them: an assessor sees what was submitted, not the learner's drafts;
- they are the owner's line manager and the owner shares it (`shared_with_manager`);
- they are an HR admin of the owner's unit or one above it;
- they are an active superuser.
Only the owner changes or deletes their evidence; the others who see it are refused with 403,
everyone else with 404 (the convention of people/access.py).

`visible_evidence(user)` is one lazy queryset (a fixed number of parameters), used by lists,
the coverage map's counts, the portfolio export and the API alike.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from skillframe.evidence.models import Evidence, EvidenceFile, Submission
from skillframe.people.access import Viewer, person_of
from skillframe.people.models import Person
from skillframe.people.querysets import Reach, is_active_superuser, person_scope

# The command line's viewer: whoever operates the server reads everything (as other commands
# do, e.g. `skillframe report`). An unsaved superuser: it can read, never be stored as an actor.
OPERATOR = User(username="(command line)", is_superuser=True, is_active=True)


def visible_evidence(user: Viewer) -> models.QuerySet[Evidence]:
    """Evidence `user` may read (deleted evidence hidden)."""
    live = Evidence.objects.filter(deleted_at__isnull=True)
    if is_active_superuser(user):
        return live
    if not user.is_authenticated:
        return live.none()
    submitted = Submission.evidence.through.objects.filter(
        evidence_id=models.OuterRef("pk"), submission__assessor__user_id=user.pk
    )
    ways = (
        models.Q(owner__user_id=user.pk)
        | (person_scope(user, Reach.LEARNERS, "owner") & models.Exists(submitted))
        | (person_scope(user, Reach.REPORTS, "owner") & models.Q(shared_with_manager=True))
        | person_scope(user, Reach.HR, "owner")
    )
    return live.filter(ways)


def get_evidence_for(user: Viewer, pk: int) -> Evidence:
    """One piece of evidence `user` may read; Http404 otherwise (hidden and missing alike)."""
    found = visible_evidence(user).select_related("owner__user").filter(pk=pk).order_by().first()
    if found is None:
        raise Http404("no such evidence")
    return found


def get_own_evidence(user: Viewer, pk: int) -> Evidence:
    """Evidence the caller owns, to change or delete: 403 for others who see it, else 404."""
    evidence = get_evidence_for(user, pk)
    if evidence.owner.user_id != user.pk:
        raise PermissionDenied("only its owner changes or deletes a piece of evidence")
    return evidence


def get_file_for(user: Viewer, evidence_pk: int, file_pk: int) -> EvidenceFile:
    evidence = get_evidence_for(user, evidence_pk)
    found = EvidenceFile.objects.filter(evidence=evidence, pk=file_pk).first()
    if found is None:
        raise Http404("no such file")
    found.evidence = evidence
    return found


def own_person(user: Viewer) -> Person:
    """The caller's own person record; PermissionDenied for an account without one."""
    person = person_of(user)
    if person is None:
        raise PermissionDenied("your account has no person record")
    return person


def get_submission_for(user: Viewer, pk: int) -> Submission:
    """A submission for its learner, its assessor, HR in scope (read); Http404 otherwise."""
    rows = Submission.objects.select_related(
        "learner__user", "assessor__user", "standard__framework"
    ).filter(pk=pk)
    if not is_active_superuser(user):
        rows = rows.filter(
            models.Q(learner__user_id=user.pk)
            | models.Q(assessor__user_id=user.pk)
            | person_scope(user, Reach.HR, "learner")
        )
    found = rows.order_by().first()
    if found is None:
        raise Http404("no such submission")
    return found
