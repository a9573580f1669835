"""The self-assessment wizard pages: start or resume, overview, one step, add a step, submit.

Only the person themselves may open their self-assessment: everyone else (their manager
included) gets 404, since the draft is theirs until they submit it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from skillframe.assessments import wizard
from skillframe.assessments.access import get_own_assessment
from skillframe.assessments.forms_wizard import AddElementForm, JudgementStepForm, LevelsStepForm
from skillframe.assessments.linked import linked_ratings
from skillframe.assessments.models import SelfAssessment
from skillframe.assessments.wizard_steps import load_detail, save_judgements, save_levels
from skillframe.http import confirm_token, is_confirmed
from skillframe.people.access import person_of


def _own(request: HttpRequest, pk: int) -> SelfAssessment:
    return get_own_assessment(request.user, pk)


def _errors_into(form: Form, error: ValidationError) -> None:
    """Put a domain error on the form field it names, or on the form when no field matches."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        for message in messages:
            if name in form.fields:
                form.add_error(name, message)
            else:
                form.add_error(None, f"{name}: {message}")


@login_required
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start (or resume) the signed-in person's self-assessment in an open cycle in scope."""
    assessment, _ = wizard.start(person_of(request.user), pk, timezone.localdate())
    return redirect("assessments:wizard", pk=assessment.pk)


def _overview_page(
    request: HttpRequest,
    assessment: SelfAssessment,
    *,
    add_form: AddElementForm | None = None,
    error: ValidationError | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "assessment": assessment,
        "overview": wizard.overview(assessment),
        "editable": wizard.is_editable(assessment),
        "add_form": add_form or AddElementForm(wizard.addable_elements(assessment)),
        "submit_errors": error.messages if error else [],
    }
    return render(request, "assessments/wizard.html", context, status=status)


@login_required
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    return _overview_page(request, _own(request, pk))


# Where the step's footer buttons go after saving: each one saves first (no silent loss).
GO_TARGETS = ("next", "back", "overview")


@login_required
def step(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """One step: GET shows it; POST saves it.

    - HTMX (the Save button): the step partial with a "saved" status.
    - `action=autosave` (wizard-autosave.js, as each answer changes): only the save status.
    - `action=suggest`: suggests a level from the ticks, saving nothing.
    - plain POST: save, then go to `go` (next / back / overview; default next). When the form is
      invalid the step is shown again with its errors, unless nothing was changed, in which case
      the person simply moves on (skipping a step needs no answer).
    """
    assessment = _own(request, pk)
    found = wizard.step_for(assessment, code)
    if found is None:
        raise Http404("no such step")
    view, current = found
    detail = load_detail(assessment, current)
    form_class = LevelsStepForm if current.kind == "levels" else JudgementStepForm
    saved = False
    editable = wizard.is_editable(assessment)
    if request.method == "POST":
        data = request.POST.copy()
        action = data.get("action", "save")
        go = data.get("go", "")
        suggesting = action == "suggest"
        if suggesting and current.kind == "levels" and not data.get("level"):
            # Preselect the level the ticks support; the person still confirms it by saving.
            data["level"] = str(detail.suggested(data.getlist("statements")) or "")
        form = form_class(detail, data)
        moving_on = go in GO_TARGETS and (not editable or not form.has_changed())
        if form.is_valid() and not suggesting and not moving_on:
            try:
                _save(request, assessment, form)  # refuses a step that can no longer change
                saved = True
            except ValidationError as error:
                _errors_into(form, error)
        view = wizard.overview(assessment)  # a first save of an added step adds it here
        if action == "autosave":
            return _save_status(request, assessment, view, form, saved=saved)
        if (saved or moving_on) and not request.htmx and not suggesting:
            return _go(assessment, view, current.code, go or "next")
    else:
        form = form_class(detail)
    placed = view.find(current.code)
    context = {
        "assessment": assessment,
        "overview": view,
        "step": current,
        "detail": detail,
        "form": form,
        "saved": saved,
        "editable": editable,
        "position": view.steps.index(placed) + 1 if placed else None,
        "previous": view.before(placed) if placed else None,
        "following": view.after(placed) if placed else None,
        "oob": bool(request.htmx),
        # Supporting information: ratings on elements a confirmed crosswalk link joins to this one.
        "linked": linked_ratings(assessment.person, current.element),
    }
    template = "assessments/wizard_step.html"
    if request.htmx:
        template += "#step"
    return render(request, template, context)


def _go(assessment: SelfAssessment, view: wizard.Overview, code: str, go: str) -> HttpResponse:
    placed = view.find(code)
    target = None
    if placed is not None and go == "next":
        target = view.after(placed)
    elif placed is not None and go == "back":
        target = view.before(placed)
    if target is not None:
        return redirect("assessments:step", pk=assessment.pk, code=target.code)
    return redirect("assessments:wizard", pk=assessment.pk)


def _save_status(
    request: HttpRequest,
    assessment: SelfAssessment,
    view: wizard.Overview,
    form: LevelsStepForm | JudgementStepForm,
    *,
    saved: bool,
) -> HttpResponse:
    """The autosave answer: the step's save status only (the page keeps its inputs and focus)."""
    messages = [str(m) for errors in form.errors.values() for m in errors]
    state = "error" if messages else "saved"
    context = {"assessment": assessment, "overview": view, "state": state, "saved": saved}
    context["messages"] = messages
    return render(request, "assessments/wizard_step.html#save-status", context)


def _save(
    request: HttpRequest, assessment: SelfAssessment, form: LevelsStepForm | JudgementStepForm
) -> bool:
    data = form.cleaned_data
    if isinstance(form, LevelsStepForm):
        return save_levels(
            request.user,
            assessment,
            form.detail,
            ticked=data["statements"],
            level=data["level"],
            confidence=data["confidence"],
            comment=data["comment"],
            wants=data["wants"],
        )
    return save_judgements(
        request.user, assessment, form.detail, judgements=form.judgements(), wants=data["wants"]
    )


@login_required
@require_POST
def add_element(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _own(request, pk)
    form = AddElementForm(wizard.addable_elements(assessment), request.POST)
    if not wizard.is_editable(assessment):
        form.add_error(None, "this self-assessment can no longer be changed")
    if not form.is_valid():
        return _overview_page(request, assessment, add_form=form, status=400)
    element = form.cleaned_data["element"]
    return redirect("assessments:step", pk=assessment.pk, code=element.code)


SUBMIT = "self-assessment.submit"


@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation step, saying what submitting does (the answers freeze, the manager
    is told). POST: refused with the steps left when it may not be submitted; without the
    confirmation's token it only shows the confirmation (400); with it, submits."""
    assessment = _own(request, pk)
    try:
        steps = wizard.check_submittable(assessment)
    except ValidationError as error:
        status = 400 if request.method == "POST" else 200
        return _overview_page(request, assessment, error=error, status=status)
    target = f"assessment:{assessment.pk}"
    if request.method == "POST" and is_confirmed(request, SUBMIT, target):
        wizard.submit(request.user, assessment)
        return redirect("assessments:wizard", pk=assessment.pk)
    manager = assessment.person.manager
    rated = sum(1 for step in steps.steps if step.rated)
    context = {
        "heading": "Submit your self-assessment?",
        "lead": "After submitting you can no longer change your answers.",
        "consequences": [
            f"{manager.name if manager else 'Your line manager'} is told (bell and e-mail) and "
            f"reviews the {rated} step{'s' if rated != 1 else ''} you assessed.",
            "Your manager agrees with or adjusts each rating; you are told and can reply.",
            "To change an answer before that, go back to the steps instead of submitting.",
        ],
        "action_url": request.path,
        "token": confirm_token(SUBMIT, target),
        "confirm_label": "Submit to my manager",
        "cancel_url": reverse("assessments:wizard", args=[assessment.pk]),
        "cancel_label": "Not yet: back to my steps",
        "unconfirmed": request.method == "POST",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "confirm.html", context, status=status)
