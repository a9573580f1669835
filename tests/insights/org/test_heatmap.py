"""Heatmap figures of the hand-computed organisation (conftest.py), person and unit rows."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from skillframe.insights.org import heatmap, scope
from skillframe.insights.org.columns import role_columns
from skillframe.insights.org.kernel import status

pytestmark = pytest.mark.django_db


def _cells(hm: heatmap.Heatmap) -> dict[str, list[tuple[float | None, bool]]]:
    return {r.employee_id: [(c.value, c.validated) for c in r.cells] for r in hm.people}


def test_person_rows_of_engineering(org: SimpleNamespace) -> None:
    s = scope.resolve(org.hana.user, unit="eng")
    columns = role_columns(org.lead)
    hm = heatmap.build(org.hana.user, s, columns)
    # Columns PPM-PPL (target 3), BACM-SMC (target 3), INSML005 (every item).
    # ann: 3 validated, 2 validated (the manager's 2 wins over her own 4), unit competent → 1.0.
    # ben: 2 self only; 3 validated; one item of ITEMS competent (the other judged not yet).
    # cal: 4 validated (over his own 2); 3 validated; unknown.
    # dan: 2 validated (cal's, over his own 3); 3 self only; unknown. mia: nothing.
    assert _cells(hm) == {
        "E-ann": [(3, True), (2, True), (1.0, True)],
        "E-ben": [(2, False), (3, True), (pytest.approx(1 / org.items), True)],
        "E-cal": [(4, True), (3, True), (None, False)],
        "E-dan": [(2, True), (3, False), (None, False)],
        "E-mia": [(None, False), (None, False), (None, False)],
    }
    ben = next(r for r in hm.people if r.employee_id == "E-ben")
    assert ben.cells[2].missing == org.items - 1
    states = {
        r.employee_id: [status(c, x) for c, x in zip(columns, r.cells, strict=False)]
        for r in hm.people
    }
    assert states["E-ann"] == ["met", "near", "met"]
    assert states["E-ben"] == ["near", "met", "below"]
    assert states["E-dan"] == ["near", "met", "unknown"]


def test_sorted_by_gap(org: SimpleNamespace) -> None:
    s = scope.resolve(org.hana.user, unit="eng")
    options = heatmap.Options(sort="gap")
    hm = heatmap.build(org.hana.user, s, role_columns(org.lead), options=options)
    # Total gaps (levels; a NOS unit: items missing, unknown = 1): mia 3+3+1 = 7;
    # ben 1+0+(ITEMS-1) = ITEMS; dan 1+0+1 = 2; cal 0+0+1 = 1; ann 0+1+0 = 1.
    gaps = {r.employee_id: r.total_gap(hm.columns) for r in hm.people}
    assert gaps == {"E-mia": 7, "E-ben": org.items, "E-dan": 2, "E-cal": 1, "E-ann": 1}
    order = [r.employee_id for r in hm.people]
    assert order[-3:] == ["E-dan", "E-ann", "E-cal"]  # ties by name: Ann before Cal
    assert set(order[:2]) == {"E-ben", "E-mia"}


def test_unit_rows_of_the_organisation(org: SimpleNamespace) -> None:
    s = scope.resolve(org.hana.user, org=True)
    hm = heatmap.build(org.hana.user, s, role_columns(org.lead), by="unit")
    rows = {r.code: r for r in hm.units}
    # Buckets below acme: eng (ann, mia, ben, cal, dan = 5), sales (sam = 1), acme itself (hana).
    assert {code: r.people for code, r in rows.items()} == {"eng": 5, "sales": 1, "acme": 1}
    ppl, smc, ins = rows["eng"].cells
    # PPM-PPL: ann 3, ben 2, cal 4, dan 2 → 2 at target of 5, mia unknown.
    assert (ppl.people, ppl.at_target, ppl.known, ppl.unknown) == (5, 2, 4, 1)
    assert ppl.distribution == {"2": 2, "3": 1, "4": 1}
    assert ppl.validated == 3 and ppl.share_at_target() == pytest.approx(0.4)
    # BACM-SMC: ann 2, ben 3, cal 3, dan 3 (self) → 3 of 5 at target.
    assert (smc.at_target, smc.known, smc.share_at_target()) == (3, 4, pytest.approx(0.6))
    # INSML005: ann all, ben some → 1 of 5.
    assert ins.distribution == {"all": 1, "some": 1} and ins.at_target == 1
    # Sales: sam's own 3 is at target; HR of acme sees the unit of one.
    assert rows["sales"].cells[0].at_target == 1 and not rows["sales"].hidden


def test_small_units_hidden_from_viewers_outside(org: SimpleNamespace, settings) -> None:
    settings.MIN_GROUP_SIZE = 5
    s = scope.resolve(org.mia.user, unit="eng")
    hm = heatmap.build(org.mia.user, s, role_columns(org.lead), by="unit")
    rows = {r.code: r for r in hm.units}
    # mia reaches ann (eng) and ben, cal, dan (platform): platform's 3 < 5 and mia is outside
    # it; eng's own row (ann) is hers.
    assert rows["platform"].hidden and rows["platform"].cells == []
    assert not rows["eng"].hidden and rows["eng"].people == 1
    settings.MIN_GROUP_SIZE = 3
    hm = heatmap.build(org.mia.user, s, role_columns(org.lead), by="unit")
    assert not {r.code: r for r in hm.units}["platform"].hidden


def test_validated_only_and_stale_filters(org: SimpleNamespace) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from skillframe.assessments.ratings import record_rating

    s = scope.resolve(org.hana.user, unit="eng")
    columns = role_columns(org.lead)
    hm = heatmap.build(org.hana.user, s, columns, options=heatmap.Options(validated_only=True))
    cells = _cells(hm)
    # Self-only values drop out: ben's PPM-PPL 2 and dan's BACM-SMC 3.
    assert cells["E-ben"][0] == (None, False) and cells["E-dan"][1] == (None, False)
    assert cells["E-ann"][0] == (3, True)
    past = timezone.localdate() - timedelta(days=1)
    record_rating(
        org.mia.user, org.cal, org.ppl, "manager", level=4, comment="due", next_review_on=past
    )
    hm = heatmap.build(org.hana.user, s, columns, options=heatmap.Options(stale_only=True))
    assert [r.employee_id for r in hm.people] == ["E-cal"]
    assert hm.people[0].cells[0].stale and kernel_text(hm, 0) == "4 stale"


def kernel_text(hm: heatmap.Heatmap, index: int) -> str:
    from skillframe.insights.org.kernel import cell_text

    return cell_text(hm.columns[index], hm.people[0].cells[index])
