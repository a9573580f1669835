"""`skillframe report PERSON --pdf FILE`."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from skillframe.assessments.ratings import record_rating
from skillframe.cli import main
from skillframe.frameworks.models import Element

pytestmark = pytest.mark.django_db


def text_of(path: Path) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


def test_writes_a_pdf_by_username_or_employee_id(personas: Any, tmp_path: Path) -> None:
    p = personas
    # Bob quotes the AXELOS statement (curly quotes) in his comment; the PDF keeps it.
    statement = Element.objects.get(code="PPM-PPL.L3.1").statement
    assert "‘products’" in statement
    ppl = Element.objects.select_related("framework").get(code="PPM-PPL")
    record_rating(p.bob.user, p.alice, ppl, "manager", level=2, comment=statement)
    out = io.StringIO()
    call_command("report", "alice", "--pdf", str(tmp_path / "a.pdf"), stdout=out)
    assert out.getvalue().startswith(f"wrote {tmp_path / 'a.pdf'}")
    pages, text = text_of(tmp_path / "a.pdf")
    assert pages == 1
    assert "Skills report: Alice Archer" in text
    assert "Current role: Project manager" in text
    assert "essential for your target role" in text
    assert "defining work activities and ‘products’ to be delivered" in text
    # The command line sees the whole report, so the same file comes by employee id.
    call_command("report", "E-alice", "--pdf", str(tmp_path / "b.pdf"), stdout=io.StringIO())
    assert text_of(tmp_path / "b.pdf") == (pages, text)


def test_summary_without_pdf(personas: Any) -> None:
    out = io.StringIO()
    call_command("report", "E-alice", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Alice Archer (E-alice), Project manager"
    assert lines[1] == "Current role: Project manager, fit 0 %"
    assert lines[2] == "Target role: Team leader, fit 0 %"
    assert lines[-1] == "Plan: none"


def test_unknown_person_is_one_line_and_non_zero(
    personas: Any, tmp_path: Path, capsys: Any
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "nobody", "--pdf", str(tmp_path / "x.pdf")])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err == "CommandError: no person with employee id or username 'nobody'"
    assert not (tmp_path / "x.pdf").exists()


def test_team_reports_table_and_pdfs(personas: Any, tmp_path: Path) -> None:
    import csv

    call = call_command
    out, err = io.StringIO(), io.StringIO()
    call("report", "--team", "bob", "--format", "csv", "--pdf-dir", str(tmp_path),
         stdout=out, stderr=err)  # fmt: skip
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["employee_id"] == "E-alice" and row["plan"] == "no plan"
    assert (tmp_path / "skills-report-E-alice.pdf").read_bytes().startswith(b"%PDF")
    assert "wrote 1 PDF(s)" in err.getvalue()
    out = io.StringIO()
    call("report", "--team", "eve", stdout=out)
    assert out.getvalue().strip() == "Eve Evans has no reports."
