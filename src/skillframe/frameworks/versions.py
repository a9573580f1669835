"""Versions of a framework as the catalogue reads them (docs/versions.md).

A catalogue framework (`Framework.objects`) holds its current published version; each older
published version and the draft are Framework rows of their own (`edition_of` = the catalogue
row) with their own element tree. Editing and publishing are the `authoring` app's; this module
only finds versions, so catalogue pages, exports and `frameworks diff` can read any of them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.http import Http404, HttpRequest

from skillframe.frameworks.associations import Association, AssociationKind, AssociationStatus
from skillframe.frameworks.diff import FrameworkDiff, diff_specs
from skillframe.frameworks.loading import dump_framework
from skillframe.frameworks.models import EditionStatus, Framework
from skillframe.frameworks.spec import FrameworkSpec


class UnknownVersion(LookupError):
    """No published version of that number (the message names the versions there are)."""


def published_versions(framework: Framework) -> list[Framework]:
    """Every published version of a catalogue framework, newest first (the current one first)."""
    older = Framework.everything.filter(
        edition_of=framework, edition_status=EditionStatus.PUBLISHED
    ).order_by("-edition")
    return [framework, *older]


def draft_of(framework: Framework) -> Framework | None:
    """The framework's draft (at most one: a database constraint), if any."""
    return Framework.everything.filter(
        edition_of=framework, edition_status=EditionStatus.DRAFT
    ).first()


def published_version(framework: Framework, number: int | None) -> Framework:
    """Version `number` of a catalogue framework (None: the current one)."""
    if number is None or number == framework.edition:
        return framework
    found = Framework.everything.filter(
        edition_of=framework, edition=number, edition_status=EditionStatus.PUBLISHED
    ).first()
    if found is None:
        numbers = ", ".join(str(v.edition) for v in published_versions(framework))
        raise UnknownVersion(
            f"{framework.slug} has no published version {number} (it has {numbers})"
        )
    return found


def version_number(raw: str | None) -> int | None:
    """A `?version=` value as a number; None when absent or empty. ValueError when not one."""
    if raw is None or not raw.strip():
        return None
    number = int(raw)
    if number < 1:
        raise ValueError(raw)
    return number


def requested_version(request: HttpRequest, framework: Framework) -> Framework:
    """The version a permalink asks for (`?version=N`), 404 when there is no such version."""
    try:
        return published_version(framework, version_number(request.GET.get("version")))
    except (ValueError, UnknownVersion) as exc:
        raise Http404(str(exc)) from None


def shown_version(request: HttpRequest, framework: Framework) -> Framework:
    """The version a catalogue page shows: `requested_version`, an older one carrying its
    catalogue framework's slug in memory (never saved) so that the page's links stay permalinks
    of the catalogue (`/frameworks/axelos/…?version=1`)."""
    shown = requested_version(request, framework)
    if shown.pk != framework.pk:
        shown.slug = framework.slug
    return shown


def version_context(request: HttpRequest, shown: Framework) -> dict[str, object]:
    """Template context of a page showing `shown`: `version_query` to append to its links."""
    older = "version" in request.GET and shown.edition_of_id is not None
    return {
        "version_query": f"?version={shown.edition}" if older else "",
        "older_version": shown if older else None,
    }


def diff_versions(old: Framework, new: Framework) -> FrameworkDiff:
    return diff_specs(dump_framework(old), dump_framework(new))


def is_versioned(framework: Framework) -> bool:
    """Whether `framework` has more than the version it was imported as (or is tailored)."""
    lineage = framework.lineage
    return bool(
        framework.edition > 1
        or framework.edition_of_id is not None
        or framework.derived_from_id is not None
        or Framework.everything.filter(edition_of=lineage).exists()
    )


def export_spec(framework: Framework) -> FrameworkSpec:
    """What an export writes for a version: the framework as loaded, and, once it has versions,
    its number as the CASE document's `version` (the source's own label moves to
    metadata["skillframe_version"], with the date, the notes and where it was derived from) and
    the confirmed `replacedBy` links from its elements to the next version's (CASE
    CFAssociations, kept through a re-import like any association). A framework that was never
    versioned exports exactly as before."""
    spec = dump_framework(framework)
    if not is_versioned(framework):
        return spec
    lineage = framework.lineage
    info: dict[str, Any] = {
        "number": framework.edition,
        "status": framework.edition_status,
        "published_at": framework.edition_published_at.isoformat()
        if framework.edition_published_at
        else None,
        "notes": framework.edition_notes,
        "source_version": framework.version,
    }
    if framework.derived_from is not None:
        info["derived_from"] = {
            "slug": framework.derived_from.slug,
            "identifier": str(framework.derived_from.uuid),
            "version": framework.derived_from_edition,
        }
    replaced: dict[str, list[dict[str, str]]] = {}
    rows = Association.objects.filter(
        kind=AssociationKind.REPLACED_BY,
        status=AssociationStatus.CONFIRMED,
        origin__framework=framework,
    ).values_list("origin__code", "origin__uuid", "destination__uuid", "destination__code")
    for code, origin, destination, destination_code in rows:
        replaced.setdefault(code, []).append(
            {
                "type": AssociationKind.REPLACED_BY.value,
                "origin": str(origin),
                "destination": str(destination),
                "destination_title": destination_code,
            }
        )
    elements = tuple(
        replace(
            element,
            metadata={
                **element.metadata,
                "case_associations": [
                    *element.metadata.get("case_associations", []),
                    *replaced[element.code],
                ],
            },
        )
        if element.code in replaced
        else element
        for element in spec.elements
    )
    return replace(
        spec,
        slug=lineage.slug,
        version=str(framework.edition),
        metadata={**spec.metadata, "skillframe_version": info},
        elements=elements,
    )
