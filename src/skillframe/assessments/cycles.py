"""Assessment cycles: opening and closing them, who is in scope, and completion per unit.

A person's stage in a cycle is the most advanced of their self-assessments in it (a person whose
role changed mid-cycle may hold two): reviewed > submitted > in progress (draft) > not started.
Progress is computed in SQL (one grouped query over a correlated subquery), so the number of
queries does not grow with the number of people in scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.urls import reverse

from skillframe.assessments.models import Cycle, SelfAssessment
from skillframe.audit.models import record
from skillframe.notifications.models import notify
from skillframe.people.models import OrgUnit, Person, RoleProfile

# Stage numbers, ordered so that the maximum over a person's self-assessments is their stage.
NOT_STARTED, IN_PROGRESS, SUBMITTED, REVIEWED = 0, 1, 2, 3
_STAGE_OF_STATUS = {
    SelfAssessment.Status.DRAFT: IN_PROGRESS,
    SelfAssessment.Status.SUBMITTED: SUBMITTED,
    SelfAssessment.Status.REVIEWED: REVIEWED,
}


@dataclass
class UnitProgress:
    unit_id: int | None
    unit_name: str
    people: int = 0
    not_started: int = 0
    in_progress: int = 0
    submitted: int = 0
    reviewed: int = 0

    @property
    def done_percent(self) -> int:
        """Share of people who have submitted (or been reviewed), rounded down."""
        return (self.submitted + self.reviewed) * 100 // self.people if self.people else 0


@dataclass
class CycleProgress:
    units: list[UnitProgress]
    total: UnitProgress


def open_cycle(
    user: User,
    *,
    name: str,
    starts_on: date,
    ends_on: date,
    units: Iterable[OrgUnit],
    roles: Iterable[RoleProfile],
) -> Cycle:
    """Create an open cycle, notify everyone in its scope (bell + e-mail) and audit it.

    The caller (a validated form) has checked the dates and that the scope is not empty.
    """
    with transaction.atomic():
        cycle = Cycle(name=name, starts_on=starts_on, ends_on=ends_on, created_by=user)
        cycle.full_clean()
        cycle.save()
        cycle.units.set(list(units))
        cycle.roles.set(list(roles))
        people = cycle.people_in_scope()
        recipients = list(get_user_model().objects.filter(person__in=people, is_active=True))
        notify(
            recipients,
            f"Assessment cycle “{cycle.name}” is open until {cycle.ends_on:%d %b %Y}: "
            "please complete your self-assessment.",
            reverse("assessments:me"),
        )
        record(
            user,
            "cycle.open",
            cycle,
            name=cycle.name,
            starts_on=cycle.starts_on.isoformat(),
            ends_on=cycle.ends_on.isoformat(),
            units=sorted(u.code for u in cycle.units.all()),
            roles=sorted(r.code for r in cycle.roles.all()),
            notified=len(recipients),
        )
    return cycle


def close_cycle(
    user: User | AnonymousUser, cycle: Cycle, consequences: CloseConsequences | None = None
) -> bool:
    """Close the cycle (self-assessments and reviews in it are frozen); False if already closed.

    The audit event keeps what the HR admin was told would be frozen.
    """
    if cycle.status == Cycle.Status.CLOSED:
        return False
    with transaction.atomic():
        cycle.status = Cycle.Status.CLOSED
        cycle.save(update_fields=["status"])
        frozen = {}
        if consequences is not None:
            frozen = {
                "in_progress": consequences.in_progress,
                "awaiting_review": consequences.awaiting_review,
                "not_started": consequences.not_started,
                "days_early": consequences.days_early,
            }
        record(user, "cycle.close", cycle, name=cycle.name, **frozen)
    return True


@dataclass
class CloseConsequences:
    """What closing a cycle freezes, counted over the people in scope the HR admin administers."""

    in_progress: int
    awaiting_review: int
    not_started: int
    reviewed: int
    days_early: int  # days between today and the cycle's end date (0 when it has ended)


def close_consequences(cycle: Cycle, user: User | AnonymousUser, today: date) -> CloseConsequences:
    total = progress(cycle, user).total
    return CloseConsequences(
        in_progress=total.in_progress,
        awaiting_review=total.submitted,
        not_started=total.not_started,
        reviewed=total.reviewed,
        days_early=max(0, (cycle.ends_on - today).days),
    )


def check_reopen_date(cycle: Cycle, ends_on: date, today: date) -> None:
    """ValidationError on `ends_on` unless a closed cycle may reopen until then (the page's
    form and the API ask the same)."""
    if ends_on < today:
        raise ValidationError(
            {"ends_on": "choose today or a later date: people need time to finish"}
        )
    if ends_on < cycle.starts_on:
        raise ValidationError({"ends_on": "the cycle would end before it starts"})


def reopen_cycle(user: User | AnonymousUser, cycle: Cycle, ends_on: date) -> bool:
    """Reopen a closed cycle until `ends_on` (HR's way back from closing); False if it is open.

    Drafts can change again, submitted self-assessments can be reviewed again; audited as
    `cycle.reopen` with the end date before and after.
    """
    if cycle.status != Cycle.Status.CLOSED:
        return False
    with transaction.atomic():
        previous = cycle.ends_on
        cycle.status, cycle.ends_on = Cycle.Status.OPEN, ends_on
        cycle.clean()  # the dates (ReopenForm has checked them; the model rule stays the judge)
        cycle.save(update_fields=["status", "ends_on"])
        record(
            user,
            "cycle.reopen",
            cycle,
            name=cycle.name,
            ends_on_before=previous.isoformat(),
            ends_on=ends_on.isoformat(),
        )
    return True


def open_cycles_for(person: Person, today: date) -> list[Cycle]:
    """Cycles open today whose scope includes the person (their unit or an ancestor, or role)."""
    # The unit and those above it, walked up inside the query (one query, never one per level).
    scope = models.Q(units__in=OrgUnit.objects.above(person.unit_id))
    if person.current_role_id is not None:
        scope |= models.Q(roles=person.current_role_id)
    ids = Cycle.objects.open_on(today).filter(scope).values("pk")
    return list(Cycle.objects.filter(pk__in=ids))


def scope_for_admin(cycle: Cycle, user: User | AnonymousUser) -> models.QuerySet[Person]:
    """People in the cycle's scope that `user` administers (HR): all of them for a superuser."""
    return cycle.people_in_scope() & Person.objects.editable_by(user)


def _stage_expression(cycle: Cycle) -> models.Expression:
    ranked = (
        SelfAssessment.objects.filter(person_id=models.OuterRef("pk"), cycle_id=cycle.pk)
        .annotate(
            stage=models.Case(
                *(
                    models.When(status=status, then=models.Value(stage))
                    for status, stage in _STAGE_OF_STATUS.items()
                ),
                default=models.Value(IN_PROGRESS),
                output_field=models.IntegerField(),
            )
        )
        .order_by("-stage")
        .values("stage")[:1]
    )
    return Coalesce(
        models.Subquery(ranked, output_field=models.IntegerField()), models.Value(NOT_STARTED)
    )


def progress(cycle: Cycle, user: User | AnonymousUser) -> CycleProgress:
    """Completion per unit of the people in scope that `user` administers, in one query.

    Grouping by (unit, stage) evaluates each person's stage once; the few rows per unit are
    then pivoted here.
    """
    rows = (
        scope_for_admin(cycle, user)
        .annotate(stage=_stage_expression(cycle))
        .order_by()
        .values("unit_id", "unit__name", "stage")
        .annotate(n=models.Count("pk"))
    )
    by_unit: dict[int, UnitProgress] = {}
    fields = {NOT_STARTED: "not_started", IN_PROGRESS: "in_progress"}
    fields |= {SUBMITTED: "submitted", REVIEWED: "reviewed"}
    total = UnitProgress(unit_id=None, unit_name="All units in your scope")
    for row in rows:
        unit = by_unit.setdefault(row["unit_id"], UnitProgress(row["unit_id"], row["unit__name"]))
        for target in (unit, total):
            target.people += row["n"]
            name = fields[row["stage"]]
            setattr(target, name, getattr(target, name) + row["n"])
    units = sorted(by_unit.values(), key=lambda u: (u.unit_name, u.unit_id or 0))
    return CycleProgress(units=units, total=total)


@dataclass
class RollupRow(UnitProgress):
    code: str = ""  # the unit to drill into; "" for the people directly in the unit shown
    units_below: int = 0  # units with people in scope below this one (drill-down when > 0)


@dataclass
class Rollup:
    """Completion rolled up the unit tree, one level at a time: the rows are the units below
    `unit` (each with everyone in its subtree) and the people directly in `unit`."""

    rows: list[RollupRow]
    total: UnitProgress
    unit: RollupRow | None  # the unit shown; None: the top of several separate scope roots
    path: list[tuple[str, str]]  # (code, name) from the top of the scope down to `unit`
    unknown: str = ""  # a ?unit= code that is not a unit in the scope


def rollup(cycle: Cycle, user: User | AnonymousUser, code: str = "") -> Rollup:
    """Progress by the unit tree (two queries whatever the size of the organisation): the
    per-unit counts of `progress`, and the scope's units (id, parent, name, code), summed up
    the tree here. At 12,507 units a page of one row per unit was 2.6 MB; this shows a level."""
    flat = progress(cycle, user)
    units = {
        pk: (parent, name, unit_code)
        for pk, parent, name, unit_code in OrgUnit.objects.administered_by(user)
        .order_by()
        .values_list("pk", "parent_id", "name", "code")
    }
    direct = {u.unit_id: u for u in flat.units}
    totals: dict[int, RollupRow] = {
        pk: RollupRow(pk, name, code=unit_code) for pk, (_, name, unit_code) in units.items()
    }

    def parent_of(pk: int) -> int | None:
        parent = units[pk][0]
        return parent if parent in units else None

    # Depth of each unit within the scope, so that children are summed before their parents.
    depth: dict[int, int] = {}
    for pk in units:
        chain = []
        at: int | None = pk
        while at is not None and at not in depth:
            chain.append(at)
            at = parent_of(at)
        base = depth[at] if at is not None else -1
        for offset, unit in enumerate(reversed(chain), start=1):
            depth[unit] = base + offset
    for pk in sorted(units, key=lambda u: -depth[u]):
        row = totals[pk]
        if (own := direct.get(pk)) is not None:
            _add(row, own)
        parent = parent_of(pk)
        if parent is not None and row.people:
            _add(totals[parent], row)
            totals[parent].units_below += 1 + row.units_below
    roots = [pk for pk in units if parent_of(pk) is None and totals[pk].people]
    by_code = {unit_code: pk for pk, (_, _, unit_code) in units.items()}
    unknown = code if code and code not in by_code else ""
    current = by_code.get(code) if code and not unknown else (roots[0] if len(roots) == 1 else None)
    if current is None:
        rows = sorted((totals[pk] for pk in roots), key=_by_name)
        return Rollup(rows, flat.total, None, [], unknown)
    children = [pk for pk in units if parent_of(pk) == current and totals[pk].people]
    rows = sorted((totals[pk] for pk in children), key=_by_name)
    if (own := direct.get(current)) is not None and own.people:
        here = RollupRow(current, units[current][1])
        _add(here, own)
        rows.append(here)
    path = []
    at = current
    while at is not None:
        path.append((units[at][2], units[at][1]))
        at = parent_of(at)
    shown = totals[current]
    total = flat.total if current in roots else shown
    return Rollup(rows, total, shown, path[::-1], unknown)


def _add(target: UnitProgress, source: UnitProgress) -> None:
    target.people += source.people
    target.not_started += source.not_started
    target.in_progress += source.in_progress
    target.submitted += source.submitted
    target.reviewed += source.reviewed


def _by_name(row: UnitProgress) -> tuple[str, int]:
    return (row.unit_name, row.unit_id or 0)
