"""Catalogue pages: thin views over catalogue.py and search.py."""

from __future__ import annotations

from itertools import pairwise

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString, mark_safe

from skillframe.frameworks import catalogue, prose, versions
from skillframe.frameworks.access import catalogue_reader
from skillframe.frameworks.associations import Association, AssociationStatus
from skillframe.frameworks.exchange_views import FORMAT_LABELS
from skillframe.frameworks.formats.moodle_load import description_html
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.search import search
from skillframe.http import HtmxHttpRequest
from skillframe.inputs import PAGE_OFFSET_MAX

KIND_LABELS = dict(ElementKind.choices())


def _kind_counts(counts: dict[str, int]) -> list[tuple[str, int]]:
    order = {kind: index for index, kind in enumerate(KIND_LABELS)}
    return [
        (KIND_LABELS.get(kind, kind), n)
        for kind, n in sorted(counts.items(), key=lambda p: (order.get(p[0], len(order)), p[0]))
    ]


@catalogue_reader
def home(request: HttpRequest) -> HttpResponse:
    # The list shows titles and counts: long texts stay in the database (a 50 MB description
    # was read by every request to the home page).
    frameworks = list(Framework.objects.defer("description", "licence_note", "metadata"))
    counts = Framework.objects.all().element_counts()
    rows = [
        {
            "framework": framework,
            "counts": _kind_counts(counts.get(framework.pk, {})),
            "total": sum(counts.get(framework.pk, {}).values()),
        }
        for framework in frameworks
    ]
    return render(request, "frameworks/home.html", {"rows": rows})


@catalogue_reader
def framework_detail(request: HttpRequest, slug: str) -> HttpResponse:
    framework = versions.shown_version(request, get_object_or_404(Framework, slug=slug))
    nodes = catalogue.outline(framework)
    counts = Framework.everything.filter(pk=framework.pk).element_counts().get(framework.pk, {})
    context = {
        **versions.version_context(request, framework),
        "framework": framework,
        "introduction": prose.blocks(framework.description),
        "nodes": nodes,
        "counts": _kind_counts(counts),
        "scale": list(framework.scale_levels.all()),
        "kind_labels": KIND_LABELS,
        "formats": list(FORMAT_LABELS.items()),
    }
    return render(request, "frameworks/framework.html", context)


def _confirmed_links(element: Element) -> list[tuple[str, Element, Association]]:
    """Confirmed (or imported) associations touching `element` (crosswalks and the like):
    (label, other end, link); a suggested or rejected link is never shown as if it held."""
    links = (
        Association.objects.filter(
            status__in=(AssociationStatus.CONFIRMED, AssociationStatus.IMPORTED)
        )
        .filter(Q(origin=element) | Q(destination=element))
        .select_related("origin__framework", "destination__framework")
        .order_by("kind", "pk")
    )
    return [
        (
            link.get_kind_display(),
            link.destination if link.origin_id == element.pk else link.origin,
            link,
        )
        for link in links
    ]


@catalogue_reader
def element_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    if "version" in request.GET:  # an older version's permalink (docs/versions.md)
        framework = versions.shown_version(request, get_object_or_404(Framework, slug=slug))
        element = get_object_or_404(
            Element.objects.select_related("parent"), framework=framework, code=code
        )
        element.framework = framework  # the version shown, under its catalogue slug (links)
    else:
        element = get_object_or_404(
            Element.objects.select_related("framework", "parent"), framework__slug=slug, code=code
        )
        framework = element.framework
    context: dict[str, object] = {
        **versions.version_context(request, framework),
        "framework": framework,
        "element": element,
        "ancestors": catalogue.ancestors(element),
        "kind_label": KIND_LABELS.get(element.kind, element.kind),
        # An AXELOS "You can" statement: the skill's level grid shows it in context.
        "in_level_grid": element.parent is not None and element.parent.kind == ElementKind.LEVEL,
        "description_html": _description_html(element),
        "links": _confirmed_links(element),
    }
    if element.kind == ElementKind.SKILL:
        grid = catalogue.level_grid(element)
        defined = [cell.scale.number for cell in grid if cell.definition is not None]
        context |= {
            "grid": grid,
            "comparable": [(a, b) for a, b in pairwise(defined) if b == a + 1],
        }
        return render(request, "frameworks/skill.html", context)
    children = catalogue.subtree(element)
    direct = children.get(element.pk, [])
    if element.kind == ElementKind.UNIT:
        context |= {
            "criteria": [c for c in direct if c.kind == ElementKind.CRITERION],
            "sections": _knowledge_sections(direct, children),
            "skills": [c for c in direct if c.kind == ElementKind.SKILL_ITEM],
        }
        return render(request, "frameworks/unit.html", context)
    context["rows"] = _flatten(children, element.pk, 0)
    return render(request, "frameworks/element.html", context)


def _description_html(element: Element) -> SafeString | None:
    """A Moodle HTML description, sanitised by nh3 (again, at display: whatever reached the
    database, only ammonia's allow-list is marked safe)."""
    html = description_html(element.metadata, element.statement)
    return mark_safe(html) if html else None


def _knowledge_sections(
    direct: list[Element], children: dict[int | None, list[Element]]
) -> list[tuple[Element | None, list[Element]]]:
    """A unit's knowledge, by section; items with no section of their own (a unit whose source
    has no section headings, INSML011) come first, under no sub-heading."""
    sections: list[tuple[Element | None, list[Element]]] = [
        (section, children.get(section.pk, []))
        for section in direct
        if section.kind == ElementKind.KNOWLEDGE_SECTION
    ]
    loose = [child for child in direct if child.kind == ElementKind.KNOWLEDGE_ITEM]
    return [(None, loose), *sections] if loose else sections


def _flatten(
    children: dict[int | None, list[Element]], parent: int, depth: int
) -> list[tuple[int, Element]]:
    rows: list[tuple[int, Element]] = []
    for child in children.get(parent, []):
        rows.append((depth, child))
        rows.extend(_flatten(children, child.pk, depth + 1))
    return rows


@catalogue_reader
def compare_levels(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    skill = get_object_or_404(
        Element.objects.select_related("framework"),
        framework__slug=slug,
        code=code,
        kind=ElementKind.SKILL,
    )
    try:
        lower = int(request.GET.get("lower", ""))
        higher = int(request.GET.get("higher", lower + 1))
    except ValueError:
        raise Http404("lower and higher must be level numbers, e.g. ?lower=3&higher=4") from None
    try:
        comparison = catalogue.compare_levels(skill, lower, higher)
    except catalogue.CompareError as exc:
        raise Http404(str(exc)) from None
    context = {
        "framework": skill.framework,
        "element": skill,
        "ancestors": catalogue.ancestors(skill),
        "comparison": comparison,
    }
    return render(request, "frameworks/compare.html", context)


@catalogue_reader
def search_page(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    framework = request.GET.get("framework") or None
    kind = request.GET.get("kind") or None
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    per_page = 20
    # Bounded like every offset (skillframe.inputs): page 10**30 was a 500.
    page = max(1, min(page, PAGE_OFFSET_MAX // per_page))
    results = (
        search(
            query,
            framework=framework,
            kinds=[kind] if kind else None,
            limit=per_page,
            offset=(page - 1) * per_page,
        )
        if query
        else None
    )
    context = {
        "query": query,
        "results": results,
        "framework_filter": framework,
        "kind_filter": kind,
        "frameworks": Framework.objects.all(),
        "kinds": ElementKind.choices(),
        "kind_labels": KIND_LABELS,
        "page": page,
        "has_next": bool(results and results.total > page * per_page),
    }
    template = "frameworks/search.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)
