"""Sessions, tokens, sign-in throttling and file modes (issue 10 part 5)."""

from __future__ import annotations

import re
import stat
import time
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client

from skillframe import conf
from skillframe.api.models import ApiToken
from skillframe.ops.middleware import LAST_SEEN
from skillframe.people.records import anonymise


def test_an_idle_session_ends(client: Client, personas: Any, settings: Any) -> None:
    settings.SESSION_IDLE_SECONDS = 30 * 60
    client.force_login(personas.alice.user)
    assert client.get("/me/").status_code == 200
    session = client.session
    assert isinstance(session[LAST_SEEN], int)
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/me/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session


def test_an_active_session_goes_on(client: Client, personas: Any, settings: Any) -> None:
    settings.SESSION_IDLE_SECONDS = 30 * 60
    client.force_login(personas.alice.user)
    client.get("/me/")
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 29 * 60
    session.save()
    assert client.get("/me/").status_code == 200
    # The request counted as activity: the stored time moved on.
    assert client.session[LAST_SEEN] >= int(time.time()) - 5


def test_sessions_no_longer_last_14_days(settings: Any) -> None:
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_SECONDS == 60 * 60


def bearer(secret: str) -> int:
    return Client().get("/api/people", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code


def test_password_reset_revokes_api_tokens(client: Client, personas: Any) -> None:
    token, secret = ApiToken.issue(personas.alice.user, "script")
    assert bearer(secret) == 200
    client.post("/account/reset/", {"email": "alice@example.org"})
    link = re.search(r"https?://[^/]+(/account/reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    new = "a-fresh-long-passphrase-42"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert bearer(secret) == 401
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_password_change_revokes_api_tokens(client: Client, personas: Any) -> None:
    _, secret = ApiToken.issue(personas.alice.user, "script")
    client.force_login(personas.alice.user)
    new = "another-long-passphrase-77"
    changed = client.post(
        "/account/password/",
        {"old_password": personas.password, "new_password1": new, "new_password2": new},
    )
    assert changed.status_code == 302
    assert bearer(secret) == 401


def test_deactivation_revokes_api_tokens_for_good(personas: Any) -> None:
    user = personas.alice.user
    token, secret = ApiToken.issue(user, "script")
    user.is_active = False
    user.save()
    user.is_active = True
    user.save()
    # Reopening the account does not bring the old token back.
    assert bearer(secret) == 401
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_anonymising_a_leaver_revokes_tokens(personas: Any) -> None:
    token, _ = ApiToken.issue(personas.eve.user, "script")
    anonymise(personas.eve, actor=None)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_other_saves_keep_tokens(personas: Any) -> None:
    user = personas.alice.user
    token, secret = ApiToken.issue(user, "script")
    user.first_name = "Alicia"
    user.save()
    User.objects.get(pk=user.pk).save()
    assert bearer(secret) == 200
    token.refresh_from_db()
    assert token.revoked_at is None


def test_one_address_trying_many_usernames_is_locked_out(
    client: Client, personas: Any, settings: Any
) -> None:
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    # Password spraying: two tries on each of many usernames, never 5 on one.
    for number in range(4):
        for _ in range(2):
            client.post("/login/", {"username": f"user{number}", "password": "Winter2026!"})
    # The address is now locked, even for a right password of an untouched account.
    response = client.post("/login/", {"username": "bob", "password": personas.password})
    assert response.status_code == 429
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7")
    ok = other.post("/login/", {"username": "bob", "password": personas.password})
    assert ok.status_code == 302


def test_a_few_failures_from_an_address_lock_nobody_else(client: Client, personas: Any) -> None:
    for number in range(3):
        client.post("/login/", {"username": f"user{number}", "password": "nope"})
    response = client.post("/login/", {"username": "bob", "password": personas.password})
    assert response.status_code == 302


def test_data_dir_is_0700_and_its_files_0600(tmp_path: Path) -> None:
    data = conf.private_dir(tmp_path / "data")
    database = data / "skillframe.sqlite3"
    conf.private_sqlite_file(database)
    conf.secret_key(data, environ={})
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "secret_key").stat().st_mode) == 0o600


def test_an_existing_world_readable_database_is_made_private(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    database = tmp_path / "skillframe.sqlite3"
    database.write_bytes(b"")
    database.chmod(0o644)
    wal = tmp_path / "skillframe.sqlite3-wal"
    wal.write_bytes(b"")
    wal.chmod(0o644)
    conf.private_dir(tmp_path)
    conf.private_sqlite_file(database)
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(wal.stat().st_mode) == 0o600


def test_the_console_script_makes_its_database_private(cli_env: dict[str, str]) -> None:
    import subprocess

    from tests.console import DATABASE_FILE, SKILLFRAME

    data = Path(cli_env["SKILLFRAME_DATA_DIR"])
    (data / DATABASE_FILE).chmod(0o644)
    data.chmod(0o755)
    subprocess.run([SKILLFRAME, "check"], env=cli_env, check=True, capture_output=True)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / DATABASE_FILE).stat().st_mode) == 0o600


def test_call_command_still_works(db: None) -> None:
    call_command("check")
