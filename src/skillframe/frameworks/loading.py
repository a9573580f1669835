"""Write a FrameworkSpec to the database: staged, then one short transaction; idempotent,
identifiers kept stable."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model, ProtectedError

from skillframe.database.locks import is_lock_conflict, retry_locked
from skillframe.frameworks import staging
from skillframe.frameworks.models import Element, Framework, ScaleLevel
from skillframe.frameworks.spec import (
    ElementSpec,
    FrameworkSpec,
    ScaleLevelSpec,
    framework_uuid,
    scale_level_uuid,
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
    switch_seconds: float = 0.0  # the one write transaction: how long others had to wait

    def summary(self) -> str:
        return (
            f"{self.framework.slug}: {self.created} created, {self.updated} updated, "
            f"{self.deleted} deleted, {self.unchanged} unchanged"
        )


def load_framework(spec: FrameworkSpec) -> LoadResult:
    """Create or update the framework `spec.slug` so the database holds exactly `spec`.

    Elements are matched by code, so their primary keys and UUIDs survive a re-load (ratings and
    evidence will point at them); elements no longer in the spec are deleted. All or nothing.
    The elements are staged first, outside any write transaction (`staging.py`); only the
    switch-over holds the database's write lock, and `LoadResult.switch_seconds` says how long.
    """
    problems = list(spec.problems())
    if problems:
        raise SpecError(f"framework {spec.slug!r} is not loadable:\n" + "\n".join(problems))
    spec = _without_foreign_uuids(spec)
    with staging.staged(spec) as stage:

        def switch() -> tuple[Framework, staging.SwitchCounts, float]:
            started = time.perf_counter()
            with transaction.atomic():
                framework, new = _upsert_framework(spec)
                _sync_scale(framework, spec)
                try:
                    counts = stage.switch(framework, new=new)
                except ProtectedError as exc:
                    # Replacing must never delete rated or required elements (ratings are
                    # append-only): a refusal listing them, not a server error.
                    raise _in_use(framework.slug, exc.protected_objects) from None
            return framework, counts, time.perf_counter() - started

        if transaction.get_connection().in_atomic_block:
            framework, counts, switched = switch()  # the caller's transaction: not ours to retry
        else:
            # A lock conflict rolls the switch back whole (a PostgreSQL deadlock, a locked
            # table): the stage is still there, so it is simply run again.
            framework, counts, switched = retry_locked(
                switch, wait_seconds=settings.DATABASE_LOCK_WAIT, is_locked=is_lock_conflict
            )
    return LoadResult(
        framework,
        created=counts.created,
        updated=counts.updated,
        deleted=counts.deleted,
        unchanged=counts.unchanged,
        switch_seconds=switched,
    )


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
        # Every row, versions' trees too (their identifiers are taken as well).
        and Framework.everything.filter(uuid=spec.uuid).exclude(slug=spec.slug).exists()
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


def _upsert_framework(spec: FrameworkSpec) -> tuple[Framework, bool]:
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
    return Framework.objects.update_or_create(slug=spec.slug, defaults=values)


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
