"""Forms of the evidence pages: they only carry input; the rules are in records.py/workflow.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from skillframe.evidence.models import EvidenceKind
from skillframe.evidence.records import EvidenceInput


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, (list, tuple)):
            return [f for f in data if f]
        return [data] if data else []


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(choices=EvidenceKind.choices)
    title = forms.CharField(max_length=255)
    occurred_on = forms.DateField(
        label="Date", widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    text = forms.CharField(
        label="Account, statement or notes",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="Your reflective account, the witness's statement, the observation record or "
        "the discussion notes.",
    )
    url = forms.CharField(label="Link", required=False, max_length=500)
    witness_name = forms.CharField(required=False, max_length=255)
    witness_role = forms.CharField(required=False, max_length=255)
    witness_contact = forms.CharField(required=False, max_length=255)
    files = MultipleFileField(required=False, label="Files")
    elements = forms.CharField(
        label="Maps to",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Element codes separated by spaces or commas, e.g. INSML005.P1 INSML005.K3; "
        "a whole standard (INSML005) or AXELOS statements (PPM-BCD.L3.1).",
    )
    shared_with_manager = forms.BooleanField(
        required=False, label="Let my line manager see this evidence"
    )

    def to_input(self) -> EvidenceInput:
        data = self.cleaned_data
        files = [(f.name, f.read()) for f in data["files"]]
        return EvidenceInput(
            kind=data["kind"],
            title=data["title"],
            occurred_on=data["occurred_on"],
            description=data["description"],
            text=data["text"],
            url=data["url"],
            witness_name=data["witness_name"],
            witness_role=data["witness_role"],
            witness_contact=data["witness_contact"],
            shared_with_manager=data["shared_with_manager"],
            elements=split_codes(data["elements"]),
            files=files,
        )


def split_codes(text: str) -> list[str]:
    return [code for code in text.replace(",", " ").split() if code]
