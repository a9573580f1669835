"""Run every check of the project, in order, and stop at the first failure.

This is the README's test command (after setup): lint, format, types, the import layers, Django's
deploy and migration checks, then the whole pytest suite (unit, integration, CLI, browser).
The database is whatever SKILLFRAME_DATABASE_URL says (SQLite in a temporary folder by default).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def pytest_args(extra: list[str]) -> list[str]:
    """Two workers by default (the suite's target machine has 2 cores); `-n N` overrides."""
    if any(arg == "-n" or arg.startswith(("-n", "--numprocesses")) for arg in extra):
        return extra
    return ["-n", "2", *extra]


def main() -> int:
    env = dict(os.environ)
    # Checks must not touch a developer's real data folder.
    env.setdefault("SKILLFRAME_DATA_DIR", tempfile.mkdtemp(prefix="skillframe-check-"))
    database = env.get("SKILLFRAME_DATABASE_URL") or "sqlite (temporary)"
    print(f"== database: {database}", flush=True)
    steps: list[tuple[str, list[str]]] = [
        ("ruff check", [str(BIN / "ruff"), "check", "src", "tests", "bench", "scripts"]),
        (
            "ruff format",
            [str(BIN / "ruff"), "format", "--check", "src", "tests", "bench", "scripts"],
        ),
        ("mypy", [str(BIN / "mypy")]),
        # The apps' layers and the pure modules (pyproject.toml [tool.importlinter]).
        ("import layers", [str(BIN / "lint-imports"), "--no-logo"]),
        (
            "django check --deploy",
            [str(BIN / "skillframe"), "check", "--deploy", "--fail-level", "WARNING"],
        ),
        (
            "migrations up to date",
            [str(BIN / "skillframe"), "makemigrations", "--check", "--dry-run"],
        ),
        ("pytest", [sys.executable, "-m", "pytest", *pytest_args(sys.argv[1:])]),
    ]
    for name, command in steps:
        started = time.monotonic()
        print(f"== {name}", flush=True)
        code = subprocess.call(command, cwd=ROOT, env=env)
        print(f"== {name}: {'ok' if code == 0 else 'FAILED'} ({time.monotonic() - started:.1f} s)")
        if code != 0:
            return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
