"""Which elements a view shows: a role's requirements (with targets), or chosen elements (a
family or group standing for its skills), or by default the role most people of the scope hold."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db.models import Count, Q

from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element, choose_element
from skillframe.insights.org.kernel import Column
from skillframe.people.models import RoleProfile
from skillframe.people.querysets import PersonQuerySet

MAX_COLUMNS = 120
EXPANDS = (ElementKind.FAMILY, ElementKind.GROUP)


def _by_level(element: Element) -> bool:
    return element.kind == ElementKind.SKILL


def role_columns(role: RoleProfile) -> list[Column]:
    """A role's requirements in order; a NOS requirement's target is every item (1)."""
    requirements = role.requirements.select_related("element__framework").order_by("position", "id")
    return [
        Column(
            r.element_id,
            r.element.code,
            r.element.title,
            r.element.framework.slug,
            _by_level(r.element),
            r.target_level if _by_level(r.element) else 1,
        )
        for r in requirements
    ]


def element_columns(codes: Sequence[str]) -> list[Column]:
    """Chosen elements by code (`choose_element`'s rule, all codes in one query), without
    targets; a family or group stands for the skills below it (one more query for all of them).
    ValidationError({"elements": …}) names every bad code."""
    candidates = Element.objects.by_codes(codes)
    chosen: list[Element] = []
    problems: list[str] = []
    for code in codes:
        try:
            chosen.append(choose_element(code, None, candidates.get(code.strip().upper(), []), []))
        except ValidationError as exc:
            problems.extend(f"{code}: {m}" for m in exc.messages)
    if problems:
        raise ValidationError({"elements": "; ".join(problems)})
    groups = [e.pk for e in chosen if e.kind in EXPANDS]
    below: dict[int, list[Element]] = {}
    if groups:
        skills = (
            Element.objects.filter(
                Q(parent_id__in=groups) | Q(parent__parent_id__in=groups), kind=ElementKind.SKILL
            )
            .select_related("framework", "parent")
            .order_by("ordinal")
        )
        for skill in skills:
            parent = skill.parent
            owner = skill.parent_id if skill.parent_id in groups else (parent and parent.parent_id)
            below.setdefault(int(owner or 0), []).append(skill)
    found: list[Element] = []
    for element in chosen:
        found.extend(below.get(element.pk, []) if element.kind in EXPANDS else [element])
    unique = list({e.pk: e for e in found}.values())
    if len(unique) > MAX_COLUMNS:
        raise ValidationError({"elements": f"{len(unique)} elements; at most {MAX_COLUMNS}"})
    return [Column(e.pk, e.code, e.title, e.framework.slug, _by_level(e)) for e in unique]


def framework_columns(slug: str) -> list[Column]:
    """Every skill (AXELOS) or unit (NOS) of a framework, in order, without targets;
    ValidationError({"framework": …}) for an unknown slug or too many columns."""
    elements = list(
        Element.objects.filter(framework__slug=slug, kind__in=(ElementKind.SKILL, ElementKind.UNIT))
        .select_related("framework")
        .order_by("ordinal")[: MAX_COLUMNS + 1]
    )
    if not elements:
        raise ValidationError({"framework": f"no framework {slug!r} with skills or units"})
    if len(elements) > MAX_COLUMNS:
        raise ValidationError(
            {"framework": f"more than {MAX_COLUMNS} elements: choose a family or elements"}
        )
    return [Column(e.pk, e.code, e.title, e.framework.slug, _by_level(e)) for e in elements]


def default_role(people: PersonQuerySet) -> RoleProfile | None:
    """The current role most people of the scope hold (one query), or None."""
    top = (
        people.exclude(current_role__isnull=True)
        .values("current_role_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "current_role_id")
        .first()
    )
    return RoleProfile.objects.filter(pk=top["current_role_id"]).first() if top else None
