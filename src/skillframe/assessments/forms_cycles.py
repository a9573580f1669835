"""The forms HR uses to open an assessment cycle and to reopen a closed one."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError

from skillframe.assessments.cycles import check_reopen_date
from skillframe.assessments.models import Cycle
from skillframe.people.models import OrgUnit, RoleProfile

# ModelForm and the model choice fields are generic only in django-stubs, not at run time.
if TYPE_CHECKING:
    _CycleModelForm = forms.ModelForm[Cycle]
else:
    _CycleModelForm = forms.ModelForm


class CycleForm(_CycleModelForm):
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

    def __init__(self, *args: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An HR admin scopes cycles by the units they administer, not by others'.
        units_field = cast("forms.ModelMultipleChoiceField[OrgUnit]", self.fields["units"])
        units_field.queryset = OrgUnit.objects.administered_by(user).order_by("name")
        roles_field = cast("forms.ModelMultipleChoiceField[RoleProfile]", self.fields["roles"])
        roles_field.queryset = RoleProfile.objects.order_by("title")

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data  # what ModelForm.clean() returns
        if not cleaned.get("units") and not cleaned.get("roles") and "units" not in self.errors:
            self.add_error("units", "choose at least one unit or role for the cycle's scope")
        return cleaned


class ReopenForm(forms.Form):
    """HR reopens a closed cycle until a new (or the same) end date, today or later."""

    ends_on = forms.DateField(label="Open until", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, cycle: Cycle, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cycle, self.today = cycle, today
        # The old end date when it is still ahead, else two weeks from today.
        self.fields["ends_on"].initial = max(cycle.ends_on, today + timedelta(days=14))

    def clean_ends_on(self) -> date:
        ends_on: date = self.cleaned_data["ends_on"]
        try:
            check_reopen_date(self.cycle, ends_on, self.today)
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["ends_on"]) from error
        return ends_on
