"""Forms of the plan pages. They only parse input: the rules live in plans.py / objectives.py,
whose ValidationErrors are put on the field they name (`add_domain_errors`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from skillframe.development.models import Activity, Objective
from skillframe.development.suggestions import Suggestion
from skillframe.frameworks.models import Framework
from skillframe.inputs import COMMENT_MAX, NOTE_MAX
from skillframe.validators import TextLimit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_domain_errors(form: forms.Form, error: ValidationError) -> None:
    """Attach a domain error to the form field it names, or to the form when none matches."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        for message in messages:
            if name in form.fields:
                form.add_error(name, message)
            else:
                form.add_error(None, f"{name.replace('_', ' ')}: {message}")


def error_lines(error: ValidationError) -> list[str]:
    """A domain error as lines for a page: "field: message", or the message alone."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    return [f"{k.replace('_', ' ')}: {' '.join(v)}" for k, v in error.message_dict.items()]


class PlanForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)


class NewPlanForm(PlanForm):
    """A new plan, optionally starting with objectives picked from the suggestions."""

    suggestions = forms.MultipleChoiceField(
        label="Start with these objectives",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due_on = forms.DateField(
        label="Due date of the objectives you pick",
        required=False,
        widget=DATE,
        help_text="You can change each objective's date and measure afterwards.",
    )

    def __init__(self, suggestions: list[Suggestion], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_key = {s.key: s for s in suggestions}
        cast(forms.MultipleChoiceField, self.fields["suggestions"]).choices = [
            (s.key, f"{s.element.code} {s.element.label} — {s.target_label} ({s.reason})")
            for s in suggestions
        ]
        self.fields["due_on"].initial = timezone.localdate() + timedelta(days=180)
        if not suggestions:
            del self.fields["suggestions"]
            del self.fields["due_on"]

    def objectives(self) -> list[dict[str, Any]]:
        """The picked suggestions as objective fields (measure: validated at the target)."""
        picked = [self.by_key[key] for key in self.cleaned_data.get("suggestions") or []]
        due_on = self.cleaned_data.get("due_on")
        if picked and due_on is None:
            raise ValidationError({"due_on": "give the date the objectives you picked are due"})
        return [
            {
                "element": s.element,
                "target_level": s.target_level,
                "measure": f"My line manager validates my rating of {s.element.code} at "
                f"{s.target_label}.",
                "due_on": due_on,
            }
            for s in picked
        ]


class ObjectiveForm(forms.Form):
    element = forms.CharField(
        label="Element code",
        max_length=128,
        help_text="An AXELOS skill (e.g. PPM-PPL) or a NOS standard or criterion (e.g. INSML005) "
        "of your frameworks.",
    )
    framework = forms.ChoiceField(
        label="Framework",
        required=False,
        help_text="Only needed when the same code exists in two frameworks.",
    )
    target_level = forms.IntegerField(
        label="Target level",
        required=False,
        min_value=0,
        help_text="A level of the element's scale (AXELOS 1–5). Leave empty for NOS: competent.",
    )
    measure = forms.CharField(
        label="Measure",
        max_length=NOTE_MAX,
        validators=[TextLimit(NOTE_MAX)],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How you and your manager will know it is achieved.",
    )
    due_on = forms.DateField(label="Due date", widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["framework"]).choices = [
            ("", "Any framework"),
            *Framework.objects.values_list("slug", "title"),
        ]

    @staticmethod
    def initial_for(objective: Objective) -> dict[str, Any]:
        return {
            "element": objective.element.code,
            "framework": objective.element.framework.slug,
            "target_level": objective.target_level,
            "measure": objective.measure,
            "due_on": objective.due_on,
        }


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=Activity.Kind.choices)
    title = forms.CharField(label="Title", max_length=255)
    status = forms.ChoiceField(label="Status", choices=Activity.Status.choices)
    starts_on = forms.DateField(label="Starts", required=False, widget=DATE)
    ends_on = forms.DateField(label="Ends", required=False, widget=DATE)
    # A plain text field: the domain checks the scheme (http or https) and says so.
    link = forms.CharField(label="Link", required=False, max_length=500)
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=NOTE_MAX,
        validators=[TextLimit(NOTE_MAX)],
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    @staticmethod
    def initial_for(activity: Activity) -> dict[str, Any]:
        names = ("kind", "title", "status", "starts_on", "ends_on", "link", "notes")
        return {name: getattr(activity, name) for name in names}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve the plan"), ("return", "Return it for changes")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=COMMENT_MAX,
        validators=[TextLimit(COMMENT_MAX)],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you return the plan: say what should change.",
    )
