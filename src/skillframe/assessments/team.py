"""The team grid: a line manager rates all direct reports against one role's requirements.

Rows are the manager's direct reports, columns the role's requirement elements (AXELOS skills
take a level, NOS units a competence judgement). Each cell shows the person's own rating and the
current validated one; a changed cell becomes a manager rating through `record_rating`, which
demands a comment when the value differs from the person's own. Ratings are permanent, so
changes are *pending* until the manager confirms them: the grid form first shows a summary of
what would be recorded (checked by the same rules, nothing written), and only the explicit
"Save N changes" (`action=save`) records them, all or nothing. The grid loads with a fixed
number of queries however many people and elements it has (`Rating.objects.current` is one).

Form field names per cell: `r<person id>-e<element id>` (the value), `…-comment`, and `…-was`
(the value the page showed, so a cell counts as changed only when the manager changed it).
A blank value never removes a rating (ratings are append-only); it is simply not a change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from skillframe.assessments.access import ensure_direct_manager
from skillframe.assessments.models import CurrentRating, Rating, Source
from skillframe.assessments.rating_values import (
    Choices,
    Levels,
    choices_for,
    error_messages,
    parse_value,
    scale_numbers,
    uses_level,
    value_key,
)
from skillframe.assessments.ratings import record_rating
from skillframe.assessments.review import complete_submitted
from skillframe.frameworks.models import Element
from skillframe.people.access import person_of
from skillframe.people.models import Person, RoleProfile, RoleRequirement


@dataclass
class Column:
    requirement: RoleRequirement
    choices: Choices
    level_scale: bool
    numbers: Levels
    _options: dict[str, SafeString] = field(default_factory=dict, repr=False)

    @property
    def element(self) -> Element:
        return self.requirement.element

    def options(self, selected: str) -> SafeString:
        """The select's options with `selected` chosen, built once per column and value: the
        grid's template looped over the choices in every cell (~0.35 ms a cell, issue 13)."""
        if (html := self._options.get(selected)) is None:
            html = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (value, mark_safe(" selected") if value and value == selected else "", label)
                    for value, label in [("", "—"), *self.choices]
                ),
            )
            self._options[selected] = html
        return html


@dataclass
class Cell:
    person: Person
    column: Column
    current: CurrentRating
    value: str = ""  # what the select shows: the submitted value, else the validated one
    comment: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    saved: bool = False

    def __post_init__(self) -> None:
        if not self.value:
            self.value = self.was

    @cached_property  # read many times per cell; person and element never change
    def prefix(self) -> str:
        return f"r{self.person.pk}-e{self.column.element.pk}"

    @property  # not cached: saving a cell replaces current.validated
    def was(self) -> str:
        return value_key(self.current.validated)

    @property
    def self_value(self) -> str:
        return value_key(self.current.self_rating)

    @property
    def options(self) -> SafeString:
        return self.column.options(self.value)

    @property
    def html(self) -> SafeString:
        """The grid cell (`<td>`), built here rather than in the template: a cell reads about
        forty values, and Django's template engine spent ~0.35 ms a cell resolving them (issue
        13: a manager's grid of many reports × a role's requirements). Same markup as before."""
        code, name, prefix = self.column.element.code, self.person.name, self.prefix
        current, errors = self.current, self.errors
        classes = "cell" + "".join(
            word
            for word, on in (
                (" has-error", bool(errors)),
                (" disagrees", current.disagrees),
                (" pending", self.value != self.was),
            )
            if on
        )
        validated = current.validated
        stale = bool(
            validated
            and validated.next_review_on
            and validated.next_review_on < timezone.localdate()
        )
        own = current.self_rating.value_label if current.self_rating else ""
        problem = "; ".join(f"{capfirst(key)}: {message}" for key, message in errors.items())
        return format_html(
            '<td id="cell-{prefix}" class="{classes}"\n'
            '            data-self="{self_value}" data-was="{was}" data-label="{code} {label}"\n'
            '            data-person="{name}" data-code="{code}">\n'
            '          <label class="visually-hidden" for="{prefix}">{name}: {code}</label>\n'
            '          <select id="{prefix}" name="{prefix}" data-grid-control'
            "{invalid}{described}>\n"
            "            {options}\n"
            "          </select>\n"
            '          <input type="hidden" name="{prefix}-was" value="{was}">\n'
            '          <span class="hint cell-ratings">Self: {own}<br>Validated: {checked}{stale}'
            "</span>\n"
            '          <span class="cell-comment" data-comment>\n'
            '            <label for="{prefix}-comment">Comment{required}'
            '<span class="visually-hidden">'
            " for {name}, {code}</span></label>\n"
            '            <input type="text" id="{prefix}-comment" name="{prefix}-comment" '
            'value="{comment}" size="12"{comment_invalid}>\n'
            "          </span>\n"
            "          {error}{saved}\n"
            "        </td>",
            prefix=prefix,
            classes=classes,
            self_value=self.self_value,
            was=self.was,
            code=code,
            label=self.column.element.label,
            name=name,
            invalid=mark_safe(' aria-invalid="true"') if errors.get("value") else "",
            described=format_html(' aria-describedby="{}-error"', prefix) if errors else "",
            options=self.options,
            own=own or "—",
            checked=(validated.value_label if validated else "") or "—",
            stale=mark_safe(' <strong class="stale">review due</strong>') if stale else "",
            required=" (required)" if self.needs_comment else "",
            comment=self.comment,
            comment_invalid=mark_safe(' aria-invalid="true"') if errors.get("comment") else "",
            error=format_html(
                '<span id="{}-error" class="error" role="alert">Not saved — {}</span>',
                prefix,
                problem,
            )
            if errors
            else "",
            saved=mark_safe('<span class="saved" role="status">Saved</span>') if self.saved else "",
        )

    @property
    def value_label(self) -> str:
        return dict(self.column.choices).get(self.value, "—") if self.value else "—"

    @property
    def was_label(self) -> str:
        return dict(self.column.choices).get(self.was, "—") if self.was else "—"

    @property
    def needs_comment(self) -> bool:
        return bool(self.self_value and self.value and self.value != self.self_value)


@dataclass
class GridRow:
    person: Person
    cells: list[Cell]


@dataclass
class Grid:
    manager: Person | None
    role: RoleProfile | None
    roles: list[RoleProfile]
    columns: list[Column]
    rows: list[GridRow]

    def cells(self) -> list[Cell]:
        return [cell for row in self.rows for cell in row.cells]


class NotInTeam(LookupError):
    """The person is not a direct report, or the element is not a requirement of the role."""


def direct_reports(me: Person | None) -> list[Person]:
    if me is None:
        return []
    # Direct reports are visible to their manager by the access rule: no scope subquery needed.
    return list(
        Person.objects.filter(manager=me)
        .select_related("user", "current_role")
        .order_by("user__last_name", "user__first_name", "employee_id")
    )


def default_role(reports: list[Person], roles: list[RoleProfile]) -> RoleProfile | None:
    """The most common current role among the reports (ties: first by title), else the first."""
    counts = Counter(p.current_role_id for p in reports if p.current_role_id is not None)
    ranked = sorted(roles, key=lambda role: -counts.get(role.pk, 0))
    return ranked[0] if ranked else None


def columns_for(role: RoleProfile | None) -> list[Column]:
    if role is None:
        return []
    requirements = list(
        RoleRequirement.objects.filter(role=role)
        .select_related("element__framework")
        .order_by("position", "id")
    )
    numbers = scale_numbers({r.element.framework_id for r in requirements})
    return [
        Column(r, choices_for(r.element, numbers), uses_level(r.element, numbers), numbers)
        for r in requirements
    ]


def build_grid(user: User | AnonymousUser, role_code: str | None = None) -> Grid:
    """The grid for `user`'s direct reports; NotInTeam when the role code is unknown."""
    me = person_of(user)
    reports = direct_reports(me)
    roles = list(RoleProfile.objects.order_by("title"))
    if role_code:
        role = next((r for r in roles if r.code == role_code), None)
        if role is None:
            raise NotInTeam(f"no role {role_code!r}")
    else:
        role = default_role(reports, roles)
    columns = columns_for(role)
    current = Rating.objects.current([p.pk for p in reports], [c.element.pk for c in columns])
    rows = [
        GridRow(
            person,
            [
                Cell(person, column, current.get((person.pk, column.element.pk), CurrentRating()))
                for column in columns
            ],
        )
        for person in reports
    ]
    return Grid(me, role, roles, columns, rows)


def cell_for(user: User | AnonymousUser, role_code: str, person_id: int, element_id: int) -> Cell:
    """One cell of `user`'s grid (for the HTMX save); NotInTeam when it is not theirs."""
    person = Person.objects.filter(pk=person_id).select_related("user").first()
    if person is None:
        raise NotInTeam("not a cell of your team grid")
    ensure_direct_manager(user, person)  # 404 if hidden from the user, 403 if only not theirs
    requirement = (
        RoleRequirement.objects.filter(role__code=role_code, element_id=element_id)
        .select_related("element__framework", "role")
        .first()
    )
    if requirement is None:
        raise NotInTeam("not a cell of your team grid")
    numbers = scale_numbers([requirement.element.framework_id])
    column = Column(
        requirement,
        choices_for(requirement.element, numbers),
        uses_level(requirement.element, numbers),
        numbers,
    )
    current = Rating.objects.current([person.pk], [element_id]).get(
        (person.pk, element_id), CurrentRating()
    )
    return Cell(person, column, current)


def _take(cell: Cell, data: Mapping[str, str]) -> bool:
    """Copy the submitted value and comment onto the cell; whether the manager changed it."""
    raw = data.get(cell.prefix, "").strip()
    cell.comment = data.get(f"{cell.prefix}-comment", "")
    shown = data.get(f"{cell.prefix}-was", cell.was)
    cell.value = raw or cell.was  # a blank select falls back to the rating that stands
    return bool(raw) and raw != shown


def _record(user: User | AnonymousUser, cell: Cell) -> Rating:
    element = cell.column.element
    level, competence = parse_value(element, cell.column.numbers, cell.value)
    try:
        return record_rating(
            user,
            cell.person,
            element,
            Source.MANAGER,
            level=level,
            competence=competence,
            comment=cell.comment,
        )
    except PermissionDenied as denied:
        raise ValidationError({"value": str(denied)}) from denied


def save_cell(user: User | AnonymousUser, cell: Cell, data: Mapping[str, str]) -> Rating | None:
    """Save one cell from submitted data; None when unchanged or invalid (errors on the cell)."""
    if not _take(cell, data):
        return None
    try:
        with transaction.atomic():
            rating = _record(user, cell)
            complete_submitted(user, {cell.person.pk})
    except ValidationError as error:
        cell.errors = error_messages(error)
        return None
    cell.current.validated = rating
    cell.value, cell.comment, cell.saved = value_key(rating), "", True
    return rating


class _Rollback(Exception):
    pass


def save_grid(
    user: User | AnonymousUser, grid: Grid, data: Mapping[str, str], *, commit: bool = True
) -> list[Cell]:
    """Check every changed cell and, with `commit`, save them all or none.

    Returns the changed cells. When any is invalid nothing is saved and each bad cell carries its
    errors. Without `commit` (the summary shown before saving) every rule is checked by the same
    code path and the transaction is always rolled back, so nothing is written.
    """
    changed = [cell for cell in grid.cells() if _take(cell, data)]
    try:
        with transaction.atomic():
            for cell in changed:
                try:
                    _record(user, cell)
                except ValidationError as error:
                    cell.errors = error_messages(error)  # keep checking the other cells
            if not commit or any(cell.errors for cell in changed):
                raise _Rollback
            complete_submitted(user, {cell.person.pk for cell in changed})
    except _Rollback:
        pass
    return changed
