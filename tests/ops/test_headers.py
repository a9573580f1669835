"""Response headers (issue 10 part 5): CSP without inline script, Referrer- and
Permissions-Policy, no-store on personal pages and the API, the HTTPS proxy header, and API docs
that work offline."""

from __future__ import annotations

import re
import runpy
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client

import skillframe
from skillframe.api.models import ApiToken

SOURCE = Path(skillframe.__file__).parent


def test_every_page_gets_a_csp_without_inline_script(client: Client, seeded: Any) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


# Inline script in a template: a <script> with a body, an on*= handler or htmx's hx-on.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_HANDLER = re.compile(r"""\s(on[a-z]+|hx-on[:\-\w]*)\s*=\s*["']""", re.I)


def inline_script(text: str) -> list[str]:
    found = [
        body.strip()[:60]
        for attributes, body in _SCRIPT.findall(text)
        if body.strip() and "application/json" not in attributes
    ]
    found += [match.group(1) for match in _HANDLER.finditer(text)]
    return found


def test_no_template_has_inline_script() -> None:
    templates = sorted(SOURCE.rglob("templates/**/*.html"))
    assert len(templates) > 20
    offenders = {
        str(path.relative_to(SOURCE)): found
        for path in templates
        if (found := inline_script(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_scanner_finds_inline_script() -> None:
    assert inline_script('<button onclick="window.print()">') == ["onclick"]
    assert inline_script("<script>alert(1)</script>") == ["alert(1)"]
    assert inline_script('<div hx-on:click="x()">') == ["hx-on:click"]
    assert inline_script('<script src="/static/a.js" defer></script>') == []


def test_print_button_uses_the_static_script(client: Client, seeded: Any) -> None:
    page = client.get("/frameworks/nos-ml/INSML001/").content.decode()
    assert "data-print" in page and "onclick" not in page
    assert re.search(r'<script src="/static/skillframe/print\.js" defer>', page)
    assert (SOURCE / "static/skillframe/print.js").is_file()


def test_personal_pages_and_the_api_are_not_stored(client: Client, personas: Any) -> None:
    public = client.get("/")
    assert "no-store" not in public.get("Cache-Control", "")
    client.force_login(personas.alice.user)
    for path in ("/me/", "/", "/api/people"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
        assert "private" in response["Cache-Control"], path


def test_token_api_responses_are_not_stored(personas: Any) -> None:
    _, secret = ApiToken.issue(personas.bob.user, "script")
    response = Client().get("/api/people", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    anonymous = Client().get("/api/frameworks")
    assert "no-store" in anonymous["Cache-Control"]


def https_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """The settings module as it reads with SKILLFRAME_HTTPS=1."""
    monkeypatch.setenv("SKILLFRAME_HTTPS", "1")
    monkeypatch.setenv("SKILLFRAME_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("SKILLFRAME_DATABASE_URL", raising=False)
    return runpy.run_path(str(SOURCE / "settings.py"))


def test_https_behind_a_proxy_does_not_redirect_for_ever(
    client: Client, seeded: Any, settings: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    https = https_settings(monkeypatch, tmp_path)
    settings.SECURE_SSL_REDIRECT = https["SECURE_SSL_REDIRECT"]
    settings.SECURE_PROXY_SSL_HEADER = https.get("SECURE_PROXY_SSL_HEADER")
    settings.SECURE_HSTS_SECONDS = https["SECURE_HSTS_SECONDS"]
    assert settings.SECURE_SSL_REDIRECT is True
    # The proxy terminated TLS and says so: served, not redirected to itself again.
    proxied = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200
    assert "max-age=31536000" in proxied["Strict-Transport-Security"]
    # Plain HTTP reaching the app is still sent to HTTPS.
    plain = client.get("/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")


def test_plain_http_trusts_no_forwarded_header(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SKILLFRAME_HTTPS", "0")
    monkeypatch.setenv("SKILLFRAME_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("SKILLFRAME_DATABASE_URL", raising=False)
    plain = runpy.run_path(str(SOURCE / "settings.py"))
    assert "SECURE_PROXY_SSL_HEADER" not in plain


def test_api_docs_work_offline(client: Client, seeded: Any) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui-bundle" in html
    external = re.findall(r"""(?:src|href)=["']((?:https?:)?//[^"']+)""", html)
    assert external == [], "the docs page loads files from another host"
    assert "cdn" not in html.lower()
    for path in re.findall(r"""(?:src|href)=["'](/static/[^"']+)""", html):
        asset = client.get(path)
        assert asset.status_code == 200, path
        body = b"".join(asset.streaming_content) if asset.streaming else asset.content
        assert body, path
    assert "ninja" in django_settings.INSTALLED_APPS
