"""Manager validation of a submitted self-assessment.

For every element the person rated in the self-assessment the line manager agrees (a manager
rating with the same value) or adjusts (another value, always with a comment), row by row or,
for what is left of one section (a standard's performance criteria, one knowledge section, a
framework's skills), all at once. Each decision is a
new Rating row through `record_rating`; nothing is updated. An element counts as reviewed when
the newest manager rating of it is newer than the person's rating in this assessment (row ids
grow with time, so ids compare). When every element is reviewed the assessment becomes
"reviewed" and the person is told.

Notifications: one "your manager adjusted ratings" notification per review session (a new one is
only created when the person has read the previous one), and one when the review is complete.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from skillframe.assessments.models import Cycle, Rating, SelfAssessment, Source
from skillframe.assessments.rating_values import (
    Choices,
    Levels,
    choices_for,
    parse_value,
    scale_numbers,
    uses_level,
    value_key,
)
from skillframe.assessments.ratings import next_review, record_rating
from skillframe.audit.models import record
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element
from skillframe.notifications.models import Notification, notify
from skillframe.people.access import person_of

OPEN_FOR_REVIEW = (SelfAssessment.Status.SUBMITTED, SelfAssessment.Status.REVIEWED)


@dataclass
class ReviewRow:
    element: Element
    self_rating: Rating  # the person's newest rating of the element in this assessment
    manager_rating: Rating | None  # the newest manager rating of the element, whenever given
    statements: list[Element]  # the "You can" statements the person ticked
    choices: Choices
    level_scale: bool
    errors: dict[str, str] = field(default_factory=dict)
    submitted: dict[str, str] = field(default_factory=dict)  # form values to show back

    @property
    def reviewed(self) -> bool:
        return self.manager_rating is not None and self.manager_rating.pk > self.self_rating.pk

    @property
    def disagrees(self) -> bool:
        return self.manager_rating is not None and value_key(self.manager_rating) != value_key(
            self.self_rating
        )

    @property
    def self_value(self) -> str:
        return value_key(self.self_rating)

    @property
    def unchanged(self) -> bool:
        """The manager's standing rating (given before) already has the person's value."""
        return (
            not self.reviewed
            and self.manager_rating is not None
            and value_key(self.manager_rating) == self.self_value
        )

    @property
    def section_title(self) -> str:
        if self.level_scale:
            return "Skills"
        parent = self.element.parent
        if self.element.kind == ElementKind.UNIT:
            return "The standard as a whole"
        if self.element.kind == ElementKind.CRITERION:
            return "Performance criteria"
        if parent is not None and parent.kind == ElementKind.KNOWLEDGE_SECTION:
            return parent.title or "Knowledge and understanding"
        return "Knowledge and understanding"

    def stale(self, today: date) -> bool:
        return self.manager_rating is not None and self.manager_rating.is_stale(today)


@dataclass
class ReviewSection:
    """A part of a group reviewed together: a NOS standard's performance criteria or one of its
    knowledge sections, or a framework's skills. Bulk agreement is offered per section only."""

    key: str  # stable between the page and its POST: "<unit code or framework slug>/<title>"
    title: str
    rows: list[ReviewRow] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "section-" + slugify(self.key.replace("/", "-"))

    @property
    def remaining(self) -> list[ReviewRow]:
        return [row for row in self.rows if not row.reviewed]

    @property
    def done(self) -> int:
        return len(self.rows) - len(self.remaining)

    @property
    def attention(self) -> list[ReviewRow]:
        """Not reviewed, and new to the manager: no rating of theirs yet, or theirs differs."""
        return [row for row in self.remaining if not row.unchanged]

    @property
    def unchanged(self) -> list[ReviewRow]:
        """Not reviewed, but the person's value is the manager's standing rating already."""
        return [row for row in self.remaining if row.unchanged]

    @property
    def reviewed(self) -> list[ReviewRow]:
        return [row for row in self.rows if row.reviewed]

    def agree_summary(self) -> str:
        """What agreeing with the section records: "19 competent, 2 not yet competent"."""
        counts = Counter(row.self_rating.value_label for row in self.remaining)
        return ", ".join(
            f"{n} at {label}" if row_is_level(label) else f"{n} {label.lower()}"
            for label, n in counts.most_common()
        )


def row_is_level(label: str) -> bool:
    return label.startswith("level ")


@dataclass
class ReviewGroup:
    """Rows shown together: a framework's skills, or one NOS unit's criteria and knowledge."""

    title: str
    unit: Element | None
    rows: list[ReviewRow]
    sections: list[ReviewSection] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(row.reviewed for row in self.rows)


def review_rows(assessment: SelfAssessment) -> list[ReviewRow]:
    """One row per element rated in the assessment, in framework order (a fixed few queries)."""
    own = list(
        Rating.objects.filter(assessment=assessment, source=Source.SELF)
        .latest_per_source()
        .select_related("element__framework", "element__parent__parent")
    )
    element_ids = [r.element_id for r in own]
    managers = {
        r.element_id: r
        for r in Rating.objects.filter(
            person_id=assessment.person_id, element_id__in=element_ids, source=Source.MANAGER
        )
        .latest_per_source()
        .select_related("rater")
    }
    numbers = scale_numbers({r.element.framework_id for r in own})
    codes = {code for r in own for code in r.statements_met}
    statements = {
        (e.framework_id, e.code): e
        for e in Element.objects.filter(
            framework_id__in={r.element.framework_id for r in own}, code__in=codes
        )
    }
    rows = [
        ReviewRow(
            element=r.element,
            self_rating=r,
            manager_rating=managers.get(r.element_id),
            statements=[
                statements[(r.element.framework_id, c)]
                for c in r.statements_met
                if (r.element.framework_id, c) in statements
            ],
            choices=choices_for(r.element, numbers),
            level_scale=uses_level(r.element, numbers),
        )
        for r in own
    ]
    rows.sort(key=lambda row: (row.element.framework.title, row.element.ordinal))
    return rows


def group_rows(rows: list[ReviewRow]) -> list[ReviewGroup]:
    """Rows by standard (or framework) and, inside, by section, in framework order."""
    groups: dict[tuple[int, int | None], ReviewGroup] = {}
    for row in rows:
        unit = None if row.level_scale else row.element.owning_unit()
        key = (row.element.framework_id, unit.pk if unit else None)
        if key not in groups:
            title = f"{unit.code} {unit.label}" if unit else row.element.framework.title
            groups[key] = ReviewGroup(title=title, unit=unit, rows=[])
        group = groups[key]
        group.rows.append(row)
        name = row.section_title
        if not group.sections or group.sections[-1].title != name:
            prefix = unit.code if unit else row.element.framework.slug
            group.sections.append(ReviewSection(key=f"{prefix}/{name}", title=name))
        group.sections[-1].rows.append(row)
    return list(groups.values())


def find_section(rows: list[ReviewRow], key: str) -> ReviewSection | None:
    return next(
        (s for group in group_rows(rows) for s in group.sections if s.key == key),
        None,
    )


def progress(rows: list[ReviewRow]) -> tuple[int, int]:
    return sum(row.reviewed for row in rows), len(rows)


def is_frozen(assessment: SelfAssessment) -> bool:
    """In a closed cycle: the review can no longer change until HR reopens the cycle."""
    return assessment.cycle is not None and assessment.cycle.status == Cycle.Status.CLOSED


def _check_open(assessment: SelfAssessment) -> None:
    if assessment.status not in OPEN_FOR_REVIEW:
        raise ValidationError({"status": "this self-assessment has not been submitted yet"})
    cycle = assessment.cycle
    if cycle is not None and cycle.status == Cycle.Status.CLOSED:
        raise ValidationError(
            {
                "status": f"the cycle “{cycle.name}” is closed: this review is frozen "
                "(an HR admin can reopen the cycle)"
            }
        )


def _manager_rating(
    user: User | AnonymousUser,
    assessment: SelfAssessment,
    row: ReviewRow,
    level: int | None,
    competence: str,
    comment: str,
) -> Rating:
    return record_rating(
        user,
        assessment.person,
        row.element,
        Source.MANAGER,
        level=level,
        competence=competence,
        comment=comment,
        cycle=assessment.cycle,
        assessment=assessment,
        next_review_on=next_review(),
    )


@transaction.atomic
def agree(user: User | AnonymousUser, assessment: SelfAssessment, row: ReviewRow) -> Rating:
    """Record a manager rating with the person's own value."""
    _check_open(assessment)
    rating = _manager_rating(
        user, assessment, row, row.self_rating.level, row.self_rating.competence, ""
    )
    row.manager_rating = rating
    complete_if_reviewed(user, assessment)
    return rating


@transaction.atomic
def adjust(
    user: User | AnonymousUser,
    assessment: SelfAssessment,
    row: ReviewRow,
    raw_value: str,
    comment: str,
) -> Rating:
    """Record the manager's own value; an adjustment always needs a comment saying why."""
    _check_open(assessment)
    level, competence = parse_value(row.element, _numbers_of(row), raw_value)
    if not comment.strip():
        raise ValidationError({"comment": "a comment is required when you adjust a rating"})
    rating = _manager_rating(user, assessment, row, level, competence, comment)
    row.manager_rating = rating
    if row.disagrees:
        _tell_adjusted(user, assessment)
    complete_if_reviewed(user, assessment)
    return rating


@transaction.atomic
def agree_section(
    user: User | AnonymousUser, assessment: SelfAssessment, section: ReviewSection
) -> int:
    """Agree with every row of one section not yet reviewed, all or nothing; returns how many.

    Bulk agreement is per section only (never the whole self-assessment at once), and the page
    says what it records (`ReviewSection.agree_summary`) before the manager presses it.
    """
    _check_open(assessment)
    todo = section.remaining
    for row in todo:
        row.manager_rating = _manager_rating(
            user, assessment, row, row.self_rating.level, row.self_rating.competence, ""
        )
    complete_if_reviewed(user, assessment)
    return len(todo)


def complete_if_reviewed(user: User | AnonymousUser, assessment: SelfAssessment) -> bool:
    """Mark a submitted assessment reviewed once every element has a newer manager rating."""
    if assessment.status != SelfAssessment.Status.SUBMITTED:
        return False
    rows = review_rows(assessment)
    if not rows or not all(row.reviewed for row in rows):
        return False
    now = timezone.now()
    # A conditional update, so two managers finishing at once notify the person only once.
    changed = SelfAssessment.objects.filter(
        pk=assessment.pk, status=SelfAssessment.Status.SUBMITTED
    ).update(status=SelfAssessment.Status.REVIEWED, reviewed_at=now)
    assessment.status, assessment.reviewed_at = SelfAssessment.Status.REVIEWED, now
    if not changed:
        return False
    adjusted = sum(row.disagrees for row in rows)
    record(user, "assessment.reviewed", assessment, person=assessment.person.employee_id)
    notify(
        [assessment.person.user],
        f"{_name(user)} reviewed your self-assessment{_about(assessment)}: "
        f"{len(rows) - adjusted} agreed, {adjusted} adjusted.",
        reverse("assessments:my_ratings"),
    )
    return True


def complete_submitted(user: User | AnonymousUser, person_ids: set[int]) -> int:
    """After ratings given elsewhere (the team grid): complete any review they finished."""
    done = 0
    # A closed cycle's reviews are frozen: ratings given elsewhere do not complete them.
    for assessment in (
        SelfAssessment.objects.filter(
            person_id__in=person_ids, status=SelfAssessment.Status.SUBMITTED
        )
        .exclude(cycle__status=Cycle.Status.CLOSED)
        .select_related("person__user", "cycle", "role")
    ):
        done += complete_if_reviewed(user, assessment)
    return done


def _tell_adjusted(user: User | AnonymousUser, assessment: SelfAssessment) -> None:
    recipient = assessment.person.user
    text = f"{_name(user)} adjusted ratings in your self-assessment{_about(assessment)}."
    # One notification per review session: none while the last one is still unread.
    if Notification.objects.filter(recipient=recipient, text=text, read_at__isnull=True).exists():
        return
    notify([recipient], text, reverse("assessments:my_ratings"))


def _numbers_of(row: ReviewRow) -> Levels:
    levels = [(int(value), label) for value, label in row.choices] if row.level_scale else []
    return {row.element.framework_id: levels} if levels else {}


def _name(user: User | AnonymousUser) -> str:
    person = person_of(user)
    return person.name if person else user.get_username()


def _about(assessment: SelfAssessment) -> str:
    parts = [str(part) for part in (assessment.cycle, assessment.role) if part is not None]
    return f" ({', '.join(parts)})" if parts else ""
