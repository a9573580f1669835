"""`skillframe backup` / `restore` (issue 10 part 8): round trips on the suite's database engine
(run the suite with SKILLFRAME_DATABASE_URL for PostgreSQL), in the native format and the
portable one, with ratings and plans intact; refusals with clear messages."""

from __future__ import annotations

import json
import stat
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from skillframe.assessments.models import Rating, Source
from skillframe.development.models import Objective, Plan
from skillframe.frameworks.models import Element
from skillframe.ops import backup as ops
from tests.console import SKILLFRAME, cli_environment, copy_database


def make_history(personas: Any) -> dict[str, Any]:
    element = Element.objects.get(code="PPM-PPL")
    Rating.objects.create(
        person=personas.alice,
        element=element,
        level=3,
        source=Source.SELF,
        rater=personas.alice.user,
        comment="I ran the Archer family project",
    )
    Rating.objects.create(
        person=personas.alice,
        element=element,
        level=2,
        source=Source.MANAGER,
        rater=personas.bob.user,
        comment="Agreed at level 2 for now",
    )
    plan = Plan.objects.create(person=personas.alice, title="Grow into team leadership")
    Objective.objects.create(
        plan=plan,
        element=element,
        target_level=3,
        measure="Plan a release alone",
        due_on=timezone.localdate() + timedelta(days=60),
    )
    return snapshot()


def snapshot() -> dict[str, Any]:
    return {
        "ratings": sorted(
            Rating.objects.values_list("person__employee_id", "element__code", "level", "comment")
        ),
        "plans": sorted(Plan.objects.values_list("person__employee_id", "title", "status")),
        "objectives": sorted(Objective.objects.values_list("plan__title", "measure")),
        "frameworks": Element.objects.count(),
    }


def wipe() -> None:
    call_command("flush", interactive=False, verbosity=0)
    assert not ops.holds_data()


@pytest.mark.django_db(transaction=True)
def test_native_round_trip_keeps_ratings_and_plans(personas: Any, tmp_path: Path) -> None:
    before = make_history(personas)
    file = tmp_path / "skillframe.backup"
    outcome = ops.backup(file)
    expected = "sqlite" if connection.vendor == "sqlite" else "pg_dump"
    assert outcome.kind == expected and outcome.size > 0
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # it holds personal data
    wipe()
    ops.restore(file)
    assert snapshot() == before
    assert len(before["ratings"]) == 2 and before["frameworks"] > 1000


@pytest.mark.django_db(transaction=True)
def test_portable_round_trip_and_force(personas: Any, tmp_path: Path) -> None:
    before = make_history(personas)
    file = tmp_path / "portable.json"
    out = call_command_output("backup", str(file), "--portable")
    assert "portable" in out
    envelope = json.loads(file.read_text())
    assert envelope["kind"] == "skillframe-backup" and envelope["migrations"]
    Rating.objects.create(
        person=personas.bob, element=Element.objects.get(code="LP-LTW"), level=1, source="self"
    )
    with pytest.raises(CommandError, match=r"already holds data.*--force"):
        call_command("restore", str(file))
    assert Rating.objects.count() == 3  # the refusal changed nothing
    call_command_output("restore", str(file), "--force")
    assert snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_native_restore_refuses_a_database_with_data(personas: Any, tmp_path: Path) -> None:
    file = tmp_path / "skillframe.backup"
    ops.backup(file)
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(file))
    make_history(personas)
    call_command_output("restore", str(file), "--force")
    assert Rating.objects.count() == 0  # the backup was made before the ratings


@pytest.mark.django_db(transaction=True)
def test_without_pg_dump_postgresql_falls_back_to_portable(
    personas: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_history(personas)
    monkeypatch.setattr(ops.shutil, "which", lambda name: None)
    outcome = ops.backup(tmp_path / "site.backup")
    assert outcome.kind == ("sqlite" if connection.vendor == "sqlite" else "portable")
    if outcome.kind == "portable":
        rows = json.loads(outcome.path.read_text())["objects"]
        assert sum(row["model"] == "assessments.rating" for row in rows) == 2


def call_command_output(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def portable_with(migrations: list[list[str]], tmp_path: Path) -> Path:
    file = tmp_path / "crafted.json"
    envelope = {"kind": "skillframe-backup", "version": 1, "migrations": migrations}
    file.write_text(json.dumps({**envelope, "objects": []}))
    return file


def test_restore_checks_the_schema_version(db: None, tmp_path: Path) -> None:
    code = sorted([app, name] for app, name in ops.code_migrations())
    newer = portable_with([*code, ["people", "9999_from_the_future"]], tmp_path)
    with pytest.raises(CommandError, match=r"newer Skillframe.*people\.9999_from_the_future"):
        call_command("restore", str(newer))
    older = portable_with(code[1:], tmp_path)
    with pytest.raises(CommandError, match="older Skillframe"):
        call_command("restore", str(older))


def test_restore_refuses_what_is_not_a_backup(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing"))
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(CommandError, match="not a Skillframe backup"):
        call_command("restore", str(text))
    other_json = tmp_path / "other.json"
    other_json.write_text('{"a": 1}')
    with pytest.raises(CommandError, match="JSON but not a Skillframe backup"):
        call_command("restore", str(other_json))


def test_a_native_backup_restores_only_into_its_engine(db: None, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.backup"
    if connection.vendor == "sqlite":
        foreign.write_bytes(b"PGDMP" + b"\0" * 100)
        message = "pg_dump backup restores only into postgresql"
    else:
        foreign.write_bytes(b"SQLite format 3\x00" + b"\0" * 100)
        message = "SQLite backup restores only into sqlite"
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(foreign))


def test_console_round_trip_on_sqlite_files(
    cli_env: dict[str, str], migrated_sqlite: Path, tmp_path: Path
) -> None:
    """The real commands on a SQLite file in a data dir, into a fresh data dir."""
    env = dict(cli_env, DJANGO_SUPERUSER_PASSWORD="a-long-enough-passphrase")
    subprocess.run(
        [SKILLFRAME, "createsuperuser", "--noinput", "--username", "root", "--email", "r@x.org"],
        env=env,
        check=True,
        capture_output=True,
    )
    file = tmp_path / "site.backup"
    made = subprocess.run(
        [SKILLFRAME, "backup", str(file)], env=env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    assert "(sqlite," in made.stdout
    fresh = tmp_path / "fresh"
    copy_database(migrated_sqlite, fresh)
    fresh_env = cli_environment(fresh)
    restored = subprocess.run(
        [SKILLFRAME, "restore", str(file)], env=fresh_env, capture_output=True, text=True
    )
    assert restored.returncode == 0, restored.stderr
    users = subprocess.run(
        [
            SKILLFRAME,
            "shell",
            "-c",
            "from django.contrib.auth.models import User; "
            "print(list(User.objects.values_list('username', flat=True)))",
        ],
        env=fresh_env,
        capture_output=True,
        text=True,
    )
    assert "['root']" in users.stdout
    again = subprocess.run(
        [SKILLFRAME, "restore", str(file)], env=fresh_env, capture_output=True, text=True
    )
    assert again.returncode != 0
    assert "already holds data" in again.stderr and "Traceback" not in again.stderr
