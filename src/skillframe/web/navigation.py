"""The main navigation: grouped menus showing only what the signed-in user can use.

Groups (Catalogue · Me · Team · Organisation · Admin) and the account menu are built here,
once, from URL names, so base.html only draws them. Who sees a group follows the access rule's
own questions (manages someone, administers a unit, may import frameworks), asked lazily in one
query when a page draws the navigation. The current page is marked with `aria-current`,
its group as the current section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Permission, User
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from skillframe.people.models import Person
from skillframe.people.querysets import is_active_superuser
from skillframe.quality.models import Assurer


@dataclass(frozen=True)
class Item:
    label: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    items: tuple[Item, ...]
    flat: bool = False  # plain links in the bar, not a menu

    @property
    def current(self) -> bool:
        return any(item.current for item in self.items)


@dataclass(frozen=True)
class Navigation:
    groups: tuple[Group, ...]
    account: Group | None


def _items(path: str, entries: list[tuple[str, str]]) -> tuple[Item, ...]:
    items = []
    for label, name in entries:
        url = reverse(name)
        items.append(Item(label, url, current=path == url))
    return tuple(items)


FLAGS = ("has_person", "manager", "hr", "importer", "assurer", "assessor")


def _flags(user: User) -> dict[str, bool]:
    """Whether the user has a person record, manages someone, is an HR admin, may import
    frameworks, is an internal quality assurer, assesses learners: one query (a superuser is
    HR admin and importer whatever the rows say)."""
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            has_person=Exists(Person.objects.filter(user_id=OuterRef("pk"))),
            manager=Exists(Person.objects.filter(manager__user_id=OuterRef("pk"))),
            hr=Exists(Person.hr_units.through.objects.filter(person__user_id=OuterRef("pk"))),
            assurer=Exists(Assurer.objects.filter(person__user_id=OuterRef("pk"))),
            assessor=Exists(
                Person.learners.through.objects.filter(from_person__user_id=OuterRef("pk"))
            ),
            # Django's ModelBackend rule for has_perm, without its two extra queries.
            importer=Exists(
                Permission.objects.filter(
                    Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")),
                    codename="add_framework",
                    content_type__app_label="frameworks",
                )
            ),
        )
        .values(*FLAGS)
        .first()
    )
    flags = {key: bool(row and row[key]) for key in FLAGS}
    if is_active_superuser(user):
        flags |= {"hr": True, "importer": True}
    return flags


def build(request: HttpRequest) -> Navigation:
    """The navigation for this request's user (anonymous visitors: the catalogue only)."""
    path = request.path
    user = getattr(request, "user", None)
    # The brand link is the way home (base.html); the menus hold the places to go. Search is
    # the catalogue's main door, so it stays a plain link in the bar.
    search = Group("search", "Search", _items(path, [("Search", "frameworks:search")]), flat=True)
    catalogue = [("Frameworks", "frameworks:home"), ("Help", "help")]
    if user is None or not user.is_authenticated:
        # A visitor has three places to go: plain links, no menu to open.
        visitor = [("Frameworks", "frameworks:home"), ("Search", "frameworks:search")]
        links = _items(path, [*visitor, ("Help", "help")])
        return Navigation((Group("catalogue", "Catalogue", links, flat=True),), None)
    flags = _flags(user)
    is_hr = flags["hr"]
    groups = [Group("catalogue", "Catalogue", _items(path, catalogue)), search]
    if flags["has_person"]:  # an account without a person record has no pages of its own
        groups.append(
            Group(
                "me",
                "Me",
                _items(
                    path,
                    [
                        ("My skills", "assessments:me"),
                        ("My ratings", "assessments:my_ratings"),
                        ("My gaps", "insights:my_gaps"),
                        ("Roles for me", "insights:my_roles"),
                        ("My plans", "development:my_plans"),
                        ("My evidence", "evidence:mine"),
                        ("My report", "report"),
                        # Raters read the quality reviews of their decisions (docs/quality.md).
                        *(
                            [("Reviews of my decisions", "quality:my_reviews")]
                            if flags["manager"] or flags["assessor"]
                            else []
                        ),
                    ],
                ),
            )
        )
    if flags["assurer"]:
        quality = [("Quality assurance", "quality:home"), ("Samples", "quality:samples")]
        groups.append(Group("quality", "Quality", _items(path, quality)))
    if flags["manager"]:
        team = [("Team grid", "assessments:team"), ("Team reports", "team_reports")]
        groups.append(Group("team", "Team", _items(path, team)))
    if flags["assessor"]:
        learners = [("My learners", "evidence:assessor_home")]
        groups.append(Group("assessor", "Assessing", _items(path, learners)))
    organisation = [("Role profiles", "people:roles"), ("Goals", "people:goals")]
    if flags["manager"] or is_hr:
        # Organisation views (insights/org): a manager's reporting subtree, HR's units.
        organisation += [
            ("Capability heatmap", "insights:org_heatmap"),
            ("Skills search", "insights:org_who"),
            ("Bench strength", "insights:org_bench"),
            ("Rater calibration", "insights:org_calibration"),
            ("Capability trends", "insights:org_trends"),
        ]
    if is_hr:
        organisation += [("People", "people:list"), ("Units", "people:units")]
    groups.append(Group("organisation", "Organisation", _items(path, organisation)))
    admin: list[tuple[str, str]] = []
    if is_hr:
        admin += [
            ("Assessment cycles", "assessments:cycles"),
            ("Assessors", "evidence:assignments"),
            ("Priority weights", "insights:weights"),
            ("Quality assurance", "quality:home"),
            ("Import people", "people:import"),
            ("Invitations", "sso:invitations"),
            ("Import role profiles", "people:roles_import"),
            ("Import goals", "people:goals_import"),
        ]
    if flags["importer"]:
        admin.append(("Import a framework", "frameworks:import"))
    if admin:
        groups.append(Group("admin", "Admin", _items(path, admin)))
    account = [
        ("Change password", "password_change"),
        ("Reminders", "reminders:settings"),
        ("API tokens", "tokens"),
    ]
    items = _items(path, account)
    if is_hr:
        # The API reference is for those who script the organisation's data; everyone else
        # finds it on their API tokens page.
        items += (Item("API documentation", "/api/docs", current=False),)
    return Navigation(tuple(groups), Group("account", "Account", items))


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Context processor: `nav`, built only when a template draws it."""
    return {"nav": SimpleLazyObject(lambda: build(request))}
