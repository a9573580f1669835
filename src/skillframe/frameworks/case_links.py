"""Crosswalk links (frameworks.Association) in and out of CASE packages.

Out: every confirmed `exactMatchOf` / `isRelatedTo` link touching the framework becomes a
CFAssociation of its package (written by the CASE writer from the element's
metadata["case_associations"] records, the place an import keeps associations to nodes outside
the package). In: after a package is loaded, each such record whose two ends are elements here
(matched by CASE identifier = element UUID) becomes an Association with status `imported`: a
file may carry a link, but only a person here confirms it.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from django.db.models import Q

from skillframe.frameworks.associations import Association, AssociationKind, AssociationStatus
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.spec import FrameworkSpec

LINK_KINDS = (AssociationKind.EXACT_MATCH_OF, AssociationKind.IS_RELATED_TO)
RECORDS = "case_associations"


def with_links(framework: Framework, spec: FrameworkSpec) -> FrameworkSpec:
    """`spec` with the framework's confirmed crosswalk links added as association records."""
    links = (
        Association.objects.filter(status=AssociationStatus.CONFIRMED, kind__in=LINK_KINDS)
        .filter(Q(origin__framework=framework) | Q(destination__framework=framework))
        .select_related("origin", "destination")
        .order_by("pk")
    )
    by_code: dict[str, list[dict[str, Any]]] = {}
    for link in links:
        own = link.origin if link.origin.framework_id == framework.pk else link.destination
        by_code.setdefault(own.code, []).append(
            {
                "identifier": str(link.uuid),
                "type": link.kind,
                "origin": str(link.origin.uuid),
                "origin_title": link.origin.label,
                "destination": str(link.destination.uuid),
                "destination_title": link.destination.label,
            }
        )
    if not by_code:
        return spec
    elements = []
    for element in spec.elements:
        extra = by_code.get(element.code)
        if extra:
            kept = [r for r in element.metadata.get(RECORDS) or [] if isinstance(r, dict)]
            known = {str(r.get("identifier", "")).lower() for r in kept}
            added = [r for r in extra if r["identifier"] not in known]
            element = replace(element, metadata={**element.metadata, RECORDS: [*kept, *added]})
        elements.append(element)
    return replace(spec, elements=tuple(elements))


def store_links() -> int:
    """Associations for every kept crosswalk record whose two ends are elements here; returns
    how many were created. Run after each import: a link waits in the package's metadata until
    the framework at its other end is imported too."""
    holders = Element.objects.filter(metadata__has_key=RECORDS).values_list("metadata", flat=True)
    records = [
        r
        for metadata in holders
        for r in metadata.get(RECORDS) or []
        if isinstance(r, dict) and r.get("type") in LINK_KINDS
    ]
    ends = (_uuid(r.get(side)) for r in records for side in ("origin", "destination"))
    wanted = {end for end in ends if end is not None}
    by_uuid: dict[uuid.UUID | None, Element] = {
        e.uuid: e for e in Element.objects.filter(uuid__in=wanted)
    }
    created = 0
    for r in records:
        origin, destination = (
            by_uuid.get(_uuid(r.get("origin"))),
            by_uuid.get(_uuid(r.get("destination"))),
        )
        if origin is None or destination is None or origin == destination:
            continue
        identifier = _uuid(r.get("identifier"))
        if identifier is None or Association.objects.filter(uuid=identifier).exists():
            identifier = uuid.uuid4()
        _, made = Association.objects.get_or_create(
            origin=origin,
            destination=destination,
            kind=r["type"],
            defaults={"uuid": identifier, "status": AssociationStatus.IMPORTED, "method": "import"},
        )
        created += made
    return created


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
