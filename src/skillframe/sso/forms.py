from __future__ import annotations

from typing import Any

from django import forms


class InviteForm(forms.Form):
    employee_id = forms.CharField(label="Employee id", max_length=64)


class AcceptForm(forms.Form):
    password1 = forms.CharField(label="New password", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="New password again", widget=forms.PasswordInput, strip=False)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "The two passwords differ.")
        return data
