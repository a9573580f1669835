"""Precision of suggested crosswalk links at several thresholds, from the judged sample.

    .venv/bin/python bench/crosswalk_precision.py

Reads bench/data/crosswalk_judged.tsv (links judged by reading both texts) and prints, per
score threshold, how many judged links reach it and the share judged correct.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

JUDGED = Path(__file__).resolve().parent / "data" / "crosswalk_judged.tsv"


def main() -> int:
    lines = [
        line for line in JUDGED.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    print(f"{'threshold':>9} {'links':>5} {'correct':>7} {'precision':>9}")
    for threshold in (0.45, 0.50, 0.55, 0.60, 0.65):
        chosen = [r for r in rows if float(r["score"]) >= threshold]
        good = sum(r["verdict"] == "Y" for r in chosen)
        print(f"{threshold:9.2f} {len(chosen):5} {good:7} {good / max(len(chosen), 1):9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
