"""Plain-text rendering of a framework or one element's subtree (used by the CLI)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element, Framework

_LABELS = dict(ElementKind.choices())
_WIDTH = 100


def _wrap(text: str, indent: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        lines.extend(
            textwrap.wrap(paragraph, _WIDTH, initial_indent=indent, subsequent_indent=indent)
            or [indent]
        )
    return lines


def framework_lines(framework: Framework) -> Iterator[str]:
    """The framework's header, scale and its top two tree levels."""
    yield f"{framework.title} [{framework.slug}]"
    yield (
        f"Publisher: {framework.publisher}  Version: {framework.version}"
        f"  Published: {framework.published}"
    )
    if framework.description:
        yield ""
        yield from _wrap(framework.description, "")
    levels = list(framework.scale_levels.all())
    if levels:
        yield ""
        yield "Scale:"
        for level in levels:
            yield from _wrap(f"{level.number} {level.name}: {level.description}", "  ")
    yield ""
    elements = Element.objects.filter(framework=framework, parent__isnull=True)
    for element in elements.prefetch_related("children"):
        yield f"{element.code}  {element.label}"
        for child in element.children.all():
            yield f"  {child.code}  {child.label}"


def element_lines(element: Element) -> Iterator[str]:
    """The element and its whole subtree, in document order, with every text and metadata field."""
    descendants = _subtree(element)
    children: dict[int | None, list[Element]] = {}
    for node in descendants:
        children.setdefault(node.parent_id, []).append(node)

    def walk(node: Element, depth: int) -> Iterator[str]:
        indent = "  " * depth
        kind = _LABELS.get(node.kind, node.kind)
        heading = f"{indent}{node.code}  [{kind}]"
        if node.title:
            heading += f"  {node.title}"
        yield heading
        if node.statement:
            yield from _wrap(node.statement, indent + "    ")
        yield from _metadata_lines(node, indent + "    ")
        for child in children.get(node.pk, []):
            yield from walk(child, depth + 1)

    yield from walk(element, 0)


def _metadata_lines(element: Element, indent: str) -> Iterator[str]:
    fields = element.metadata.get("fields")
    if fields:  # NOS: print the source's own labels and values, in its order
        for label, value in fields:
            yield f"{indent}{label}: {value}"
        return
    for key, value in element.metadata.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        yield f"{indent}{key.replace('_', ' ')}: {shown}"


def _subtree(root: Element) -> list[Element]:
    """Root and all descendants in document order, from one query over the framework."""
    everything = list(Element.objects.filter(framework_id=root.framework_id).order_by("ordinal"))
    keep = {root.pk}
    result = [root]
    for node in everything:
        if node.parent_id in keep:
            keep.add(node.pk)
            result.append(node)
    return result
