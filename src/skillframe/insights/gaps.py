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

Per requirement (`Gap`)
- Level requirement: `current` is the observed level; `gap` = max(0, target − current) in levels;
  `above` = max(0, current − target). No rating, or a rating without a level → status
  "unknown", `current` None, `gap` = target (nothing demonstrated yet).
- Competence requirement with items (NOS unit): every item is competent, not yet competent,
  not applicable or unrated. Not-applicable items leave the count; `share_competent` =
  competent / applicable items (1.0 when every item is not applicable); `missing_ids` are the
  applicable items not judged competent (not yet or unrated), `unrated_ids` the unrated subset;
  `gap` = 1 − share_competent (0..1). A judgement on the unit as a whole stands in for each
  item without a judgement of its own (item judgements are the finer evidence, so they win).
- Competence requirement without items (a single criterion, or a unit whose items are unknown):
  its own rating: competent → share 1, not yet → 0, not applicable → met, none → unknown.
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

Status = Literal["validated", "unvalidated", "unknown"]

COMPETENT = "competent"
NOT_YET = "not-yet"
NOT_APPLICABLE = "not-applicable"
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
class Observation:
    level: int | None
    competence: str  # "competent", "not-yet", "not-applicable" or "" for level ratings
    validated: bool
    stale: bool = False


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


def _level_gap(req: Requirement, obs: Observation | None) -> Gap:
    target = req.target_level or 0
    if obs is None or obs.level is None:
        met = target <= 0
        return Gap(req, None, "unknown", float(max(0, target)), 1.0 if met else 0.0, met=met)
    current = obs.level
    attainment = 1.0 if target <= 0 else min(1.0, current / target)
    return Gap(
        req,
        current,
        _status([obs]),
        float(max(0, target - current)),
        attainment,
        stale=_stale([obs]),
        met=current >= target,
        above=max(0, current - target),
    )


def _single_competence_gap(req: Requirement, obs: Observation | None) -> Gap:
    if obs is None or not obs.competence:
        return Gap(req, None, "unknown", 1.0, 0.0, 0.0, (req.element_id,), (req.element_id,), 0, 1)
    applicable = 0 if obs.competence == NOT_APPLICABLE else 1
    competent = 1 if obs.competence == COMPETENT else 0
    share = competent / applicable if applicable else 1.0
    missing = (req.element_id,) if applicable and not competent else ()
    return Gap(
        req,
        None,
        _status([obs]),
        1.0 - share,
        share,
        share,
        missing,
        (),
        competent,
        applicable,
        stale=_stale([obs]),
        met=share >= 1.0,
    )


def _rollup_gap(req: Requirement, observations: Mapping[int, Observation]) -> Gap:
    own = observations.get(req.element_id)
    whole = own if own is not None and own.competence else None
    used: list[Observation] = []
    missing: list[int] = []
    unrated: list[int] = []
    competent = applicable = 0
    for item_id in req.item_ids:
        obs = observations.get(item_id)
        if obs is None or not obs.competence:
            # An item without its own judgement takes the one on the unit as a whole, if any.
            obs = whole
        if obs is None:
            applicable += 1
            missing.append(item_id)
            unrated.append(item_id)
            continue
        used.append(obs)
        if obs.competence == NOT_APPLICABLE:
            continue
        applicable += 1
        if obs.competence == COMPETENT:
            competent += 1
        else:
            missing.append(item_id)
    share = competent / applicable if applicable else 1.0
    return Gap(
        req,
        None,
        _status(used),
        1.0 - share,
        share,
        share,
        tuple(missing),
        tuple(unrated),
        competent,
        applicable,
        stale=_stale(used),
        met=share >= 1.0,
    )


def gap_for(req: Requirement, observations: Mapping[int, Observation]) -> Gap:
    """The gap of one requirement given the person's observations by element id."""
    if req.by_level:
        return _level_gap(req, observations.get(req.element_id))
    if req.item_ids:
        return _rollup_gap(req, observations)
    return _single_competence_gap(req, observations.get(req.element_id))


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
