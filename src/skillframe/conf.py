"""Typed reading of the SKILLFRAME_* environment variables.

Kept free of Django imports so settings, the CLI and tests share one definition, and so a bad value
fails loudly at start-up with the variable's name instead of surfacing later as an odd error.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

PREFIX = "SKILLFRAME_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A SKILLFRAME_* variable holds a value we cannot use."""


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    raw = env.get(PREFIX + name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(
        f"{PREFIX}{name}={raw!r} is not a boolean (use one of 1/0, true/false, yes/no)"
    )


def env_int(
    name: str, default: int, environ: Mapping[str, str] | None = None, minimum: int = 0
) -> int:
    env = os.environ if environ is None else environ
    raw = env.get(PREFIX + name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{PREFIX}{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ConfigError(f"{PREFIX}{name}={raw!r} must be at least {minimum}")
    return value


def env_str(name: str, default: str, environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return env.get(PREFIX + name, default).strip() or default


def env_file_text(name: str, environ: Mapping[str, str] | None = None) -> str:
    """The stripped contents of the file a variable names ("" when unset): for secrets such as
    an SMTP password, which should not sit in the environment that `ps` and crash reports show."""
    env = os.environ if environ is None else environ
    raw = env.get(PREFIX + name, "").strip()
    if not raw:
        return ""
    try:
        return Path(raw).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"{PREFIX}{name}={raw!r} cannot be read: {exc.strerror}") from None


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    env = os.environ if environ is None else environ
    raw = env.get(PREFIX + name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def default_data_dir() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "skillframe"


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    raw = env.get(PREFIX + "DATA_DIR")
    path = Path(raw).expanduser() if raw else default_data_dir()
    if not path.is_absolute():
        path = Path.cwd() / path
    return path


@dataclass(frozen=True)
class DatabaseConfig:
    engine: str  # "sqlite" or "postgresql"
    name: str  # file path for SQLite, database name for PostgreSQL
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    def django(self) -> dict[str, object]:
        """The DATABASES['default'] entry for this configuration."""
        if self.engine == "sqlite":
            return {
                # Django's SQLite backend, retrying a writer that meets the write lock.
                "ENGINE": "skillframe.database",
                "NAME": self.name,
                "OPTIONS": {
                    # WAL lets readers run while a writer commits; busy_timeout (ms) makes
                    # concurrent writers wait instead of failing with "database is locked".
                    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                    " PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;",
                    "transaction_mode": "IMMEDIATE",
                    "timeout": 5,
                },
                # In-memory test database, named so explicitly: pytest-django's xdist workers
                # recognise an in-memory SQLite by ":memory:" (our engine is not Django's
                # sqlite3 path, so a None here became a "test_/abs/path_gw0" file name).
                "TEST": {"NAME": ":memory:"},
            }
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": self.name,
            "USER": self.user,
            "PASSWORD": self.password,
            "HOST": self.host,
            "PORT": self.port,
            "CONN_MAX_AGE": 60,
        }


def parse_database_url(url: str) -> DatabaseConfig:
    """Parse `sqlite:///abs/path.sqlite3` or `postgresql://user[:pw]@host[:port]/name`."""
    parsed = urlparse(url)
    var = PREFIX + "DATABASE_URL"
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        if parsed.netloc or not path.startswith("/") or path == "/":
            raise ConfigError(f"{var}={url!r}: use sqlite:///absolute/path.sqlite3 (three slashes)")
        return DatabaseConfig(engine="sqlite", name=path)
    if parsed.scheme in {"postgres", "postgresql"}:
        name = unquote(parsed.path.lstrip("/"))
        if not name:
            raise ConfigError(f"{var}={url!r}: the database name is missing (…/name)")
        try:
            port = parsed.port
        except ValueError as exc:
            raise ConfigError(f"{var}={url!r}: bad port ({exc})") from None
        return DatabaseConfig(
            engine="postgresql",
            name=name,
            user=unquote(parsed.username or ""),
            password=unquote(parsed.password or ""),
            host=parsed.hostname or "",
            port=str(port or ""),
        )
    raise ConfigError(
        f"{var}={url!r}: unsupported scheme {parsed.scheme!r} (use sqlite or postgresql)"
    )


def database(environ: Mapping[str, str] | None = None) -> DatabaseConfig:
    env = os.environ if environ is None else environ
    url = env.get(PREFIX + "DATABASE_URL", "").strip()
    if url:
        return parse_database_url(url)
    return DatabaseConfig(engine="sqlite", name=str(data_dir(env) / "skillframe.sqlite3"))


def private_dir(path: Path) -> Path:
    """Create `path` if needed and make it mode 0700: it holds the database and the secret key."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    _chmod(path, 0o700)
    return path


def private_sqlite_file(path: Path) -> None:
    """Make the SQLite database (and its -wal/-shm files) mode 0600, creating it empty with that
    mode when missing: SQLite would create it from the umask (0644, readable by every local
    user), and gives its -wal and -shm files the database file's mode."""
    if not path.parent.is_dir():
        return  # a wrong path: let Django's connection report it
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError:
        return
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if file.exists():
            _chmod(file, 0o600)


def _chmod(path: Path, mode: int) -> None:
    # Not ours (a shared, read-only install): whoever owns it decides.
    with contextlib.suppress(PermissionError):
        path.chmod(mode)


def secret_key(directory: Path, environ: Mapping[str, str] | None = None) -> str:
    """The secret key: from SKILLFRAME_SECRET_KEY, else generated once into the data dir."""
    env = os.environ if environ is None else environ
    key = env.get(PREFIX + "SECRET_KEY", "").strip()
    if key:
        if len(key) < 32:
            raise ConfigError(f"{PREFIX}SECRET_KEY is too short ({len(key)} characters; use 32+)")
        return key
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "secret_key"
    if not path.exists():
        # O_EXCL: two processes starting at once must not both write a key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


_ORIGIN = re.compile(r"^https?://[^/\s?#]+$")


def origins(name: str, values: list[str]) -> list[str]:
    """Web origins from a list variable (see `env_list`): `*` (any), `none` (no origin), or
    `scheme://host[:port]` values; anything else fails loudly with the variable's name."""
    if [value.lower() for value in values] in ([], ["none"]):
        return []
    if values == ["*"]:
        return ["*"]
    found = [value.rstrip("/") for value in values]
    bad = [value for value in found if not _ORIGIN.match(value)]
    if bad:
        raise ConfigError(
            f"{PREFIX}{name}={','.join(values)!r}: {', '.join(bad)} is not an origin "
            "(use * , none, or e.g. https://viewer.example.org,http://localhost:3000)"
        )
    return found
