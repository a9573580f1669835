"""`skillframe tokens list USER --format table|json|csv`."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

from django.core.management import call_command

from skillframe.api.models import ApiToken


def run(*args: str) -> str:
    out = StringIO()
    call_command("tokens", *args, stdout=out)
    return out.getvalue()


def test_list_in_every_format(personas: Any) -> None:
    assert run("list", "alice").strip() == "No tokens."
    token, _ = ApiToken.issue(personas.alice.user, "ci")
    old, _ = ApiToken.issue(personas.alice.user, "old")
    old.revoke()
    rows = json.loads(run("list", "alice", "--format", "json"))
    assert sorted((r["name"], r["state"]) for r in rows) == [("ci", "active"), ("old", "revoked")]
    lines = run("list", "alice", "--format", "csv").splitlines()
    assert lines[0] == "id,name,state,created" and len(lines) == 3
    table = run("list", "alice").splitlines()
    assert table[0].split() == ["ID", "NAME", "STATE", "CREATED"]
    assert any(line.split()[:3] == [str(token.pk), "ci", "active"] for line in table[1:])
