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
from django.utils import timezone
from django.views.decorators.http import require_POST

from skillframe.assessments import wizard
from skillframe.assessments.access import get_own_assessment
from skillframe.assessments.cycles import open_cycles_for
from skillframe.assessments.forms_wizard import AddElementForm, JudgementStepForm, LevelsStepForm
from skillframe.assessments.models import SelfAssessment
from skillframe.assessments.wizard_steps import load_detail, save_judgements, save_levels
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
    person = person_of(request.user)
    if person is None:
        raise Http404("no person record")
    cycle = next((c for c in open_cycles_for(person, timezone.localdate()) if c.pk == pk), None)
    if cycle is None:
        raise Http404("no such open cycle for you")
    assessment, _ = SelfAssessment.objects.get_or_create(
        person=person, cycle=cycle, role_id=person.current_role_id
    )
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


@login_required
def step(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """One step: GET shows it; POST saves it (HTMX: the step partial with a "saved" status;
    plain: a redirect to the next step), or with action=suggest only suggests a level."""
    assessment = _own(request, pk)
    found = wizard.step_for(assessment, code)
    if found is None:
        raise Http404("no such step")
    view, current = found
    detail = load_detail(assessment, current)
    form_class = LevelsStepForm if current.kind == "levels" else JudgementStepForm
    saved = False
    if request.method == "POST":
        data = request.POST.copy()
        suggesting = data.get("action") == "suggest"
        if suggesting and current.kind == "levels" and not data.get("level"):
            # Preselect the level the ticks support; the person still confirms it by saving.
            data["level"] = str(detail.suggested(data.getlist("statements")) or "")
        form = form_class(detail, data)
        if form.is_valid() and not suggesting:
            try:
                _save(request, assessment, form)
                saved = True
            except ValidationError as error:
                _errors_into(form, error)
        view = wizard.overview(assessment)  # a first save of an added step adds it here
        if saved and not request.htmx:
            placed = view.find(current.code)
            following = view.after(placed) if placed else None
            if following is not None:
                return redirect("assessments:step", pk=assessment.pk, code=following.code)
            return redirect("assessments:wizard", pk=assessment.pk)
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
        "editable": wizard.is_editable(assessment),
        "position": view.steps.index(placed) + 1 if placed else None,
        "previous": view.before(placed) if placed else None,
        "following": view.after(placed) if placed else None,
        "oob": bool(request.htmx),
    }
    template = "assessments/wizard_step.html"
    if request.htmx:
        template += "#step"
    return render(request, template, context)


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


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _own(request, pk)
    try:
        wizard.submit(request.user, assessment)
    except ValidationError as error:
        return _overview_page(request, assessment, error=error, status=400)
    return redirect("assessments:wizard", pk=assessment.pk)
