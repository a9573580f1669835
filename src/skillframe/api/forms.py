"""Running an HR page's form from the API, so both check the same rules in the same words.

The people domain keeps some checks in its forms (a unit in the HR admin's scope, an unused
employee id, a reserved role code): binding the same form to the JSON body makes the API refuse
exactly what the page refuses. A form's errors become a ValidationError naming each field (the
API's 422); `__all__` errors name no field. Model choice fields are switched to take codes, the
API's spelling of records, instead of primary keys.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def by_code(form: forms.BaseForm, *names: str, key: str = "code") -> None:
    """Let the model choice fields `names` of `form` take `key` values (codes) from clients."""
    for name in names:
        field = form.fields.get(name)
        if isinstance(field, forms.ModelChoiceField):
            field.to_field_name = key


def cleaned(form: forms.BaseForm) -> dict[str, Any]:
    """The form's cleaned data; ValidationError naming each field in error otherwise."""
    if form.is_valid():
        return form.cleaned_data
    raise ValidationError(
        {
            NON_FIELD_ERRORS if name == "__all__" else name: list(messages)
            for name, messages in form.errors.items()
        }
    )
