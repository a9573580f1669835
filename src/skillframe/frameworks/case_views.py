"""Read-only CASE 1.1 provider: the catalogue's frameworks over the /ims/case/v1p1/ REST paths.

Payloads come from the same CaseWriter as the CASE export, so an export and the provider agree
on every identifier and URI (URIs here are absolute under this server). The shared HTTP rules
(methods, CORS, Bearer tokens and the catalogue rule, canonical UUIDs, imsx_StatusInfo
refusals) are case_http.py's; getAllCFDocuments' selection parameters are case_query.py's.
Lookups are indexed: documents and items by their UUID columns, associations and definitions
through the identifier index (case_index.py). `lastChangeDateTime` is when the data changed:
the framework's `updated_at` for the document and its definitions, the element's for its item
and the associations it owns.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from skillframe.frameworks import case_index, case_links
from skillframe.frameworks.case_http import case_endpoint, status_info, unknown
from skillframe.frameworks.case_query import SelectionError, select
from skillframe.frameworks.formats.case import DEFAULT_BASE_URL, CaseWriter, case_timestamp
from skillframe.frameworks.loading import dump_framework
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec

# CFDocument properties a client may filter, sort and select (the CFDocumentDType of CASE 1.1).
DOCUMENT_PROPERTIES = (
    *("identifier", "uri", "frameworkType", "caseVersion", "creator", "title"),
    *("lastChangeDateTime", "officialSourceURL", "publisher", "description", "subject"),
    *("subjectURI", "language", "version", "adoptionStatus", "statusStartDate"),
    *("statusEndDate", "licenseURI", "notes", "extensions", "CFPackageURI"),
)


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


def _writer(request: HttpRequest, framework: Framework) -> CaseWriter:
    return CaseWriter(_header(framework), base_url=_base_url(request), changed=framework.updated_at)


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


def _json(payload: dict[str, Any], **headers: str) -> JsonResponse:
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _rebased(value: Any, base: str) -> Any:
    """A stored payload with its URIs moved from the writer's default base to this server's."""
    if isinstance(value, str):
        if value.startswith(DEFAULT_BASE_URL):
            return base + value.removeprefix(DEFAULT_BASE_URL)
        return value
    if isinstance(value, list):
        return [_rebased(part, base) for part in value]
    if isinstance(value, dict):
        return {key: _rebased(part, base) for key, part in value.items()}
    return value


@case_endpoint
def documents(request: HttpRequest) -> HttpResponse:
    records = [
        _writer(request, framework).document(standalone=True)
        for framework in Framework.objects.order_by("title")
    ]
    try:
        page = select(records, request.GET, DOCUMENT_PROPERTIES)
    except SelectionError as exc:
        return status_info(400, str(exc), exc.minor, exc.parameter)
    # An empty selection is `[]`, not an error, although the schema asks for one document at
    # least: a consumer paging with limit/offset stops on it (see docs/case.md).
    response = _json({"CFDocuments": page.records}, X_Total_Count=str(page.total))
    links = _page_links(request, page.total)
    if links:
        response["Link"] = links
    return response


def _page_links(request: HttpRequest, total: int) -> str:
    """RFC 8288 links to the first, previous, next and last pages of a limited read."""
    if "limit" not in request.GET:
        return ""
    limit, offset = int(request.GET["limit"]), int(request.GET.get("offset", "0"))
    pages = {"first": 0, "last": max(0, (total - 1) // limit * limit)}
    if offset > 0:
        pages["prev"] = max(0, offset - limit)
    if offset + limit < total:
        pages["next"] = offset + limit
    links = []
    for rel, start in pages.items():
        query = request.GET.copy()
        query["offset"] = str(start)
        links.append(f'<{request.build_absolute_uri("?" + query.urlencode())}>; rel="{rel}"')
    return ", ".join(links)


@case_endpoint
def document(request: HttpRequest, identifier: str) -> HttpResponse:
    framework = Framework.objects.filter(uuid=identifier).first()
    if framework is None:
        return unknown("CFDocument", identifier)
    return _json(_writer(request, framework).document(standalone=True))


def _stamped(associations: list[dict[str, Any]], stamps: dict[str, str]) -> None:
    """Each association changed when the element it belongs to (origin, else destination) did."""
    for association in associations:
        origin = association["originNodeURI"]["identifier"]
        owner = stamps.get(origin) or stamps.get(association["destinationNodeURI"]["identifier"])
        if owner is not None:
            association["lastChangeDateTime"] = owner


@case_endpoint
def package(request: HttpRequest, identifier: str) -> HttpResponse:
    framework = Framework.objects.filter(uuid=identifier).first()
    if framework is None:
        return unknown("CFPackage", identifier)
    # dump_framework reads the whole tree in a fixed number of queries.
    spec = case_links.with_links(framework, dump_framework(framework))  # + confirmed links
    writer = CaseWriter(spec, base_url=_base_url(request), changed=framework.updated_at)
    payload = writer.package()
    stamps = {
        str(uid): case_timestamp(changed)
        for uid, changed in Element.objects.filter(framework=framework).values_list(
            "uuid", "updated_at"
        )
    }
    for item in payload.get("CFItems", []):
        item["lastChangeDateTime"] = stamps.get(item["identifier"], item["lastChangeDateTime"])
    _stamped(payload.get("CFAssociations", []), stamps)
    return _json(payload)


def _find_element(identifier: str) -> Element | None:
    return Element.objects.select_related("framework", "parent").filter(uuid=identifier).first()


def _item(writer: CaseWriter, element: Element) -> dict[str, Any]:
    parent_code = element.parent.code if element.parent else None
    payload = writer.item(_element_spec(element, parent_code), standalone=True)
    payload["lastChangeDateTime"] = case_timestamp(element.updated_at)
    return payload


@case_endpoint
def item(request: HttpRequest, identifier: str) -> HttpResponse:
    element = _find_element(identifier)
    if element is None:
        return unknown("CFItem", identifier)
    return _json(_item(_writer(request, element.framework), element))


def _tree_associations(writer: CaseWriter, element: Element) -> list[dict[str, Any]]:
    """isChildOf up to the parent (or document) and from every child, in one extra query."""
    parent = element.parent
    this = _element_spec(element, parent.code if parent else None)
    parent_spec = _element_spec(parent, None) if parent else None
    found = [writer.child_association(this, parent_spec, element.position)]
    found[0]["lastChangeDateTime"] = case_timestamp(element.updated_at)
    for child in element.children.order_by("position"):
        link = writer.child_association(_element_spec(child, element.code), this, child.position)
        found.append(link | {"lastChangeDateTime": case_timestamp(child.updated_at)})
    return found


def _recorded(writer: CaseWriter, framework: Framework, target: str) -> list[dict[str, Any]]:
    """Associations an import kept in metadata with `target` at either end (one framework)."""
    owners = Element.objects.filter(framework=framework, metadata__has_key="case_associations")
    elements = Element.objects.filter(framework=framework).values_list("uuid", flat=True)
    local = {writer.document_id, *(str(uid) for uid in elements)}
    found = []
    sources = [(framework.metadata, framework.updated_at)]
    sources += list(owners.values_list("metadata", "updated_at"))
    for metadata, changed in sources:
        for record in metadata.get("case_associations") or []:
            if not isinstance(record, dict):
                continue
            if target in (record.get("origin"), record.get("destination")):
                association = writer.recorded_association(record, local)
                if association is not None:
                    association["lastChangeDateTime"] = case_timestamp(changed)
                    found.append(association)
    return found


@case_endpoint
def item_associations(request: HttpRequest, identifier: str) -> HttpResponse:
    element = _find_element(identifier)
    if element is None:
        return unknown("CFItem", identifier)
    writer = _writer(request, element.framework)
    associations = _tree_associations(writer, element)
    associations += _recorded(writer, element.framework, identifier)
    return _json({"CFItem": _item(writer, element), "CFAssociations": associations})


def _indexed(request: HttpRequest, collection: str, identifier: str) -> dict[str, Any] | None:
    record = case_index.find(collection, identifier)
    if record is None or record.payload is None:
        return None
    payload: dict[str, Any] = _rebased(record.payload, _base_url(request))
    return payload


@case_endpoint
def association(request: HttpRequest, identifier: str) -> HttpResponse:
    record = case_index.find("CFAssociations", identifier)
    if record is None or record.payload is None:
        return unknown("CFAssociation", identifier)
    payload: dict[str, Any] = _rebased(record.payload, _base_url(request))
    payload["CFDocumentURI"] = _writer(request, record.framework).document_link()
    return _json(payload)


def _definition(kind: str, collection: str) -> Any:
    """getCFLicense, getCFAssociationGrouping, getCFRubric…: the one object."""

    @case_endpoint
    def view(request: HttpRequest, identifier: str) -> HttpResponse:
        payload = _indexed(request, collection, identifier)
        if payload is None:
            return unknown(kind, identifier)
        return _json(payload)

    view.__name__ = view.__qualname__ = f"get{kind}"
    return view


def _definition_set(kind: str, collection: str) -> Any:
    """getCFItemType, getCFConcept, getCFSubject: the object, then the ones below it in the
    hierarchy of `hierarchyCode`s (`1.2` is below `1`), as the set types of the binding say."""

    @case_endpoint
    def view(request: HttpRequest, identifier: str) -> HttpResponse:
        record = case_index.find(collection, identifier)
        if record is None or record.payload is None:
            return unknown(kind, identifier)
        found = [record.payload]
        code = str(record.payload.get("hierarchyCode") or "")
        if code:
            below = code + "."
            found += [
                other.payload
                for other in case_index.siblings(record)
                if other.payload and str(other.payload.get("hierarchyCode", "")).startswith(below)
            ]
        return _json({collection: _rebased(found, _base_url(request))})

    view.__name__ = view.__qualname__ = f"get{kind}"
    return view


item_type = _definition_set("CFItemType", "CFItemTypes")
concept = _definition_set("CFConcept", "CFConcepts")
subject = _definition_set("CFSubject", "CFSubjects")
license = _definition("CFLicense", "CFLicenses")  # getCFLicense
association_grouping = _definition("CFAssociationGrouping", "CFAssociationGroupings")
rubric = _definition("CFRubric", "CFRubrics")
# Not operations of the binding, but our rubric payloads advertise their URIs: served too.
rubric_criterion = _definition("CFRubricCriterion", "CFRubricCriteria")
rubric_criterion_level = _definition("CFRubricCriterionLevel", "CFRubricCriterionLevels")
