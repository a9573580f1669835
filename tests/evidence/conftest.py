from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _evidence_dir(settings: Any, tmp_path: Path) -> Path:
    """Each test stores its evidence files in its own folder."""
    settings.EVIDENCE_DIR = tmp_path / "evidence-files"
    return Path(settings.EVIDENCE_DIR)
