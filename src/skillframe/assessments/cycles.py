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
