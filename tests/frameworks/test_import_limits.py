"""Limits on framework imports, the same on the web page, the API and the command line: upload
and file size, the number of problems listed, the description's length; and the home page that
no longer reads descriptions. Each refusal names its limit and changes nothing."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from skillframe.frameworks.formats import get_format
from skillframe.frameworks.models import Framework
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec
from skillframe.importing import spreadsheets

pytestmark = pytest.mark.django_db
MiB = 1024 * 1024
PAGE = "/frameworks/import/"
API = "/api/frameworks/import"


@pytest.fixture
def importer() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("importer", "i@example.org", "pw"))
    return client


def spec(units: int = 1, *, slug: str = "limits", description: str = "") -> FrameworkSpec:
    elements = []
    for u in range(units):
        elements.append(ElementSpec(f"U{u}", "unit", None, title=f"Unit {u}"))
        elements.append(ElementSpec(f"U{u}.1", "criterion", f"U{u}", statement="x " * 200))
    return FrameworkSpec(
        slug=slug,
        title="Limits",
        description=description,
        scale=(ScaleLevelSpec(1, "One"),),
        elements=tuple(elements),
    )


def upload(client: Client, path: str, content: bytes, fmt: str, name: str) -> Any:
    file = SimpleUploadedFile(name, content)
    return client.post(path, {"file": file, "format": fmt})


def test_a_50_mb_upload_is_refused_before_it_is_read(importer: Client) -> None:
    big = b"framework,code\n" + b"x" * (50 * MiB)
    before = Framework.objects.count()
    for path in (PAGE, API, "/people/import/"):
        response = upload(importer, path, big, "csv", "big.csv")
        assert response.status_code == 413, path
        text = response.json()["detail"] if path == API else response.content.decode()
        assert "limited to 20 MB (SKILLFRAME_IMPORT_MAX_FILE_MB)" in text
        assert "Nothing was changed" in text
    assert Framework.objects.count() == before


def test_a_file_past_the_import_limit_is_refused_in_every_format_and_path(
    importer: Client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A valid 1.5 MB JSON framework under a 1 MB limit: JSON, CASE and Moodle files had no
    size limit at all (only the spreadsheet reader had one)."""
    monkeypatch.setattr(spreadsheets, "DEFAULT_LIMITS", spreadsheets.Limits(max_file_bytes=MiB))
    content = get_format("json").dump(spec(2000))
    assert MiB < len(content) < 2 * MiB
    page = upload(importer, PAGE, content, "json", "big.json")
    assert page.status_code == 400
    assert "larger than the limit of 1 MB" in page.content.decode()
    api = upload(importer, API, content, "json", "big.json")
    assert api.status_code == 400
    assert "larger than the limit of 1 MB" in api.json()["problems"][0]["message"]
    file = tmp_path / "big.json"
    file.write_bytes(content)
    with pytest.raises(CommandError, match="larger than the limit of 1 MB"):
        call_command("frameworks", "import", str(file), "--format", "json")
    assert not Framework.objects.filter(slug="limits").exists()


def many_problems(count: int) -> bytes:
    rows = b"".join(b"limits,B%d,NOPE,criterion,,,x,,,\r\n" % n for n in range(count))
    return get_format("csv").dump(spec()) + rows


def test_a_report_lists_the_first_problems_and_the_total(importer: Client, tmp_path: Path) -> None:
    """A file with 98,000 errors rendered a 13 MB page: every report is now capped at
    SKILLFRAME_IMPORT_MAX_PROBLEMS (100) with the total count."""
    content = many_problems(3000)
    page = upload(importer, PAGE, content, "csv", "bad.csv")
    html = page.content.decode()
    assert page.status_code == 400
    assert "3000 problems found; nothing was imported. The first 100 are listed." in html
    table = html.split('<table class="problems">', 1)[1].split("</table>", 1)[0]
    assert len(re.findall(r"<tr>", table)) == 101  # the heading and 100 problems
    assert len(html) < 200_000

    api = upload(importer, API, content, "csv", "bad.csv").json()
    assert (api["problem_count"], len(api["problems"])) == (3000, 100)
    assert api["detail"].endswith("nothing was imported; the first 100 are listed")

    file = tmp_path / "bad.csv"
    file.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command("frameworks", "import", str(file), "--format", "csv")
    lines = str(refused.value).splitlines()
    assert lines[0].endswith("3000 problem(s); nothing was imported:")
    assert len(lines) == 1 + 100 + 1
    assert lines[-1] == "  … and 2,900 more (the first 100 of 3,000 problems are listed)"
    assert not Framework.objects.filter(slug="limits").exists()


def test_a_short_report_is_listed_whole(importer: Client) -> None:
    page = upload(importer, PAGE, many_problems(3), "csv", "bad.csv").content.decode()
    assert "3 problems found; nothing was imported.</p>" in page


def test_a_description_past_its_limit_is_refused_at_import(
    importer: Client, tmp_path: Path
) -> None:
    long = get_format("json").dump(spec(description="d" * 20_001))
    page = upload(importer, PAGE, long, "json", "long.json")
    assert page.status_code == 400
    assert "longer than the limit of 20,000 characters" in page.content.decode()
    api = upload(importer, API, long, "json", "long.json").json()
    assert api["problems"][0]["field"] == "description"
    file = tmp_path / "long.json"
    file.write_bytes(long)
    with pytest.raises(CommandError, match="SKILLFRAME_FRAMEWORK_DESCRIPTION_MAX_CHARS"):
        call_command("frameworks", "import", str(file), "--format", "json")
    assert not Framework.objects.filter(slug="limits").exists()
    fits = get_format("json").dump(spec(description="d" * 20_000))
    assert upload(importer, PAGE, fits, "json", "fits.json").status_code == 200
    assert len(Framework.objects.get(slug="limits").description) == 20_000


def test_the_home_page_does_not_read_descriptions(client: Client) -> None:
    Framework.objects.filter(slug="axelos").update(description="secret " * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    framework_reads = [q["sql"] for q in queries if 'FROM "frameworks_framework"' in q["sql"]]
    assert framework_reads
    assert not any('"description"' in sql or '"metadata"' in sql for sql in framework_reads)
    assert "secret" not in response.content.decode()


def test_the_json_import_reads_the_description_it_is_given() -> None:
    # The refusal is about length only: a description still round-trips through the format.
    data = json.loads(get_format("json").dump(spec(description="A short one.")))
    assert "A short one." in json.dumps(data)
    assert get_format("json").load(io.BytesIO(json.dumps(data).encode())).description == (
        "A short one."
    )


def test_a_workbook_with_a_dtd_is_refused_by_the_import_page(importer: Client) -> None:
    content = get_format("xlsx").dump(spec())
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = b'<!DOCTYPE x [<!ENTITY e "e">]>' + body.split(b"?>", 1)[-1]
            copy.writestr(item.filename, body)
    page = upload(importer, PAGE, out.getvalue(), "xlsx", "dtd.xlsx")
    assert page.status_code == 400
    assert "contains a DTD" in page.content.decode()
    people = upload(importer, "/people/import/", out.getvalue(), "xlsx", "dtd.xlsx")
    assert people.status_code == 400 and "contains a DTD" in people.content.decode()
    assert not Framework.objects.filter(slug="limits").exists()


def test_a_50_mb_csv_is_refused_by_the_commands(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.write(b"employee id,name,email,unit\n")
        for _ in range(50):
            handle.write(b"x" * MiB)
    with pytest.raises(CommandError, match="larger than the limit of 20 MB"):
        call_command("frameworks", "import", str(big), "--format", "csv")
    with pytest.raises(CommandError, match="1 problem found; nothing was imported"):
        call_command("people", "import", str(big))
    assert not Framework.objects.filter(slug="limits").exists()
