"""Write a FrameworkSpec to the database: one transaction, idempotent, identifiers kept stable."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.db.models import Model, ProtectedError
from django.utils import timezone

from skillframe.frameworks.models import Element, Framework, ScaleLevel
from skillframe.frameworks.spec import (
    ElementSpec,
    FrameworkSpec,
    ScaleLevelSpec,
    element_uuid,
    framework_uuid,
    scale_level_uuid,
)

_ELEMENT_FIELDS = (
    "parent_id",
    "kind",
    "title",
    "statement",
    "position",
    "ordinal",
    "level",
    "metadata",
)


class SpecError(ValueError):
    """The framework content is not loadable; the message lists every problem."""


class ElementsInUse(ValueError):
    """A replacement would delete elements that ratings, role requirements or plans point at.

    Those rows are kept on purpose (ratings are append-only, requirements and plans are people's
    work), so the replacement is refused, naming every element and what holds it, until a
    versioning path exists. The message is for people; `uses` has the counts by element code.
    """

    def __init__(self, slug: str, uses: dict[str, dict[str, int]], totals: dict[str, int]):
        self.uses = uses
        self.totals = totals
        total = ", ".join(f"{count} {name}" for name, count in totals.items())
        lines = [
            f"replacing {slug!r} would delete {len(uses)} element(s) still in use ({total}); "
            "nothing was imported. Keep these elements in the file:"
        ]
        for code, counts in sorted(uses.items()):
            detail = ", ".join(f"{count} {name}" for name, count in counts.items())
            lines.append(f"  {code}: {detail}")
        super().__init__("\n".join(lines))


# What a person calls the rows of the apps above that protect an element (by model label, so
# this lower layer names them without importing them); anything else by its verbose name.
_USE_NAMES = {
    "assessments.rating": "ratings",
    "people.rolerequirement": "role requirements",
    "development.objective": "plan objectives",
    "people.orggoalweight": "goal weights",
    "assessments.interest": "development interests",
}


@dataclass(frozen=True)
class LoadResult:
    framework: Framework
    created: int
    updated: int
    deleted: int
    unchanged: int

    def summary(self) -> str:
        return (
            f"{self.framework.slug}: {self.created} created, {self.updated} updated, "
            f"{self.deleted} deleted, {self.unchanged} unchanged"
        )


def load_framework(spec: FrameworkSpec) -> LoadResult:
    """Create or update the framework `spec.slug` so the database holds exactly `spec`.

    Elements are matched by code, so their primary keys and UUIDs survive a re-load (ratings and
    evidence will point at them); elements no longer in the spec are deleted. All or nothing.
    """
    problems = list(spec.problems())
    if problems:
        raise SpecError(f"framework {spec.slug!r} is not loadable:\n" + "\n".join(problems))
    with transaction.atomic():
        spec = _without_foreign_uuids(spec)
        framework = _upsert_framework(spec)
        _sync_scale(framework, spec)
        return _sync_elements(framework, spec)


def _without_foreign_uuids(spec: FrameworkSpec) -> FrameworkSpec:
    """Drop file-given UUIDs that another framework already owns (e.g. an export re-imported
    under a new slug): those elements get derived UUIDs instead of violating uniqueness."""
    given = [element.uuid for element in spec.elements if element.uuid is not None]
    taken = set(
        Element.objects.filter(uuid__in=given)
        .exclude(framework__slug=spec.slug)
        .values_list("uuid", flat=True)
    )
    framework_taken = (
        spec.uuid is not None
        and Framework.objects.filter(uuid=spec.uuid).exclude(slug=spec.slug).exists()
    )
    if not taken and not framework_taken:
        return spec
    return replace(
        spec,
        uuid=None if framework_taken else spec.uuid,
        elements=tuple(
            replace(element, uuid=None) if element.uuid in taken else element
            for element in spec.elements
        ),
    )


def _upsert_framework(spec: FrameworkSpec) -> Framework:
    values: dict[str, Any] = {
        "uuid": spec.uuid or framework_uuid(spec.slug),
        "title": spec.title,
        "publisher": spec.publisher,
        "version": spec.version,
        "published": spec.published,
        "language": spec.language,
        "description": spec.description,
        "source": spec.source,
        "licence_note": spec.licence_note,
        "metadata": spec.metadata,
    }
    framework, _ = Framework.objects.update_or_create(slug=spec.slug, defaults=values)
    return framework


def _sync_scale(framework: Framework, spec: FrameworkSpec) -> None:
    wanted = {level.number: level for level in spec.scale}
    ScaleLevel.objects.filter(framework=framework).exclude(number__in=wanted).delete()
    for number, level in wanted.items():
        ScaleLevel.objects.update_or_create(
            framework=framework,
            number=number,
            defaults={
                "uuid": scale_level_uuid(spec.slug, number),
                "name": level.name,
                "description": level.description,
            },
        )


def _sync_elements(framework: Framework, spec: FrameworkSpec) -> LoadResult:
    existing = {element.code: element for element in Element.objects.filter(framework=framework)}
    wanted = {item.code for item in spec.elements}
    stale = [element.pk for code, element in existing.items() if code not in wanted]
    if stale:
        try:
            Element.objects.filter(pk__in=stale).delete()  # children are stale too (CASCADE)
        except ProtectedError as exc:
            raise _in_use(framework.slug, exc.protected_objects) from None
        existing = {code: element for code, element in existing.items() if code in wanted}

    values = _placed_values(spec)
    # Parents precede children in the spec: creating new elements one tree depth at a time lets
    # every batch resolve its parent ids, with a few bulk queries instead of one per element.
    depth: dict[str, int] = {}
    new_by_depth: dict[int, list[ElementSpec]] = {}
    for item in spec.elements:
        depth[item.code] = 0 if item.parent_code is None else depth[item.parent_code] + 1
        if item.code not in existing:
            new_by_depth.setdefault(depth[item.code], []).append(item)
    pk_by_code = {code: element.pk for code, element in existing.items()}

    created = 0
    for level_depth in sorted(new_by_depth):
        batch = [
            Element(
                framework=framework,
                code=item.code,
                uuid=item.uuid or element_uuid(spec.slug, item.code),
                parent_id=pk_by_code[item.parent_code] if item.parent_code else None,
                **values[item.code],
            )
            for item in new_by_depth[level_depth]
        ]
        Element.objects.bulk_create(batch, batch_size=500)
        pk_by_code.update((element.code, element.pk) for element in batch)
        created += len(batch)

    changed: list[Element] = []
    for item in spec.elements:
        current = existing.get(item.code)
        if current is None:
            continue
        wanted_values = values[item.code] | {
            "parent_id": pk_by_code[item.parent_code] if item.parent_code else None
        }
        if any(getattr(current, name) != value for name, value in wanted_values.items()):
            for name, value in wanted_values.items():
                setattr(current, name, value)
            changed.append(current)
    if changed:
        # bulk_update skips auto_now: stamp the changed elements (CASE lastChangeDateTime).
        now = timezone.now()
        for element in changed:
            element.updated_at = now
        Element.objects.bulk_update(changed, [*_ELEMENT_FIELDS, "updated_at"], batch_size=500)
    return LoadResult(
        framework,
        created=created,
        updated=len(changed),
        deleted=len(stale),
        unchanged=len(existing) - len(changed),
    )


def _in_use(slug: str, holders: set[Model]) -> ElementsInUse:
    """Count the rows that protect elements from deletion, by element and by kind of row.

    Django's collector has already gathered every protecting row (across the whole subtree the
    deletion cascades to), so this needs one query for the element codes only.
    """
    by_element: dict[int, dict[str, int]] = {}
    plans: set[object] = set()
    totals: dict[str, int] = {}
    for holder in holders:
        label = holder._meta.label_lower
        name = _USE_NAMES.get(label, str(holder._meta.verbose_name_plural))
        element_id = getattr(holder, "element_id", None)
        if not isinstance(element_id, int):
            continue
        counts = by_element.setdefault(element_id, {})
        counts[name] = counts.get(name, 0) + 1
        totals[name] = totals.get(name, 0) + 1
        plan_id = getattr(holder, "plan_id", None)
        if label == "development.objective" and plan_id is not None:
            plans.add(plan_id)
    if plans:
        totals["plans"] = len(plans)
    codes = dict(Element.objects.filter(pk__in=by_element).values_list("pk", "code"))
    return ElementsInUse(slug, {codes[pk]: counts for pk, counts in by_element.items()}, totals)


def _placed_values(spec: FrameworkSpec) -> dict[str, dict[str, Any]]:
    """Field values per code, with position among siblings and document ordinal filled in."""
    positions: dict[str | None, int] = {}
    placed: dict[str, dict[str, Any]] = {}
    for ordinal, item in enumerate(spec.elements, start=1):
        positions[item.parent_code] = positions.get(item.parent_code, 0) + 1
        placed[item.code] = {
            "kind": item.kind,
            "title": item.title,
            "statement": item.statement,
            "position": positions[item.parent_code],
            "ordinal": ordinal,
            "level": item.level,
            "metadata": item.metadata,
        }
    return placed


def dump_framework(framework: Framework) -> FrameworkSpec:
    """The inverse of load_framework: the framework as a FrameworkSpec, in document order.

    Exporters work from this, so every format sees exactly what a load would write back.
    Exports of thousands of elements spent most of their time here: rows are read as tuples,
    not model instances, and metadata only where there is some (most elements have none, and
    decoding thousands of "{}" cost as much as the rest of the row).
    """
    elements = Element.objects.filter(framework=framework)
    rows = list(
        elements.order_by("ordinal").values_list(
            "pk", "parent_id", "code", "kind", "title", "statement", "level", "uuid"
        )
    )
    metadata = dict(elements.exclude(metadata={}).order_by().values_list("pk", "metadata"))
    code_by_pk = {row[0]: row[2] for row in rows}
    return FrameworkSpec(
        slug=framework.slug,
        title=framework.title,
        publisher=framework.publisher,
        version=framework.version,
        published=framework.published,
        language=framework.language,
        description=framework.description,
        source=framework.source,
        licence_note=framework.licence_note,
        metadata=framework.metadata,
        uuid=framework.uuid,
        scale=tuple(
            ScaleLevelSpec(number, name, description)
            for number, name, description in framework.scale_levels.order_by("number").values_list(
                "number", "name", "description"
            )
        ),
        elements=tuple(
            ElementSpec(
                code=code,
                kind=kind,
                parent_code=code_by_pk[parent_id] if parent_id else None,
                title=title,
                statement=statement,
                level=level,
                metadata=metadata.get(pk, {}),
                uuid=uuid,
            )
            for pk, parent_id, code, kind, title, statement, level, uuid in rows
        ),
    )
