"""Import role profiles from a CSV or XLSX file: one row per requirement.

Columns (header row, any order, case and `_`/`-` ignored): `role code`, `role title`,
`element code` (required); `role description`, `framework`, `target level`, `importance`,
`weight` (optional). The whole file is validated first; every problem is reported with its row,
column and value, and nothing is saved unless there is none. A role already present (same role
code) has its title updated and its requirements replaced by the file's; roles not in the file
are left alone. See docs/roles.md.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction

from skillframe.audit.models import record
from skillframe.frameworks.models import Element
from skillframe.importing.problems import FormatError
from skillframe.importing.spreadsheets import read_rows
from skillframe.importing.tables import Columns, read_table
from skillframe.inputs import WEIGHT_MAX
from skillframe.people.access import Viewer
from skillframe.people.import_rows import Described, ElementRows, Report, reporter, row_values
from skillframe.people.models import Importance, RoleProfile, RoleRequirement, check_target
from skillframe.people.roles import RESERVED_ROLE_CODES

COLUMNS = (
    "role code",
    "role title",
    "role description",
    "element code",
    "framework",
    "target level",
    "importance",
    "weight",
)
REQUIRED = ("role code", "role title", "element code")
ROLE_COLUMNS = Columns(COLUMNS, REQUIRED, missing_shows_header=False)
SHEET_TITLE = "roles"
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
# check_target's field names → our column names.
_TARGET_FIELDS = {"element": "element code", "target_level": "target level"}


@dataclass(frozen=True)
class RequirementRow:
    row: int
    element: Element
    target_level: int | None
    importance: str
    weight: float


@dataclass
class RolePlan(Described):
    """What the file says about one role, gathered from all of its rows."""

    code: str
    title: str = ""
    title_row: int = 0
    requirements: list[RequirementRow] = field(default_factory=list)


@dataclass(frozen=True)
class ImportResult:
    created: list[str]  # role codes
    updated: list[str]
    requirements: int

    @property
    def details(self) -> str:
        return f"{self.requirements} requirement(s)"


def parse(data: BinaryIO) -> list[RolePlan]:
    """Read and validate the whole file; raise FormatError listing every problem found."""
    table = read_table(read_rows(data, sheet=SHEET_TITLE), ROLE_COLUMNS)
    body = list(table.records())
    if not body:
        raise table.no_rows()
    problems = table.problems
    elements = ElementRows(body)
    # The levels each named element defines (PPM-PPL: 2–4), for the whole file in one query.
    defined = Element.objects.defined_levels(
        found.pk for candidates in elements.candidates.values() for found in candidates
    )
    plans: dict[str, RolePlan] = {}
    targets_checked: dict[tuple[int, int | None], ValidationError | None] = {}

    for row in body:
        number = row.number
        values = row_values(row)
        problem = reporter(table, problems, row, values)
        plan = _role_plan(plans, values, number, problem)
        element = elements.element(values, problem)
        level, level_ok = _level(values.get("target level", ""), problem)
        importance = values.get("importance", "").lower() or Importance.ESSENTIAL.value
        if importance not in Importance.values:
            problem("importance", "expected essential or desirable")
        weight = parse_weight(values.get("weight", ""), problem)
        if element is None or plan is None:
            continue
        earlier = elements.earlier_row(plan.code, element, number)
        if earlier is not None:
            problem(
                "element code", f"role {plan.code} already requires {element.code} on row {earlier}"
            )
            continue
        if level_ok:
            # check_target reads the element's scale: ask once per element and level.
            cache_key = (element.pk, level)
            if cache_key not in targets_checked:
                try:
                    check_target(element, level, defined.get(element.pk, set()))
                    targets_checked[cache_key] = None
                except ValidationError as exc:
                    targets_checked[cache_key] = exc
            error = targets_checked[cache_key]
            if error is not None:
                for key_name, messages in error.message_dict.items():
                    for message in messages:
                        problem(_TARGET_FIELDS.get(key_name, key_name), message)
                continue
        if level_ok and weight is not None and importance in Importance.values:
            plan.requirements.append(RequirementRow(number, element, level, importance, weight))

    for plan in plans.values():
        if not plan.title:
            message = f"role {plan.code} has no title on any row"
            problems.append(table.problem("file", "role title", "", message))
    if problems:
        raise FormatError(problems)
    return list(plans.values())


def _role_plan(
    plans: dict[str, RolePlan], values: dict[str, str], number: int, problem: Report
) -> RolePlan | None:
    code = values["role code"]
    if not code:
        problem("role code", "required")
        return None
    if len(code) > 64 or not _SLUG.match(code):
        problem("role code", "use up to 64 letters, digits, hyphens or underscores")
        return None
    if code.lower() in RESERVED_ROLE_CODES:
        problem("role code", "reserved for a page address; choose another code")
        return None
    plan = plans.setdefault(code, RolePlan(code))
    title = values["role title"]
    if len(title) > 255:
        problem("role title", "longer than 255 characters")
    elif title and plan.title and title != plan.title:
        problem("role title", f"role {code} has the title {plan.title!r} on row {plan.title_row}")
    elif title and not plan.title:
        plan.title, plan.title_row = title, number
    plan.take_description(values, "role description", f"role {code}", number, problem)
    return plan


def _level(text: str, problem: Report) -> tuple[int | None, bool]:
    if not text:
        return None, True
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = math.nan
    if not number.is_integer():
        problem("target level", "not a whole number (a level of the scale, e.g. 3)")
        return None, False
    return int(number), True


def parse_weight(text: str, problem: Report) -> float | None:
    if not text:
        return 1.0
    try:
        weight = float(text.replace(",", "."))  # decimal comma, as `;`-separated files have
    except ValueError:
        weight = math.nan
    if not math.isfinite(weight) or weight <= 0:
        problem("weight", "not a positive number")
        return None
    if weight > WEIGHT_MAX:
        problem("weight", f"at most {WEIGHT_MAX:g}")
        return None
    return weight


def apply(plans: list[RolePlan], *, actor: Viewer | None = None, source: str = "") -> ImportResult:
    """Save validated plans in one transaction: create or update each role, replace its
    requirements (positions in file order) and record one audit event."""
    created: list[str] = []
    updated: list[str] = []
    count = 0
    with transaction.atomic():
        existing = {r.code: r for r in RoleProfile.objects.filter(code__in=[p.code for p in plans])}
        for plan in plans:
            role = existing.get(plan.code)
            if role is None:
                role = RoleProfile.objects.create(
                    code=plan.code, title=plan.title, description=plan.description or ""
                )
                created.append(plan.code)
            else:
                role.title = plan.title
                if plan.description is not None:
                    role.description = plan.description
                role.save()
                role.requirements.all().delete()
                updated.append(plan.code)
            RoleRequirement.objects.bulk_create(
                RoleRequirement(
                    role=role,
                    element=row.element,
                    target_level=row.target_level,
                    importance=row.importance,
                    weight=row.weight,
                    position=position,
                )
                for position, row in enumerate(plan.requirements, start=1)
            )
            count += len(plan.requirements)
        record(
            actor,
            "roles.import",
            source or "role profiles file",
            created=created,
            updated=updated,
            requirements=count,
        )
    return ImportResult(created, updated, count)


def preview(plans: list[RolePlan]) -> ImportResult:
    """What `apply` would do with validated plans, changing nothing (one query)."""
    codes = [plan.code for plan in plans]
    known = set(RoleProfile.objects.filter(code__in=codes).values_list("code", flat=True))
    return ImportResult(
        created=[code for code in codes if code not in known],
        updated=[code for code in codes if code in known],
        requirements=sum(len(plan.requirements) for plan in plans),
    )


def import_roles(
    data: BinaryIO, *, actor: Viewer | None = None, source: str = "", dry_run: bool = False
) -> ImportResult:
    """Validate the whole file, then save it atomically (`dry_run`: only say what it would
    do); raise FormatError on any problem."""
    plans = parse(data)
    return preview(plans) if dry_run else apply(plans, actor=actor, source=source)
