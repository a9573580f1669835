"""Forms of the quality pages: they parse input; the rules live in plans.py, draws.py and
reviews.py, whose ValidationErrors are put on the field they name (`add_domain_errors`)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from skillframe.evidence.models import EvidenceKind
from skillframe.inputs import COMMENT_MAX
from skillframe.quality.draws import SEED_MAX
from skillframe.quality.models import Kind, Outcome

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_domain_errors(form: forms.Form, error: ValidationError) -> None:
    """Attach a domain error to the field it names, or to the form when none matches."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        for message in messages:
            if name in form.fields:
                form.add_error(name, message)
            else:
                form.add_error(None, f"{name.replace('_', ' ')}: {message}")


def _rate(label: str, initial: int) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1, max_value=100, initial=initial)


class PlanForm(forms.Form):
    name = forms.CharField(label="Name", max_length=255)
    kind = forms.ChoiceField(label="Samples", choices=Kind.choices)
    unit = forms.ChoiceField(label="People in unit (and the units below)")
    base_rate = _rate("Base rate (% of each rater's decisions)", 10)
    new_rate = _rate("Rate for a new rater (%)", 50)
    new_threshold = forms.IntegerField(
        label="A rater is new below this many decisions before the period",
        min_value=0,
        max_value=100_000,
        initial=20,
    )
    disagreement_rate = _rate("Rate after a disagreement (%)", 100)
    disagreement_days = forms.IntegerField(
        label="…for disagreements in this many days before the period ends",
        min_value=0,
        max_value=100_000,
        initial=180,
    )

    def __init__(self, *args: object, units: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit"].choices = units  # type: ignore[attr-defined]


class RuleForm(forms.Form):
    rater = forms.CharField(label="Rater (username)", required=False, max_length=150)
    standard = forms.CharField(label="or standard (code)", required=False, max_length=128)
    method = forms.ChoiceField(
        label="or evidence method",
        required=False,
        choices=[("", "—"), *EvidenceKind.choices],
    )
    rate = _rate("Rate (%)", 25)


class DrawForm(forms.Form):
    starts_on = forms.DateField(label="Decisions from", widget=DATE)
    ends_on = forms.DateField(label="to", widget=DATE)
    seed = forms.IntegerField(
        label="Seed (leave empty for a new random one; it is recorded)",
        required=False,
        min_value=0,
        max_value=SEED_MAX - 1,
    )


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Your judgement", choices=Outcome.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    action = forms.CharField(
        label="Action required of the rater (when you disagree)",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
