"""Read a CASE 1.0 or 1.1 CFPackage (ours or another provider's) into a FrameworkSpec.

Lenient where real packages are (unknown fields, nulls, non-UUID identifiers, date-times without
a zone, CASE 1.0 shapes, a {"CFPackage": …} wrapper), strict where the tree would be wrong: every
item needs an identifier and a fullStatement, identifiers are unique, `isChildOf` must join two
nodes of this package, and the tree has no cycle. Every problem is collected with its JSON path
("CFItems[12]", 0-based as in the file), field and value before FormatError is raised.
See docs/case.md for the mapping, generated codes and what happens to other associations.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any, TypeVar

from pydantic import ValidationError

from skillframe.frameworks.formats.base import FormatError, Problem, checked_json
from skillframe.frameworks.formats.case_models import (
    EXT,
    InAssociation,
    InDocument,
    InItem,
    InLevel,
    InRecord,
    is_case_uuid,
)
from skillframe.frameworks.spec import (
    ElementSpec,
    FrameworkSpec,
    ScaleLevelSpec,
    element_uuid,
    framework_uuid,
)

CHILD_OF = "isChildOf"
# Column sizes of the catalogue tables (models.py): longer values cannot be stored.
MAX_CODE, MAX_KIND, MAX_TITLE = 128, 64, 500

M = TypeVar("M", bound=InRecord)


def load_package(raw: bytes, *, slug: str | None = None) -> FrameworkSpec:
    problems: list[Problem] = []
    data = _parse(raw)
    prefix = ""
    if isinstance(data, dict) and set(data) == {"CFPackage"}:
        data, prefix = data["CFPackage"], "CFPackage."  # some providers wrap the package
    if not isinstance(data, dict):
        raise FormatError([Problem("file", "", type(data).__name__, "not a CFPackage object")])
    document = _one(InDocument, data.get("CFDocument"), f"{prefix}CFDocument", problems)
    items = _many(InItem, data.get("CFItems"), f"{prefix}CFItems", problems)
    associations = _many(
        InAssociation, data.get("CFAssociations"), f"{prefix}CFAssociations", problems
    )
    if document is None:
        raise FormatError(problems)
    _duplicate_definitions(data.get("CFDefinitions"), f"{prefix}CFDefinitions", problems)
    reader = _Reader(document, items, slug, prefix, problems, data)
    reader.link(associations)
    spec = reader.spec(_scale(data.get("CFRubrics"), f"{prefix}CFRubrics", problems), data)
    problems.extend(Problem("file", "", "", message) for message in spec.problems())
    if problems:
        raise FormatError(problems)
    return spec


def _duplicate_definitions(definitions: Any, where: str, problems: list[Problem]) -> None:
    """A definition identifier given twice in one list is a problem (which one is meant?)."""
    if not isinstance(definitions, dict):
        return
    for name, entries in definitions.items():
        seen: dict[str, int] = {}
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            identifier = entry.get("identifier") if isinstance(entry, dict) else None
            if not isinstance(identifier, str):
                continue
            key = _normal(identifier)
            if key in seen:
                message = f"duplicate of {where}.{name}[{seen[key]}]"
                problems.append(
                    Problem(f"{where}.{name}[{index}]", "identifier", identifier, message)
                )
            else:
                seen[key] = index


def _parse(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError([Problem("file", "", f"byte {error.start}", "not UTF-8 text")]) from None
    try:
        return checked_json(text)
    except json.JSONDecodeError as error:
        lines = text.splitlines()
        line = lines[error.lineno - 1] if error.lineno <= len(lines) else ""
        raise FormatError(
            [
                Problem(
                    f"line {error.lineno}",
                    f"column {error.colno}",
                    line.strip(),
                    f"invalid JSON: {error.msg}",
                )
            ]
        ) from None


def _one(model: type[M], value: Any, where: str, problems: list[Problem]) -> M | None:
    if value is None:
        problems.append(Problem(where, "", "", "missing"))
        return None
    try:
        return model.model_validate(value)
    except ValidationError as error:
        problems.extend(_from_validation(error, where))
        return None


def _many(model: type[M], value: Any, where: str, problems: list[Problem]) -> list[tuple[int, M]]:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(Problem(where, "", type(value).__name__, "must be a list"))
        return []
    valid = []
    for index, entry in enumerate(value):
        parsed = _one(model, entry, f"{where}[{index}]", problems)
        if parsed is not None:
            valid.append((index, parsed))
    return valid


def _from_validation(error: ValidationError, where: str) -> list[Problem]:
    problems = []
    for detail in error.errors():
        field = ".".join(str(part) for part in detail["loc"] if part != "__root__")
        found = "" if detail["type"] == "missing" else detail["input"]
        value = found if isinstance(found, str) else json.dumps(found, ensure_ascii=False)
        message = "required" if detail["type"] == "missing" else detail["msg"]
        problems.append(Problem(where, field, value, message))
    return problems


def _normal(identifier: str) -> str:
    """Identifiers compare case-insensitively when they are UUIDs (CASE wants lowercase)."""
    try:
        return str(uuid.UUID(identifier))
    except ValueError:
        return identifier


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64].strip("-")


class _Reader:
    """Turns validated records into elements: codes, kinds, texts, then the tree."""

    def __init__(
        self,
        document: InDocument,
        items: list[tuple[int, InItem]],
        slug: str | None,
        prefix: str,
        problems: list[Problem],
        data: dict[str, Any],
    ) -> None:
        self.document = document
        # The records as given: another provider's are kept whole (case_foreign.py).
        self.data = data
        self.prefix = prefix
        self.problems = problems
        self.doc_ext = document.extensions or {}
        # Our own export: "skillframe:" extensions carry everything, so no "case" metadata.
        self.ours = f"{EXT}slug" in self.doc_ext
        given_slug = self.doc_ext.get(f"{EXT}slug")
        self.slug = slug or (given_slug if isinstance(given_slug, str) else "")
        self.slug = self.slug or _slugify(document.title) or "case-framework"
        doc_id = _normal(document.identifier)
        self.doc_uuid = uuid.UUID(doc_id) if is_case_uuid(doc_id) else None
        self.doc_id = doc_id
        self.doc_final = str(self.doc_uuid or framework_uuid(self.slug))
        self.items: dict[str, tuple[int, InItem]] = {}
        for index, item in items:
            key = _normal(item.identifier)
            if key in self.items:
                first = self.items[key][0]
                self._problem(
                    index, "identifier", item.identifier, f"duplicate of CFItems[{first}]"
                )
            else:
                self.items[key] = (index, item)
        self.codes = self._codes()
        self.parent: dict[str, str | None] = {}
        self.sequence: dict[str, int | None] = {}
        self.child_of: dict[str, dict[str, Any]] = {}  # item key → its kept isChildOf record
        self.records: dict[str | None, list[dict[str, Any]]] = {}

    def _raw(self, collection: str, index: int) -> dict[str, Any]:
        records = self.data.get(collection)
        record = records[index] if isinstance(records, list) else None
        return dict(record) if isinstance(record, dict) else {}

    def _raw_association(self, index: int, origin: str, target: str) -> dict[str, Any]:
        """The association as given, its ends inside the package named by their final
        identifiers (a non-UUID identifier is replaced by a stable UUID on load)."""
        raw = self._raw("CFAssociations", index)
        for side, key in (("originNodeURI", origin), ("destinationNodeURI", target)):
            node = raw.get(side)
            if isinstance(node, dict) and (key in self.items or key == self.doc_id):
                raw[side] = node | {"identifier": self.final_id(key)}
        return raw

    def _problem(
        self, index: int, field: str, value: str, message: str, *, kind: str = "CFItems"
    ) -> None:
        self.problems.append(Problem(f"{self.prefix}{kind}[{index}]", field, value, message))

    def _codes(self) -> dict[str, str]:
        """humanCodingScheme where present and unique; else a code from the identifier."""
        codes: dict[str, str] = {}
        used: set[str] = set()
        for key, (index, item) in self.items.items():
            given = (item.humanCodingScheme or "").strip()
            if given and given not in used:
                if len(given) > MAX_CODE:
                    self._problem(index, "humanCodingScheme", given, f"longer than {MAX_CODE}")
                codes[key] = given
                used.add(given)
        for key in self.items:
            if key not in codes:
                short = key.replace("-", "")[:8]
                code = short if short not in used else key
                while code in used:
                    code += "-"
                codes[key] = code[:MAX_CODE]
                used.add(codes[key])
        return codes

    def final_id(self, key: str) -> str:
        """The identifier the element will have once loaded (kept, or derived from its code)."""
        if key == self.doc_id:
            return self.doc_final
        return key if is_case_uuid(key) else str(element_uuid(self.slug, self.codes[key]))

    def link(self, associations: list[tuple[int, InAssociation]]) -> None:
        seen: dict[str, int] = {}
        for index, association in associations:
            origin = _normal(association.originNodeURI.identifier)
            target = _normal(association.destinationNodeURI.identifier)
            if association.identifier:
                key = _normal(association.identifier)
                if key in seen:
                    # Imported silently, it was exported twice: refuse the file instead.
                    message = f"duplicate of CFAssociations[{seen[key]}]"
                    self._problem(
                        index, "identifier", association.identifier, message, kind="CFAssociations"
                    )
                    continue
                seen[key] = index
            if association.associationType != CHILD_OF:
                self._record(association, origin, target, index)
                continue
            if origin not in self.items:
                self._problem(
                    index,
                    "originNodeURI.identifier",
                    origin,
                    "isChildOf origin is not a CFItem of this package",
                    kind="CFAssociations",
                )
            elif target != self.doc_id and target not in self.items:
                self._problem(
                    index,
                    "destinationNodeURI.identifier",
                    target,
                    "isChildOf points at an unknown item (not in this package)",
                    kind="CFAssociations",
                )
            elif origin in self.parent:
                # A second parent: kept, not a tree edge.
                self._record(association, origin, target, index)
            else:
                self.parent[origin] = None if target == self.doc_id else target
                self.sequence[origin] = association.sequenceNumber
                self.child_of[origin] = self._raw_association(index, origin, target)
        self._check_cycles()

    def _record(self, association: InAssociation, origin: str, target: str, index: int) -> None:
        nodes = {
            "origin": (origin, association.originNodeURI),
            "destination": (target, association.destinationNodeURI),
        }
        record: dict[str, Any] = {
            "identifier": association.identifier or "",
            "type": association.associationType,
        }
        for side, (key, link) in nodes.items():
            local = key in self.items or key == self.doc_id
            record[side] = self.final_id(key) if local else key
            record[f"{side}_uri"] = link.uri or ""
            record[f"{side}_title"] = link.title or ""
        if association.sequenceNumber is not None:
            record["sequence_number"] = association.sequenceNumber
        if not self.ours:
            record["raw"] = self._raw_association(index, origin, target)
        owner = origin if origin in self.items else target if target in self.items else None
        self.records.setdefault(owner, []).append(record)

    def _check_cycles(self) -> None:
        reported: set[str] = set()
        for start in self.parent:
            path, node = [start], self.parent[start]
            while node is not None and node not in path and node not in reported:
                path.append(node)
                node = self.parent.get(node)
            if node is not None and node in path and node not in reported:
                cycle = path[path.index(node) :]
                reported.update(cycle)
                names = " → ".join(self.codes[key] for key in [*cycle, node])
                index, item = self.items[node]
                self._problem(index, "identifier", item.identifier, f"isChildOf cycle: {names}")

    def elements(self) -> list[ElementSpec]:
        children: dict[str | None, list[tuple[bool, int, int, str]]] = {}
        for key, (index, _) in self.items.items():
            sequence = self.sequence.get(key)
            order = (sequence is None, sequence or 0, index, key)
            children.setdefault(self.parent.get(key), []).append(order)
        ordered: list[str] = []
        stack = sorted(children.get(None, []), reverse=True)
        while stack:  # depth first, document order
            key = stack.pop()[3]
            ordered.append(key)
            stack.extend(sorted(children.get(key, []), reverse=True))
        return [self._element(key) for key in ordered]

    def _element(self, key: str) -> ElementSpec:
        index, item = self.items[key]
        ext = item.extensions or {}
        kind = item.CFItemType or (item.CFItemTypeURI.title if item.CFItemTypeURI else "") or ""
        kind = kind.strip() or "item"
        if len(kind) > MAX_KIND:
            self._problem(index, "CFItemType", kind, f"longer than {MAX_KIND} characters")
        if ext.get(f"{EXT}titleOnly") is True:
            title, statement = item.fullStatement, ""
        else:
            title, statement = item.abbreviatedStatement or "", item.fullStatement
        if len(title) > MAX_TITLE:
            self._problem(index, "abbreviatedStatement", title, f"longer than {MAX_TITLE}")
        ours = ext.get(f"{EXT}metadata")
        if self.ours:
            metadata = dict(ours) if isinstance(ours, dict) else {}
        level = ext.get(f"{EXT}level")
        parent = self.parent.get(key)
        if not self.ours:
            case: dict[str, Any] = {
                "item": self._raw("CFItems", index),
                "code": self.codes[key],  # ours; humanCodingScheme absent stays absent
                "parent": self.codes[parent] if parent else None,
            }
            if key in self.child_of:
                case["childOf"] = self.child_of[key]
            metadata = {"case": case}
            if key in self.records:
                metadata["case_associations"] = self.records[key]
        return ElementSpec(
            code=self.codes[key],
            kind=kind,
            parent_code=self.codes[parent] if parent else None,
            # Other providers' texts are trimmed; ours come back exactly as exported.
            title=title if self.ours else title.strip(),
            statement=statement if self.ours else statement.strip(),
            level=level if isinstance(level, int) else None,
            metadata=metadata,
            uuid=uuid.UUID(key) if is_case_uuid(key) else None,
        )

    def spec(self, scale: tuple[ScaleLevelSpec, ...], data: dict[str, Any]) -> FrameworkSpec:
        document, ext = self.document, self.doc_ext
        elements = self.elements()
        ours = ext.get(f"{EXT}metadata")
        if self.ours:
            metadata = dict(ours) if isinstance(ours, dict) else {}
        else:
            # The document, definitions and rubrics as given (case_foreign.py).
            case: dict[str, Any] = {"document": dict(data.get("CFDocument") or {})}
            if isinstance(data.get("CFDefinitions"), dict):
                case["definitions"] = data["CFDefinitions"]
            if isinstance(data.get("CFRubrics"), list) and not scale:
                case["rubrics"] = data["CFRubrics"]
            if isinstance(data.get("extensions"), dict):
                case["extensions"] = data["extensions"]
            metadata = {"case": case}
            if None in self.records:
                metadata["case_associations"] = self.records[None]

        def text(name: str) -> str:
            value = ext.get(f"{EXT}{name}")
            return value if isinstance(value, str) else ""

        return FrameworkSpec(
            slug=self.slug,
            title=document.title if self.ours else document.title.strip(),
            # The publisher is the publisher: a creator is not one (it stays in the document).
            publisher=document.publisher or "",
            version=document.version or "",
            published=text("published") or document.statusStartDate or "",
            language=document.language or "en",
            description=document.description or "",
            # The official source only: the document's URI is where it was served, not its source.
            source=text("source") or document.officialSourceURL or "",
            licence_note=_licence(document, data),
            metadata=metadata,
            scale=scale,
            elements=tuple(elements),
            uuid=self.doc_uuid,
        )


def _licence(document: InDocument, data: dict[str, Any]) -> str:
    """The text of the licence the CFDocument points at, else that link's title."""
    if document.licenseURI is None:
        return ""
    definitions = data.get("CFDefinitions")
    licences = definitions.get("CFLicenses") if isinstance(definitions, dict) else None
    for licence in licences if isinstance(licences, list) else []:
        if (
            isinstance(licence, dict)
            and licence.get("identifier") == document.licenseURI.identifier
        ):
            text = licence.get("licenseText")
            if isinstance(text, str) and text:
                return text
    return document.licenseURI.title or ""


def _scale(rubrics: Any, where: str, problems: list[Problem]) -> tuple[ScaleLevelSpec, ...]:
    """Our scale rubric (marked "skillframe:scale") back into scale levels; others are ignored."""
    if not isinstance(rubrics, list):
        return ()
    for index, rubric in enumerate(rubrics):
        ext = rubric.get("extensions") if isinstance(rubric, dict) else None
        if not isinstance(ext, dict) or ext.get(f"{EXT}scale") is not True:
            continue
        criteria = rubric.get("CFRubricCriteria") or [{}]
        levels = (
            criteria[0].get("CFRubricCriterionLevels") if isinstance(criteria[0], dict) else None
        )
        place = f"{where}[{index}].CFRubricCriteria[0].CFRubricCriterionLevels"
        parsed = _many(InLevel, levels, place, problems)
        return tuple(
            ScaleLevelSpec(level.position, level.quality, level.description or "")
            for _, level in sorted(parsed, key=lambda pair: pair[1].position)
        )
    return ()
