"""The demo organisation's ratings: last year's reviewed cycle and this year's open one.

Every rating goes through `record_rating`, acting as the person (self) or as their line manager
(manager), exactly as the wizard and the review page do, so the demo holds nothing the app could
not have produced. What the app cannot produce is the past: rows are written "now" and then
back-dated (see `_backdate`) so history, "submitted 3 days ago" and stale reviews read true.

Stories per person come from `data.PEOPLE`:
- last year: self ratings and the manager's review in the closed cycle; the manager's ratings
  fell due for review in the past (`next_review_on`), so they are stale unless replaced;
- this cycle: draft (partly rated), submitted (everything rated, waiting for the manager) or
  reviewed (the manager agreed with most values and adjusted some, with a comment).
An AXELOS skill is rated by level with the "You can" statements ticked; a NOS unit is rated item
by item (each performance criterion and knowledge item competent / not yet), as in the wizard.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from skillframe.assessments.latest import refresh_people
from skillframe.assessments.models import Competence, Cycle, Rating, SelfAssessment, Source
from skillframe.assessments.ratings import next_review, record_rating
from skillframe.assessments.wizard import submitted_text
from skillframe.demo.data import (
    ADJUST_COMMENTS,
    AGREE_COMMENTS,
    PEOPLE,
    PROJECTS,
    TARGET_DRAFTS,
    P,
)
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element
from skillframe.notifications.models import Notification
from skillframe.people.models import Person, RoleProfile

# A draft covers half the AXELOS skills, or this many items of the first NOS unit: enough to
# show "in progress" without making the demo slow to load (every rating is a record_rating).
DRAFT_ITEMS = 12


@dataclass
class Skill:
    """An AXELOS requirement: the skill, its target, and its defined levels' statement codes."""

    element: Element
    target: int
    levels: dict[int, list[str]]  # defined level → its statement codes, in order


@dataclass
class Unit:
    """A NOS requirement: the unit and its criteria and knowledge items, in document order."""

    element: Element
    items: list[Element]


@dataclass
class Catalogue:
    steps: dict[str, list[Skill | Unit]] = field(default_factory=dict)  # role code → steps

    @classmethod
    def of(cls, roles: dict[str, RoleProfile]) -> Catalogue:
        """Each role's requirements with what rating them needs, in a few queries."""
        requirements = [
            r for role in roles.values() for r in role.requirements.select_related("element")
        ]
        skill_ids = {r.element_id for r in requirements if r.target_level is not None}
        unit_ids = {r.element_id for r in requirements if r.target_level is None}
        levels: dict[int, dict[int, list[str]]] = {}
        rows = Element.objects.filter(kind=ElementKind.STATEMENT, parent__parent_id__in=skill_ids)
        for code, number, skill_id in rows.order_by("ordinal").values_list(
            "code", "parent__level", "parent__parent_id"
        ):
            if number is None or skill_id is None:  # never: a level definition has both
                continue
            levels.setdefault(skill_id, {}).setdefault(number, []).append(code)
        items: dict[int, list[Element]] = {}
        for item in Element.objects.items_of(unit_ids).select_related(
            "framework", "parent__parent"
        ):
            unit = item.owning_unit()
            assert unit is not None  # items_of() finds items below units only
            items.setdefault(unit.pk, []).append(item)
        catalogue = cls()
        for code, role in roles.items():
            catalogue.steps[code] = [
                Skill(r.element, r.target_level, levels.get(r.element_id, {}))
                if r.target_level is not None
                else Unit(r.element, items.get(r.element_id, []))
                for r in role.requirements.select_related("element__framework")
            ]
        return catalogue


def _path(name: str, **kwargs: int) -> str:
    # The review and "my ratings" pages belong to other modules; link them when installed.
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


class Storyteller:
    def __init__(
        self,
        people: dict[str, Person],
        roles: dict[str, RoleProfile],
        cycle: Cycle,
        last_cycle: Cycle,
        today: date,
        seed: int,
    ) -> None:
        self.people = people
        self.roles = roles
        self.catalogue = Catalogue.of(roles)
        self.cycle = cycle
        self.last_cycle = last_cycle
        self.today = today
        self.rng = random.Random(seed)
        self.times: list[tuple[int, datetime]] = []  # (rating id, when it was really given)
        self.count = 0
        self.last_when = timezone.now()  # when the newest rating written was "given"

    def tell(self) -> int:
        """Record every person's ratings; returns how many ratings were recorded."""
        for p in PEOPLE:
            role = p.current_role or p.target_role
            if role is None:
                continue
            if p.last_year:
                self._last_year(p, role)
            if p.this_cycle:
                self._this_cycle(p, role, p.this_cycle)
            if p.username in TARGET_DRAFTS and p.target_role and p.target_role != role:
                self._this_cycle(p, p.target_role, SelfAssessment.Status.DRAFT)
        self._backdate()
        return self.count

    # --- the two cycles -------------------------------------------------------------------

    def _last_year(self, p: P, role: str) -> None:
        person, rng = self.people[p.username], self.rng
        reviewed_on = self.last_cycle.starts_on + timedelta(days=rng.randint(20, 60))
        submitted_on = reviewed_on - timedelta(days=rng.randint(2, 9))
        started_on = submitted_on - timedelta(days=rng.randint(1, 6))
        assessment = self._assessment(person, self.last_cycle, role, started_on)
        steps = self.catalogue.steps[role]
        # A year ago people stood a little lower: the bias pulls levels down.
        own = self._self_ratings(person, assessment, steps, submitted_on, bias=-1)
        assessment.submitted_at = self.last_when + timedelta(minutes=5)
        # Stale on purpose: due a year after the review, so already past (passed explicitly,
        # whatever REVIEW_MONTHS says).
        due = reviewed_on + timedelta(days=365)
        self._manager_ratings(person, assessment, own, reviewed_on, due)
        assessment.status = SelfAssessment.Status.REVIEWED
        assessment.reviewed_at = self.last_when + timedelta(minutes=5)
        assessment.save(update_fields=["status", "submitted_at", "reviewed_at"])

    def _this_cycle(self, p: P, role: str, status: str) -> None:
        person, rng = self.people[p.username], self.rng
        latest = self.today - timedelta(days=2)
        started_on = min(self.cycle.starts_on + timedelta(days=rng.randint(0, 6)), latest)
        submitted_on = min(started_on + timedelta(days=rng.randint(2, 8)), latest)
        reviewed_on = min(submitted_on + timedelta(days=rng.randint(1, 5)), latest)
        assessment = self._assessment(person, self.cycle, role, started_on)
        steps = self.catalogue.steps[role]
        if status == SelfAssessment.Status.DRAFT:
            half = steps[: max(1, len(steps) // 2)]
            self._self_ratings(person, assessment, half, started_on, bias=0, partial=True)
            return
        own = self._self_ratings(person, assessment, steps, submitted_on, bias=0)
        assessment.status = SelfAssessment.Status.SUBMITTED
        assessment.submitted_at = self.last_when + timedelta(minutes=5)
        assessment.save(update_fields=["status", "submitted_at"])
        if status == SelfAssessment.Status.SUBMITTED:
            if person.manager is not None:
                self._notify(
                    person.manager,
                    submitted_text(person.name, assessment),
                    _path("assessments:review", pk=assessment.pk),
                    assessment.submitted_at,
                )
            return
        due = next_review(reviewed_on)
        adjusted = self._manager_ratings(person, assessment, own, reviewed_on, due)
        assessment.status = SelfAssessment.Status.REVIEWED
        assessment.reviewed_at = self.last_when + timedelta(minutes=5)
        assessment.save(update_fields=["status", "reviewed_at"])
        self._notify(
            person,
            f"{person.manager.name if person.manager else 'Your manager'} reviewed your "
            f"self-assessment ({self.cycle.name}, {self.roles[role].title}): "
            f"{len(own) - adjusted} agreed, {adjusted} adjusted.",
            _path("assessments:my_ratings"),
            assessment.reviewed_at,
        )

    # --- ratings ---------------------------------------------------------------------------

    def _self_ratings(
        self,
        person: Person,
        assessment: SelfAssessment,
        steps: list[Skill | Unit],
        day: date,
        *,
        bias: int,
        partial: bool = False,
    ) -> list[Rating]:
        rng, when = self.rng, self._at(day, hour=10)
        given: list[Rating] = []
        for step in steps:
            if isinstance(step, Skill):
                level = self._level(step, bias)
                ticked = [c for n in sorted(step.levels) if n < level for c in step.levels[n]]
                at_level = list(step.levels.get(level, []))
                if len(at_level) > 2 and rng.random() < 0.4:
                    at_level.pop(rng.randrange(len(at_level)))  # not quite every statement
                rating = record_rating(
                    person.user,
                    person,
                    step.element,
                    Source.SELF,
                    level=level,
                    statements_met=ticked + at_level,
                    confidence=rng.randint(2, 5),
                    cycle=assessment.cycle,
                    assessment=assessment,
                )
                given.append(self._keep(rating, when))
                when += timedelta(minutes=rng.randint(2, 9))
                continue
            items = step.items[:DRAFT_ITEMS] if partial else step.items
            readiness = rng.choice([0.95, 0.85, 0.7])
            for item in items:
                competent = rng.random() < readiness
                rating = record_rating(
                    person.user,
                    person,
                    item,
                    Source.SELF,
                    competence=Competence.COMPETENT if competent else Competence.NOT_YET,
                    cycle=assessment.cycle,
                    assessment=assessment,
                )
                given.append(self._keep(rating, when))
                when += timedelta(seconds=rng.randint(20, 90))
        return given

    def _manager_ratings(
        self,
        person: Person,
        assessment: SelfAssessment,
        own: list[Rating],
        day: date,
        due: date,
    ) -> int:
        """The manager's review of every self rating: agree or adjust. Returns adjustments."""
        rng, manager = self.rng, person.manager
        assert manager is not None, f"{person} has ratings to review but no manager"
        when, adjusted = self._at(day, hour=14), 0
        for mine in own:
            element = mine.element
            level, competence, comment = mine.level, mine.competence, ""
            if level is not None:
                levels = self._skill(element).levels
                neighbours = [n for n in sorted(levels) if abs(n - level) == 1]
                if neighbours and rng.random() < 0.35:
                    # Managers more often temper a self rating than raise it.
                    lower = [n for n in neighbours if n < level]
                    level = lower[0] if lower and rng.random() < 0.7 else neighbours[-1]
                    direction = "lower" if level < (mine.level or 0) else "higher"
                    comment = self._comment(ADJUST_COMMENTS[direction], element.title, level)
                else:
                    comment = self._comment(AGREE_COMMENTS, element.title, level)
            elif rng.random() < 0.04:
                flipped = competence != Competence.COMPETENT
                competence = Competence.COMPETENT if flipped else Competence.NOT_YET
                unit = element.owning_unit()
                title = unit.title if unit is not None else element.title
                comment = self._comment(ADJUST_COMMENTS[competence], title, None)
            adjusted += (level, competence) != (mine.level, mine.competence)
            rating = record_rating(
                manager.user,
                person,
                element,
                Source.MANAGER,
                level=level,
                competence=competence,
                comment=comment,
                cycle=assessment.cycle,
                assessment=assessment,
                next_review_on=due,
            )
            self._keep(rating, when)
            when += timedelta(seconds=rng.randint(30, 240))
        return adjusted

    def _level(self, step: Skill, bias: int) -> int:
        """A level the skill defines near the target: most people at it, some either side."""
        defined = sorted(step.levels)
        wanted = step.target + bias + self.rng.choice([-1, 0, 0, 0, 1])
        return min(defined, key=lambda n: (abs(n - wanted), n))

    def _skill(self, element: Element) -> Skill:
        for steps in self.catalogue.steps.values():
            for step in steps:
                if isinstance(step, Skill) and step.element.pk == element.pk:
                    return step
        raise KeyError(element.code)

    def _comment(self, choices: list[str], skill: str, level: int | None) -> str:
        text = self.rng.choice(choices)
        return text.format(skill=skill, level=level, project=self.rng.choice(PROJECTS))

    # --- bookkeeping -----------------------------------------------------------------------

    def _assessment(
        self, person: Person, cycle: Cycle, role: str, started_on: date
    ) -> SelfAssessment:
        assessment = SelfAssessment.objects.create(
            person=person, cycle=cycle, role=self.roles[role]
        )
        # started_at is auto_now_add; a SelfAssessment is not append-only, so a plain update.
        SelfAssessment.objects.filter(pk=assessment.pk).update(started_at=self._at(started_on))
        return assessment

    def _notify(self, person: Person, text: str, url: str, when: datetime | None) -> None:
        """A bell notification as of `when`."""
        # The bell only: these events "happened" days ago, so no e-mail is sent for them now.
        note = Notification.objects.create(recipient=person.user, text=text, url=url)
        Notification.objects.filter(pk=note.pk).update(created_at=when)

    def _keep(self, rating: Rating, when: datetime) -> Rating:
        self.times.append((rating.pk, when))
        self.last_when = when
        self.count += 1
        return rating

    def _at(self, day: date, hour: int = 9) -> datetime:
        minute = self.rng.randint(0, 50)
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))

    def _backdate(self) -> None:
        # DELIBERATE BYPASS, demo data only: Rating's own queryset refuses update() because
        # ratings are append-only. The demo invents a past, so it back-dates the rows it has
        # just written (created_at is auto_now_add) through a plain QuerySet. Nothing else in
        # the application may do this.
        plain: models.QuerySet[Rating] = models.QuerySet(model=Rating)
        by_time: dict[datetime, list[int]] = {}
        for pk, when in self.times:
            by_time.setdefault(when, []).append(pk)
        for when, pks in by_time.items():
            plain.filter(pk__in=pks).update(created_at=when)
        # The back-dating reorders the history: derive the current ratings again.
        refresh_people(p.pk for p in self.people.values())
