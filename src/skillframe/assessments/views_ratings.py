"""Ratings pages: my ratings, a person's ratings, one element's history, and replies.

Everything is fetched through the access rule (`get_person_for`, `Rating.objects.visible_to`): a
person the user may not see is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from skillframe.assessments import standing
from skillframe.assessments.access import get_rating_for
from skillframe.assessments.models import Rating, SelfAssessment
from skillframe.assessments.rating_values import error_messages
from skillframe.assessments.review import OPEN_FOR_REVIEW
from skillframe.frameworks.models import Element, ElementLookupError
from skillframe.people.access import get_person_for, manages, person_of
from skillframe.people.models import Person

RATINGS = "assessments/ratings.html"
HISTORY = "assessments/history.html"


@login_required
def my_ratings(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    if person is None:
        return render(request, RATINGS, {"person": None, "own": True})
    return _ratings_page(request, person)


@login_required
def person_ratings(request: HttpRequest, employee_id: str) -> HttpResponse:
    person = get_person_for(request.user, employee_id, related=("user",))
    return _ratings_page(request, person)


def _ratings_page(request: HttpRequest, person: Person) -> HttpResponse:
    is_manager = manages(request.user, person)
    to_review = (
        SelfAssessment.objects.filter(person=person, status__in=OPEN_FOR_REVIEW).select_related(
            "cycle", "role"
        )
        if is_manager
        else SelfAssessment.objects.none()
    )
    context = {
        "person": person,
        "own": person.user_id == request.user.pk,
        "groups": standing.standing(person),
        "today": timezone.localdate(),
        "to_review": list(to_review),
    }
    return render(request, RATINGS, context)


def _person_and_element(request: HttpRequest, employee_id: str, code: str) -> tuple[Person, Any]:
    person = get_person_for(request.user, employee_id, related=("user",))
    try:
        element = Element.objects.find(code, request.GET.get("framework") or None)
    except ElementLookupError:
        raise Http404("no such element") from None
    return person, element


@login_required
def history(request: HttpRequest, employee_id: str, code: str) -> HttpResponse:
    person, element = _person_and_element(request, employee_id, code)
    return _history_page(request, person, element)


def _history_page(
    request: HttpRequest,
    person: Person,
    element: Any,
    *,
    failed: Rating | None = None,
    reply_error: str = "",
    reply_text: str = "",
) -> HttpResponse:
    ratings = standing.element_history(person, element)
    is_manager = manages(request.user, person)
    for rating in ratings:
        rating.can_reply = standing.may_reply(request.user, rating, is_manager)  # type: ignore[attr-defined]
        if failed is not None and rating.pk == failed.pk:
            rating.reply_error, rating.reply_text = reply_error, reply_text  # type: ignore[attr-defined]
    context = {
        "person": person,
        "element": element,
        "ratings": ratings,
        "own": person.user_id == request.user.pk,
        "today": timezone.localdate(),
    }
    return render(request, HISTORY, context)


@login_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    related = ("person__user", "person__manager__user", "element__framework", "rater")
    rating = get_rating_for(request.user, pk, related=related)
    text = request.POST.get("text", "")
    error = ""
    try:
        standing.add_reply(request.user, rating, text)  # PermissionDenied → 403
    except ValidationError as invalid:
        error = " ".join(error_messages(invalid).values())
    if request.htmx:
        rating.can_reply = True  # type: ignore[attr-defined]
        rating.reply_error, rating.reply_text = error, text if error else ""  # type: ignore[attr-defined]
        return render(request, f"{HISTORY}#thread", {"rating": rating})
    if error:
        return _history_page(
            request,
            rating.person,
            rating.element,
            failed=rating,
            reply_error=error,
            reply_text=text,
        )
    return redirect(f"{standing.history_url(rating.person, rating.element)}#rating-{rating.pk}")
