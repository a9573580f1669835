"""Grid search of the matcher's fusion weights on the dev split only (never the test split).

    .venv/bin/python bench/suggest_tune.py

Prints the best few weight sets by mean top-1 + MRR over both frameworks on dev; the chosen
one is written into engine.Weights by hand.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace
from pathlib import Path

from skillframe.frameworks.seeds import seed_specs
from skillframe.matching.engine import Matcher, Weights

sys.path.insert(0, str(Path(__file__).resolve().parent))

from suggest_eval import FRAMEWORKS, metrics
from suggest_set import load_set


def main() -> int:
    dev = [c for c in load_set() if c.split == "dev"]
    matcher = Matcher(seed_specs())
    results = []
    grid = itertools.product(
        [0.4, 0.6, 0.8], [0.3, 0.5, 0.8], [0.1, 0.3], [0.2, 0.5], [0.1, 0.3, 0.5]
    )
    for lexical, expansion, whole, document, centroid in grid:
        matcher.weights = replace(
            Weights(),
            lexical=lexical,
            dense=1 - lexical,
            expansion=expansion,
            whole_text=whole,
            passage=0.5,
            document=document,
            centroid=centroid,
        )
        score = 0.0
        for framework in FRAMEWORKS:
            m = metrics(
                dev,
                framework,
                lambda t, f: [s.code for s in matcher.suggest(t, framework=f, limit=5)],
            )
            score += (m["top1"] + m["mrr"]) / 2
        results.append((score / 2, matcher.weights))
    for score, weights in sorted(results, key=lambda r: -r[0])[:8]:
        print(f"{score:.4f} {weights}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
