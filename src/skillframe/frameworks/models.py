"""The catalogue: frameworks, their scales and one element tree per framework."""

from __future__ import annotations

from django.db import models


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

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


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


class ElementKind(models.TextChoices):
    FAMILY = "family", "Skill family"
    GROUP = "group", "Skill group"
    SKILL = "skill", "Skill"
    LEVEL = "level", "Level definition"
    STATEMENT = "statement", "Statement"
    UNIT = "unit", "Standard"
    CRITERION = "performance-criterion", "Performance criterion"
    KNOWLEDGE_SECTION = "knowledge-section", "Knowledge section"
    KNOWLEDGE_ITEM = "knowledge-item", "Knowledge and understanding item"
    SKILL_ITEM = "skill-list-item", "Skills list item"


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
