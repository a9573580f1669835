"""The quality pages: iris plans, draws and reviews; raters read reviews; the CSV export."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from skillframe.notifications.models import Notification
from skillframe.quality.draws import draw_samples
from skillframe.quality.models import Draw, Review, Sample, SamplingPlan
from tests.quality.helpers import decide, items

pytestmark = pytest.mark.django_db


def signed_in(client: Client, person: Any) -> Client:
    client.force_login(person.user)
    return client


def test_iris_plans_draws_and_agrees(client: Client, personas: Any) -> None:
    p = personas
    decide(p.dave, p.alice, items("INSML005", 4))
    signed_in(client, p.iris)
    home = client.get("/quality/")
    assert home.status_code == 200 and "Nothing waits for your review" in home.text
    form = client.get("/quality/plans/new/")
    assert '<option value="org">' in form.text
    made = client.post(
        "/quality/plans/new/",
        {
            "name": "Assessors 2026",
            "kind": "assessor",
            "unit": "org",
            "base_rate": 25,
            "new_rate": 50,
            "new_threshold": 20,
            "disagreement_rate": 100,
            "disagreement_days": 180,
        },
    )
    plan = SamplingPlan.objects.get()
    assert made.status_code == 302 and made["Location"] == f"/quality/plans/{plan.pk}/"
    today = timezone.localdate().isoformat()
    drawn = client.post(
        f"/quality/plans/{plan.pk}/draw/", {"starts_on": today, "ends_on": today, "seed": "42"}
    )
    draw = Draw.objects.get()
    assert drawn["Location"] == f"/quality/samples/?draw={draw.pk}"
    assert draw.seed == 42 and draw.samples.count() == 2  # Dave is new: 50% of 4
    page = client.get(f"/quality/plans/{plan.pk}/")
    assert "<code>42</code>" in page.text and "new assessor: 0 decisions" in page.text
    sample = draw.samples.first()
    assert sample is not None
    detail = client.get(f"/quality/samples/{sample.pk}/")
    assert "Record the review" in detail.text and "INSML005" in detail.text
    refused = client.post(f"/quality/samples/{sample.pk}/review/", {"outcome": "disagree"})
    assert refused.status_code == 400 and "Action required" in refused.text
    assert not Review.objects.exists()
    done = client.post(f"/quality/samples/{sample.pk}/review/", {"outcome": "agree"})
    assert done.status_code == 302
    assert "Agree" in client.get(f"/quality/samples/{sample.pk}/").text
    assert "Dave Dunn" in client.get("/quality/").text  # the agreement table
    # Dave, told, reads the review of his decision.
    assert Notification.objects.filter(recipient=p.dave.user).count() == 1
    dave = signed_in(Client(), p.dave)
    mine = dave.get("/quality/reviews/")
    assert f"/quality/samples/{sample.pk}/" in mine.text
    assert dave.get(f"/quality/samples/{sample.pk}/").status_code == 200
    other = draw.samples.exclude(pk=sample.pk).get()
    assert dave.get(f"/quality/samples/{other.pk}/").status_code == 404  # not reviewed yet


def test_a_bad_plan_or_draw_saves_nothing(client: Client, personas: Any) -> None:
    signed_in(client, personas.iris)
    bad = client.post(
        "/quality/plans/new/",
        {"name": "X", "kind": "manager", "unit": "org", "base_rate": 0},
    )
    assert bad.status_code == 400 and not SamplingPlan.objects.exists()
    plan = SamplingPlan.objects.create(name="P", kind="assessor", unit=personas.org)
    bad = client.post(
        f"/quality/plans/{plan.pk}/draw/", {"starts_on": "2026-02-01", "ends_on": "2026-01-01"}
    )
    assert bad.status_code == 400 and "ends before it starts" in bad.text
    assert not Draw.objects.exists()


def test_the_export_is_formula_safe_and_scoped(client: Client, personas: Any) -> None:
    p = personas
    decide(p.dave, p.alice, items("INSML005", 1))
    plan = SamplingPlan.objects.create(name="=cmd|' /C calc'!A0", kind="assessor", unit=p.org)
    today = timezone.localdate()
    sample = draw_samples(p.iris.user, plan, today, today, seed=3).samples.get()
    Review.objects.create(sample=sample, reviewer=p.iris.user, outcome="agree", comment="+1 fine")
    response = signed_in(client, p.iris).get("/quality/samples/export.csv")
    assert response["Content-Disposition"] == 'attachment; filename="sampling-records.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["plan"] == "'=cmd|' /C calc'!A0" and row["comment"] == "'+1 fine"
    assert (row["rater"], row["person"], row["standard"], row["element"]) == (
        "Dave Dunn",
        "Alice Archer",
        "INSML005",
        "INSML005.P1",
    )
    assert (row["seed"], row["outcome"], row["decision"]) == ("3", "agree", "Competent")
    eve = signed_in(Client(), p.eve)
    assert eve.get("/quality/samples/export.csv").status_code == 403
    assert Sample.objects.count() == 1


def test_list_pages_cost_the_same_queries_for_more_samples(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    p = personas
    plan = SamplingPlan.objects.create(name="All", kind="assessor", unit=p.org, base_rate=100)
    today = timezone.localdate()
    decide(p.dave, p.alice, items("INSML005", 2))
    draw_samples(p.iris.user, plan, today, today, seed=1)
    signed_in(client, p.iris)
    pages = ("/quality/", "/quality/samples/")
    with django_assert_max_num_queries(40) as few:
        for page in pages:
            assert client.get(page).status_code == 200
    decide(p.dave, p.alice, items("INSML011", 12))
    draw_samples(p.iris.user, plan, today, today, seed=2)
    assert Sample.objects.count() == 14
    with django_assert_max_num_queries(len(few.captured_queries)):
        for page in pages:
            client.get(page)


def test_the_home_page_lists_sampled_decisions_to_review(client: Client, personas: Any) -> None:
    p = personas
    decide(p.dave, p.alice, items("INSML005", 2))
    plan = SamplingPlan.objects.create(name="All", kind="assessor", unit=p.org, base_rate=100)
    today = timezone.localdate()
    first = draw_samples(p.iris.user, plan, today, today, seed=1).samples.order_by("pk").first()
    assert first is not None
    home = signed_in(client, p.iris).get("/").text
    assert "2 sampled decisions to review" in home
    assert f'href="/quality/samples/{first.pk}/"' in home
    carol = signed_in(Client(), p.carol).get("/").text
    assert "sampled decision" not in carol  # HR sees them but an IQA reviews assessors
