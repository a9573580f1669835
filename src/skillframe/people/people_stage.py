"""A people import's rows staged in a temporary table, then switched in with a few set queries.

Why: the import used to create and update people inside one transaction that grew with the file
(10,000 people: 2 to 3 s of SQLite's single write lock, and every other writer waited). Now
everything costly happens before any write transaction: reading the directory, validating,
deriving usernames and unusable passwords, diffing against the current rows (`people_import`);
the rows to write go, in batches, into a TEMPORARY table of this connection (on SQLite it lives in
the connection's own temp database, so filling it takes no lock on the main one; on PostgreSQL
nobody else sees it; either way it disappears with the connection). Then one short transaction
(`switch`) re-checks what may have changed since the reading (an employee id, username or e-mail
address taken meanwhile, a person anonymised or removed, a unit deleted, a reporting loop closed
by another change) and refuses with a clear problem list, or moves the rows over with set-based
SQL: INSERT … SELECT for new accounts and people, UPDATE … FROM for changed ones and managers.
Same pattern as `frameworks/staging.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Model

from skillframe.database.bulk import quote, write_temp_batch
from skillframe.importing.problems import FormatError, Problem
from skillframe.people.models import OrgUnit, Person

TABLE = "skillframe_person_stage"
INSERT_LEVELS = 50  # reporting levels of new people inserted with their managers
BATCH_ROWS = 2000  # rows per INSERT into the temporary table on SQLite: flat memory
# (column, type): one row per person the import creates (person_id NULL) or changes.
_COLUMNS = (
    ("employee_id", "varchar(64) NOT NULL PRIMARY KEY"),
    ("row_number", "integer NOT NULL"),
    ("person_id", "bigint NULL"),
    ("user_id", "bigint NULL"),
    ("username", "varchar(150) NULL"),
    ("username_key", "varchar(150) NULL"),
    ("password", "varchar(128) NULL"),
    ("first_name", "varchar(150) NOT NULL"),
    ("last_name", "varchar(150) NOT NULL"),
    ("email", "varchar(254) NOT NULL"),
    ("email_key", "varchar(254) NOT NULL"),
    ("job_title", "varchar(255) NULL"),  # NULL: the file has no job title column
    ("unit_id", "bigint NOT NULL"),
    # 1: the switch sets this person's manager by an UPDATE after the inserts (a changed
    # person, or a new one deeper than INSERT_LEVELS below the people who exist already).
    ("set_manager", "smallint NOT NULL"),
    ("manager_employee_id", "varchar(64) NULL"),
    # New people: 0 when their manager exists already (or they have none), else one more than
    # their manager's: inserted level by level, each with its manager id, without an UPDATE.
    ("level", "integer NOT NULL"),
)
COLUMN_NAMES = tuple(name for name, _ in _COLUMNS)
CHANGED = "someone changed this record while the file was being imported: import it again"


@dataclass(frozen=True)
class StagedPerson:
    """A row of the stage, in `_COLUMNS` order."""

    employee_id: str
    row_number: int
    person_id: int | None
    user_id: int | None
    username: str | None
    password: str | None
    first_name: str
    last_name: str
    email: str
    job_title: str | None
    unit_id: int
    set_manager: bool
    manager_employee_id: str | None
    level: int = 0

    def values(self) -> tuple[Any, ...]:
        return (
            self.employee_id,
            self.row_number,
            self.person_id,
            self.user_id,
            self.username,
            self.username.lower() if self.username else None,
            self.password,
            self.first_name,
            self.last_name,
            self.email,
            self.email.lower(),
            self.job_title,
            self.unit_id,
            int(self.set_manager),
            self.manager_employee_id,
            self.level,
        )


class Stage:
    """The staged rows on this connection (see `staged`); `columns` maps our column names to
    the file's headers, for the problems `switch` may report."""

    def __init__(self, rows: Sequence[StagedPerson], columns: dict[str, str]) -> None:
        self.rows = rows
        self.columns = columns

    def fill(self) -> None:
        names = ", ".join(COLUMN_NAMES)
        if connection.vendor == "postgresql":
            copy_sql = f"COPY {TABLE} ({names}) FROM STDIN"
            with (
                transaction.atomic(),
                connection.cursor() as cursor,
                cursor.cursor.copy(copy_sql) as copy,
            ):
                for row in self.rows:
                    copy.write_row(row.values())
        else:
            sql = f"INSERT INTO {TABLE} ({names}) VALUES ({', '.join(['%s'] * len(_COLUMNS))})"
            with connection.cursor() as cursor:
                for start in range(0, len(self.rows), BATCH_ROWS):
                    batch = [row.values() for row in self.rows[start : start + BATCH_ROWS]]
                    write_temp_batch(cursor, sql, batch)
        with connection.cursor() as cursor:  # for the switch's joins on usernames and e-mails
            for column in ("username_key", "email_key", "user_id", "level"):
                cursor.execute(f"CREATE INDEX {TABLE}_{column} ON {TABLE} ({column})")
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {TABLE}")  # a temporary table has no statistics

    def switch(self) -> None:
        """Make the staged rows real; call inside the (short) write transaction. Raises
        FormatError, and writes nothing, when the database no longer allows them."""
        with connection.cursor() as cursor:
            self._refuse(_conflicts(cursor))
            _insert_users(cursor)
            _insert_people(cursor)
            _update_changed(cursor)
            if any(row.set_manager for row in self.rows):
                _set_managers(cursor)
            if any(row.set_manager or row.manager_employee_id for row in self.rows):
                set_any = any(row.set_manager for row in self.rows)
                self._refuse(_manager_problems(cursor, set_any))

    def _refuse(self, found: list[tuple[int, str, str, str]]) -> None:
        if found:
            problems = [
                Problem(f"row {number}", self.columns.get(column, column), value, message)
                for number, column, value, message in sorted(found)
            ]
            raise FormatError(problems)


def _table(model: type[Model]) -> str:
    return quote(model._meta.db_table)


def _column(model: type[Model], name: str) -> str:
    return quote(model._meta.get_field(name).column)  # type: ignore[union-attr]


def _conflicts(cursor: Any) -> list[tuple[int, str, str, str]]:
    """(row, column, value, why) for what changed since the file was checked."""
    user, person, unit = _table(get_user_model()), _table(Person), _table(OrgUnit)
    username, email = _column(get_user_model(), "username"), _column(get_user_model(), "email")
    queries = [
        (
            "employee_id",
            "an employee with this id was added while the file was being imported: import it again",
            f"SELECT s.row_number, s.employee_id FROM {TABLE} s JOIN {person} p"
            " ON p.employee_id = s.employee_id WHERE s.person_id IS NULL",
        ),
        (
            "email",
            "an account took this username while the file was being imported: import it again",
            f"SELECT s.row_number, s.email FROM {user} u JOIN {TABLE} s"
            f" ON s.username_key = LOWER(u.{username})",
        ),
        (
            "employee_id",
            CHANGED,
            f"SELECT s.row_number, s.employee_id FROM {TABLE} s"
            f" LEFT JOIN {person} p ON p.id = s.person_id LEFT JOIN {user} u ON u.id = s.user_id"
            " WHERE s.person_id IS NOT NULL AND (p.id IS NULL OR u.id IS NULL"
            " OR p.employee_id <> s.employee_id OR p.user_id <> s.user_id"
            f" OR u.{username} = 'leaver-' || s.employee_id)",
        ),
        (
            "email",
            "this e-mail address was given to another account while the file was being imported",
            f"SELECT s.row_number, s.email FROM {user} u JOIN {TABLE} s"
            f" ON s.email_key = LOWER(u.{email})"
            " WHERE (s.user_id IS NULL OR u.id <> s.user_id)"
            f" AND NOT EXISTS (SELECT 1 FROM {TABLE} o WHERE o.user_id = u.id)",
        ),
        (
            "unit",
            "this unit was deleted while the file was being imported",
            f"SELECT s.row_number, '' FROM {TABLE} s LEFT JOIN {unit} o ON o.id = s.unit_id"
            " WHERE o.id IS NULL",
        ),
    ]
    found = []
    for column, message, sql in queries:
        cursor.execute(sql)
        found += [(number, column, value, message) for number, value in cursor.fetchall()]
    return found


def _insert_select(cursor: Any, model: type[Model], given: dict[str, str], source: str) -> None:
    """INSERT INTO model's table SELECT the `given` expressions (field name → SQL over the
    stage) and, for every other column, the value a new instance has (its default)."""
    template = model()
    others = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in given
    ]
    columns = [_column(model, name) for name in given] + [quote(field.column) for field in others]
    params = [
        field.get_db_prep_save(field.pre_save(template, True), connection) for field in others
    ]
    cursor.execute(
        f"INSERT INTO {_table(model)} ({', '.join(columns)})"
        f" SELECT {', '.join([*given.values(), *(['%s'] * len(others))])} {source}",
        params,
    )


def _insert_users(cursor: Any) -> None:
    fields = ("username", "password", "first_name", "last_name", "email")
    _insert_select(
        cursor,
        get_user_model(),
        {name: f"s.{name}" for name in fields},
        f"FROM {TABLE} s WHERE s.person_id IS NULL ORDER BY s.row_number",
    )


def _insert_people(cursor: Any) -> None:
    user = _table(get_user_model())
    username = _column(get_user_model(), "username")
    person = _table(Person)
    cursor.execute(f"SELECT MAX(level) FROM {TABLE} WHERE person_id IS NULL")
    deepest = cursor.fetchone()[0] or 0
    # Managers before the people below them; the deepest levels in one go, their managers set
    # afterwards by `_set_managers` (their rows have set_manager = 1).
    for level in range(min(deepest, INSERT_LEVELS) + 1):
        _insert_select(
            cursor,
            Person,
            {
                "user": "u.id",
                "employee_id": "s.employee_id",
                "job_title": "COALESCE(s.job_title, '')",
                "unit": "s.unit_id",
                "manager": "m.id",
            },
            f"FROM {TABLE} s JOIN {user} u ON u.{username} = s.username"
            f" LEFT JOIN {person} m ON m.employee_id = s.manager_employee_id"
            f" WHERE s.person_id IS NULL AND s.level {'>=' if level == INSERT_LEVELS else '='}"
            f" {level} ORDER BY s.row_number",
        )


def _update_changed(cursor: Any) -> None:
    """Existing people: the account keeps its username and password. Only rows whose values
    differ are written (a file that changes job titles leaves the accounts alone): each row
    written costs a new row version and index entries on PostgreSQL."""
    user, person = _table(get_user_model()), _table(Person)
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    names = [
        (_column(get_user_model(), name), name) for name in ("first_name", "last_name", "email")
    ]
    cursor.execute(
        f"UPDATE {user} SET {', '.join(f'{column} = s.{name}' for column, name in names)}"
        f" FROM {TABLE} s WHERE {user}.id = s.user_id AND ("
        + " OR ".join(f"{user}.{column} {differs} s.{name}" for column, name in names)
        + ")"
    )
    unit, title = _column(Person, "unit"), _column(Person, "job_title")
    new_title = f"COALESCE(s.job_title, {person}.{title})"
    cursor.execute(
        f"UPDATE {person} SET {unit} = s.unit_id, {title} = {new_title}"
        f" FROM {TABLE} s WHERE {person}.id = s.person_id"
        f" AND ({person}.{unit} {differs} s.unit_id OR {person}.{title} {differs} {new_title})"
    )


def _set_managers(cursor: Any) -> None:
    """Managers last: a manager may be a person this same file creates."""
    person = _table(Person)
    cursor.execute(
        f"UPDATE {person} SET {_column(Person, 'manager')} = (SELECT m.id FROM {person} m"
        " WHERE m.employee_id = s.manager_employee_id)"
        f" FROM {TABLE} s WHERE {person}.employee_id = s.employee_id AND s.set_manager = 1"
    )


def _manager_problems(cursor: Any, any_set: bool) -> list[tuple[int, str, str, str]]:
    """A manager removed meanwhile, or a reporting loop closed by a change made meanwhile
    (looked for when `any_set`: only a manager set by UPDATE can close one; a person inserted
    now manages nobody who existed before)."""
    person = _table(Person)
    manager = _column(Person, "manager")
    cursor.execute(
        f"SELECT s.row_number, s.manager_employee_id FROM {TABLE} s JOIN {person} p"
        " ON p.employee_id = s.employee_id WHERE (s.set_manager = 1 OR s.person_id IS NULL)"
        f" AND s.manager_employee_id IS NOT NULL AND p.{manager} IS NULL"
    )
    gone = "this manager was removed while the file was being imported"
    found = [(n, "manager_employee_id", boss, gone) for n, boss in cursor.fetchall()]
    if not any_set:
        return found
    cursor.execute(f"SELECT id, {manager} FROM {person}")
    manager_of: dict[int, int | None] = dict(cursor.fetchall())
    cursor.execute(
        f"SELECT s.row_number, s.manager_employee_id, p.id FROM {TABLE} s JOIN {person} p"
        " ON p.employee_id = s.employee_id WHERE s.set_manager = 1"
    )
    acyclic: set[int] = set()
    for number, boss, pk in cursor.fetchall():
        if _in_loop(pk, manager_of, acyclic):
            loop = "this manager would close a reporting loop (changed while importing)"
            found.append((number, "manager_employee_id", boss, loop))
    return found


def _in_loop(start: int, manager_of: dict[int, int | None], acyclic: set[int]) -> bool:
    """Whether following managers up from `start` comes back round; people found to lead to
    the top are remembered in `acyclic`, so checking every person costs one pass."""
    path: list[int] = []
    seen: set[int] = set()
    node: int | None = start
    while node is not None and node not in acyclic:
        if node in seen:
            return True
        seen.add(node)
        path.append(node)
        node = manager_of.get(node)
    acyclic.update(path)
    return False


@contextmanager
def staged(rows: Sequence[StagedPerson], columns: dict[str, str]) -> Iterator[Stage]:
    """Stage `rows` in this connection's temporary table, dropped on the way out (also when
    the import fails, and by the database itself if the connection dies)."""
    definition = ", ".join(f"{name} {kind}" for name, kind in _COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(f"CREATE TEMPORARY TABLE {TABLE} ({definition})")
    try:
        stage = Stage(rows, columns)
        stage.fill()
        yield stage
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
