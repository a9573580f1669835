"""Edits to a draft version: add, edit, move and retire elements; the scale's levels; the
draft's details. Never to a published version: every function takes the draft and refuses
anything else.

Each edit is validated like an import: inside one transaction the change is made, the draft is
read back as a FrameworkSpec (`dump_framework`) and checked by the importers' own rules
(`FrameworkSpec.problems`: codes, parents, text limits, control characters, level numbers) and
the level rules below; any problem rolls the edit back and is raised as a ValidationError
naming the field. Undecided mapping suggestions are then refreshed (mapping.suggest).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from skillframe.authoring.mapping import suggest
from skillframe.frameworks.loading import dump_framework
from skillframe.frameworks.models import EditionStatus, Element, Framework, ScaleLevel
from skillframe.frameworks.spec import (
    ElementSpec,
    FrameworkSpec,
    ScaleLevelSpec,
    element_uuid,
    scale_level_uuid,
)

T = TypeVar("T")
MAX_LEVEL = 1000  # the highest scale level number a page or the API accepts


def ensure_draft(draft: Framework) -> Framework:
    if draft.edition_status != EditionStatus.DRAFT or draft.edition_of_id is None:
        raise ValidationError({"framework": "only a draft can be edited: start a draft first"})
    return draft


def _problems(draft: Framework) -> list[str]:
    spec = dump_framework(draft)
    problems = list(spec.problems())
    numbers = {level.number for level in spec.scale}
    for element in spec.elements:
        if element.level is not None and numbers and element.level not in numbers:
            problems.append(
                f"element {element.code!r}: level {element.level} is not on the scale "
                f"({', '.join(str(n) for n in sorted(numbers))})"
            )
    return problems


def _check_texts(
    draft: Framework,
    field: str,
    element: ElementSpec | None = None,
    level: ScaleLevelSpec | None = None,
) -> None:
    """The import rules on one element's or level's texts before they are written (a text too
    long for its column must be refused here, not by the database)."""
    spec = FrameworkSpec(
        slug=draft.slug,
        title=draft.title,
        elements=(element,) if element else (),
        scale=(level,) if level else (),
    )
    problems = list(spec.problems())
    if problems:
        raise ValidationError({field: problems})


def _renumber(draft: Framework) -> None:
    """Positions 1… among siblings and document order (`ordinal`) after a change."""
    rows = list(
        Element.objects.filter(framework=draft)
        .order_by("position", "ordinal")
        .values_list("pk", "parent_id", "position", "ordinal")
    )
    children: dict[int | None, list[int]] = {}
    for pk, parent_id, _, _ in rows:
        children.setdefault(parent_id, []).append(pk)
    wanted: dict[int, tuple[int, int]] = {}
    counter = 0

    def walk(parent: int | None) -> None:
        nonlocal counter
        for position, pk in enumerate(children.get(parent, []), start=1):
            counter += 1
            wanted[pk] = (position, counter)
            walk(pk)

    walk(None)
    changed = [
        Element(pk=pk, position=wanted[pk][0], ordinal=wanted[pk][1])
        for pk, _, position, ordinal in rows
        if (position, ordinal) != wanted[pk]
    ]
    Element.objects.bulk_update(changed, ["position", "ordinal"], batch_size=500)


def _edit(draft: Framework, change: Callable[[], T], field: str) -> T:
    ensure_draft(draft)
    with transaction.atomic():
        result = change()
        _renumber(draft)
        problems = _problems(draft)
        if problems:
            raise ValidationError({field: problems})
        framework = draft.edition_of
        assert framework is not None  # ensure_draft
        suggest(framework, draft)
    return result


def _element(draft: Framework, code: str, field: str = "code") -> Element:
    element = Element.objects.filter(framework=draft, code=code).first()
    if element is None:
        raise ValidationError({field: f"the draft has no element {code!r}"})
    return element


def _parent(draft: Framework, code: str | None) -> Element | None:
    return _element(draft, code, "parent") if code else None


@dataclass(frozen=True)
class ElementInput:
    code: str
    kind: str
    title: str = ""
    statement: str = ""
    level: int | None = None


def add_element(
    draft: Framework,
    data: ElementInput,
    parent_code: str | None = None,
    position: int | None = None,
) -> Element:
    """A new element under `parent_code` (top level when None), last or at `position`."""

    def change() -> Element:
        parent = _parent(draft, parent_code)
        code = data.code.strip()
        if not code:
            raise ValidationError({"code": "give the new element a code"})
        _check_texts(
            draft,
            "code",
            ElementSpec(code, data.kind.strip(), None, data.title, data.statement, data.level),
        )
        if Element.objects.filter(framework=draft, code=code).exists():
            raise ValidationError({"code": f"the draft already has an element {code!r}"})
        siblings = Element.objects.filter(framework=draft, parent=parent)
        last = siblings.count()
        where = last + 1 if position is None else max(1, min(position, last + 1))
        siblings.filter(position__gte=where).update(position=F("position") + 1)
        return Element.objects.create(
            framework=draft,
            parent=parent,
            uuid=element_uuid(draft.slug, code),
            kind=data.kind.strip(),
            code=code,
            title=data.title.strip(),
            statement=data.statement.strip(),
            level=data.level,
            position=where,
            ordinal=0,  # set by _renumber
        )

    return _edit(draft, change, "code")


def edit_element(
    draft: Framework, code: str, *, title: str, statement: str, level: int | None = None
) -> Element:
    """Reword an element (its title and statement; a level definition's level)."""

    def change() -> Element:
        element = _element(draft, code)
        _check_texts(
            draft, "statement", ElementSpec(code, element.kind, None, title, statement, level)
        )
        element.title, element.statement = title.strip(), statement.strip()
        if element.level is not None and level is not None:
            element.level = level
        element.save(update_fields=["title", "statement", "level", "updated_at"])
        return element

    return _edit(draft, change, "statement")


def move_element(draft: Framework, code: str, *, parent_code: str | None, position: int) -> Element:
    """Move an element (with its subtree) under `parent_code` (top level when None), to
    `position` among its new siblings (1 = first)."""

    def change() -> Element:
        element = _element(draft, code)
        parent = _parent(draft, parent_code)
        node = parent
        while node is not None:
            if node.pk == element.pk:
                raise ValidationError({"parent": f"{code} cannot move below itself"})
            node = node.parent
        siblings = list(
            Element.objects.filter(framework=draft, parent=parent)
            .exclude(pk=element.pk)
            .order_by("position")
        )
        where = max(1, min(position, len(siblings) + 1))
        siblings.insert(where - 1, element)
        for index, sibling in enumerate(siblings, start=1):
            sibling.position = index
        element.parent = parent
        Element.objects.bulk_update(siblings, ["position"])
        element.save(update_fields=["parent", "updated_at"])
        return element

    return _edit(draft, change, "parent")


def retire_element(draft: Framework, code: str) -> int:
    """Take an element and its subtree out of the draft (the published versions keep them);
    returns how many elements left the draft."""

    def change() -> int:
        element = _element(draft, code)
        deleted, by_model = element.delete()
        return by_model.get("frameworks.Element", deleted)

    return _edit(draft, change, "code")


def set_scale_level(draft: Framework, number: int, *, name: str, description: str) -> ScaleLevel:
    """Add level `number` to the draft's scale, or reword it."""

    def change() -> ScaleLevel:
        if not 1 <= number <= MAX_LEVEL:
            raise ValidationError({"number": f"a level number is 1 to {MAX_LEVEL}"})
        _check_texts(draft, "name", level=ScaleLevelSpec(number, name, description))
        level, _ = ScaleLevel.objects.update_or_create(
            framework=draft,
            number=number,
            defaults={
                "uuid": scale_level_uuid(draft.slug, number),
                "name": name.strip(),
                "description": description.strip(),
            },
        )
        return level

    return _edit(draft, change, "name")


def remove_scale_level(draft: Framework, number: int) -> None:
    """Take a level off the draft's scale (refused while a level definition still uses it)."""

    def change() -> None:
        deleted, _ = ScaleLevel.objects.filter(framework=draft, number=number).delete()
        if not deleted:
            raise ValidationError({"number": f"the draft's scale has no level {number}"})

    _edit(draft, change, "number")


def edit_details(draft: Framework, *, title: str, version: str, notes: str) -> Framework:
    """The draft's title, its source version label and the release notes of the version."""

    def change() -> Framework:
        if not title.strip():
            raise ValidationError({"title": "give the draft a title"})
        for name, value, limit in (("title", title, 255), ("version", version, 64)):
            if len(value.strip()) > limit:
                raise ValidationError({name: f"at most {limit} characters"})
        draft.title, draft.version, draft.edition_notes = (
            title.strip(),
            version.strip(),
            notes.strip(),
        )
        draft.save(update_fields=["title", "version", "edition_notes", "updated_at"])
        return draft

    return _edit(draft, change, "title")
