"""Another provider's CASE records, kept whole on import and given back on export.

A CFPackage from elsewhere carries more than our columns hold: document adoption status,
creator, subjects, notes; item education levels, list enumerations, type identifiers, notes;
association identifiers, groupings, notes; definitions (subjects, concepts, item types, licences,
groupings) and rubrics. The import keeps each record as given (`metadata["case"]`, see
case_load.py) and the export starts from it, so what came in goes out unchanged. Our columns win
only where they no longer say what the record said (an element edited since the import): a
field is rewritten when the value the import derived from the record differs from the column.

What is not given back unchanged, and why, is listed in docs/case.md ("Round trip of another
provider's package"): `uri` and other links to the provider are ours (a consumer resolves them
at our provider), non-UUID identifiers are replaced by stable UUIDs, and fields that CASE 1.1
does not define move into `extensions`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from skillframe.frameworks.formats.case_models import EXT, is_case_uuid

# CASE 1.1 fields of each record (CFDocument, CFItem, CFAssociation), without those we always
# write ourselves (`identifier`, `uri`, and the links to the package and document).
DOCUMENT_FIELDS = frozenset(
    {
        "frameworkType",
        "caseVersion",
        "creator",
        "officialSourceURL",
        "publisher",
        "title",
        "lastChangeDateTime",
        "version",
        "description",
        "subject",
        "subjectURI",
        "language",
        "adoptionStatus",
        "statusStartDate",
        "statusEndDate",
        "licenseURI",
        "notes",
        "extensions",
    }
)
ITEM_FIELDS = frozenset(
    {
        "fullStatement",
        "alternativeLabel",
        "CFItemType",
        "notes",
        "humanCodingScheme",
        "listEnumeration",
        "abbreviatedStatement",
        "conceptKeywords",
        "conceptKeywordsURI",
        "educationLevel",
        "CFItemTypeURI",
        "licenseURI",
        "statusStartDate",
        "statusEndDate",
        "lastChangeDateTime",
        "language",
        "subject",
        "subjectURI",
        "extensions",
    }
)
ASSOCIATION_FIELDS = frozenset(
    {
        "associationType",
        "sequenceNumber",
        "originNodeURI",
        "destinationNodeURI",
        "CFAssociationGroupingURI",
        "lastChangeDateTime",
        "notes",
        "extensions",
    }
)
# Links to where the record lived: we serve the record ourselves, under our URIs.
PROVIDER_FIELDS = frozenset(
    {"identifier", "uri", "CFDocumentURI", "CFPackageURI", "CFItemAssociationURI"}
)
FOREIGN_FIELDS = f"{EXT}foreignFields"  # fields CASE 1.1 does not define, kept as given


def foreign_case(metadata: dict[str, Any] | None) -> dict[str, Any] | None:
    """metadata["case"] of a framework or element another provider's package gave us."""
    case = metadata.get("case") if metadata else None
    return case if isinstance(case, dict) else None


def kept(metadata: dict[str, Any] | None, key: str) -> dict[str, Any] | None:
    """metadata["case"][key] when the import kept a record there."""
    case = metadata.get("case") if metadata else None
    value = case.get(key) if isinstance(case, dict) else None
    return value if isinstance(value, dict) else None


_ZONELESS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$")


def split(raw: dict[str, Any], fields: frozenset[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the CASE 1.1 fields of a record, the others); provider links are dropped."""
    known: dict[str, Any] = {}
    other: dict[str, Any] = {}
    for key, value in raw.items():
        if value is None:
            continue  # CASE 1.1 forbids null; a null carries nothing
        if key in fields:
            known[key] = copy.deepcopy(value)
        elif key not in PROVIDER_FIELDS:
            other[key] = copy.deepcopy(value)
    return as_case_1p1(known), other


def as_case_1p1(record: dict[str, Any]) -> dict[str, Any]:
    """What CASE 1.0 providers (OpenSALT) wrote in shapes 1.1 refuses, in the 1.1 shape: a
    date-time without a zone is UTC, a sequence number written as text is the number."""
    stamp = record.get("lastChangeDateTime")
    if isinstance(stamp, str) and _ZONELESS.match(stamp):
        record["lastChangeDateTime"] = stamp + "Z"
    sequence = record.get("sequenceNumber")
    if isinstance(sequence, str) and sequence.strip().isdigit():
        record["sequenceNumber"] = int(sequence)
    return record


def definitions(raw: dict[str, Any]) -> dict[str, Any]:
    """The kept CFDefinitions, each definition without nulls and in the 1.1 shape."""
    result: dict[str, Any] = {}
    for key, value in raw.items():
        if value is None:
            continue
        if isinstance(value, list):
            value = [
                as_case_1p1({k: copy.deepcopy(v) for k, v in entry.items() if v is not None})
                if isinstance(entry, dict)
                else entry
                for entry in value
            ]
        if key == "CFItemTypes" and isinstance(value, list):
            value = [_item_type(entry, number) for number, entry in enumerate(value, start=1)]
        result[key] = copy.deepcopy(value)
    return result


def _item_type(entry: Any, number: int) -> Any:
    """CASE 1.1 requires an item type's description and hierarchy code, 1.0 providers left
    them null: the title stands for the description, the position for the code."""
    if isinstance(entry, dict):
        entry.setdefault("description", str(entry.get("title") or ""))
        entry.setdefault("hierarchyCode", str(number))
    return entry


def with_foreign(payload: dict[str, Any], other: dict[str, Any]) -> None:
    """Fields CASE 1.1 does not define (a CASE 1.0 `educationalLevel`…) in `extensions`: kept,
    and the record stays valid CASE 1.1."""
    if other:
        extensions = payload.get("extensions")
        extensions = dict(extensions) if isinstance(extensions, dict) else {}
        extensions[FOREIGN_FIELDS] = other
        payload["extensions"] = extensions


def set_or_drop(payload: dict[str, Any], key: str, value: Any) -> None:
    if value in (None, "", []):
        payload.pop(key, None)
    else:
        payload[key] = value


def text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    return value if isinstance(value, str) else ""


def item_kind(raw: dict[str, Any]) -> str:
    """The element kind the import gives a CFItem (case_load._element does the same)."""
    kind = text(raw, "CFItemType")
    link = raw.get("CFItemTypeURI")
    if not kind and isinstance(link, dict):
        kind = link.get("title") or ""
    return str(kind).strip() or "item"


def association_identifier(raw: dict[str, Any], derived: str) -> str:
    identifier = str(raw.get("identifier") or "").lower()
    return identifier if is_case_uuid(identifier) else derived


def with_local_uris(node: Any, our_uri: Callable[[str], str | None]) -> Any:
    """A node link of a kept association, its URI ours when the node is ours."""
    if not isinstance(node, dict):
        return node
    node = dict(node)
    uri = our_uri(str(node.get("identifier") or ""))
    if uri is not None:
        node["uri"] = uri
    return node


def licence_text(document: dict[str, Any], definitions: Any) -> str:
    """The licence note the import takes from a document (case_load._licence does the same)."""
    link = document.get("licenseURI")
    if not isinstance(link, dict):
        return ""
    licences = definitions.get("CFLicenses") if isinstance(definitions, dict) else None
    for licence in licences if isinstance(licences, list) else []:
        if isinstance(licence, dict) and licence.get("identifier") == link.get("identifier"):
            value = licence.get("licenseText")
            if isinstance(value, str) and value:
                return value
    return str(link.get("title") or "")


def document_payload(
    case: dict[str, Any], columns: dict[str, str], *, stamp: str
) -> tuple[dict[str, Any], bool]:
    """The kept CFDocument with the columns that changed since the import written over it:
    (payload without identifier/uri/licence link, whether the licence changed)."""
    raw = case["document"]
    payload, other = split(raw, DOCUMENT_FIELDS)
    derived = {
        "title": text(raw, "title").strip(),
        "publisher": text(raw, "publisher"),
        "version": text(raw, "version"),
        "statusStartDate": text(raw, "statusStartDate"),
        "language": text(raw, "language") or "en",
        "description": text(raw, "description"),
        "officialSourceURL": text(raw, "officialSourceURL"),
    }
    changed = False
    for key, old in derived.items():
        if columns[key] != old:
            set_or_drop(payload, key, columns[key])
            changed = True
    licence_changed = columns["licence"] != licence_text(raw, case.get("definitions"))
    if licence_changed:
        payload.pop("licenseURI", None)
    payload["caseVersion"] = "1.1"  # what we write, whatever version the source was
    payload.setdefault("creator", columns["publisher"] or "Skillframe")  # required
    if changed or licence_changed or "lastChangeDateTime" not in payload:
        payload["lastChangeDateTime"] = stamp
    with_foreign(payload, other)
    return payload, licence_changed


def item_payload(
    case: dict[str, Any], code: str, title: str, statement: str, kind: str, *, stamp: str
) -> tuple[dict[str, Any], bool]:
    """The kept CFItem with what changed since the import written over it: (payload without
    identifier/uri, whether the kind changed: then the caller links our item type)."""
    raw = case["item"]
    payload, other = split(raw, ITEM_FIELDS)
    changed = False
    if statement != text(raw, "fullStatement").strip():
        payload["fullStatement"] = statement or title
        changed = True
    if title != text(raw, "abbreviatedStatement").strip():
        set_or_drop(payload, "abbreviatedStatement", title if statement else "")
        changed = True
    if code != case.get("code"):
        payload["humanCodingScheme"] = code  # renamed here: our code is now its code
        changed = True
    kind_changed = kind != item_kind(raw)
    if kind_changed:
        payload["CFItemType"] = kind
        changed = True
    if changed or "lastChangeDateTime" not in payload:
        payload["lastChangeDateTime"] = stamp
    with_foreign(payload, other)
    return payload, kind_changed


def association_payload(
    raw: dict[str, Any],
    identifier: str,
    uri: str,
    our_uri: Callable[[str], str | None],
    *,
    stamp: str,
) -> dict[str, Any]:
    """A kept CFAssociation (identifier, grouping, notes, sequence as given), its ends that are
    ours linked to our URIs."""
    payload, other = split(raw, ASSOCIATION_FIELDS)
    for side in ("originNodeURI", "destinationNodeURI"):
        payload[side] = with_local_uris(payload.get(side), our_uri)
    result = {"identifier": identifier, "uri": uri, **payload}
    result.setdefault("lastChangeDateTime", stamp)
    with_foreign(result, other)
    return result
