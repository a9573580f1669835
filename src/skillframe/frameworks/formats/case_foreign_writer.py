"""The part of the CASE writer that gives back another provider's records (case_foreign.py).

A mixin of `case.CaseWriter`, kept apart so that the writer of our own frameworks stays short:
the kept CFDocument, CFItems, CFAssociations, definitions and rubrics, with our columns written
over them only where they changed since the import.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from skillframe.frameworks.formats.case_foreign import (
    association_payload,
    document_payload,
    foreign_case,
    item_payload,
    licence_text,
)
from skillframe.frameworks.formats.case_foreign import definitions as kept_definitions
from skillframe.frameworks.formats.case_models import EXT, is_case_uuid
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec


def _compact(payload: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in payload.items() if value not in (None, "", [], {})}


class ForeignRecordsWriter:
    """Methods of CaseWriter for imported records; CaseWriter provides what is declared here."""

    spec: FrameworkSpec
    base: str
    stamp: str
    document_id: str
    _item_types: dict[str, dict[str, Any]]

    def uri(self, collection: str, identifier: str) -> str:
        raise NotImplementedError

    def document(self, *, standalone: bool = False) -> dict[str, Any]:
        raise NotImplementedError

    def document_link(self) -> dict[str, Any]:
        raise NotImplementedError

    def license_link(self) -> dict[str, Any]:
        raise NotImplementedError

    def item_type_link(self, kind: str) -> dict[str, Any]:
        raise NotImplementedError

    def item_types(self, kinds: Iterable[str]) -> list[dict[str, Any]]:
        raise NotImplementedError

    def rubric(self) -> dict[str, Any] | None:
        raise NotImplementedError

    def _foreign_document(self, standalone: bool) -> dict[str, Any]:
        """Another provider's CFDocument as imported, with our columns where they changed."""
        spec = self.spec
        case = foreign_case(spec.metadata)
        assert case is not None
        columns = {
            "title": spec.title,
            "publisher": spec.publisher,
            "version": spec.version,
            "statusStartDate": spec.published,
            "language": spec.language,
            "description": spec.description,
            "officialSourceURL": spec.source,
            "licence": spec.licence_note,
        }
        body, licence_changed = document_payload(case, columns, stamp=self.stamp)
        payload = {
            "identifier": self.document_id,
            "uri": self.uri("CFDocuments", self.document_id),
            **body,
        }
        if licence_changed and spec.licence_note:
            payload["licenseURI"] = self.license_link()
        # Our own re-import of this package takes everything back from these (case_load).
        extensions = dict(payload.get("extensions") or {})
        extensions |= _compact({f"{EXT}slug": spec.slug, f"{EXT}metadata": spec.metadata})
        payload["extensions"] = extensions
        if standalone:
            payload["CFPackageURI"] = {
                "title": spec.title,
                "identifier": self.document_id,
                "uri": self.uri("CFPackages", self.document_id),
            }
        return payload

    def _foreign_item(self, element: ElementSpec, identifier: str) -> dict[str, Any]:
        """Another provider's CFItem as imported, with our columns where they changed."""
        case = foreign_case(element.metadata)
        assert case is not None
        body, kind_changed = item_payload(
            case, element.code, element.title, element.statement, element.kind, stamp=self.stamp
        )
        payload = {"identifier": identifier, "uri": f"{self.base}CFItems/{identifier}", **body}
        if kind_changed:
            payload["CFItemTypeURI"] = self.item_type_link(element.kind)
        extensions = dict(payload.get("extensions") or {})
        if element.title and not element.statement:
            extensions[f"{EXT}titleOnly"] = True
        if element.level is not None:
            extensions[f"{EXT}level"] = element.level
        extensions[f"{EXT}metadata"] = element.metadata
        payload["extensions"] = extensions
        return payload

    def our_uri(self, identifier: str, local: set[str] | frozenset[str]) -> str | None:
        """Our URI of a node of this framework (the CFDocument or an item), else None."""
        if identifier not in local:
            return None
        collection = "CFDocuments" if identifier == self.document_id else "CFItems"
        return self.uri(collection, identifier)

    def kept_association(
        self,
        raw: dict[str, Any],
        derived: str,
        local: set[str] | frozenset[str],
        *,
        standalone: bool = False,
    ) -> dict[str, Any]:
        """An association another provider's package gave us, as given (identifier, grouping,
        notes, sequence); `derived` is its identifier when the given one is not a CASE UUID."""
        identifier = str(raw.get("identifier") or "").lower()
        if not is_case_uuid(identifier):
            identifier = derived
        payload = association_payload(
            raw,
            identifier,
            self.uri("CFAssociations", identifier),
            lambda node: self.our_uri(node, local),
            stamp=self.stamp,
        )
        if standalone:
            payload["CFDocumentURI"] = self.document_link()
        return payload

    def _foreign_package(
        self,
        case: dict[str, Any],
        items: list[dict[str, Any]],
        associations: list[dict[str, Any]],
    ) -> dict[str, Any]:
        """The package of another provider's framework: its definitions and rubrics as given,
        plus ours for what changed here (a kind's item type, a licence, our scale)."""
        spec = self.spec
        definitions = kept_definitions(case["definitions"])
        if self._item_types:  # kinds changed since the import: our item types for them
            types = definitions.get("CFItemTypes")
            types = types if isinstance(types, list) else []
            definitions["CFItemTypes"] = types + self.item_types(self._item_types)
        document = case.get("document") or {}
        if spec.licence_note and spec.licence_note != licence_text(document, definitions):
            link = self.license_link()
            licences = definitions.get("CFLicenses")
            licences = licences if isinstance(licences, list) else []
            definitions["CFLicenses"] = [
                *licences,
                {
                    "identifier": link["identifier"],
                    "uri": link["uri"],
                    "title": link["title"],
                    "licenseText": spec.licence_note,
                    "lastChangeDateTime": self.stamp,
                },
            ]
        rubrics = [r for r in case.get("rubrics") or [] if isinstance(r, dict)]
        rubric = self.rubric()
        package = {
            "CFDocument": self.document(),
            "CFItems": items,
            "CFAssociations": associations,
            "CFDefinitions": definitions,
            "CFRubrics": [*rubrics, rubric] if rubric else rubrics,
        }
        if isinstance(case.get("extensions"), dict):
            package["extensions"] = case["extensions"]
        return _compact(package)
