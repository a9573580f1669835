"""Anonymising a leaver, evidence's share: the free text of their evidence.

Connected to `people.signals.person_anonymised` in `apps.py`. Accounts, witness statements and
contacts, observation and discussion notes may identify the person (or a witness): they are
blanked; the evidence rows, their mappings and the judgements that relied on them stay.
"""

from __future__ import annotations

from typing import Any

from skillframe.evidence.models import Evidence
from skillframe.people.models import Person
from skillframe.people.signals import Blanked


def blank_evidence_texts(sender: Any, person: Person, **kwargs: Any) -> list[Blanked]:
    count = Evidence.objects.filter(owner=person).update(
        description="", text="", witness_name="", witness_role="", witness_contact=""
    )
    return [Blanked("evidence_blanked", "evidence text(s)", count)]
