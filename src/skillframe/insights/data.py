"""Django adapter: builds the pure inputs of gaps.py and priorities.py from the database.

Every function costs a fixed number of queries whatever the number of people or requirements
(asserted in tests/insights/test_data.py):
- requirements of the roles with their elements, plus the NOS items of their units (2 queries);
- current ratings of the people on those elements (1, `Rating.objects.current`);
- interests (1), active organisation goals with their weights (1), priority weights (1).

Observations: the validated rating (manager or assessor) where one exists, otherwise the
self-assessed (or imported) one, flagged unvalidated; stale = the validated rating's
`next_review_on` is before today. Interests: the newest Interest row per element. Goal weights:
the goals active today (starts_on ≤ today ≤ ends_on); within one goal the most specific weight on
the element or its ancestors counts (skill over group over family; criterion over unit), and the
weights of several active goals add up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from skillframe.assessments.attainment import Observation
from skillframe.assessments.models import VALIDATING_SOURCES, Interest, Rating, Source
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element
from skillframe.insights.gaps import GapReport, Requirement, analyse
from skillframe.insights.models import PriorityWeightSettings
from skillframe.insights.priorities import Priority, PriorityWeights, rank
from skillframe.people.models import OrgGoalWeight, Person, RoleProfile, RoleRequirement

_VALIDATING = frozenset(str(s) for s in VALIDATING_SOURCES)
_SELF = str(Source.SELF)


@dataclass
class RoleData:
    """The requirements of some roles, with each element's ancestors (for goal weights)."""

    requirements: dict[int, list[Requirement]] = field(default_factory=dict)  # role id → list
    ancestors: dict[int, tuple[int, ...]] = field(default_factory=dict)  # element → self, up

    def element_ids(self) -> set[int]:
        ids: set[int] = set()
        for reqs in self.requirements.values():
            for req in reqs:
                ids.add(req.element_id)
                ids.update(req.item_ids)
        return ids


def load_roles(role_ids: Iterable[int]) -> RoleData:
    """Requirements of these roles in profile order, NOS units with their items (2 queries; 1
    without units)."""
    rows = list(
        RoleRequirement.objects.filter(role_id__in=set(role_ids))
        .select_related("element__framework", "element__parent__parent")
        .order_by("role_id", "position", "id")
    )
    units = {
        r.element_id for r in rows if r.target_level is None and r.element.kind == ElementKind.UNIT
    }
    items = Element.objects.item_ids_by_unit(units)
    data = RoleData()
    for r in rows:
        element = r.element
        parent = element.parent
        data.requirements.setdefault(r.role_id, []).append(
            Requirement(
                element_id=element.pk,
                code=element.code,
                title=element.label,
                framework=element.framework.slug,
                kind=element.kind,
                target_level=r.target_level,
                importance=r.importance,
                weight=r.weight,
                group_code=parent.code if parent else None,
                item_ids=tuple(items.get(element.pk, ())),
            )
        )
        chain = [element.pk]
        if parent is not None:
            chain.append(parent.pk)
            if parent.parent_id is not None:
                chain.append(parent.parent_id)
        data.ancestors[element.pk] = tuple(chain)
    return data


def observations(
    person_ids: Iterable[int], element_ids: Iterable[int] | None, today: date
) -> dict[int, dict[int, Observation]]:
    """{person id: {element id: Observation}} from the current ratings (1 query).

    The same choice as `Rating.objects.current(...).best` — the newest manager or assessor
    rating, else the newest self rating, else an imported one — read as plain columns rather
    than model instances, since a team's current ratings run to many thousands of rows."""
    rows = Rating.objects.filter(person_id__in=set(person_ids))
    if element_ids is not None:
        rows = rows.filter(element_id__in=set(element_ids))
    best: dict[tuple[int, int], tuple[int, Observation]] = {}
    columns = ("person_id", "element_id", "source", "level", "competence", "next_review_on")
    # Oldest first, so a later row of the same rank replaces an earlier one (no timestamps to
    # convert: that conversion was most of the time for a team).
    ordered = rows.latest_per_source().order_by("created_at", "pk").values_list(*columns)
    for person_id, element_id, source, level, competence, review_on in ordered:
        validated = source in _VALIDATING
        rank = 2 if validated else (1 if source == _SELF else 0)
        key = (person_id, element_id)
        held = best.get(key)
        if held is None or rank >= held[0]:
            best[key] = (rank, Observation.of(level, competence, validated, review_on, today))
    result: dict[int, dict[int, Observation]] = {}
    for (person_id, element_id), (_, observation) in best.items():
        result.setdefault(person_id, {})[element_id] = observation
    return result


def interests(person_ids: Iterable[int]) -> dict[int, dict[int, bool]]:
    """{person id: {element id: wants to develop}}, the newest row per element (1 query)."""
    result: dict[int, dict[int, bool]] = {}
    rows = (
        Interest.objects.filter(person_id__in=set(person_ids))
        .order_by("-created_at", "-id")
        .values_list("person_id", "element_id", "wants_to_develop")
    )
    for person_id, element_id, wants in rows:
        result.setdefault(person_id, {}).setdefault(element_id, wants)
    return result


def goal_weights(ancestors: dict[int, tuple[int, ...]], today: date) -> dict[int, float]:
    """{element id: organisation-goal weight} for the given elements (1 query)."""
    wanted = {a for chain in ancestors.values() for a in chain}
    per_goal: dict[int, dict[int, float]] = {}
    rows = OrgGoalWeight.objects.filter(
        goal__starts_on__lte=today, goal__ends_on__gte=today, element_id__in=wanted
    ).values_list("goal_id", "element_id", "weight")
    for goal_id, element_id, weight in rows:
        per_goal.setdefault(goal_id, {})[element_id] = weight
    result: dict[int, float] = {}
    for element_id, chain in ancestors.items():
        total = 0.0
        for weights in per_goal.values():
            # The most specific weight of this goal: the element itself, then its parents.
            total += next((weights[a] for a in chain if a in weights), 0.0)
        if total > 0:
            result[element_id] = total
    return result


def _roles_of(person: Person) -> list[int]:
    return [r for r in (person.current_role_id, person.target_role_id) if r is not None]


@dataclass
class PersonInsights:
    """Everything the gaps page shows for one person."""

    person: Person
    current: GapReport | None
    target: GapReport | None
    priorities: list[Priority]
    items: dict[int, Element]  # NOS items named on the page (missing ones)


def _priorities(
    person: Person,
    roles: RoleData,
    observed: dict[int, Observation],
    wants: dict[int, bool],
    goals: dict[int, float],
    weights: PriorityWeights,
) -> tuple[GapReport | None, GapReport | None, list[Priority]]:
    current = target = None
    if person.current_role_id is not None:
        current = analyse(roles.requirements.get(person.current_role_id, []), observed)
    if person.target_role_id is not None and person.target_role_id != person.current_role_id:
        target = analyse(roles.requirements.get(person.target_role_id, []), observed)
    return current, target, rank(current, target, goals, wants, weights)


def person_insights(person: Person, today: date | None = None) -> PersonInsights:
    """Gaps against the current and target roles and the ranked priorities (7 queries)."""
    today = today or timezone.localdate()
    roles = load_roles(_roles_of(person))
    observed = observations([person.pk], roles.element_ids(), today).get(person.pk, {})
    current, target, ranked = _priorities(
        person,
        roles,
        observed,
        interests([person.pk]).get(person.pk, {}),
        goal_weights(roles.ancestors, today),
        PriorityWeightSettings.current(),
    )
    missing = {
        i for report in (current, target) if report for g in report.gaps for i in g.missing_ids
    }
    items = Element.objects.in_bulk(missing) if missing else {}
    return PersonInsights(person, current, target, ranked, items)


def gap_report(person: Person, role: RoleProfile, today: date | None = None) -> GapReport:
    """The person's gaps against one role profile (3 queries)."""
    today = today or timezone.localdate()
    roles = load_roles([role.pk])
    observed = observations([person.pk], roles.element_ids(), today).get(person.pk, {})
    return analyse(roles.requirements.get(role.pk, []), observed)


def priorities_for(person: Person, today: date | None = None) -> list[Priority]:
    """The person's ranked development priorities (6 queries)."""
    today = today or timezone.localdate()
    return team_priorities([person], today)[person.pk]


def team_insights(
    persons: Sequence[Person], today: date | None = None, weights: PriorityWeights | None = None
) -> dict[int, tuple[GapReport | None, GapReport | None, list[Priority]]]:
    """{person id: (gaps to current role, gaps to target role, ranked priorities)} for many
    people in 6 queries (5 with `weights` given)."""
    today = today or timezone.localdate()
    roles = load_roles({r for p in persons for r in _roles_of(p)})
    ids = [p.pk for p in persons]
    observed = observations(ids, roles.element_ids(), today)
    wants = interests(ids)
    goals = goal_weights(roles.ancestors, today)
    weights = weights or PriorityWeightSettings.current()
    return {
        p.pk: _priorities(p, roles, observed.get(p.pk, {}), wants.get(p.pk, {}), goals, weights)
        for p in persons
    }


def team_priorities(
    persons: Sequence[Person], today: date | None = None, weights: PriorityWeights | None = None
) -> dict[int, list[Priority]]:
    """{person id: ranked priorities} for many people in 6 queries (5 with `weights` given)."""
    return {pk: found[2] for pk, found in team_insights(persons, today, weights).items()}


def team_reports(
    persons: Sequence[Person], role: RoleProfile, today: date | None = None
) -> dict[int, GapReport]:
    """{person id: gaps against `role`} for many people in 3 queries."""
    today = today or timezone.localdate()
    roles = load_roles([role.pk])
    requirements = roles.requirements.get(role.pk, [])
    observed = observations([p.pk for p in persons], roles.element_ids(), today)
    return {p.pk: analyse(requirements, observed.get(p.pk, {})) for p in persons}


def role_explorer(person: Person, today: date | None = None) -> list[tuple[RoleProfile, GapReport]]:
    """Every role profile with the person's gaps to it, best fit first (4 queries).

    Ties on fit: fewer essential gaps first, then title. Roles without requirements come last
    (their fit of 1.0 says nothing)."""
    today = today or timezone.localdate()
    all_roles = list(RoleProfile.objects.order_by("title", "code"))
    data = load_roles(r.pk for r in all_roles)
    observed = observations([person.pk], data.element_ids(), today).get(person.pk, {})
    reports = [(r, analyse(data.requirements.get(r.pk, []), observed)) for r in all_roles]
    reports.sort(
        key=lambda pair: (
            not pair[1].gaps,
            -round(pair[1].role_fit, 9),
            len(pair[1].essential_gaps),
            pair[0].title,
            pair[0].code,
        )
    )
    return reports


def item_codes(ids: Iterable[int]) -> dict[int, str]:
    """{element id: code} for the NOS items a report names (1 query, none when empty)."""
    ids = set(ids)
    if not ids:
        return {}
    return dict(Element.objects.filter(pk__in=ids).values_list("pk", "code"))
