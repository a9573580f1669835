"""Template helpers for the insights pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def lookup(mapping: dict[Any, Any], key: Any) -> Any:
    """`items|lookup:item_id` — the value for a key (templates cannot index by variable)."""
    return mapping.get(key) if mapping else None


@register.filter
def percent(share: float | None) -> str:
    """0.4255 → "43%"."""
    return "—" if share is None else f"{round(share * 100)}%"
