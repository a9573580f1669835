"""Benchmark: relevance of catalogue search, the ranking before issue 11 against today's.

    .venv/bin/python bench/search_relevance.py [--limit 20] [--show]

Database: SKILLFRAME_DATABASE_URL if set, else a fresh SQLite file in a temporary data dir
(both seed frameworks are loaded first). Both rankings run in the same process on the same
database: `search(..., ranking=LEGACY)` (title weight only) and the default ranking (kind
priors, natural-phrase handling; skillframe/frameworks/search.py).

The queries are phrasings a professional, manager or HR admin would type, written by reading
the two frameworks (none is a sentence copied from them). Each lists the element codes judged
relevant: the standards (NOS units) and skills a person asking would want to open; where the
question names a task that one criterion, knowledge item or statement answers directly, that
element counts as well. Figures, over all queries:
- MRR: mean of 1 / rank of the first relevant hit (0 when none in the first --limit hits);
- top-3: share of queries with a relevant hit among the first three;
- none: queries with no relevant hit at all in the first --limit hits.
Named limit: the new ranking must not be worse than the old on either figure (ratio ≥ 1).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

# (query, codes judged relevant)
JUDGED: list[tuple[str, set[str]]] = [
    ("coaching my team", {"INSML030", "LP-SAD", "LP-SAD.L3.4"}),
    ("coaching", {"INSML030", "LP-SAD", "LP-SAD.L3.4"}),
    ("mentoring new starters", {"INSML030", "LP-SAD.L3.4"}),
    ("manage a budget", {"INSML037", "INSML036", "BC-FIN"}),
    ("budget overspend", {"INSML037", "INSML036", "BC-FIN", "INSML037.P9", "INSML036.P20"}),
    ("risk register", {"PPM-PRM", "INSML010", "ITSM-BRM"}),
    ("managing project risks", {"PPM-PRM", "INSML010"}),
    ("stakeholder", {"BACM-SMC", "INSML031"}),
    ("keeping stakeholders informed", {"BACM-SMC", "INSML031"}),
    ("relationships with colleagues", {"INSML031", "INSML032"}),
    ("resolving conflict at work", {"INSML033", "LP-CNF"}),
    ("handling a grievance", {"INSML023", "LP-CNF"}),
    ("disciplinary hearing", {"INSML023"}),
    ("running a meeting", {"INSML034"}),
    ("hiring new staff", {"INSML020"}),
    ("onboarding new employees", {"INSML020", "INSML020.P16"}),
    ("looking after staff wellbeing", {"INSML028"}),
    ("working from home", {"INSML027"}),
    ("making people redundant", {"INSML022"}),
    ("moving employees into new roles", {"INSML021"}),
    ("business continuity plan", {"INSML011", "ITSM-CNM"}),
    ("disaster recovery", {"ITSM-CNM", "INSML011"}),
    ("negotiating a deal", {"LP-NEG", "BC-CTM"}),
    ("choosing a supplier", {"INSML057", "BC-PUR", "INSML056"}),
    ("outsourcing a process", {"INSML058"}),
    ("responding to IT incidents", {"ITSM-INM", "ITSM-USP"}),
    ("finding the root cause of a problem", {"ITSM-PBM"}),
    ("helpdesk support for users", {"ITSM-USP"}),
    ("controlling changes to scope", {"PPM-CCM", "ITSM-ICM"}),
    ("software release", {"ITSM-RLM"}),
    ("IT capacity planning", {"ITSM-CPM"}),
    ("information security", {"ITSM-ISS", "ITSM-ISM"}),
    ("writing a business case", {"PPM-BCD"}),
    ("benefits realisation", {"BACM-BMR"}),
    ("improving business processes", {"BACM-PRI", "INSML044", "INSML018"}),
    ("gathering requirements", {"BACM-RNI"}),
    ("estimating project costs", {"PPM-RCE", "INSML035"}),
    ("project plan", {"PPM-PPL", "INSML045"}),
    ("tracking progress against the plan", {"PPM-PMC"}),
    ("quality audit", {"INSML054", "INSML053", "PPM-PQM"}),
    ("health and safety at work", {"INSML055"}),
    ("diversity and inclusion", {"INSML008"}),
    ("organisational culture", {"INSML009", "LP-BEA"}),
    ("leading a team", {"LP-LTW", "INSML005", "INSML024"}),
    ("allocating work to team members", {"INSML024"}),
    ("customer service", {"INSML052", "INSML050", "INSML051"}),
    ("selling to customers", {"INSML049", "BC-SAL"}),
    ("sales targets for my team", {"INSML047", "BC-SAL"}),
    ("marketing plan", {"INSML046"}),
    ("training and development of staff", {"INSML029", "LP-SAD"}),
    ("setting my own objectives", {"INSML001", "LP-PAO"}),
    ("professional network", {"INSML003"}),
    ("using data to make decisions", {"INSML014", "BACM-IAN"}),
    ("environmental impact", {"INSML039"}),
    ("corporate social responsibility", {"INSML012"}),
    ("legal and regulatory compliance", {"INSML013"}),
    ("innovation", {"INSML015", "ITSM-INN"}),
    ("company vision and strategy", {"INSML007", "INSML004"}),
    ("managing contracts", {"BC-CTM"}),
    ("workforce planning", {"INSML019", "BC-RES"}),
    ("attention to detail", {"LP-QOR"}),
    ("service level agreement", {"ITSM-SLM", "ITSM-SLM.L4.2"}),
    ("modelling processes", {"BACM-MOD"}),
    ("presenting to an audience", {"LP-CKS"}),
]


def first_relevant(codes: list[str], relevant: set[str]) -> int | None:
    for position, code in enumerate(codes, start=1):
        if code in relevant:
            return position
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=20, help="hits read per query")
    parser.add_argument("--show", action="store_true", help="one line per query")
    args = parser.parse_args()
    os.environ.setdefault("SKILLFRAME_DATA_DIR", tempfile.mkdtemp(prefix="skillframe-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillframe.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from skillframe.frameworks.loading import load_framework
    from skillframe.frameworks.models import Element
    from skillframe.frameworks.search import DEFAULT, LEGACY, search
    from skillframe.frameworks.seeds import seed_specs

    call_command("migrate", verbosity=0)
    if not Element.objects.exists():
        for spec in seed_specs():
            load_framework(spec)
    known = set(Element.objects.values_list("code", flat=True))
    unknown = sorted(set().union(*(codes for _, codes in JUDGED)) - known)
    if unknown:
        sys.exit(f"judged codes not in the catalogue: {', '.join(unknown)}")

    # A third row shows what the kind priors add on their own (the new query handling without
    # them): how much of the gain is "standards and skills first".
    rankings = {
        "old": LEGACY,
        "new": DEFAULT,
        "new, no kind priors": replace(DEFAULT, kind_boost={}),
    }
    ranks: dict[str, list[int | None]] = {name: [] for name in rankings}
    for query, relevant in JUDGED:
        line = []
        for name, ranking in rankings.items():
            hits = search(query, limit=args.limit, ranking=ranking).hits
            rank = first_relevant([hit.code for hit in hits], relevant)
            ranks[name].append(rank)
            top = hits[0].code if hits else "-"
            if name != "new, no kind priors":
                line.append(f"{name} {rank if rank else '-':>2} (top {top})")
        if args.show:
            print(f"{query:<40} " + "   ".join(line))

    print(f"{len(JUDGED)} judged queries on {connection.vendor}, first {args.limit} hits read")
    figures = {}
    for name in rankings:
        found = ranks[name]
        mrr = sum(1 / r for r in found if r) / len(found)
        top3 = sum(1 for r in found if r and r <= 3) / len(found)
        misses = sum(1 for r in found if not r)
        figures[name] = (mrr, top3)
        print(f"{name:>20}: MRR {mrr:.3f}   top-3 {top3:.1%}   none {misses}")
    (old_mrr, old_top3), (new_mrr, new_top3) = figures["old"], figures["new"]
    print(
        f"ratio new/old (limit: at least 1): MRR {new_mrr / old_mrr:.2f}x,"
        f" top-3 {new_top3 / old_top3:.2f}x"
    )


if __name__ == "__main__":
    main()
