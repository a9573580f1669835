"""Tests of the NOS (Management and Leadership 2021) parser: real source texts and messy cases.

Every expected string is copied from the SOURCE (src/skillframe/frameworks/data/
nos_management_leadership_2021.txt, line numbers in the comments), not from parser output.
The counts for all 58 units are checked separately by test_nos_counts.py.
"""

from __future__ import annotations

import pytest

from skillframe.frameworks.data import seed_text
from skillframe.frameworks.parsing.nos import (
    KnowledgeSection,
    NosParseError,
    NosSuite,
    NosUnit,
    NumberedItem,
    parse_nos,
)

SOURCE = seed_text("nos-ml")
SOURCE_LINES = SOURCE.split("\n")


@pytest.fixture(scope="module")
def suite() -> NosSuite:
    return parse_nos(SOURCE)


def _k(unit: NosUnit) -> list[NumberedItem]:
    return [item for section in unit.knowledge for item in section.items]


def _section(unit: NosUnit, kind: str) -> KnowledgeSection:
    (section,) = [s for s in unit.knowledge if s.kind == kind]
    return section


def _without_lines(first: int, last: int) -> str:
    """The source without lines first..last (1-based, inclusive)."""
    return "\n".join(SOURCE_LINES[: first - 1] + SOURCE_LINES[last:])


# --- the suite and its contents table (source lines 1-70) -------------------------------------

CONTENTS = [
    ("INSML001", "Manage yourself to achieve your work and personal objectives"),
    (
        "INSML002",
        "Develop your knowledge, skills and competence to meet the requirements of your work",
    ),
    ("INSML003", "Develop and maintain your professional connections"),
    ("INSML004", "Lead your organisation"),
    ("INSML005", "Provide leadership to your team"),
    ("INSML006", "Evaluate your organisation's operating environment"),
    ("INSML007", "Develop your organisation's vision, strategies and business plans"),
    ("INSML008", "Promote equality of opportunity, diversity and inclusion in your organisation"),
    ("INSML009", "Develop your organisation's values and culture"),
    ("INSML010", "Develop operational plans and manage risks"),
    ("INSML011", "Develop, maintain and evaluate business continuity plans and arrangements"),
    ("INSML012", "Manage Corporate Social Responsibility (CSR)"),
    ("INSML013", "Ensure compliance with legal, regulatory, ethical and social requirements"),
    ("INSML014", "Use information for decision making"),
    ("INSML015", "Identify and evaluate opportunities for innovation and improvement"),
    ("INSML016", "Plan change in your work environment"),
    ("INSML017", "Implement and evaluate change"),
    ("INSML018", "Manage continuous improvement of overall performance of your organisation"),
    ("INSML019", "Plan the workforce"),
    ("INSML020", "Recruit, induct and retain employees into their roles"),
    ("INSML021", "Manage the redeployment of employees to new roles"),
    ("INSML022", "Manage redundancies"),
    ("INSML023", "Follow your organisation's disciplinary and grievance procedures"),
    ("INSML024", "Build teams and allocate work to team members"),
    ("INSML025", "Manage and quality assure work in your team"),
    ("INSML026", "Manage team communications"),
    ("INSML027", "Manage flexible and remote working arrangements"),
    ("INSML028", "Promote and manage staff wellbeing"),
    ("INSML029", "Support employees' learning and development"),
    ("INSML030", "Coach or mentor employees"),
    ("INSML031", "Develop and sustain working relationships with colleagues and stakeholders"),
    (
        "INSML032",
        "Develop and sustain collaborative relationships with departments and other organisations",
    ),
    ("INSML033", "Manage conflicts in work environment"),
    ("INSML034", "Lead meetings to achieve objectives"),
    ("INSML035", "Identify and justify requirements for financial resources"),
    ("INSML036", "Manage financial resources"),
    ("INSML037", "Manage budgets"),
    ("INSML038", "Manage physical resources"),
    ("INSML039", "Manage the environmental and social impacts of your work"),
    ("INSML040", "Optimise the use of technologies"),
    ("INSML041", "Manage information, knowledge and communication systems"),
    ("INSML042", "Develop knowledge and communicate information"),
    ("INSML043", "Implement and evaluate strategic and operational business plans"),
    ("INSML044", "Manage business processes"),
    ("INSML045", "Manage programmes of work or projects"),
    ("INSML046", "Develop and implement marketing plans"),
    ("INSML047", "Plan and monitor the work of sales teams"),
    ("INSML048", "Bid for contracts to supply products and services"),
    ("INSML049", "Sell products and services"),
    ("INSML050", "Develop a customer-focused organisation"),
    ("INSML051", "Deliver products and services to customers"),
    ("INSML052", "Manage customer service"),
    ("INSML053", "Manage quality assurance systems"),
    ("INSML054", "Carry out and participate in quality audits"),
    ("INSML055", "Provide healthy, safe and secure working environments and practices"),
    ("INSML056", "Produce and procure products and services from external suppliers"),
    ("INSML057", "Select suppliers through a tendering process"),
    ("INSML058", "Outsource business processes"),
]


def test_suite_front_matter(suite: NosSuite) -> None:
    assert suite.title == "Management and Leadership"  # line 3
    assert suite.published == "April 2021"  # line 5
    assert suite.publisher == "Instructus"  # "Developed by<TAB>Instructus" in every unit


def test_58_units_in_urn_order_with_contents_titles(suite: NosSuite) -> None:
    assert [u.urn for u in suite.units] == [f"INSML{n:03d}" for n in range(1, 59)]
    assert [(u.urn, u.title) for u in suite.units] == CONTENTS


def test_unit_lookup(suite: NosSuite) -> None:
    assert suite.unit("INSML030").title == "Coach or mentor employees"
    with pytest.raises(KeyError, match="INSML999"):
        suite.unit("INSML999")


# --- INSML001 (source lines 75-221) -----------------------------------------------------------


def test_insml001(suite: NosSuite) -> None:
    unit = suite.unit("INSML001")
    assert unit.title == "Manage yourself to achieve your work and personal objectives"
    assert unit.overview.startswith(
        "This standard is about managing yourself to achieve your work and personal objectives."
    )
    assert unit.overview.endswith(
        "achieve your work and personal objectives.\n\nThis standard is for all managers and "
        "leaders."
    )  # lines 79 and 81
    pcs = unit.performance_criteria
    assert pcs[0] == NumberedItem(1, "define the key purpose of your work role")  # line 89
    assert pcs[-1] == NumberedItem(
        29,
        "take actions to maintain balance between your professional and personal life, "
        "when required",
    )  # line 122
    assert [s.heading for s in unit.knowledge] == [
        "General knowledge and understanding",
        "Industry and sector specific knowledge and understanding",
        "Context specific knowledge and understanding",
    ]
    general, industry, context = unit.knowledge
    assert general.items[0] == NumberedItem(1, "how to identify the requirements of your work role")
    assert general.items[-1] == NumberedItem(
        16, "how to address multiple demands with focus and energy"
    )  # line 161
    assert industry.items[0].text == (
        "the industry and sector requirements for the development and maintenance of "
        "knowledge, skills and competence"
    )  # line 165
    assert industry.items[-1] == NumberedItem(
        18,
        "the legal, organisational, codes of practice and policies relevant to your role and "
        "the activities being carried out",
    )  # line 167
    assert context.items[0] == NumberedItem(
        19,
        "the colleagues and team members within your area of work, their roles, "
        "responsibilities, competences and potential",
    )  # line 171
    assert context.items[-1] == NumberedItem(
        29, "the sources of performance feedback in your organisation"
    )  # line 186
    assert unit.skills == (
        "Communicating",
        "Evaluating",
        "Empathy",
        "Motivation",
        "Obtaining feedback",
        "Managing self",
        "Personal resilience",
        "Planning",
        "Prioritising",
        "Reviewing",
        "Self-assessment",
        "Self-reflection",
        "Self-awareness",
        "Setting objectives",
        "Time management",
    )  # lines 194-208
    meta = unit.metadata
    assert meta.fields == (
        ("Developed by", "Instructus"),
        ("Version Number", "1"),
        ("Date Approved", "February 2021"),
        ("Indicative Review Date", "March 2026"),
        ("Validity", "Current"),
        ("Status", "Original"),
        ("Originating Organisation", "Instructus"),
        ("Original URN", "CFAM&LAA1"),
        ("Relevant Occupations", "Managers and Senior Officials"),
        ("Suite", "Management and Leadership"),
        ("Keywords", "Management & leadership; manage yourself"),
    )  # lines 212-222
    assert (meta.developed_by, meta.version_number, meta.date_approved) == (
        "Instructus",
        "1",
        "February 2021",
    )
    assert (meta.indicative_review_date, meta.validity, meta.status) == (
        "March 2026",
        "Current",
        "Original",
    )
    assert meta.originating_organisation == "Instructus"
    assert meta.original_urns == ("CFAM&LAA1",)
    assert meta.relevant_occupations == ("Managers and Senior Officials",)
    assert meta.suite == "Management and Leadership"
    assert meta.keywords == ("Management & leadership", "manage yourself")


def test_insml001_pc_crossing_a_page_break_with_running_header(suite: NosSuite) -> None:
    # line 110 "- 22. use emotional intelligence to recognise and evaluate your own", blank lines,
    # running header (112), continuation (114)
    assert suite.unit("INSML001").performance_criteria[21] == NumberedItem(
        22,
        "use emotional intelligence to recognise and evaluate your own and your colleagues' "
        "strengths and weaknesses, feelings, opinions and judgements",
    )
    assert suite.unit("INSML001").performance_criteria[22].text == (
        "manage your relationships with colleagues and customers to achieve your objectives"
    )  # line 116: the next item is not swallowed


def test_item_number_at_the_end_of_the_line(suite: NosSuite) -> None:
    knowledge = _k(suite.unit("INSML001"))
    # line 134: "- how to identify the requirements of your work role 1."
    assert knowledge[0] == NumberedItem(1, "how to identify the requirements of your work role")
    # line 141: "how to evaluate the impact of different factors on your role 6."
    assert knowledge[5] == NumberedItem(
        6, "how to evaluate the impact of different factors on your role"
    )
    # line 2025: "the obstacles to change, and the techniques that deal with these 6."
    assert _k(suite.unit("INSML016"))[5] == NumberedItem(
        6, "the obstacles to change, and the techniques that deal with these"
    )


def test_item_number_in_the_middle_of_the_line(suite: NosSuite) -> None:
    # line 534: "how to engage people within your organisation and other key 1. stakeholders in..."
    assert _k(suite.unit("INSML004"))[0].text == (
        "how to engage people within your organisation and other key stakeholders in defining "
        "your organisation's direction and committing their energies and expertise to "
        "achieving its results"
    )
    # line 549: "9 the types of challenges..." (no dot)
    assert _k(suite.unit("INSML004"))[8] == NumberedItem(
        9,
        "the types of challenges and difficulties that may arise and ways of identifying and "
        "addressing them",
    )


def test_unnumbered_items_take_the_number_of_their_position(suite: NosSuite) -> None:
    # line 106: "- respond quickly and positively ..." between 17. (105) and 19. (107)
    assert suite.unit("INSML001").performance_criteria[17] == NumberedItem(
        18,
        "respond quickly and positively to new opportunities and revise your objectives and "
        "priorities",
    )
    # line 244: the first PC of INSML002 has no number
    assert suite.unit("INSML002").performance_criteria[0] == NumberedItem(
        1, "monitor trends and developments in your professional sector and area of expertise"
    )
    # line 283: "<TAB> the importance of taking account..." between 5. and 7. in a tab table
    assert _k(suite.unit("INSML002"))[5] == NumberedItem(
        6,
        "the importance of taking account of your career and personal goals when planning "
        "your professional development",
    )


def test_unnumbered_items_glued_on_one_line(suite: NosSuite) -> None:
    # line 1311: K1-K4 of INSML010, none numbered, on one line after a repeated heading
    assert [i.text for i in _k(suite.unit("INSML010"))[:5]] == [
        "how to engage employees and stakeholders in operational planning",
        "the principles and methods of short to medium-term planning and how to develop and "
        "assign objectives which are Specific, Measurable, Achievable, Realistic and Time-bound "
        "(SMART)",
        "how to analyse and manage risks by contingency planning",
        "how to identify resource requirements and evaluate their availability and sustainability",
        "the relevant national and international standards in risk management",
    ]
    # line 969: K1 and K2 of INSML007
    assert [i.text for i in _k(suite.unit("INSML007"))[:3]] == [
        "how to engage colleagues and stakeholders in developing an organisation's vision, "
        "strategies and business plans",
        "how to formulate an appropriate and effective vision for an organisation",
        "the principles and methods of communication, and how to apply them",
    ]


def test_three_unnumbered_items_on_one_tab_row(suite: NosSuite) -> None:
    # line 5262: K6, K7, K8 of INSML042 without numbers after K5 (5261) and before "9." (5263)
    assert [i.text for i in _k(suite.unit("INSML042"))[4:8]] == [
        "how to ensure that knowledge developed through individual and group work activities "
        "is effectively captured and made available to those who may benefit from it",
        "how to evaluate risks and manage significant risks involved in knowledge management",
        "the importance of protecting intellectual property from unauthorised use, and how to "
        "do so",
        "how to identify employees' needs for information and knowledge and their motivations "
        "for acquiring it",
    ]


def test_numbered_items_glued_to_the_previous_word(suite: NosSuite) -> None:
    # line 1560: "...their interests and expectations15. your organisation's values..."
    assert [i.text for i in _k(suite.unit("INSML012"))[-2:]] == [
        "your organisation's stakeholders, their interests and expectations",
        "your organisation's values, vision, activities and operating environment",
    ]
    # lines 3257-3258: "...objectives set13. the internal ... to" / "get information, ...this14."
    assert [(i.number, i.text) for i in _k(suite.unit("INSML026"))[11:14]] == [
        (
            12,
            "the types of communication needs that your team have,individually and "
            "collectively, to deliver the organisational objectives set",
        ),
        (
            13,
            "the internal and external teams that your staff communicate with to get "
            "information, including when and how they access this",
        ),
        (14, "why, how and when your team provides information to other teams and each other"),
    ]


def test_items_split_over_page_breaks(suite: NosSuite) -> None:
    # lines 944 / 946 (running header) / 950: "...against strategic business" + "plans"
    assert suite.unit("INSML007").performance_criteria[17] == NumberedItem(
        18, "monitor organisational performance against strategic business plans"
    )
    # lines 2338 / 2340 (header) / 2344: K16 of INSML018, the last K item
    assert _k(suite.unit("INSML018"))[-1] == NumberedItem(
        16,
        "the formal and informal sources of information relevant to your organisation and how "
        "to gather suitable information",
    )
    # lines 2167-2168: a tab-table item wrapped onto the next row
    assert _k(suite.unit("INSML017"))[0].text == (
        "how to engage employees and stakeholders in implementing change"
    )


# --- INSML005: first knowledge table flattened into one line (source lines 637-769) ------------


def test_insml005(suite: NosSuite) -> None:
    unit = suite.unit("INSML005")
    assert unit.title == "Provide leadership to your team"
    assert unit.overview.startswith("The standard is about providing leadership to your team.")
    pcs = unit.performance_criteria
    assert pcs[0] == NumberedItem(
        1, "communicate the purpose and objectives of the team to all members"
    )  # line 652
    assert pcs[-1] == NumberedItem(
        24,
        "follow the legal, organisational, codes of practice and policies relevant to your role "
        "when providing leadership to your team",
    )  # line 700
    general, industry, context = unit.knowledge
    # line 704: "...how to engage team members within your area of responsibility to 1. understand:
    # define team direction and persuade them..."
    assert general.items[0] == NumberedItem(
        1,
        "how to engage team members within your area of responsibility to define team "
        "direction and persuade them to commit their energies and expertise to achieving results",
    )
    assert general.items[-1] == NumberedItem(
        13,
        "the importance of showing team members how personal work objectives contribute to "
        "achievement of team and organisational objectives",
    )
    assert [i.text for i in industry.items] == [
        "the industry and sector requirements for the development and maintenance of "
        "knowledge, skills and competence",
        "the legal, organisational, codes of practice and policies relevant to your role and "
        "the activities being carried out",
    ]
    assert context.items[0] == NumberedItem(
        16, "your own role, responsibilities and level of authority"
    )  # line 706
    assert context.items[-1] == NumberedItem(
        23,
        "the personal work objectives and organisational standards of performance for your "
        "team members",
    )  # line 722
    assert unit.skills == (
        "Coaching",
        "Communicating",
        "Decision-making",
        "Empowering",
        "Evaluating",
        "Following",
        "Involving others",
        "Influencing",
        "Leadership",
        "Leading by example",
        "Managing conflict",
        "Monitoring",
        "Motivating",
        "Obtaining feedback",
        "Performance management",
        "Persuading",
        "Planning",
        "Problem solving",
        "Presenting information",
        "Prioritising",
        "Providing feedback",
        "Problem solving",
        "Providing feedback",
        "Supporting teams",
        "Supporting individual resilience",
        "Setting objectives",
        "Team building",
        "Valuing and supporting others",
    )  # lines 728-755, repeats kept
    assert unit.metadata.fields == (
        ("Developed by", "Instructus"),
        ("Version Number", "1"),
        ("Date Approved", "February 2021"),
        ("Indicative Review Date", "March 2026"),
        ("Validity", "Current"),
        ("Status", "Original"),
        ("Originating Organisation", "Instructus"),
        ("Original URN", "CFAM&LBA2, CFAM&LBA3"),
        ("Relevant Occupations", "Managers and Senior Officials"),
        ("Suite", "Management and Leadership"),
        (
            "Keywords",
            "Management & leadership; leadership; responsibility; lead; team; team leaders; "
            "project managers",
        ),
    )  # lines 759-769
    assert unit.metadata.original_urns == ("CFAM&LBA2", "CFAM&LBA3")
    assert unit.metadata.keywords == (
        "Management & leadership",
        "leadership",
        "responsibility",
        "lead",
        "team",
        "team leaders",
        "project managers",
    )


# --- INSML009: the whole K&U table on one line, both later headings inside it (1200-1264) ------


def test_insml009(suite: NosSuite) -> None:
    unit = suite.unit("INSML009")
    pcs = unit.performance_criteria
    assert pcs[0].text == (
        "engage colleagues, team members and other stakeholders in developing your "
        "organisation's values and culture in line with the organisation's vision and strategy"
    )  # line 1215
    assert pcs[-1] == NumberedItem(
        14,
        "follow, and ensure others follow, legal requirements, industry regulations, "
        "organisational policies and professional codes",
    )  # line 1228
    general, industry, context = unit.knowledge
    assert general.items[0] == NumberedItem(
        1,
        "how to engage colleagues and team members in your organisation and other key "
        "stakeholders in developing your organisation's values and culture",
    )
    assert general.items[-1] == NumberedItem(
        7, "the principles and methods of managing culture change within organisations"
    )
    assert [i.text for i in industry.items] == [
        "the legal, organisational, codes of practice and policies relevant to your role and "
        "the activities being carried out",
        "the types of organisational culture in your sector and their strengths and limitations",
    ]
    assert context.items[0] == NumberedItem(
        10,
        "the cultures of your workforce and the implications of these for organisational culture",
    )
    assert context.items[-1] == NumberedItem(
        14,
        "the ways of dealing with messages and behaviour that conflict with agreed values and "
        "assumptions",
    )
    # "the different types of organisational culture, their features and 5. benefits the
    # relationship between organisational culture, strategy and 6. performance"
    assert [i.text for i in general.items[4:6]] == [
        "the different types of organisational culture, their features and benefits",
        "the relationship between organisational culture, strategy and performance",
    ]
    assert unit.skills[0] == "Building consensus" and unit.skills[-1] == (
        "Valuing and supporting others"
    )  # lines 1238-1250
    assert len(unit.skills) == 13
    assert unit.metadata.fields == (
        ("Developed by", "Instructus"),
        ("Version Number", "1"),
        ("Date Approved", "February 2021"),
        ("Indicative Review Date", "March 2026"),
        ("Validity", "Current"),
        ("Status", "Original"),
        ("Originating Organisation", "Instructus"),
        ("Original URN", "CFAM&LBA8"),
        ("Relevant Occupations", "Managers and Senior Officials"),
        ("Suite", "Management and Leadership"),
        ("Keywords", "Management & leadership; organisation; values; culture"),
    )  # lines 1254-1264


# --- INSML047: flattened table, unnumbered PC, split metadata labels (5868-5938) ---------------


def test_insml047(suite: NosSuite) -> None:
    unit = suite.unit("INSML047")
    pcs = unit.performance_criteria
    assert pcs[0] == NumberedItem(
        1, "identify factors affecting sales trends for your organisation"
    )
    assert pcs[7] == NumberedItem(
        8,
        "assign sales team members using the approach selected, matching their knowledge, "
        "abilities and skills to the requirements of customers within the relevant territories, "
        "customer types or sectors",
    )  # line 5890, no number
    assert pcs[-1] == NumberedItem(
        16,
        "follow the legal, organisational, codes of practice and policies relevant to planning "
        "and monitoring the work of sales teams",
    )  # line 5898
    general, industry, context = unit.knowledge
    assert general.items[0].text == (
        "the different ways of structuring sales forces, including territory management, "
        "customer type and industry sector management, and the reasons for selecting each"
    )
    assert general.items[-1] == NumberedItem(
        10, "the sources of general and specialist advice on effective resourcing of the sales team"
    )
    assert industry.items == (
        NumberedItem(
            11,
            "the legal, organisational, codes of practice and policies relevant to planning and "
            "monitoring the work of sales teams",
        ),
    )
    assert context.items[0].text == (
        "your own organisation's products and services, sales strategies, plans and targets, "
        "including those in relation to relevant key accounts"
    )
    assert context.items[-1] == NumberedItem(
        16,
        "your organisation's actual and potential competitors and partners and the key features "
        "of their selling strategies",
    )
    assert [general.items[4].text, general.items[7].text] == [
        "the variety of procurement practices used by a range of organisations",
        "the techniques for motivating a sales force, including the use of tactical sales "
        "incentives",
    ]
    assert unit.skills == (
        "Analysing",
        "Communicating",
        "Decision-making",
        "Evaluating",
        "Information management",
        "Involving employees",
        "Monitoring",
        "Obtaining feedback",
        "Planning",
        "Presenting information",
        "Problem solving",
        "Setting objectives",
        "Thinking strategically",
        "Thinking with a focus on customers",
    )  # lines 5908-5921
    # lines 5925-5938: labels wrapped over two rows; every row kept as the source has it
    assert unit.metadata.fields == (
        ("Developed by", "Instructus"),
        ("Version Number", "1"),
        ("Date Approved", "February 2021"),
        ("Indicative Review", "March 2026"),
        ("Date", ""),
        ("Validity", "Current"),
        ("Status", "Original"),
        ("Originating", "Instructus"),
        ("Organisation", ""),
        ("Original URN", "CFAM&LFC1"),
        ("Relevant", "Managers and Senior Officials"),
        ("Occupations", ""),
        ("Suite", "Management and Leadership"),
        ("Keywords", "Management & leadership; manage; sales; teams"),
    )
    meta = unit.metadata
    assert meta.indicative_review_date == "March 2026"
    assert meta.originating_organisation == "Instructus"
    assert meta.relevant_occupations == ("Managers and Senior Officials",)
    assert meta.keywords == ("Management & leadership", "manage", "sales", "teams")


# --- INSML058, the last unit (7067-7174) -------------------------------------------------------


def test_insml058(suite: NosSuite) -> None:
    unit = suite.unit("INSML058")
    assert unit.title == "Outsource business processes"
    assert unit.overview.startswith(
        "This standard is about outsourcing business processes which are not part of your "
        "organisation's core competences."
    )
    pcs = unit.performance_criteria
    assert pcs[0] == NumberedItem(
        1,
        "engage colleagues and other stakeholders in outsourcing decisions and managing "
        "outsourcing arrangements",
    )  # line 7082
    assert pcs[-1] == NumberedItem(
        21,
        "follow the legal, organisational, codes of practice and policies relevant to "
        "outsourcing business processes",
    )  # line 7102
    general, industry, context = unit.knowledge
    assert general.items[0].text == (
        "how to engage colleagues and stakeholders in outsourcing decisions and managing "
        "outsourcing arrangements"
    )  # line 7112
    assert general.items[-1] == NumberedItem(
        15,
        "the importance of reviewing the outsourcing arrangement at agreed points and in the "
        "event of significant changes in the business environment",
    )  # line 7126
    assert [i.text for i in industry.items] == [
        "the industry and sector requirements for outsourcing business processes",
        "the legal, organisational, codes of practice and policies relevant to your role and "
        "the activities being carried out to outsource business processes",
    ]  # lines 7130, 7134 (a page break between them)
    assert context.items[0] == NumberedItem(
        18,
        "the individuals in your area of work, their roles, responsibilities, competences and "
        "potential",
    )
    assert context.items[-1] == NumberedItem(
        20,
        "your organisation's procedures and relevant legal requirements for inviting tenders to "
        "supply your requirements",
    )  # line 7142
    assert unit.skills == (
        "Analysing",
        "Assessing",
        "Communicating",
        "Decision-making",
        "Evaluating",
        "Monitoring",
        "Negotiating",
        "Persuading",
        "Presenting information",
        "Questioning",
        "Reviewing",
        "Risk management",
        "Thinking strategically",
    )  # lines 7148-7160
    assert unit.metadata.fields == (
        ("Developed by", "Instructus"),
        ("Version Number", "1"),
        ("Date Approved", "February 2021"),
        ("Indicative Review Date", "March 2026"),
        ("Validity", "Current"),
        ("Status", "Original"),
        ("Originating Organisation", "Instructus"),
        ("Original URN", "CFAM&LED4"),
        ("Relevant Occupations", "Managers and Senior Officials"),
        ("Suite", "Management and Leadership"),
        ("Keywords", "Management & leadership; outsource; business processes"),
    )  # lines 7164-7174 (the last line has no newline)


# --- every flattened table (lines of 1,800+ characters) ----------------------------------------

FLATTENED = [
    # (line, code, text read in the source with the interleaved number and words removed)
    (
        704,
        "INSML005.K7",
        "the types of difficulties and challenges that may arise and ways of "
        "identifying and addressing them",
    ),
    (
        1232,
        "INSML009.K8",
        "the legal, organisational, codes of practice and policies relevant "
        "to your role and the activities being carried out",
    ),
    (
        2975,
        "INSML024.K2",
        "how to identify the scope of knowledge, skills and competence "
        "required to achieve the purpose of teams",
    ),
    (
        2975,
        "INSML024.K6",
        "how to help team members to understand their unique contribution to team purpose",
    ),
    (
        3108,
        "INSML025.K7",
        "the importance of reviewing objectives and performance regularly, and how to do so",
    ),
    (
        3108,
        "INSML025.K13",
        "the ways of dealing with conflicts when they arise, what types of "
        "action should be taken and when",
    ),
    (
        3767,
        "INSML030.K3",
        "the skills effective coaches and mentors require, and how to apply these skills",
    ),
    (
        3767,
        "INSML030.K6",
        "the importance of identifying performance issues and bringing these "
        "to the attention of the employees concerned",
    ),
    (4727, "INSML037.K5", "how to forecast the budgets"),
    (
        4727,
        "INSML037.K6",
        "how to use a budget to actively monitor and control performance for "
        "a defined area or activity of work",
    ),
    (
        4727,
        "INSML037.K9",
        "the importance of agreeing revisions to the budget and communicating the changes",
    ),
    (
        5014,
        "INSML040.K5",
        "the different techniques and methods for communicating your "
        "organisation's strategy for using technologies",
    ),
    (
        5014,
        "INSML040.K6",
        "how to benchmark your organisation's use of strategy against other organisations",
    ),
    (
        5902,
        "INSML047.K1",
        "the different ways of structuring sales forces, including territory "
        "management, customer type and industry sector management, and the reasons for selecting "
        "each",
    ),
    (
        6472,
        "INSML053.K1",
        "how to keep up to date with current developments, tools and "
        "techniques in quality management, customers' and other stakeholders' quality "
        "expectations",
    ),
    (
        6472,
        "INSML053.K9",
        "how to detect, record and report quality performance, including any "
        "shortfall in the quality of processes, products and services, and investigate the "
        "cause(s) and corrective action to taken",
    ),
    (
        6543,
        "INSML054.P4",
        "plan programmes of quality audits which prioritises the areas and "
        "processes at greatest risk",
    ),
    (6543, "INSML054.P5", "develop, support and supervise people to carry out audit programmes"),
    (
        6585,
        "INSML054.K9",
        "how to carry out quality audits and the importance of doing so "
        "according to an agreed audit plan and schedule",
    ),
    (
        6585,
        "INSML054.K12",
        "the importance of preparing carefully for the audits, and how to do SO",
    ),
]


def test_the_flattened_lines_are_all_listed() -> None:
    long_lines = [n for n, line in enumerate(SOURCE_LINES, 1) if len(line) > 1500]
    assert long_lines == sorted({line for line, _, _ in FLATTENED})


@pytest.mark.parametrize(("line", "code", "text"), FLATTENED, ids=lambda v: str(v)[:14])
def test_flattened_table_item(suite: NosSuite, line: int, code: str, text: str) -> None:
    urn, element = code.split(".")
    unit = suite.unit(urn)
    items = unit.performance_criteria if element[0] == "P" else tuple(_k(unit))
    number = int(element[1:])
    assert items[number - 1] == NumberedItem(number, text), f"line {line}"


# --- the K&U lead-in written in several ways ---------------------------------------------------


@pytest.mark.parametrize(
    ("urn", "first_k"),
    [
        # 128-132: "understand:" BEFORE "You need to know and General knowledge and understanding"
        ("INSML001", "how to identify the requirements of your work role"),
        # 335-339 style: "You need to know and General..." then "understand:" (INSML003, 400-404)
        ("INSML003", "the types of professional connections and their features"),
        # 827-829: tab rows "You need to know and<TAB>General..." / "understand:<TAB>1. ..."
        (
            "INSML006",
            "how to engage colleagues and other stakeholders in evaluating your organisation's "
            "operating environment",
        ),
        # 966-969: "Knowledge and<TAB>" / "understanding<TAB>" / ...
        (
            "INSML007",
            "how to engage colleagues and stakeholders in developing an organisation's vision, "
            "strategies and business plans",
        ),
        # 2511-2512: stray "_" and the typo "inderstand:"
        (
            "INSML020",
            "how to review the workload in your area to identify shortfalls in number of "
            "employees, their knowledge, skills and competence",
        ),
        # 5259-5260: "You need to know and understand:<TAB> General knowledge and understanding 1."
        (
            "INSML042",
            "the importance of knowledge management principles, the techniques used and good "
            "practice",
        ),
        # 6273-6275: no "You need to know and" at all
        (
            "INSML051",
            "how to engage colleagues and other stakeholders in delivering products and services "
            "to customers",
        ),
    ],
)
def test_knowledge_lead_in_variants(suite: NosSuite, urn: str, first_k: str) -> None:
    unit = suite.unit(urn)
    assert unit.knowledge[0].kind == "general"
    assert unit.knowledge[0].heading == "General knowledge and understanding"
    assert unit.knowledge[0].items[0] == NumberedItem(1, first_k)


def test_heading_given_twice_and_stray_marks(suite: NosSuite) -> None:
    # 1307 "4" (page number), 1310 "C<TAB>General knowledge and understanding", 1311 the heading
    # again: one general section
    unit = suite.unit("INSML010")
    assert [s.kind for s in unit.knowledge] == ["general", "industry", "context"]
    assert len(unit.knowledge[0].items) == 13


# --- lists whose heading is missing or unexpected ---------------------------------------------


def test_skills_list_headed_behaviours(suite: NosSuite) -> None:
    skills = suite.unit("INSML010").skills  # "Behaviours" (1354), 1356-1379
    assert skills[0] == "Assessing" and skills[-1] == "Thinking critically"
    assert len(skills) == 24


def test_skills_list_without_heading(suite: NosSuite) -> None:
    # INSML019: "- 1. Analysing" (2434) follows K15 directly, no "Skills" heading
    unit = suite.unit("INSML019")
    assert _k(unit)[-1].text == (
        "the internal and external specialist resources available for workforce planning and "
        "how to make use of them"
    )
    assert unit.skills[0] == "Analysing" and unit.skills[-1] == "Thinking strategically"
    assert len(unit.skills) == 13
    for urn in ("INSML017", "INSML018", "INSML020", "INSML021", "INSML022", "INSML023"):
        assert suite.unit(urn).skills, urn


def test_knowledge_without_section_headings(suite: NosSuite) -> None:
    # INSML011, 1444-1472: "You need to know and understand:" then K1-K20, no section heading
    (section,) = suite.unit("INSML011").knowledge
    assert (section.kind, section.heading) == ("general", "")
    assert section.items[0].text == (
        "how to engage colleagues, team members and stakeholders in developing business "
        "continuity plans and arrangements"
    )
    assert section.items[-1] == NumberedItem(
        20, "how and why business continuity plans must be systematically reviewed"
    )  # line 1472, after a running header


def test_pc_subheadings_are_not_items(suite: NosSuite) -> None:
    # INSML054: "Manage and carry out quality audits" inside line 6543, "Participate in quality
    # audits" (6565); the numbering runs on across them
    pcs = suite.unit("INSML054").performance_criteria
    assert pcs[0].text == (
        "engage colleagues and stakeholders in auditing compliance with your organisation's "
        "quality systems"
    )
    assert pcs[25].text == (
        "follow the legal, organisational, codes of practice and policies relevant to managing "
        "and carrying out quality audits"
    )
    assert pcs[26] == NumberedItem(
        27,
        "establish the quality standards and procedures that apply to your area of responsibility",
    )
    assert not any("Participate" in p.text or "Manage and" in p.text for p in pcs)


# --- other page furniture and PDF artefacts ---------------------------------------------------


def test_bare_urns_page_numbers_and_garbled_headers_are_furniture(suite: NosSuite) -> None:
    # 3393: "...deal with appeals related to INSML027" + after the header (3399) "flexible and
    # remote working"
    assert _k(suite.unit("INSML027"))[-1].text == (
        "the sources of internal and external specialist support available to you within your "
        "role to make decisions and deal with appeals related to flexible and remote working"
    )
    # 6388: garbled running header "Managa customer sonica" between K14 and K15
    k = _k(suite.unit("INSML052"))
    assert [i.text for i in k[13:15]] == [
        "your organisation's stakeholders and their interests, and available resources",
        "your organisation's customers and their expectations of customer service",
    ]
    for unit in suite.units:
        for item in (*unit.performance_criteria, *_k(unit)):
            assert "INSML" not in item.text and unit.title not in item.text, unit.urn


def test_truncated_copy_of_an_item_is_replaced_by_the_full_item(suite: NosSuite) -> None:
    # INSML028: "16 the internal ... (such as" (3502) then "16. the internal ... programmes,"
    # (3504) which continues after the page break at 3512
    k = _k(suite.unit("INSML028"))
    assert k[-1] == NumberedItem(
        16,
        "the internal and external sources of specialist expertise (such as HR staff, mental "
        "health first aiders, employee assistance programmes, charities, local support groups)",
    )
    assert [i.number for i in k] == list(range(1, 17))


def test_tail_printed_after_the_next_item(suite: NosSuite) -> None:
    # INSML037: K19 ends "...when they need it and" (4733); "in what format" (4737) comes after
    # K20 (4735)
    k = _k(suite.unit("INSML037"))
    assert k[-2].text.endswith("what information they need, when they need it and in what format")
    assert k[-1] == NumberedItem(
        20, "what to do and who to contact if you suspect fraud has been committed"
    )


def test_stray_repeated_fragment_is_not_appended(suite: NosSuite) -> None:
    # INSML056: "in products and services" (6850) after the running header that follows PC20
    assert suite.unit("INSML056").performance_criteria[-1] == NumberedItem(
        20,
        "follow the legal, organisational, codes of practice and policies relevant to "
        "procuring products and services",
    )


def test_items_truncated_in_the_source_are_kept_as_they_are(suite: NosSuite) -> None:
    # INSML008 PC15 (1080) ends "...and your organisation's current and potential customers
    # and" and PC16 (1086) is a new numbered item
    assert (
        suite.unit("INSML008")
        .performance_criteria[14]
        .text.endswith(
            "in comparison to the population and your organisation's current and potential "
            "customers and"
        )
    )


# --- overview ------------------------------------------------------------------------------------


def test_overview_paragraphs_and_glued_running_header(suite: NosSuite) -> None:
    # 5703 and 5705: two paragraphs, then "This standard is for all managers and leaders." (5707)
    overview = suite.unit("INSML046").overview
    assert overview.count("\n\n") == 2
    assert overview.split("\n\n")[1].startswith("You engage colleagues and stakeholders")
    # 3560: "...This standard is for all managers and leaders. Support employees' learning and
    # development" - the running header glued to the paragraph is removed
    assert suite.unit("INSML029").overview.endswith(
        "take on new roles and responsibilities. This standard is for all managers and leaders."
    )


# --- metadata tables ----------------------------------------------------------------------------


def test_metadata_keeps_every_row_including_unexpected_labels(suite: NosSuite) -> None:
    # INSML057, 7051-7066: OCR junk rows "valiaity" and "Delevent ... Managara and Saniar
    # Officiala" are kept in fields and do not disturb the typed values
    meta = suite.unit("INSML057").metadata
    assert meta.fields == (
        ("Developed by", "Instructus"),
        ("Version Number", "1"),
        ("Date Approved", "February 2021"),
        ("Indicative Review", "March 2026"),
        ("Date", ""),
        ("Validity", "Current"),
        ("valiaity", ""),
        ("Status", "Original"),
        ("Originating", "Instructus"),
        ("Organisation", ""),
        ("Original URN", "CFAM&LED3"),
        ("Delevent", "Managara and Saniar Officiala"),
        ("Relevant", "Managers and Senior Officials"),
        ("Occupations", ""),
        ("Suite", "Management and Leadership"),
        ("Keywords", "Management & leadership; suppliers; tendering process"),
    )
    assert meta.validity == "Current"
    assert meta.relevant_occupations == ("Managers and Senior Officials",)
    # INSML045, 5685: "<TAB>E 1 000 <i>1</i>" - no label, tag stripped
    assert ("", "E 1 000 1") in suite.unit("INSML045").metadata.fields
    # INSML025, 3180-3189: "Date Approved<TAB>" repeated empty, "Occupations<TAB>~"
    fields = suite.unit("INSML025").metadata.fields
    assert fields[2:6] == (
        ("Date Approved", "February 2021"),
        ("Date Approved", ""),
        ("Indicative Review", "March 2026"),
        ("Date", ""),
    )
    assert ("Occupations", "~") in fields
    assert suite.unit("INSML025").metadata.date_approved == "February 2021"
    # INSML048: "CFAMLFC2" (no "&") kept as written
    assert suite.unit("INSML048").metadata.original_urns == ("CFAMLFC2",)
    # several original URNs
    assert suite.unit("INSML054").metadata.original_urns == ("CFAM&LFE2", "CFAM&LFE3", "CFAM&LFE4")


# --- small hand-written texts: heading styles, characters, messy cases -------------------------

_META = (
    "Developed by\tInstructus\nVersion Number\t1\nDate Approved\tFebruary 2021\n"
    "Indicative Review Date\tMarch 2026\nValidity\tCurrent\nStatus\tOriginal\n"
    "Originating Organisation\tInstructus\nOriginal URN\t{urn}\n"
    "Relevant Occupations\tManagers and Senior Officials\nSuite\tManagement and Leadership\n"
    "{extra}Keywords\tManagement &amp; leadership; {kw}\n"
)


def _sample(first_unit: str, pcs: str = "- 1. plan the work\n- 2. check the work\n") -> str:
    second = (
        "Lead people\n\nOverview\n\nThis standard is about leading people.\n\n"
        f"Performance criteria\n\nYou must be able to:\n\n{pcs}\n"
        "Knowledge and understanding\n\nYou need to know and understand:\n\n"
        "- 1. how to lead people\n\nSkills\n\n- 1. Leading\n\n"
        + _META.format(urn="CFAM&LXX2", extra="", kw="lead")
    )
    return (
        "Management and Leadership\n\nNational Occupational Standards (NOS) April 2021\n\n"
        "URN\tNOS Title\nINSML001\tManage things &amp; stuff\nINSML002\tLead people\n\n\n"
        + first_unit
        + "\n"
        + second
    )


_MESSY_UNIT = (
    "## Manage things &amp; stuff\n\n## OVERVIEW\n\n"
    "This standard is about managing things – the “right” things &amp; the organisation’s "
    "procedures f\n\n"
    "**Performance criteria**\n\nYOU MUST BE ABLE TO:\n\n"
    "- 1. plan the work\n\n"
    "- 2. check the quality of the\n\n"
    "Manage things & stuff\n\n"
    "work of others\n"
    "- report results to the team\n"
    "4. agree actions &amp; deadlines\n\n"
    "KNOWLEDGE AND UNDERSTANDING\n\n"
    "You need to know and\n"
    "**General knowledge and understanding**\n"
    "understand:\n\n"
    "- how to plan work 1.\n"
    "2. the ways to check the quality of work\n\n"
    "## INDUSTRY AND SECTOR SPECIFIC KNOWLEDGE AND UNDERSTANDING\n\n"
    "3. the sector’s rules\n\n"
    "Context specific knowledge and understanding\n\n"
    "4. your organisation’s policies\n\n"
    "## SKILLS\n\n- 1. Planning\n- 2. Checking\n\n"
    + _META.format(urn="CFAM&LXX1, CFAM&LXX9", extra="Level\tSenior\n", kw="things; stuff")
)


@pytest.fixture(scope="module")
def messy() -> NosUnit:
    return parse_nos(_sample(_MESSY_UNIT)).unit("INSML001")


def test_sample_headings_in_markdown_bold_and_capitals(messy: NosUnit) -> None:
    assert messy.title == "Manage things & stuff"
    assert [s.heading for s in messy.knowledge] == [
        "General knowledge and understanding",
        "Industry and sector specific knowledge and understanding",
        "Context specific knowledge and understanding",
    ]
    assert messy.skills == ("Planning", "Checking")


def test_sample_entities_decoded_typographic_characters_kept(messy: NosUnit) -> None:
    assert messy.overview == (
        "This standard is about managing things – the “right” things & the organisation’s "
        "procedures f"
    )  # cut mid-word in the "source": kept as it is, nothing added
    assert messy.performance_criteria[3].text == "agree actions & deadlines"
    assert _k(messy)[2].text == "the sector’s rules"
    assert messy.metadata.keywords == ("Management & leadership", "things", "stuff")


def test_sample_running_header_and_blank_lines_inside_a_list(messy: NosUnit) -> None:
    assert messy.performance_criteria[1] == NumberedItem(
        2, "check the quality of the work of others"
    )


def test_sample_unnumbered_and_end_numbered_items(messy: NosUnit) -> None:
    assert messy.performance_criteria[2] == NumberedItem(3, "report results to the team")
    assert _k(messy)[0] == NumberedItem(1, "how to plan work")


def test_sample_metadata_unexpected_label_and_several_urns(messy: NosUnit) -> None:
    assert ("Level", "Senior") in messy.metadata.fields
    assert messy.metadata.fields[-1] == ("Keywords", "Management & leadership; things; stuff")
    assert messy.metadata.original_urns == ("CFAM&LXX1", "CFAM&LXX9")


# --- malformed input ------------------------------------------------------------------------


def test_unit_body_missing_names_the_unit() -> None:
    # remove INSML001 (its title line 75 to its Keywords line 222)
    with pytest.raises(NosParseError, match="INSML001") as error:
        parse_nos(_without_lines(75, 222))
    assert "not found in the body" in str(error.value)


def test_unit_body_missing_in_the_middle_names_the_unit() -> None:
    # remove INSML030 (3716-3842): titled units around it anchor the pairing
    with pytest.raises(NosParseError, match="INSML030"):
        parse_nos(_without_lines(3716, 3842))


def test_body_unit_without_urn() -> None:
    text = SOURCE.replace(
        "\nManage yourself to achieve your work and personal objectives\n\nOverview",
        "\nA unit nobody listed\n\nOverview",
        1,
    )
    with pytest.raises(NosParseError, match="has no URN") as error:
        parse_nos(text)
    assert error.value.line == 75


def test_item_numbers_that_cannot_be_reconciled() -> None:
    text = _sample(_MESSY_UNIT, pcs="- 1. plan the work\n- 2. check the work\n- 5. report\n")
    with pytest.raises(NosParseError, match="cannot reconcile item numbers"):
        parse_nos(text)


def test_missing_contents_table() -> None:
    with pytest.raises(NosParseError, match="contents table"):
        parse_nos(SOURCE.replace("URN\tNOS Title", "Contents", 1))


def test_missing_performance_criteria() -> None:
    text = _sample(_MESSY_UNIT).replace("**Performance criteria**", "Criteria")
    with pytest.raises(NosParseError, match="INSML001: no PC"):
        parse_nos(text)
