"""`skillframe quality plan|draw|list|export|assurers`."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from skillframe.quality.models import Assurer, Draw, SamplingPlan
from tests.quality.helpers import decide, items

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("quality", *args, stdout=out)
    return out.getvalue()


def test_plan_draw_list_export(personas: Any, tmp_path: Path) -> None:
    decide(personas.dave, personas.alice, items("INSML005", 10))
    created = run(
        "plan", "create", "Assessors", "--kind", "assessor", "--unit", "org", "--as", "iris"
    )
    plan = SamplingPlan.objects.get()
    assert created == f"Created sampling plan {plan.pk}: Assessors\n"
    assert plan.created_by == personas.iris.user
    run("plan", "rule", str(plan.pk), "--rater", "dave", "--rate", "30", "--as", "iris")
    assert f"{plan.pk}\tassessor\torg\t10%\t0 sampled, 0 reviewed\tAssessors" in run("plan", "list")
    today = timezone.localdate().isoformat()
    drawn = run("draw", str(plan.pk), "--from", today, "--to", today, "--seed", "8")
    draw = Draw.objects.get()
    assert drawn.splitlines() == [
        f"Draw {draw.pk} of plan {plan.pk}: 5 of 10 decisions sampled (seed 8, 1 strata)",
        "  dave\tINSML005\t5 of 10 at 50% (new assessor: 0 decisions before the period)",
    ]
    listed = run("list", "--pending").splitlines()
    assert len(listed) == 5 and all(line.endswith("\tE-alice\tdave\tpending") for line in listed)
    out = tmp_path / "records.csv"
    run("export", "--plan", str(plan.pk), "-o", str(out))
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 and {r["seed"] for r in rows} == {"8"}
    # The same seed over the same decisions (a fresh plan) draws the same ones.
    run("plan", "create", "Again", "--kind", "assessor", "--unit", "org")
    again = SamplingPlan.objects.get(name="Again")
    run("draw", str(again.pk), "--from", today, "--to", today, "--seed", "8")
    first, second = (
        sorted(d.samples.values_list("rating_id", flat=True)) for d in Draw.objects.order_by("pk")
    )
    assert first == second


def test_bad_input_is_refused_and_changes_nothing(personas: Any) -> None:
    with pytest.raises(CommandError, match="--unit 'nowhere': no unit"):
        run("plan", "create", "X", "--kind", "assessor", "--unit", "nowhere")
    with pytest.raises(CommandError, match="base_rate: the rate is a whole percentage"):
        run("plan", "create", "X", "--kind", "assessor", "--unit", "org", "--rate", "0")
    with pytest.raises(CommandError, match="refused"):
        run("plan", "create", "X", "--kind", "manager", "--unit", "org", "--as", "iris")
    assert not SamplingPlan.objects.exists()
    run("plan", "create", "X", "--kind", "assessor", "--unit", "org")
    plan = SamplingPlan.objects.get()
    with pytest.raises(CommandError, match="--from '2026-13-01' is not a date"):
        run("draw", str(plan.pk), "--from", "2026-13-01", "--to", "2026-12-31")
    with pytest.raises(CommandError, match="ends_on: the period ends before it starts"):
        run("draw", str(plan.pk), "--from", "2026-12-31", "--to", "2026-01-01")
    with pytest.raises(CommandError, match="no sampling plan 999"):
        run("draw", "999", "--from", "2026-01-01", "--to", "2026-01-02")
    assert not Draw.objects.exists()


def test_assurers(personas: Any) -> None:
    assert run("assurers", "list") == "iris\tIris Irving\n"
    assert run("assurers", "add", "carol") == "carol is an internal quality assurer\n"
    run("assurers", "remove", "iris")
    assert list(Assurer.objects.values_list("person__user__username", flat=True)) == ["carol"]
    with pytest.raises(CommandError, match="no person with the username 'zed'"):
        run("assurers", "add", "zed")
