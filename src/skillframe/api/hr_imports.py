"""People, role-profile and goal imports over the API: the HR import pages' imports.

A multipart upload (`file`, CSV or XLSX, and `dry_run`); the file is checked whole and imported
all or nothing by the same domain functions as the pages (`people_import.import_people` with the
caller's HR scope, `roles_import.import_roles`, `goals_import.import_goals`). A file with
problems is a 400 listing them (where, field, value, message), as for framework imports; nothing
is changed. HR admins only (403 for anyone else). No __future__ import: ninja reads annotations.
"""

from collections.abc import Callable
from typing import Any, BinaryIO, cast

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from skillframe.api.auth import USER_AUTH
from skillframe.api.exchange import ImportErrorOut
from skillframe.api.schemas import ErrorOut
from skillframe.importing.problems import FormatError
from skillframe.people import goals_import, roles_import
from skillframe.people.access import ensure_hr_admin
from skillframe.people.people_import import import_people

router = Router(auth=USER_AUTH, tags=["hr"])


class PeopleImportOut(Schema):
    dry_run: bool
    created: int
    updated: int
    unchanged: int
    accounts: list[list[str]]  # [employee id, username] of each account created


class RecordsImportOut(Schema):
    dry_run: bool
    created: list[str]  # role codes, or goal titles
    updated: list[str]
    details: str  # how many requirements or weights


def _binary(file: UploadedFile) -> BinaryIO:
    # An upload reads and seeks as a binary file (as the HR pages pass it to the imports).
    return cast(BinaryIO, file)


def _run(
    request: HttpRequest, what: str, file: UploadedFile, run: Callable[[], dict[str, Any]]
) -> Any:
    ensure_hr_admin(request.user, f"only HR admins may import {what}")
    try:
        return run()
    except FormatError as exc:
        return Status(
            400,
            {
                "detail": f"{len(exc.problems)} problem(s) in {file.name}; nothing was imported"
                + (f"; the first {len(exc.reported)} are listed" if exc.unreported else ""),
                "problems": [problem.__dict__ for problem in exc.reported],
                "problem_count": len(exc.problems),
            },
        )


@router.post(
    "/people/import",
    response={200: PeopleImportOut, 400: ImportErrorOut, 403: ErrorOut},
    summary="Import people from CSV or XLSX (rows outside your HR scope are problems)",
)
def people(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False) -> Any:
    def run() -> dict[str, Any]:
        summary = import_people(
            _binary(file),
            actor=request.user,
            scope_user=request.user,
            source=f"api upload {file.name}",
            dry_run=dry_run,
        )
        return {
            "dry_run": dry_run,
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "accounts": [list(pair) for pair in summary.accounts],
        }

    return _run(request, "people", file, run)


@router.post(
    "/roles/import",
    response={200: RecordsImportOut, 400: ImportErrorOut, 403: ErrorOut},
    summary="Import role profiles with their requirements from CSV or XLSX",
)
def roles(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False) -> Any:
    def run() -> dict[str, Any]:
        result = roles_import.import_roles(
            _binary(file), actor=request.user, source=file.name or "", dry_run=dry_run
        )
        return {
            "dry_run": dry_run,
            "created": result.created,
            "updated": result.updated,
            "details": result.details,
        }

    return _run(request, "role profiles", file, run)


@router.post(
    "/goals/import",
    response={200: RecordsImportOut, 400: ImportErrorOut, 403: ErrorOut},
    summary="Import organisation goals with their weights from CSV or XLSX",
)
def goals(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False) -> Any:
    def run() -> dict[str, Any]:
        result = goals_import.import_goals(
            _binary(file), actor=request.user, source=file.name or "", dry_run=dry_run
        )
        return {
            "dry_run": dry_run,
            "created": [goal.title for goal in result.created],
            "updated": [goal.title for goal in result.updated],
            "details": result.details,
        }

    return _run(request, "goals", file, run)
