"""A learner's portfolio as a ZIP: `index.html`, `summary.pdf` (the coverage map of each
standard), `manifest.json` (CASE codes and UUIDs of every mapped element, the decisions and
sign-offs) and every evidence file under `files/<evidence id>/<name>`.

What goes in is what the viewer may read (`access.visible_evidence`), so the same function
serves the learner, their assessor, HR, the web download, the API and `skillframe portfolio
export`.
"""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from skillframe.evidence import storage
from skillframe.evidence.access import visible_evidence
from skillframe.evidence.coverage import Coverage, coverage
from skillframe.evidence.models import Evidence, EvidenceLink
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element
from skillframe.people.access import Viewer
from skillframe.people.models import Person

ENCODING = "windows-1252"


@dataclass(frozen=True)
class Portfolio:
    filename: str
    data: bytes


def standards_of(viewer: Viewer, learner: Person) -> list[Element]:
    """The standards the learner's visible evidence maps to (directly or through items),
    and those in their assignments, in code order."""
    links = EvidenceLink.objects.filter(
        evidence__in=visible_evidence(viewer).filter(owner=learner).values("pk")
    ).select_related("element__parent__parent")
    units: dict[int, Element] = {}
    for link in links:
        unit = link.element.owning_unit()
        if unit is not None:
            units[unit.pk] = unit
    for assignment in learner.learner_assignments.select_related("standard"):
        units.setdefault(assignment.standard_id, assignment.standard)
    return sorted(units.values(), key=lambda e: e.code)


def _safe(name: str) -> str:
    # Stored names were checked on upload (no path parts); keep it so inside the archive too.
    return name.replace("/", "_").replace("\\", "_") or "file"


def _pdf_text(text: str) -> str:
    try:
        text.encode(ENCODING)
        return text
    except UnicodeEncodeError:
        plain = unicodedata.normalize("NFKD", text)
        return plain.encode(ENCODING, "replace").decode(ENCODING)


def _summary_pdf(learner: Person, maps: list[Coverage], made: datetime) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, _pdf_text(f"Portfolio of {learner.name}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", "", 9)
    pdf.cell(0, 6, f"Made {made:%Y-%m-%d %H:%M} UTC", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for cov in maps:
        pdf.ln(4)
        pdf.set_font("helvetica", "B", 12)
        title = f"{cov.standard.code} {cov.standard.title}"
        pdf.multi_cell(0, 6, _pdf_text(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("helvetica", "", 9)
        state = "signed off" if cov.signed_off else "not signed off"
        if cov.signed_off and cov.sign_off and cov.sign_off.completed_at:
            state += f" on {cov.sign_off.completed_at:%Y-%m-%d}"
        summary = (
            f"{len(cov.rows)} items: {cov.count('competent')} competent, "
            f"{cov.count('not-yet')} not yet, {cov.count('evidenced')} awaiting a decision, "
            f"{cov.count('gap')} without evidence; {state}"
        )
        pdf.multi_cell(0, 5, _pdf_text(summary), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        with pdf.table(col_widths=(22, 110, 18, 30), text_align="LEFT") as table:
            table.row(["Code", "Item", "Evidence", "Decision"])
            for row in cov.rows:
                decision = row.decision.get_competence_display() if row.decision else "-"
                table.row(
                    [
                        _pdf_text(row.element.code),
                        _pdf_text(row.element.title or row.element.statement[:200]),
                        str(row.evidence_count),
                        _pdf_text(decision),
                    ]
                )
    return bytes(pdf.output())


def _evidence_entry(evidence: Evidence, paths: dict[int, str]) -> dict[str, object]:
    return {
        "id": evidence.pk,
        "kind": evidence.kind,
        "title": evidence.title,
        "description": evidence.description,
        "date": evidence.occurred_on.isoformat(),
        "text": evidence.text,
        "url": evidence.url,
        "witness": (
            {
                "name": evidence.witness_name,
                "role": evidence.witness_role,
                "contact": evidence.witness_contact,
            }
            if evidence.kind == "witness"
            else None
        ),
        "elements": [
            {
                "code": link.element.code,
                "framework": link.element.framework.slug,
                "uuid": str(link.element.uuid),
                "type": ElementKind(link.element.kind).label
                if link.element.kind in ElementKind.__members__.values()
                else link.element.kind,
            }
            for link in evidence.links.all()
        ],
        "files": [
            {
                "name": f.name,
                "path": paths[f.pk],
                "content_type": f.content_type,
                "size": f.size,
                "sha256": f.sha256,
            }
            for f in evidence.files.all()
        ],
    }


def _coverage_entry(cov: Coverage) -> dict[str, object]:
    sign_off = cov.sign_off
    return {
        "code": cov.standard.code,
        "uuid": str(cov.standard.uuid),
        "title": cov.standard.title,
        "signed_off": cov.signed_off,
        "sign_off": (
            {
                "assessor": sign_off.assessor.name,
                "assessor_declared_at": _iso(sign_off.assessor_declared_at),
                "learner_declared_at": _iso(sign_off.learner_declared_at),
                "completed_at": _iso(sign_off.completed_at),
            }
            if sign_off
            else None
        ),
        "items": [
            {
                "code": row.element.code,
                "uuid": str(row.element.uuid),
                "evidence_count": row.evidence_count,
                "state": row.state,
                "decision": (
                    {
                        "competence": row.decision.competence,
                        "feedback": row.decision.comment,
                        "assessor": row.decision.rater.get_full_name()
                        if row.decision.rater
                        else "",
                        "at": _iso(row.decision.created_at),
                        "evidence_relied_on": sorted(
                            e.pk for e in row.decision.judgement.evidence.all()
                        )
                        if hasattr(row.decision, "judgement")
                        else [],
                    }
                    if row.decision
                    else None
                ),
            }
            for row in cov.rows
        ],
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def build(viewer: Viewer, learner: Person, standard: Element | None = None) -> Portfolio:
    """The portfolio ZIP of what `viewer` may read of `learner`'s evidence."""
    made = timezone.now()
    standards = [standard] if standard else standards_of(viewer, learner)
    maps = [coverage(viewer, learner, unit) for unit in standards]
    rows = visible_evidence(viewer).filter(owner=learner).order_by("occurred_on", "id")
    if standard is not None:
        ids = [standard.pk, *Element.objects.items_of([standard.pk]).values_list("pk", flat=True)]
        rows = rows.filter(links__element_id__in=ids).distinct()
    evidence = list(rows.prefetch_related("links__element__framework", "files"))
    buffer = io.BytesIO()
    paths: dict[int, str] = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in evidence:
            for f in item.files.all():
                path = f"files/{item.pk}/{_safe(f.name)}"
                paths[f.pk] = path
                f.archive_path = path  # type: ignore[attr-defined]  # for the index page
                archive.writestr(path, storage.read(f.stored_name))
        manifest = {
            "learner": {"name": learner.name, "employee_id": learner.employee_id},
            "made_at": made.isoformat(),
            "standards": [_coverage_entry(cov) for cov in maps],
            "evidence": [_evidence_entry(item, paths) for item in evidence],
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        archive.writestr("summary.pdf", _summary_pdf(learner, maps, made))
        index = render_to_string(
            "evidence/portfolio_index.html",
            {"learner": learner, "maps": maps, "evidence": evidence, "paths": paths, "made": made},
        )
        archive.writestr("index.html", index)
    suffix = f"-{standard.code}" if standard else ""
    return Portfolio(f"portfolio-{learner.employee_id}{suffix}.zip", buffer.getvalue())
