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


def _variables_read_by_the_code() -> set[str]:
    """Every SKILLFRAME_ variable the program reads: `conf.env_*("NAME", …)` calls in any module
    and `PREFIX + "NAME"` in conf.py."""
    import re

    src = Path(conf.__file__).parent
    names: set[str] = set()
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"env_(?:bool|int|str|list|file_text)\(\s*\"([A-Z_]+)\"", text))
        names |= set(re.findall(r"PREFIX \+ \"([A-Z_]+)\"", text))
    return {f"SKILLFRAME_{name}" for name in names}


def test_readme_configuration_table_lists_every_variable() -> None:
    readme = (Path(conf.__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `SKILLFRAME_")]
    table = {row.split("`")[1] for row in rows}
    read = _variables_read_by_the_code()
    assert {"SKILLFRAME_DEBUG", "SKILLFRAME_REVIEW_MONTHS", "SKILLFRAME_DATABASE_URL"} <= read
    assert read - table == set(), "variables missing from README's Configuration table"
    assert table - read == set(), "README lists variables the program does not read"


def test_case_cors_origins() -> None:
    def read(environ: dict[str, str], public: bool = True) -> list[str]:
        default = ["*"] if public else []
        return conf.origins("C", conf.env_list("C", default, environ))

    assert read({}) == ["*"]
    assert read({}, public=False) == []
    assert read({"SKILLFRAME_C": "none"}) == []
    assert read({"SKILLFRAME_C": "*"}, public=False) == ["*"]
    both = {"SKILLFRAME_C": "https://viewer.example.org/, http://localhost:3000"}
    assert read(both) == ["https://viewer.example.org", "http://localhost:3000"]
    with pytest.raises(conf.ConfigError, match=r"SKILLFRAME_C=.*viewer\.example\.org/case"):
        read({"SKILLFRAME_C": "https://viewer.example.org/case"})


def test_file_text_reads_a_secret_file_or_names_the_variable(tmp_path: Path) -> None:
    secret = tmp_path / "smtp-password"
    secret.write_text("s3cret\n")
    assert conf.env_file_text("X", {"SKILLFRAME_X": str(secret)}) == "s3cret"
    assert conf.env_file_text("X", {}) == ""
    with pytest.raises(conf.ConfigError, match=r"SKILLFRAME_X=.*cannot be read"):
        conf.env_file_text("X", {"SKILLFRAME_X": str(tmp_path / "missing")})
