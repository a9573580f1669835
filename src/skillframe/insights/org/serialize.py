"""JSON shapes of the organisation views, shared by the REST API and `skillframe insights`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import Http404

from skillframe.insights.org import bench, trends
from skillframe.insights.org.calibration import Calibration
from skillframe.insights.org.calibration_data import CalibrationView
from skillframe.insights.org.kernel import Column
from skillframe.insights.org.scope import Scope
from skillframe.insights.org.search import Match
from skillframe.people.models import RoleProfile


def scope_dict(s: Scope) -> dict[str, Any]:
    return {"kind": s.kind, "label": s.label, **s.query()}


def match_dict(m: Match) -> dict[str, Any]:
    return {**m.__dict__, "fit": m.fit, "values": list(m.values)}


def bench_dict(s: Scope, threshold: float, role_code: str = "") -> dict[str, Any]:
    body: dict[str, Any] = {
        "scope": scope_dict(s),
        "threshold": threshold,
        "roles": [
            {
                "role": b.role.code,
                "holders": b.holders,
                "ready_now": b.bench.ready_now,
                "ready_within_one_level": b.bench.one_level,
                "candidates": b.bench.people,
                "nobody": b.bench.nobody,
            }
            for b in bench.bench_by_role(s, threshold)
        ],
        "single_points_of_failure": [
            {
                "code": x.code,
                "target": x.target,
                "holders": x.holders,
                "holder": x.holder_employee_id or None,
            }
            for x in bench.single_points(s)
        ],
    }
    if role_code:
        role = RoleProfile.objects.filter(code=role_code).first()
        if role is None:
            raise Http404("no such role")
        body["succession"] = [
            {
                "employee_id": c.employee_id,
                "name": c.name,
                "met": c.met,
                "near": c.near,
                "requirements": c.requirements,
                "fit": c.fit,
                "ready": c.readiness(threshold),
            }
            for c in bench.candidates(s, role)[:50]
        ]
    return body


def calibration_row(c: Calibration) -> dict[str, Any]:
    return {
        "key": c.key,
        "label": c.label,
        "n": c.n,
        "mean": c.mean,
        "spread": c.spread,
        "low": c.low,
        "high": c.high,
        "flag": c.flag or None,
    }


def calibration_dict(view: CalibrationView) -> dict[str, Any]:
    return {
        "raters": [calibration_row(c) for c in view.raters],
        "units": [calibration_row(c) for c in view.units],
        "hidden_units": view.hidden_units,
        "drift": [
            {
                "key": d.key,
                "cycles": list(d.cycles),
                "before": calibration_row(d.before),
                "after": calibration_row(d.after),
                "change": d.change,
            }
            for d in view.drift
        ],
    }


def trends_dict(s: Scope, columns: Sequence[Column]) -> dict[str, Any]:
    align = trends.alignment(s)
    return {
        "scope": scope_dict(s),
        "elements": [
            {
                "code": t.column.code,
                "points": [
                    {
                        "cycle": p.cycle,
                        "ends_on": p.ends_on.isoformat(),
                        "people": p.people,
                        "known": p.known,
                        "mean": p.mean,
                        "share_at_target": p.share_at_target,
                    }
                    for p in t.points
                ],
            }
            for t in trends.trends(s, columns)
        ],
        "goal_alignment": {
            "objectives": align.objectives,
            "aligned": align.aligned,
            "share": align.share,
        },
    }
