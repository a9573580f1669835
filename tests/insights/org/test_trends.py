"""Trends read the validated ratings as they stood at each cycle's end; drift compares a
manager's mean difference between their last two cycles (hand-computed organisation)."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.utils import timezone

from skillframe.assessments.models import Cycle
from skillframe.assessments.ratings import record_rating
from skillframe.insights.org import scope, trends
from skillframe.insights.org.calibration_data import calibration
from skillframe.insights.org.columns import role_columns

pytestmark = pytest.mark.django_db


def test_trends_and_drift(org: SimpleNamespace) -> None:
    today = timezone.localdate()
    spring = Cycle.objects.create(
        name="Spring", starts_on=today - timedelta(200), ends_on=today - timedelta(100)
    )
    autumn = Cycle.objects.create(
        name="Autumn", starts_on=today - timedelta(20), ends_on=today + timedelta(10)
    )
    past = timezone.now() - timedelta(days=150)
    with mock.patch("django.utils.timezone.now", return_value=past):
        # In spring: ann rates her BACM-SMC 4, mia 2 (d = −2); ann's PPM-PPL 3, mia 2 (d = −1).
        record_rating(org.ann.user, org.ann, org.smc, "self", level=4, cycle=spring)
        record_rating(org.mia.user, org.ann, org.smc, "manager", level=2, comment="x", cycle=spring)
        record_rating(org.ann.user, org.ann, org.ppl, "self", level=3, cycle=spring)
        record_rating(org.mia.user, org.ann, org.ppl, "manager", level=2, comment="x", cycle=spring)
    # In autumn (now): ann's PPM-PPL 3, mia 4 (d = +1).
    record_rating(org.ann.user, org.ann, org.ppl, "self", level=3, cycle=autumn)
    record_rating(org.mia.user, org.ann, org.ppl, "manager", level=4, comment="y", cycle=autumn)

    s = scope.resolve(org.hana.user, unit="eng")
    ppl, smc, _ins = trends.trends(s, role_columns(org.lead))
    # Spring's end: only the spring ratings existed: PPM-PPL ann 2 → mean 2, 0 of 5 at target;
    # BACM-SMC ann 2.
    spring_ppl, autumn_ppl = ppl.points
    assert (spring_ppl.cycle, spring_ppl.known, spring_ppl.mean) == ("Spring", 1, 2.0)
    assert spring_ppl.share_at_target == 0.0
    # Autumn (today): validated PPM-PPL ann 4 (newest), cal 4, dan 2 → 3 known, mean 10/3,
    # 2 of 5 at target; BACM-SMC ann 2, ben 3, cal 3 → mean 8/3.
    assert (autumn_ppl.known, autumn_ppl.mean) == (3, pytest.approx(10 / 3))
    assert autumn_ppl.share_at_target == pytest.approx(0.4)
    assert smc.points[0].mean == 2.0 and smc.points[1].mean == pytest.approx(8 / 3)
    assert "<svg" in ppl.svg() and "Spring: 2.0" in ppl.svg()

    view = calibration(org.hana.user, scope.resolve(org.hana.user, org=True))
    (drift,) = view.drift
    # mia: spring d = −2, −1 → mean −1.5 (n 2); autumn d = +1 (n 1) → change +2.5.
    assert drift.key == "mia" and drift.cycles == ("Spring", "Autumn")
    assert (drift.before.n, drift.before.mean, drift.after.n, drift.after.mean) == (2, -1.5, 1, 1.0)
    assert drift.change == 2.5 and not drift.enough
