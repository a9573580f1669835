"""Hand-verified expectations for the AXELOS Skills Framework (2015) seed text.

Every number and string below was taken by a person reading
``src/skillframe/frameworks/data/axelos_skills_framework_2015.txt`` (473 lines), NOT from the
parser. The number after each skill is the source line of the skill's heading; the level row
("–" cells and the "You can" statements) is the line after the "1 2 3 4 5" line that follows it.

Conventions used while reading
------------------------------
* A level is ``None`` where its cell is "–" (not defined). Line 154 (PROGRESS MONITORING AND
  CONTROL, level 1) has an ASCII hyphen "-" instead of the en dash; it is read as "not defined"
  too (the cell holds nothing else).
* A level's headline is the first sentence/paragraph of the cell (``<p>...</p>`` before
  "You can:"); the statements are what follows "You can:". The cells come in four shapes:
    1. ``<p>You can:</p> <ul ...> <li>..</li> ... </ul>``  (e.g. line 137)
    2. ``<p>You can:</p> <p>..</p> <p>..</p>``: paragraphs instead of list items (e.g. line 149)
    3. ``<p>You can: A B C.</p>``: all statements run together in one paragraph, separated by a
       single space only (e.g. lines 187, 199, 225, 254, 307, 345, 379, 386, 400, 417, 453, 460,
       465, 472). Statements were split where a new imperative verb starts with a capital
       letter (Identify / Monitor / Carry out / ...). Capitalised words that do NOT start a
       statement were kept inside it: "to Executive, third party ..." (225, level 5),
       "(e.g. Use cases or UML ...)" (254, level 3), "Provide Information Technology (IT) ..."
       (307, level 5), "... applications and IT infrastructure ..." (379, levels 2 and 3).
    4. ``<p>You can:            A            B</p>``: statements separated by runs of 12 spaces
       (collapsed line breaks) (lines 302, 328, 412).
  Line 321 (INNOVATING) has no tags at all: "Headline.  You can: A B C." (two spaces before
  "You can:").
* Where a statement ends with "." and the next one follows in the same run (e.g. 187 L4
  "...have been put into place. Prioritize ...", 345 L3 "...before release. Carry out ...",
  453 L3, 465 L3) these are two statements, counted as two.

Ambiguities and the reading chosen (line numbers)
-------------------------------------------------
* 412 (FINANCIAL MANAGEMENT) level 5: "Provide strategic financial management of finances:" and
  "capital/non-cash funding, ..." are separated by a 12-space run like separate statements, but
  the first ends with ":" and the second starts in lower case, so it is ONE statement split over
  a (collapsed) line break; joined with a single space. Level 5 therefore has 1 statement.
* 328 (TECHNOLOGY TREND MONITORING) level 4: the first statement starts in lower case
  ("establish understanding of evolving technologies"); it directly follows "You can:", so it is
  a statement of its own, not a continuation. Kept lower case as in the source.
* 240 (REQUIREMENTS IDENTIFICATION) level 5: "<p>Present findings to senior stakeholders,</p>"
  ends with a comma but the next paragraph starts a new capitalised imperative in its own
  ``<p>``; read as two statements. Similarly 142 level 4 item 1 ends with "," (own ``<li>``).
* 268 (CONTINUITY MANAGEMENT) level 4: "<li>Produce the business continuity plans, for all</li>"
  is truncated in the source but is its own list item: counted as one statement.
* 180 (PORTFOLIO MANAGEMENT) level 5 and 417 (RESOURCE MANAGEMENT) level 5: the headline starts
  with "Level 5 - " in the source. The tests accept the headline with or without that prefix.
* 340 (CONFIGURATION MANAGEMENT) level 4: headline has no final full stop in the source.
* Headlines that look like statements: none of the level cells has a headline without a
  following "You can:"; every headline is the text before "You can:".
* 369 (PROBLEM MANAGEMENT) level 4 last item starts "Has depth of expertise..." (not an
  imperative) but is its own ``<li>``: counted. 386 level 4 last statement "Proactive in
  analyzing ..." likewise starts a new statement (preceded by "... security risks").
* Summary table (section 2.1, lines 61-130): two rows are split over a page break: line 74/76
  ("Project and programme quality management" description) and line 126/128 (title
  "Quality orientation (attention to" + "detail)" -> "Quality orientation (attention to detail)").
* Section 2.4 sub-groups: "### IT Service Strategy" (258), "## IT Service Design" (297),
  "## IT Service Transition" (335), "## IT Service Operation" (359) and
  "## Relationship management" (388). The last one is formatted like the other sub-group
  headings and is followed by a skill heading (390), so it is read as a fifth sub-group holding
  one skill. "## IT CHANGE MANAGEMENT" (347) and "## INFORMATION SECURITY MANAGEMENT" (381) are
  skill headings (followed by a description and a level table), not sub-groups.
* Skill headings are written in four ways: "NAME<TAB>x4", "## NAME", "**NAME**",
  "### NAME" and once "<b>INNOVATING</b> description..." (319, heading and description on one
  line). "Contract Management" (397) is the only heading not in capitals. Headings are recorded
  without the markdown/HTML markup and trailing tabs, with the source's typos
  ("P30/PMO" at 163, "DETIAL" at 462).
* Summary titles differ from headings in places (e.g. 208 "BENEFITS MANAGEMENT" vs
  "Benefits management and realization"; 237 "REQUIREMENTS IDENTIFICATION" vs
  "Requirements/needs identification"; 270 "INFORMATION SYSTEMS (IS) GOVERNANCE" vs
  "IS Governance"), and the summary-table order differs from the section order in ITSM and LP;
  skills are listed here in section (source) order.
"""

from dataclasses import dataclass

Levels = tuple[int | None, int | None, int | None, int | None, int | None]


@dataclass(frozen=True)
class ExpectedSkill:
    line: int  # source line of the heading in the family section
    heading: str  # as written there (markup and trailing tabs removed)
    title: str  # as written in the 2.1 summary table
    group: str | None  # ITSM sub-group title, None outside ITSM
    levels: Levels  # None = "–" (not defined), else number of "You can" statements


@dataclass(frozen=True)
class ExpectedFamily:
    summary_title: str  # row in the 2.1 summary table
    section_title: str  # "## 2.x ..." heading of the family section (without the number)
    contents_title: str  # entry in the Contents list (lines 21-25)
    groups: tuple[str, ...]  # sub-group titles in source order (ITSM only)
    skills: tuple[ExpectedSkill, ...]


@dataclass(frozen=True)
class PinnedLevel:
    skill_title: str  # summary title of the skill
    level: int  # 1..5
    line: int  # source line of the level row
    headline: str
    first: str  # first statement
    last: str  # last statement (== first when the level has one statement)
    why: str


@dataclass(frozen=True)
class PinnedDescription:
    skill_title: str
    line: int
    text: str
    why: str


ITSM_STRATEGY = "IT Service Strategy"
ITSM_DESIGN = "IT Service Design"
ITSM_TRANSITION = "IT Service Transition"
ITSM_OPERATION = "IT Service Operation"
ITSM_RELATIONSHIP = "Relationship management"

FAMILIES: tuple[ExpectedFamily, ...] = (
    ExpectedFamily(
        summary_title="Project Portfolio Management",  # line 63
        section_title="PROJECT PORTFOLIO MANAGEMENT",  # line 132
        contents_title="Project Portfolio Management",  # line 21
        groups=(),
        skills=(
            ExpectedSkill(
                134,
                "BUSINESS CASE DEVELOPMENT",
                "Business case development",
                None,
                (None, None, 5, 2, 2),
            ),
            ExpectedSkill(
                139,
                "PROJECT AND PROGRAMME ORGANIZATION AND GOVERNANCE",
                "Project and programme organization and governance",
                None,
                (None, None, 4, 3, 2),
            ),
            ExpectedSkill(
                144,
                "PROJECT AND PROGRAMME PLANNING",
                "Project and programme planning",
                None,
                (None, 4, 5, 5, None),
            ),
            ExpectedSkill(
                151,  # level 1 cell is "-" (hyphen), read as not defined
                "PROGRESS MONITORING AND CONTROL",
                "Progress monitoring and control",
                None,
                (None, 5, 3, 3, 1),
            ),
            ExpectedSkill(
                156,
                "APPLICATION OF PPM BEST PRACTICE PROCESSES, MODELS AND TOOLS",
                "Application of best practice processes, models and tools",
                None,
                (None, 3, 4, 3, 2),
            ),
            ExpectedSkill(
                163,
                "PORTFOLIO, PROGRAMME AND PROJECT SUPPORT (P30/PMO)",
                "Portfolio, programme and project support",
                None,
                (None, 3, 4, 5, None),
            ),
            ExpectedSkill(
                170,
                "PORTFOLIO DEFINITION",
                "Portfolio definition",
                None,
                (None, None, None, 4, 3),
            ),
            ExpectedSkill(
                177,
                "PORTFOLIO MANAGEMENT",
                "Portfolio management",
                None,
                (None, None, 3, 6, 3),
            ),
            ExpectedSkill(
                182,  # statements run together in one <p> (line 187)
                "PROJECT RISK MANAGEMENT",
                "Project risk management",
                None,
                (None, 2, 6, 5, 5),
            ),
            ExpectedSkill(
                189,
                "CHANGE CONTROL AND CONFIGURATION MANAGEMENT",
                "Change control and configuration management",
                None,
                (None, 3, 5, 3, None),
            ),
            ExpectedSkill(
                194,  # statements run together in one <p> (line 199)
                "PROJECT AND PROGRAMME QUALITY MANAGEMENT",
                "Project and programme quality management",
                None,
                (None, 3, 5, 3, 2),
            ),
            ExpectedSkill(
                201,
                "RESOURCE AND COST ESTIMATION",
                "Resource and cost estimation",
                None,
                (None, None, 4, 4, None),
            ),
        ),
    ),
    ExpectedFamily(
        summary_title="Business analysis and change management",  # line 78
        section_title="BUSINESS ANALYSIS AND CHANGE MANAGEMENT",  # line 206
        contents_title="Business analysis and change management",  # line 22
        groups=(),
        skills=(
            ExpectedSkill(
                208,
                "BENEFITS MANAGEMENT",
                "Benefits management and realization",
                None,
                (None, None, 5, 3, 2),
            ),
            ExpectedSkill(
                213,
                "BLUEPRINT DESIGN",
                "Blueprint design",
                None,
                (None, None, None, 5, 3),
            ),
            ExpectedSkill(
                220,  # statements run together in one <p> (line 225)
                "STAKEHOLDER MANAGEMENT AND COMMUNICATION",
                "Stakeholder management and communication",
                None,
                (None, 3, 4, 4, 3),
            ),
            ExpectedSkill(
                227,
                "BUSINESS CHANGE MANAGEMENT",
                "Business change management",
                None,
                (None, None, 6, 6, 3),
            ),
            ExpectedSkill(
                232,
                "PROCESS IMPROVEMENT",
                "Process improvement",
                None,
                (None, None, 4, 3, None),
            ),
            ExpectedSkill(
                237,
                "REQUIREMENTS IDENTIFICATION",
                "Requirements/needs identification",
                None,
                (None, None, 6, 3, 2),
            ),
            ExpectedSkill(
                242,
                "INFORMATION ANALYSIS",
                "Information analysis",
                None,
                (3, 2, 4, 4, 2),
            ),
            ExpectedSkill(
                249,  # statements run together in one <p> (line 254)
                "MODELLING",
                "Modelling",
                None,
                (None, 1, 2, 3, None),
            ),
        ),
    ),
    ExpectedFamily(
        summary_title="IT Service Management",  # line 87
        section_title="IT SERVICE MANAGEMENT",  # line 256
        contents_title="IT Service Management",  # line 23
        groups=(ITSM_STRATEGY, ITSM_DESIGN, ITSM_TRANSITION, ITSM_OPERATION, ITSM_RELATIONSHIP),
        skills=(
            # --- IT Service Strategy (line 258)
            ExpectedSkill(
                260,
                "BUSINESS RISK MANAGEMENT",
                "Business risk management",
                ITSM_STRATEGY,
                (None, 2, 4, 3, None),
            ),
            ExpectedSkill(
                265,
                "CONTINUITY MANAGEMENT",
                "Continuity management",
                ITSM_STRATEGY,
                (None, None, 4, 6, None),
            ),
            ExpectedSkill(
                270,
                "INFORMATION SYSTEMS (IS) GOVERNANCE",
                "IS Governance",
                ITSM_STRATEGY,
                (None, None, None, 3, 4),
            ),
            ExpectedSkill(
                277,
                "IT AND BUSINESS STRATEGY ALIGNMENT",
                "IT and business strategy alignment",
                ITSM_STRATEGY,
                (None, None, None, 3, 1),
            ),
            ExpectedSkill(
                282,
                "INFORMATION SECURITY STRATEGY DEVELOPMENT",
                "Information security strategy development",
                ITSM_STRATEGY,
                (None, None, None, 6, 3),
            ),
            ExpectedSkill(
                287,
                "SERVICE MANAGEMENT POLICY AND PROCEDURE DESIGN",
                "Service management policy and procedure design",
                ITSM_STRATEGY,
                (None, None, None, 2, 3),
            ),
            ExpectedSkill(
                292,
                "INFORMATION AND KNOWLEDGE MANAGEMENT",
                "Information and knowledge management",
                ITSM_STRATEGY,
                (None, None, 2, 2, 3),
            ),
            # --- IT Service Design (line 297)
            ExpectedSkill(
                299,  # 12-space separators (line 302)
                "APPLICATION OF ITSM BEST PRACTICE PROCESSES, METHODS AND TOOLS",
                "Application of best practice processes, methods and tools",
                ITSM_DESIGN,
                (None, None, 3, 3, 1),
            ),
            ExpectedSkill(
                304,  # statements run together in one <p> (line 307)
                "ARCHITECTURE DESIGN",
                "Architecture design",
                ITSM_DESIGN,
                (None, None, 2, 5, 3),
            ),
            ExpectedSkill(
                309,
                "AVAILABILITY MANAGEMENT",
                "Availability management",
                ITSM_DESIGN,
                (None, 3, 3, 3, None),
            ),
            ExpectedSkill(
                314,
                "CAPACITY MANAGEMENT",
                "Capacity management",
                ITSM_DESIGN,
                (None, 2, 5, 5, None),
            ),
            ExpectedSkill(
                319,  # "<b>INNOVATING</b> description" on one line; level row 321 has no tags
                "INNOVATING",
                "Innovating",
                ITSM_DESIGN,
                (None, None, None, 3, 1),
            ),
            ExpectedSkill(
                323,  # 12-space separators (line 328)
                "TECHNOLOGY TREND MONITORING",
                "Technology trend monitoring",
                ITSM_DESIGN,
                (None, None, None, 4, 3),
            ),
            ExpectedSkill(
                330,
                "SERVICE LEVEL MANAGEMENT",
                "Service level management",
                ITSM_DESIGN,
                (None, None, 3, 2, None),
            ),
            # --- IT Service Transition (line 335)
            ExpectedSkill(
                337,
                "CONFIGURATION MANAGEMENT",
                "Configuration management",
                ITSM_TRANSITION,
                (None, 3, 2, 5, None),
            ),
            ExpectedSkill(
                342,  # statements run together in one <p> (line 345)
                "RELEASE MANAGEMENT",
                "Release management",
                ITSM_TRANSITION,
                (None, 2, 5, 3, None),
            ),
            ExpectedSkill(
                347,
                "IT CHANGE MANAGEMENT",
                "IT Change management",
                ITSM_TRANSITION,
                (None, 2, 6, 5, None),
            ),
            ExpectedSkill(
                354,
                "COMPONENT INTEGRATION",
                "Component integration",
                ITSM_TRANSITION,
                (None, 4, 2, 2, None),
            ),
            # --- IT Service Operation (line 359)
            ExpectedSkill(
                361,
                "INCIDENT MANAGEMENT",
                "Incident management",
                ITSM_OPERATION,
                (None, 2, 4, 5, None),
            ),
            ExpectedSkill(
                366,
                "PROBLEM MANAGEMENT",
                "Problem management",
                ITSM_OPERATION,
                (None, None, 5, 3, None),
            ),
            ExpectedSkill(
                371,
                "USER SUPPORT",
                "User support",
                ITSM_OPERATION,
                (4, 5, 5, None, None),
            ),
            ExpectedSkill(
                376,  # statements run together in one <p> (line 379)
                "SERVICE DELIVERY",
                "Service delivery",
                ITSM_OPERATION,
                (1, 5, 3, None, None),
            ),
            ExpectedSkill(
                381,  # statements run together in one <p> (line 386)
                "INFORMATION SECURITY MANAGEMENT",
                "Information security management",
                ITSM_OPERATION,
                (None, 3, 3, 6, None),
            ),
            # --- Relationship management (line 388)
            ExpectedSkill(
                390,
                "RELATIONSHIP MANAGEMENT",
                "Relationship management",
                ITSM_RELATIONSHIP,
                (None, None, 5, 4, 3),
            ),
        ),
    ),
    ExpectedFamily(
        summary_title="Business and commercial",  # line 114
        section_title="BUSINESS AND COMMERCIAL",  # line 395
        contents_title="Business and Commercial",  # line 24
        groups=(),
        skills=(
            ExpectedSkill(
                397,  # heading not in capitals; statements run together (line 400)
                "Contract Management",
                "Contract management",
                None,
                (None, 2, 6, 4, None),
            ),
            ExpectedSkill(
                402,
                "PURCHASING",
                "Purchasing",
                None,
                (None, 3, 5, 4, None),
            ),
            ExpectedSkill(
                407,  # 12-space separators (line 412); level 5 = one statement split in two
                "FINANCIAL MANAGEMENT",
                "Financial management",
                None,
                (None, None, 4, 5, 1),
            ),
            ExpectedSkill(
                414,  # statements run together in one <p> (line 417)
                "RESOURCE MANAGEMENT",
                "Resource management",
                None,
                (None, 3, 2, 3, 2),
            ),
            ExpectedSkill(
                419,
                "SALES MANAGEMENT",
                "Sales management",
                None,
                (None, None, 3, 5, 3),
            ),
        ),
    ),
    ExpectedFamily(
        summary_title="Leadership and personal",  # line 120
        section_title="LEADERSHIP AND PERSONAL SKILLS",  # line 424
        contents_title="Leadership and personal skills",  # line 25
        groups=(),
        skills=(
            ExpectedSkill(
                426,
                "LEADERSHIP AND TEAMWORK",
                "Leadership and teamwork",
                None,
                (3, 4, 7, 3, 4),
            ),
            ExpectedSkill(
                431,
                "COMMUNICATION AND KNOWLEDGE SHARING",
                "Communication and knowledge sharing",
                None,
                (3, 3, 3, 4, 3),
            ),
            ExpectedSkill(
                438,
                "BUSINESS AND ENVIRONMENTAL AWARENESS",
                "Business and environmental awareness",
                None,
                (3, 2, 4, 2, 3),
            ),
            ExpectedSkill(
                445,
                "NEGOTIATION",
                "Negotiation",
                None,
                (None, None, 6, 3, 2),
            ),
            ExpectedSkill(
                450,  # statements run together in one <p> (line 453)
                "CONFLICT MANAGEMENT",
                "Conflict management",
                None,
                (1, 3, 3, 1, 2),
            ),
            ExpectedSkill(
                455,  # statements run together in one <p> (line 460)
                "STAFF AWARENESS AND DEVELOPMENT",
                "Staff awareness and development",
                None,
                (None, 2, 4, 5, None),
            ),
            ExpectedSkill(
                462,  # "DETIAL" sic; summary title split over lines 126/128
                "QUALITY ORIENTATION (ATTENTION TO DETIAL)",
                "Quality orientation (attention to detail)",
                None,
                (3, 2, 3, None, None),
            ),
            ExpectedSkill(
                467,  # statements run together in one <p> (line 472)
                "PLANNING AND ORGANIZATION",
                "Planning and organization",
                None,
                (3, 6, 5, 5, 3),
            ),
        ),
    ),
)

SKILLS_PER_FAMILY: tuple[int, ...] = (12, 8, 24, 5, 8)
TOTAL_SKILLS = 57

# Section 1.2 table, lines 51-55: (name as in <b>..</b>, descriptor sentence(s)).
SCALE: tuple[tuple[str, str], ...] = (
    (
        "Intern /Entry level",
        "Works primarily under supervision with responsibility for carrying out routine work.",
    ),
    (
        "Practitioner",
        "Works independently, primarily in non-complex situations, and may take some "
        "responsibility for the evaluation and improvement of work activities.",
    ),
    (
        "Professional/ Manager",
        "Works independently where there is unpredictable change; may manage others and be "
        "responsible for reviewing and developing performance of themselves and others.",
    ),
    (
        "Lead Professional / Senior Manager",
        "Manages complex technical or professional activities or projects, taking "
        "responsibility for decision-making in complex and unpredictable work; takes "
        "responsibility for managing professional development of individuals and groups.",
    ),
    (
        "Executive",
        "Manages and transforms work contexts that are complex, unpredictable and require new "
        "strategic approaches; takes responsibility for contributing to professional knowledge "
        "and practice and/or for reviewing the strategic performance of teams. Recognized as an "
        "expert by other professionals.",
    ),
)
SCALE_NAMES: tuple[str, ...] = tuple(name for name, _ in SCALE)

PINNED_LEVELS: tuple[PinnedLevel, ...] = (
    PinnedLevel(
        "Business case development",
        3,
        137,
        "Designs the business case for a small to medium scale project or business change.",
        "Work with the project sponsor to understand project objectives",
        "Communicate and sell business plans to relevant stakeholders and address political, "
        "financial and organizational interests.",
        "<ul>/<li> list",
    ),
    PinnedLevel(
        "Project and programme planning",
        3,
        149,
        "Plans a small to medium scale project.",
        "Develop work and product breakdown structures defining work activities and "
        "‘products’ to be delivered at each stage of a project",
        "Agree the baseline plan with stakeholders.",
        "<p> paragraphs instead of <li>; curly single quotes",
    ),
    PinnedLevel(
        "Project risk management",
        4,
        187,
        "Implements processes, tools and techniques for the identification, assessment and "
        "management of risks across a programme or complex project.",
        "Integrate risks from different sources to determine overall risk profile and exposure",
        "Prioritize significant risks or issues, implementing project and programme recovery "
        "strategies as required.",
        "statements run together in one <p>; 4th ends with '.' mid-paragraph",
    ),
    PinnedLevel(
        "Stakeholder management and communication",
        5,
        225,
        "Directs the management of stakeholders across the project portfolios of an "
        "organization or organizational unit.",
        "Communicate the strategic direction and vision to Executive, third party shareholders "
        "and investors and public relations",
        "Report on project and programme outcomes, status and performance to executive "
        "management and key stakeholders to ensure they are contributing to overall achievement "
        "of objectives.",
        "run-together statements; capitalised 'Executive' inside a statement",
    ),
    PinnedLevel(
        "Modelling",
        2,
        254,
        "Uses established modelling techniques as directed.",
        "Effectively use modelling techniques as directed to determine and communicate "
        "solutions and model “what if” scenarios.",
        "Effectively use modelling techniques as directed to determine and communicate "
        "solutions and model “what if” scenarios.",
        "single statement with curly double quotes",
    ),
    PinnedLevel(
        "Innovating",
        4,
        321,
        "Recognizes and exploits the opportunities provided by IT to advance the organization "
        "or community.",
        "Think creatively to envision exploitation of technological advances to address "
        "business/society needs or research direction",
        "Integrate disparate concepts to devise unique solutions.",
        "cell without any HTML tags",
    ),
    PinnedLevel(
        "Technology trend monitoring",
        4,
        328,
        "Assesses potential value of latest IT development in areas of specialist expertise.",
        "establish understanding of evolving technologies",
        "Provide expert guidance and advice to the leadership team to support strategic "
        "decision-making.",
        "12-space separators; first statement starts in lower case",
    ),
    PinnedLevel(
        "Configuration management",
        4,
        340,
        "Leads implementation of the CMDB and configuration processes",
        "Select tools, implement and manage the CMDB",
        "Explain processes and best practices to those affected.",
        "headline without a full stop",
    ),
    PinnedLevel(
        "Release management",
        3,
        345,
        "Creates and manages the release plan.",
        "Schedule releases, working with requesters, developers approvers and other "
        "stakeholders to define the release plan",
        "Monitor integration testing.",
        "run-together statements; 3rd ends with '.' mid-paragraph",
    ),
    PinnedLevel(
        "Service delivery",
        1,
        379,
        "Records and tracks service performance.",
        "Act under guidance to record and track reliability data against the SLA.",
        "Act under guidance to record and track reliability data against the SLA.",
        "level 1 defined; single inline statement",
    ),
    PinnedLevel(
        "Financial management",
        5,
        412,
        "Directs the management of the costs and financial resources for the portfolios of an "
        "organization or an organizational unit.",
        "Provide strategic financial management of finances: capital/non-cash funding, project "
        "cost amortization, accrual management, and cost of capital management.",
        "Provide strategic financial management of finances: capital/non-cash funding, project "
        "cost amortization, accrual management, and cost of capital management.",
        "one statement split over a collapsed line break (12 spaces) after ':'; "
        "joined by one space",
    ),
    PinnedLevel(
        "Financial management",
        3,
        412,
        "Manages finance for a team or project.",
        "Prepare a budget for an agreed set of work/project activities",
        "Ensure accurate allocation and apportionment of all incurred costs in line with "
        "organizational procedures.",
        "12-space separators",
    ),
    PinnedLevel(
        "Contract management",
        3,
        400,
        "Evaluates supplier performance.",
        "Use performance indicators to monitor and evaluate performance",
        "Maintain budget integrity.",
        "run-together statements",
    ),
    PinnedLevel(
        "Leadership and teamwork",
        3,
        429,
        "Provides leadership to the team.",
        "Establish clear goals",
        "Refocus the team on achieving its purpose when things go wrong.",
        "<p> paragraphs; 7 statements",
    ),
    PinnedLevel(
        "Quality orientation (attention to detail)",
        3,
        465,
        "Improves attention to detail and quality of outputs within a team or area of "
        "responsibility.",
        "Foster a culture where attention to detail is valued",
        "Seek out opportunities to improve processes, outcomes and products.",
        "run-together statements; summary title split over lines 126/128",
    ),
)

# Headlines that carry a "Level 5 - " prefix in the source; either form is accepted.
LEVEL_PREFIXED_HEADLINES: tuple[tuple[str, int, str], ...] = (
    (
        "Portfolio management",
        5,
        "Leads definition and implementation of portfolio management framework.",
    ),  # line 180
    (
        "Resource management",
        5,
        "Plan and organize resources at a strategic level across an organization or across a "
        "portfolio.",
    ),  # line 417
)

PINNED_DESCRIPTIONS: tuple[PinnedDescription, ...] = (
    PinnedDescription(
        "Portfolio management",
        178,
        "Being able to develop and maintain an environment that supports individual projects "
        "and programmes within the portfolio to best achieve an organization's operational and "
        "financial goals – while honouring constraints imposed by customers, strategic "
        "objectives, or external real-world factors.",
        "en dash; trailing tabs",
    ),
    PinnedDescription(
        "Project and programme quality management",
        196,
        "The implementation of a quality plan and management system to assure that the outputs "
        "produced by the project are “fit for purpose” and meet the needs of the customer.",
        "curly double quotes",
    ),
    PinnedDescription(
        "Innovating",
        319,
        "Being able to research and evaluate emerging technologies and recognize the "
        "opportunities that they present for improving performance.",
        "description on the heading line after <b>INNOVATING</b>",
    ),
    PinnedDescription(
        "Release management",
        343,
        "The process of managing software releases from development stage to software release.",
        "<u> tags removed",
    ),
)
