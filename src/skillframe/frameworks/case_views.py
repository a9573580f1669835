"""Read-only CASE 1.1 provider: the catalogue's frameworks over the /ims/case/v1p1/ REST paths.

Payloads come from the same CaseWriter as the CASE export, so an export and the provider agree
on every identifier and URI (URIs here are absolute under this server). Reading obeys the
catalogue rule (access.catalogue_reader). Unknown or malformed identifiers answer 404 with a
CASE imsx_StatusInfo body. Query counts do not grow with the framework size, except
CFAssociations/{id}, which scans one column list to find the association (no table holds them).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from skillframe.frameworks.access import catalogue_reader
from skillframe.frameworks.formats.case import CHILD_OF, CaseWriter, association_uuid
from skillframe.frameworks.loading import dump_framework
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec

View = Callable[..., HttpResponse]


def _status(description: str, minor: str) -> JsonResponse:
    body = {
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_codeMinor": {
            "imsx_codeMinorField": [
                {"imsx_codeMinorFieldName": "sourcedId", "imsx_codeMinorFieldValue": minor}
            ]
        },
    }
    return JsonResponse(body, status=404)


def _unknown(kind: str, identifier: uuid.UUID) -> JsonResponse:
    return _status(f"Unknown Object: no {kind} {identifier}", "unknownobject")


def case_endpoint(view: View) -> View:
    """GET only, catalogue access rule, and `identifier` parsed as a UUID (else 404)."""

    @wraps(view)
    def wrapper(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if "identifier" in kwargs:
            try:
                kwargs["identifier"] = uuid.UUID(kwargs["identifier"])
            except ValueError:
                return _status(f"Invalid UUID: {kwargs['identifier'][:80]!r}", "invalid_uuid")
        return view(request, **kwargs)

    guarded: View = require_GET(catalogue_reader(wrapper))
    return guarded


def _base_url(request: HttpRequest) -> str:
    documents_url: str = request.build_absolute_uri(reverse("case:documents"))
    return documents_url.removesuffix("CFDocuments")


def _header(framework: Framework) -> FrameworkSpec:
    """The framework without its elements: enough for document, item and association payloads."""
    return FrameworkSpec(
        slug=framework.slug,
        title=framework.title,
        publisher=framework.publisher,
        version=framework.version,
        published=framework.published,
        language=framework.language,
        description=framework.description,
        source=framework.source,
        licence_note=framework.licence_note,
        metadata=framework.metadata,
        uuid=framework.uuid,
    )


def _writer(request: HttpRequest, spec: FrameworkSpec, changed: datetime) -> CaseWriter:
    return CaseWriter(spec, base_url=_base_url(request), changed=changed)


def _element_spec(element: Element, parent_code: str | None) -> ElementSpec:
    return ElementSpec(
        code=element.code,
        kind=element.kind,
        parent_code=parent_code,
        title=element.title,
        statement=element.statement,
        level=element.level,
        metadata=element.metadata,
        uuid=element.uuid,
    )


def _json(payload: dict[str, Any]) -> JsonResponse:
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


@case_endpoint
def documents(request: HttpRequest) -> HttpResponse:
    frameworks = Framework.objects.order_by("title")
    payload = [
        _writer(request, _header(f), f.updated_at).document(standalone=True) for f in frameworks
    ]
    return _json({"CFDocuments": payload})


@case_endpoint
def document(request: HttpRequest, identifier: uuid.UUID) -> HttpResponse:
    framework = Framework.objects.filter(uuid=identifier).first()
    if framework is None:
        return _unknown("CFDocument", identifier)
    writer = _writer(request, _header(framework), framework.updated_at)
    return _json(writer.document(standalone=True))


@case_endpoint
def package(request: HttpRequest, identifier: uuid.UUID) -> HttpResponse:
    framework = Framework.objects.filter(uuid=identifier).first()
    if framework is None:
        return _unknown("CFPackage", identifier)
    # dump_framework reads the whole tree in a fixed number of queries.
    return _json(_writer(request, dump_framework(framework), framework.updated_at).package())


def _find_element(identifier: uuid.UUID) -> Element | None:
    return Element.objects.select_related("framework", "parent").filter(uuid=identifier).first()


@case_endpoint
def item(request: HttpRequest, identifier: uuid.UUID) -> HttpResponse:
    element = _find_element(identifier)
    if element is None:
        return _unknown("CFItem", identifier)
    framework = element.framework
    writer = _writer(request, _header(framework), framework.updated_at)
    parent_code = element.parent.code if element.parent else None
    return _json(writer.item(_element_spec(element, parent_code), standalone=True))


def _tree_associations(writer: CaseWriter, element: Element) -> list[dict[str, Any]]:
    """isChildOf up to the parent (or document) and from every child, in one extra query."""
    parent = element.parent
    this = _element_spec(element, parent.code if parent else None)
    parent_spec = _element_spec(parent, None) if parent else None
    found = [writer.child_association(this, parent_spec, element.position)]
    for child in element.children.order_by("position"):
        found.append(
            writer.child_association(_element_spec(child, element.code), this, child.position)
        )
    return found


def _recorded(writer: CaseWriter, framework: Framework, target: str | None) -> list[dict[str, Any]]:
    """Associations an import kept in metadata (all, or those with `target` at either end)."""
    owners = Element.objects.filter(framework=framework, metadata__has_key="case_associations")
    elements = Element.objects.filter(framework=framework).values_list("uuid", flat=True)
    local = {writer.document_id, *(str(uid) for uid in elements)}
    found = []
    for metadata in [framework.metadata, *owners.values_list("metadata", flat=True)]:
        for record in metadata.get("case_associations") or []:
            if not isinstance(record, dict):
                continue
            if target is None or target in (record.get("origin"), record.get("destination")):
                association = writer.recorded_association(record, local)
                if association is not None:
                    found.append(association)
    return found


@case_endpoint
def item_associations(request: HttpRequest, identifier: uuid.UUID) -> HttpResponse:
    element = _find_element(identifier)
    if element is None:
        return _unknown("CFItem", identifier)
    framework = element.framework
    writer = _writer(request, _header(framework), framework.updated_at)
    parent_code = element.parent.code if element.parent else None
    associations = _tree_associations(writer, element)
    associations += _recorded(writer, framework, str(identifier))
    return _json(
        {
            "CFItem": writer.item(_element_spec(element, parent_code), standalone=True),
            "CFAssociations": associations,
        }
    )


@case_endpoint
def association(request: HttpRequest, identifier: uuid.UUID) -> HttpResponse:
    wanted = str(identifier)
    # isChildOf identifiers are uuid5 of child, type and parent: recompute them from one list.
    rows = Element.objects.values_list("pk", "uuid", "parent__uuid", "framework__uuid")
    for pk, child, parent, document_id in rows.iterator():
        if association_uuid(str(child), CHILD_OF, str(parent or document_id)) == wanted:
            element = Element.objects.select_related("framework", "parent").get(pk=pk)
            framework = element.framework
            writer = _writer(request, _header(framework), framework.updated_at)
            this = _element_spec(element, element.parent.code if element.parent else None)
            parent_spec = _element_spec(element.parent, None) if element.parent else None
            return _json(
                writer.child_association(this, parent_spec, element.position, standalone=True)
            )
    imported = Framework.objects.filter(
        Q(metadata__has_key="case_associations")
        | Q(elements__metadata__has_key="case_associations")
    ).distinct()
    for framework in imported:
        writer = _writer(request, _header(framework), framework.updated_at)
        for found in _recorded(writer, framework, None):
            if found["identifier"] == wanted:
                return _json(found | {"CFDocumentURI": writer.document_link()})
    return _unknown("CFAssociation", identifier)
