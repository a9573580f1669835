"""A line manager reviews a submitted self-assessment: agree or adjust row by row, or agree with
what is left of one section (never the whole self-assessment at once).

The page is only for the person's line managers (direct or indirect): the person gets 403, anyone
else 404 (assessments/access.py).
Each row posts to the page's own URL: HTMX gets the row back, a plain POST is redirected to the
row (or the page is shown again with the row's error).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from skillframe.assessments import review, review_batch
from skillframe.assessments.access import get_assessment_for_review
from skillframe.assessments.models import SelfAssessment
from skillframe.assessments.rating_values import error_messages

TEMPLATE = "assessments/review.html"


@login_required
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_review(request.user, pk)
    rows = review.review_rows(assessment)
    page_error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "agree_section":
            section = review.find_section(rows, request.POST.get("section", ""))
            if section is None:
                raise Http404("no such section in this self-assessment")
            try:
                count = review.agree_section(request.user, assessment, section)
            except ValidationError as error:
                page_error = " ".join(error_messages(error).values())
            else:
                query = urlencode({"agreed": count, "section": section.title})
                return redirect(f"{request.path}?{query}#{section.anchor}")
        elif action in ("agree", "adjust"):
            return _save_row(request, assessment, rows, action)
        elif action == "save_decisions":
            decisions = review_batch.parse(request.POST, rows)
            if decisions is None:
                return HttpResponseBadRequest("a decision names an unknown element or action")
            try:
                saved = review_batch.save(request.user, assessment, rows, decisions)
            except ValidationError as error:
                page_error = " ".join(error_messages(error).values())
            else:
                if saved or not decisions:
                    return redirect(f"{request.path}?{urlencode({'decided': saved})}")
                failed = sum(1 for row in rows if row.errors)
                many = failed != 1
                page_error = (
                    f"Nothing was saved: {failed} decision{'s' if many else ''} "
                    f"need{'' if many else 's'} attention (marked below)."
                )
        else:
            return HttpResponseBadRequest("unknown action")
    return _render(request, assessment, rows, page_error=page_error)


def _save_row(
    request: HttpRequest, assessment: SelfAssessment, rows: list[review.ReviewRow], action: str
) -> HttpResponse:
    element_id = request.POST.get("element", "")
    row = next((r for r in rows if str(r.element.pk) == element_id), None)
    if row is None:
        raise Http404("that element is not part of this self-assessment")
    was_reviewed = assessment.status == SelfAssessment.Status.REVIEWED
    try:
        if action == "agree":
            review.agree(request.user, assessment, row)
        else:
            value, comment = request.POST.get("value", ""), request.POST.get("comment", "")
            row.submitted = {"value": value, "comment": comment}
            review.adjust(request.user, assessment, row, value, comment)
    except ValidationError as error:
        row.errors = error_messages(error)
        if "status" in row.errors:  # not open for review: a page-level message, no row form
            return _render(request, assessment, rows, page_error=row.errors["status"])
        if request.htmx:
            return _render(request, assessment, [row], partial=row)
        return _render(request, assessment, rows)
    if request.htmx:
        response = _render(request, assessment, [row], partial=row)
        if not was_reviewed and assessment.status == SelfAssessment.Status.REVIEWED:
            response["HX-Refresh"] = "true"  # the whole page changes state: show it anew
        return response
    return redirect(f"{request.path}#row-{row.element.pk}")


def _render(
    request: HttpRequest,
    assessment: SelfAssessment,
    rows: list[review.ReviewRow],
    *,
    partial: review.ReviewRow | None = None,
    page_error: str = "",
) -> HttpResponse:
    context = {
        "assessment": assessment,
        "person": assessment.person,
        "can_act": assessment.status in review.OPEN_FOR_REVIEW and not review.is_frozen(assessment),
        "frozen": review.is_frozen(assessment),
        "today": timezone.localdate(),
        "action_url": reverse("assessments:review", args=[assessment.pk]),
    }
    if partial is not None:
        done, total = review.progress(review.review_rows(assessment))
        context |= {"row": partial, "done": done, "total": total, "oob": True}
        return render(request, f"{TEMPLATE}#row", context)
    done, total = review.progress(rows)
    agreed = request.GET.get("agreed", "")
    context |= {
        "groups": review.group_rows(rows),
        "done": done,
        "total": total,
        "remaining": total - done,
        "agreed": int(agreed) if agreed.isdigit() else None,
        "agreed_section": request.GET.get("section", ""),
        "decided": int(request.GET["decided"])
        if request.GET.get("decided", "").isdigit()
        else None,
        "page_error": page_error,
    }
    return render(request, TEMPLATE, context)
