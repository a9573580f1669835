"""Importing people from a CSV or XLSX file: validate everything, then change all or nothing.

1. `people_files.parse` reads the file into `PersonRow`s (header and shape problems);
2. `load_directory` takes a snapshot of what the database knows (units, people, e-mails,
   usernames) and the importer's HR scope, in a handful of queries;
3. `validate` — pure, no database — checks every row against the snapshot and the other rows;
4. only when no problem was found, `plan` prepares every row to write (usernames, unusable
   passwords, what changed), and `people_stage` stages them and switches them in with one
   short transaction that re-checks what may have changed meanwhile.

Columns, rules and the accounts created are described in docs/people.md.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower

from skillframe.audit.models import record
from skillframe.database.locks import is_lock_conflict, retry_locked
from skillframe.importing.problems import FormatError, Problem
from skillframe.people import people_stage
from skillframe.people.access import Viewer
from skillframe.people.admin_guard import AdminGuard, guard_for
from skillframe.people.models import OrgUnit, Person
from skillframe.people.people_files import PersonRow, parse
from skillframe.people.people_stage import StagedPerson
from skillframe.people.records import (
    anonymised_username,
    employee_id_problem,
    scope_unit_ids,
    split_name,
    unique_username,
)
from skillframe.people.reporting_lines import check_manager

__all__ = ["FormatError", "ImportSummary", "Problem", "import_people"]

NAME_PART_MAX = 150  # django.contrib.auth first_name / last_name
EMAIL_MAX = 254
JOB_TITLE_MAX = 255


@dataclass(frozen=True)
class KnownPerson:
    pk: int
    user_id: int
    employee_id: str
    first_name: str
    last_name: str
    email: str
    job_title: str
    unit_code: str
    manager_employee_id: str | None
    anonymised: bool = False  # a leaver (`skillframe people anonymise`): never filled in again


@dataclass
class Directory:
    """What the database knows, as plain data, so that `validate` needs no queries."""

    units: dict[str, int]  # unit code → id
    scope: set[str] | None  # unit codes the importer may use; None = all (superuser, CLI)
    people: dict[str, KnownPerson]  # employee id → person
    email_owners: dict[str, set[int]]  # lower-case e-mail → user ids
    usernames: set[str]  # lower-case usernames in use
    guard: AdminGuard | None = None  # the importing admin's limits (admin_guard); None: none


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # (employee id, username) of each account created, so an admin can hand out sign-ins.
    accounts: list[tuple[str, str]] = field(default_factory=list)
    switch_seconds: float = 0.0  # the one write transaction: how long other writers waited

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def load_directory(scope_user: Viewer | None) -> Directory:
    """The snapshot; `scope_user` None means no scope restriction (the CLI without --as)."""
    units = dict(OrgUnit.objects.values_list("code", "pk"))
    scope: set[str] | None = None
    if scope_user is not None:
        ids = scope_unit_ids(scope_user)
        scope = None if ids is None else {code for code, pk in units.items() if pk in ids}
    people = {
        row["employee_id"]: KnownPerson(
            pk=row["pk"],
            user_id=row["user_id"],
            employee_id=row["employee_id"],
            first_name=row["user__first_name"],
            last_name=row["user__last_name"],
            email=row["user__email"],
            job_title=row["job_title"],
            unit_code=row["unit__code"],
            manager_employee_id=row["manager__employee_id"],
            anonymised=row["user__username"] == anonymised_username(row["employee_id"]),
        )
        for row in Person.objects.values(
            "pk",
            "user_id",
            "employee_id",
            "user__first_name",
            "user__last_name",
            "user__email",
            "job_title",
            "unit__code",
            "manager__employee_id",
            "user__username",
        )
    }
    email_owners: dict[str, set[int]] = {}
    users = get_user_model().objects.exclude(email="").annotate(e=Lower("email"))
    for email, pk in users.values_list("e", "pk"):
        email_owners.setdefault(email, set()).add(pk)
    usernames = {
        name.lower() for name in get_user_model().objects.values_list("username", flat=True)
    }
    guard = guard_for(scope_user)
    return Directory(units, scope, people, email_owners, usernames, guard)


def validate(rows: list[PersonRow], directory: Directory, columns: dict[str, str]) -> list[Problem]:
    """Every problem with the rows, in row order; `columns` gives the file's header names."""
    problems: list[Problem] = []

    def problem(row: PersonRow, column: str, value: str, message: str) -> None:
        problems.append(Problem(f"row {row.number}", columns.get(column, column), value, message))

    first_row_of_id: dict[str, int] = {}
    first_row_of_email: dict[str, int] = {}
    for row in rows:
        if row.employee_id and row.employee_id not in first_row_of_id:
            first_row_of_id[row.employee_id] = row.number
        email = row.email.lower()
        if email and email not in first_row_of_email:
            first_row_of_email[email] = row.number
    # Users whose e-mail the file changes: their old address is free for someone else.
    file_emails = {
        directory.people[row.employee_id].user_id: row.email.lower()
        for row in rows
        if row.employee_id in directory.people
    }
    managers: dict[str, str | None] = {
        emp: known.manager_employee_id for emp, known in directory.people.items()
    }
    for row in rows:
        if (
            row.manager_employee_id is not None
            and first_row_of_id.get(row.employee_id) == row.number
        ):
            managers[row.employee_id] = row.manager_employee_id or None

    file_units = {row.employee_id: row.unit for row in rows}
    for row in rows:
        if directory.guard is not None and first_row_of_id.get(row.employee_id) == row.number:
            for name, message in _guard_problems(directory, row, file_units):
                column = "manager_employee_id" if name == "manager" else name
                problem(row, column, getattr(row, column) or "", message)
        for column in ("employee_id", "name", "email", "unit"):
            if not getattr(row, column):
                problem(row, column, "", "required: this cell is empty")
        known = directory.people.get(row.employee_id)
        if row.employee_id:
            reason = employee_id_problem(row.employee_id)
            first = first_row_of_id[row.employee_id]
            if reason:
                problem(row, "employee_id", row.employee_id, f"not a valid employee id: {reason}")
            elif first != row.number:
                problem(row, "employee_id", row.employee_id, f"duplicate employee id (row {first})")
            elif known and known.anonymised:
                message = "this person left and was anonymised: remove the row"
                problem(row, "employee_id", row.employee_id, message)
            elif known and directory.scope is not None and known.unit_code not in directory.scope:
                message = "this person is in a unit outside your HR scope"
                problem(row, "employee_id", row.employee_id, message)
        first_name, last_name = split_name(row.name)
        if max(len(first_name), len(last_name)) > NAME_PART_MAX:
            problem(row, "name", row.name, f"first or last name over {NAME_PART_MAX} characters")
        if row.email:
            _check_email(row, known, directory, first_row_of_email, file_emails, problem)
        if row.job_title is not None and len(row.job_title) > JOB_TITLE_MAX:
            problem(row, "job_title", row.job_title, f"over {JOB_TITLE_MAX} characters")
        if row.unit:
            if row.unit not in directory.units:
                problem(row, "unit", row.unit, "unknown unit code")
            elif directory.scope is not None and row.unit not in directory.scope:
                problem(row, "unit", row.unit, "this unit is outside your HR scope")
        boss = row.manager_employee_id
        if not boss:
            continue
        known_boss = boss in directory.people or boss in first_row_of_id
        if boss != row.employee_id and not known_boss:
            message = "unknown manager: no person with this employee id here or in the file"
            problem(row, "manager_employee_id", boss, message)
        elif boss == row.employee_id or first_row_of_id.get(row.employee_id) == row.number:
            # The one reporting-line rule, over the database with the file laid over it.
            try:
                check_manager(row.employee_id, boss, managers.get)
            except ValidationError as exc:
                for message in exc.message_dict["manager"]:
                    problem(row, "manager_employee_id", boss, message)
    return problems


def _guard_problems(
    directory: Directory, row: PersonRow, file_units: dict[str, str]
) -> list[tuple[str, str]]:
    """The admin rules on this row's unit and manager, as the file would leave them."""
    assert directory.guard is not None
    known = directory.people.get(row.employee_id)
    boss = row.manager_employee_id or ""
    boss_known = directory.people.get(boss)
    boss_unit = file_units.get(boss) or (boss_known.unit_code if boss_known else "")
    return directory.guard.change_problems(
        known.pk if known else None,
        unit_changed=known is None or row.unit != known.unit_code,
        manager_changed=row.manager_employee_id is not None
        and (known is None or (boss or None) != known.manager_employee_id),
        manager_unit_id=directory.units.get(boss_unit) if boss else None,
    )


def _check_email(
    row: PersonRow,
    known: KnownPerson | None,
    directory: Directory,
    first_row_of_email: dict[str, int],
    file_emails: dict[int, str],
    problem: Any,
) -> None:
    email = row.email.lower()
    try:
        validate_email(row.email)
    except ValidationError:
        problem(row, "email", row.email, "not a valid e-mail address")
        return
    if len(row.email) > EMAIL_MAX:
        problem(row, "email", row.email, f"over {EMAIL_MAX} characters")
    first = first_row_of_email[email]
    if first != row.number:
        problem(row, "email", row.email, f"duplicate e-mail address (row {first})")
        return
    owners = directory.email_owners.get(email, set()) - ({known.user_id} if known else set())
    # An owner the file gives another address to will have let go of this one.
    if any(file_emails.get(owner, email) == email for owner in owners):
        problem(row, "email", row.email, "this e-mail address belongs to another account")


def _changes(row: PersonRow, known: KnownPerson) -> bool:
    first_name, last_name = split_name(row.name)
    wanted: list[tuple[object, object]] = [
        (known.first_name, first_name),
        (known.last_name, last_name),
        (known.email, row.email),
        (known.unit_code, row.unit),
    ]
    if row.job_title is not None:
        wanted.append((known.job_title, row.job_title))
    if row.manager_employee_id is not None:
        wanted.append((known.manager_employee_id, row.manager_employee_id or None))
    return any(old != new for old, new in wanted)


def plan(rows: list[PersonRow], directory: Directory) -> tuple[ImportSummary, list[StagedPerson]]:
    """What the import will do, after `validate` found nothing: the summary and the rows to
    stage (new and changed people). Reads nothing and writes nothing: all of this work happens
    before the write transaction, which then only moves rows (`people_stage`)."""
    summary = ImportSummary()
    staged: list[StagedPerson] = []
    taken = set(directory.usernames)
    levels = _levels(rows, directory)
    for row in rows:
        known = directory.people.get(row.employee_id)
        if known is not None and not _changes(row, known):
            summary.unchanged += 1
            continue
        boss = row.manager_employee_id
        username = password = None
        if known is None:
            # New accounts: usernames from the e-mail's local part, made unique; unusable
            # passwords, as set_unusable_password() without its 40 random choices one by one.
            username = unique_username(row.email, taken)
            password = UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)
            summary.accounts.append((row.employee_id, username))
            summary.created += 1
        else:
            summary.updated += 1
        first_name, last_name = split_name(row.name)
        current_boss = known.manager_employee_id if known else None
        level = levels.get(row.employee_id, 0)
        staged.append(
            StagedPerson(
                employee_id=row.employee_id,
                row_number=row.number,
                person_id=known.pk if known else None,
                user_id=known.user_id if known else None,
                username=username,
                password=password,
                first_name=first_name,
                last_name=last_name,
                email=row.email,
                job_title=row.job_title,
                unit_id=directory.units[row.unit],
                # New people get their manager as they are inserted, level by level.
                set_manager=level > people_stage.INSERT_LEVELS
                if known is None
                else boss is not None and (boss or None) != current_boss,
                manager_employee_id=boss or None,
                level=level,
            )
        )
    return summary, staged


def _levels(rows: list[PersonRow], directory: Directory) -> dict[str, int]:
    """For each new person: 0 when their manager exists already (or they have none), else
    one more than their manager's (a new person in the same file). `validate` ruled out loops."""
    boss_of = {
        row.employee_id: row.manager_employee_id
        for row in rows
        if row.employee_id not in directory.people
    }
    levels: dict[str, int] = {}
    for start in boss_of:
        chain: list[str] = []
        node: str | None = start
        while node in boss_of and node not in levels and node not in chain:
            chain.append(node)
            node = boss_of[node] or None
        base = levels.get(node, -1) if node in boss_of else -1
        for depth, emp in enumerate(reversed(chain), start=1):
            levels[emp] = base + depth
    return levels


def import_people(
    data: BinaryIO,
    *,
    actor: Viewer | None,
    scope_user: Viewer | None,
    source: str = "",
    dry_run: bool = False,
) -> ImportSummary:
    """Validate the whole file, then import it all or nothing; raise FormatError listing every
    problem (and change nothing) when anything is wrong.

    Reading, checking and preparing the rows take no write lock; the rows are staged in a
    temporary table and switched in by one short transaction (`people_stage`), retried when it
    meets a lock conflict. `ImportSummary.switch_seconds` says how long it held the lock.

    `scope_user`: the HR admin whose scope limits the rows (None: no limit, for the CLI run as
    superuser). `actor` is recorded in the audit log. `dry_run` validates and counts only.
    """
    parsed = parse(data)
    if parsed.problems:
        raise FormatError(parsed.problems)
    directory = load_directory(scope_user)
    problems = validate(parsed.rows, directory, parsed.headers)
    if problems:
        raise FormatError(problems)
    summary, rows = plan(parsed.rows, directory)
    if dry_run:
        return summary
    with people_stage.staged(rows, parsed.headers) as stage:

        def switch() -> float:
            started = time.perf_counter()
            with transaction.atomic():
                stage.switch()
                record(
                    actor,
                    "people.import",
                    source or "people file",
                    created=summary.created,
                    updated=summary.updated,
                    unchanged=summary.unchanged,
                )
            return time.perf_counter() - started

        if transaction.get_connection().in_atomic_block:
            summary.switch_seconds = switch()  # the caller's transaction: not ours to retry
        else:
            # A lock conflict rolls the switch back whole; the stage is still there.
            summary.switch_seconds = retry_locked(
                switch, wait_seconds=settings.DATABASE_LOCK_WAIT, is_locked=is_lock_conflict
            )
    return summary
