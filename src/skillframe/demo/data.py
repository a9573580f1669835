"""The demo organisation as plain data: units, role profiles, a goal and ~40 people.

Read by `demo/organisation.py`, which turns it into database rows. Everything here is made up except
the framework codes, which are the public codes of the seed frameworks (docs/axelos-codes.md,
NOS unit URNs). A target level must be a level the AXELOS source defines for that skill; the
loader checks that `<skill>.L<n>` exists and refuses otherwise.

No password lives here: `skillframe demo` generates them at run time and prints them once.
"""

from __future__ import annotations

from typing import NamedTuple

# Seed used for the ratings' random choices, so every load tells the same story.
SEED = 2015

ROOT_UNIT = "skillframe"

# (code, name, parent code); parents come before their children.
UNITS: list[tuple[str, str, str | None]] = [
    (ROOT_UNIT, "Skillframe Ltd", None),
    ("delivery", "Delivery", ROOT_UNIT),
    ("pmo", "PMO", "delivery"),
    ("change", "Change", "delivery"),
    ("service-operations", "Service Operations", ROOT_UNIT),
    ("people-culture", "People & Culture", ROOT_UNIT),
]


class Requirement(NamedTuple):
    code: str  # an AXELOS skill code or a NOS unit URN
    level: int | None  # AXELOS target level; None for NOS (judged competent / not yet)
    importance: str = "essential"
    weight: float = 1.0


class Role(NamedTuple):
    code: str
    title: str
    description: str
    requirements: list[Requirement]


ROLES: list[Role] = [
    Role(
        "project-manager",
        "Project manager",
        "Plans and runs projects of up to 20 people end to end, reporting to the PMO.",
        [
            Requirement("PPM-PPL", 3, weight=1.5),
            Requirement("PPM-PMC", 3),
            Requirement("PPM-PRM", 3),
            Requirement("BACM-SMC", 3),
            Requirement("LP-LTW", 3, "desirable"),
            Requirement("LP-CKS", 3, "desirable"),
        ],
    ),
    Role(
        "it-service-manager",
        "IT service manager",
        "Owns live IT services: incidents, problems, changes and the service levels agreed "
        "with the business.",
        [
            Requirement("ITSM-INM", 4, weight=1.5),
            Requirement("ITSM-PBM", 3),
            Requirement("ITSM-ICM", 3),
            Requirement("ITSM-SLM", 4),
            Requirement("ITSM-CFM", 3, "desirable"),
            Requirement("LP-CKS", 3, "desirable"),
        ],
    ),
    Role(
        "team-leader",
        "Team leader",
        "Leads a team of five to ten people day to day (Management and Leadership NOS).",
        [
            Requirement("INSML005", None),
            Requirement("INSML011", None),
            Requirement("INSML023", None, "desirable"),
        ],
    ),
    Role(
        "operations-manager",
        "Operations manager",
        "Runs an operational area: plans, risks, continuity and customer service (Management "
        "and Leadership NOS).",
        [
            Requirement("INSML010", None),
            Requirement("INSML011", None),
            Requirement("INSML052", None, "desirable"),
        ],
    ),
]

# The organisation's development focus for the current calendar year: (code, weight).
GOAL_TITLE = "Service transition and business change"
GOAL_DESCRIPTION = (
    "This year we move three services to the new platform: strengthen how we transition "
    "services into operation and how we take people through the change."
)
GOAL_WEIGHTS: list[tuple[str, float]] = [("ITSM-TR", 2.0), ("BACM-BCM", 1.5)]

PROJECTS = [
    "Hartley migration",
    "Northgate office move",
    "CRM replacement",
    "service desk re-tender",
    "Atlas data-centre exit",
    "payroll upgrade",
]


class P(NamedTuple):
    """One person. `last_year`: rated and reviewed in last year's (closed) cycle, so their
    validated ratings are now past review unless this cycle's review replaces them.
    `this_cycle`: their self-assessment in the open cycle: "", draft, submitted or reviewed."""

    username: str
    first: str
    last: str
    unit: str
    title: str
    manager: str | None
    current_role: str | None
    target_role: str | None
    last_year: bool = False
    this_cycle: str = ""


PM, ITSM, TL, OPS = "project-manager", "it-service-manager", "team-leader", "operations-manager"
D, S, R = "draft", "submitted", "reviewed"

# Managers come before their reports (the loader checks it). One person a row, aligned by hand.
# fmt: off
PEOPLE: list[P] = [
    P("grace", "Grace", "Holloway", ROOT_UNIT, "Chief executive", None, None, None),
    P("henry", "Henry", "Okafor", "delivery", "Director of delivery", "grace", None, None),
    P("julia", "Julia", "Novak", "service-operations", "Director of service operations",
      "grace", OPS, None),
    P("helen", "Helen", "Ward", "people-culture", "Director of people and culture",
      "grace", None, None),
    # Delivery › PMO: the hierarchy goes grace → henry → bob → priya → rohan.
    P("bob", "Bob", "Baker", "pmo", "Head of PMO", "henry", PM, OPS, True, R),
    P("alice", "Alice", "Archer", "pmo", "Project manager", "bob", PM, TL, True, S),
    P("priya", "Priya", "Shah", "pmo", "Senior project manager", "bob", PM, TL, False, R),
    P("rohan", "Rohan", "Mehta", "pmo", "Project manager", "priya", PM, None, False, R),
    P("lucy", "Lucy", "Brennan", "pmo", "Junior project manager", "priya", PM, TL, False, D),
    P("tom", "Tom", "Whitfield", "pmo", "Project manager", "bob", PM, None, True, ""),
    P("hannah", "Hannah", "Lewis", "pmo", "Project manager", "bob", PM, None, False, S),
    P("marcus", "Marcus", "Reid", "pmo", "Project support officer", "bob", None, PM, False, D),
    P("sofia", "Sofia", "Marin", "pmo", "PMO analyst", "bob", None, PM, True, ""),
    P("peter", "Peter", "Walsh", "delivery", "Programme manager", "henry", PM, OPS),
    P("anna", "Anna", "Kowalski", "delivery", "Project manager", "peter", PM, None),
    # Delivery › Change
    P("fiona", "Fiona", "Gallagher", "change", "Head of change", "henry", PM, OPS, False, R),
    P("kwame", "Kwame", "Mensah", "change", "Change manager", "fiona", PM, None, False, S),
    P("isabel", "Isabel", "Torres", "change", "Business analyst", "fiona", None, PM),
    P("nadia", "Nadia", "Hussain", "change", "Business change lead", "fiona", PM, TL, False, R),
    P("oliver", "Oliver", "Grant", "change", "Change analyst", "nadia", None, PM, False, D),
    P("samuel", "Samuel", "Ortiz", "change", "Change manager", "nadia", PM, None),
    # Service Operations: Eve's team has no link to Alice.
    P("eve", "Eve", "Evans", "service-operations", "IT service manager", "julia", ITSM, OPS,
      True, R),
    P("liam", "Liam", "O'Connor", "service-operations", "Service desk team leader", "eve",
      TL, ITSM, False, D),
    P("chloe", "Chloe", "Adams", "service-operations", "Service desk analyst", "liam",
      None, ITSM, False, D),
    P("ben", "Ben", "Carter", "service-operations", "Service desk analyst", "liam",
      None, ITSM, False, ""),
    P("aisha", "Aisha", "Khan", "service-operations", "Senior service desk analyst", "liam",
      None, TL, False, D),
    P("george", "George", "Murphy", "service-operations", "Incident manager", "eve",
      ITSM, None, False, R),
    P("mia", "Mia", "Fischer", "service-operations", "Problem manager", "eve",
      ITSM, None, True, S),
    P("zara", "Zara", "Ali", "service-operations", "Service level manager", "eve",
      ITSM, None, False, R),
    P("ryan", "Ryan", "Doyle", "service-operations", "Change and release manager", "julia",
      ITSM, None, False, S),
    P("laura", "Laura", "Bennett", "service-operations", "Operations manager", "julia",
      OPS, None),
    P("daniel", "Daniel", "Kim", "service-operations", "Operations team leader", "laura",
      TL, OPS, False, R),
    P("ella", "Ella", "Morgan", "service-operations", "Service operations analyst", "daniel",
      None, ITSM, False, S),
    P("jack", "Jack", "Turner", "service-operations", "Service operations analyst", "daniel",
      None, ITSM, True, ""),
    P("noah", "Noah", "Price", "service-operations", "Configuration analyst", "ryan",
      ITSM, None, False, D),
    # People & Culture: Carol administers HR for the whole organisation, Dave assesses NOS.
    P("carol", "Carol", "Clark", "people-culture", "HR business partner", "helen",
      None, TL, False, D),
    P("dave", "Dave", "Dunn", "people-culture", "Learning and development assessor", "helen",
      None, None),
    P("rachel", "Rachel", "Stone", "people-culture", "Learning and development manager",
      "helen", TL, None),
    P("imran", "Imran", "Qureshi", "people-culture", "HR adviser", "carol", None, None),
    P("iris", "Iris", "Irving", "people-culture", "Internal quality assurer", "carol",
      None, None),
]
# fmt: on

# HR/L&D admins: username → units they administer (with every unit below).
HR_ADMINS: dict[str, list[str]] = {"carol": [ROOT_UNIT]}

# Assessors: username → their learners (working towards the NOS team-leader standards).
ASSESSORS: dict[str, list[str]] = {"dave": ["alice", "lucy", "aisha", "daniel"]}

# Learners who have also started a self-assessment against their (NOS) target role.
TARGET_DRAFTS: list[str] = ["alice", "lucy"]

# The demo logins: only these accounts get a password; the others exist for the data.
LOGINS: list[tuple[str, str]] = [
    ("alice", "professional: project manager in PMO, wants to become a team leader"),
    ("bob", "line manager: Head of PMO, Alice's manager (her assessment awaits him)"),
    ("carol", "HR admin of the whole organisation"),
    ("dave", "NOS assessor of Alice, Lucy, Aisha and Daniel"),
    ("eve", "IT service manager in Service Operations (no link to Alice)"),
    ("iris", "internal quality assurer: samples Dave's decisions (some reviewed, some waiting)"),
]

# Internal quality assurers (docs/quality.md): they sample and review assessors' decisions.
ASSURERS: list[str] = ["iris"]

# Manager comments. {skill}: the element's title; {level}: the manager's level; {project}: a
# project name. "lower"/"higher": the manager's value against the person's own.
ADJUST_COMMENTS: dict[str, list[str]] = {
    "lower": [
        "I'd place {skill} at level {level} for now: you do this well on your own projects, "
        "but the level you chose means doing it across several workstreams, which we have "
        "not seen yet. Let's find you that chance next quarter.",
        "Good reflection, but level {level} is fairer today. On the {project} I still had to "
        "step in at the key decisions. Happy to talk it through at our next 1:1.",
        "Level {level} for now: the examples you gave are from before the {project} reset. "
        "Bring a recent one and I'll look at it again.",
    ],
    "higher": [
        "You're underselling yourself: what you did on the {project} is squarely level "
        "{level} for {skill}.",
        "I've moved this up to level {level}. The way you handled the {project} with the "
        "supplier showed exactly this.",
    ],
    "not-yet": [
        "Not yet: you lead the team well day to day, but for {skill} we need evidence of the "
        "whole standard. The plan for the {project} would be a good place to show it.",
        "Not yet competent, in my view: we haven't seen this outside routine work. Let's plan "
        "it into the {project}.",
    ],
    "competent": [
        "I'd say competent: your work on the {project} covered this end to end. The assessor "
        "can help you map the evidence.",
    ],
}
AGREE_COMMENTS = [
    "",
    "",
    "Agreed.",
    "Agreed: the {project} showed this clearly.",
    "Agreed, a fair view of where you are.",
]
