"""Plain-data forms of gap reports and priorities, shared by the API and `skillframe gaps`.

PURE (no Django import): item ids become codes through the mapping the caller passes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from skillframe.insights.gaps import Gap, GapReport
from skillframe.insights.priorities import Priority


def item_ids(reports: Iterable[GapReport | None]) -> set[int]:
    """The NOS item ids a report names (missing ones), to look their codes up in one query."""
    return {i for r in reports if r for g in r.gaps for i in g.missing_ids}


def gap_dict(gap: Gap, codes: Mapping[int, str]) -> dict[str, Any]:
    req = gap.requirement
    return {
        "code": req.code,
        "framework": req.framework,
        "title": req.title,
        "kind": req.kind,
        "importance": req.importance,
        "weight": req.weight,
        "target_level": req.target_level,
        "current_level": gap.current,
        "status": gap.status,
        "gap": round(gap.gap, 6),
        "attainment": round(gap.attainment, 6),
        "share_competent": None if gap.share_competent is None else round(gap.share_competent, 6),
        "competent_items": gap.competent_count,
        "applicable_items": gap.applicable_count,
        "missing_items": [codes.get(i, str(i)) for i in gap.missing_ids],
        "unrated_items": [codes.get(i, str(i)) for i in gap.unrated_ids],
        "stale": gap.stale,
        "met": gap.met,
        "levels_above": gap.above,
    }


def report_dict(report: GapReport, codes: Mapping[int, str]) -> dict[str, Any]:
    return {
        "role_fit": round(report.role_fit, 6),
        "met": report.met_count,
        "requirements": len(report.gaps),
        "essential_gaps": [g.code for g in report.essential_gaps],
        "strengths": [g.code for g in report.strengths],
        "gaps": [gap_dict(g, codes) for g in report.gaps],
    }


def priority_dict(p: Priority) -> dict[str, Any]:
    return {
        "code": p.code,
        "framework": p.gap.requirement.framework if p.gap else "",
        "title": p.title,
        "score": round(p.score, 6),
        "reasons": list(p.reasons),
        "essential": p.essential,
        "shortfall": round(p.shortfall, 6),
        "roles": list(p.roles),
        "target_level": p.target_level,
        "current_level": p.current_level,
        "status": p.gap.status if p.gap else "unknown",
    }
