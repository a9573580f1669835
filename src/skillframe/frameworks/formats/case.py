"""CASE 1.1 (1EdTech Competencies and Academic Standards Exchange): a framework as a CFPackage.

Mapping (docs/case.md has the full table): the framework is the CFDocument, every element a
CFItem (humanCodingScheme = code, fullStatement = statement or else title, abbreviatedStatement =
title, CFItemType = kind, listEnumeration = the code's last segment), the tree is `isChildOf`
associations from child (origin) to parent (destination; the CFDocument for top-level
elements) with sequenceNumber = position among siblings, the scale is a CFRubric with one
criterion whose levels are the scale levels. What CASE has no field for (slug, `published`,
element metadata, levels) travels in `extensions` under "skillframe:" keys and, readable by
people, in `notes`. Identifiers are the stable UUIDs the database holds (uuid5 otherwise);
association and definition identifiers are uuid5 of what they connect, so exports are stable.

Pure functions of a FrameworkSpec: the read-only provider (case_views.py) builds its payloads
with the same CaseWriter. The package is built as plain dicts (no pydantic models: those check
the output in the tests) and written by case_bytes.package_json, byte for byte what
`json.dumps(package, ensure_ascii=False, indent=2)` writes, several times faster.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, BinaryIO

from skillframe.frameworks.formats.case_bytes import is_plain, package_json, uuid5_text
from skillframe.frameworks.formats.case_foreign import foreign_case, kept
from skillframe.frameworks.formats.case_foreign_writer import ForeignRecordsWriter
from skillframe.frameworks.formats.case_models import (
    ASSOCIATION_TYPES,
    EXT,
    EXTENSION_TYPE,
    is_case_uuid,
)
from skillframe.frameworks.kinds import kind_label
from skillframe.frameworks.spec import (
    ElementSpec,
    FrameworkSpec,
    element_uuid,
    framework_uuid,
    scale_level_uuid,
)

DEFAULT_BASE_URL = "https://skillframe.invalid/ims/case/v1p1/"
CHILD_OF = "isChildOf"
RELATED = "isRelatedTo"


def _derived(kind: str, *parts: str) -> str:
    return uuid5_text(":".join(("case", kind, *parts)))


def association_uuid(origin: str, association_type: str, destination: str) -> str:
    """Stable identifier of an association: the same ends and type give the same UUID."""
    return uuid5_text(f"case:association:{origin}:{association_type}:{destination}")


def case_timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC, whole seconds: `2024-05-01T12:00:00Z`."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(_text(part) for part in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def metadata_notes(metadata: dict[str, Any]) -> str:
    """Metadata as lines people can read (NOS: its label/value pairs as printed)."""
    if not metadata:
        return ""
    fields = metadata.get("fields")
    if isinstance(fields, list) and all(
        isinstance(pair, list | tuple) and len(pair) == 2 for pair in fields
    ):
        return "\n".join(f"{label}: {_text(value)}" for label, value in fields)
    return "\n".join(
        f"{key}: {_text(value)}"
        for key, value in metadata.items()
        if key != "case_associations" and value not in ("", [], {}, None)
    )


def _compact(payload: dict[str, Any]) -> dict[str, Any]:
    """Drop empty optional values: CASE forbids null, and empty strings carry nothing."""
    return {key: value for key, value in payload.items() if value not in (None, "", [], {})}


class CaseWriter(ForeignRecordsWriter):
    """Builds CASE 1.1 payloads for one framework; URIs live under `base_url`."""

    def __init__(
        self, spec: FrameworkSpec, *, base_url: str = DEFAULT_BASE_URL, changed: datetime
    ) -> None:
        self.spec = spec
        self.base = base_url if base_url.endswith("/") else base_url + "/"
        self.stamp = case_timestamp(changed)
        self.document_id = str(spec.uuid or framework_uuid(spec.slug))
        self._item_types: dict[str, dict[str, Any]] = {}  # item_type_link per kind

    # -- identifiers and links ---------------------------------------------------------------

    def uri(self, collection: str, identifier: str) -> str:
        return f"{self.base}{collection}/{identifier}"

    def element_id(self, element: ElementSpec) -> str:
        return str(element.uuid or element_uuid(self.spec.slug, element.code))

    def document_link(self) -> dict[str, Any]:
        return {
            "title": self.spec.title,
            "identifier": self.document_id,
            "uri": self.uri("CFDocuments", self.document_id),
        }

    def item_link(self, element: ElementSpec) -> dict[str, Any]:
        return self._item_link(element.code, self.element_id(element))

    def _item_link(self, code: str, identifier: str) -> dict[str, Any]:
        return {"title": code, "identifier": identifier, "uri": f"{self.base}CFItems/{identifier}"}

    def item_type_link(self, kind: str) -> dict[str, Any]:
        link = self._item_types.get(kind)
        if link is None:  # a handful of kinds, thousands of items: derive each once
            identifier = _derived("item-type", kind)
            link = self._item_types[kind] = {
                "title": kind_label(kind),  # our kinds by name, others as they are
                "identifier": identifier,
                "uri": self.uri("CFItemTypes", identifier),
            }
        return link  # shared by the items of that kind: payloads are read-only data

    def license_link(self) -> dict[str, Any]:
        identifier = _derived("license", self.document_id)
        return {
            "title": f"Licence of {self.spec.title}",
            "identifier": identifier,
            "uri": self.uri("CFLicenses", identifier),
        }

    # -- records -----------------------------------------------------------------------------

    def document(self, *, standalone: bool = False) -> dict[str, Any]:
        spec = self.spec
        if kept(spec.metadata, "document") is not None:
            return self._foreign_document(standalone)
        source_is_url = spec.source.startswith(("http://", "https://"))
        notes = [f"Published: {spec.published}" if spec.published else ""]
        if spec.source and not source_is_url:
            notes.append(f"Source: {spec.source}")
        extensions = _compact(
            {
                f"{EXT}slug": spec.slug,
                f"{EXT}published": spec.published,
                f"{EXT}source": spec.source,
                f"{EXT}metadata": spec.metadata,
            }
        )
        payload = _compact(
            {
                "identifier": self.document_id,
                "uri": self.uri("CFDocuments", self.document_id),
                "caseVersion": "1.1",
                "creator": spec.publisher or "Skillframe",
                "title": spec.title,
                "lastChangeDateTime": self.stamp,
                "officialSourceURL": spec.source if source_is_url else None,
                "publisher": spec.publisher,
                "description": spec.description,
                "language": spec.language,
                "version": spec.version,
                "licenseURI": self.license_link() if spec.licence_note else None,
                "notes": "\n".join(line for line in notes if line),
                "extensions": extensions,
            }
        )
        if standalone:
            payload["CFPackageURI"] = {
                "title": spec.title,
                "identifier": self.document_id,
                "uri": self.uri("CFPackages", self.document_id),
            }
        return payload

    def item(self, element: ElementSpec, *, standalone: bool = False) -> dict[str, Any]:
        payload = self._item(element, self.element_id(element))
        if standalone:
            payload["CFDocumentURI"] = self.document_link()
        return payload

    def _item(self, element: ElementSpec, identifier: str) -> dict[str, Any]:
        # Runs once per element of a package: keys are added only when they have a value
        # (what _compact does, in the same order) instead of building and filtering a dict.
        code, title, statement = element.code, element.title, element.statement
        if element.metadata and kept(element.metadata, "item") is not None:
            return self._foreign_item(element, identifier)
        payload: dict[str, Any] = {
            "identifier": identifier,
            "uri": f"{self.base}CFItems/{identifier}",
        }
        if statement or title:
            payload["fullStatement"] = statement or title
        if code:
            payload["humanCodingScheme"] = code
        parent = element.parent_code
        if parent and code.startswith(parent + "."):
            enumeration = code[len(parent) + 1 :]  # the code's last segment
            if enumeration:
                payload["listEnumeration"] = enumeration
        if statement and title:
            payload["abbreviatedStatement"] = title
        if element.kind:
            payload["CFItemType"] = element.kind
        payload["CFItemTypeURI"] = self.item_type_link(element.kind)
        metadata = element.metadata
        if metadata:
            notes = metadata_notes(metadata)
            if notes:
                payload["notes"] = notes
        payload["lastChangeDateTime"] = self.stamp
        extensions: dict[str, Any] = {}
        if title and not statement:
            extensions[f"{EXT}titleOnly"] = True
        if element.level is not None:
            extensions[f"{EXT}level"] = element.level
        if metadata:
            extensions[f"{EXT}metadata"] = metadata
        if extensions:
            payload["extensions"] = extensions
        if "fullStatement" not in payload:
            payload["fullStatement"] = ""  # required, even when the element has no text
        return payload

    def child_association(
        self,
        element: ElementSpec,
        parent: ElementSpec | None,
        position: int,
        *,
        standalone: bool = False,
    ) -> dict[str, Any]:
        """`element` isChildOf `parent` (the CFDocument when None), at `position` from 1."""
        origin = self.item_link(element)
        destination = self.item_link(parent) if parent else self.document_link()
        case = foreign_case(element.metadata) if element.metadata else None
        tree = kept(element.metadata, "childOf") if case is not None else None
        unmoved = case is not None and case.get("parent") == (parent.code if parent else None)
        if tree is not None and unmoved:
            ends = frozenset({origin["identifier"], destination["identifier"]})
            derived = association_uuid(origin["identifier"], CHILD_OF, destination["identifier"])
            return self.kept_association(tree, derived, ends, standalone=standalone)
        return self._child_of(origin, destination, position, standalone)

    def _child_of(
        self,
        origin: dict[str, Any],
        destination: dict[str, Any],
        position: int,
        standalone: bool = False,
    ) -> dict[str, Any]:
        identifier = association_uuid(origin["identifier"], CHILD_OF, destination["identifier"])
        return self._association(identifier, CHILD_OF, origin, destination, position, standalone)

    def recorded_association(
        self, record: dict[str, Any], local: Iterable[str], *, standalone: bool = False
    ) -> dict[str, Any] | None:
        """An association an import kept in metadata["case_associations"], or None if unusable.

        `local` are identifiers of this framework's items (and document): their URIs are ours.
        """
        if not isinstance(local, set | frozenset):
            local = set(local)  # package() passes its set: no copy per record
        raw = record.get("raw")
        if isinstance(raw, dict):
            derived = association_uuid(
                str(record.get("origin")), str(record.get("type")), str(record.get("destination"))
            )
            return self.kept_association(raw, derived, local, standalone=standalone)
        ends = []
        for side in ("origin", "destination"):
            identifier = str(record.get(side) or "")
            if not identifier:
                return None
            if identifier in local:
                collection = "CFDocuments" if identifier == self.document_id else "CFItems"
                uri = self.uri(collection, identifier)
            else:
                uri = str(record.get(f"{side}_uri") or "")
                if not uri.startswith(("http://", "https://", "urn:")):
                    uri = f"urn:case:{identifier}"  # external node without a usable URI
            title = str(record.get(f"{side}_title") or identifier)
            ends.append({"title": title, "identifier": identifier, "uri": uri})
        kind = str(record.get("type") or "isRelatedTo")
        if kind not in ASSOCIATION_TYPES and not EXTENSION_TYPE.match(kind):
            kind = "ext:" + "".join(c if c.isalnum() or c in ".-_" else "-" for c in kind)
        identifier = str(record.get("identifier") or "").lower()
        if not is_case_uuid(identifier):
            identifier = association_uuid(ends[0]["identifier"], kind, ends[1]["identifier"])
        sequence = record.get("sequence_number")
        position = sequence if isinstance(sequence, int) else None
        return self._association(identifier, kind, ends[0], ends[1], position, standalone)

    def _association(
        self,
        identifier: str,
        kind: str,
        origin: dict[str, Any],
        destination: dict[str, Any],
        position: int | None,
        standalone: bool,
    ) -> dict[str, Any]:
        # Every value but the position is always present (what _compact would keep).
        payload: dict[str, Any] = {
            "identifier": identifier,
            "uri": f"{self.base}CFAssociations/{identifier}",
            "associationType": kind,
        }
        if position is not None:
            payload["sequenceNumber"] = position
        payload["originNodeURI"] = origin
        payload["destinationNodeURI"] = destination
        payload["lastChangeDateTime"] = self.stamp
        if standalone:
            payload["CFDocumentURI"] = self.document_link()
        return payload

    def item_types(self, kinds: Iterable[str]) -> list[dict[str, Any]]:
        types = []
        for number, kind in enumerate(dict.fromkeys(kinds), start=1):
            link = self.item_type_link(kind)
            types.append(
                {
                    "identifier": link["identifier"],
                    "uri": link["uri"],
                    "title": link["title"],
                    "description": f"Skillframe element kind '{kind}'.",
                    "hierarchyCode": str(number),
                    "typeCode": kind,
                    "lastChangeDateTime": self.stamp,
                }
            )
        return types

    def rubric(self) -> dict[str, Any] | None:
        """The scale as one rubric: one criterion whose levels are the scale levels."""
        if not self.spec.scale:
            return None
        rubric_id = _derived("rubric", self.document_id)
        criterion_id = _derived("rubric-criterion", self.document_id)
        levels = [
            _compact(
                {
                    "identifier": str(scale_level_uuid(self.spec.slug, level.number)),
                    "uri": self.uri(
                        "CFRubricCriterionLevels",
                        str(scale_level_uuid(self.spec.slug, level.number)),
                    ),
                    "quality": level.name,
                    "description": level.description,
                    "score": float(level.number),
                    "position": level.number,
                    "rubricCriterionId": criterion_id,
                    "lastChangeDateTime": self.stamp,
                }
            )
            for level in sorted(self.spec.scale, key=lambda level: level.number)
        ]
        criterion = {
            "identifier": criterion_id,
            "uri": self.uri("CFRubricCriteria", criterion_id),
            "category": "scale",
            "description": f"Proficiency scale of {self.spec.title}",
            "position": 1,
            "rubricId": rubric_id,
            "lastChangeDateTime": self.stamp,
            "CFRubricCriterionLevels": levels,
        }
        return {
            "identifier": rubric_id,
            "uri": self.uri("CFRubrics", rubric_id),
            "title": f"{self.spec.title}: scale",
            "description": "The framework's proficiency scale, one level per scale level.",
            "lastChangeDateTime": self.stamp,
            "CFRubricCriteria": [criterion],
            "extensions": {f"{EXT}scale": True},
        }

    def package(self) -> dict[str, Any]:
        """The CFPackage as JSON-ready data. Records share link objects (an element's link is
        its association's origin and its children's destination): serialise it, do not edit
        it in place."""
        spec = self.spec
        identifiers = [self.element_id(element) for element in spec.elements]
        local = {self.document_id, *identifiers}
        links = {
            element.code: self._item_link(element.code, identifier)
            for element, identifier in zip(spec.elements, identifiers, strict=True)
        }
        document = self.document_link()
        items, associations = [], []
        positions: dict[str | None, int] = {}
        for element, identifier in zip(spec.elements, identifiers, strict=True):
            parent = element.parent_code
            positions[parent] = position = positions.get(parent, 0) + 1
            items.append(self._item(element, identifier))
            destination = links[parent] if parent else document
            case = foreign_case(element.metadata) if element.metadata else None
            tree = kept(element.metadata, "childOf") if case is not None else None
            unmoved = case is not None and "item" in case and case.get("parent") == parent
            if unmoved and tree is not None:
                derived = association_uuid(identifier, CHILD_OF, destination["identifier"])
                associations.append(self.kept_association(tree, derived, local))
            elif unmoved:
                pass  # the source linked this top-level item to nothing: invent no link
            else:
                associations.append(self._child_of(links[element.code], destination, position))
        for element in spec.elements:
            # Related elements (Moodle cross-references) as isRelatedTo, in the order given.
            related = element.metadata.get("related") if element.metadata else None
            for code in related if isinstance(related, list) else []:
                if isinstance(code, str) and code in links:
                    origin, target = links[element.code], links[code]
                    identifier = association_uuid(
                        origin["identifier"], RELATED, target["identifier"]
                    )
                    associations.append(
                        self._association(identifier, RELATED, origin, target, None, False)
                    )
        for record in _records(spec.metadata) + [
            record
            for element in spec.elements
            if element.metadata
            for record in _records(element.metadata)
        ]:
            association = self.recorded_association(record, local)
            if association is not None:
                associations.append(association)
        foreign = foreign_case(spec.metadata)
        if foreign is not None and isinstance(foreign.get("definitions"), dict):
            return self._foreign_package(foreign, items, associations)
        definitions: dict[str, Any] = {
            "CFItemTypes": self.item_types(element.kind for element in spec.elements)
        }
        if spec.licence_note:
            link = self.license_link()
            definitions["CFLicenses"] = [
                {
                    "identifier": link["identifier"],
                    "uri": link["uri"],
                    "title": link["title"],
                    "licenseText": spec.licence_note,
                    "lastChangeDateTime": self.stamp,
                }
            ]
        rubric = self.rubric()
        return _compact(
            {
                "CFDocument": self.document(),
                "CFItems": items,
                "CFAssociations": associations,
                "CFDefinitions": definitions,
                "CFRubrics": [rubric] if rubric else None,
            }
        )


def _records(metadata: dict[str, Any]) -> list[dict[str, Any]]:
    records = metadata.get("case_associations")
    return [r for r in records if isinstance(r, dict)] if isinstance(records, list) else []


def dump_package(
    spec: FrameworkSpec, *, base_url: str = DEFAULT_BASE_URL, changed: datetime | None = None
) -> dict[str, Any]:
    """The CFPackage of `spec` as JSON-ready data; `changed` stamps lastChangeDateTime."""
    return CaseWriter(spec, base_url=base_url, changed=changed or datetime.now(UTC)).package()


class CaseFormat:
    name = "case"
    media_type = "application/json"
    extension = ".case.json"  # distinct from the native JSON export of the same framework

    def __init__(self, base_url: str = DEFAULT_BASE_URL) -> None:
        self.base_url = base_url

    def dump(self, spec: FrameworkSpec) -> bytes:
        package = dump_package(spec, base_url=self.base_url)
        return package_json(package, plain=is_plain(spec)) + b"\n"

    def load(self, data: BinaryIO, *, slug: str | None = None) -> FrameworkSpec:
        from skillframe.frameworks.formats.case_load import load_package

        return load_package(data.read(), slug=slug)


FORMAT = CaseFormat()
