"""Template filters for counts in words: {% load words %}.

{{ n|counted:"skill family" }}      → "5 skill families"
{{ label|lower|noun_for:n }}         → "skill families" (the count written elsewhere)
"""

from __future__ import annotations

from django import template

from skillframe.frameworks import words

register = template.Library()


@register.filter
def counted(count: int | str, noun: str) -> str:
    return words.counted(int(count), str(noun))


@register.filter
def noun_for(noun: str, count: int | str) -> str:
    return words.noun_for(int(count), str(noun))
