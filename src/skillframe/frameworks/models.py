"""The catalogue: frameworks, their scales and one element tree per framework.

`ElementKind` (kinds.py) names the element kinds; `Element.objects` knows what a NOS unit's
items are (`items_of`) and finds an element by (framework, code) (`find`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper

from skillframe.frameworks.kinds import UNIT_ITEM_KINDS, ElementKind


class FrameworkQuerySet(models.QuerySet["Framework"]):
    def element_counts(self) -> dict[int, dict[str, int]]:
        """{framework id: {element kind: count}} for these frameworks, in one query."""
        counts: dict[int, dict[str, int]] = {}
        rows = (
            Element.objects.filter(framework__in=self)
            .values_list("framework_id", "kind")
            .annotate(n=models.Count("id"))
            .order_by()
        )
        for framework_id, kind, n in rows:
            counts.setdefault(framework_id, {})[kind] = n
        return counts


_CatalogueManagerBase = models.Manager.from_queryset(FrameworkQuerySet)


class CatalogueManager(_CatalogueManagerBase["Framework"]):
    """The catalogue: frameworks as people know them, each at its current published version.

    The trees of drafts and of older versions are Framework rows too (docs/versions.md), marked
    by `edition_of`; they are left out here so that every page, lookup and command that lists or
    finds frameworks keeps seeing exactly one row per framework. `Framework.editions` sees all.
    """

    def get_queryset(self) -> FrameworkQuerySet:
        return FrameworkQuerySet(self.model, using=self._db).filter(edition_of__isnull=True)


class EditionStatus(models.TextChoices):
    PUBLISHED = "published", "Published"
    DRAFT = "draft", "Draft"


class Framework(models.Model):
    slug = models.SlugField(max_length=64, unique=True)
    uuid = models.UUIDField(unique=True)  # stable (uuid5 of the slug), used as the CASE identifier
    title = models.CharField(max_length=255)
    publisher = models.CharField(max_length=255, blank=True)
    version = models.CharField(max_length=64, blank=True)
    published = models.CharField(max_length=64, blank=True)  # as the source states it
    language = models.CharField(max_length=16, default="en")
    description = models.TextField(blank=True)
    source = models.CharField(max_length=255, blank=True)  # where the content came from
    licence_note = models.TextField(blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Versions (docs/versions.md). A catalogue framework (edition_of empty) holds its current
    # published version's tree; a draft or an older published version is a hidden row whose
    # `edition_of` is the catalogue framework, so each version has its own element tree.
    edition_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="editions"
    )
    edition = models.PositiveIntegerField(default=1)  # the version number this row holds
    edition_status = models.CharField(
        max_length=16, choices=EditionStatus.choices, default=EditionStatus.PUBLISHED
    )
    edition_notes = models.TextField(blank=True)
    edition_published_at = models.DateTimeField(null=True, blank=True)
    # Tailoring: this framework extends that one (at `derived_from_edition`); CASE derivedFrom.
    derived_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="derivatives"
    )
    derived_from_edition = models.PositiveIntegerField(null=True, blank=True)

    objects = CatalogueManager()
    everything = FrameworkQuerySet.as_manager()  # catalogue rows and version trees alike

    class Meta:
        ordering = ["title"]
        base_manager_name = "everything"
        constraints = [
            models.UniqueConstraint(
                fields=["edition_of", "edition"], name="uniq_framework_edition"
            ),
            models.UniqueConstraint(
                fields=["edition_of"],
                condition=models.Q(edition_status="draft"),
                name="one_draft_per_framework",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def lineage(self) -> Framework:
        """The catalogue framework this row is a version of (itself for a catalogue row)."""
        return self.edition_of if self.edition_of_id is not None else self  # type: ignore[return-value]


class ScaleLevel(models.Model):
    """One ordered level of a framework's proficiency scale (AXELOS: 1 Entry … 5 Executive)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="scale_levels")
    uuid = models.UUIDField(unique=True)
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="uniq_scale_level_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class ElementLookupError(ValidationError):
    """A code that names no element, or several: a ValidationError on `field` ("element" or
    "framework"), so the domain and the API pass it on as it is; `str()` is the message alone,
    for forms and importers that put it on their own field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__({field: message})
        self.field = field
        self.text = message

    def __str__(self) -> str:
        return self.text


def choose_element(
    code: str,
    framework: str | None,
    candidates: list[Element],
    known_frameworks: Iterable[str],
) -> Element:
    """The one element `code` (optionally in `framework`) names among `candidates`.

    Codes are unique within a framework only, so a code found in two frameworks needs the
    framework. An exact-case match wins over a match that differs only in case.
    """
    code = code.strip()
    framework = (framework or "").strip() or None
    if not code:
        raise ElementLookupError("element", "give the code of an element, e.g. PPM-PPL")
    if framework is not None and framework not in set(known_frameworks):
        raise ElementLookupError("framework", f"there is no framework {framework!r}")
    if framework is not None:
        candidates = [e for e in candidates if e.framework.slug == framework]
    exact = [e for e in candidates if e.code == code]
    candidates = exact or candidates
    if not candidates:
        where = f"framework {framework}" if framework else "any framework"
        raise ElementLookupError("element", f"no element has the code {code!r} in {where}")
    if len(candidates) > 1:
        slugs = ", ".join(sorted(e.framework.slug for e in candidates))
        raise ElementLookupError(
            "element", f"{code} exists in several frameworks ({slugs}): choose the framework"
        )
    return candidates[0]


class ElementQuerySet(models.QuerySet["Element"]):
    def by_codes(self, codes: Iterable[str]) -> dict[str, list[Element]]:
        """{upper-cased code: elements with that code in any framework}, in one query."""
        wanted = {code.strip().upper() for code in codes if code.strip()}
        found: dict[str, list[Element]] = {}
        if not wanted:
            return found
        rows = (
            self.annotate(ucode=Upper("code"))
            # Codes name elements of the catalogue, never of drafts or older versions.
            .filter(ucode__in=wanted, framework__edition_of__isnull=True)
            .select_related("framework")
            .order_by("framework__slug", "code")
        )
        for element in rows:
            found.setdefault(element.code.upper(), []).append(element)
        return found

    def find(self, code: str, framework: str | None = None) -> Element:
        """The element a person or a client names by code, optionally in a framework (slug):
        THE lookup by (framework, code). Raises ElementLookupError saying which field is wrong
        (see `choose_element`); two queries at most."""
        candidates = self.by_codes([code]).get(code.strip().upper(), [])
        known = Framework.objects.values_list("slug", flat=True) if framework else []
        return choose_element(code, framework, candidates, known)

    def items_of(self, unit_ids: Iterable[int]) -> ElementQuerySet:
        """The items (`UNIT_ITEM_KINDS`) of these NOS units, in document order: the criteria
        below each unit and the knowledge items in its knowledge sections."""
        ids = set(unit_ids)
        below = models.Q(parent_id__in=ids) | models.Q(parent__parent_id__in=ids)
        return self.filter(below, kind__in=UNIT_ITEM_KINDS).order_by("ordinal")

    def item_ids_by_unit(self, unit_ids: Iterable[int]) -> dict[int, list[int]]:
        """{unit id: its item ids in document order} for the units with items (one query; none
        for no units). Other elements (an AXELOS skill) have no items and are left out."""
        ids = set(unit_ids)
        found: dict[int, list[int]] = {}
        if not ids:
            return found
        rows = self.items_of(ids).values_list("pk", "parent_id", "parent__parent_id")
        for pk, parent_id, grandparent_id in rows:
            owner = parent_id if parent_id in ids else grandparent_id
            if owner is not None:  # never None: the filter matched the parent or the grandparent
                found.setdefault(owner, []).append(pk)
        return found

    def defined_levels(self, element_ids: Iterable[int]) -> dict[int, set[int]]:
        """{element id: the scale levels its level definitions (`ElementKind.LEVEL` children)
        define}, for the elements that have any: an AXELOS skill is defined at some levels of
        its framework's scale only (PPM-PPL: 2, 3, 4). Elements without level definitions are
        left out (any level of the scale applies). One query; none for no ids."""
        ids = set(element_ids)
        found: dict[int, set[int]] = {}
        if not ids:
            return found
        rows = self.filter(
            parent_id__in=ids, kind=ElementKind.LEVEL, level__isnull=False
        ).values_list("parent_id", "level")
        for parent_id, level in rows:
            if parent_id is not None and level is not None:  # always: the filter says so
                found.setdefault(parent_id, set()).add(level)
        return found


class Element(models.Model):
    """A node of a framework tree; `code` is its public, stable identifier within the framework."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="elements")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    uuid = models.UUIDField(unique=True)  # stable (uuid5 of framework slug + code)
    # Kinds are open-ended (imported frameworks bring their own); ElementKind lists ours.
    kind = models.CharField(max_length=64)
    code = models.CharField(max_length=128)
    title = models.CharField(max_length=500, blank=True)
    statement = models.TextField(blank=True)
    position = models.PositiveIntegerField()  # order among siblings, from 1
    ordinal = models.PositiveIntegerField()  # order in the whole framework (document order)
    level = models.PositiveSmallIntegerField(null=True, blank=True)  # scale level, for level defs
    metadata = models.JSONField(default=dict, blank=True)
    # When the loader last created or changed it: CASE lastChangeDateTime of its item.
    updated_at = models.DateTimeField(auto_now=True)

    objects = ElementQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="uniq_element_code"),
        ]
        indexes = [
            models.Index(fields=["framework", "kind"]),
            models.Index(fields=["parent", "position"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    @property
    def short_code(self) -> str:
        """The last part of the code: "P12" for INSML001.P12, "L3" for PPM-BCD.L3."""
        return self.code.rsplit(".", 1)[-1]

    @property
    def label(self) -> str:
        """A human label whatever the kind: the title, else the start of the statement."""
        if self.title:
            return self.title
        text = self.statement
        return text if len(text) <= 80 else text[:79].rstrip() + "…"

    def owning_unit(self) -> Element | None:
        """The NOS unit this element is part of: itself, or the nearest unit above it (an item's
        parent or grandparent, see `UNIT_ITEM_KINDS`); None outside NOS units. Walks `parent`:
        load it with select_related("parent__parent") to walk without queries."""
        node: Element | None = self
        while node is not None and node.kind != ElementKind.UNIT:
            node = node.parent
        return node


# Modules holding more catalogue models; imported so Django registers them.
from skillframe.frameworks.associations import Association as Association  # noqa: E402
from skillframe.frameworks.case_records import CaseIndex as CaseIndex  # noqa: E402
from skillframe.frameworks.case_records import CaseRecord as CaseRecord  # noqa: E402
