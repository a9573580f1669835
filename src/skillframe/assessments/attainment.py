"""Is a requirement met? The one rule, from what is known of a person's ratings.

PURE Python (no Django import). Gap analysis (`insights/gaps.py`, hence the gaps and report
pages, the priorities and a new plan's suggestions) and the home page (`views_home.py`) all
judge "met" here, so no page calls met what another calls not met.

- Level requirement (AXELOS skill, `target_level` set): met when the observed level reaches the
  target; `share` = min(1, level / target). No level observed: met only for a target ≤ 0.
- Competence requirement on an element with items (a NOS unit; items are
  `frameworks.kinds.UNIT_ITEM_KINDS`): each item counts competent, not yet, not applicable or
  unrated. Not-applicable items leave the count; `share` = competent / applicable (1.0 when
  every item is not applicable); met when every applicable item is competent. A judgement on
  the unit as a whole stands in for each item without a judgement of its own (item judgements
  are the finer evidence, so they win).
- Competence requirement without items (a single criterion, a unit whose items are unknown):
  its own judgement: competent → met, not applicable → met (it does not apply), not yet or
  none → not met.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

COMPETENT = "competent"
NOT_YET = "not-yet"
NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True)
class Observation:
    """What is known now about one element: the level or competence judgement of the rating
    that counts, whether it is validated (manager or assessor) and whether that validated
    rating is past its review date (stale)."""

    level: int | None
    competence: str  # "competent", "not-yet", "not-applicable" or "" for level ratings
    validated: bool
    stale: bool = False

    @classmethod
    def of(
        cls,
        level: int | None,
        competence: str,
        validated: bool,
        review_on: date | None,
        today: date,
    ) -> Observation:
        """From a rating's columns: stale = validated and its review date is before today."""
        stale = validated and review_on is not None and review_on < today
        return cls(level, competence, validated, stale)


@dataclass(frozen=True)
class Attainment:
    """How far one person meets one requirement (see the module docstring)."""

    met: bool
    share: float  # 0..1: levels min(1, level / target); competence: competent / applicable
    level: int | None = None  # the observed level (level requirements)
    competent: int = 0  # competence requirements: competent items (or the element itself)
    applicable: int = 0  # … out of this many that apply
    missing: tuple[int, ...] = ()  # applicable items not (yet) judged competent
    unrated: tuple[int, ...] = ()  # the unrated subset of `missing`
    used: tuple[Observation, ...] = ()  # the observations the verdict rests on


def attain(
    element_id: int,
    target_level: int | None,
    item_ids: Iterable[int],
    observations: Mapping[int, Observation],
) -> Attainment:
    """Whether the person whose `observations` (by element id) these are meets a requirement on
    `element_id` (at `target_level`; None: judged competent), `item_ids` being its items."""
    if target_level is not None:
        return _by_level(target_level, observations.get(element_id))
    items = tuple(item_ids)
    if items:
        return _roll_up(observations.get(element_id), items, observations)
    return _single(element_id, observations.get(element_id))


def _by_level(target: int, obs: Observation | None) -> Attainment:
    if obs is None or obs.level is None:
        met = target <= 0
        return Attainment(met, 1.0 if met else 0.0)
    share = 1.0 if target <= 0 else min(1.0, obs.level / target)
    return Attainment(obs.level >= target, share, obs.level, used=(obs,))


def _single(element_id: int, obs: Observation | None) -> Attainment:
    if obs is None or not obs.competence:
        return Attainment(False, 0.0, None, 0, 1, (element_id,), (element_id,))
    applicable = 0 if obs.competence == NOT_APPLICABLE else 1
    competent = 1 if obs.competence == COMPETENT else 0
    share = competent / applicable if applicable else 1.0
    missing = (element_id,) if applicable and not competent else ()
    return Attainment(share >= 1.0, share, None, competent, applicable, missing, (), (obs,))


def _roll_up(
    own: Observation | None, item_ids: tuple[int, ...], observations: Mapping[int, Observation]
) -> Attainment:
    whole = own if own is not None and own.competence else None
    used: list[Observation] = []
    missing: list[int] = []
    unrated: list[int] = []
    competent = applicable = 0
    for item_id in item_ids:
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
    return Attainment(
        share >= 1.0,
        share,
        None,
        competent,
        applicable,
        tuple(missing),
        tuple(unrated),
        tuple(used),
    )
