"""Who may author frameworks, and what publishing a version carried forward (docs/versions.md).

The versions themselves are frameworks rows (`Framework.edition_of`, `edition`, …) so that the
catalogue can read any of them; the old → new element links are `frameworks.Association` rows
of kind `replacedBy` (suggested, confirmed or rejected, with their method and who decided).
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models

from skillframe.assessments.models import Rating
from skillframe.frameworks.models import Element, Framework


class EditorGrant(models.Model):
    """A role (a group of users) may author one framework, or every framework (`framework`
    empty). The demo gives its "HR framework editors" role to Carol."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="framework_grants")
    framework = models.ForeignKey(
        Framework, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "framework"], name="uniq_editor_grant"),
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(framework__isnull=True),
                name="uniq_editor_grant_all",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.framework or 'every framework'}"


class CarryRule(models.Model):
    """One line of a published version's carry-forward map: what uses (old element, old level)
    moves to (new element, new level). A level is set where a level definition was mapped (the
    skill's rows at that level move); `new_element` empty: not carried (a removed level)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="+")
    edition = models.PositiveIntegerField()  # the version published
    old_element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="+")
    old_level = models.PositiveSmallIntegerField(null=True, blank=True)
    new_element = models.ForeignKey(
        Element, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    new_level = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["old_element", "old_level"])]
        constraints = [
            models.UniqueConstraint(
                fields=["old_element", "old_level"], name="uniq_carry_rule_level"
            ),
            models.UniqueConstraint(
                fields=["old_element"],
                condition=models.Q(old_level__isnull=True),
                name="uniq_carry_rule_element",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.old_element_id}@{self.old_level} -> {self.new_element_id}@{self.new_level}"


class CarriedRating(models.Model):
    """Provenance of a rating written by publishing a version: a new append-only row (`rating`)
    carrying `from_rating` of `from_element` in version `from_edition`. Neither is ever edited."""

    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, related_name="carried")
    from_rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="+")
    from_element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    from_edition = models.PositiveIntegerField()
    carried_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"rating {self.rating_id} carried from v{self.from_edition} {self.from_rating_id}"
