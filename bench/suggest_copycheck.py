"""Check that no evaluation text copies four consecutive words from either framework.

    .venv/bin/python bench/suggest_copycheck.py [bench/data/suggest_set.txt]

Words are compared lower-case, punctuation dropped, against the shipped framework texts
(frameworks/data) and every element of the parsed seed frameworks. Exit 1, listing each copied
run of words, when any text copies one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from skillframe.frameworks.data import SEED_FILES, seed_text
from skillframe.frameworks.seeds import seed_specs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from suggest_set import DEFAULT_SET, load_set

N = 4
_WORD = re.compile(r"[a-z0-9£%]+")


def grams(text: str) -> set[tuple[str, ...]]:
    found = _WORD.findall(text.lower().replace("’", "'").replace("'", ""))
    return {tuple(found[i : i + N]) for i in range(len(found) - N + 1)}


def framework_grams() -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for slug in SEED_FILES:
        out |= grams(seed_text(slug))
    for spec in seed_specs():
        for element in spec.elements:
            out |= grams(f"{element.title}. {element.statement}")
    return out


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_SET
    known = framework_grams()
    copied = 0
    for case in load_set(path):
        hits = sorted(grams(case.text) & known)
        if hits:
            copied += 1
            print(f"line {case.line}: {' | '.join(' '.join(h) for h in hits)}")
    total = len(load_set(path))
    print(f"{total} texts, {copied} copying {N} consecutive framework words")
    return 1 if copied else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
