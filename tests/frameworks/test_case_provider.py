"""The read-only CASE 1.1 provider over the test client; every payload checked by the models and
by 1EdTech's CASE 1.1 service definition (tests/data/case, via case_schema.check)."""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from skillframe.frameworks.formats.case import FORMAT, dump_package
from skillframe.frameworks.formats.case_models import (
    CFAssociation,
    CFAssociationSet,
    CFDocument,
    CFDocumentSet,
    CFItem,
    CFPackage,
    ImsxStatusInfo,
)
from skillframe.frameworks.loading import dump_framework, load_framework
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec
from tests.frameworks.case_schema import check

pytestmark = pytest.mark.django_db
BASE = "/ims/case/v1p1/"
OPENSALT = Path(__file__).parent / "formats" / "fixtures"


def big_spec(units: int, criteria: int) -> FrameworkSpec:
    elements = []
    for u in range(1, units + 1):
        elements.append(ElementSpec(f"U{u}", "unit", None, title=f"Unit {u}", metadata={"n": u}))
        elements += [
            ElementSpec(f"U{u}.P{p}", "performance-criterion", f"U{u}", statement=f"Do {p}")
            for p in range(1, criteria + 1)
        ]
    return FrameworkSpec(
        slug=f"big-{units}",
        title=f"Big {units}",
        scale=(ScaleLevelSpec(1, "One"), ScaleLevelSpec(2, "Two")),
        elements=tuple(elements),
    )


@pytest.fixture
def frameworks() -> dict[str, Framework]:
    load_framework(big_spec(2, 3))
    sample = (OPENSALT / "case_1p0_opensalt_what_standards_could_be.json").read_bytes()
    load_framework(FORMAT.load(io.BytesIO(sample)))
    return {f.slug: f for f in Framework.objects.all()}


def get(client: Client, path: str, status: int = 200) -> Any:
    response = client.get(BASE + path)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    check(path, status, response.json())
    return response.json()


def test_documents_list(client: Client, frameworks: dict[str, Framework]) -> None:
    payload = get(client, "CFDocuments")
    CFDocumentSet.model_validate(payload)
    by_title = {doc["title"]: doc for doc in payload["CFDocuments"]}
    big = by_title["Big 2"]
    identifier = str(frameworks["big-2"].uuid)
    assert big["identifier"] == identifier
    assert big["uri"] == f"http://testserver/ims/case/v1p1/CFDocuments/{identifier}"
    assert big["CFPackageURI"]["uri"].endswith(f"/CFPackages/{identifier}")


def test_document_and_package(client: Client, frameworks: dict[str, Framework]) -> None:
    framework = frameworks["big-2"]
    CFDocument.model_validate(get(client, f"CFDocuments/{framework.uuid}"))
    package = get(client, f"CFPackages/{framework.uuid}")
    CFPackage.model_validate(package)
    exported = dump_package(dump_framework(framework), base_url="http://testserver/ims/case/v1p1/")
    # lastChangeDateTime is each element's own (issue 12), not the export time.
    stamps = {
        str(e.uuid): e.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        for e in Element.objects.filter(framework=framework)
    }
    assert package["CFItems"] == [
        item | {"lastChangeDateTime": stamps[item["identifier"]]} for item in exported["CFItems"]
    ]
    assert [a["identifier"] for a in package["CFAssociations"]] == [
        a["identifier"] for a in exported["CFAssociations"]
    ]


def test_item_and_its_associations(client: Client, frameworks: dict[str, Framework]) -> None:
    unit = Element.objects.get(framework=frameworks["big-2"], code="U2")
    item = get(client, f"CFItems/{unit.uuid}")
    CFItem.model_validate(item)
    assert (item["humanCodingScheme"], item["CFItemType"]) == ("U2", "unit")
    assert item["CFDocumentURI"]["identifier"] == str(frameworks["big-2"].uuid)
    payload = get(client, f"CFItemAssociations/{unit.uuid}")
    CFAssociationSet.model_validate(payload)
    edges = [
        (a["originNodeURI"]["title"], a["destinationNodeURI"]["title"], a["sequenceNumber"])
        for a in payload["CFAssociations"]
    ]
    assert edges == [("U2", "Big 2", 2), ("U2.P1", "U2", 1), ("U2.P2", "U2", 2), ("U2.P3", "U2", 3)]
    one = get(client, f"CFAssociations/{payload['CFAssociations'][2]['identifier']}")
    CFAssociation.model_validate(one)
    assert one["originNodeURI"]["title"] == "U2.P2"
    assert one["CFDocumentURI"]["title"] == "Big 2"


def test_imported_associations_are_served(client: Client, frameworks: dict[str, Framework]) -> None:
    item_id = "b6f61076-aa12-450b-8f9d-b86bc071f85e"  # CCSS.Math.Content.6.RP.A.1
    payload = get(client, f"CFItemAssociations/{item_id}")
    CFAssociationSet.model_validate(payload)
    types = {a["associationType"] for a in payload["CFAssociations"]}
    assert types == {"isChildOf", "exactMatchOf", "precedes"}
    association = get(client, "CFAssociations/09c435b5-d488-4371-b826-9a5caff06f36")
    CFAssociation.model_validate(association)
    assert association["associationType"] == "precedes"
    # Its destination is an item of the same framework: linked to this server.
    assert association["destinationNodeURI"]["uri"].startswith("http://testserver/")


@pytest.mark.parametrize(
    "path",
    ["CFDocuments/{}", "CFPackages/{}", "CFItems/{}", "CFItemAssociations/{}", "CFAssociations/{}"],
)
def test_unknown_and_malformed_identifiers(
    client: Client, frameworks: dict[str, Framework], path: str
) -> None:
    unknown = get(client, path.format(uuid.uuid4()), status=404)
    ImsxStatusInfo.model_validate(unknown)
    assert unknown["imsx_codeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"] == (
        "unknownobject"
    )
    malformed = get(client, path.format("not-a-uuid"), status=404)
    ImsxStatusInfo.model_validate(malformed)
    assert malformed["imsx_codeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"] == (
        "invalid_uuid"
    )


def test_read_only(client: Client, frameworks: dict[str, Framework]) -> None:
    assert client.post(BASE + "CFDocuments").status_code == 405


def test_private_catalogue(
    client: Client, frameworks: dict[str, Framework], django_user_model: Any
) -> None:
    path = f"{BASE}CFPackages/{frameworks['big-2'].uuid}"
    with override_settings(PUBLIC_CATALOGUE=False):
        # Issue 12: a CASE client gets 401 with an imsx_StatusInfo body, not a sign-in redirect.
        response = client.get(path)
        assert response.status_code == 401
        check(path.removeprefix(BASE), 401, response.json())
        assert response["WWW-Authenticate"].startswith("Bearer")
        client.force_login(django_user_model.objects.create_user("reader", password="x"))
        assert client.get(path).status_code == 200


def test_package_query_count_does_not_grow(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    small, large = load_framework(big_spec(2, 2)), load_framework(big_spec(40, 20))
    for result in (small, large):
        with django_assert_max_num_queries(6):
            assert client.get(f"{BASE}CFPackages/{result.framework.uuid}").status_code == 200


def test_seeded_nos_package(
    client: Client, seeded: Any, django_assert_max_num_queries: Any
) -> None:
    nos = Framework.objects.get(slug="nos-ml")
    with django_assert_max_num_queries(6):
        package = get(client, f"CFPackages/{nos.uuid}")
    CFPackage.model_validate(package)
    assert len(package["CFItems"]) == Element.objects.filter(framework=nos).count()
