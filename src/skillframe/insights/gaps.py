"""Gap analysis: where a person stands against each requirement of a role profile.

PURE Python (no Django import) so it can be tested and benchmarked alone; `insights/data.py`
builds the inputs from the database.

Inputs
- `Requirement`: one requirement of a role profile. A *level* requirement has a `target_level`
  (AXELOS skills, 1–5). A *competence* requirement has none (NOS units and their items): it is
  met when the person is competent; for a NOS unit `item_ids` lists its performance criteria and
  knowledge items, which roll up to the unit.
- `Observation`: what is known now about one element: the level or competence judgement of the
  best current rating (validated over self-assessed), whether it is validated (manager or
  assessor) and whether that validated rating is past its review date (stale).

Per requirement (`Gap`): whether it is met, the share attained and the items missing come from
the one rule of `assessments/attainment.py` (levels; NOS units rolled up from their items, the
unit's own judgement standing in for unjudged items; single competence elements), also used by
the home page. On top of it:
- Level requirement: `current` is the observed level; `gap` = max(0, target − current) in levels;
  `above` = max(0, current − target). No rating, or a rating without a level → status
  "unknown", `current` None, `gap` = target (nothing demonstrated yet).
- Competence requirement: `share_competent` = the rule's share, `missing_ids` the applicable
  items not judged competent (not yet or unrated), `unrated_ids` the unrated subset;
  `gap` = 1 − share_competent (0..1).
- status: "validated" when every observation used is validated, "unvalidated" when any is
  self-assessed only (flagged), "unknown" when nothing is rated. `stale` when any validated
  observation used is past its review date.
- `attainment` ∈ [0, 1]: min(1, current / target) for levels (1.0 when target ≤ 0);
  share_competent for competence requirements; 0 for unknown.

Role fit (documented formula, also in docs/insights.md)

    role_fit = Σ weight_i × attainment_i / Σ weight_i

over all requirements of the profile, where weight_i is the requirement's weight (default 1) and
unknown ratings count as attainment 0. Essential and desirable requirements count alike in the
fit (importance drives the essential-gaps list and the priorities instead). A profile with no
requirements has fit 1.0 (nothing is missing). Self-assessed ratings count like validated ones
but are flagged "unvalidated" on the gap.

Summary (`GapReport`): all gaps in requirement order, the role fit, the essential requirements
not met, and the strengths (level requirements exceeded: `above` > 0), largest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from skillframe.assessments.attainment import Observation, attain

Status = Literal["validated", "unvalidated", "unknown"]

ESSENTIAL = "essential"


@dataclass(frozen=True)
class Requirement:
    element_id: int
    code: str
    title: str
    framework: str  # framework slug
    kind: str  # element kind: skill, unit, performance-criterion, knowledge-item
    target_level: int | None  # None: judged competent / not yet (NOS)
    importance: str  # "essential" or "desirable"
    weight: float = 1.0
    group_code: str | None = None  # the skill's group or the unit's suite, for grouping on pages
    item_ids: tuple[int, ...] = ()  # NOS unit: its performance criteria and knowledge items

    @property
    def essential(self) -> bool:
        return self.importance == ESSENTIAL

    @property
    def by_level(self) -> bool:
        return self.target_level is not None


@dataclass(frozen=True)
class Gap:
    requirement: Requirement
    current: int | None  # observed level (level requirements); None when unknown or NOS
    status: Status
    gap: float  # levels below target; competence requirements: 1 − share competent (0..1)
    attainment: float  # 0..1, the requirement's share in the role fit
    share_competent: float | None = None  # competence requirements only
    missing_ids: tuple[int, ...] = ()  # applicable items not (yet) judged competent
    unrated_ids: tuple[int, ...] = ()  # the unrated subset of missing_ids
    competent_count: int = 0
    applicable_count: int = 0
    stale: bool = False
    met: bool = False
    above: int = 0  # levels above target

    @property
    def element_id(self) -> int:
        return self.requirement.element_id

    @property
    def code(self) -> str:
        return self.requirement.code

    @property
    def essential(self) -> bool:
        return self.requirement.essential

    @property
    def unknown(self) -> bool:
        return self.status == "unknown"

    @property
    def shortfall(self) -> float:
        """1 − attainment: the share of the requirement still missing (0..1)."""
        return 1.0 - self.attainment


@dataclass(frozen=True)
class GapReport:
    gaps: tuple[Gap, ...]
    role_fit: float
    essential_gaps: tuple[Gap, ...] = ()
    strengths: tuple[Gap, ...] = ()

    @property
    def role_fit_percent(self) -> int:
        return round(self.role_fit * 100)

    def by_element(self) -> dict[int, Gap]:
        return {g.element_id: g for g in self.gaps}

    @property
    def met_count(self) -> int:
        return sum(1 for g in self.gaps if g.met)


def _status(used: Iterable[Observation]) -> Status:
    used = list(used)
    if not used:
        return "unknown"
    return "validated" if all(o.validated for o in used) else "unvalidated"


def _stale(used: Iterable[Observation]) -> bool:
    return any(o.validated and o.stale for o in used)


def gap_for(req: Requirement, observations: Mapping[int, Observation]) -> Gap:
    """The gap of one requirement given the person's observations by element id."""
    found = attain(req.element_id, req.target_level, req.item_ids, observations)
    status, stale = _status(found.used), _stale(found.used)
    if req.by_level:
        target = req.target_level or 0
        current = found.level
        return Gap(
            req,
            current,
            status,
            float(max(0, target - (current or 0))),
            found.share,
            stale=stale,
            met=found.met,
            above=max(0, current - target) if current is not None else 0,
        )
    return Gap(
        req,
        None,
        status,
        1.0 - found.share,
        found.share,
        found.share,
        found.missing,
        found.unrated,
        found.competent,
        found.applicable,
        stale=stale,
        met=found.met,
    )


def role_fit(gaps: Iterable[Gap]) -> float:
    """Σ weight × attainment / Σ weight; 1.0 for no requirements (see the module docstring)."""
    total = weighted = 0.0
    for g in gaps:
        w = max(0.0, g.requirement.weight)
        total += w
        weighted += w * g.attainment
    return weighted / total if total > 0 else 1.0


def analyse(
    requirements: Iterable[Requirement], observations: Mapping[int, Observation]
) -> GapReport:
    """Gaps of one person against one role profile, with the role fit and the summary lists."""
    gaps = tuple(gap_for(req, observations) for req in requirements)
    essential = tuple(g for g in gaps if g.essential and not g.met)
    strengths = tuple(sorted((g for g in gaps if g.above > 0), key=lambda g: (-g.above, g.code)))
    return GapReport(gaps, role_fit(gaps), essential, strengths)


__all__ = [
    "Gap",
    "GapReport",
    "Observation",
    "Requirement",
    "Status",
    "analyse",
    "gap_for",
    "role_fit",
]
