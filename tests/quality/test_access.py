"""HR per scope, and what the IQA may not reach outside her samples."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from skillframe.quality.access import plans_visible_to, samples_visible_to
from skillframe.quality.draws import draw_samples
from skillframe.quality.plans import create_plan
from tests.quality.helpers import decide, items

pytestmark = pytest.mark.django_db


def test_hr_admins_see_plans_and_samples_of_their_units_only(personas: Any) -> None:
    p = personas
    p.eve.hr_units.add(p.operations)  # HR admin of Operations only; Alice is in Delivery
    decide(p.dave, p.alice, items("INSML005", 2))
    plan = create_plan(p.carol.user, name="Delivery", kind="assessor", unit=p.delivery)
    today = timezone.localdate()
    sample = draw_samples(p.carol.user, plan, today, today, seed=1).samples.first()
    assert sample is not None
    assert list(plans_visible_to(p.carol.user)) == [plan]
    assert not plans_visible_to(p.eve.user).exists()
    assert list(samples_visible_to(p.carol.user)) == list(plan.samples.all())
    assert not samples_visible_to(p.eve.user).exists()
    eve = Client()
    eve.force_login(p.eve.user)
    assert eve.get("/quality/").status_code == 200  # an HR admin: the pages are hers too
    assert eve.get(f"/quality/plans/{plan.pk}/").status_code == 404
    assert eve.get(f"/quality/samples/{sample.pk}/").status_code == 404
    assert "INSML005" not in eve.get("/quality/samples/").text
    csv = b"".join(eve.get("/quality/samples/export.csv").streaming_content).decode()
    assert csv.count("\n") == 1  # the header only
    # Eve may plan for her own unit, not for Delivery.
    posted = eve.post(
        "/quality/plans/new/",
        {"name": "X", "kind": "manager", "unit": "delivery", "base_rate": 10, "new_rate": 50,
         "new_threshold": 20, "disagreement_rate": 100, "disagreement_days": 180},
    )  # fmt: skip
    assert posted.status_code == 400  # "delivery" is not among her choices


def test_the_iqa_reaches_sampled_decisions_only(client: Client, personas: Any) -> None:
    p = personas
    decide(p.dave, p.alice, items("INSML005", 2))
    client.force_login(p.iris.user)
    assert client.get("/people/E-alice/").status_code == 404
    assert client.get("/people/E-alice/ratings/").status_code == 404
    assert client.get("/people/").status_code == 403
    assert not samples_visible_to(p.iris.user).exists()  # nothing sampled yet: nothing seen
