"""Import and export of whole frameworks in any registered format (CLI, web and API share this)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import BinaryIO

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction

from skillframe.audit.models import record
from skillframe.frameworks import case_links, versions
from skillframe.frameworks.formats import FORMAT_NAMES, FormatError, get_format
from skillframe.frameworks.loading import (
    ElementsInUse,
    LoadResult,
    load_framework,
)
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.spec import FrameworkSpec
from skillframe.importing import spreadsheets
from skillframe.importing.problems import Problem

# "--" is left to the trees of drafts and older versions ("axelos--v2", docs/versions.md).
SLUG = re.compile(r"^(?!.*--)[a-z0-9][a-z0-9-]{0,63}$")
# Path words beside /frameworks/<slug>/ in the web and API routes (/api/frameworks/import is the
# import endpoint): a framework so named would be unreachable there.
RESERVED_SLUGS = frozenset({"import", "export"})

__all__ = [
    "FORMAT_NAMES",
    "Export",
    "FormatError",
    "ImportPlan",
    "ImportRefused",
    "export",
    "import_file",
    "plan_import",
]


class ImportRefused(ValueError):
    """The file may be fine, but importing it here and now is not allowed."""


@dataclass(frozen=True)
class Export:
    content: bytes
    media_type: str
    filename: str


def export(framework: Framework, format_name: str) -> Export:
    try:
        fmt = get_format(format_name)
    except KeyError as exc:
        raise ImportRefused(str(exc.args[0])) from None
    spec = versions.export_spec(framework)  # a version's number and replacedBy links, if any
    if fmt.name == "case":
        spec = case_links.with_links(framework, spec)  # confirmed crosswalk links travel too
    suffix = f"-v{framework.edition}" if framework.edition_of_id is not None else ""
    return Export(fmt.dump(spec), fmt.media_type, f"{spec.slug}{suffix}{fmt.extension}")


def _check_description(spec: FrameworkSpec) -> None:
    """A framework's description is shown on its page: a 50 MB one was stored and then read by
    every request to the home page. Refused past FRAMEWORK_DESCRIPTION_MAX_CHARS."""
    limit: int = settings.FRAMEWORK_DESCRIPTION_MAX_CHARS
    if len(spec.description) > limit:
        message = (
            f"the description is longer than the limit of {limit:,} characters "
            "(SKILLFRAME_FRAMEWORK_DESCRIPTION_MAX_CHARS): shorten it"
        )
        found = f"{len(spec.description):,} characters"
        raise FormatError([Problem("framework", "description", found, message)])


def import_file(
    data: BinaryIO,
    format_name: str,
    *,
    slug: str | None = None,
    replace_existing: bool = False,
    actor: User | AnonymousUser | None = None,
) -> LoadResult:
    """Validate the whole file, then load it in one transaction; nothing is written on error.

    Raises FormatError (every problem in the file) or ImportRefused (unknown format, bad or
    taken slug).
    """
    spec = _read_spec(data, format_name, slug)
    existed = Framework.objects.filter(slug=spec.slug).exists()
    if not replace_existing and existed:
        raise ImportRefused(
            f"a framework with slug {spec.slug!r} already exists: choose another slug, "
            "or replace it explicitly"
        )
    try:
        with transaction.atomic():
            result = load_framework(spec)
            case_links.store_links()  # crosswalk links the file carries, once both ends exist
            # Audited in the same transaction: an import is never without its event.
            record(
                actor,
                "framework.replace" if existed else "framework.import",
                result.framework,
                slug=spec.slug,
                format=format_name,
                created=result.created,
                updated=result.updated,
                deleted=result.deleted,
            )
    except ElementsInUse as exc:
        # Replacing must never delete rated or required elements (ratings are append-only):
        # a refusal for the caller to act on, not a server error.
        raise ImportRefused(str(exc)) from None
    return result


def _read_spec(data: BinaryIO, format_name: str, slug: str | None) -> FrameworkSpec:
    """The file as a checked FrameworkSpec (format, slug, size and the spec's own rules)."""
    try:
        fmt = get_format(format_name)
    except KeyError as exc:
        raise ImportRefused(str(exc.args[0])) from None
    if slug is not None and not SLUG.match(slug):
        raise ImportRefused(
            f"slug {slug!r} is not valid: use 1–64 lowercase letters, digits and hyphens "
            "(never two in a row)"
        )
    if slug in RESERVED_SLUGS:
        raise ImportRefused(f"slug {slug!r} is reserved: choose another")
    # Every format, not only the spreadsheets: refused from the file's size, before reading.
    spec = fmt.load(spreadsheets.within_size_limit(data), slug=slug)
    _check_description(spec)
    if slug is not None and spec.slug != slug:
        spec = replace(spec, slug=slug)
    if not SLUG.match(spec.slug):
        raise ImportRefused(f"the file's framework slug {spec.slug!r} is not valid; give one")
    if spec.slug in RESERVED_SLUGS:
        raise ImportRefused(f"the slug {spec.slug!r} is reserved; choose another")
    # The spec's own rules (text lengths, control characters, structure; skillframe.inputs),
    # for every format: load_framework would raise them as a SpecError, a 500 in the API.
    problems = [Problem("file", "", "", message) for message in spec.problems()]
    if problems:
        raise FormatError(problems)
    return spec


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file would do, compared by element code (a dry run: nothing written).

    `kept` elements stay (updated where their text changed); `deleted` ones disappear, which
    is refused at import time when ratings, requirements or plans use them."""

    slug: str
    exists: bool
    created: int
    kept: int
    deleted: int
    deleted_codes: list[str]


def plan_import(data: BinaryIO, format_name: str, *, slug: str | None = None) -> ImportPlan:
    """Read and check the file as import_file does, and count what it would create, keep and
    delete (the confirmation step of a replacement, issue 11). Raises as import_file."""
    spec = _read_spec(data, format_name, slug)
    existing = set(Element.objects.filter(framework__slug=spec.slug).values_list("code", flat=True))
    wanted = {element.code for element in spec.elements}
    gone = sorted(existing - wanted)
    return ImportPlan(
        slug=spec.slug,
        exists=Framework.objects.filter(slug=spec.slug).exists(),
        created=len(wanted - existing),
        kept=len(wanted & existing),
        deleted=len(gone),
        deleted_codes=gone,
    )


def read_spec(data: BinaryIO, format_name: str, slug: str | None = None) -> FrameworkSpec:
    """The file as a checked FrameworkSpec, as an import reads it (FormatError, ImportRefused):
    for callers that load it elsewhere (a newer edition becomes a draft, docs/versions.md)."""
    return _read_spec(data, format_name, slug)
