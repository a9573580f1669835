"""Query counts of the organisation views stay the same when the organisation grows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from skillframe.assessments.models import Cycle
from skillframe.assessments.ratings import record_rating
from skillframe.insights.org import bench, heatmap, scope, search, trends
from skillframe.insights.org.calibration_data import calibration
from skillframe.insights.org.columns import role_columns
from tests.insights.org.conftest import make_person

pytestmark = pytest.mark.django_db


def grow(org: SimpleNamespace, start: int, count: int) -> None:
    """`count` more people in platform under cal, each with a self and a manager rating."""
    for i in range(start, start + count):
        person = make_person(f"extra{i}", org.platform, manager=org.cal, current_role=org.lead)
        record_rating(person.user, person, org.ppl, "self", level=2)
        record_rating(org.cal.user, person, org.ppl, "manager", level=3, comment="ok")


def views(org: SimpleNamespace) -> dict[str, Callable[[], Any]]:
    hana = org.hana.user
    columns = role_columns(org.lead)

    def s() -> scope.Scope:
        return scope.resolve(hana, org=True)

    client = Client()
    client.force_login(hana)
    return {
        "people": lambda: heatmap.build(hana, s(), columns),
        "units": lambda: heatmap.build(hana, s(), columns, "unit"),
        "candidates": lambda: bench.candidates(s(), org.head),
        "bench": lambda: bench.bench_by_role(s()),
        "spof": lambda: bench.single_points(s()),
        "who": lambda: search.who(s(), search.parse("PPM-PPL>=3 BACM-SMC>=2")),
        "calibration": lambda: calibration(hana, s()),
        "trends": lambda: trends.trends(s(), columns),
        "page": lambda: client.get("/insights/org/heatmap/?org=1&by=unit&role=dev-lead"),
        "page_people": lambda: client.get("/insights/org/heatmap/?unit=platform"),
        "export": lambda: b"".join(client.get("/insights/org/heatmap.csv?org=1").streaming_content),
    }


def counts(org: SimpleNamespace) -> dict[str, int]:
    found = {}
    for name, view in views(org).items():
        with CaptureQueriesContext(connection) as queries:
            view()
        found[name] = len(queries)
    return found


def test_query_counts_do_not_grow_with_people(org: SimpleNamespace) -> None:
    today = timezone.localdate()
    Cycle.objects.create(
        name="Last year", starts_on=today - timedelta(400), ends_on=today - timedelta(300)
    )
    Cycle.objects.create(name="Now", starts_on=today - timedelta(10), ends_on=today + timedelta(10))
    grow(org, 0, 2)
    small = counts(org)
    grow(org, 2, 8)
    assert counts(org) == small
