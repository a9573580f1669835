"""The association table's own rules: no self-links, one row per (origin, destination, kind)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from skillframe.frameworks.models import Association, Element


@pytest.mark.django_db
def test_cross_framework_link_is_stored_with_provenance(seeded: Any) -> None:
    skill = Element.objects.get(framework__slug="axelos", code="PPM-PPL")
    unit = Element.objects.get(framework__slug="nos-ml", code="INSML001")
    link = Association.objects.create(
        kind="isRelatedTo", origin=skill, destination=unit, status="suggested", score=0.7
    )
    assert list(skill.associations_out.all()) == [link]
    assert list(unit.associations_in.all()) == [link]
    with pytest.raises(IntegrityError), transaction.atomic():
        Association.objects.create(
            kind="isRelatedTo", origin=skill, destination=unit, status="confirmed"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Association.objects.create(
            kind="isRelatedTo", origin=skill, destination=skill, status="confirmed"
        )
