"""Tests of the AXELOS Skills Framework 2015 parser.

Expected strings are copied from the source text
(src/skillframe/frameworks/data/axelos_skills_framework_2015.txt); the comment next to each
names the source line. Decisions on messy text are documented in docs/axelos-parsing.md.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillframe.frameworks.data import seed_text
from skillframe.frameworks.parsing.axelos import (
    STATEMENT_OPENERS,
    AxelosFramework,
    AxelosParseError,
    LevelDefinition,
    Skill,
    _split_run_on,
    parse_axelos,
)

REPO = Path(__file__).resolve().parents[3]
SOURCE = seed_text("axelos")
LINES = SOURCE.splitlines()


@pytest.fixture(scope="module")
def fw() -> AxelosFramework:
    return parse_axelos(SOURCE)


def level(fw: AxelosFramework, code: str, number: int) -> LevelDefinition:
    definition = fw.skill(code).levels[number - 1]
    assert definition is not None, f"{code}.L{number} is not defined"
    return definition


def replace_line(number: int, old: str, new: str, text: str = SOURCE) -> str:
    """Return `text` with `old` replaced by `new` in source line `number` (1-based) only."""
    lines = text.split("\n")
    assert old in lines[number - 1], f"{old!r} not on line {number}"
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return "\n".join(lines)


# --- front matter, introduction, scale --------------------------------------------------------


def test_front_matter(fw: AxelosFramework) -> None:
    assert (fw.title, fw.publisher, fw.version, fw.published) == (
        "Skills Framework",  # line 3
        "AXELOS",  # line 7
        "2015",  # line 10
        "September 2015",  # lines 9-10
    )


def test_introduction_keeps_all_of_section_1_but_the_scale_table(fw: AxelosFramework) -> None:
    paragraphs = fw.introduction.split("\n\n")
    assert paragraphs[0].startswith("The AXELOS Skills Framework comprises skills in Project")
    assert paragraphs[1].endswith("or as part of a qualification.")  # line 31
    assert "1.1 SOURCES FOR THE SKILLS FRAMEWORK" in paragraphs  # line 33
    assert (
        "- European e-Competence Framework, version 3.0\n"
        "- ICB3 from the Institute of Project Management Association (IPMA) provides the "
        "international baseline for project and programme management\n"
        "- Syllabus documents for PPM, specifically building on the themes and principles\n"
        "- ITIL syllabus documents and manuals."
    ) in paragraphs  # lines 39-42
    assert paragraphs[-1].endswith("the full range of responsibility/autonomy:")  # line 48
    assert "Intern /Entry level" not in fw.introduction
    assert "---" not in fw.introduction


def test_scale(fw: AxelosFramework) -> None:
    assert [(s.number, s.name) for s in fw.scale] == [
        (1, "Intern /Entry level"),  # line 51
        (2, "Practitioner"),
        (3, "Professional/ Manager"),
        (4, "Lead Professional / Senior Manager"),
        (5, "Executive"),  # line 55
    ]
    assert fw.scale[0].description == (
        "Works primarily under supervision with responsibility for carrying out routine work."
    )
    assert fw.scale[4].description == (
        "Manages and transforms work contexts that are complex, unpredictable and require new "
        "strategic approaches; takes responsibility for contributing to professional knowledge "
        "and practice and/or for reviewing the strategic performance of teams. Recognized as an "
        "expert by other professionals."
    )


# --- families, groups, codes -----------------------------------------------------------------


def test_families_and_counts(fw: AxelosFramework) -> None:
    assert [(f.code, f.title, len(f.skills)) for f in fw.families] == [
        ("PPM", "Project Portfolio Management", 12),  # summary line 63
        ("BACM", "Business analysis and change management", 8),  # line 78
        ("ITSM", "IT Service Management", 24),  # line 87
        ("BC", "Business and commercial", 5),  # line 114
        ("LP", "Leadership and personal", 8),  # line 120
    ]
    assert len(list(fw.skills())) == 57 == sum(1 for x in LINES if x.startswith("1\t2\t3\t4\t5"))


def test_itsm_groups(fw: AxelosFramework) -> None:
    itsm = fw.families[2]
    assert [(g.code, g.title) for g in itsm.groups] == [
        ("ITSM-ST", "IT Service Strategy"),  # line 258, "###"
        ("ITSM-DE", "IT Service Design"),  # line 297, "##"
        ("ITSM-TR", "IT Service Transition"),  # line 335
        ("ITSM-OP", "IT Service Operation"),  # line 359
        ("ITSM-RM", "Relationship management"),  # line 388
    ]
    by_group: dict[str | None, list[str]] = {}
    for skill in itsm.skills:
        by_group.setdefault(skill.group, []).append(skill.code)
    assert by_group == {
        "ITSM-ST": [
            "ITSM-BRM",
            "ITSM-CNM",
            "ITSM-ISG",
            "ITSM-BSA",
            "ITSM-ISS",
            "ITSM-SPD",
            "ITSM-IKM",
        ],
        "ITSM-DE": [
            "ITSM-ABP",
            "ITSM-ARD",
            "ITSM-AVM",
            "ITSM-CPM",
            "ITSM-INN",
            "ITSM-TTM",
            "ITSM-SLM",
        ],
        "ITSM-TR": ["ITSM-CFM", "ITSM-RLM", "ITSM-ICM", "ITSM-CMI"],
        "ITSM-OP": ["ITSM-INM", "ITSM-PBM", "ITSM-USP", "ITSM-SDL", "ITSM-ISM"],
        "ITSM-RM": ["ITSM-RSM"],
    }


@pytest.mark.parametrize(
    ("code", "family", "group", "title"),
    [
        ("PPM-BCD", "PPM", None, "Business case development"),
        ("BACM-RNI", "BACM", None, "Requirements/needs identification"),
        ("ITSM-CFM", "ITSM", "ITSM-TR", "Configuration management"),
        ("ITSM-ISM", "ITSM", "ITSM-OP", "Information security management"),
        ("BC-FIN", "BC", None, "Financial management"),
        ("LP-NEG", "LP", None, "Negotiation"),
    ],
)
def test_family_and_group_of_skills(
    fw: AxelosFramework, code: str, family: str, group: str | None, title: str
) -> None:
    skill = fw.skill(code)
    assert (skill.family, skill.group, skill.title) == (family, group, title)
    assert skill in next(f for f in fw.families if f.code == family).skills


def test_codes_unique_and_stable(fw: AxelosFramework) -> None:
    codes = [s.code for s in fw.skills()]
    assert len(codes) == len(set(codes)) == 57
    assert all(re.fullmatch(r"(PPM|BACM|ITSM|BC|LP)-[A-Z]{3}", c) for c in codes)
    assert all(s.code.startswith(s.family + "-") for s in fw.skills())
    again = parse_axelos(seed_text("axelos"))
    assert again == fw
    assert [s.code for s in again.skills()] == codes


def test_codes_table_in_docs_matches_parser(fw: AxelosFramework) -> None:
    doc = (REPO / "docs" / "axelos-codes.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([A-Z]+-[A-Z]{3})` \| ([^|]+?) \| ([^|]+?) \|", doc, re.MULTILINE)
    assert [(c, t, h) for c, t, h in rows] == [(s.code, s.title, s.heading) for s in fw.skills()]


def test_unknown_code_raises_key_error_naming_it(fw: AxelosFramework) -> None:
    with pytest.raises(KeyError, match="PPM-XXX"):
        fw.skill("PPM-XXX")


# --- headings in each form and their mapping to the summary table ----------------------------


@pytest.mark.parametrize(
    ("code", "heading", "line"),
    [
        ("PPM-BCD", "BUSINESS CASE DEVELOPMENT", 134),  # plain caps line with trailing tabs
        ("PPM-PPL", "PROJECT AND PROGRAMME PLANNING", 144),  # "## "
        ("LP-CKS", "COMMUNICATION AND KNOWLEDGE SHARING", 431),  # "### "
        ("PPM-PPS", "PORTFOLIO, PROGRAMME AND PROJECT SUPPORT (P30/PMO)", 163),  # **bold**
        ("ITSM-INN", "INNOVATING", 319),  # "<b>INNOVATING</b> description" on one line
        ("BC-CTM", "Contract Management", 397),  # mixed case, trailing tabs
        ("ITSM-ICM", "IT CHANGE MANAGEMENT", 347),  # "## " all caps inside ITSM (not a group)
    ],
)
def test_heading_forms(fw: AxelosFramework, code: str, heading: str, line: int) -> None:
    assert fw.skill(code).heading == heading
    assert heading in LINES[line - 1]


def test_heading_and_description_on_one_line(fw: AxelosFramework) -> None:
    assert fw.skill("ITSM-INN").description == (  # line 319
        "Being able to research and evaluate emerging technologies and recognize the "
        "opportunities that they present for improving performance."
    )


@pytest.mark.parametrize(
    ("code", "heading", "title"),
    [
        ("BACM-BMR", "BENEFITS MANAGEMENT", "Benefits management and realization"),
        ("BACM-RNI", "REQUIREMENTS IDENTIFICATION", "Requirements/needs identification"),
        ("ITSM-ISG", "INFORMATION SYSTEMS (IS) GOVERNANCE", "IS Governance"),
        (
            "PPM-ABP",
            "APPLICATION OF PPM BEST PRACTICE PROCESSES, MODELS AND TOOLS",
            "Application of best practice processes, models and tools",
        ),
        (
            "ITSM-ABP",
            "APPLICATION OF ITSM BEST PRACTICE PROCESSES, METHODS AND TOOLS",
            "Application of best practice processes, methods and tools",
        ),
        (
            "LP-QOR",
            "QUALITY ORIENTATION (ATTENTION TO DETIAL)",  # typo kept, line 462
            "Quality orientation (attention to detail)",  # joined from lines 126 + 128
        ),
        ("ITSM-CFM", "CONFIGURATION MANAGEMENT", "Configuration management"),
    ],
)
def test_section_heading_mapped_to_summary_row(
    fw: AxelosFramework, code: str, heading: str, title: str
) -> None:
    skill = fw.skill(code)
    assert (skill.heading, skill.title) == (heading, title)


def test_every_summary_row_is_used_once(fw: AxelosFramework) -> None:
    titles = [(s.family, s.title) for s in fw.skills()]
    assert len(set(titles)) == len(titles) == 57


# --- split rows / page breaks ---------------------------------------------------------------


def test_summary_cell_split_over_a_page_break(fw: AxelosFramework) -> None:
    # lines 74-76: the description continues on a line that starts with an empty cell
    assert fw.skill("PPM-PQM").summary == (
        "The implementation of a quality plan and management system to assure that the outputs "
        "produced by the project are “fit for purpose”."
    )
    # lines 126-128: both the name and the description continue on the next row
    assert fw.skill("LP-QOR").summary == (
        "Shows concern for all aspects of the job, checks work to ensure accuracy."
    )


def test_level_row_split_across_a_page_break_is_joined() -> None:
    # Simulate a page break inside a <li> of the level row of BUSINESS CASE DEVELOPMENT
    text = replace_line(137, "<li>Ensure compliance with", "<li>Ensure compliance\n\n\nwith")
    assert "Ensure compliance with" not in text.split("\n")[136]
    fw = parse_axelos(text)
    assert level(fw, "PPM-BCD", 3).statements[3] == (
        "Ensure compliance with business and technology strategies"
    )
    assert level(fw, "PPM-BCD", 3) == level(parse_axelos(SOURCE), "PPM-BCD", 3)
    # the skills that follow are unaffected
    assert fw.skill("PPM-POG") == parse_axelos(SOURCE).skill("PPM-POG")


# --- characters and entities ------------------------------------------------------------------


def test_entities_decoded() -> None:
    text = replace_line(137, "political, financial and organizational", "political &amp; financial")
    text = replace_line(135, "business change.", "business &lt;change&gt;.", text)
    fw = parse_axelos(text)
    assert level(fw, "PPM-BCD", 3).statements[-1] == (
        "Communicate and sell business plans to relevant stakeholders and address "
        "political & financial interests."
    )
    assert fw.skill("PPM-BCD").description.endswith("for investment in business <change>.")


def test_curly_quotes_and_en_dash_preserved(fw: AxelosFramework) -> None:
    # line 149: ‘products’
    assert level(fw, "PPM-PPL", 3).statements[0] == (
        "Develop work and product breakdown structures defining work activities and ‘products’ "
        "to be delivered at each stage of a project"
    )
    # line 254: “what if”
    assert level(fw, "BACM-MOD", 2).statements == (
        "Effectively use modelling techniques as directed to determine and communicate "
        "solutions and model “what if” scenarios.",
    )
    # line 178: en dash in a description
    assert "organization's operational and financial goals – while honouring constraints" in (
        fw.skill("PPM-PFM").description
    )
    # line 196: curly double quotes in a description
    assert "are “fit for purpose” and meet" in fw.skill("PPM-PQM").description


def test_inline_tags_stripped_from_description(fw: AxelosFramework) -> None:
    assert fw.skill("ITSM-RLM").description == (  # line 343: <u>software releases</u>
        "The process of managing software releases from development stage to software release."
    )


def test_no_markup_or_stray_whitespace_anywhere(fw: AxelosFramework) -> None:
    for skill in fw.skills():
        texts = [skill.title, skill.heading, skill.description, skill.summary]
        for definition in skill.levels:
            if definition is not None:
                texts += [definition.headline, *definition.statements]
        for text in texts:
            assert text and text == text.strip()
            assert not re.search(r"[<>]|\s{2,}|\t|&[a-z]+;|\*\*|^#", text), text
            assert "You can" not in text


# --- levels ------------------------------------------------------------------------------------


def test_undefined_levels_are_none(fw: AxelosFramework) -> None:
    assert fw.skill("PPM-BCD").levels[:2] == (None, None)  # line 137: "–\t–\t..."
    assert fw.skill("PPM-PMC").levels[0] is None  # line 154: a hyphen "-", not an en dash
    assert fw.skill("ITSM-USP").levels[3:] == (None, None)  # line 374
    assert all(len(s.levels) == 5 for s in fw.skills())
    assert all(d is None or d.number == i for s in fw.skills() for i, d in enumerate(s.levels, 1))


def test_level_with_li_items(fw: AxelosFramework) -> None:
    assert level(fw, "PPM-BCD", 3) == LevelDefinition(  # line 137
        3,
        "Designs the business case for a small to medium scale project or business change.",
        (
            "Work with the project sponsor to understand project objectives",
            "Evaluate the possible and applicable sourcing models or options for delivery",
            "Present cost benefit analysis and reasoned arguments in support of the selected "
            "strategy",
            "Ensure compliance with business and technology strategies",
            "Communicate and sell business plans to relevant stakeholders and address political, "
            "financial and organizational interests.",
        ),
    )


def test_level_with_p_paragraphs_instead_of_li(fw: AxelosFramework) -> None:
    assert level(fw, "PPM-PPL", 2) == LevelDefinition(  # line 149
        2,
        "Supports development of project and programme plans.",
        (
            "Act under direction from the project manager to support preparation of realistic "
            "plans for projects and programmes",
            "Prepare plans for simple, straightforward project or for a sub-component of a project",
            "Estimate the type, cost and timing of resources",
            "Apply project planning principles.",
        ),
    )


def test_level_with_statements_run_together(fw: AxelosFramework) -> None:
    assert level(fw, "PPM-PRM", 3).statements == (  # line 187
        "Carry out risk assessments, involving stakeholders and referring to specialists where "
        "relevant (e.g. legal and regulatory requirements)",
        "Evaluate risk (risk likelihood and impact)",
        "Prioritize risks for analysis and response planning",
        "Plan how to eliminate or mitigate risk",
        "Agree and communicate the risk response plan",
        "Track risks over the course of the project.",
    )
    # line 254: "(e.g. Use cases ..." and "Net Present Value" must not start statements
    assert level(fw, "BACM-MOD", 3).statements == (
        "Competently use a range of modelling techniques relevant to your area of expertise "
        "(e.g. Use cases or UML for technical analysts, flowcharting for process analysts, Net "
        "Present Value (NPV)/Return On Investment (ROI) for commercial analysts)",
        "Review models with stakeholders, identify issues and resolve.",
    )
    # line 386: a statement that opens with an adjective
    assert level(fw, "ITSM-ISM", 4).statements[-1] == (
        "Proactive in analyzing the business environment to identify emerging risks and "
        "vulnerabilities to intrusion and attacks."
    )
    # line 345: a full stop inside the run-on list
    assert level(fw, "ITSM-RLM", 3).statements[2:] == (
        "Ensure releases are traceable, secure, tested and authorized before release.",
        "Carry out post-release reviews",
        "Monitor integration testing.",
    )


def test_level_with_statements_separated_by_wide_gaps(fw: AxelosFramework) -> None:
    assert level(fw, "ITSM-TTM", 4).statements[0] == (  # line 328, lower-case start kept
        "establish understanding of evolving technologies"
    )
    assert len(level(fw, "ITSM-TTM", 4).statements) == 4
    assert level(fw, "BC-FIN", 5).statements == (  # line 412: "...of finances:" continues
        "Provide strategic financial management of finances: capital/non-cash funding, project "
        "cost amortization, accrual management, and cost of capital management.",
    )


def test_level_cell_without_html(fw: AxelosFramework) -> None:
    assert level(fw, "ITSM-INN", 4) == LevelDefinition(  # line 321
        4,
        "Recognizes and exploits the opportunities provided by IT to advance the organization "
        "or community.",
        (
            "Think creatively to envision exploitation of technological advances to address "
            "business/society needs or research direction",
            "Devise creative solutions for the provision of new concepts, ideas, products or "
            "services",
            "Integrate disparate concepts to devise unique solutions.",
        ),
    )


@pytest.mark.parametrize(
    ("code", "number", "first", "last"),
    [
        (  # line 142
            "PPM-POG",
            4,
            "Establish the organizational structure and coordinating mechanisms (e.g. steering "
            "group/project board ), for a complex project or programme,",
            "Establish the project support office (P3O/PMO) and processes for managing the "
            "project/programme, p e.g. quality management, issues and risks.",
        ),
        (  # line 247
            "BACM-IAN",
            1,
            "Carry out routine analytical activities on data",
            "Report findings using agreed presentational techniques.",
        ),
        (  # line 268
            "ITSM-CNM",
            4,
            "Work with specialists and business owners to identify and prioritize critical "
            "business processes for recovery",
            "Ensure compliance with relevant government regulations.",
        ),
        (  # line 364
            "ITSM-INM",
            4,
            "Lead major incident teams to find fast resolution and restore services",
            "Identify responsibilities for incident management and guide/coach others to apply "
            "change management procedures.",
        ),
        (  # line 417
            "BC-RES",
            5,
            "Direct resources to those areas where they will make the most effective "
            "contribution to long-term goals",
            "Ensure there is adequate skilled resource to meet service and project delivery "
            "requirements.",
        ),
        (  # line 472
            "LP-PAO",
            2,
            "Agree work goals and identify tasks to achieve objectives",
            "Be assertive and agree only to what is realistically achievable.",
        ),
        (  # line 448
            "LP-NEG",
            3,
            "Explore all parties' needs, concerns, and initial positions, including own.",
            "Identify a range of alternative positions and evaluate them openly to find win-win "
            "positions.",
        ),
    ],
)
def test_first_and_last_statement(
    fw: AxelosFramework, code: str, number: int, first: str, last: str
) -> None:
    statements = level(fw, code, number).statements
    assert (statements[0], statements[-1]) == (first, last)


def test_headline_keeps_level_prefix_written_in_source(fw: AxelosFramework) -> None:
    assert level(fw, "PPM-PFM", 5).headline == (  # line 180
        "Level 5 - Leads definition and implementation of portfolio management framework."
    )


def test_statement_count(fw: AxelosFramework) -> None:
    definitions = [d for s in fw.skills() for d in s.levels if d is not None]
    assert len(definitions) == 176
    assert sum(len(d.statements) for d in definitions) == 603


# --- malformed input ----------------------------------------------------------------------------


def test_level_row_with_four_cells_names_the_line() -> None:
    text = replace_line(137, "–\t–\t<p>Designs", "–\t<p>Designs")
    with pytest.raises(AxelosParseError, match=r"^line 137: level row has 4 .*expected 5") as e:
        parse_axelos(text)
    assert e.value.line == 137


def test_level_row_with_six_cells_names_the_line() -> None:
    text = replace_line(175, "–\t–\t–\t<p>Applies", "–\t–\t–\t–\t<p>Applies")
    with pytest.raises(AxelosParseError, match=r"^line 175: level row has 6"):
        parse_axelos(text)


def test_unmatched_skill_heading_names_the_line() -> None:
    text = replace_line(170, "**PORTFOLIO DEFINITION**", "**PORTFOLIO DEFINITIONS**")
    with pytest.raises(AxelosParseError, match=r"^line 170: skill heading 'PORTFOLIO DEFINITIONS'"):
        parse_axelos(text)


def test_skill_heading_matched_only_within_its_family() -> None:
    # "Negotiation" is an LP skill; under the BC heading it must not match
    text = replace_line(402, "PURCHASING", "NEGOTIATION")
    with pytest.raises(AxelosParseError, match=r"^line 402: .*'Business and commercial'"):
        parse_axelos(text)


def test_summary_row_without_section_names_the_line() -> None:
    text = replace_line(
        119, "sales strategy", "sales strategy\nSales forecasting\tForecasts.\t\t\t\t\t"
    )
    with pytest.raises(
        AxelosParseError, match=r"^line 120: summary row 'Sales forecasting' has no skill section"
    ):
        parse_axelos(text)


def test_heading_renamed_in_summary_names_the_section_line() -> None:
    text = replace_line(118, "Resource management\t", "Resource planning\t")
    with pytest.raises(AxelosParseError, match=r"^line 414: skill heading 'RESOURCE MANAGEMENT'"):
        parse_axelos(text)


def test_level_cell_without_you_can_names_the_line() -> None:
    text = replace_line(204, "<p>You can:</p>", "<p>You may:</p>")
    with pytest.raises(AxelosParseError, match=r"^line 204: level 3: no 'You can:'"):
        parse_axelos(text)


def test_unknown_group_heading_names_the_line() -> None:
    text = replace_line(335, "## IT Service Transition", "## IT Service Transitions")
    with pytest.raises(AxelosParseError, match=r"^line 335: unknown sub-group"):
        parse_axelos(text)


def test_extra_line_between_heading_and_levels_names_the_line() -> None:
    text = replace_line(135, "business change.", "business change.\nAn extra line.")
    with pytest.raises(AxelosParseError, match=r"^line 134: expected a skill heading"):
        parse_axelos(text)


def test_not_an_axelos_text() -> None:
    with pytest.raises(AxelosParseError):
        parse_axelos("# Something else\n\nhello\n")


# --- the run-on splitter ------------------------------------------------------------------------


def _all_statements() -> list[str]:
    fw = parse_axelos(SOURCE)
    return [x for s in fw.skills() for d in s.levels if d is not None for x in d.statements]


def test_splitter_never_splits_a_parsed_statement() -> None:
    for statement in _all_statements():
        assert _split_run_on(statement) == [statement]


def _opens(statement: str) -> bool:
    return statement.split()[0].rstrip(",;:").split("/")[0] in STATEMENT_OPENERS


def _ends(statement: str) -> bool:
    last = statement.split()[-1]
    title_case = last[-1].isalpha() and last[0].isupper() and any(c.islower() for c in last)
    return bool(re.search(r"[A-Za-z0-9).\"”’]$", last)) and not title_case


@functools.cache
def _joinable() -> list[str]:
    return [s for s in _all_statements() if _opens(s) and _ends(s)]


def test_joinable_statements_are_most_of_the_source() -> None:
    # The property below covers nearly every statement of the source.
    assert len(_joinable()) >= 590


@given(st.lists(st.deferred(lambda: st.sampled_from(_joinable())), min_size=1, max_size=8))
def test_splitter_recovers_statements_run_together(statements: list[str]) -> None:
    """Any source statements written one after another with single spaces split back."""
    assert _split_run_on(" ".join(statements)) == statements


def test_skill_dataclass_is_frozen(fw: AxelosFramework) -> None:
    skill: Skill = fw.skill("PPM-BCD")
    with pytest.raises(AttributeError):
        skill.code = "X"  # type: ignore[misc]
