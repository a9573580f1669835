"""Adding, mapping and deleting evidence: the one entry point for web, API, CLI and demo.

Every function checks everything first and raises ValidationError naming the field at fault
(or PermissionDenied) before anything is written; files are written to disk last, inside the
transaction, and removed again if the transaction fails, so a refused upload stores nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from skillframe.audit.models import record
from skillframe.evidence.models import Evidence, EvidenceFile, EvidenceKind, EvidenceLink
from skillframe.evidence.storage import CheckedFile, check_file, remove, save
from skillframe.frameworks.models import Element, ElementLookupError
from skillframe.inputs import DESCRIPTION_MAX, LINK_MAX, TITLE_MAX
from skillframe.people.access import Viewer
from skillframe.people.models import Person
from skillframe.validators import ensure_text

TEXT_MAX = 50_000  # an account, a statement or a set of notes
FILES_MAX = 20  # files in one piece of evidence

# Kinds whose substance is the text field, and what the text is called there.
TEXT_KINDS = {
    EvidenceKind.ACCOUNT: "the account",
    EvidenceKind.WITNESS: "the witness's statement",
    EvidenceKind.OBSERVATION: "the observation record",
    EvidenceKind.DISCUSSION: "the discussion notes",
}


@dataclass
class EvidenceInput:
    kind: str
    title: str
    occurred_on: date
    description: str = ""
    text: str = ""
    url: str = ""
    witness_name: str = ""
    witness_role: str = ""
    witness_contact: str = ""
    shared_with_manager: bool = False
    elements: Sequence[str] = ()  # codes, optionally "slug:code"
    files: Sequence[tuple[str, bytes]] = field(default_factory=list)  # (name, bytes)


def resolve_elements(codes: Sequence[str]) -> list[Element]:
    """Elements by code ("INSML005.P1", or "nos-ml:INSML005.P1" where a code is ambiguous);
    ValidationError({"elements": …}) naming the first code that fails."""
    found: list[Element] = []
    for raw in codes:
        code = raw.strip()
        if not code:
            continue
        framework = None
        if ":" in code:
            framework, code = code.split(":", 1)
        try:
            element = Element.objects.select_related("framework").get(
                pk=Element.objects.find(code, framework).pk
            )
        except ElementLookupError as error:
            raise ValidationError({"elements": f"{raw}: {'; '.join(error.messages)}"}) from None
        if element not in found:
            found.append(element)
    return found


def _check(data: EvidenceInput) -> None:
    if data.kind not in EvidenceKind.values:
        raise ValidationError(
            {"kind": f"{data.kind!r} is not one of {', '.join(EvidenceKind.values)}"}
        )
    title = ensure_text("title", data.title.strip(), TITLE_MAX)
    if not title:
        raise ValidationError({"title": "give the evidence a title"})
    ensure_text("description", data.description, DESCRIPTION_MAX)
    ensure_text("text", data.text, TEXT_MAX)
    ensure_text("url", data.url, LINK_MAX)
    for name in ("witness_name", "witness_role", "witness_contact"):
        ensure_text(name, getattr(data, name), TITLE_MAX)
    if data.occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": "the date is in the future"})
    if data.kind in TEXT_KINDS and not data.text.strip():
        raise ValidationError({"text": f"{TEXT_KINDS[EvidenceKind(data.kind)]} is empty"})
    if data.kind == EvidenceKind.WITNESS:
        for name, what in (("witness_name", "name"), ("witness_role", "role")):
            if not getattr(data, name).strip():
                raise ValidationError({name: f"give the witness's {what}"})
    if data.kind == EvidenceKind.LINK and not data.url.startswith(("https://", "http://")):
        raise ValidationError({"url": "a link starts with https:// or http://"})
    if (
        data.kind in (EvidenceKind.FILE, EvidenceKind.PRODUCT)
        and not data.files
        and not (data.kind == EvidenceKind.PRODUCT and (data.text.strip() or data.url))
    ):
        raise ValidationError({"file": "choose a file to upload"})
    if len(data.files) > FILES_MAX:
        raise ValidationError({"file": f"at most {FILES_MAX} files per piece of evidence"})


def _check_files(owner: Person, files: Sequence[tuple[str, bytes]]) -> list[CheckedFile]:
    checked = [check_file(name, content) for name, content in files]
    digests = [f.sha256 for f in checked]
    for position, item in enumerate(checked):
        if item.sha256 in digests[:position]:
            raise ValidationError({"file": f"“{item.name}” is uploaded twice"})
    held = dict(
        EvidenceFile.objects.filter(
            evidence__owner=owner, evidence__deleted_at__isnull=True, sha256__in=digests
        ).values_list("sha256", "evidence__title")
    )
    for item in checked:
        if item.sha256 in held:
            raise ValidationError(
                {
                    "file": f"“{item.name}” is already uploaded, in “{held[item.sha256]}”: "
                    "map that evidence to more elements instead"
                }
            )
    return checked


def _link(evidence: Evidence, elements: Sequence[Element]) -> None:
    EvidenceLink.objects.bulk_create(
        [EvidenceLink(evidence=evidence, element=element) for element in elements],
        ignore_conflicts=True,
    )


def _ensure_owner(user: Viewer, owner: Person) -> None:
    if owner.user_id != user.pk:
        raise PermissionDenied("only the learner adds evidence of their own")


def create_evidence(user: Viewer, owner: Person, data: EvidenceInput) -> Evidence:
    """Check everything, then store the evidence, its mapping and its files atomically."""
    _ensure_owner(user, owner)
    _check(data)
    elements = resolve_elements(data.elements)
    checked = _check_files(owner, data.files)
    written: list[str] = []
    try:
        with transaction.atomic():
            evidence = Evidence.objects.create(
                owner=owner,
                kind=data.kind,
                title=data.title.strip(),
                description=data.description.strip(),
                occurred_on=data.occurred_on,
                text=data.text.strip(),
                url=data.url.strip(),
                witness_name=data.witness_name.strip(),
                witness_role=data.witness_role.strip(),
                witness_contact=data.witness_contact.strip(),
                shared_with_manager=data.shared_with_manager,
                created_by=user if user.is_authenticated else None,
            )
            _link(evidence, elements)
            written = _write_files(evidence, checked)
            record(
                user,
                "evidence.create",
                evidence,
                owner=owner.employee_id,
                kind=data.kind,
                elements=[e.code for e in elements],
                files=[f.name for f in checked],
            )
    except BaseException:
        for name in written:
            remove(name)
        raise
    return evidence


def _write_files(evidence: Evidence, checked: list[CheckedFile]) -> list[str]:
    written: list[str] = []
    try:
        for item in checked:
            name = save(item.data)
            written.append(name)
            EvidenceFile.objects.create(
                evidence=evidence,
                name=item.name,
                stored_name=name,
                content_type=item.type.content_type,
                size=len(item.data),
                sha256=item.sha256,
            )
    except BaseException:
        for name in written:
            remove(name)
        raise
    return written


def add_files(user: Viewer, evidence: Evidence, files: Sequence[tuple[str, bytes]]) -> None:
    _ensure_owner(user, evidence.owner)
    if not files:
        raise ValidationError({"file": "choose a file to upload"})
    if evidence.files.count() + len(files) > FILES_MAX:
        raise ValidationError({"file": f"at most {FILES_MAX} files per piece of evidence"})
    checked = _check_files(evidence.owner, files)
    written: list[str] = []
    try:
        with transaction.atomic():
            written = _write_files(evidence, checked)
            record(user, "evidence.files", evidence, files=[f.name for f in checked])
    except BaseException:
        for name in written:
            remove(name)
        raise


def set_shared(user: Viewer, evidence: Evidence, shared: bool) -> None:
    """Share the evidence with the owner's line manager, or stop sharing it (owner only)."""
    _ensure_owner(user, evidence.owner)
    if shared == evidence.shared_with_manager:
        return
    with transaction.atomic():
        evidence.shared_with_manager = shared
        evidence.save(update_fields=["shared_with_manager", "updated_at"])
        record(user, "evidence.share", evidence, shared_with_manager=shared)


def set_mapping(user: Viewer, evidence: Evidence, codes: Sequence[str]) -> list[Element]:
    """Map the evidence to exactly these elements (adding and removing links)."""
    _ensure_owner(user, evidence.owner)
    elements = resolve_elements(codes)
    with transaction.atomic():
        EvidenceLink.objects.filter(evidence=evidence).exclude(
            element__in=[e.pk for e in elements]
        ).delete()
        _link(evidence, elements)
        record(user, "evidence.map", evidence, elements=[e.code for e in elements])
    return elements


def relied_on(evidence: Evidence) -> bool:
    """Whether a judgement relied on it or a submission carried it (then it is kept)."""
    return evidence.judgements.exists() or evidence.submissions.exists()


def delete_evidence(user: Viewer, evidence: Evidence) -> bool:
    """Delete the owner's evidence; evidence a decision or submission used is hidden instead
    (who and when kept). True when it was hidden, False when it was removed for good."""
    _ensure_owner(user, evidence.owner)
    with transaction.atomic():
        if relied_on(evidence):
            evidence.deleted_at = timezone.now()
            evidence.deleted_by = user if user.is_authenticated else None
            evidence.save(update_fields=["deleted_at", "deleted_by"])
            record(user, "evidence.hide", evidence, title=evidence.title)
            return True
        names = list(evidence.files.values_list("stored_name", flat=True))
        record(user, "evidence.delete", evidence, title=evidence.title)
        evidence.files.all().delete()
        evidence.delete()

        def remove_files() -> None:
            for name in names:
                remove(name)

        # The bytes go once the rows are gone for good (not if the transaction rolls back).
        transaction.on_commit(remove_files)
    return False
