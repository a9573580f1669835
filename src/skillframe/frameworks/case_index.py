"""The CASE provider's identifier index: every association and definition a framework's CASE
payloads advertise, findable by identifier with one indexed query.

Association identifiers are derived (uuid5 of origin, type and destination) or kept from an
import, so they cannot be found from the element table; definitions (item types, the licence,
rubrics, concepts, subjects, association groupings) have no table of their own. `refresh()`
builds the framework's package with the same CaseWriter as the export and stores each such
record with its payload (URIs under the writer's default base, rewritten per request by the
provider). A framework is re-indexed when its `updated_at` differs from the index's
`built_for`: the loader saves the framework on every import, so the first provider lookup after
an import pays for it once; lookups then cost two small queries whatever the catalogue's size.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from skillframe.frameworks.formats.case import CaseWriter, case_timestamp
from skillframe.frameworks.loading import dump_framework
from skillframe.frameworks.models import CaseIndex, CaseRecord, Element, Framework

DEFINITIONS = ("CFItemTypes", "CFLicenses", "CFConcepts", "CFSubjects", "CFAssociationGroupings")
RUBRIC_PARTS = ("CFRubrics", "CFRubricCriteria", "CFRubricCriterionLevels")


def _records(framework: Framework, package: dict[str, Any]) -> list[CaseRecord]:
    elements = {
        str(uid): (pk, changed)
        for uid, pk, changed in Element.objects.filter(framework=framework).values_list(
            "uuid", "pk", "updated_at"
        )
    }
    found: dict[tuple[str, str], CaseRecord] = {}

    def add(collection: str, payload: dict[str, Any], element: int | None = None) -> None:
        identifier = str(payload.get("identifier", ""))
        try:
            key = uuid.UUID(identifier)
        except ValueError:
            return  # not a UUID: no provider path can name it
        found.setdefault(
            (collection, str(key)),
            CaseRecord(
                framework=framework,
                identifier=key,
                collection=collection,
                element_id=element,
                payload=payload,
            ),
        )

    for association in package.get("CFAssociations", []):
        ends = (association["originNodeURI"]["identifier"], association["destinationNodeURI"])
        owner = elements.get(ends[0]) or elements.get(ends[1]["identifier"])
        if owner is not None:  # the association changed when the element it belongs to did
            association = association | {"lastChangeDateTime": case_timestamp(owner[1])}
        add("CFAssociations", association, owner[0] if owner else None)
    for collection in DEFINITIONS:
        for definition in package.get("CFDefinitions", {}).get(collection, []):
            add(collection, definition)
    for rubric in package.get("CFRubrics", []):
        add("CFRubrics", rubric)
        for criterion in rubric.get("CFRubricCriteria", []):
            add("CFRubricCriteria", criterion)
            for level in criterion.get("CFRubricCriterionLevels", []):
                add("CFRubricCriterionLevels", level)
    return list(found.values())


def reindex(framework: Framework) -> None:
    """Rebuild the records of one framework (one package build, one bulk insert)."""
    stamp: datetime = framework.updated_at
    package = CaseWriter(dump_framework(framework), changed=stamp).package()
    records = _records(framework, package)
    with transaction.atomic():
        CaseRecord.objects.filter(framework=framework).delete()
        CaseRecord.objects.bulk_create(records, batch_size=500, ignore_conflicts=True)
        CaseIndex.objects.update_or_create(framework=framework, defaults={"built_for": stamp})


def refresh() -> None:
    """Re-index the frameworks changed since their index was built (none, usually: one query)."""
    for framework in Framework.objects.exclude(case_index__built_for=F("updated_at")):
        try:
            reindex(framework)
        except IntegrityError:  # another request indexed it at the same moment: theirs stands
            continue


def find(collection: str, identifier: str) -> CaseRecord | None:
    """The record of `identifier` in `collection` (the first framework by title if several
    frameworks advertise it, as they do for item types of the same kind)."""
    refresh()
    return (
        CaseRecord.objects.select_related("framework")
        .filter(collection=collection, identifier=identifier)
        .order_by("framework__title", "framework_id")
        .first()
    )


def siblings(record: CaseRecord) -> list[CaseRecord]:
    """The other records of the same framework and collection (for hierarchy codes)."""
    return list(
        CaseRecord.objects.filter(framework=record.framework_id, collection=record.collection)
        .exclude(pk=record.pk)
        .order_by("identifier")  # the unique index's order: no sort, no scan
    )
