"""The CASE 1.1 provider as the service spec asks (issue 12, item 2): selection parameters and
X-Total-Count, 400/401/404 imsx_StatusInfo refusals, CORS, Bearer tokens, every advertised URI
served, canonical UUIDs, indexed lookups and lastChangeDateTime from the data. Every response
body is validated against 1EdTech's service definition (tests/data/case)."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client, override_settings

from skillframe.api.models import ApiToken
from skillframe.frameworks import case_query
from skillframe.frameworks.case_query import SelectionError
from skillframe.frameworks.formats.case import FORMAT, CaseWriter
from skillframe.frameworks.loading import load_framework
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec
from tests.frameworks.case_schema import check, errors, operation

pytestmark = pytest.mark.django_db
BASE = "/ims/case/v1p1/"


def spec(slug: str, title: str, units: int = 2, **fields: Any) -> FrameworkSpec:
    elements = []
    for u in range(1, units + 1):
        elements.append(ElementSpec(f"U{u}", "unit", None, title=f"Unit {u}"))
        elements.append(ElementSpec(f"U{u}.P1", "performance-criterion", f"U{u}", statement="Do"))
    return FrameworkSpec(slug=slug, title=title, elements=tuple(elements), **fields)


@pytest.fixture
def catalogue(empty_catalogue: Any) -> list[Framework]:
    """Five frameworks, titles out of slug order; one with a licence and a scale."""
    titles = ["Echo", "Alpha", "Delta", "Charlie", "Bravo"]
    for number, title in enumerate(titles):
        extra: dict[str, Any] = {"publisher": f"Pub {number % 2}", "version": f"{number}.0"}
        if title == "Alpha":
            extra |= {
                "licence_note": "CC BY 4.0",
                "scale": (ScaleLevelSpec(1, "Novice"), ScaleLevelSpec(2, "Expert")),
            }
        load_framework(spec(title.lower(), title, **extra))
    return list(Framework.objects.order_by("title"))


def get(client: Client, path: str, status: int = 200, **headers: str) -> Any:
    response = client.get(BASE + path, headers=headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    check(path, status, response.json())
    return response


def minor(response: Any) -> str:
    value: str = response.json()["imsx_codeMinor"]["imsx_codeMinorField"][0][
        "imsx_codeMinorFieldValue"
    ]
    return value


# -- getAllCFDocuments: limit, offset, sort, orderBy, filter, fields ---------------------------


def test_limit_offset_and_total(client: Client, catalogue: list[Framework]) -> None:
    first = get(client, "CFDocuments?limit=2")
    assert first["X-Total-Count"] == "5"
    assert [d["title"] for d in first.json()["CFDocuments"]] == ["Alpha", "Bravo"]
    second = get(client, "CFDocuments?limit=2&offset=2")
    assert [d["title"] for d in second.json()["CFDocuments"]] == ["Charlie", "Delta"]
    links = dict(
        reversed(part.strip().split("; ")) for part in second["Link"].split(",")
    )  # {'rel="next"': '<…>'}
    assert links['rel="next"'] == "<http://testserver/ims/case/v1p1/CFDocuments?limit=2&offset=4>"
    assert links['rel="prev"'].endswith("offset=0>")
    assert links['rel="last"'].endswith("offset=4>")


def test_a_consumers_paging_loop_ends(client: Client, catalogue: list[Framework]) -> None:
    seen: list[str] = []
    offset = 0
    for _ in range(10):  # before issue 12 every page was the whole list: the loop never ended
        response = client.get(BASE + "CFDocuments", {"limit": 2, "offset": offset})
        page = response.json()["CFDocuments"]
        seen += [d["identifier"] for d in page]
        offset += 2
        if offset >= int(response["X-Total-Count"]):
            break
    assert len(seen) == len(set(seen)) == 5


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("limit=0", "invalid_selection_field"),
        ("limit=abc", "invalid_selection_field"),
        ("limit=-1", "invalid_selection_field"),
        ("offset=-1", "invalid_selection_field"),
        ("offset=x", "invalid_selection_field"),
        ("sort=colour", "invalid_sort_field"),
        ("sort=title&orderBy=up", "invalid_sort_field"),
        ("filter=title", "invalid_selection_field"),
        ("filter=colour='red'", "invalid_selection_field"),
        ("fields=title,colour", "invalid_selection_field"),
    ],
)
def test_bad_parameters_are_400(
    client: Client, catalogue: list[Framework], query: str, code: str
) -> None:
    response = get(client, f"CFDocuments?{query}", status=400)
    assert minor(response) == code


def test_sort_and_order(client: Client, catalogue: list[Framework]) -> None:
    titles = get(client, "CFDocuments?sort=title&orderBy=desc").json()["CFDocuments"]
    assert [d["title"] for d in titles] == ["Echo", "Delta", "Charlie", "Bravo", "Alpha"]
    by_version = get(client, "CFDocuments?sort=version").json()["CFDocuments"]
    assert [d["version"] for d in by_version] == ["0.0", "1.0", "2.0", "3.0", "4.0"]


def test_filter(client: Client, catalogue: list[Framework]) -> None:
    contains = get(client, "CFDocuments?filter=title~'LPH'")
    assert [d["title"] for d in contains.json()["CFDocuments"]] == ["Alpha"]
    assert contains["X-Total-Count"] == "1"
    both = get(client, "CFDocuments?filter=publisher='Pub 0' AND version>='2.0'")
    assert [d["title"] for d in both.json()["CFDocuments"]] == ["Bravo", "Delta"]
    either = get(client, "CFDocuments?filter=title='Alpha' OR title='Echo'")
    assert [d["title"] for d in either.json()["CFDocuments"]] == ["Alpha", "Echo"]
    none = client.get(BASE + "CFDocuments", {"filter": "title='Zulu'"})
    assert (none.status_code, none.json(), none["X-Total-Count"]) == (200, {"CFDocuments": []}, "0")


def test_fields(client: Client, catalogue: list[Framework]) -> None:
    response = client.get(BASE + "CFDocuments", {"fields": "identifier,title", "limit": 1})
    assert response.json()["CFDocuments"] == [
        {"identifier": str(catalogue[0].uuid), "title": "Alpha"}
    ]


def test_selection_rules_alone() -> None:
    records = [{"t": "b", "s": ["x", "y"]}, {"t": "a"}, {"s": ["z"]}]
    page = case_query.select(records, {"sort": "t"}, {"t", "s"})
    assert page.records == [{"t": "a"}, {"t": "b", "s": ["x", "y"]}, {"s": ["z"]}]
    assert case_query.select(records, {"filter": "s='y'"}, {"t", "s"}).total == 1
    assert case_query.select(records, {"filter": "s!='y'"}, {"t", "s"}).total == 2
    with pytest.raises(SelectionError, match="AND or OR"):
        case_query.select(records, {"filter": "t='a' AND t='b' OR t='c'"}, {"t"})


# -- 401, Bearer tokens, CORS -------------------------------------------------------------------


def test_private_catalogue_answers_401_imsx_and_takes_api_tokens(
    client: Client, catalogue: list[Framework], django_user_model: Any
) -> None:
    user = django_user_model.objects.create_user("script", password="x")
    _, secret = ApiToken.issue(user, "CASE reader")
    path = f"CFPackages/{catalogue[0].uuid}"
    with override_settings(PUBLIC_CATALOGUE=False):
        refused = get(client, path, status=401)  # was a 302 to /login/
        assert minor(refused) == "unauthorised_request"
        assert get(client, "CFDocuments", status=401)
        get(client, path, Authorization=f"Bearer {secret}")
        get(client, "CFDocuments", Authorization=f"Bearer {secret}")
        api = client.get("/api/frameworks", headers={"Authorization": f"Bearer {secret}"})
        assert api.status_code == 200  # the same token
        for bad in ("Bearer nope", "Basic c2NyaXB0Ong=", "Bearer"):
            assert minor(get(client, path, status=401, Authorization=bad)) == (
                "unauthorised_request"
            )
    # A revoked token is refused even when the catalogue is public: the caller must know.
    ApiToken.objects.get(user=user).revoke()
    get(client, path, status=401, Authorization=f"Bearer {secret}")
    get(client, path)


def test_cors_for_a_public_catalogue(client: Client, catalogue: list[Framework]) -> None:
    origin = {"Origin": "https://viewer.example.org"}
    response = get(client, "CFDocuments?limit=1", **origin)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "X-Total-Count" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        BASE + f"CFItems/{uuid.uuid4()}",
        headers=origin
        | {"Access-Control-Request-Method": "GET"}
        | {"Access-Control-Request-Headers": "authorization"},
    )
    assert preflight.status_code == 204  # was 405
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert preflight["Access-Control-Allow-Headers"] == "authorization"
    refused = get(client, f"CFItems/{uuid.uuid4()}", status=404, **origin)
    assert refused["Access-Control-Allow-Origin"] == "*"  # browsers may read refusals too
    assert client.post(BASE + "CFDocuments").status_code == 405


def test_cors_origins_are_configurable(client: Client, catalogue: list[Framework]) -> None:
    with override_settings(CASE_CORS_ORIGINS=["https://viewer.example.org"]):
        allowed = get(client, "CFDocuments", Origin="https://viewer.example.org")
        assert allowed["Access-Control-Allow-Origin"] == "https://viewer.example.org"
        assert "Origin" in allowed["Vary"]
        other = get(client, "CFDocuments", Origin="https://evil.example")
        assert "Access-Control-Allow-Origin" not in other
    with override_settings(CASE_CORS_ORIGINS=[]):
        assert "Access-Control-Allow-Origin" not in get(client, "CFDocuments", Origin="https://a.b")


# -- every advertised URI is served; canonical identifiers -------------------------------------


def advertised(payload: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(payload, dict):
        for key, value in payload.items():
            if key == "uri" and isinstance(value, str):
                found.add(value)
            else:
                found |= advertised(value)
    elif isinstance(payload, list):
        for value in payload:
            found |= advertised(value)
    return found


@pytest.mark.parametrize("slug", ["axelos", "nos-ml", "alpha"])
def test_every_uri_a_package_advertises_is_served(
    client: Client, request: pytest.FixtureRequest, slug: str
) -> None:
    request.getfixturevalue("catalogue" if slug == "alpha" else "seeded")
    framework = Framework.objects.get(slug=slug)
    package = get(client, f"CFPackages/{framework.uuid}").json()
    ours = sorted(u for u in advertised(package) if u.startswith(f"http://testserver{BASE}"))
    by_collection: dict[str, list[str]] = {}
    for uri in ours:
        collection = uri.removeprefix(f"http://testserver{BASE}").split("/")[0]
        by_collection.setdefault(collection, []).append(uri)
    assert {"CFDocuments", "CFItems", "CFAssociations", "CFItemTypes", "CFLicenses"} <= set(
        by_collection
    )
    for uris in by_collection.values():
        for uri in uris if len(uris) < 40 else uris[:: len(uris) // 20]:
            path = uri.removeprefix(f"http://testserver{BASE}")
            response = client.get(BASE + path)
            assert response.status_code == 200, (uri, response.content[:200])
            if path.split("/")[0] not in ("CFRubricCriteria", "CFRubricCriterionLevels"):
                check(path, 200, response.json())  # (not operations of the binding)


def test_definitions_and_rubric_parts(client: Client, catalogue: list[Framework]) -> None:
    alpha = catalogue[0]
    package = get(client, f"CFPackages/{alpha.uuid}").json()
    unit_type = next(t for t in package["CFDefinitions"]["CFItemTypes"] if t["typeCode"] == "unit")
    types = get(client, f"CFItemTypes/{unit_type['identifier']}").json()
    assert types == {"CFItemTypes": [unit_type]}
    licence = package["CFDefinitions"]["CFLicenses"][0]
    assert get(client, f"CFLicenses/{licence['identifier']}").json() == licence
    rubric = package["CFRubrics"][0]
    assert get(client, f"CFRubrics/{rubric['identifier']}").json() == rubric
    criterion = rubric["CFRubricCriteria"][0]
    assert client.get(BASE + f"CFRubricCriteria/{criterion['identifier']}").json() == criterion
    level = criterion["CFRubricCriterionLevels"][1]
    served = client.get(BASE + f"CFRubricCriterionLevels/{level['identifier']}").json()
    assert not errors("CFRubricCriterionLevelDType", served)
    assert served["quality"] == "Expert"
    for path in ("CFConcepts", "CFSubjects", "CFAssociationGroupings", "CFLicenses"):
        assert minor(get(client, f"{path}/{uuid.uuid4()}", status=404)) == "unknownobject"


def test_concepts_subjects_and_groupings_are_served_when_present(
    client: Client, catalogue: list[Framework], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Imports of other providers' CASE bring these definitions (issue 12, item 3): whatever
    CFDefinitions the writer emits, the provider serves, with a concept's sub-concepts."""
    stamp = "2024-05-01T12:00:00Z"
    ids = [str(uuid.uuid4()) for _ in range(4)]

    def definition(identifier: str, **fields: Any) -> dict[str, Any]:
        uri = f"https://skillframe.invalid/ims/case/v1p1/X/{identifier}"
        return {"identifier": identifier, "uri": uri, "lastChangeDateTime": stamp} | fields

    package = CaseWriter.package

    def with_definitions(self: CaseWriter) -> dict[str, Any]:
        built = package(self)
        built["CFDefinitions"] |= {
            "CFConcepts": [
                definition(ids[0], title="Numbers", hierarchyCode="1"),
                definition(ids[1], title="Fractions", hierarchyCode="1.1"),
            ],
            "CFSubjects": [definition(ids[2], title="Maths", hierarchyCode="M")],
            "CFAssociationGroupings": [definition(ids[3], title="Crosswalk")],
        }
        return built

    monkeypatch.setattr(CaseWriter, "package", with_definitions)
    concepts = get(client, f"CFConcepts/{ids[0]}").json()["CFConcepts"]
    assert [c["title"] for c in concepts] == ["Numbers", "Fractions"]
    assert concepts[0]["uri"] == f"http://testserver{BASE}X/{ids[0]}"
    assert get(client, f"CFConcepts/{ids[1]}").json()["CFConcepts"][0]["title"] == "Fractions"
    assert get(client, f"CFSubjects/{ids[2]}").json()["CFSubjects"][0]["title"] == "Maths"
    assert get(client, f"CFAssociationGroupings/{ids[3]}").json()["title"] == "Crosswalk"


SPELLINGS = [str.upper, lambda s: "{" + s + "}", lambda s: s.replace("-", ""), "urn:uuid:{}".format]
COLLECTIONS = ["CFDocuments", "CFPackages", "CFItems", "CFItemAssociations"]


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_only_canonical_uuids(
    client: Client, catalogue: list[Framework], spelling: Any, collection: str
) -> None:
    alpha = catalogue[0]
    element = Element.objects.filter(framework=alpha).first()
    assert element is not None
    identifier = str(alpha.uuid if collection in ("CFDocuments", "CFPackages") else element.uuid)
    get(client, f"{collection}/{identifier}")
    refused = get(client, f"{collection}/{spelling(identifier)}", status=404)  # was 200
    assert minor(refused) == "invalid_uuid"


# -- indexed lookups, lastChangeDateTime -------------------------------------------------------


def test_association_lookup_is_indexed(
    client: Client, seeded: Any, django_assert_max_num_queries: Any
) -> None:
    nos = Framework.objects.get(slug="nos-ml")
    last = Element.objects.filter(framework=nos).last()
    assert last is not None
    some = get(client, f"CFItemAssociations/{last.uuid}").json()
    wanted = some["CFAssociations"][0]["identifier"]
    get(client, f"CFAssociations/{wanted}")  # the index is built once after a load
    # Was a scan of every element (337 ms for an unknown identifier): now two indexed queries.
    with django_assert_max_num_queries(2) as captured:
        get(client, f"CFAssociations/{uuid.uuid4()}", status=404)
    # Each query selects by an indexed condition; none reads the element table whole.
    for query in captured.captured_queries:
        assert " WHERE " in query["sql"], query["sql"]
    with django_assert_max_num_queries(3):
        found = get(client, f"CFAssociations/{wanted}").json()
    assert found["identifier"] == wanted
    assert found["CFDocumentURI"]["identifier"] == str(nos.uuid)


def test_last_change_comes_from_the_data(client: Client, empty_catalogue: Any) -> None:
    first = load_framework(spec("dated", "Dated")).framework
    old = datetime(2023, 3, 1, 9, 30, tzinfo=UTC)
    Element.objects.filter(framework=first).update(updated_at=old)
    Framework.objects.filter(pk=first.pk).update(updated_at=old)
    unit = Element.objects.get(framework=first, code="U1")
    item = get(client, f"CFItems/{unit.uuid}").json()
    assert item["lastChangeDateTime"] == "2023-03-01T09:30:00Z"  # was the time of the request
    document = get(client, f"CFDocuments/{first.uuid}").json()
    assert document["lastChangeDateTime"] == "2023-03-01T09:30:00Z"
    # Re-load with one element changed: only that one moves, the others keep their time.
    original = spec("dated", "Dated")
    first_unit = replace(original.elements[0], title="Unit one")
    load_framework(replace(original, elements=(first_unit, *original.elements[1:])))
    package = get(client, f"CFPackages/{first.uuid}").json()
    stamps = {i["humanCodingScheme"]: i["lastChangeDateTime"] for i in package["CFItems"]}
    now = datetime.now(UTC)
    assert stamps["U2"] == stamps["U1.P1"] == "2023-03-01T09:30:00Z"
    moved = datetime.fromisoformat(stamps["U1"].replace("Z", "+00:00"))
    assert now - moved < timedelta(minutes=1)
    tree = {a["originNodeURI"]["title"]: a for a in package["CFAssociations"]}
    assert tree["U1"]["lastChangeDateTime"] == stamps["U1"]
    assert tree["U2"]["lastChangeDateTime"] == "2023-03-01T09:30:00Z"
    served = get(client, f"CFAssociations/{tree['U2']['identifier']}").json()
    assert served["lastChangeDateTime"] == "2023-03-01T09:30:00Z"


def test_the_schema_file_is_the_official_one() -> None:
    """Guards the excerpt: operations of the binding and a few of its hard rules."""
    assert operation("CFDocuments")[0] == "getAllCFDocuments"
    assert operation(f"CFItemTypes/{uuid.uuid4()}")[0] == "getCFItemType"
    parameters = {p["name"] for p in operation("CFDocuments")[1]["parameters"]}
    assert parameters == {"limit", "offset", "sort", "orderBy", "filter", "fields"}
    assert errors("CFDocumentSetDType", {"CFDocuments": []})  # at least one document
    assert errors("imsx_StatusInfoDType", {"imsx_codeMajor": "failure"})  # severity required
    raw = json.loads(FORMAT.dump(spec("x", "X")).decode())
    assert not errors("CFPackageDType", raw)  # the export file too
