"""Forms for organisation goals and the weights they put on families, groups, skills and units."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from skillframe.frameworks.models import Element, ElementLookupError
from skillframe.inputs import DESCRIPTION_MAX
from skillframe.people.models import OrgGoal, OrgGoalWeight
from skillframe.people.role_forms import add_model_errors, framework_choices
from skillframe.validators import TextLimit


class GoalForm(forms.ModelForm):  # type: ignore[type-arg]
    """Title, description and period; the model's clean() puts "ends before it starts" on
    ends_on, which ModelForm attaches to that field."""

    description = forms.CharField(
        required=False,
        max_length=DESCRIPTION_MAX,
        validators=[TextLimit(DESCRIPTION_MAX)],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = OrgGoal
        fields = ["title", "description", "starts_on", "ends_on"]
        labels = {"starts_on": "Starts on", "ends_on": "Ends on"}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class GoalWeightForm(forms.Form):
    element = forms.CharField(
        label="Element code",
        max_length=128,
        help_text="A skill family, group or skill (e.g. ITSM-TR), or a NOS standard "
        "(e.g. INSML005).",
    )
    framework = forms.ChoiceField(label="Framework", required=False)
    weight = forms.FloatField(
        label="Weight", initial=1.0, help_text="A number greater than 0; 2 counts twice as much."
    )

    def __init__(self, *args: Any, goal: OrgGoal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goal = goal
        self.fields["framework"].choices = framework_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("element"):
            return data
        try:
            element = Element.objects.find(data["element"], data.get("framework") or None)
        except ElementLookupError as exc:
            self.add_error(exc.field, str(exc))
            return data
        try:
            OrgGoalWeight(goal=self.goal, element=element, weight=data.get("weight", 1.0)).clean()
        except ValidationError as exc:
            add_model_errors(self, exc, {})
            return data
        data["element_obj"] = element
        return data
