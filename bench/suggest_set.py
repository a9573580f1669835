"""The evaluation set of bench/suggest_eval.py: reading it and its fixed dev/test split."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SET = Path(__file__).resolve().parent / "data" / "suggest_set.txt"
SPLIT_SEED = 15  # fixed: the same texts are dev (tuning) and test (reporting) on every run
DEV_SHARE = 0.4


@dataclass(frozen=True)
class Case:
    line: int
    source: str
    labels: dict[str, tuple[str, ...]]  # framework slug -> codes an assessor would credit
    text: str
    split: str = ""


def load_set(path: Path = DEFAULT_SET) -> list[Case]:
    cases: list[Case] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        source, axelos, nos, text = raw.split("|", 3)
        labels = {
            "axelos": tuple(c for c in axelos.split(",") if c),
            "nos-ml": tuple(c for c in nos.split(",") if c),
        }
        cases.append(Case(number, source, labels, text.strip()))
    order = list(range(len(cases)))
    random.Random(SPLIT_SEED).shuffle(order)
    dev = set(order[: round(DEV_SHARE * len(cases))])
    return [
        Case(c.line, c.source, c.labels, c.text, "dev" if i in dev else "test")
        for i, c in enumerate(cases)
    ]
