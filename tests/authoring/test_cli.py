"""`skillframe versions …` and `skillframe frameworks diff` on the small framework, in-process;
and `frameworks diff` as the real console script."""

from __future__ import annotations

import json
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillframe.frameworks.models import Framework
from tests.authoring.small import build
from tests.console import SKILLFRAME

pytestmark = pytest.mark.django_db


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_the_versions_commands(tmp_path: Path) -> None:
    build()
    assert "draft of version 2 started; 6 mapping suggestion(s)" in run("versions", "draft", "mini")
    with pytest.raises(CommandError, match="already has a draft"):
        run("versions", "draft", "mini")
    impact = json.loads(run("versions", "impact", "mini", "--format", "json"))
    assert impact["counts"] == {"added": 0, "removed": 0, "moved": 0, "reworded": 0}
    assert impact["blockers"] == ["6 suggested mapping(s) are undecided: confirm or reject them"]
    assert run("versions", "confirm-all", "mini").strip() == "6 suggestion(s) confirmed"
    with pytest.raises(CommandError, match="not confirmed"):
        run("versions", "publish", "mini")
    assert Framework.objects.get(slug="mini").edition == 1
    out = run("versions", "publish", "mini", "--yes", "--notes", "Same again")
    assert "version 2 published; 3 rating(s) carried, 1 requirement(s)" in out
    listing = json.loads(run("versions", "list", "mini", "--format", "json"))
    assert [v["version"] for v in listing["versions"]] == [2, 1]
    assert listing["versions"][0]["notes"] == "Same again"
    # Export an older version; load a newer edition from a file as the draft.
    exported = tmp_path / "v1.json"
    call_command(
        "frameworks", "export", "mini", "--version", "1", "--format", "case", "-o", str(exported)
    )
    assert json.loads(exported.read_text())["CFDocument"]["version"] == "1"
    assert "draft of version 3" in run(
        "versions", "import", str(exported), "--format", "case", "--slug", "mini"
    )
    table = run("frameworks", "diff", "mini", "--from", "1", "--to", "draft")
    assert table.splitlines()[0] == "mini 1 -> 3: 0 added, 0 removed, 0 moved, 0 reworded"
    with pytest.raises(CommandError, match="has no published version 7"):
        run("frameworks", "diff", "mini", "--from", "7", "--to", "2")
    assert "acme: derived from mini version 2" in run("versions", "tailor", "mini", "acme")
    # The draft of version 3 can be thrown away (with --yes), leaving the versions as they were.
    with pytest.raises(CommandError, match="not confirmed"):
        run("versions", "discard", "mini")
    assert "mini: draft 3 discarded (6 elements)" in run("versions", "discard", "mini", "--yes")
    assert not Framework.everything.filter(edition_status="draft").exists()
    assert Framework.objects.get(slug="mini").edition == 2


def test_diff_json_and_table_by_hand() -> None:
    build()
    run("versions", "draft", "mini")
    draft = Framework.everything.get(slug="mini--v2")
    from skillframe.authoring import editing

    editing.edit_element(draft, "SK2", title="Manage risks", statement="Identify and manage risk")
    editing.retire_element(draft, "SK1.L3.1")
    diff = json.loads(
        run("frameworks", "diff", "mini", "--from", "1", "--to", "draft", "--format", "json")
    )
    assert diff["counts"] == {"added": 0, "removed": 1, "moved": 0, "reworded": 1}
    sk2 = next(e for e in diff["elements"] if e["code"] == "SK2")
    assert sk2["title"] == [["equal", "Manage"], ["delete", "risk"], ["insert", "risks"]]
    table = run("frameworks", "diff", "mini", "--from", "1", "--to", "draft").splitlines()
    assert table[1].split(None, 2)[:2] == ["reworded", "SK2"]
    assert "Manage [-risk-] {+risks+}" in table[1]
    assert table[2].split(None, 2)[:2] == ["removed", "SK1.L3.1"]


def test_the_console_script(cli_env: dict[str, str]) -> None:
    subprocess.run(
        [SKILLFRAME, "frameworks", "load-seeds", "--only", "axelos"],
        env=cli_env,
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        [
            SKILLFRAME,
            "frameworks",
            "diff",
            "axelos",
            "--from",
            "1",
            "--to",
            "1",
            "--format",
            "json",
        ],
        env=cli_env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counts"] == {
        "added": 0,
        "removed": 0,
        "moved": 0,
        "reworded": 0,
    }
    refused = subprocess.run(
        [SKILLFRAME, "versions", "publish", "axelos"], env=cli_env, capture_output=True, text=True
    )
    assert refused.returncode == 1 and "has no draft" in refused.stderr
