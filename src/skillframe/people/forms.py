"""HR forms for people, units and permissions.

Every form is built for one user: the units offered are those in that user's HR scope
(`records.scope_units`), and each refusal names its field.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError

from skillframe.people.models import OrgUnit, Person, RoleProfile
from skillframe.people.records import (
    PersonFields,
    check_person_fields,
    email_owner_ids,
    employee_id_problem,
    scope_unit_ids,
    scope_units,
    unit_would_cycle,
)

OUT_OF_SCOPE_UNIT = "Choose a unit you administer as HR admin."

# django-stubs makes ModelForm generic in its model; Django's class takes no subscript at run time.
if TYPE_CHECKING:
    _UnitModelForm = forms.ModelForm[OrgUnit]
else:
    _UnitModelForm = forms.ModelForm


class PersonForm(forms.Form):
    """Create a person (with `employee_id`) or edit one (`person` given)."""

    employee_id = forms.CharField(label="Employee ID", max_length=64)
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(label="E-mail", max_length=254)
    job_title = forms.CharField(max_length=255, required=False)
    unit = forms.ModelChoiceField(
        queryset=OrgUnit.objects.none(),
        error_messages={"invalid_choice": OUT_OF_SCOPE_UNIT},
    )
    manager = forms.CharField(
        label="Manager's employee ID",
        max_length=64,
        required=False,
        help_text="Leave empty for nobody.",
    )
    current_role = forms.ModelChoiceField(queryset=RoleProfile.objects.all(), required=False)
    target_role = forms.ModelChoiceField(queryset=RoleProfile.objects.all(), required=False)

    def __init__(
        self, *args: Any, user: User | AnonymousUser, person: Person | None = None, **kwargs: Any
    ) -> None:
        if person is not None:
            kwargs.setdefault(
                "initial",
                {
                    "first_name": person.user.first_name,
                    "last_name": person.user.last_name,
                    "email": person.user.email,
                    "job_title": person.job_title,
                    "unit": person.unit_id,
                    "manager": person.manager.employee_id if person.manager else "",
                    "current_role": person.current_role_id,
                    "target_role": person.target_role_id,
                },
            )
        super().__init__(*args, **kwargs)
        self.person = person
        self.user = user
        unit = cast("forms.ModelChoiceField[OrgUnit]", self.fields["unit"])
        unit.queryset = scope_units(user)
        if person is not None:
            del self.fields["employee_id"]  # the key of the record: not changed here

    def clean_employee_id(self) -> str:
        value: str = self.cleaned_data["employee_id"].strip()
        reason = employee_id_problem(value)
        if reason:
            raise ValidationError(f"Not a valid employee ID: {reason}.")
        if Person.objects.filter(employee_id=value).exists():
            raise ValidationError("A person with this employee ID exists already.")
        return value

    def clean_email(self) -> str:
        value: str = self.cleaned_data["email"].strip()
        # The domain refuses it too (records.check_person_fields); asked here as well so the page
        # shows it along with the other fields' errors.
        owners = email_owner_ids(value) - ({self.person.user_id} if self.person else set())
        if owners:
            raise ValidationError("This e-mail address belongs to another account.")
        return value

    def clean_manager(self) -> Person | None:
        value = self.cleaned_data["manager"].strip()
        if not value:
            return None
        manager = Person.objects.filter(employee_id=value).select_related("manager").first()
        if manager is None:
            raise ValidationError(f"No person has the employee ID {value!r}.")
        return manager

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:  # the domain's rules need every value
            try:
                check_person_fields(self.person, self.person_fields(), actor=self.user)
            except ValidationError as exc:
                self.add_error(None, exc)  # the domain names each field
        return cleaned

    def person_fields(self) -> PersonFields:
        data = self.cleaned_data
        return PersonFields(
            first_name=data["first_name"].strip(),
            last_name=data["last_name"].strip(),
            email=data["email"],
            job_title=data["job_title"].strip(),
            unit=data["unit"],
            manager=data["manager"],
            current_role_id=data["current_role"].pk if data["current_role"] else None,
            target_role_id=data["target_role"].pk if data["target_role"] else None,
        )


class UnitForm(_UnitModelForm):
    """A unit inside the user's HR scope; its parent must be one too (or stay as it was)."""

    class Meta:
        model = OrgUnit
        fields = ["code", "name", "parent"]
        help_texts = {"code": "Letters, digits, hyphens and underscores; used by the import."}

    def __init__(self, *args: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope_unit_ids(user)
        self.original_parent_id = self.instance.parent_id if self.instance.pk else None
        allowed = scope_units(user)
        if self.original_parent_id is not None:
            # A unit at the top of an admin's scope keeps its parent from outside the scope.
            allowed = allowed | OrgUnit.objects.filter(pk=self.original_parent_id)
        parent = cast("forms.ModelChoiceField[OrgUnit]", self.fields["parent"])
        parent.queryset = allowed.distinct()
        parent.error_messages["invalid_choice"] = OUT_OF_SCOPE_UNIT
        parent.required = self.scope is not None and not (
            self.instance.pk and self.original_parent_id is None
        )

    def clean_parent(self) -> OrgUnit | None:
        parent: OrgUnit | None = self.cleaned_data["parent"]
        if unit_would_cycle(self.instance, parent):
            raise ValidationError("A unit cannot sit below itself or one of its own sub-units.")
        return parent


def parse_employee_ids(text: str) -> list[str]:
    return [value for value in re.split(r"[\s,;]+", text) if value]


class PermissionsForm(forms.Form):
    """HR-admin units and assessor learners of one person, limited to the granter's scope."""

    hr_units = forms.ModelMultipleChoiceField(
        label="HR admin of",
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Administering a unit includes every unit below it.",
        error_messages={"invalid_choice": OUT_OF_SCOPE_UNIT},
    )
    learners = forms.CharField(
        label="Assessor of (employee IDs)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One employee ID per line (or separated by commas).",
    )

    def __init__(
        self, *args: Any, user: User | AnonymousUser, person: Person, **kwargs: Any
    ) -> None:
        self.people = Person.objects.editable_by(user)
        kwargs.setdefault(
            "initial",
            {
                "hr_units": list(person.hr_units.values_list("pk", flat=True)),
                "learners": "\n".join(
                    person.learners.filter(pk__in=self.people)
                    .order_by("employee_id")
                    .values_list("employee_id", flat=True)
                ),
            },
        )
        super().__init__(*args, **kwargs)
        self.person = person
        hr_units = cast("forms.ModelMultipleChoiceField[OrgUnit]", self.fields["hr_units"])
        hr_units.queryset = scope_units(user)

    def clean_learners(self) -> set[int]:
        ids = parse_employee_ids(self.cleaned_data["learners"])
        found = dict(self.people.filter(employee_id__in=ids).values_list("employee_id", "pk"))
        unknown = [value for value in ids if value not in found]
        if unknown:
            shown = ", ".join(unknown)
            raise ValidationError(f"No person in your HR scope has the employee ID: {shown}.")
        if self.person.employee_id in found:
            raise ValidationError("A person cannot be their own assessor.")
        return set(found.values())
