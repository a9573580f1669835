"""`skillframe people create`: the HR page's form and `records.create_person`, its HR scope,
its one-line errors and exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillframe.audit.models import AuditEvent
from skillframe.people.models import Person

SKILLFRAME = Path(sys.executable).parent / "skillframe"
NEW = ("E-zoe", "--first-name", "Zoe", "--last-name", "Zhang", "--email", "zoe@example.org",
       "--unit", "delivery", "--manager", "E-bob", "--current-role", "project-manager")  # fmt: skip


def run(*args: str) -> str:
    out = StringIO()
    call_command("people", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_hr_creates_a_person_with_an_account(personas: Any) -> None:
    shown = json.loads(run("create", *NEW, "--job-title", "Analyst", "--as", "carol",
                           "--format", "json"))  # fmt: skip
    assert shown["employee_id"] == "E-zoe" and shown["unit"] == "delivery"
    assert (shown["manager"], shown["current_role"], shown["job_title"]) == (
        "E-bob",
        "project-manager",
        "Analyst",
    )
    zoe = Person.objects.select_related("user").get(employee_id="E-zoe")
    assert zoe.user.username == shown["username"] and not zoe.user.has_usable_password()
    event = AuditEvent.objects.get(action="person.create")
    assert event.actor == personas.carol.user
    table = run("show", "E-zoe", "--as", "bob")  # her manager sees her
    assert "zoe@example.org" in table


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((*NEW, "--as", "alice"), "'alice' is not an HR admin"),
        (NEW, "Error: the following arguments are required: --as"),
        ((*NEW[:-6], "--unit", "nowhere", "--as", "carol"),
         "unit: Choose a unit you administer as HR admin."),
        (("E-bob", *NEW[1:], "--as", "carol"),
         "employee_id: A person with this employee ID exists already."),
        ((*NEW[:-4], "--manager", "E-nobody", "--as", "carol"),
         "manager: No person has the employee ID 'E-nobody'."),
        ((*NEW[:5], "--email", "alice@example.org", *NEW[7:], "--as", "carol"),
         "email: This e-mail address belongs to another account."),
    ],
)  # fmt: skip
def test_refusals_name_the_field_and_change_nothing(
    personas: Any, args: tuple[str, ...], message: str
) -> None:
    before = Person.objects.count()
    with pytest.raises(CommandError) as refused:
        run("create", *args)
    assert str(refused.value) == message
    assert Person.objects.count() == before and not AuditEvent.objects.exists()


def test_an_hr_admin_creates_only_in_their_scope(personas: Any) -> None:
    personas.eve.hr_units.add(personas.operations)  # Eve administers Operations only
    with pytest.raises(CommandError, match="unit: Choose a unit you administer as HR admin"):
        run("create", *NEW, "--as", "eve")
    out = run("create", "E-yan", "--first-name", "Yan", "--email", "yan@example.org",
              "--unit", "operations", "--as", "eve")  # fmt: skip
    assert out.splitlines()[0].split() == ["employee_id", "E-yan"]
    assert Person.objects.get(employee_id="E-yan").unit == personas.operations


def test_console_script_refusal_is_one_line_exit_1(cli_env: dict[str, str]) -> None:
    done = subprocess.run(
        [SKILLFRAME, "people", "create", *NEW, "--as", "nobody"],
        env=cli_env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "CommandError: --as: no user named 'nobody'"
