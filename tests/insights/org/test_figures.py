"""Bench strength, single points of failure, inventory search and calibration of the
hand-computed organisation (conftest.py): every figure worked out by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from skillframe.insights.org import bench, kernel, scope, search
from skillframe.insights.org.calibration_data import calibration

pytestmark = pytest.mark.django_db


def test_bench_for_head_of_engineering(org: SimpleNamespace) -> None:
    s = scope.resolve(org.hana.user, org=True)
    # head: PPM-PPL 4, BACM-SMC 3; nobody holds it, so all seven people are candidates.
    # cal: 4 and 3 → 2 of 2, ready now. ann: 3 (one short) and 2 (one short) → 0 met, 2 near:
    # ready within one level. ben: 2 (two short), 3 → 1 met. dan: 2, 3 (self) → 1 met.
    # hana, mia, sam (3: one short; BACM unknown) → later.
    found = {c.employee_id: (c.met, c.near) for c in bench.candidates(s, org.head)}
    assert found == {
        "E-cal": (2, 0),
        "E-ann": (0, 2),
        "E-ben": (1, 0),
        "E-dan": (1, 0),
        "E-sam": (0, 1),
        "E-hana": (0, 0),
        "E-mia": (0, 0),
    }
    ranked = [c.employee_id for c in bench.candidates(s, org.head)]
    assert ranked[0] == "E-cal"
    state = {c.employee_id: c.readiness(0.8) for c in bench.candidates(s, org.head)}
    assert state["E-cal"] == "now" and state["E-ann"] == "one level"
    assert state["E-ben"] == "later" and state["E-sam"] == "later"
    b = {r.role.code: r for r in bench.bench_by_role(s)}
    # Roles held in the organisation: dev-lead only (six holders). Its candidates: hana alone.
    assert set(b) == {"dev-lead"} and b["dev-lead"].holders == 6
    assert (b["dev-lead"].bench.ready_now, b["dev-lead"].bench.people) == (0, 1)
    assert b["dev-lead"].bench.nobody


def test_single_points_of_failure_in_engineering(org: SimpleNamespace) -> None:
    s = scope.resolve(org.hana.user, unit="eng")
    # dev-lead's requirements, held at target in eng: PPM-PPL ≥ 3 by ann and cal (2),
    # BACM-SMC ≥ 3 by ben, cal, dan (3), INSML005 fully by ann only → the one SPOF.
    spofs = bench.single_points(s)
    assert [(x.code, x.holders, x.holder_employee_id) for x in spofs] == [("INSML005", 1, "E-ann")]
    # In platform (ben, cal, dan) nobody holds INSML005; PPM-PPL ≥ 3 only cal.
    spofs = bench.single_points(scope.resolve(org.hana.user, unit="platform"))
    assert [(x.code, x.holders, x.holder_employee_id) for x in spofs] == [
        ("INSML005", 0, ""),
        ("PPM-PPL", 1, "E-cal"),
    ]


def test_who_has_ppl_at_3_validated(org: SimpleNamespace) -> None:
    s = scope.resolve(org.hana.user, org=True)
    found = search.who(s, search.parse("PPM-PPL>=3"))
    # Validated PPM-PPL: ann 3, cal 4, ben none (self), dan 2, sam none (self) → cal (one
    # level above), then ann.
    assert [(m.employee_id, m.surplus) for m in found] == [("E-cal", 1.0), ("E-ann", 0.0)]
    found = search.who(s, search.parse("PPM-PPL >= 3, BACM-SMC>=3"), validated_only=False)
    # Best values: cal 4 & 3 (both), ann 3 & 2, ben 2 & 3, dan 2 & 3 (self), sam 3 (self):
    # one each; ties by validated evidence (ann's 3 and ben's 3 are validated), then name.
    assert [(m.employee_id, m.met, m.validated) for m in found] == [
        ("E-cal", 2, 2), ("E-ann", 1, 1), ("E-ben", 1, 1), ("E-dan", 1, 0), ("E-sam", 1, 0)
    ]  # fmt: skip
    found = search.who(s, search.parse("INSML005"))
    assert [m.employee_id for m in found] == ["E-ann"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("PPM-PPL", "rated by level"),
        ("NOPE>=2", "NOPE"),
        ("PPM-PPL>=x", "not CODE>=LEVEL"),
        ("", "at least one"),
    ],
)
def test_bad_queries_name_the_part(org: SimpleNamespace, text: str, message: str) -> None:
    s = scope.resolve(org.hana.user, org=True)
    with pytest.raises(ValidationError, match=message):
        search.who(s, search.parse(text))


def test_calibration_of_mia_and_cal(org: SimpleNamespace) -> None:
    s = scope.resolve(org.hana.user, org=True)
    view = calibration(org.hana.user, s)
    raters = {r.key: r for r in view.raters}
    # mia − self: ann PPM 3−3 = 0, ann BACM 2−4 = −2, ben BACM 3−3 = 0, cal PPM 4−2 = +2
    # (cal's BACM has no self rating). n 4, mean 0, spread √((0+4+0+4)/3) = 1.633,
    # 95 % interval 0 ± t(3) 3.182 × 1.633 / 2 = ±2.598; too few for a flag.
    mia = raters["mia"]
    assert (mia.n, mia.mean) == (4, 0.0)
    assert mia.spread == pytest.approx(1.633, abs=1e-3)
    assert (mia.low, mia.high) == (pytest.approx(-2.598, abs=1e-3), pytest.approx(2.598, abs=1e-3))
    assert mia.flag == ""
    # cal − dan's own: 2 − 3 = −1, n 1: no spread, no interval.
    cal = raters["cal"]
    assert (cal.n, cal.mean, cal.spread, cal.low) == (1, -1.0, None, None)
    # By the rated person's unit: eng (ann: 0, −2), platform (ben 0, cal +2, dan −1).
    units = {u.key: u for u in view.units}
    assert (units["eng"].n, units["eng"].mean) == (2, -1.0)
    assert (units["platform"].n, units["platform"].mean) == (3, pytest.approx(1 / 3))


def test_a_manager_sees_only_their_own_calibration(org: SimpleNamespace) -> None:
    s = scope.resolve(org.mia.user, org=True)
    view = calibration(org.mia.user, s)
    assert [r.key for r in view.raters] == ["mia"] and view.units == []
    view = calibration(org.cal.user, scope.resolve(org.cal.user, org=True))
    assert [r.key for r in view.raters] == ["cal"]


def test_bench_counted_in_sql_agrees_with_the_candidates(org: SimpleNamespace) -> None:
    org.hana.current_role = org.head
    org.hana.save()
    s = scope.resolve(org.hana.user, org=True)
    by_role = {b.role.code: b for b in bench.bench_by_role(s)}
    # head's candidates: everyone but hana (6): cal ready now, ann within one level.
    assert by_role["head"].holders == 1
    assert by_role["head"].bench == kernel.bench(bench.candidates(s, org.head), 0.8)
    assert (by_role["head"].bench.ready_now, by_role["head"].bench.one_level) == (1, 1)
    for threshold in (0.5, 1.0):
        counted = {b.role.code: b.bench for b in bench.bench_by_role(s, threshold)}
        for role in (org.head, org.lead):
            assert counted[role.code] == kernel.bench(bench.candidates(s, role), threshold)
