"""What publishing a draft would touch: for every element of the current version that the draft
removes, rewords or moves, the current ratings, role requirements, plan objectives and
crosswalk links that use it, counted in SQL (a fixed number of queries however many ratings).

A level definition (`<skill>.L3`) is used by the rows of its skill at that level: a role
requiring PPM-PPL at level 3 uses PPM-PPL.L3, and so does a current rating of PPM-PPL at 3.
"Current ratings" are the newest rating of each person per source (self, manager, assessor,
import) of the element — at that level, for a level definition: the rows publishing carries.
Evidence mappings are the evidence app's `EvidenceLink` rows (a piece of evidence mapped to the
element itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from skillframe.assessments.models import Rating
from skillframe.development.models import Objective
from skillframe.evidence.models import EvidenceLink
from skillframe.frameworks.associations import Association, AssociationKind
from skillframe.frameworks.diff import MOVED, REMOVED, REWORDED, FrameworkDiff
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element, Framework
from skillframe.people.models import RoleRequirement

USES = ("ratings", "requirements", "objectives", "evidence", "crosswalks")


@dataclass
class ElementImpact:
    element: Element
    changes: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(USES, 0))
    roles: list[tuple[str, str]] = field(default_factory=list)  # (code, title)
    plans: list[int] = field(default_factory=list)
    mapped_to: str | None = None  # the draft element it is mapped to (confirmed or suggested)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.element.code,
            "kind": self.element.kind,
            "changes": list(self.changes),
            "mapped_to": self.mapped_to,
            **self.counts,
            "roles": [code for code, _ in self.roles],
            "plans": self.plans,
        }


def _key(element: Element) -> tuple[int, int | None]:
    """The (element, level) whose rows use `element`: a level definition's skill and level."""
    if element.kind == ElementKind.LEVEL and element.level is not None and element.parent_id:
        return element.parent_id, element.level
    return element.pk, None


def _match(keys: list[tuple[int, int | None]], field_name: str, level_name: str) -> Q:
    q = Q(pk__in=[])
    plain = [pk for pk, level in keys if level is None]
    if plain:
        q |= Q(**{f"{field_name}__in": plain})
    for pk, level in keys:
        if level is not None:
            q |= Q(**{field_name: pk, level_name: level})
    return q


def element_impact(
    framework: Framework, diff: FrameworkDiff, mapped: dict[str, str] | None = None
) -> list[ElementImpact]:
    """The removed and changed elements of `framework` (the diff's old side) and their uses."""
    wanted = {
        change.code: change.changes
        for change in diff.elements
        if {REMOVED, REWORDED, MOVED} & set(change.changes)
    }
    elements = list(
        Element.objects.filter(framework=framework, code__in=wanted).order_by("ordinal")
    )
    found = [
        ElementImpact(e, wanted[e.code], mapped_to=(mapped or {}).get(e.code)) for e in elements
    ]
    if not found:
        return found
    by_key: dict[tuple[int, int | None], list[ElementImpact]] = {}
    for item in found:
        by_key.setdefault(_key(item.element), []).append(item)
    keys = list(by_key)

    def add(key: tuple[int, int | None], name: str, n: int) -> None:
        for item in by_key.get(key, []):
            item.counts[name] += n

    def level_keys(element_id: int, level: int | None) -> list[tuple[int, int | None]]:
        return [k for k in ((element_id, None), (element_id, level)) if k in by_key]

    ids = {pk for pk, _ in keys}
    latest = Rating.objects.filter(element_id__in=ids).latest_per_source().values("pk")
    ratings = (
        Rating.objects.filter(_match(keys, "element_id", "level"), pk__in=latest)
        .values("element_id", "level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in ratings:
        for key in level_keys(row["element_id"], row["level"]):
            add(key, "ratings", row["n"])
    for req in RoleRequirement.objects.filter(_match(keys, "element_id", "target_level")).values(
        "element_id", "target_level", "role__code", "role__title"
    ):
        for key in level_keys(req["element_id"], req["target_level"]):
            add(key, "requirements", 1)
            for item in by_key[key]:
                item.roles.append((req["role__code"], req["role__title"]))
    for obj in Objective.objects.filter(_match(keys, "element_id", "target_level")).values(
        "element_id", "target_level", "plan_id"
    ):
        for key in level_keys(obj["element_id"], obj["target_level"]):
            add(key, "objectives", 1)
            for item in by_key[key]:
                item.plans.append(obj["plan_id"])
    element_ids = [item.element.pk for item in found]
    by_element = {item.element.pk: item for item in found}
    for link in (
        EvidenceLink.objects.filter(element_id__in=element_ids)
        .values("element_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_element[link["element_id"]].counts["evidence"] += link["n"]
    crosswalks = Association.objects.exclude(kind=AssociationKind.REPLACED_BY)
    for column in ("origin_id", "destination_id"):
        for row in (
            crosswalks.filter(**{f"{column}__in": element_ids})
            .values(column)
            .annotate(n=Count("pk"))
            .order_by()
        ):
            by_element[row[column]].counts["crosswalks"] += row["n"]
    return found


def totals(items: list[ElementImpact]) -> dict[str, int]:
    return {name: sum(item.counts[name] for item in items) for name in USES}
