"""The form HR uses to open an assessment cycle."""

from __future__ import annotations

from typing import Any

from django import forms

from skillframe.assessments.models import Cycle
from skillframe.people.models import OrgUnit, RoleProfile
from skillframe.people.querysets import Viewer


class CycleForm(forms.ModelForm):
    class Meta:
        model = Cycle
        fields = ["name", "starts_on", "ends_on", "units", "roles"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "units": forms.CheckboxSelectMultiple,
            "roles": forms.CheckboxSelectMultiple,
        }
        labels = {"starts_on": "Starts on", "ends_on": "Ends on"}
        help_texts = {
            "units": "Everyone in these units and the units below them.",
            "roles": "Everyone whose current role is one of these, in whatever unit.",
        }

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An HR admin scopes cycles by the units they administer, not by others'.
        self.fields["units"].queryset = OrgUnit.objects.administered_by(user).order_by("name")
        self.fields["roles"].queryset = RoleProfile.objects.order_by("title")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("units") and not cleaned.get("roles") and "units" not in self.errors:
            self.add_error("units", "choose at least one unit or role for the cycle's scope")
        return cleaned
