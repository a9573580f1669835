"""Forms for role profiles, their requirements and target roles.

Every error is attached to the field it is about, so the page can name the field; the domain
rules themselves (which level fits which element, the weight, one requirement per element) are
the model's (`RoleRequirement.clean`), which names the field of each problem.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from skillframe.frameworks.models import Element, ElementLookupError, Framework
from skillframe.inputs import DESCRIPTION_MAX
from skillframe.people.models import Importance, Person, RoleProfile, RoleRequirement
from skillframe.people.roles import RESERVED_ROLE_CODES, check_target_role
from skillframe.validators import TextLimit


def framework_choices() -> list[tuple[str, str]]:
    return [("", "Any framework"), *Framework.objects.values_list("slug", "title")]


def add_model_errors(form: forms.Form, error: ValidationError, fields: dict[str, str]) -> None:
    """Attach a model ValidationError's messages to form fields (`fields` maps model → form)."""
    for key, messages in error.message_dict.items():
        name = fields.get(key, key)
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


class RoleProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    description = forms.CharField(
        required=False,
        max_length=DESCRIPTION_MAX,
        validators=[TextLimit(DESCRIPTION_MAX)],
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = RoleProfile
        fields = ["title", "code", "description"]
        labels = {"code": "Code"}
        help_texts = {
            "code": "Short stable name used in addresses and imports: lowercase letters, digits, "
            "hyphens (e.g. project-manager).",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if code.lower() in RESERVED_ROLE_CODES:
            raise ValidationError(f"{code!r} is reserved for a page address; choose another code")
        return code


class RequirementForm(forms.Form):
    """One requirement of a role: an element picked by its code, target level and importance."""

    element = forms.CharField(
        label="Element code",
        max_length=128,
        help_text="An AXELOS skill (e.g. PPM-PPL) or a NOS standard or criterion (e.g. INSML005).",
    )
    framework = forms.ChoiceField(
        label="Framework",
        required=False,
        help_text="Only needed when the same code exists in two frameworks.",
    )
    target_level = forms.IntegerField(
        label="Target level",
        required=False,
        help_text="A level the element defines (an AXELOS skill: some of levels 1–5, as shown "
        "on its page). Leave empty for NOS: competent.",
    )
    importance = forms.ChoiceField(label="Importance", choices=Importance.choices)
    weight = forms.FloatField(
        label="Weight",
        required=False,
        initial=1.0,
        help_text="A number greater than 0; higher counts more in gap reports (default 1).",
    )

    def __init__(
        self, *args: Any, role: RoleProfile, instance: RoleRequirement | None = None, **kw: Any
    ) -> None:
        if instance is not None and "initial" not in kw:
            kw["initial"] = {
                "element": instance.element.code,
                "framework": instance.element.framework.slug,
                "target_level": instance.target_level,
                "importance": instance.importance,
                "weight": instance.weight,
            }
        super().__init__(*args, **kw)
        self.role = role
        self.instance = instance
        self.fields["framework"].choices = framework_choices()  # type: ignore[attr-defined]

    def clean_weight(self) -> float:
        weight: float | None = self.cleaned_data.get("weight")
        return 1.0 if weight is None else weight  # empty: the default

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = data.get("element")
        if not code or any(name in self.errors for name in ("target_level", "weight")):
            return data  # the domain checks need every value
        try:
            element = Element.objects.find(code, data.get("framework") or None)
        except ElementLookupError as exc:
            self.add_error(exc.field, str(exc))
            return data
        wanted = RoleRequirement(
            pk=self.instance.pk if self.instance else None,
            role=self.role,
            element=element,
            target_level=data["target_level"],
            weight=data["weight"],
        )
        try:
            wanted.clean()  # the model's rules: target on the scale, weight, no duplicate
        except ValidationError as exc:
            add_model_errors(self, exc, {})
            return data
        data["element_obj"] = element
        return data

    def build(self) -> tuple[RoleRequirement, bool]:
        """The requirement with the form's values, not yet saved; and whether it is new."""
        created = self.instance is None
        requirement = self.instance or RoleRequirement(role=self.role)
        requirement.element = self.cleaned_data["element_obj"]
        requirement.target_level = self.cleaned_data["target_level"]
        requirement.importance = self.cleaned_data["importance"]
        requirement.weight = self.cleaned_data["weight"]
        return requirement, created


class ElementQueryForm(forms.Form):
    """The picker's search box (GET): words of a title or the start of a code."""

    q = forms.CharField(label="Find an element", required=False, max_length=200)


class TargetRoleForm(forms.Form):
    role = forms.ModelChoiceField(
        label="Target role",
        queryset=RoleProfile.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="No target role",
        help_text="The role you want to grow into; your gaps are shown against it too.",
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_role(self) -> RoleProfile | None:
        role: RoleProfile | None = self.cleaned_data.get("role")
        try:
            check_target_role(self.person, role)
        except ValidationError as error:
            raise ValidationError(error.message_dict["target_role"]) from error
        return role
