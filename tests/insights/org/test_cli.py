"""`skillframe insights heatmap|who|bench|calibration|trends` on the hand-computed organisation."""

from __future__ import annotations

import csv
import json
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("insights", *args, stdout=out)
    return out.getvalue()


def test_heatmap_csv_by_person(org: SimpleNamespace) -> None:
    rows = list(
        csv.reader(
            StringIO(run("heatmap", "--unit", "eng", "--role", "dev-lead", "--format", "csv"))
        )
    )
    assert rows[0] == ["employee_id", "name", "unit", "PPM-PPL", "BACM-SMC", "INSML005"]
    body = {r[0]: r[3:] for r in rows[1:]}
    # Validated, else self, else empty; NOS: share of items competent.
    assert body["E-ann"] == ["3", "2", "1"]
    assert body["E-ben"][:2] == ["2", "3"] and float(body["E-ben"][2]) == pytest.approx(
        1 / org.items, rel=1e-3
    )
    assert body["E-cal"] == ["4", "3", ""]
    assert body["E-dan"] == ["2", "3", ""]
    assert body["E-mia"] == ["", "", ""]


def test_heatmap_csv_by_unit_and_elements(org: SimpleNamespace) -> None:
    text = run(
        "heatmap", "--org", "--elements", "PPM-PPL,BACM-SMC", "--by", "unit", "--format", "csv"
    )
    rows = {r[0]: r for r in csv.reader(StringIO(text))}
    # eng: PPM-PPL 3, 2, 4, 2 → mean 2.75; BACM-SMC 2, 3, 3, 3 → 2.75. sales: sam's 3.
    assert rows["eng"] == ["eng", "Engineering", "5", "2.75", "2.75"]
    assert rows["sales"] == ["sales", "Sales", "1", "3.00", ""]


def test_heatmap_json_by_manager(org: SimpleNamespace) -> None:
    body = json.loads(run("heatmap", "--manager", "E-cal", "--format", "json"))
    # cal's reporting subtree is dan; the default columns are the role most of it holds.
    assert [p["employee_id"] for p in body["people"]] == ["E-dan"]
    assert [c["code"] for c in body["columns"]] == ["PPM-PPL", "BACM-SMC", "INSML005"]
    assert body["people"][0]["cells"][0] == {
        "value": 2,
        "validated": True,
        "stale": False,
        "status": "near",
    }


def test_heatmap_of_a_framework(org: SimpleNamespace) -> None:
    body = json.loads(
        run("heatmap", "--unit", "platform", "--framework", "nos-ml", "--format", "json")
    )
    # Every NOS unit INSML001…INSML058 in order; ben's INSML005 share from his two items.
    assert [c["code"] for c in body["columns"]][:2] == ["INSML001", "INSML002"]
    assert len(body["columns"]) == 58 and not any(c["by_level"] for c in body["columns"])
    ben = next(p for p in body["people"] if p["employee_id"] == "E-ben")
    assert ben["cells"][4]["value"] == pytest.approx(1 / org.items)
    with pytest.raises(CommandError, match="--framework: no framework 'nope'"):
        run("heatmap", "--org", "--framework", "nope", "--format", "csv")


def test_who(org: SimpleNamespace) -> None:
    lines = run("who", "PPM-PPL>=3").splitlines()
    assert lines[0].split() == ["EMPLOYEE_ID", "NAME", "UNIT", "MET", "PPM-PPL>=3"]
    assert [line.split()[0] for line in lines[1:]] == ["E-cal", "E-ann"]
    found = json.loads(run("who", "PPM-PPL>=3", "BACM-SMC>=3", "--any-source", "--format", "json"))
    assert found[0]["employee_id"] == "E-cal" and found[0]["met"] == 2


def test_bench_calibration_trends(org: SimpleNamespace) -> None:
    body = json.loads(run("bench", "--unit", "eng", "--role", "head"))
    assert body["single_points_of_failure"] == [
        {"code": "INSML005", "target": None, "holders": 1, "holder": "E-ann"}
    ]
    assert body["succession"][0]["employee_id"] == "E-cal"
    cal = json.loads(run("calibration"))
    assert {r["key"]: r["n"] for r in cal["raters"]} == {"mia": 4, "cal": 1}
    trends = json.loads(run("trends", "--org", "--role", "dev-lead"))
    assert [e["code"] for e in trends["elements"]] == ["PPM-PPL", "BACM-SMC", "INSML005"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("heatmap", "--unit", "nope", "--format", "csv"), "no such unit"),
        (("heatmap", "--org", "--role", "nope", "--format", "csv"), "--role: no role profile"),
        (("heatmap", "--org", "--elements", "NOPE", "--format", "csv"), "--elements: NOPE"),
        (("who", "PPM-PPL"), "--query: PPM-PPL is rated by level"),
        (("bench", "--org", "--threshold", "2"), "--threshold"),
    ],
)
def test_bad_input_names_the_option(
    org: SimpleNamespace, args: tuple[str, ...], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)
