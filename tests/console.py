"""Running the real `skillframe` console script in a subprocess, on its own SQLite database.

Migrating a database through the console script takes seconds, so a test session does it once
(`migrated_sqlite` in tests/conftest.py) and each subprocess test works on a copy of that file.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

SKILLFRAME = Path(sys.executable).parent / "skillframe"
# The file name conf.database() uses inside SKILLFRAME_DATA_DIR when no database URL is set.
DATABASE_FILE = "skillframe.sqlite3"


def cli_environment(data_dir: Path) -> dict[str, str]:
    """The environment of a `skillframe` subprocess on SQLite in `data_dir`, whatever database
    the suite itself runs on."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SKILLFRAME_DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["SKILLFRAME_DATA_DIR"] = str(data_dir)
    return env


def copy_database(source: Path, data_dir: Path) -> None:
    """Copy the SQLite database `source` into `data_dir` through SQLite's backup API, which also
    takes in pages still in the source's write-ahead log."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (
        closing(sqlite3.connect(source)) as src,
        closing(sqlite3.connect(data_dir / DATABASE_FILE)) as dst,
    ):
        src.backup(dst)
