"""Publish a draft: the next version of its framework, with everything carried forward.

In one transaction (docs/versions.md):
1. the carry map (`CarryRule`) is built from the confirmed `replacedBy` links: an old element's
   rows go to its new element; a mapped level definition's skill-at-that-level rows go to the new
   level's skill and level; an unmapped removed level's are not carried;
2. role requirements and plan objectives move to the new elements (UPDATEs);
3. ratings are carried as NEW rows (one INSERT … SELECT of the newest rating per person, element
   and source), each with its provenance (`CarriedRating`, one more INSERT … SELECT); the old
   rows are never changed and stay in history on the old version's elements;
4. evidence mappings (`evidence.EvidenceLink`) and crosswalk links move to the new elements
   (submissions, judgements and sign-offs are records of what was assessed: they stay);
5. the current version's tree moves to an archive row (`<slug>--v<n>`), the draft's tree into the
   catalogue framework, which takes the draft's details and the new version number;
6. an audit event `framework.publish` records the counts.
A fixed number of queries whatever the number of ratings (tests/authoring/test_publish.py).
Refused, changing nothing, while a suggestion is undecided or a requirement or objective would
be left on a removed element without a mapping.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from skillframe.assessments.models import Rating
from skillframe.audit.models import record
from skillframe.authoring.mapping import links, undecided
from skillframe.authoring.models import CarriedRating, CarryRule
from skillframe.development.models import Objective
from skillframe.evidence.models import EvidenceLink
from skillframe.frameworks.associations import Association, AssociationKind, AssociationStatus
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import EditionStatus, Element, Framework, ScaleLevel
from skillframe.frameworks.spec import framework_uuid
from skillframe.people.models import RoleRequirement

Rule = tuple[int | None, int | None]  # (new element id or None: not carried, new level)


@dataclass(frozen=True)
class PublishResult:
    framework: Framework
    edition: int
    ratings: int
    requirements: int
    objectives: int
    crosswalks: int
    evidence: int


def carry_rules(
    framework: Framework, draft: Framework, *, suggested: bool = False
) -> dict[tuple[int, int | None], Rule]:
    """{(old element, old level or None): (new element or None, new level or None)} from the
    confirmed links (and the suggested ones too with `suggested`: what confirming would give)."""
    statuses = [AssociationStatus.CONFIRMED]
    if suggested:
        statuses.append(AssociationStatus.SUGGESTED)
    confirmed = dict(
        links(framework, draft)
        .filter(status__in=statuses)
        .values_list("origin_id", "destination_id")
    )
    fields = ("pk", "kind", "parent_id", "level")
    old = {row[0]: row for row in Element.objects.filter(framework=framework).values_list(*fields)}
    new = {row[0]: row for row in Element.objects.filter(framework=draft).values_list(*fields)}
    rules: dict[tuple[int, int | None], Rule] = {}
    for origin, destination in confirmed.items():
        rules[(origin, None)] = (destination, None)
    for pk, kind, parent_id, level in old.values():
        if kind != ElementKind.LEVEL or level is None or parent_id is None:
            continue
        target = confirmed.get(pk)
        if target is None:
            rules[(parent_id, level)] = (None, None)  # a removed level: its rows stay behind
            continue
        _, new_kind, new_parent, new_level = new[target]
        if new_kind == ElementKind.LEVEL and new_level is not None and new_parent is not None:
            rules[(parent_id, level)] = (new_parent, new_level)
    return rules


def _resolve(
    rules: dict[tuple[int, int | None], Rule], element_id: int, level: int | None
) -> int | None:
    rule = rules.get((element_id, level)) if level is not None else None
    if rule is None:
        rule = rules.get((element_id, None))
    return None if rule is None else rule[0]


def blockers(framework: Framework, draft: Framework) -> list[str]:
    """Why publishing is refused now (empty: it may go ahead), each naming what to do."""
    problems = []
    pending = undecided(framework, draft)
    if pending:
        problems.append(f"{pending} suggested mapping(s) are undecided: confirm or reject them")
    # Rows stranded even once the suggestions are confirmed: those need a mapping of their own.
    rules = carry_rules(framework, draft, suggested=True)
    for model, name in ((RoleRequirement, "role requirement"), (Objective, "plan objective")):
        stranded: dict[str, int] = {}
        rows = model.objects.filter(element__framework=framework).values_list(
            "element_id", "element__code", "target_level"
        )
        for element_id, code, level in rows:
            if _resolve(rules, element_id, level) is None:
                label = f"{code} level {level}" if level is not None else code
                stranded[label] = stranded.get(label, 0) + 1
        for label, n in sorted(stranded.items()):
            problems.append(
                f"{n} {name}(s) use {label}, which the draft removes without a mapping: map it"
            )
    return problems


def _level_rule(column: str, level_column: str):  # type: ignore[no-untyped-def]
    return CarryRule.objects.filter(
        old_element_id=OuterRef(column), old_level=OuterRef(level_column)
    )


def _generic_rule(column: str):  # type: ignore[no-untyped-def]
    return CarryRule.objects.filter(
        old_element_id=OuterRef(column), old_level__isnull=True, new_element__isnull=False
    )


def _move_rows(model: type[RoleRequirement] | type[Objective], framework: Framework) -> int:
    """Point the requirements (or objectives) of the old version at the new elements: two
    UPDATEs, level-specific rules first."""
    rows = model.objects.filter(element__framework=framework)
    level_rule = _level_rule("element_id", "target_level").filter(new_element__isnull=False)
    moved: int = rows.filter(Exists(level_rule)).update(
        element_id=Subquery(level_rule.values("new_element_id")[:1]),
        target_level=Coalesce(Subquery(level_rule.values("new_level")[:1]), F("target_level")),
    )
    generic = _generic_rule("element_id")
    moved += (
        model.objects.filter(element__framework=framework)
        .filter(~Exists(_level_rule("element_id", "target_level")), Exists(generic))
        .update(element_id=Subquery(generic.values("new_element_id")[:1]))
    )
    return moved


def _carry_ratings(framework: Framework, draft: Framework, edition: int) -> int:
    """New rating rows for the newest rating per (person, element, source) of the old version,
    on the new elements, and their provenance: three statements whatever their number."""
    rating, rule = Rating._meta.db_table, CarryRule._meta.db_table
    element, carried = Element._meta.db_table, CarriedRating._meta.db_table
    latest_sql, latest_params = (
        Rating.objects.filter(element__framework=framework).latest_per_source().values("pk")
    ).query.sql_with_params()
    source = (
        f" FROM {rating} r"
        f" LEFT JOIN {rule} lr ON lr.old_element_id = r.element_id AND lr.old_level = r.level"
        f" LEFT JOIN {rule} gr ON gr.old_element_id = r.element_id AND gr.old_level IS NULL"
        f" WHERE r.id IN ({latest_sql})"
        " AND ((lr.id IS NOT NULL AND lr.new_element_id IS NOT NULL)"
        " OR (lr.id IS NULL AND gr.new_element_id IS NOT NULL))"
    )
    columns = (
        "person_id, element_id, level, competence, source, rater_id, comment, confidence,"
        " statements_met, cycle_id, assessment_id, next_review_on, created_at"
    )
    values = (
        "r.person_id, COALESCE(lr.new_element_id, gr.new_element_id),"
        " COALESCE(lr.new_level, r.level), r.competence, r.source, r.rater_id, r.comment,"
        " r.confidence, r.statements_met, r.cycle_id, r.assessment_id, r.next_review_on,"
        " r.created_at"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {rating}")
        (before,) = cursor.fetchone()
        # Ordered by the old row's id, so the new rows' ids come in the same order: the
        # provenance below pairs them by rank.
        cursor.execute(
            f"INSERT INTO {rating} ({columns}) SELECT {values}{source} ORDER BY r.id",
            latest_params,
        )
        inserted = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {carried} (rating_id, from_rating_id, from_element_id, from_edition,"
            " carried_at)"
            " SELECT n.id, o.id, o.element_id, %s, %s FROM"
            f" (SELECT r.id, r.element_id, ROW_NUMBER() OVER (ORDER BY r.id) AS rn{source}) o"
            " JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rn"
            f" FROM {rating} WHERE id > %s AND element_id IN"
            f" (SELECT id FROM {element} WHERE framework_id = %s)) n ON n.rn = o.rn",
            [edition, timezone.now(), *latest_params, before, draft.pk],
        )
    return int(inserted)


def _move_evidence(framework: Framework) -> int:
    generic = _generic_rule("element_id")
    moved: int = (
        EvidenceLink.objects.filter(element__framework=framework)
        .filter(Exists(generic))
        .update(element_id=Subquery(generic.values("new_element_id")[:1]))
    )
    return moved


def _move_crosswalks(framework: Framework) -> int:
    moved = 0
    crosswalks = Association.objects.exclude(kind=AssociationKind.REPLACED_BY)
    for column in ("origin_id", "destination_id"):
        generic = _generic_rule(column)
        moved += (
            crosswalks.filter(**{f"{column[:-3]}__framework": framework})
            .filter(Exists(generic))
            .update(**{column: Subquery(generic.values("new_element_id")[:1])})
        )
    return moved


def _switch(framework: Framework, draft: Framework, notes: str) -> Framework:
    """The current tree into an archive row, the draft's into the catalogue framework."""
    previous = framework.edition
    archive_slug = f"{framework.slug}--v{previous}"
    archive = Framework.everything.create(
        slug=archive_slug,
        uuid=framework_uuid(archive_slug),
        title=framework.title,
        publisher=framework.publisher,
        version=framework.version,
        published=framework.published,
        language=framework.language,
        description=framework.description,
        source=framework.source,
        licence_note=framework.licence_note,
        metadata=framework.metadata,
        edition_of=framework,
        edition=previous,
        edition_status=EditionStatus.PUBLISHED,
        edition_notes=framework.edition_notes,
        edition_published_at=framework.edition_published_at or framework.created_at,
        derived_from=framework.derived_from,
        derived_from_edition=framework.derived_from_edition,
    )
    Element.objects.filter(framework=framework).update(framework=archive)
    ScaleLevel.objects.filter(framework=framework).update(framework=archive)
    Element.objects.filter(framework=draft).update(framework=framework)
    ScaleLevel.objects.filter(framework=draft).update(framework=framework)
    for name in (
        "title",
        "publisher",
        "version",
        "published",
        "language",
        "description",
        "source",
        "licence_note",
        "metadata",
        "derived_from_id",
        "derived_from_edition",
    ):
        setattr(framework, name, getattr(draft, name))
    framework.edition = draft.edition
    framework.edition_notes = notes or draft.edition_notes
    framework.edition_published_at = timezone.now()
    Framework.everything.filter(pk=draft.pk).delete()
    framework.save()  # also its updated_at: the CASE provider's index is rebuilt
    return archive


def publish(
    framework: Framework, draft: Framework, actor: User | AnonymousUser | None, notes: str = ""
) -> PublishResult:
    """Publish `draft` as the next version of `framework` (see the module's docstring)."""
    if draft.edition_of_id != framework.pk or draft.edition_status != EditionStatus.DRAFT:
        raise ValidationError({"framework": f"that is not the draft of {framework.slug}"})
    with transaction.atomic():
        Framework.everything.select_for_update().filter(pk=framework.pk).first()
        problems = blockers(framework, draft)
        if problems:
            raise ValidationError({"draft": problems})
        edition = draft.edition
        CarryRule.objects.bulk_create(
            CarryRule(
                framework=framework,
                edition=edition,
                old_element_id=old,
                old_level=level,
                new_element_id=new,
                new_level=new_level,
            )
            for (old, level), (new, new_level) in carry_rules(framework, draft).items()
        )
        try:
            with transaction.atomic():
                requirements = _move_rows(RoleRequirement, framework)
                objectives = _move_rows(Objective, framework)
                crosswalks = _move_crosswalks(framework)
                evidence = _move_evidence(framework)
        except IntegrityError:
            raise ValidationError(
                {
                    "draft": "two old elements mapped to one new element would give a role the "
                    "same requirement (or a piece of evidence the same mapping) twice: map them "
                    "to different elements, or remove one first"
                }
            ) from None
        ratings = _carry_ratings(framework, draft, framework.edition)
        previous = framework.edition
        _switch(framework, draft, notes)
        record(
            actor,
            "framework.publish",
            framework,
            slug=framework.slug,
            edition=edition,
            previous=previous,
            ratings_carried=ratings,
            requirements_moved=requirements,
            objectives_moved=objectives,
            crosswalks_moved=crosswalks,
            evidence_mappings_moved=evidence,
            notes=framework.edition_notes,
        )
    return PublishResult(
        framework, edition, ratings, requirements, objectives, crosswalks, evidence
    )
