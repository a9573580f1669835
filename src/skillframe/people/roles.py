"""Role profiles and career moves: requirements, target roles, the element picker.

Every change goes through a function here so it is saved atomically and leaves an audit event;
views only validate input (role_forms.py) and call these.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from skillframe.audit.models import record
from skillframe.frameworks.kinds import kind_label
from skillframe.frameworks.models import Element, Framework, ScaleLevel
from skillframe.frameworks.search import Crumb, element_paths, search
from skillframe.people.access import Viewer
from skillframe.people.models import (
    Person,
    RoleProfile,
    RoleRequirement,
    undefined_level_message,
)

# Paths below /roles/ that are pages, so no role may take them as its code.
RESERVED_ROLE_CODES = frozenset({"new", "import", "target"})


@dataclass(frozen=True)
class Candidate:
    """One element offered by the element picker."""

    framework: str
    code: str
    kind: str
    label: str
    label_html: str  # escaped, matched words in <mark> when found by full-text search
    framework_title: str = ""
    path: tuple[Crumb, ...] = ()  # its ancestors, top first: the context of a bare criterion

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def place(self) -> str:
        """ "Framework › ancestor › …" for people."""
        return " › ".join([self.framework_title, *(crumb.label for crumb in self.path)])


def element_candidates(query: str, kinds: Iterable[str], limit: int = 12) -> list[Candidate]:
    """Elements of `kinds` for a picker: codes starting with `query` first, then text matches.
    Each with its place in the tree (the code matches' read in one more query)."""
    query = query.strip()
    kinds = list(kinds)
    if not query:
        return []
    by_code = list(
        Element.objects.filter(code__istartswith=query, kind__in=kinds)
        .select_related("framework")
        .order_by("framework__slug", "ordinal")[:limit]
    )
    paths = element_paths([e.pk for e in by_code])
    found = [
        Candidate(
            e.framework.slug,
            e.code,
            e.kind,
            e.label,
            html.escape(e.label),
            e.framework.title,
            paths.get(e.pk, ()),
        )
        for e in by_code
    ]
    seen = {(c.framework, c.code) for c in found}
    if len(found) < limit:
        for hit in search(query, kinds=kinds, limit=limit).hits:
            if (hit.framework, hit.code) in seen or len(found) >= limit:
                continue
            text = hit.title_html or hit.snippet_html
            label = hit.title or hit.statement
            found.append(
                Candidate(
                    hit.framework, hit.code, hit.kind, label, text, hit.framework_title, hit.path
                )
            )
    return found


@dataclass
class FrameworkGroup:
    """A role's requirements in one framework, with that framework's level names."""

    framework: Framework
    requirements: list[RoleRequirement] = field(default_factory=list)
    level_names: dict[int, str] = field(default_factory=dict)
    impossible: int = 0  # requirements at a level their element does not define


def requirements_by_framework(role: RoleProfile) -> list[FrameworkGroup]:
    """Requirements in their order, grouped by framework (frameworks in order of first use)."""
    requirements = (
        RoleRequirement.objects.filter(role=role)
        .select_related("element__framework")
        .order_by("position", "id")
    )
    groups: dict[int, FrameworkGroup] = {}
    for requirement in requirements:
        framework = requirement.element.framework
        groups.setdefault(framework.pk, FrameworkGroup(framework)).requirements.append(requirement)
    for level in ScaleLevel.objects.filter(framework_id__in=groups):
        groups[level.framework_id].level_names[level.number] = level.name
    defined = Element.objects.defined_levels(
        requirement.element_id for group in groups.values() for requirement in group.requirements
    )
    for group in groups.values():
        for requirement in group.requirements:
            # Read by the template: "level 3 (Senior practitioner)" or "competent".
            requirement.level_name = group.level_names.get(requirement.target_level or 0, "")  # type: ignore[attr-defined]
            requirement.level_problem = impossible_target(requirement, defined)  # type: ignore[attr-defined]
            if requirement.level_problem:  # type: ignore[attr-defined]
                group.impossible += 1
    return list(groups.values())


def impossible_target(requirement: RoleRequirement, defined: dict[int, set[int]]) -> str:
    """Why a saved requirement can never be met ("" when it can): its target is a level the
    element does not define. Saved before that rule, or by an import that predates it; the role
    page flags it so HR can correct it."""
    levels = defined.get(requirement.element_id, set())
    level = requirement.target_level
    if level is None or not levels or level in levels:
        return ""
    return undefined_level_message(requirement.element, level, levels) + ": it can never be met"


def save_role(actor: Viewer, role: RoleProfile, *, created: bool) -> None:
    with transaction.atomic():
        role.save()
        record(
            actor,
            "role.create" if created else "role.update",
            role,
            code=role.code,
            title=role.title,
        )


def _requirement_data(requirement: RoleRequirement) -> dict[str, Any]:
    return {
        "role": requirement.role.code,
        "element": requirement.element.code,
        "framework": requirement.element.framework.slug,
        "target_level": requirement.target_level,
        "importance": requirement.importance,
        "weight": requirement.weight,
    }


def save_requirement(actor: Viewer, requirement: RoleRequirement, *, created: bool) -> None:
    """Save a validated requirement; a new one goes to the end of the role's list."""
    with transaction.atomic():
        if created:
            last = RoleRequirement.objects.filter(role=requirement.role).aggregate(
                last=Max("position")
            )["last"]
            requirement.position = (last or 0) + 1
        requirement.save()
        _touch(requirement.role)
        action = "role.requirement.add" if created else "role.requirement.update"
        record(actor, action, requirement.role, **_requirement_data(requirement))


def remove_requirement(actor: Viewer, requirement: RoleRequirement) -> None:
    with transaction.atomic():
        data = _requirement_data(requirement)
        role = requirement.role
        requirement.delete()
        _renumber(role)
        _touch(role)
        record(actor, "role.requirement.delete", role, **data)


def _touch(role: RoleProfile) -> None:
    """A requirement change is a change of the profile: move its `updated_at` on."""
    role.save(update_fields=["updated_at"])


def _renumber(role: RoleProfile) -> list[RoleRequirement]:
    """Positions 1..n in the current order (imports and deletions can leave gaps)."""
    requirements = list(
        RoleRequirement.objects.filter(role=role)
        .select_related("element")
        .order_by("position", "id")
    )
    changed = []
    for position, requirement in enumerate(requirements, start=1):
        if requirement.position != position:
            requirement.position = position
            changed.append(requirement)
    RoleRequirement.objects.bulk_update(changed, ["position"])
    return requirements


def move_requirement(actor: Viewer, requirement: RoleRequirement, step: int) -> bool:
    """Move a requirement one place up (step -1) or down (+1); False at either end."""
    with transaction.atomic():
        ordered = _renumber(requirement.role)
        index = next(i for i, r in enumerate(ordered) if r.pk == requirement.pk)
        other = index + step
        if step not in (-1, 1) or not 0 <= other < len(ordered):
            return False
        a, b = ordered[index], ordered[other]
        a.position, b.position = b.position, a.position
        RoleRequirement.objects.bulk_update([a, b], ["position"])
        _touch(requirement.role)
        record(
            actor,
            "role.requirement.move",
            requirement.role,
            element=a.element.code,
            position=a.position,
        )
        return True


def check_target_role(person: Person, role: RoleProfile | None) -> None:
    """ValidationError on `target_role` when the role is the person's current one already
    (a career move goes somewhere else; the target-role page and the API refuse the same)."""
    if role is not None and role.pk == person.current_role_id:
        raise ValidationError({"target_role": f"{role.title} is already the current role"})


def set_target_role(actor: Viewer, person: Person, role: RoleProfile | None) -> None:
    """Record a person's career move (or clear it with None)."""
    check_target_role(person, role)
    with transaction.atomic():
        before = person.target_role.code if person.target_role else None
        person.target_role = role
        person.save(update_fields=["target_role"])
        record(
            actor,
            "person.target_role",
            person,
            employee_id=person.employee_id,
            before=before,
            after=role.code if role else None,
        )
