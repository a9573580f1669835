"""Hand-verified expectations for NOS Management and Leadership 2021, units INSML030-INSML058.

Every count below was taken by reading the unit in
src/skillframe/frameworks/data/nos_management_leadership_2021.txt (line ranges in ``lines``),
looking at the item numbers AND the text: an unnumbered item counts, a continuation line after a
page break (with or without a running header) is not a new item, and two items glued on one line
("...of the meeting6. the time...") are two items. The parser was not used to obtain any number.

General observations for this half of the file:
- Several units have no title line in the body at all (INSML033, INSML037, INSML045) or only as a
  running header (INSML034, INSML035, INSML039, INSML040, INSML044, ...); bare URNs appear in the
  body as page furniture at 4803 (INSML038), 5253 (INSML042), 5328/5371/5452 (INSML043),
  6109 (INSML049).
- Knowledge tables are flattened into one long line with numbers and headings interleaved in
  INSML030 (3767), INSML037 (4727), INSML040 (5014), INSML044 (5510, partly), INSML047 (5902),
  INSML053 (6472) and INSML054 (6585); INSML054 also has its performance criteria flattened (6543).
  Tab-separated knowledge tables (one item per line after a tab) in INSML033, 034, 035, 038, 041,
  042, 044, 049, 050, 051, 052.
- The source's own numbering runs K1..Kn continuously across the three K&U sections in every unit.
"""

from .nos_expected_types import ExpectedUnit, PinnedText

UNITS: list[ExpectedUnit] = [
    # 3716-3842. PC4 (3735) and PC13 (3744) unnumbered. K1-K17 flattened on 3767 (numbers
    # interleaved: "...the features 1. understand: and benefits..."); K17 continues after the page
    # break on 3771 ("the contract should cover"). Skills 24.
    ExpectedUnit(
        urn="INSML030",
        title="Coach or mentor employees",
        pcs=27,
        knowledge={"general": 21, "industry": 1, "context": 5},
        skills=24,
        original_urns=("CFAM&LDC3", "CFAM&LDC4"),
        lines="3716-3842",
        note="K1-K17 flattened on line 3767; K17 crosses page break to 3771",
    ),
    # 3844-4016. Running header at 3854 before "Performance criteria"; PC19/PC20 split by header
    # 3882; K15/K16 split by header 3936 (no item crosses). Skills list has 27 entries with
    # repeats (Communicating, Empathising, ... appear twice) - counted as in source.
    ExpectedUnit(
        urn="INSML031",
        title="Develop and sustain working relationships with colleagues and stakeholders",
        pcs=28,
        knowledge={"general": 19, "industry": 2, "context": 6},
        skills=27,
        original_urns=("CFAM&LDD1", "CFAM&LDD2"),
        lines="3844-4016",
        note="skills list repeats entries (two merged legacy units)",
    ),
    # 4018-4187. PC1 (4036), PC2 (4037), PC19 (4061) unnumbered. PC17 crosses page break
    # 4052 -> header 4054 -> 4058. K15 crosses page break 4107 -> header 4109 -> 4113
    # ("legislation"). Skills 33 with repeats.
    ExpectedUnit(
        urn="INSML032",
        title=(
            "Develop and sustain collaborative relationships with departments "
            "and other organisations"
        ),
        pcs=25,
        knowledge={"general": 15, "industry": 2, "context": 5},
        skills=33,
        original_urns=("CFAM&LDD3", "CFAM&LDD4"),
        lines="4018-4187",
        note="PC17 and K15 cross page breaks; PC1, PC2, PC19 unnumbered",
    ),
    # 4188-4282. The title never appears in the body (only contents line 45); no running headers.
    # Overview at 4191 directly after the previous unit's metadata. PC13 (4213) unnumbered.
    # Tab-separated K table 4222-4240: K3 (4226) and K13 (4237) unnumbered; K16-K18 after a page
    # break as plain lines.
    ExpectedUnit(
        urn="INSML033",
        title="Manage conflicts in work environment",
        pcs=18,
        knowledge={"general": 12, "industry": 2, "context": 4},
        skills=14,
        original_urns=("CFAM&LDD5",),
        lines="4188-4282",
        note="title absent from the body; K3 and K13 unnumbered",
    ),
    # 4283-4430. Title only as running header (4294...). PC20 crosses page break 4321 -> header
    # 4323 -> 4327. Tab-separated K table: line 4349 holds K5 and K6 glued
    # ("...objectives of the meeting6. the time for meetings...") - two items.
    ExpectedUnit(
        urn="INSML034",
        title="Lead meetings to achieve objectives",
        pcs=29,
        knowledge={"general": 23, "industry": 2, "context": 4},
        skills=13,
        original_urns=("CFAM&LDD6",),
        lines="4283-4430",
        note="K5/K6 glued on line 4349; PC20 crosses page break",
    ),
    # 4431-4532. No title before Overview (4436); running header 4465. Heading split over two
    # lines "Knowledge and" / "understanding" (4469-4470). K1 (4472) and K3 (4474) unnumbered;
    # K7 wraps onto a tab-prefixed line 4479 (continuation, not an item). Metadata labels split
    # over two lines ("Indicative Review"/"Date", "Originating"/"Organisation",
    # "Relevant"/"Occupations").
    ExpectedUnit(
        urn="INSML035",
        title="Identify and justify requirements for financial resources",
        pcs=18,
        knowledge={"general": 13, "industry": 1, "context": 3},
        skills=15,
        original_urns=("CFAM&LEA1",),
        lines="4431-4532",
        note="K1, K3 unnumbered; K7 wraps to 4479; split metadata labels",
    ),
    # 4534-4690. PC7 (4554) and PC18 (4565) unnumbered; page break between PC19 and PC20 without
    # header (4566-4570). K1-K3 have "- " bullets, the rest plain. Context K19-K28.
    ExpectedUnit(
        urn="INSML036",
        title="Manage financial resources",
        pcs=29,
        knowledge={"general": 15, "industry": 3, "context": 10},
        skills=20,
        original_urns=("CFAM&LEA2", "CFAM&LEA3"),
        lines="4534-4690",
        note="PC7, PC18 unnumbered",
    ),
    # 4691-4769. Title never appears in the body. K1-K17 flattened on 4727 (interleaved numbers;
    # K9 written "9 the importance" without a dot). K18 crosses a page break 4729 -> 4733;
    # K19 starts on 4733 and its tail "in what format" is on 4737, AFTER K20 (4735): K19 = "...when
    # they need it and in what format", K20 = "what to do and who to contact if you suspect fraud
    # has been committed".
    ExpectedUnit(
        urn="INSML037",
        title="Manage budgets",
        pcs=18,
        knowledge={"general": 12, "industry": 2, "context": 6},
        skills=13,
        original_urns=("CFAM&LEA4",),
        lines="4691-4769",
        note="flattened K table 4727; K19 tail 'in what format' misplaced after K20 (4737)",
    ),
    # 4770-4871. Bare "INSML038" at 4803 then title header 4805. Tab-separated K table: line 4811
    # holds K1 AND K2, both unnumbered ("...and how to do so how to identify the range..."); K5
    # (4814) and K12 (4822) unnumbered. K16 crosses a page break 4827 -> 4831 ("contingencies").
    ExpectedUnit(
        urn="INSML038",
        title="Manage physical resources",
        pcs=17,
        knowledge={"general": 11, "industry": 2, "context": 4},
        skills=18,
        original_urns=("CFAM&LEB2", "CFAM&LEB3"),
        lines="4770-4871",
        note="K1+K2 both unnumbered on line 4811; K5, K12 unnumbered; K16 crosses page break",
    ),
    # 4872-4972. No title before Overview; running header 4902. Plain, well-numbered unit.
    ExpectedUnit(
        urn="INSML039",
        title="Manage the environmental and social impacts of your work",
        pcs=12,
        knowledge={"general": 4, "industry": 3, "context": 5},
        skills=11,
        original_urns=("CFAM&LEB4",),
        lines="4872-4972",
    ),
    # 4973-5070. PC4 (4991) unnumbered; PC20 (5010) after a page break without "- " bullet.
    # K1-K15 flattened on 5014 (interleaved numbers); K16 crosses page break 5016 -> header 5018
    # -> 5022 ("how the technology strategy aligns").
    ExpectedUnit(
        urn="INSML040",
        title="Optimise the use of technologies",
        pcs=20,
        knowledge={"general": 9, "industry": 3, "context": 7},
        skills=18,
        original_urns=("CFAM&LEB5",),
        lines="4973-5070",
        note="flattened K table 5014; K16 crosses page break",
    ),
    # 5074-5209. PC1, PC6, PC8, PC17 unnumbered; PC15 crosses page break 5103 -> 5107
    # ("responsibility"). Tab K table: 5128 holds K1 and K2 both unnumbered; K3, K12, K13
    # unnumbered; 5140 holds K14 and K15 glued ("...appropriate ones15. how to evaluate...") and
    # K15 continues after the page break on 5144 ("and gain support for organisational
    # strategies").
    ExpectedUnit(
        urn="INSML041",
        title="Manage information, knowledge and communication systems",
        pcs=27,
        knowledge={"general": 16, "industry": 2, "context": 8},
        skills=16,
        original_urns=("CFAM&LEC1", "CFAM&LEC2"),
        lines="5074-5209",
        note="K1+K2 unnumbered on 5128; K14/K15 glued on 5140, K15 continues on 5144",
    ),
    # 5210-5326. No title before Overview; bare "INSML042" at 5253. PC18 (5240) unnumbered, page
    # break after it. Tab K table 5260-5265 packs several items per line: K3 wraps 5260 -> 5261;
    # 5262 holds K6, K7, K8 all unnumbered; 5265 holds K15 and K16 glued ("...how to do so16.")
    # and K16 continues after the page break on 5269 ("personal opinion").
    ExpectedUnit(
        urn="INSML042",
        title="Develop knowledge and communicate information",
        pcs=26,
        knowledge={"general": 18, "industry": 2, "context": 6},
        skills=14,
        original_urns=("CFAM&LEC3", "CFAM&LEC4"),
        lines="5210-5326",
        note="K6-K8 unnumbered on one line 5262; K15/K16 glued on 5265, K16 ends on 5269",
    ),
    # 5328-5468. Bare "INSML043" at 5328, 5371, 5452. The overview paragraph (5336) ends with the
    # running header text glued on. K19/K20 after a page break carry "- " bullets. Skills 24 with
    # "Communicating" twice.
    ExpectedUnit(
        urn="INSML043",
        title="Implement and evaluate strategic and operational business plans",
        pcs=21,
        knowledge={"general": 12, "industry": 2, "context": 7},
        skills=24,
        original_urns=("CFAM&LFA1", "CFAM&LFA2"),
        lines="5328-5468",
        note="running header glued to end of overview (5336)",
    ),
    # 5469-5552. Title never appears in the body. PC18 (5501) unnumbered. Tab K table; line 5510
    # flattens K4-K13 with the "Industry and sector specific" heading between K11 and K12; K13
    # continues on 5511. Skills item 1 ("1. Analysing", 5523) lacks the "- " bullet.
    ExpectedUnit(
        urn="INSML044",
        title="Manage business processes",
        pcs=18,
        knowledge={"general": 11, "industry": 2, "context": 5},
        skills=15,
        original_urns=("CFAM&LFA3",),
        lines="5469-5552",
        note="K4-K13 flattened on 5510 with heading inside",
    ),
    # 5553-5697. Title never appears in the body. "understand:" precedes "You need to know and"
    # (5598-5600). K1, K2, K6, K7, K8 have the number in the middle of the text (PDF columns).
    # K13 crosses a page break 5628 -> 5632. Junk line "\tE 1 000 <i>1</i>" in metadata (5685).
    ExpectedUnit(
        urn="INSML045",
        title="Manage programmes of work or projects",
        pcs=24,
        knowledge={"general": 11, "industry": 2, "context": 5},
        skills=30,
        original_urns=("CFAM&LFA4",),
        lines="5553-5697",
        note="K13 crosses page break; junk metadata line 5685",
    ),
    # 5698-5867. PC19 (5733) unnumbered, page break after it. Glued K items: K19/K20 on 5797,
    # K21/K22 on 5799. Skills 27 with repeats. Metadata "Indicative Review" without "Date" (5860).
    ExpectedUnit(
        urn="INSML046",
        title="Develop and implement marketing plans",
        pcs=32,
        knowledge={"general": 23, "industry": 2, "context": 6},
        skills=27,
        original_urns=("CFAM&LFB2", "CFAM&LFB3"),
        lines="5698-5867",
        note="K19/K20 glued on 5797 and K21/K22 on 5799",
    ),
    # 5868-5938. PC8 (5890) unnumbered. Whole K table flattened on 5902 (K1, K5, K8 have their
    # number in mid-text).
    ExpectedUnit(
        urn="INSML047",
        title="Plan and monitor the work of sales teams",
        pcs=16,
        knowledge={"general": 10, "industry": 1, "context": 5},
        skills=14,
        original_urns=("CFAM&LFC1",),
        lines="5868-5938",
        note="whole K table flattened on line 5902",
    ),
    # 5939-6054. PC3, PC6, PC7 unnumbered. K15 crosses page break 6011 -> 6015
    # ("and motivations"). Original URN written "CFAMLFC2" (no "&") in the source.
    ExpectedUnit(
        urn="INSML048",
        title="Bid for contracts to supply products and services",
        pcs=16,
        knowledge={"general": 11, "industry": 2, "context": 4},
        skills=16,
        original_urns=("CFAMLFC2",),
        lines="5939-6054",
        note="Original URN 'CFAMLFC2' lacks '&' in source",
    ),
    # 6055-6152. PC9 (6078) unnumbered. Tab K table; K3 (6094) unnumbered. Bare "INSML049" at
    # 6109 before K15-K17 (which carry "- " bullets). Skills item 1 lacks the bullet.
    ExpectedUnit(
        urn="INSML049",
        title="Sell products and services",
        pcs=17,
        knowledge={"general": 9, "industry": 1, "context": 7},
        skills=14,
        original_urns=("CFAM&LFC3",),
        lines="6055-6152",
        note="K3 unnumbered; bare URN at 6109",
    ),
    # 6153-6239. PC8 (6177) unnumbered. Tab K table; K7 (6198) unnumbered. Metadata
    # "Indicative Review" without "Date" (6232).
    ExpectedUnit(
        urn="INSML050",
        title="Develop a customer-focused organisation",
        pcs=14,
        knowledge={"general": 6, "industry": 3, "context": 5},
        skills=10,
        original_urns=("CFAM&LFD1",),
        lines="6153-6239",
        note="K7 unnumbered",
    ),
    # 6240-6330. PC7 (6259) unnumbered. K heading lacks "You need to know and" (6273-6275). K1, K3,
    # K10 unnumbered. K16 (6292) ends "...your products, services and" - nothing follows it in
    # the source (truncated; the next line after the page break is K17).
    ExpectedUnit(
        urn="INSML051",
        title="Deliver products and services to customers",
        pcs=17,
        knowledge={"general": 9, "industry": 3, "context": 5},
        skills=15,
        original_urns=("CFAM&LFD2",),
        lines="6240-6330",
        note="K16 truncated in source (ends with 'and'); K1, K3, K10 unnumbered",
    ),
    # 6331-6434. Stray page number "3" at 6369. K heading lacks "You need to know and". K1
    # unnumbered; K6 and K7 on one line (6378), K7 continues on 6379; the "Industry and sector
    # specific knowledge and understanding" heading is glued to the end of K11 (6383). Garbled
    # running header "Managa customer sonica" at 6388 between K14 and K15.
    ExpectedUnit(
        urn="INSML052",
        title="Manage customer service",
        pcs=16,
        knowledge={"general": 11, "industry": 2, "context": 5},
        skills=13,
        original_urns=("CFAM&LFD3",),
        lines="6331-6434",
        note="section heading glued to K11 (6383); garbled header 6388; stray '3' at 6369",
    ),
    # 6435-6529. K1-K13 flattened on 6472 (K1, K9 numbers mid-text); K13 continues after the page
    # break on 6478 ("managing quality assurance").
    ExpectedUnit(
        urn="INSML053",
        title="Manage quality assurance systems",
        pcs=18,
        knowledge={"general": 11, "industry": 2, "context": 5},
        skills=16,
        original_urns=("CFAM&LFE1",),
        lines="6435-6529",
        note="flattened K table 6472; K13 ends on 6478",
    ),
    # 6530-6668. PCs 1-17 flattened on 6543 with sub-heading "Manage and carry out quality
    # audits" (PC5 number mid-text); PC18-26 one per line; sub-heading "Participate in quality
    # audits" (6565) then PC27-34. K1-K16 flattened on 6585; K17 crosses page break 6587 -> 6591.
    # Source typos kept: "guality", "vour", "how to do SO". Junk "č" after "Occupations" (6666).
    ExpectedUnit(
        urn="INSML054",
        title="Carry out and participate in quality audits",
        pcs=34,
        knowledge={"general": 21, "industry": 2, "context": 10},
        skills=19,
        original_urns=("CFAM&LFE2", "CFAM&LFE3", "CFAM&LFE4"),
        lines="6530-6668",
        note="PCs 1-17 and K1-K16 flattened; two PC sub-headings (6543, 6565)",
    ),
    # 6670-6802. PC2 (6689) and PC16 (6703) unnumbered; PC17 crosses page break 6704 -> header
    # 6706 -> 6710. K1, K3, K4, K6, K7 have the number mid-text; K8 wraps 6736 -> 6738; K9 written
    # "9 the industry" without a dot (6742). Header 6752 between K12 and K13.
    ExpectedUnit(
        urn="INSML055",
        title="Provide healthy, safe and secure working environments and practices",
        pcs=17,
        knowledge={"general": 8, "industry": 2, "context": 7},
        skills=15,
        original_urns=("CFAM&LEB1",),
        lines="6670-6802",
        note="PC17 crosses page break; K9 '9 the' without dot",
    ),
    # 6804-6950. PC4 (6825) and PC6 (6827) unnumbered. Stray fragment "in products and services"
    # at 6850 after a running header following PC20 - a PDF artefact, not an item. K1 (6860)
    # unnumbered. Running header 6894 between "Context specific" heading and K16.
    ExpectedUnit(
        urn="INSML056",
        title="Produce and procure products and services from external suppliers",
        pcs=20,
        knowledge={"general": 13, "industry": 2, "context": 5},
        skills=20,
        original_urns=("CFAM&LED1", "CFAM&LED2"),
        lines="6804-6950",
        note="stray fragment 'in products and services' at 6850 is not an item",
    ),
    # 6951-7066. PC2 (6969) unnumbered. K14 crosses page break 7023 -> 7027. OCR junk in metadata:
    # "valiaity" (7057), "Delevent\tManagara and Saniar Officiala" (7062) duplicating real rows.
    ExpectedUnit(
        urn="INSML057",
        title="Select suppliers through a tendering process",
        pcs=16,
        knowledge={"general": 10, "industry": 2, "context": 4},
        skills=11,
        original_urns=("CFAM&LED3",),
        lines="6951-7066",
        note="K14 crosses page break; OCR junk metadata rows 7057, 7062",
    ),
    # 7067-7174. K1-K15 carry "- " bullets. Page break between K16 and K17 (7131-7133). Last line
    # "Keywords ..." has no trailing newline.
    ExpectedUnit(
        urn="INSML058",
        title="Outsource business processes",
        pcs=21,
        knowledge={"general": 15, "industry": 2, "context": 3},
        skills=13,
        original_urns=("CFAM&LED4",),
        lines="7067-7174",
    ),
]

PINNED: list[PinnedText] = [
    PinnedText(
        code="INSML030.P1",
        text="help employees identify their needs and expectations for coaching or mentoring",
        why="first PC (line 3732)",
    ),
    PinnedText(
        code="INSML030.K17",
        text="how to establish a mentoring contract with employees and what the contract "
        "should cover",
        why="flattened knowledge table (3767), crosses page break to 3771",
    ),
    PinnedText(
        code="INSML030.S24",
        text="Valuing and supporting members of staff",
        why="last skills item (3826)",
    ),
    PinnedText(
        code="INSML032.P17",
        text="process information supplied by the other departments and organisations in "
        "accordance with arrangements and relevant legislation",
        why="crosses page break at 4052-4058, running header 4054 removed",
    ),
    PinnedText(
        code="INSML032.K15",
        text="how to process information supplied by collaborating departments and "
        "organisations in accordance with agreements and data protection legislation",
        why="last general K&U item, crosses page break at 4107-4113 (header 4109)",
    ),
    PinnedText(
        code="INSML034.P20",
        text="manage time flexibly, giving more time to agenda items, if necessary, whilst "
        "ensuring key objectives are met",
        why="crosses page break at 4321-4327, running header 4323 removed",
    ),
    PinnedText(
        code="INSML034.K5",
        text="how to inform participants of the role they will be expected to play, the "
        "preparation they need to do and the objectives of the meeting",
        why="glued to K6 on line 4349 ('meeting6.')",
    ),
    PinnedText(
        code="INSML034.K6",
        text="the time for meetings to begin and end and duration for each agenda item",
        why="glued to K5 on line 4349",
    ),
    PinnedText(
        code="INSML037.K19",
        text="who needs information in your organisation about performance against your "
        "budget, what information they need, when they need it and in what format",
        why="tail 'in what format' (4737) printed after K20 (4735)",
    ),
    PinnedText(
        code="INSML038.K1",
        text="the importance of engaging with resource users (equipment, materials, premises, "
        "services and energy supplies), and how to do so",
        why="first general K&U item, unnumbered, shares line 4811 with K2",
    ),
    PinnedText(
        code="INSML038.K2",
        text="how to identify the range and calculate the quantity of resources required to "
        "carry out planned activities",
        why="unnumbered item sharing line 4811 with K1",
    ),
    PinnedText(
        code="INSML041.K15",
        text="how to evaluate the value of knowledge and knowledge management to the "
        "organisation and gain support for organisational strategies",
        why="glued to K14 on 5140, continues after page break on 5144",
    ),
    PinnedText(
        code="INSML047.K5",
        text="the variety of procurement practices used by a range of organisations",
        why="flattened knowledge table (5902), number interleaved mid-text",
    ),
    PinnedText(
        code="INSML047.K16",
        text="your organisation's actual and potential competitors and partners and the key "
        "features of their selling strategies",
        why="last context K&U item, end of flattened table line 5902",
    ),
    PinnedText(
        code="INSML052.K11",
        text="the importance of making or recommending changes to processes, systems and "
        "standards to improve customer service, and how to do so",
        why="last general item; section heading glued to its end on line 6383",
    ),
    PinnedText(
        code="INSML053.K13",
        text="the legal, organisational, codes of practice and policies relevant to managing "
        "quality assurance",
        why="last industry item of flattened table 6472, crosses page break to 6478",
    ),
    PinnedText(
        code="INSML054.P5",
        text="develop, support and supervise people to carry out audit programmes",
        why="flattened PC line 6543, number interleaved mid-text",
    ),
    PinnedText(
        code="INSML055.P17",
        text="follow the legal, organisational, codes of practice and policies relevant to "
        "providing healthy, safe, secure and productive working environments and practices",
        why="last PC, crosses page break 6704-6710, running header 6706 removed",
    ),
    PinnedText(
        code="INSML058.P21",
        text="follow the legal, organisational, codes of practice and policies relevant to "
        "outsourcing business processes",
        why="last PC (7102)",
    ),
    PinnedText(
        code="INSML058.K15",
        text="the importance of reviewing the outsourcing arrangement at agreed points and in "
        "the event of significant changes in the business environment",
        why="last general K&U item (7126)",
    ),
    PinnedText(
        code="INSML058.K18",
        text="the individuals in your area of work, their roles, responsibilities, competences "
        "and potential",
        why="first context K&U item (7138)",
    ),
]
