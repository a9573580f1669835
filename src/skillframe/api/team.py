"""The team grid over the API: a line manager's direct reports against one role's requirements,
and saving several manager ratings at once, all or none (`assessments.team`, as the page does:
a rating given here also completes a submitted self-assessment whose review it finishes).

Only direct reports are in the grid; anyone else's cell is a 422 naming it. No __future__
import: ninja reads the annotations.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.fields import Code, Comment
from skillframe.api.schemas import ErrorOut
from skillframe.assessments import team

router = Router(auth=USER_AUTH, tags=["assessments"])


class GridFilters(Schema):
    role: str | None = None  # default: the most common current role of your reports


class ColumnOut(Schema):
    framework: str
    element: str
    title: str
    target_level: int | None
    importance: str
    choices: list[str]


class CellOut(Schema):
    element: str
    value: str  # the validated rating's value ("" when none)
    self_value: str


class RowOut(Schema):
    employee_id: str
    name: str
    cells: list[CellOut]


class GridOut(Schema):
    role: str | None
    roles: list[str]
    columns: list[ColumnOut]
    rows: list[RowOut]


class CellIn(Schema):
    person: Code  # employee id of a direct report
    element: Code  # a requirement of the grid's role
    value: Code  # a level number, or a competence
    comment: Comment = ""  # needed when the value differs from the person's own rating


class GridIn(Schema):
    role: Code
    ratings: list[CellIn]
    dry_run: bool = False  # check every rating as saving would, save nothing (the page's summary)


class SavedOut(Schema):
    saved: int  # with dry_run: how many would be saved
    grid: GridOut


def _grid(request: HttpRequest, role: str | None) -> team.Grid:
    try:
        return team.build_grid(request.user, role)
    except team.NotInTeam as missing:
        raise Http404(str(missing)) from missing


def _out(grid: team.Grid) -> dict[str, Any]:
    return {
        "role": grid.role.code if grid.role else None,
        "roles": [role.code for role in grid.roles],
        "columns": [
            {
                "framework": c.element.framework.slug,
                "element": c.element.code,
                "title": c.element.label,
                "target_level": c.requirement.target_level,
                "importance": c.requirement.importance,
                "choices": [value for value, _ in c.choices],
            }
            for c in grid.columns
        ],
        "rows": [
            {
                "employee_id": row.person.employee_id,
                "name": row.person.name,
                "cells": [
                    {
                        "element": cell.column.element.code,
                        "value": cell.was,
                        "self_value": cell.self_value,
                    }
                    for cell in row.cells
                ],
            }
            for row in grid.rows
        ],
    }


@router.get(
    "/team",
    response={200: GridOut, 404: ErrorOut},
    summary="Your direct reports' validated ratings against a role's requirements",
)
def get_grid(request: HttpRequest, filters: Query[GridFilters]) -> Any:
    return _out(_grid(request, filters.role))


@router.post(
    "/team",
    response={200: SavedOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Rate several of your direct reports at once as their manager (all or none; dry_run)",
)
def save_grid(request: HttpRequest, payload: GridIn) -> Any:
    grid = _grid(request, payload.role)
    cells = {(c.person.employee_id, c.column.element.code): c for c in grid.cells()}
    data: dict[str, str] = {}
    where: dict[str, int] = {}
    for index, rating in enumerate(payload.ratings):
        cell = cells.get((rating.person, rating.element))
        if cell is None:
            raise ValidationError(
                {f"ratings.{index}": f"{rating.person} / {rating.element} is not in your team grid"}
            )
        data[cell.prefix], data[f"{cell.prefix}-comment"] = rating.value, rating.comment
        where[cell.prefix] = index
    changed = team.save_grid(request.user, grid, data, commit=not payload.dry_run)
    failed = {
        f"ratings.{where[cell.prefix]}.{name}": message
        for cell in changed
        for name, message in cell.errors.items()
    }
    if failed:
        raise ValidationError(failed)
    return {"saved": len(changed), "grid": _out(_grid(request, payload.role))}
