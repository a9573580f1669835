"""Backup and restore of the whole database, in one of three formats told apart by their first
bytes:

- SQLite: a copy made with SQLite's online backup API (consistent while the app runs);
- PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore` in one transaction;
- portable JSON (`--portable`, and PostgreSQL's fallback where `pg_dump` is not installed):
  Django's serialised rows with natural keys plus the applied migrations, restored by
  `loaddata` in one transaction, into either database engine.

Every backup says which migrations its schema had; a restore refuses one whose set differs from
this code's, and refuses a database that already holds data unless forced. The data dir holds
no uploaded files (imports are read and discarded), so the database is everything; the secret
key is not in a backup (keep SKILLFRAME_SECRET_KEY or `<data dir>/secret_key` aside).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
PORTABLE_KIND = "skillframe-backup"
# Rows that are rebuilt by `migrate` (content types, permissions) or are transient (sessions,
# sign-in attempts): not part of a portable backup.
PORTABLE_EXCLUDE = ["contenttypes", "auth.permission", "sessions", "axes"]

Migration = tuple[str, str]


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Outcome:
    kind: str  # "sqlite", "pg_dump" or "portable"
    path: Path
    size: int


def code_migrations() -> set[Migration]:
    """The migrations this code has: the schema a backup must match."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return set(loader.graph.nodes)


def applied_migrations() -> set[Migration]:
    if "django_migrations" not in connection.introspection.table_names():
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        return {(app, name) for app, name in cursor.fetchall()}


def holds_data() -> bool:
    """Whether any table of an installed model (but content types, permissions, sessions and
    sign-in attempts) has a row."""
    tables = set(connection.introspection.table_names())
    skip = {"contenttypes", "sessions", "axes"}
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in skip or meta.label == "auth.Permission" or not meta.managed:
            continue
        if meta.db_table in tables and model._default_manager.exists():
            return True
    return False


def backup(target: Path, portable: bool = False) -> Outcome:
    target = target.expanduser().resolve()
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent} is not a directory")
    if not applied_migrations():
        raise BackupError("the database has no tables yet (run `skillframe migrate` first)")
    # Written beside the target, then renamed: a failed backup never leaves half a file there.
    fd, name = tempfile.mkstemp(prefix=".backup-", dir=target.parent)
    os.close(fd)
    partial = Path(name)  # mkstemp makes it 0600: a backup holds personal data
    try:
        if portable:
            kind = "portable"
            _dump_portable(partial)
        elif connection.vendor == "sqlite":
            kind = "sqlite"
            _backup_sqlite(partial)
        elif connection.vendor == "postgresql" and shutil.which("pg_dump"):
            kind = "pg_dump"
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(partial)])
        else:
            kind = "portable"  # PostgreSQL without its client tools
            _dump_portable(partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return Outcome(kind=kind, path=target, size=target.stat().st_size)


def restore(source: Path, force: bool = False) -> Outcome:
    source = source.expanduser().resolve()
    if not source.is_file():
        raise BackupError(f"{source}: no such file")
    with source.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(SQLITE_MAGIC):
        kind = "sqlite"
        _need_vendor("sqlite", "a SQLite backup", "--portable")
        _check_schema(_sqlite_migrations(source))
        _check_empty(force)
        _restore_sqlite(source)
    elif head.startswith(PGDUMP_MAGIC):
        kind = "pg_dump"
        _need_vendor("postgresql", "a pg_dump backup", "--portable")
        if not shutil.which("pg_restore"):
            raise BackupError("pg_restore is not installed (PostgreSQL client tools)")
        _check_schema(_pgdump_migrations(source))
        _check_empty(force)
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--dbname",
                _pg_environment()["PGDATABASE"],
                str(source),
            ]
        )
    elif head.lstrip().startswith(b"{"):
        kind = "portable"
        _restore_portable(source, force)
    else:
        raise BackupError(f"{source} is not a Skillframe backup (SQLite, pg_dump or portable)")
    return Outcome(kind=kind, path=source, size=source.stat().st_size)


# --- SQLite -----------------------------------------------------------------------------------


def _backup_sqlite(target: Path) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        # Its own uncommitted writes would keep SQLite's backup step waiting for ever.
        raise BackupError("cannot back up inside a transaction")
    with closing(sqlite3.connect(target)) as destination:
        connection.connection.backup(destination)


def _sqlite_migrations(source: Path) -> set[Migration]:
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_db:
            rows = backup_db.execute("SELECT app, name FROM django_migrations").fetchall()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source}: not a readable Skillframe backup ({exc})") from None
    return {(app, name) for app, name in rows}


def _restore_sqlite(source: Path) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("cannot restore inside a transaction")
    # The backup API replaces every page of the live database under SQLite's own lock, so
    # other processes see the old database or the new one, never a mixture.
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_db:
        backup_db.backup(connection.connection)


# --- PostgreSQL -------------------------------------------------------------------------------


def _pg_environment() -> dict[str, str]:
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("NAME", "PGDATABASE"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if settings.get(key):
            env[variable] = str(settings[key])
    return env


def _run(argv: list[str]) -> str:
    done = subprocess.run(argv, env=_pg_environment(), capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{argv[0]} failed: {done.stderr.strip()[:2000]}")
    return done.stdout


def _pgdump_migrations(source: Path) -> set[Migration]:
    if not shutil.which("pg_restore"):
        raise BackupError("pg_restore is not installed (PostgreSQL client tools)")
    script = _run(
        ["pg_restore", "--data-only", "--table", "django_migrations", "--file", "-", str(source)]
    )
    rows: set[Migration] = set()
    copying = False
    for line in script.splitlines():
        if line.startswith("COPY ") and "django_migrations" in line:
            copying = True
        elif copying and line == "\\.":
            break
        elif copying:
            _, app, name, *_ = line.split("\t")
            rows.add((app, name))
    return rows


# --- portable JSON ----------------------------------------------------------------------------


def _dump_portable(target: Path) -> None:
    rows = StringIO()
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        # Every row, also those a default manager leaves out (frameworks' version trees).
        use_base_manager=True,
        exclude=PORTABLE_EXCLUDE,
        stdout=rows,
        verbosity=0,
    )
    envelope = {
        "kind": PORTABLE_KIND,
        "version": 1,
        "engine": connection.vendor,
        "migrations": sorted(applied_migrations()),
        "objects": json.loads(rows.getvalue()),
    }
    target.write_text(json.dumps(envelope), encoding="utf-8")


def _restore_portable(source: Path, force: bool) -> None:
    try:
        envelope = json.loads(source.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{source}: not a readable portable backup ({exc})") from None
    if not isinstance(envelope, dict) or envelope.get("kind") != PORTABLE_KIND:
        raise BackupError(f"{source} is JSON but not a Skillframe backup")
    _check_schema({(app, name) for app, name in envelope.get("migrations", [])})
    call_command("migrate", interactive=False, verbosity=0)  # the tables the rows go into
    _check_empty(force)
    with tempfile.TemporaryDirectory() as folder:
        rows = Path(folder) / "backup.json"  # loaddata needs a file named by its format
        rows.write_text(json.dumps(envelope["objects"]), encoding="utf-8")
        with transaction.atomic():
            if force:
                call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(rows), verbosity=0)


# --- checks -----------------------------------------------------------------------------------


def _need_vendor(vendor: str, what: str, hint: str) -> None:
    if connection.vendor != vendor:
        raise BackupError(
            f"{what} restores only into {vendor}, and this database is {connection.vendor} "
            f"(make a backup with {hint} to move between database engines)"
        )


def _names(migrations: Iterable[Migration]) -> str:
    listed = sorted(f"{app}.{name}" for app, name in migrations)
    more = f" and {len(listed) - 5} more" if len(listed) > 5 else ""
    return ", ".join(listed[:5]) + more


def _check_schema(backed_up: set[Migration]) -> None:
    if not backed_up:
        raise BackupError("the backup records no migrations: not a Skillframe backup")
    code = code_migrations()
    newer = backed_up - code
    older = code - backed_up
    if newer:
        raise BackupError(
            "the backup is from a newer Skillframe: its schema has migrations this version "
            f"lacks ({_names(newer)}); restore it with that version"
        )
    if older:
        raise BackupError(
            "the backup is from an older Skillframe: it lacks migrations of this version "
            f"({_names(older)}); restore it with the version that made it, then upgrade"
        )


def _check_empty(force: bool) -> None:
    if not force and holds_data():
        raise BackupError(
            "the database already holds data; restoring replaces all of it: add --force "
            "(perhaps after `skillframe backup` of what is there)"
        )
