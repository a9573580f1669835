"""Forms of the self-assessment wizard: one per kind of step, built from the step's detail.

The templates lay the inputs out by level or by section, so each form also prepares rows with
the values to show (posted ones when bound, saved ones otherwise).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import QuerySet

from skillframe.assessments.models import Competence
from skillframe.assessments.wizard_steps import StepDetail
from skillframe.frameworks.models import Element
from skillframe.inputs import COMMENT_MAX
from skillframe.validators import TextLimit

INTEREST_CHOICES = [("", "Not said"), ("yes", "Yes"), ("no", "No")]
CONFIDENCE_CHOICES = [("", "Not said")] + [(str(n), str(n)) for n in range(1, 6)]
JUDGEMENT_CHOICES = [("", "Not rated"), *Competence.choices]


def _wants(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _wants_initial(wants: bool | None) -> str:
    return "" if wants is None else ("yes" if wants else "no")


class _StepForm(forms.Form):
    wants = forms.TypedChoiceField(
        label="Do you want to develop this?",
        choices=INTEREST_CHOICES,
        coerce=_wants,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, detail: StepDetail, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.detail = detail
        self.fields["wants"].initial = _wants_initial(detail.wants)

    def shown(self, name: str) -> Any:
        """The value to show in an input: posted when bound, saved otherwise."""
        return self[name].value()


class LevelsStepForm(_StepForm):
    statements = forms.MultipleChoiceField(required=False)
    level = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    confidence = forms.TypedChoiceField(
        label="How confident are you (1 low – 5 high)?",
        choices=CONFIDENCE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX,
        validators=[TextLimit(COMMENT_MAX)],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, detail: StepDetail, *args: Any, **kwargs: Any) -> None:
        super().__init__(detail, *args, **kwargs)
        defined = detail.defined_levels
        statements = cast(forms.MultipleChoiceField, self.fields["statements"])
        statements.choices = [(c, c) for codes in defined.values() for c in codes]
        cast(forms.TypedChoiceField, self.fields["level"]).choices = [
            (str(n), f"Level {n}") for n in defined
        ]
        current = detail.current
        if current is not None:
            self.fields["statements"].initial = list(current.statements_met)
            self.fields["level"].initial = str(current.level)
            self.fields["confidence"].initial = str(current.confidence or "")
            self.fields["comment"].initial = current.comment

    def ticked(self) -> list[str]:
        return [str(code) for code in self.shown("statements") or []]

    def level_rows(self) -> list[dict[str, Any]]:
        ticked = set(self.ticked())
        chosen = str(self.shown("level") or "")
        return [
            {
                "option": option,
                "chosen": chosen == str(option.number),
                "statements": [(s, s.code in ticked) for s in option.statements],
            }
            for option in self.detail.levels
        ]

    def suggestion(self) -> int | None:
        return self.detail.suggested(self.ticked())


class JudgementStepForm(_StepForm):
    """Competent / not yet / not applicable for each criterion and knowledge item."""

    def __init__(self, detail: StepDetail, *args: Any, **kwargs: Any) -> None:
        super().__init__(detail, *args, **kwargs)
        self.items: dict[str, Element] = {}
        for section in detail.sections:
            for item in section.items:
                name = f"judgement-{item.code}"
                saved = detail.latest.get(item.pk)
                self.fields[name] = forms.ChoiceField(
                    label=f"{item.short_code} {item.statement or item.title}",
                    choices=JUDGEMENT_CHOICES,
                    required=False,
                    initial=saved.competence if saved else "",
                )
                self.items[name] = item

    def judgements(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data.get(name) or "" for name, item in self.items.items()}

    def section_rows(self) -> list[dict[str, Any]]:
        """Each section with its progress and whether it starts open.

        A NOS standard runs to dozens of items: its sections fold (<details>) so that a phone
        shows one at a time. Open: the first section with something unanswered, any with an
        error, and all of them when everything is answered or there is only one section.
        """
        blocks: list[dict[str, Any]] = []
        for section in self.detail.sections:
            rows = [
                {
                    "item": item,
                    "name": f"judgement-{item.code}",
                    "value": self.shown(f"judgement-{item.code}") or "",
                    "errors": self.errors.get(f"judgement-{item.code}"),
                }
                for item in section.items
            ]
            answered = sum(1 for row in rows if row["value"])
            blocks.append(
                {
                    "section": section,
                    "rows": rows,
                    "answered": answered,
                    "total": len(rows),
                    "has_errors": any(row["errors"] for row in rows),
                }
            )
        everything = all(block["answered"] == block["total"] for block in blocks)
        first_open = next((b for b in blocks if b["answered"] < b["total"]), None)
        for block in blocks:
            block["open"] = (
                len(blocks) == 1 or everything or block is first_open or block["has_errors"]
            )
        return blocks

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(value, label) for value, label in JUDGEMENT_CHOICES if value]


# Django's form fields are generic only in django-stubs, not at run time.
if TYPE_CHECKING:
    _ElementChoiceField = forms.ModelChoiceField[Element]
else:
    _ElementChoiceField = forms.ModelChoiceField


class ElementChoiceField(_ElementChoiceField):
    """Elements labelled with their framework: "AXELOS Skills Framework: PPM-PROJ …"."""

    def label_from_instance(self, obj: Element) -> str:
        return f"{obj.framework.title}: {obj.code} {obj.label}"


class AddElementForm(forms.Form):
    """A skill or unit the person chooses to assess beyond their role's requirements."""

    element = ElementChoiceField(
        label="Also assess",
        queryset=Element.objects.none(),
        empty_label="Choose a skill or standard",
    )

    def __init__(self, elements: QuerySet[Element], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ElementChoiceField, self.fields["element"]).queryset = elements
