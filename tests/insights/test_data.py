"""The database adapter: observations, goals, interests, and a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest

from skillframe.insights import data
from skillframe.insights.models import PriorityWeightSettings
from skillframe.people.models import RoleProfile
from tests.insights.helpers import TODAY, el, rate_alice

pytestmark = pytest.mark.django_db


def test_alice_gaps_against_her_current_and_target_roles(
    personas: Any, django_assert_num_queries: Any
) -> None:
    rate_alice(personas)
    with django_assert_num_queries(7):
        result = data.person_insights(personas.alice, TODAY)
    ppl, smc, ltw = result.current.gaps
    assert (ppl.current, ppl.status, ppl.gap, ppl.stale) == (2, "validated", 1.0, True)
    assert (smc.current, smc.status, smc.above, smc.met) == (4, "unvalidated", 1, True)
    assert (ltw.current, ltw.status, ltw.gap) == (None, "unknown", 3.0)
    # (2/3 + 1 + 0) / 3
    assert result.current.role_fit == pytest.approx(5 / 9)
    assert ppl.requirement.group_code == "PPM"

    i005, i011 = result.target.gaps
    assert (i005.competent_count, i005.applicable_count) == (2, 47)
    assert i005.status == "unvalidated"  # K1 is Alice's own judgement
    assert el("INSML005.P2").pk in i005.missing_ids
    assert el("INSML005.P1").pk not in i005.missing_ids
    assert len(i005.unrated_ids) == 44
    assert i011.status == "unknown"
    # (2/47 + 0) / 2
    assert result.target.role_fit == pytest.approx(1 / 47)
    # The page names the missing items: fetched in the same bounded set of queries.
    assert set(result.items) == set(i005.missing_ids) | set(i011.missing_ids)

    assert [p.code for p in result.priorities] == ["INSML005", "INSML011", "LP-LTW", "PPM-PPL"]
    i005p, i011p, ltwp, pplp = result.priorities
    # 4 × 45/47 + essential 2 + target role 1.5 + goal 2 × 1.0
    assert i005p.score == pytest.approx(4 * 45 / 47 + 5.5)
    assert i005p.reasons == (
        "essential for your target role",
        "organisation goal this year",
        "2 of 47 items competent",
        "self-assessed, not yet validated",
    )
    assert i011p.score == pytest.approx(7.5)
    # 4 × 1 + desirable 0.5 + interest 1 (the expired goal does not count)
    assert ltwp.score == pytest.approx(5.5)
    assert "you want to develop this" in ltwp.reasons
    assert "organisation goal this year" not in ltwp.reasons
    # 4 × 1/3 + essential 2 + goal 2 × 0.5 (the skill's own weight beats its family's) + stale 1
    assert pplp.score == pytest.approx(4 / 3 + 4)
    assert pplp.reasons == (
        "essential for your current role",
        "organisation goal this year",
        "one level below target",
        "validated rating due for review",
    )


def test_goal_weights_inherit_from_the_family(personas: Any) -> None:
    rate_alice(personas)
    roles = data.load_roles([personas.pm.pk, personas.leader.pk])
    weights = data.goal_weights(roles.ancestors, TODAY)
    assert weights == {
        el("PPM-PPL").pk: 0.5,
        el("BACM-SMC").pk: 1.0,
        el("INSML005").pk: 1.0,
    }


def test_hr_weights_change_the_ranking(personas: Any) -> None:
    rate_alice(personas)
    PriorityWeightSettings.objects.create(pk=1, gap=0, interest=10)
    ranked = data.priorities_for(personas.alice, TODAY)
    assert ranked[0].code == "LP-LTW"
    assert ranked[0].score == pytest.approx(0.5 + 10)


def test_no_roles_no_reports(personas: Any) -> None:
    result = data.person_insights(personas.carol, TODAY)
    assert (result.current, result.target, result.priorities) == (None, None, [])


def test_team_queries_do_not_grow_with_the_team(
    personas: Any, django_assert_num_queries: Any
) -> None:
    rate_alice(personas)
    people = [personas.alice, personas.bob, personas.eve, personas.carol]
    with django_assert_num_queries(6):
        result = data.team_priorities(people, TODAY)
    assert set(result) == {p.pk for p in people}
    assert result[personas.carol.pk] == []
    # Bob has no ratings: every requirement unknown (4 × 1). BACM-SMC 4 + 2 + goal 2 × 1.0 = 8,
    # PPM-PPL 4 + 2 + goal 2 × 0.5 = 7, LP-LTW 4 + 0.5 = 4.5.
    bob = result[personas.bob.pk]
    assert [(p.code, p.score) for p in bob] == [("BACM-SMC", 8), ("PPM-PPL", 7), ("LP-LTW", 4.5)]
    # Two queries: the role has no NOS unit, so no items are fetched.
    with django_assert_num_queries(2):
        reports = data.team_reports(people, personas.pm, TODAY)
    assert reports[personas.alice.pk].role_fit == pytest.approx(5 / 9)
    assert reports[personas.bob.pk].role_fit == 0.0


def test_role_explorer_ranks_every_role(personas: Any, django_assert_num_queries: Any) -> None:
    rate_alice(personas)
    RoleProfile.objects.create(code="empty", title="A role without requirements")
    with django_assert_num_queries(4):
        ranked = data.role_explorer(personas.alice, TODAY)
    assert [(r.code, round(rep.role_fit, 4)) for r, rep in ranked] == [
        ("project-manager", round(5 / 9, 4)),
        ("team-leader", round(1 / 47, 4)),
        ("empty", 1.0),
    ]


def test_gap_report_for_any_role(personas: Any) -> None:
    rate_alice(personas)
    report = data.gap_report(personas.alice, personas.leader, TODAY)
    assert [g.code for g in report.essential_gaps] == ["INSML005", "INSML011"]


def test_observations_choose_as_rating_current_does(personas: Any) -> None:
    from skillframe.assessments.models import Rating
    from skillframe.assessments.ratings import record_rating

    rate_alice(personas)
    alice, carol, dave = personas.alice, personas.carol, personas.dave
    # An import stands in while there is nothing else; a self rating then wins over it.
    record_rating(carol.user, alice, el("LP-LTW"), "import", level=2)
    ltw = data.observations([alice.pk], [el("LP-LTW").pk], TODAY)[alice.pk][el("LP-LTW").pk]
    assert (ltw.level, ltw.validated) == (2, False)
    record_rating(alice.user, alice, el("LP-LTW"), "self", level=1)
    # The newest validating rating wins, whoever gave it: Dave's 3 after Bob's stale 2.
    record_rating(dave.user, alice, el("PPM-PPL"), "assessor", level=3)
    observed = data.observations([alice.pk], None, TODAY)[alice.pk]
    current = Rating.objects.current([alice.pk])
    assert set(observed) == {element_id for _, element_id in current}
    for (_, element_id), entry in current.items():
        best = entry.best
        assert (observed[element_id].level, observed[element_id].competence) == (
            best.level,
            best.competence,
        )
        assert observed[element_id].validated == (entry.validated is not None)
    ppl = observed[el("PPM-PPL").pk]
    assert (ppl.level, ppl.validated, ppl.stale) == (3, True, False)
    assert observed[el("LP-LTW").pk].level == 1
