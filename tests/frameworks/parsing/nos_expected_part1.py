"""Hand-verified expectations for NOS Management and Leadership 2021, units INSML001-INSML029.

Every count below was taken by reading the unit in
src/skillframe/frameworks/data/nos_management_leadership_2021.txt (line ranges in ``lines``:
from the body title, or the first line after the previous unit's metadata where the body has no
title, to the unit's "Keywords" line). Item numbers AND item text were both looked at: an
unnumbered item counts, a continuation line after a page break (with or without a running header)
is not a new item, a number at the end of a line (or in the middle of a flattened table line)
belongs to that item, and two items glued on one line ("...expectations15. your...") are two
items. The parser was not used to obtain any number.

General observations for this half of the file:
- No title line before the Overview in INSML003, 005, 006, 009, 010, 012, 014, 016, 019, 020,
  021, 024, 025, 026, 028; of these the title occurs in the body only as a running header in
  INSML003 (437), 020 (2578), 026 (3238), 028 (3439...), and not at all in INSML005, 006, 009,
  010, 012, 014, 016, 019, 021, 024, 025.
  Bare URNs appear in the body as page furniture at 3236 ("INSML026") and 3506 ("INSML028"), and
  glued to the end of an item at 3393 ("...related to INSML027").
- Knowledge tables flattened into one long line, numbers and section headings interleaved:
  INSML005 (704), INSML009 (1232), INSML024 (2975), INSML025 (3108); partly flattened (several
  items per tab line): INSML010 (1311, 1314, 1315, 1319), INSML020 (2512, 2514-2515, 2517).
- The Skills list has no "Skills" heading in INSML017-INSML023 (the numbered list simply follows
  the last K&U item / a running header) and is headed "Behaviours" in INSML010 (1354); those
  lists are still the unit's skills list and are counted as such.
- INSML011 has no K&U section headings at all ("You need to know and understand:" then K1-K20):
  recorded as a single "general" section.
- The source's own numbering runs K1..Kn continuously across the K&U sections in every unit.
"""

from .nos_expected_types import ExpectedUnit, PinnedText

UNITS: list[ExpectedUnit] = [
    # 75-224. PC18 (106) unnumbered. PC22 crosses a page break with running header
    # (110 -> header 112 -> 114). K1 (134) and K6 (141) have their number at the END of the
    # line. Headings at 132/163/169. Skills 15.
    ExpectedUnit(
        urn="INSML001",
        title="Manage yourself to achieve your work and personal objectives",
        pcs=29,
        knowledge={"general": 16, "industry": 2, "context": 11},
        skills=15,
        original_urns=("CFAM&LAA1",),
        lines="75-224",
        note="PC18 unnumbered; PC22 crosses page break 110->114; K1, K6 numbers at line end",
    ),
    # 226-333. PC1 (244) unnumbered. Tab-table K&U: K2 (279), K6 (283), K12 (290) unnumbered.
    ExpectedUnit(
        urn="INSML002",
        title="Develop your knowledge, skills and competence to meet the requirements of your work",
        pcs=17,
        knowledge={"general": 11, "industry": 2, "context": 4},
        skills=14,
        original_urns=("CFAM&LAA2",),
        lines="226-333",
        note="PC1, K2, K6, K12 unnumbered",
    ),
    # 334-449. No title line before the Overview (title only as running header at 437).
    # K18 (411) and K19 (415) separated by a page break (two items, both numbered).
    ExpectedUnit(
        urn="INSML003",
        title="Develop and maintain your professional connections",
        pcs=18,
        knowledge={"general": 10, "industry": 2, "context": 7},
        skills=13,
        original_urns=("CFAM&LAA3",),
        lines="334-449",
    ),
    # 451-636. PC21 crosses a page break without running header (506 -> 510). K1 (534), K6
    # (543), K7 (545) have the number in the middle of the line; K9 (549) is "9 " without dot.
    # K18 crosses a page break without header (571 -> 575).
    ExpectedUnit(
        urn="INSML004",
        title="Lead your organisation",
        pcs=27,
        knowledge={"general": 15, "industry": 2, "context": 9},
        skills=23,
        original_urns=("CFAM&LBA1",),
        lines="451-636",
        note="PC21 and K18 cross page breaks; K9 numbered '9' without dot",
    ),
    # 637-769. No title line in the body. K1-K15 flattened into line 704 (numbers interleaved:
    # "...area of responsibility to 1. understand: define team direction...", "managing and
    # leading and how to 2. empower team members"), the industry heading inside that line and the
    # context heading at its end; K16-K23 one per line (706-722). Skills 28 with repeats
    # ("Problem solving", "Providing feedback" twice) - counted as in source.
    ExpectedUnit(
        urn="INSML005",
        title="Provide leadership to your team",
        pcs=24,
        knowledge={"general": 13, "industry": 2, "context": 8},
        skills=28,
        original_urns=("CFAM&LBA2", "CFAM&LBA3"),
        lines="637-769",
        note="K1-K15 flattened on line 704; skills list repeats two entries",
    ),
    # 770-890. No title line in the body. PC19 crosses a page break without header
    # (819 -> 823). Tab-table K&U: K6 (834) and K17 (847) unnumbered; K19 after a page break
    # (852) is a new numbered item.
    ExpectedUnit(
        urn="INSML006",
        title="Evaluate your organisation's operating environment",
        pcs=19,
        knowledge={"general": 9, "industry": 3, "context": 7},
        skills=19,
        original_urns=("CFAM&LBA4",),
        lines="770-890",
        note="PC19 crosses page break 819->823; K6, K17 unnumbered",
    ),
    # 892-1046. PC18 crosses a page break WITH running header (944 -> header 946 -> "plans"
    # 950). "Knowledge and / understanding" heading split over 966-967. Line 969 holds K1 and
    # K2, both unnumbered, glued ("...business plans how to formulate..."); K3 follows at 970.
    # K17 (991) after a page break with header.
    ExpectedUnit(
        urn="INSML007",
        title="Develop your organisation's vision, strategies and business plans",
        pcs=23,
        knowledge={"general": 12, "industry": 2, "context": 8},
        skills=22,
        original_urns=("CFAM&LBA5", "CFAM&LBA6"),
        lines="892-1046",
        note="PC18 crosses page break with header; K1+K2 unnumbered on one line 969",
    ),
    # 1048-1199. PC1 (1066) unnumbered. PC15 (1080) ends mid-sentence ("...potential customers
    # and") before a running header; PC16 (1086) starts a new numbered item, so PC15 is
    # truncated in the source, not continued. PC23 also ends "professional codes". Industry
    # heading (1131) is followed by a running header (1133) before K14.
    ExpectedUnit(
        urn="INSML008",
        title="Promote equality of opportunity, diversity and inclusion in your organisation",
        pcs=23,
        knowledge={"general": 13, "industry": 2, "context": 10},
        skills=15,
        original_urns=("CFAM&LBA7",),
        lines="1048-1199",
        note="PC1 unnumbered; PC15 truncated in source (ends 'and'), not continued",
    ),
    # 1200-1264. No title line in the body. Whole K&U flattened into line 1232 with both
    # section headings inside it ("...carried out Industry and sector specific knowledge and
    # understanding the legal, ... relevant to 8. your role...").
    ExpectedUnit(
        urn="INSML009",
        title="Develop your organisation's values and culture",
        pcs=14,
        knowledge={"general": 7, "industry": 2, "context": 5},
        skills=13,
        original_urns=("CFAM&LBA8",),
        lines="1200-1264",
        note="whole K&U flattened on line 1232",
    ),
    # 1265-1393. No title line in the body. PC2 (1279), PC16 (1293) unnumbered. Stray "4"
    # (1307) and "C" (1310) before the general heading, which appears twice (1310, 1311).
    # Line 1311 holds K1-K4, all unnumbered, glued: "how to engage employees and stakeholders
    # in operational planning" / "the principles and methods of short to medium-term planning
    # and how to develop and assign objectives which are ... (SMART)" / "how to analyse and
    # manage risks by contingency planning" / "how to identify resource requirements and
    # evaluate their availability and sustainability" (4 items, matching K5 at 1312). K6 (1313)
    # and K13 (1318) unnumbered; K7+K8 glued on 1314, K9+K10 on 1315; industry heading and K14
    # on one line (1319); K16 (1324, after a page break) is still industry - the context heading
    # is at 1326. K27 crosses a page break without header (1348 -> 1350). The skills list is
    # headed "Behaviours" (1354): 24 items. Metadata label "Indicative Review" lacks "Date".
    ExpectedUnit(
        urn="INSML010",
        title="Develop operational plans and manage risks",
        pcs=23,
        knowledge={"general": 13, "industry": 3, "context": 11},
        skills=24,
        original_urns=("CFAM&LBA9", "CFAM&LBB1"),
        lines="1265-1393",
        note="K1-K4 unnumbered on one line 1311; skills list headed 'Behaviours' (1354)",
    ),
    # 1395-1509. PC9 (1421), PC14 (1426) unnumbered. PC20 crosses a page break with running
    # header (1432 -> 1434 -> 1438). K&U has NO section headings (1444-1472): K1-K20 after
    # "You need to know and understand:", recorded as one general section. K4 (1451), K8 (1455)
    # unnumbered; K20 (1472) after a running header is a new numbered item.
    ExpectedUnit(
        urn="INSML011",
        title="Develop, maintain and evaluate business continuity plans and arrangements",
        pcs=20,
        knowledge={"general": 20},
        skills=14,
        original_urns=("CFAM&LBB2",),
        lines="1395-1509",
        note="no K&U section headings at all; PC20 crosses page break with header",
    ),
    # 1510-1596. No title line in the body. PC9 (1533) unnumbered. K5 (1549) unnumbered. K14
    # and K15 glued on line 1560 ("...interests and expectations15. your organisation's...").
    ExpectedUnit(
        urn="INSML012",
        title="Manage Corporate Social Responsibility (CSR)",
        pcs=14,
        knowledge={"general": 10, "industry": 1, "context": 4},
        skills=17,
        original_urns=("CFAM&LBB3",),
        lines="1510-1596",
        note="K14+K15 glued on line 1560",
    ),
    # 1598-1724. Clean unit.
    ExpectedUnit(
        urn="INSML013",
        title="Ensure compliance with legal, regulatory, ethical and social requirements",
        pcs=15,
        knowledge={"general": 6, "industry": 2, "context": 7},
        skills=14,
        original_urns=("CFAM&LBB4",),
        lines="1598-1724",
    ),
    # 1725-1822. No title line in the body. K1 (1762) unnumbered. K18 crosses a page break
    # without header (1782 -> 1787).
    ExpectedUnit(
        urn="INSML014",
        title="Use information for decision making",
        pcs=19,
        knowledge={"general": 12, "industry": 2, "context": 5},
        skills=12,
        original_urns=("CFAM&LEC5",),
        lines="1725-1822",
        note="K1 unnumbered; K18 crosses page break 1782->1787",
    ),
    # 1824-1958. Clean unit. Metadata label "Indicative Review" lacks "Date" (1951).
    ExpectedUnit(
        urn="INSML015",
        title="Identify and evaluate opportunities for innovation and improvement",
        pcs=16,
        knowledge={"general": 9, "industry": 2, "context": 6},
        skills=18,
        original_urns=("CFAM&LCA1",),
        lines="1824-1958",
    ),
    # 1959-2117. No title line in the body. PC14 (1987), PC16 (1989) unnumbered; PC21 crosses
    # a page break without header (1994 -> 1998). K1-K3 (2015-2019) have the number mid-line;
    # K6 (2025) has it at the end. K17 crosses a page break (2048 -> 2052).
    ExpectedUnit(
        urn="INSML016",
        title="Plan change in your work environment",
        pcs=27,
        knowledge={"general": 13, "industry": 4, "context": 9},
        skills=27,
        original_urns=("CFAM&LCA2", "CFAM&LCA3"),
        lines="1959-2117",
        note="PC14, PC16 unnumbered; PC21 and K17 cross page breaks; K6 number at line end",
    ),
    # 2119-2259. Tab-table K&U with items wrapped onto the next tab line (K1 2167-2168, K8
    # 2175-2176, K16 2185-2186). Context heading (2190) then running header (2192) then K19.
    # No "Skills" heading: the 27-item list (2217-2243) follows a running header (2213).
    ExpectedUnit(
        urn="INSML017",
        title="Implement and evaluate change",
        pcs=23,
        knowledge={"general": 15, "industry": 3, "context": 8},
        skills=27,
        original_urns=("CFAM&LCA4", "CFAM&LCA5"),
        lines="2119-2259",
        note="no 'Skills' heading before the skills list (2217)",
    ),
    # 2261-2380. K16 crosses a page break with running header (2338 -> 2340 -> 2344). No
    # "Skills" heading: the 15-item list (2350-2364) follows a running header (2346).
    ExpectedUnit(
        urn="INSML018",
        title="Manage continuous improvement of overall performance of your organisation",
        pcs=16,
        knowledge={"general": 8, "industry": 3, "context": 5},
        skills=15,
        original_urns=("CFAM&LFE5",),
        lines="2261-2380",
        note="K16 crosses page break with header; no 'Skills' heading",
    ),
    # 2381-2460. No title in the body at all. PC9 (2402) unnumbered. Line 2414 holds K1 and K2,
    # both unnumbered ("...in workforce planning what an effective workforce plan should cover
    # to meet"), K2 wrapping onto 2415. No "Skills" heading (list at 2434-2446).
    ExpectedUnit(
        urn="INSML019",
        title="Plan the workforce",
        pcs=15,
        knowledge={"general": 8, "industry": 5, "context": 2},
        skills=13,
        original_urns=("CFAM&LDA1",),
        lines="2381-2460",
        note="K1+K2 unnumbered on line 2414; no 'Skills' heading",
    ),
    # 2461-2590. No title line before the Overview. Stray "_" (2511) and typo "inderstand:"
    # (2512). Line 2512 holds K1 and K2, both unnumbered. K4-K10 flattened on 2514, K10
    # wrapping onto 2515 ("of the vacancy") which also holds K11, K12. K14-K17 flattened on 2517;
    # K17 crosses a page break (2517 -> "do so" 2521). No "Skills" heading (2555-2574);
    # "Evaluating" listed twice.
    ExpectedUnit(
        urn="INSML020",
        title="Recruit, induct and retain employees into their roles",
        pcs=30,
        knowledge={"general": 21, "industry": 2, "context": 7},
        skills=20,
        original_urns=("CFAM&LDA2", "CFAM&LDA3"),
        lines="2461-2590",
        note="K1+K2 unnumbered; K4-K10, K14-K17 flattened; K17 crosses page break",
    ),
    # 2591-2682. No title line in the body. PC8 (2613), PC9 (2614) unnumbered. K1 (2628)
    # unnumbered, wrapping onto 2629. K10 wraps onto 2640, which ends with the context heading
    # ("...activities being carried out Context specific knowledge and understanding"). K12 and
    # K19 wrap onto the next tab line. No "Skills" heading (2655-2668).
    ExpectedUnit(
        urn="INSML021",
        title="Manage the redeployment of employees to new roles",
        pcs=17,
        knowledge={"general": 7, "industry": 3, "context": 9},
        skills=14,
        original_urns=("CFAM&LDA4",),
        lines="2591-2682",
        note="context heading glued to the end of K10's continuation line 2640",
    ),
    # 2684-2817. K3 (2746) and K5 (2750) have the number mid-line. No "Skills" heading
    # (2785-2803).
    ExpectedUnit(
        urn="INSML022",
        title="Manage redundancies",
        pcs=18,
        knowledge={"general": 5, "industry": 2, "context": 11},
        skills=19,
        original_urns=("CFAM&LDA5",),
        lines="2684-2817",
        note="no 'Skills' heading",
    ),
    # 2819-2930. PC3 (2839) unnumbered. K14 (2896) after a running header is a new numbered
    # item. No "Skills" heading (2902-2914).
    ExpectedUnit(
        urn="INSML023",
        title="Follow your organisation's disciplinary and grievance procedures",
        pcs=14,
        knowledge={"general": 8, "industry": 2, "context": 4},
        skills=13,
        original_urns=("CFAM&LDA6", "CFAM&LDA7"),
        lines="2819-2930",
        note="PC3 unnumbered; no 'Skills' heading",
    ),
    # 2931-3053. No title line in the body. PC16 (2959) unnumbered. K1-K17 flattened on line
    # 2975 ("...the work required of understand: 1. teams with your manager..."); K17 crosses a
    # page break ("seek" -> "clarification..." 2979). Skills 33 with repeats (two merged legacy
    # units) - counted as in source.
    ExpectedUnit(
        urn="INSML024",
        title="Build teams and allocate work to team members",
        pcs=25,
        knowledge={"general": 18, "industry": 2, "context": 6},
        skills=33,
        original_urns=("CFAM&LDB1", "CFAM&LDB2"),
        lines="2931-3053",
        note="K1-K17 flattened on line 2975; K17 crosses page break; skills list repeats",
    ),
    # 3054-3191. No title line in the body. PC9 (3077), PC16 (3084) unnumbered; PC17 crosses a
    # page break without header (3085 -> 3089). K1-K14 flattened on line 3108 (K3: "...their
    # objectives including 3. how to develop..."); K15-K17 follow one per line. Metadata table
    # broken (duplicate "Date Approved", labels split over two lines 3180-3189).
    ExpectedUnit(
        urn="INSML025",
        title="Manage and quality assure work in your team",
        pcs=31,
        knowledge={"general": 17, "industry": 2, "context": 12},
        skills=20,
        original_urns=("CFAM&LDB4",),
        lines="3054-3191",
        note="K1-K14 flattened on line 3108; PC17 crosses page break",
    ),
    # 3192-3310. No title line before the Overview. PC21 crosses a page break without header
    # (3227 -> 3231). Bare "INSML026" (3236) and the title (3238) are page furniture. K4 (3247)
    # unnumbered. K12+K13 glued on 3257 ("...objectives set13. the internal..."), K13 wraps onto
    # 3258 which also holds K14 ("...access this14. why, how..."). K16 (3263) after a page break.
    ExpectedUnit(
        urn="INSML026",
        title="Manage team communications",
        pcs=23,
        knowledge={"general": 10, "industry": 1, "context": 10},
        skills=18,
        original_urns=("CFAM&LDB5", "CFAM&LDB6"),
        lines="3192-3310",
        note="K12/K13/K14 glued over lines 3257-3258; bare URN furniture at 3236",
    ),
    # 3312-3427. PC1 (3326), PC4 (3329), PC7 (3332), PC13 (3338) unnumbered. PC16 crosses a
    # page break with running header (3341 -> 3343 -> 3347). K1, K3, K7, K8 have the number
    # mid-line. K16 ends "...deal with appeals related to INSML027" (3393): the URN is page
    # furniture; K16 continues after the running header at 3399 ("flexible and remote working").
    ExpectedUnit(
        urn="INSML027",
        title="Manage flexible and remote working arrangements",
        pcs=16,
        knowledge={"general": 9, "industry": 2, "context": 5},
        skills=4,
        original_urns=("CFAM&LDB7",),
        lines="3312-3427",
        note="4 PCs unnumbered; PC16 and K16 cross page breaks; URN glued into K16 at 3393",
    ),
    # 3428-3552. No title line before the Overview. PC16 (3462) unnumbered. Tab-table K&U with
    # many items wrapped onto the next tab line; K1 (3471) and K10 (3490) unnumbered. K16 appears
    # twice: a truncated fragment "16 the internal and external sources of specialist expertise
    # (such as" (3502, no dot) and the full item "16. the internal ... programmes," (3504) which
    # crosses a page break (bare "INSML028" 3506, header 3508) to "charities, local support
    # groups)" (3512). Counted ONCE (the fragment repeats the start of the same item). Metadata
    # labels split over two lines (3542-3550).
    ExpectedUnit(
        urn="INSML028",
        title="Promote and manage staff wellbeing",
        pcs=16,
        knowledge={"general": 10, "industry": 2, "context": 4},
        skills=14,
        original_urns=("CFAM&LDB9",),
        lines="3428-3552",
        note="K16 duplicated as a truncated fragment at 3502 - counted once",
    ),
    # 3554-3714. The Overview ends with the running header glued on ("...leaders. Support
    # employees' learning and development", 3560). PC2 (3569) unnumbered; PC17 crosses a page
    # break without header (3584 -> 3588). K1, K5, K6, K9 have the number mid-line. K21 (3656)
    # reads like two statements run together ("...area of responsibility the identified gaps in
    # employees' knowledge...") but carries one number and K22 follows: counted as one item.
    ExpectedUnit(
        urn="INSML029",
        title="Support employees' learning and development",
        pcs=28,
        knowledge={"general": 17, "industry": 2, "context": 9},
        skills=25,
        original_urns=("CFAM&LDC1", "CFAM&LDC2"),
        lines="3554-3714",
        note="PC2 unnumbered; PC17 crosses page break; K21 counted as one item",
    ),
]

PINNED: list[PinnedText] = [
    # INSML001
    PinnedText("INSML001.P1", "define the key purpose of your work role", "first PC (line 89)"),
    PinnedText(
        "INSML001.P18",
        "respond quickly and positively to new opportunities and revise your objectives and "
        "priorities",
        "unnumbered PC (line 106)",
    ),
    PinnedText(
        "INSML001.P22",
        "use emotional intelligence to recognise and evaluate your own and your colleagues' "
        "strengths and weaknesses, feelings, opinions and judgements",
        "crosses page break with running header, lines 110-114",
    ),
    PinnedText(
        "INSML001.P29",
        "take actions to maintain balance between your professional and personal life, "
        "when required",
        "last PC (line 122)",
    ),
    PinnedText(
        "INSML001.K1",
        "how to identify the requirements of your work role",
        "first K&U item, number at end of line 134",
    ),
    PinnedText(
        "INSML001.K16",
        "how to address multiple demands with focus and energy",
        "last general K&U item (line 161)",
    ),
    PinnedText(
        "INSML001.K17",
        "the industry and sector requirements for the development and maintenance of "
        "knowledge, skills and competence",
        "first industry K&U item (line 165)",
    ),
    PinnedText(
        "INSML001.K29",
        "the sources of performance feedback in your organisation",
        "last K&U item (line 186)",
    ),
    PinnedText("INSML001.S15", "Time management", "last skill (line 208)"),
    # INSML002
    PinnedText(
        "INSML002.P1",
        "monitor trends and developments in your professional sector and area of expertise",
        "unnumbered first PC (line 244)",
    ),
    PinnedText(
        "INSML002.K6",
        "the importance of taking account of your career and personal goals when planning "
        "your professional development",
        "unnumbered K&U item in tab table (line 283)",
    ),
    # INSML004
    PinnedText(
        "INSML004.P21",
        "encourage colleagues to take the lead when they have the relevant knowledge and expertise",
        "crosses page break without header, lines 506-510",
    ),
    PinnedText(
        "INSML004.K9",
        "the types of challenges and difficulties that may arise and ways of identifying and "
        "addressing them",
        "numbered '9' without dot (line 549)",
    ),
    PinnedText(
        "INSML004.K18",
        "the key colleagues and team members within your organisation, their roles, "
        "responsibilities, competences and potential",
        "first context item, crosses page break, lines 571-575",
    ),
    # INSML005
    PinnedText(
        "INSML005.K2",
        "the differences between managing and leading and how to empower team members",
        "flattened knowledge table, number interleaved (line 704)",
    ),
    PinnedText(
        "INSML005.K13",
        "the importance of showing team members how personal work objectives contribute to "
        "achievement of team and organisational objectives",
        "flattened knowledge table, last general item before inline heading (line 704)",
    ),
    PinnedText(
        "INSML005.K15",
        "the legal, organisational, codes of practice and policies relevant to your role and "
        "the activities being carried out",
        "flattened knowledge table, last industry item before inline heading (line 704)",
    ),
    PinnedText(
        "INSML005.K16",
        "your own role, responsibilities and level of authority",
        "first context item, after the flattened line (line 706)",
    ),
    # INSML006
    PinnedText(
        "INSML006.P19",
        "follow the legal, organisational, codes of practice and policies relevant to your role "
        "when evaluating your organisation's operating environment",
        "last PC, crosses page break, lines 819-823",
    ),
    # INSML007
    PinnedText(
        "INSML007.P18",
        "monitor organisational performance against strategic business plans",
        "crosses page break with running header, lines 944-950",
    ),
    PinnedText(
        "INSML007.K1",
        "how to engage colleagues and stakeholders in developing an organisation's vision, "
        "strategies and business plans",
        "unnumbered, glued with K2 on line 969",
    ),
    PinnedText(
        "INSML007.K2",
        "how to formulate an appropriate and effective vision for an organisation",
        "unnumbered, glued after K1 on line 969",
    ),
    # INSML008
    PinnedText(
        "INSML008.P15",
        "review the diversity of the workforce, at all levels, in comparison to the population "
        "and your organisation's current and potential customers and",
        "truncated in the source before a running header (line 1080); PC16 follows numbered",
    ),
    # INSML009
    PinnedText(
        "INSML009.K8",
        "the legal, organisational, codes of practice and policies relevant to your role and "
        "the activities being carried out",
        "flattened knowledge table, first industry item, number interleaved (line 1232)",
    ),
    PinnedText(
        "INSML009.K13",
        "the methods for communicating values, and supporting the way they are applied in your "
        "organisation",
        "flattened knowledge table (line 1232): the words before '14.' end K13",
    ),
    PinnedText(
        "INSML009.K14",
        "the ways of dealing with messages and behaviour that conflict with agreed values and "
        "assumptions",
        "flattened knowledge table, last item (line 1232)",
    ),
    # INSML010
    PinnedText(
        "INSML010.K2",
        "the principles and methods of short to medium-term planning and how to develop and "
        "assign objectives which are Specific, Measurable, Achievable, Realistic and Time-bound "
        "(SMART)",
        "unnumbered, one of four items glued on line 1311",
    ),
    PinnedText(
        "INSML010.K4",
        "how to identify resource requirements and evaluate their availability and sustainability",
        "unnumbered, last of four items glued on line 1311",
    ),
    PinnedText(
        "INSML010.K8",
        "how to communicate the written risk management policy to colleagues and other "
        "relevant stakeholders",
        "second of two items glued on line 1314",
    ),
    PinnedText(
        "INSML010.K14",
        "the legal, organisational, codes of practice and policies relevant to your role and "
        "the activities being carried out",
        "first industry item, on the heading's line 1319",
    ),
    PinnedText(
        "INSML010.K27",
        "the systems in place for monitoring and reviewing the effectiveness of the risk "
        "management processes in your organisation",
        "last K&U item, crosses page break, lines 1348-1350",
    ),
    PinnedText("INSML010.S1", "Assessing", "first item of the list headed 'Behaviours' (1356)"),
    PinnedText("INSML010.S24", "Thinking critically", "last item of the 'Behaviours' list (1379)"),
    # INSML011
    PinnedText(
        "INSML011.P20",
        "review business continuity plans systematically in response to organisational "
        "changes, changes to the potential impact of disruption or emergencies and lessons "
        "identified from incidents and exercises",
        "last PC, crosses page break with running header, lines 1432-1438",
    ),
    PinnedText(
        "INSML011.K20",
        "how and why business continuity plans must be systematically reviewed",
        "last K&U item, after a running header (line 1472)",
    ),
    # INSML012
    PinnedText(
        "INSML012.K14",
        "your organisation's stakeholders, their interests and expectations",
        "glued with K15 on line 1560",
    ),
    PinnedText(
        "INSML012.K15",
        "your organisation's values, vision, activities and operating environment",
        "glued after K14 on line 1560",
    ),
    # INSML014
    PinnedText(
        "INSML014.K18",
        "the scope of your authority for taking decisions, when you need to refer decisions "
        "to someone else and the colleagues you may need to refer to",
        "crosses page break, lines 1782-1787",
    ),
    # INSML016
    PinnedText(
        "INSML016.P21",
        "communicate with employees and other stakeholders about change processes, specifying "
        "how it affects them and any actions required of them",
        "crosses page break, lines 1994-1998",
    ),
    PinnedText(
        "INSML016.K6",
        "the obstacles to change, and the techniques that deal with these",
        "number at end of line 2025",
    ),
    PinnedText(
        "INSML016.K17",
        "the legal, organisational, codes of practice and policies relevant to your role and "
        "the activities being carried out",
        "last industry item, crosses page break, lines 2048-2052",
    ),
    # INSML017
    PinnedText(
        "INSML017.K1",
        "how to engage employees and stakeholders in implementing change",
        "first K&U item, wraps onto the next tab line, lines 2167-2168",
    ),
    PinnedText(
        "INSML017.S3",
        "Being agile in managing risks or crisis",
        "skills list without 'Skills' heading (line 2219)",
    ),
    # INSML018
    PinnedText(
        "INSML018.K16",
        "the formal and informal sources of information relevant to your organisation and how "
        "to gather suitable information",
        "last K&U item, crosses page break with running header, lines 2338-2344",
    ),
    # INSML019
    PinnedText(
        "INSML019.K2",
        "what an effective workforce plan should cover to meet organisational requirements",
        "unnumbered, glued after K1 on line 2414, wraps onto 2415",
    ),
    # INSML020
    PinnedText(
        "INSML020.K10",
        "how to measure applicants' competence and capability against agreed criteria and "
        "assess whether they meet the stated requirements of the vacancy",
        "flattened line 2514, wraps onto 2515",
    ),
    PinnedText(
        "INSML020.K15",
        "how and when to review employees' progress towards achieving the objectives in their "
        "induction programmes",
        "flattened line 2517: the words before '16.' end K15",
    ),
    PinnedText(
        "INSML020.K16",
        "how to identify employees' information, learning and development needs",
        "flattened line 2517",
    ),
    PinnedText(
        "INSML020.K17",
        "the importance of recognising individual performance and how to do so",
        "flattened line 2517, crosses page break to line 2521",
    ),
    # INSML021
    PinnedText(
        "INSML021.K10",
        "the legal, organisational, codes of practice and policies relevant to your role and "
        "the activities being carried out",
        "last industry item, context heading glued to its continuation line 2640",
    ),
    PinnedText(
        "INSML021.K11",
        "your organisation's redeployment policies and procedures",
        "first context item (line 2641)",
    ),
    # INSML024
    PinnedText(
        "INSML024.K1",
        "the importance of confirming and clarifying the work required of teams with your "
        "manager and how to do this",
        "flattened knowledge table, 'understand: 1.' interleaved (line 2975)",
    ),
    PinnedText(
        "INSML024.K2",
        "how to identify the scope of knowledge, skills and competence required to achieve the "
        "purpose of teams",
        "flattened knowledge table, number interleaved (line 2975)",
    ),
    PinnedText(
        "INSML024.K8",
        "the importance of providing opportunities for team members to get to know each "
        "other's strengths and weaknesses to build mutual respect and trust",
        "flattened knowledge table, number interleaved (line 2975)",
    ),
    PinnedText(
        "INSML024.K10",
        "how to provide feedback to team members to enhance the performance of fellow team "
        "members and the team as a whole",
        "flattened knowledge table (line 2975): the words before '11.' end K10",
    ),
    PinnedText(
        "INSML024.K11",
        "the importance of allowing time for teams to develop through its stages of growth, and "
        "how to do so",
        "flattened knowledge table (line 2975)",
    ),
    PinnedText(
        "INSML024.K17",
        "the ways of encouraging team members to ask questions, seek clarification and make "
        "suggestions in relation to the work which they have been allocated",
        "flattened knowledge table, crosses page break, lines 2975-2979",
    ),
    PinnedText("INSML024.S33", "Valuing and supporting members of staff", "last skill (3039)"),
    # INSML025
    PinnedText(
        "INSML025.P17",
        "communicate plans, responsibilities and objectives and any changes to those affected",
        "crosses page break, lines 3085-3089",
    ),
    PinnedText(
        "INSML025.K3",
        "how to gain employees' commitment to their objectives including how to develop and "
        "agree a plan for monitoring, reviewing and evaluating individual progress and "
        "achievement of objectives",
        "flattened knowledge table, number interleaved (line 3108)",
    ),
    PinnedText(
        "INSML025.K13",
        "the ways of dealing with conflicts when they arise, what types of action should be "
        "taken and when",
        "flattened knowledge table (line 3108): the words before '14.' end K13",
    ),
    PinnedText(
        "INSML025.K14",
        "the importance of acknowledging and showing respect for team members' emotions about "
        "the conflict and how to manage any negative emotions",
        "flattened knowledge table, last item of the line (3108)",
    ),
    # INSML026
    PinnedText(
        "INSML026.P21",
        "evaluate the effectiveness of communication methods with team members and other "
        "teams to identify improvements",
        "crosses page break, lines 3227-3231",
    ),
    PinnedText(
        "INSML026.K13",
        "the internal and external teams that your staff communicate with to get information, "
        "including when and how they access this",
        "glued to K12 and K14, wraps over lines 3257-3258",
    ),
    PinnedText(
        "INSML026.K14",
        "why, how and when your team provides information to other teams and each other",
        "glued after K13 on line 3258",
    ),
    # INSML027
    PinnedText(
        "INSML027.P16",
        "follow the industry legal, organisational, codes of practice and policies relevant "
        "to your role in managing flexible and remote working",
        "last PC, crosses page break with running header, lines 3341-3347",
    ),
    PinnedText(
        "INSML027.K7",
        "how to evaluate requests for flexible and remote working and identify ways of "
        "accommodating these",
        "number mid-line (3371)",
    ),
    PinnedText(
        "INSML027.K8",
        "the importance of considering requests for flexible and remote working from a whole "
        "team impact perspective",
        "number mid-line (3373); the line before it is K7's",
    ),
    PinnedText(
        "INSML027.K16",
        "the sources of internal and external specialist support available to you within "
        "your role to make decisions and deal with appeals related to flexible and remote "
        "working",
        "last K&U item; bare URN glued at end of line 3393 is page furniture; continues 3399",
    ),
    PinnedText("INSML027.S4", "Valuing and supporting members of staff", "last skill (3411)"),
    # INSML028
    PinnedText(
        "INSML028.P16",
        "follow the industry legal, organisational, codes of practice and policies relevant to "
        "your role in promoting and managing staff wellbeing",
        "unnumbered last PC (line 3462)",
    ),
    PinnedText(
        "INSML028.K16",
        "the internal and external sources of specialist expertise (such as HR staff, mental "
        "health first aiders, employee assistance programmes, charities, local support groups)",
        "duplicated fragment at 3502 ignored; full item 3504 crosses page break to 3512",
    ),
    # INSML029
    PinnedText(
        "INSML029.P17",
        "provide opportunities for employees to apply their developing competences in the "
        "workplace",
        "crosses page break, lines 3584-3588",
    ),
    PinnedText(
        "INSML029.P28",
        "follow the legal, organisational, codes of practice and policies relevant to "
        "supporting employees' learning and development",
        "last PC (line 3600)",
    ),
    PinnedText(
        "INSML029.K28",
        "the sources of internal and external specialist advice and support available to you",
        "last K&U item (line 3670)",
    ),
]
