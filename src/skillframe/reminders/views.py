"""The reminder settings page: which kinds of reminder the signed-in person receives."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from skillframe.reminders.kinds import Kind
from skillframe.reminders.mutes import muted_kinds, set_muted


@login_required
def reminder_settings(request: HttpRequest) -> HttpResponse:
    assert request.user.is_authenticated  # login_required; narrows the type
    if request.method == "POST":
        wanted = set(request.POST.getlist("send"))
        # Unknown values are ignored: the page only offers the known kinds.
        set_muted(request.user, set(Kind.values) - wanted)
        messages.success(request, "Your reminder settings are saved.")
        return redirect("reminders:settings")
    muted = muted_kinds(request.user)
    kinds = [{"value": k.value, "label": k.label, "send": k.value not in muted} for k in Kind]
    return render(request, "reminders/settings.html", {"kinds": kinds})
