from pathlib import Path

import pytest

from skillframe import conf


def test_bool_values_and_loud_failure() -> None:
    assert conf.env_bool("X", False, {"SKILLFRAME_X": "yes"}) is True
    assert conf.env_bool("X", True, {"SKILLFRAME_X": "0"}) is False
    assert conf.env_bool("X", True, {}) is True
    with pytest.raises(conf.ConfigError, match="SKILLFRAME_X='maybe' is not a boolean"):
        conf.env_bool("X", False, {"SKILLFRAME_X": "maybe"})


def test_sqlite_url_and_default(tmp_path: Path) -> None:
    db = conf.database({"SKILLFRAME_DATABASE_URL": "sqlite:///srv/data/sf.sqlite3"})
    assert (db.engine, db.name) == ("sqlite", "/srv/data/sf.sqlite3")
    default = conf.database({"SKILLFRAME_DATA_DIR": str(tmp_path)})
    assert default.name == str(tmp_path / "skillframe.sqlite3")
    options = default.django()["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]  # type: ignore[index]
    assert "busy_timeout=5000" in options["init_command"]  # type: ignore[index]


def test_postgresql_url() -> None:
    db = conf.database({"SKILLFRAME_DATABASE_URL": "postgresql://sf:p%40ss@db.example:6543/skill"})
    assert db.django()["ENGINE"] == "django.db.backends.postgresql"
    assert (db.user, db.password, db.host, db.port, db.name) == (
        "sf",
        "p@ss",
        "db.example",
        "6543",
        "skill",
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite://relative.db", "three slashes"),
        ("postgresql://host:5432/", "database name is missing"),
        ("postgresql://host:notaport/x", "bad port"),
        ("mysql://host/x", "unsupported scheme 'mysql'"),
    ],
)
def test_bad_database_urls_name_the_problem(url: str, message: str) -> None:
    with pytest.raises(conf.ConfigError, match=message):
        conf.database({"SKILLFRAME_DATABASE_URL": url})


def test_secret_key_generated_once_and_kept(tmp_path: Path) -> None:
    first = conf.secret_key(tmp_path, {})
    assert len(first) >= 50
    assert conf.secret_key(tmp_path, {}) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # not readable by others
    with pytest.raises(conf.ConfigError, match="too short"):
        conf.secret_key(tmp_path, {"SKILLFRAME_SECRET_KEY": "short"})
