"""Start a draft version: a copy of the current version, or a newer edition read from a file;
and tailoring: a framework of the organisation's own derived from a published one.

A draft is a Framework row of its own (`edition_of` = the catalogue framework, status draft)
with its own element tree, loaded by the importers' loader from a FrameworkSpec, so it is
checked exactly like an import. Its elements get their own UUIDs (derived from the draft's slug
`<slug>--v<n>`), so each version's CASE identifiers are its own and stay stable.
"""

from __future__ import annotations

from dataclasses import replace
from typing import BinaryIO, NamedTuple

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction

from skillframe.audit.models import record
from skillframe.authoring.mapping import links, suggest
from skillframe.frameworks import exchange
from skillframe.frameworks.associations import AssociationStatus
from skillframe.frameworks.exchange import ImportRefused
from skillframe.frameworks.loading import dump_framework, load_framework
from skillframe.frameworks.models import EditionStatus, Element, Framework
from skillframe.frameworks.spec import FrameworkSpec
from skillframe.frameworks.versions import draft_of, published_version

Actor = User | AnonymousUser | None


def draft_slug(framework: Framework, edition: int) -> str:
    return f"{framework.slug}--v{edition}"


def _next_edition(framework: Framework) -> int:
    numbers = Framework.everything.filter(edition_of=framework).values_list("edition", flat=True)
    return max([framework.edition, *numbers]) + 1


def _as_draft(framework: Framework, spec: FrameworkSpec, edition: int) -> FrameworkSpec:
    """`spec` under the draft's slug, without identifiers (each version derives its own)."""
    return replace(
        spec,
        slug=draft_slug(framework, edition),
        uuid=None,
        elements=tuple(replace(element, uuid=None) for element in spec.elements),
    )


def create_draft(
    framework: Framework, spec: FrameworkSpec, actor: Actor, *, source: str, notes: str = ""
) -> Framework:
    """Load `spec` as the draft of the next version of `framework`, with suggested mappings
    from the current version's elements. Refused when the framework has a draft already."""
    if framework.edition_of_id is not None:
        raise ValidationError({"framework": "drafts belong to a catalogue framework"})
    with transaction.atomic():
        # Locks the catalogue row: two editors starting a draft at once make one draft.
        Framework.everything.select_for_update().filter(pk=framework.pk).first()
        if draft_of(framework) is not None:
            raise ValidationError(
                {"framework": f"{framework.slug} already has a draft: edit or publish it first"}
            )
        edition = _next_edition(framework)
        result = load_framework(_as_draft(framework, spec, edition))
        draft = result.framework
        Framework.everything.filter(pk=draft.pk).update(
            edition_of=framework,
            edition=edition,
            edition_status=EditionStatus.DRAFT,
            edition_notes=notes,
            derived_from=framework.derived_from,
            derived_from_edition=framework.derived_from_edition,
        )
        draft.refresh_from_db()
        suggested = suggest(framework, draft)
        record(
            actor,
            "framework.draft",
            framework,
            slug=framework.slug,
            edition=edition,
            source=source,
            elements=result.created,
            suggested=suggested,
        )
    return draft


def start_draft(framework: Framework, actor: Actor, notes: str = "") -> Framework:
    """A draft of the next version, as a copy of the current one."""
    return create_draft(framework, dump_framework(framework), actor, source="copy", notes=notes)


def import_draft(
    data: BinaryIO, format_name: str, actor: Actor, *, slug: str | None = None
) -> Framework:
    """A newer edition of an existing framework read from a file: checked like any import
    (every problem reported, nothing written), then loaded as that framework's draft."""
    spec = exchange.read_spec(data, format_name, slug)
    framework = Framework.objects.filter(slug=spec.slug).first()
    if framework is None:
        raise ImportRefused(
            f"there is no framework {spec.slug!r} to add a version to: import it as a new framework"
        )
    try:
        return create_draft(framework, spec, actor, source=f"file ({format_name})")
    except ValidationError as exc:
        raise ImportRefused("; ".join(exc.messages)) from None


def derive(
    upstream: Framework, slug: str, title: str, actor: Actor, *, version: int | None = None
) -> Framework:
    """Tailoring: a new catalogue framework of the organisation's own, a copy of a published
    version of `upstream` (the current one by default) with a `derivedFrom` link to it. It is
    then edited and published like any framework; its versions page shows what the publisher
    changed since (the upstream diff)."""
    base = published_version(upstream, version)
    if not exchange.SLUG.match(slug) or slug in exchange.RESERVED_SLUGS:
        raise ValidationError(
            {"slug": f"{slug!r} is not a valid slug (lowercase letters, digits, hyphens)"}
        )
    if Framework.everything.filter(slug=slug).exists():
        raise ValidationError({"slug": f"a framework with slug {slug!r} already exists"})
    spec = dump_framework(base)
    spec = replace(
        spec,
        slug=slug,
        title=title or f"{spec.title} (tailored)",
        uuid=None,
        elements=tuple(replace(element, uuid=None) for element in spec.elements),
    )
    with transaction.atomic():
        framework = load_framework(spec).framework
        Framework.everything.filter(pk=framework.pk).update(
            derived_from=upstream, derived_from_edition=base.edition
        )
        framework.refresh_from_db()
        record(
            actor,
            "framework.derive",
            framework,
            slug=slug,
            upstream=upstream.slug,
            upstream_edition=base.edition,
        )
    return framework


def discard_draft(framework: Framework, actor: Actor) -> int:
    """Throw the draft away (its tree and its mapping); the published versions are untouched.
    Returns how many elements went; audited."""
    draft = draft_of(framework)
    if draft is None:
        raise ValidationError({"framework": f"{framework.slug} has no draft"})
    with transaction.atomic():
        _, deleted = Framework.everything.filter(pk=draft.pk).delete()
        elements = deleted.get("frameworks.Element", 0)
        record(
            actor, "framework.draft.discard", framework, edition=draft.edition, elements=elements
        )
    return elements


class OutlineRow(NamedTuple):
    depth: int  # 0 at the top level
    element: Element
    parent: str  # the parent's code; "" at the top level


def outline(draft: Framework) -> list[OutlineRow]:
    """The draft's elements in document order, each with its depth and its parent's code: the
    draft page's tree and the API's reading of the draft (one query)."""
    elements = list(Element.objects.filter(framework=draft).order_by("ordinal"))
    codes = {e.pk: e.code for e in elements}
    depth: dict[int, int] = {}
    for element in elements:
        # Document order puts every parent before its children.
        depth[element.pk] = depth[element.parent_id] + 1 if element.parent_id else 0
    return [OutlineRow(depth[e.pk], e, codes.get(e.parent_id or 0, "")) for e in elements]


def discard_counts(framework: Framework) -> dict[str, int]:
    """What discarding the draft throws away, for the confirmation step: its number, its
    elements and its mapping decisions (confirmed or rejected)."""
    draft = draft_of(framework)
    if draft is None:
        raise ValidationError({"framework": f"{framework.slug} has no draft"})
    return {
        "edition": draft.edition,
        "elements": Element.objects.filter(framework=draft).count(),
        "decisions": links(framework, draft).exclude(status=AssociationStatus.SUGGESTED).count(),
    }
