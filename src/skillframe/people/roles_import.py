"""Import role profiles from a CSV or XLSX file: one row per requirement.

Columns (header row, any order, case and `_`/`-` ignored): `role code`, `role title`,
`element code` (required); `role description`, `framework`, `target level`, `importance`,
`weight` (optional). The whole file is validated first; every problem is reported with its row,
column and value, and nothing is saved unless there is none. A role already present (same role
code) has its title updated and its requirements replaced by the file's; roles not in the file
are left alone. See docs/roles.md.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction

# openpyxl ships no type information.
from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

from skillframe.audit.models import record
from skillframe.frameworks.formats.base import FormatError, Problem
from skillframe.frameworks.formats.csv_input import csv_rows
from skillframe.frameworks.models import (
    Element,
    ElementLookupError,
    Framework,
    choose_element,
)
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
class RolePlan:
    """What the file says about one role, gathered from all of its rows."""

    code: str
    title: str = ""
    title_row: int = 0
    description: str | None = None  # None: the file has no description column
    description_row: int = 0
    requirements: list[RequirementRow] = field(default_factory=list)


@dataclass(frozen=True)
class ImportResult:
    created: list[str]  # role codes
    updated: list[str]
    requirements: int


def header_name(value: object) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # XLSX stores 3 as 3.0
    return str(value).strip()


def read_rows(data: BinaryIO, sheet: str = SHEET_TITLE) -> Iterator[tuple[int, list[object]]]:
    """(row number, cells) of a CSV (UTF-8 ± BOM, `,` or `;`, LF or CRLF) or XLSX file.

    The kind is told by content, not by name: an XLSX file is a zip archive ("PK" first).
    XLSX cells stay typed (date cells arrive as dates); the sheet named `sheet` is read if
    there is one, else the first.
    """
    if not data.seekable():
        data = io.BytesIO(data.read())
    start = data.read(4)
    data.seek(0)
    if start == b"PK\x03\x04":
        yield from _xlsx_rows(data, sheet)
    else:
        for number, cells in csv_rows(data):
            yield number, list[object](cells)


def _xlsx_rows(data: BinaryIO, title: str) -> Iterator[tuple[int, list[object]]]:
    try:
        workbook = load_workbook(data, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise FormatError([Problem("file", "", "", f"not an xlsx workbook ({exc})")]) from None
    try:
        names = workbook.sheetnames
        sheet = workbook[title] if title in names else workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = list(row)
            if any(cell_text(cell) for cell in cells):
                yield number, cells
    finally:
        workbook.close()


def parse(data: BinaryIO) -> list[RolePlan]:
    """Read and validate the whole file; raise FormatError listing every problem found."""
    rows = read_rows(data)
    first = next(rows, None)
    if first is None:
        raise FormatError([Problem("row 1", "", "", "the file is empty: no header row")])
    header_row, header = first
    problems: list[Problem] = []
    columns: dict[str, int] = {}
    for index, value in enumerate(header):
        name = header_name(value)
        if not name:
            continue
        if name not in COLUMNS:
            expected = ", ".join(COLUMNS)
            problems.append(
                Problem(
                    f"row {header_row}", name, cell_text(value), f"unknown column; use {expected}"
                )
            )
        elif name in columns:
            problems.append(Problem(f"row {header_row}", name, cell_text(value), "column repeated"))
        else:
            columns[name] = index
    for name in REQUIRED:
        if name not in columns:
            problems.append(Problem(f"row {header_row}", name, "", "required column missing"))
    if problems:
        raise FormatError(problems)

    body = [
        (
            number,
            {name: cell_text(cells[i]) if i < len(cells) else "" for name, i in columns.items()},
        )
        for number, cells in rows
    ]
    if not body:
        raise FormatError([Problem(f"row {header_row + 1}", "", "", "no rows below the header")])
    candidates = Element.objects.by_codes(values["element code"] for _, values in body)
    frameworks = set(Framework.objects.values_list("slug", flat=True))
    plans: dict[str, RolePlan] = {}
    seen: dict[tuple[str, int], int] = {}  # (role code, element id) → row
    targets_checked: dict[tuple[int, int | None], ValidationError | None] = {}

    for number, values in body:
        where = f"row {number}"

        def problem(
            column: str, message: str, *, at: str = where, row: dict[str, str] = values
        ) -> None:
            problems.append(Problem(at, column, row.get(column, ""), message))

        plan = _role_plan(plans, values, where, number, problem)
        element = None
        try:
            element = choose_element(
                values["element code"],
                values.get("framework") or None,
                candidates.get(values["element code"].upper(), []),
                frameworks,
            )
        except ElementLookupError as exc:
            problem("element code" if exc.field == "element" else "framework", str(exc))
        level, level_ok = _level(values.get("target level", ""), problem)
        importance = values.get("importance", "").lower() or Importance.ESSENTIAL.value
        if importance not in Importance.values:
            problem("importance", "expected essential or desirable")
        weight = parse_weight(values.get("weight", ""), problem)
        if element is None or plan is None:
            continue
        key = (plan.code, element.pk)
        if key in seen:
            problem(
                "element code",
                f"role {plan.code} already requires {element.code} on row {seen[key]}",
            )
            continue
        seen[key] = number
        if level_ok:
            # check_target reads the element's scale: ask once per element and level.
            cache_key = (element.pk, level)
            if cache_key not in targets_checked:
                try:
                    check_target(element, level)
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
            problems.append(
                Problem("file", "role title", "", f"role {plan.code} has no title on any row")
            )
    if problems:
        raise FormatError(problems)
    return list(plans.values())


def _role_plan(
    plans: dict[str, RolePlan], values: dict[str, str], where: str, number: int, problem: Any
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
    if "role description" not in values:
        return plan  # no such column: descriptions stay as they are
    description = values["role description"]
    if plan.description is None:
        plan.description = ""  # the column is there: an empty description clears the old one
    if description and plan.description_row and description != plan.description:
        problem(
            "role description",
            f"role {code} has a different description on row {plan.description_row}",
        )
    elif description and not plan.description_row:
        plan.description, plan.description_row = description, number
    return plan


def _level(text: str, problem: Any) -> tuple[int | None, bool]:
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


def parse_weight(text: str, problem: Any) -> float | None:
    if not text:
        return 1.0
    try:
        weight = float(text.replace(",", "."))  # decimal comma, as `;`-separated files have
    except ValueError:
        weight = math.nan
    if not math.isfinite(weight) or weight <= 0:
        problem("weight", "not a positive number")
        return None
    return weight


def apply(plans: list[RolePlan], *, actor: Any = None, source: str = "") -> ImportResult:
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


def import_roles(data: BinaryIO, *, actor: Any = None, source: str = "") -> ImportResult:
    """Validate the whole file, then save it atomically; raise FormatError on any problem."""
    return apply(parse(data), actor=actor, source=source)
