"""Shape of the hand-verified NOS expectations (filled in nos_expected_part1/2.py)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ExpectedUnit:
    urn: str  # e.g. "INSML001"
    title: str  # as in the contents table
    pcs: int  # number of performance criteria
    # K&U items per section present in the source, keys among "general", "industry", "context",
    # in source order; a section the unit does not have is absent.
    knowledge: dict[str, int]
    skills: int  # number of skills-list items (0 if the unit has none)
    original_urns: tuple[str, ...]  # the "Original URN" metadata value(s)
    lines: str  # the source line range that was read, e.g. "120-245"
    note: str = ""  # anything odd seen while reading


@dataclass(frozen=True)
class PinnedText:
    code: str  # element code: "INSML001.P22", "INSML005.K3", "INSML001.S2"
    text: str  # exact source text (page furniture removed, splits joined by one space)
    why: str  # e.g. "first PC", "crosses page break at line 123", "flattened knowledge table"
