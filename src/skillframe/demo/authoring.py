"""The demo's framework editors: Carol (HR) holds the "HR framework editors" role, which may
author every framework (skillframe.authoring.access). No draft is started: the catalogue stays
as loaded, so the demo's figures do not change."""

from __future__ import annotations

from django.contrib.auth.models import User

from skillframe.authoring.access import EDITORS_ROLE, grant_role


def give_hr_the_editor_role(hr: User) -> None:
    grant_role(hr, EDITORS_ROLE)
