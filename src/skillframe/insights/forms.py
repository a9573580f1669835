"""The HR form for the priority weights."""

from __future__ import annotations

from django import forms

from skillframe.insights.models import WEIGHT_NAMES, PriorityWeightSettings


class PriorityWeightsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PriorityWeightSettings
        fields = list(WEIGHT_NAMES)
        labels = {
            "gap": "Gap size",
            "essential": "Essential requirement",
            "desirable": "Desirable requirement",
            "target_role": "Target role",
            "goal": "Organisation goal",
            "interest": "Person’s interest",
            "stale": "Rating due for review",
        }
        widgets = {
            name: forms.NumberInput(attrs={"step": "0.1", "min": "0"}) for name in WEIGHT_NAMES
        }
