"""Reviewing a sampled decision: agree, or disagree with an action the rater must take.

The rater is told through a bell notification (and its e-mail copy) linking to the sample,
which they may then see with the review (`access.samples_visible_to`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from skillframe.assessments.models import Rating
from skillframe.audit.models import record
from skillframe.evidence.models import Evidence, EvidenceFile
from skillframe.frameworks.models import Element
from skillframe.inputs import COMMENT_MAX
from skillframe.notifications.models import Notification, notify
from skillframe.quality.access import ensure_reviewer
from skillframe.quality.models import Outcome, Review, Sample
from skillframe.validators import ensure_text


@transaction.atomic
def review_sample(
    user: User,
    sample: Sample,
    *,
    outcome: str,
    comment: str = "",
    action: str = "",
    email: bool = True,
) -> Review:
    """Record the review (once per sample) and notify the rater (`email` False: the bell only,
    for the demo's past events). ValidationError naming the field (an unknown outcome, a
    disagreement without an action, text past its limit, a sample already reviewed);
    PermissionDenied for who may not review it."""
    ensure_reviewer(user, sample)
    # Lock the sample so two reviewers at once cannot both record a review.
    Sample.objects.select_for_update().filter(pk=sample.pk).first()
    if Review.objects.filter(sample=sample).exists():
        raise ValidationError({"outcome": "this decision has already been reviewed"})
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "the outcome is agree or disagree"})
    comment = ensure_text("comment", comment.strip(), COMMENT_MAX)
    action = ensure_text("action", action.strip(), COMMENT_MAX)
    if outcome == Outcome.DISAGREE and not action:
        raise ValidationError(
            {"action": "say what the rater must do about a decision you disagree with"}
        )
    if outcome == Outcome.AGREE and action:
        raise ValidationError({"action": "an action is only asked for with a disagreement"})
    review = Review.objects.create(
        sample=sample, reviewer=user, outcome=outcome, comment=comment, action=action
    )
    rating = sample.rating
    who = user.get_full_name() or user.get_username()
    verb = "agreed with" if outcome == Outcome.AGREE else "disagreed with"
    text = f"{who} {verb} your decision on {rating.element.code} for {sample.person.name}"
    if action:
        text += f": {action}"
    url = reverse("quality:sample", args=[sample.pk])
    if email:
        notify([sample.rater], text[:500], url)
    elif sample.rater is not None:
        Notification.objects.create(recipient=sample.rater, text=text[:500], url=url)
    record(user, "quality.review", sample, outcome=outcome, rating=rating.pk)
    return review


@dataclass
class Context:
    """What a reviewer sees around a sampled decision: the evidence it relied on (an assessor's
    judgement in the evidence workflow: `evidence.Judgement`, files included, kept even when the
    learner later deleted the evidence) and the person's ratings on the same standard (self,
    manager, assessor; newest first per item). Three queries."""

    evidence: list[Evidence]
    history: list[Rating]


def context_of(sample: Sample, limit: int = 300) -> Context:
    standard = sample.standard
    on_standard = Q(element_id=standard.pk) | Q(
        element__in=Element.objects.items_of([standard.pk]).values("pk")
    )
    history = (
        Rating.objects.filter(on_standard, person_id=sample.person_id)
        .select_related("element", "rater")
        .order_by("element__ordinal", "-created_at", "-pk")[:limit]
    )
    relied_on = (
        Evidence.objects.filter(judgements__rating_id=sample.rating_id)
        .prefetch_related("files")
        .order_by("occurred_on", "pk")
    )
    return Context(evidence=list(relied_on), history=list(history))


def file_for(sample: Sample, file_pk: int) -> EvidenceFile:
    """A file of the evidence the sampled decision relied on; Http404 for any other file (the
    sample itself was fetched through the access rule)."""
    found = (
        EvidenceFile.objects.filter(evidence__judgements__rating_id=sample.rating_id, pk=file_pk)
        .order_by()
        .first()
    )
    if found is None:
        raise Http404("no such file of this decision's evidence")
    return found
