"""Importing and replacing frameworks through the CLI, the web page and the API.

Replacing a framework with a file that drops elements still used by ratings, role requirements
or plans is refused (4xx, never a ProtectedError/500) with the list of those elements and what
holds them; `POST /api/frameworks/import` is reachable (it answered 405: the catalogue's
`GET /frameworks/{slug}` caught the path) for multipart uploads and JSON bodies alike.
"""

from __future__ import annotations

import base64
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from skillframe.assessments.models import Rating
from skillframe.development.models import Objective, Plan
from skillframe.frameworks import exchange
from skillframe.frameworks.loading import load_framework
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec
from skillframe.people.models import RoleProfile, RoleRequirement

pytestmark = pytest.mark.django_db

SPEC = FrameworkSpec(
    slug="hr-tiny",
    title="HR tiny",
    scale=(ScaleLevelSpec(1, "Basic"), ScaleLevelSpec(2, "Advanced")),
    elements=(
        ElementSpec("PEO", "area", None, title="People"),
        ElementSpec("PEO-1", "competency", "PEO", title="Coaching", statement="Coaches."),
        ElementSpec("PEO-2", "competency", "PEO", title="Hiring", statement="Hires."),
        ElementSpec("FIN", "area", None, title="Finance"),
        ElementSpec("FIN-1", "competency", "FIN", title="Budgets", statement="Plans budgets."),
    ),
)


def _document(drop: tuple[str, ...] = ()) -> bytes:
    """The framework as Skillframe JSON, without the elements whose code starts with `drop`."""
    doc = json.loads(exchange.export(Framework.objects.get(slug="hr-tiny"), "json").content)
    doc["elements"] = [e for e in doc["elements"] if not e["code"].startswith(drop)]
    return json.dumps(doc).encode()


@pytest.fixture
def in_use(personas: Any) -> Any:
    """hr-tiny with a rating on PEO-1, a role requirement on PEO-2 and a plan objective on
    FIN-1: every kind of row that protects an element."""
    load_framework(SPEC)
    element = {e.code: e for e in Element.objects.filter(framework__slug="hr-tiny")}
    Rating.objects.create(person=personas.alice, element=element["PEO-1"], source="self", level=1)
    Rating.objects.create(person=personas.bob, element=element["PEO-1"], source="self", level=2)
    role = RoleProfile.objects.create(code="hr-tiny-role", title="Tiny role")
    RoleRequirement.objects.create(role=role, element=element["PEO-2"], target_level=1)
    plan = Plan.objects.create(person=personas.alice, title="Grow")
    Objective.objects.create(
        plan=plan, element=element["FIN-1"], measure="A budget", due_on=date(2030, 1, 1)
    )
    return personas


def _unchanged() -> None:
    codes = set(Element.objects.filter(framework__slug="hr-tiny").values_list("code", flat=True))
    assert codes == {"PEO", "PEO-1", "PEO-2", "FIN", "FIN-1"}


def test_replace_dropping_used_elements_is_refused_with_the_list(in_use: Any) -> None:
    with pytest.raises(exchange.ImportRefused) as refused:
        exchange.import_file(
            io.BytesIO(_document(drop=("PEO-", "FIN-"))), "json", replace_existing=True
        )
    message = str(refused.value)
    assert "3 element(s) still in use" in message
    assert "PEO-1: 2 ratings" in message
    assert "PEO-2: 1 role requirements" in message
    assert "FIN-1: 1 plan objectives" in message
    assert "1 plans" in message
    _unchanged()


def test_replace_dropping_unused_elements_still_works(in_use: Any) -> None:
    doc = json.loads(_document())
    doc["elements"].append(
        {"code": "FIN-2", "kind": "competency", "parent_code": "FIN", "title": "Spare"}
    )
    exchange.import_file(io.BytesIO(json.dumps(doc).encode()), "json", replace_existing=True)
    result = exchange.import_file(
        io.BytesIO(_document(drop=("FIN-2",))), "json", replace_existing=True
    )
    assert result.deleted == 1
    _unchanged()


def test_cli_replace_refusal_is_a_command_error(in_use: Any, tmp_path: Path) -> None:
    path = tmp_path / "smaller.json"
    path.write_bytes(_document(drop=("PEO-1",)))
    with pytest.raises(CommandError, match=r"PEO-1: 2 ratings"):
        call_command("frameworks", "import", str(path), "--format", "json", "--replace")
    _unchanged()


def _importer() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("importer", "i@example.org", "x" * 20))
    return client


def test_web_replace_refusal_is_a_4xx_page(in_use: Any) -> None:
    importer = _importer()
    fields = {"format": "json", "replace": "on"}
    smaller = _document(drop=("PEO-2",))
    # Replacing is confirmed first (issue 11; tests/frameworks/test_import_replace_confirm.py).
    step = importer.post(
        "/frameworks/import/", {"file": SimpleUploadedFile("smaller.json", smaller), **fields}
    )
    token = step.content.decode().split('name="confirm" value="', 1)[1].split('"', 1)[0]
    response = importer.post(
        "/frameworks/import/",
        {"file": SimpleUploadedFile("smaller.json", smaller), "confirm": token, **fields},
    )
    assert response.status_code == 400
    assert "<br>  PEO-2: 1 role requirements" in response.content.decode()  # one per line
    _unchanged()


def test_api_replace_refusal_is_409(in_use: Any) -> None:
    response = _importer().post(
        "/api/frameworks/import",
        {
            "file": SimpleUploadedFile("smaller.json", _document(drop=("FIN",))),
            "format": "json",
            "replace": "true",
        },
    )
    assert response.status_code == 409, response.content
    assert "FIN-1: 1 plan objectives" in response.json()["detail"]
    _unchanged()


def test_api_import_multipart(empty_catalogue: None) -> None:
    load_framework(SPEC)
    response = _importer().post(
        "/api/frameworks/import",
        {"file": SimpleUploadedFile("f.json", _document()), "format": "json", "slug": "copy"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["slug"] == "copy" and response.json()["created"] == 5
    assert Element.objects.filter(framework__slug="copy").count() == 5


def test_api_import_json_body_text_document_and_base64(empty_catalogue: None) -> None:
    load_framework(SPEC)
    client = _importer()
    document = json.loads(_document())
    case = exchange.export(Framework.objects.get(slug="hr-tiny"), "case").content
    xlsx = exchange.export(Framework.objects.get(slug="hr-tiny"), "xlsx").content
    bodies = {
        "as-text": {"format": "json", "content": json.dumps(document)},
        "as-document": {"format": "case", "content": json.loads(case)},
        "as-base64": {"format": "xlsx", "content_base64": base64.b64encode(xlsx).decode()},
    }
    for slug, body in bodies.items():
        response = client.post(
            "/api/frameworks/import", body | {"slug": slug}, content_type="application/json"
        )
        assert response.status_code == 201, (slug, response.content)
        assert Element.objects.filter(framework__slug=slug).count() == 5


def test_api_import_is_all_or_nothing(empty_catalogue: None) -> None:
    load_framework(SPEC)
    document = json.loads(_document())
    document["elements"][1]["parent_code"] = "NOPE"
    response = _importer().post(
        "/api/frameworks/import",
        {"format": "json", "content": document, "slug": "broken"},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["problems"]
    assert not Framework.objects.filter(slug="broken").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"content": "{}"}, "format"),
        ({"format": "json"}, "content"),
        ({"format": "json", "content_base64": "***"}, "content_base64"),
        ({"format": "json", "content": "{}", "replace": "yes"}, "replace"),
    ],
)
def test_api_import_bad_request_names_the_field(
    empty_catalogue: None, body: dict[str, Any], field: str
) -> None:
    response = _importer().post("/api/frameworks/import", body, content_type="application/json")
    assert response.status_code == 422, response.content
    assert field in {error["field"] for error in response.json()["detail"]}


def test_api_import_access(personas: Any) -> None:
    body = {"format": "json", "content": "{}"}
    anonymous = Client().post("/api/frameworks/import", body, content_type="application/json")
    assert anonymous.status_code == 401
    for persona in ("alice", "carol"):  # carol is an HR admin without the import permission
        client = Client()
        client.force_login(getattr(personas, persona).user)
        response = client.post("/api/frameworks/import", body, content_type="application/json")
        assert response.status_code == 403, persona


def test_reserved_slug_is_refused(empty_catalogue: None) -> None:
    load_framework(SPEC)
    with pytest.raises(exchange.ImportRefused, match="reserved"):
        exchange.import_file(io.BytesIO(_document()), "json", slug="import")
