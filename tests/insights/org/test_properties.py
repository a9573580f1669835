"""Properties of the unit aggregates (hypothesis): adding a rating at or above the target never
lowers a unit's share at target; moving a person between units moves exactly their counts
(through the SQL of `heatmap.unit_rows`)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillframe.insights.org import heatmap, kernel, scope
from skillframe.insights.org.columns import role_columns
from skillframe.insights.org.kernel import Column

LEVEL = Column(1, "X", "X", "axelos", True, 3)
NOS = Column(2, "U", "U", "nos-ml", False, 1)


def _counts(values: list[float | None]) -> list[tuple[float, int, int]]:
    found: dict[float, int] = {}
    for v in values:
        if v is not None:
            found[v] = found.get(v, 0) + 1
    return [(v, n, 0) for v, n in found.items()]


levels = st.one_of(st.none(), st.integers(1, 5).map(float))
shares = st.one_of(st.none(), st.sampled_from([0.0, 0.25, 0.5, 1.0]))


@given(
    st.lists(levels, min_size=1, max_size=30),
    st.integers(0, 29),
    st.integers(3, 5),
)
def test_a_rating_at_or_above_target_never_lowers_the_share(
    values: list[float | None], index: int, new: int
) -> None:
    before = kernel.group_cell(LEVEL, len(values), _counts(values)).share_at_target()
    changed = list(values)
    changed[index % len(values)] = float(new)
    after = kernel.group_cell(LEVEL, len(values), _counts(changed)).share_at_target()
    assert after is not None and before is not None and after >= before


@given(st.lists(shares, min_size=1, max_size=30), st.integers(0, 29))
def test_a_nos_unit_fully_competent_never_lowers_the_share(
    values: list[float | None], index: int
) -> None:
    before = kernel.group_cell(NOS, len(values), _counts(values)).share_at_target()
    changed = list(values)
    changed[index % len(values)] = 1.0
    after = kernel.group_cell(NOS, len(values), _counts(changed)).share_at_target()
    assert after is not None and before is not None and after >= before


def _by_unit(org: SimpleNamespace) -> dict[str, heatmap.UnitRow]:
    s = scope.resolve(org.hana.user, org=True)
    return {
        r.code: r for r in heatmap.unit_rows(None, s, role_columns(org.lead), heatmap.Options())
    }


@pytest.mark.django_db
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    who=st.sampled_from(["ann", "ben", "cal", "dan", "sam", "mia"]),
    to=st.sampled_from(["eng", "platform", "sales", "acme"]),
)
def test_moving_a_person_moves_exactly_their_counts(
    org: SimpleNamespace, who: str, to: str
) -> None:
    person = getattr(org, who)
    home = person.unit
    before = _by_unit(org)
    cells = heatmap.person_rows(
        scope.resolve(org.hana.user, org=True), role_columns(org.lead), heatmap.Options()
    )
    mine = next(r for r in cells if r.employee_id == person.employee_id).cells
    bucket = {"eng": "eng", "platform": "eng", "sales": "sales", "acme": "acme"}
    source, target = bucket[home.code], bucket[to]
    person.unit = getattr(org, to)
    person.save()
    try:
        after = _by_unit(org)
    finally:
        person.unit = home
        person.save()
    columns = role_columns(org.lead)
    for code in set(before) | set(after):
        delta = (code == target) - (code == source)
        old = before.get(code)
        new = after.get(code)
        assert (new.people if new else 0) == (old.people if old else 0) + delta
        for i, column in enumerate(columns):
            o = old.cells[i] if old else kernel.GroupCell(0)
            n = new.cells[i] if new else kernel.GroupCell(0)
            value = mine[i].value
            moved_known = delta * (value is not None)
            assert n.known == o.known + moved_known
            assert n.at_target == o.at_target + delta * kernel.at_target(column, value)
            if value is not None:
                band = kernel.band(
                    column,
                    value
                    if column.by_level
                    else (1.0 if value >= 1 else 0.0 if value <= 0 else 0.5),
                )
                assert n.distribution.get(band, 0) == o.distribution.get(band, 0) + delta
