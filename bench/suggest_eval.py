"""Evaluation of `skillframe suggest` on bench/data/suggest_set.txt, against plain BM25.

    .venv/bin/python bench/suggest_eval.py [--split dev|test|all] [--misses]

For each framework, over the texts labelled for it: top-1 (the first suggestion is one an
assessor would credit), recall@3 and recall@5 (share of the text's labels in the first 3 / 5),
MRR (1 / rank of the first credited suggestion). Two systems on the same texts in the same run:
- ours:  the shipped matcher (skillframe.matching.engine.Matcher, default weights);
- bm25:  plain BM25 (bm25s, same stems, no lexicon, no vectors) over one document per skill or
         standard made of all of its text.
Latency: wall time of one full suggestion call (both frameworks, 5 results, spans) per text,
p50 / p95 over every text, on this machine. The split is fixed (bench/suggest_set.py,
SPLIT_SEED) and the matcher has no randomness besides its seeded SVD, so numbers reproduce.
Tune only on dev; report test.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import bm25s
import numpy as np

from skillframe.frameworks.seeds import seed_specs
from skillframe.frameworks.spec import FrameworkSpec
from skillframe.matching.engine import Matcher
from skillframe.matching.passages import passages_of
from skillframe.matching.text import tokens

sys.path.insert(0, str(Path(__file__).resolve().parent))

from suggest_set import Case, load_set

FRAMEWORKS = ("axelos", "nos-ml")
Ranker = Callable[[str, str], list[str]]


class PlainBM25:
    """The baseline: one BM25 document per skill/standard, ranked by the whole text."""

    def __init__(self, specs: Sequence[FrameworkSpec]) -> None:
        docs: dict[tuple[str, str], list[str]] = {}
        for spec in specs:
            for passage in passages_of(spec):
                docs.setdefault((spec.slug, passage.owner), []).extend(tokens(passage.text))
        self.keys = list(docs)
        self.retriever = bm25s.BM25()
        self.retriever.index(list(docs.values()), show_progress=False)
        self.framework = np.array([fw for fw, _ in self.keys])

    def rank(self, text: str, framework: str) -> list[str]:
        scores = np.asarray(self.retriever.get_scores(tokens(text)))
        scores = np.where(self.framework == framework, scores, -1.0)
        return [self.keys[i][1] for i in np.argsort(-scores, kind="stable")[:5]]


def metrics(cases: list[Case], framework: str, rank: Ranker) -> dict[str, float]:
    top1 = r3 = r5 = mrr = 0.0
    labelled = [c for c in cases if c.labels[framework]]
    for case in labelled:
        gold = set(case.labels[framework])
        ranked = rank(case.text, framework)
        top1 += ranked[:1] != [] and ranked[0] in gold
        r3 += len(gold & set(ranked[:3])) / len(gold)
        r5 += len(gold & set(ranked[:5])) / len(gold)
        mrr += next((1 / (i + 1) for i, code in enumerate(ranked[:5]) if code in gold), 0.0)
    n = max(len(labelled), 1)
    return {"n": len(labelled), "top1": top1 / n, "r@3": r3 / n, "r@5": r5 / n, "mrr": mrr / n}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default=None)
    parser.add_argument("--misses", action="store_true", help="list texts ours gets wrong")
    args = parser.parse_args(argv)
    every = load_set()
    specs = seed_specs()
    started = time.perf_counter()
    matcher = Matcher(specs)
    built = time.perf_counter() - started
    baseline = PlainBM25(specs)

    def ours(text: str, framework: str) -> list[str]:
        return [s.code for s in matcher.suggest(text, framework=framework, limit=5)]

    splits = [args.split] if args.split else ["dev", "test"]
    print(f"{len(every)} texts; matcher built in {built:.2f} s")
    header = ("split", "framework", "system", "n", "top-1", "R@3", "R@5", "MRR")
    print("{:5} {:9} {:6} {:>4} {:>6} {:>6} {:>6} {:>6}".format(*header))
    for split in splits:
        cases = [c for c in every if split == "all" or c.split == split]
        for framework in FRAMEWORKS:
            for name, rank in (("bm25", baseline.rank), ("ours", ours)):
                m = metrics(cases, framework, rank)
                print(
                    f"{split:5} {framework:9} {name:6} {m['n']:>4} {m['top1']:6.3f} "
                    f"{m['r@3']:6.3f} {m['r@5']:6.3f} {m['mrr']:6.3f}"
                )
    latencies = []
    for case in every:
        started = time.perf_counter()
        matcher.suggest(case.text, limit=5)
        latencies.append((time.perf_counter() - started) * 1000)
    p50, p95 = np.percentile(latencies, [50, 95])
    print(
        f"latency per text (both frameworks, 5 results, spans): p50 {p50:.1f} ms, p95 {p95:.1f} ms"
    )
    if args.misses:
        for case in every:
            if args.split and args.split != "all" and case.split != args.split:
                continue
            for framework in FRAMEWORKS:
                gold = case.labels[framework]
                if gold:
                    got = ours(case.text, framework)
                    if not got or got[0] not in gold:
                        print(
                            f"MISS {case.split} {framework} line {case.line} "
                            f"gold={','.join(gold)} got={','.join(got[:3])} :: {case.text[:90]}"
                        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
