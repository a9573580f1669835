"""The generic loader: atomic, idempotent, identifiers stable across loads."""

from __future__ import annotations

import pytest

from skillframe.frameworks import loading, staging
from skillframe.frameworks.loading import SpecError, load_framework
from skillframe.frameworks.models import Element, Framework, ScaleLevel
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec, element_uuid

pytestmark = pytest.mark.django_db


def make_spec(*, statement: str = "Does things.", extra: bool = True) -> FrameworkSpec:
    elements = [
        ElementSpec("FAM", "family", None, title="Family"),
        ElementSpec("FAM-S", "skill", "FAM", title="Skill", statement=statement),
        ElementSpec("FAM-S.L1", "level", "FAM-S", title="Level 1", statement="Entry", level=1),
        ElementSpec("FAM-S.L1.1", "statement", "FAM-S.L1", statement="First", level=1),
    ]
    if extra:
        elements.append(ElementSpec("FAM-S.L1.2", "statement", "FAM-S.L1", statement="Second"))
    return FrameworkSpec(
        slug="tiny",
        title="Tiny",
        scale=(ScaleLevelSpec(1, "Entry", "Starts"), ScaleLevelSpec(2, "Practitioner")),
        elements=tuple(elements),
    )


def test_first_load_creates_tree_in_document_order() -> None:
    levels_before = ScaleLevel.objects.count()  # the seed frameworks' own scales
    result = load_framework(make_spec())
    assert (result.created, result.updated, result.deleted) == (5, 0, 0)
    elements = list(Element.objects.filter(framework__slug="tiny"))
    assert [e.code for e in elements] == ["FAM", "FAM-S", "FAM-S.L1", "FAM-S.L1.1", "FAM-S.L1.2"]
    by_code = {e.code: e for e in elements}
    assert by_code["FAM-S.L1.2"].parent == by_code["FAM-S.L1"]
    assert [by_code["FAM-S.L1.1"].position, by_code["FAM-S.L1.2"].position] == [1, 2]
    assert by_code["FAM-S"].uuid == element_uuid("tiny", "FAM-S")
    assert list(
        ScaleLevel.objects.filter(framework__slug="tiny").values_list("number", "name")
    ) == [
        (1, "Entry"),
        (2, "Practitioner"),
    ]
    assert ScaleLevel.objects.count() == levels_before + 2  # and no other level anywhere


def test_reload_is_idempotent_and_keeps_ids() -> None:
    load_framework(make_spec())
    before = dict(Element.objects.values_list("code", "pk"))
    uuids = dict(Element.objects.values_list("code", "uuid"))
    result = load_framework(make_spec())
    assert (result.created, result.updated, result.deleted, result.unchanged) == (0, 0, 0, 5)
    assert dict(Element.objects.values_list("code", "pk")) == before
    assert dict(Element.objects.values_list("code", "uuid")) == uuids


def test_reload_updates_changed_text_and_removes_dropped_elements() -> None:
    load_framework(make_spec())
    skill_pk = Element.objects.get(code="FAM-S").pk
    result = load_framework(make_spec(statement="Does other things.", extra=False))
    assert (result.created, result.updated, result.deleted) == (0, 1, 1)
    skill = Element.objects.get(code="FAM-S")
    assert (skill.pk, skill.statement) == (skill_pk, "Does other things.")
    assert not Element.objects.filter(code="FAM-S.L1.2").exists()


def test_spec_problems_are_all_reported_and_nothing_is_written() -> None:
    bad = FrameworkSpec(
        slug="bad",
        title="Bad",
        elements=(
            ElementSpec("A", "family", None),
            ElementSpec("A", "family", None),
            ElementSpec("B", "skill", "MISSING"),
        ),
    )
    with pytest.raises(SpecError) as caught:
        load_framework(bad)
    message = str(caught.value)
    assert "element 2 ('A'): duplicate code" in message
    assert "element 3 ('B'): parent 'MISSING' is unknown" in message
    assert not Framework.objects.filter(slug="bad").exists()


def test_failure_half_way_rolls_everything_back(monkeypatch: pytest.MonkeyPatch) -> None:
    load_framework(make_spec())

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    # The update pass runs after new elements were inserted: a failure there must undo them too.
    # (It was Element.objects.bulk_update; the switch-over from the stage is now one UPDATE.)
    monkeypatch.setattr(staging.Stage, "_update_changed", explode)
    changed = make_spec(statement="Changed")
    changed = FrameworkSpec(
        **{**changed.__dict__, "elements": (*changed.elements, ElementSpec("NEW", "family", None))}
    )
    with pytest.raises(RuntimeError):
        load_framework(changed)
    assert not Element.objects.filter(code="NEW").exists()
    assert Element.objects.get(code="FAM-S").statement == "Does things."


def test_dump_is_the_inverse_of_load() -> None:
    spec = make_spec()
    load_framework(spec)
    dumped = loading.dump_framework(Framework.objects.get(slug="tiny"))
    assert [
        (e.code, e.kind, e.parent_code, e.title, e.statement, e.level) for e in dumped.elements
    ] == [(e.code, e.kind, e.parent_code, e.title, e.statement, e.level) for e in spec.elements]
    assert dumped.scale == spec.scale
    assert all(e.uuid == element_uuid("tiny", e.code) for e in dumped.elements)
    # Loading the dump under the same slug changes nothing.
    result = load_framework(dumped)
    assert (result.created, result.updated, result.deleted) == (0, 0, 0)


def test_reimport_under_new_slug_gets_its_own_uuids() -> None:
    load_framework(make_spec())
    dumped = loading.dump_framework(Framework.objects.get(slug="tiny"))
    from dataclasses import replace

    copy = load_framework(replace(dumped, slug="tiny-copy")).framework
    assert copy.uuid != Framework.objects.get(slug="tiny").uuid
    copied = dict(Element.objects.filter(framework=copy).values_list("code", "uuid"))
    assert copied["FAM-S"] == element_uuid("tiny-copy", "FAM-S")
    assert len(copied) == 5
