"""The draw itself, pure Python: stratified, seeded, replayable.

The decisions of a period are split into strata, one per (rater, standard, evidence method: the
main kind of evidence the decision relied on, "" for none). Each stratum has a rate (percent,
1–100; `draws.Rates` chooses it) and gives up ceil(rate × size / 100) decisions, so every rater,
every standard and every evidence method with a decision in the period is sampled at least once
(the coverage the issue asks for) and no stratum falls below its rate. Within a stratum the
decisions drawn are those with the smallest keys, a key being SHA-256 of "seed:decision id": the
result depends only on the seed and the set of decisions, not on the order the database returns
them, the Python version or anything else, so a recorded draw (seed + `digest` of the
population) can be checked by drawing again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    id: int
    rater: int
    standard: int
    method: str = ""


@dataclass(frozen=True)
class Stratum:
    rater: int
    standard: int
    method: str
    decisions: int
    rate: int  # percent
    reason: str
    drawn: tuple[int, ...]  # decision ids, smallest key first


# (rater, standard, method) -> (rate in percent, why that rate)
RateOf = Callable[[int, int, str], tuple[int, str]]


def key(seed: int, decision_id: int) -> str:
    return hashlib.sha256(f"{seed}:{decision_id}".encode()).hexdigest()


def wanted(size: int, rate: int) -> int:
    """ceil(size × rate / 100) in integers: at least one of a non-empty stratum."""
    if not 1 <= rate <= 100:
        raise ValueError(f"a sampling rate is a percentage from 1 to 100, not {rate}")
    return (size * rate + 99) // 100


def digest(decision_ids: Iterable[int]) -> str:
    """A fingerprint of the population: the same ids in any order give the same digest."""
    text = ",".join(str(i) for i in sorted(set(decision_ids)))
    return hashlib.sha256(text.encode()).hexdigest()


def draw(decisions: Iterable[Decision], rate_of: RateOf, seed: int) -> list[Stratum]:
    """The strata of `decisions`, each with the decisions drawn from it, ordered by rater,
    standard and method."""
    groups: dict[tuple[int, int, str], list[int]] = {}
    for d in decisions:
        groups.setdefault((d.rater, d.standard, d.method), []).append(d.id)
    strata = []
    for (rater, standard, method), ids in sorted(groups.items()):
        rate, reason = rate_of(rater, standard, method)
        ranked = sorted(set(ids), key=lambda i: key(seed, i))
        drawn = tuple(ranked[: wanted(len(ranked), rate)])
        strata.append(Stratum(rater, standard, method, len(ranked), rate, reason, drawn))
    return strata
