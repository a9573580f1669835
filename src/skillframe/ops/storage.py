"""Static files: hashed, compressed and cached for ever once `skillframe serve` collected them.

`skillframe serve` runs `collectstatic` into `<data dir>/static` (WhiteNoise writes gzip and
Brotli copies beside hashed names) and tells the server it starts, through COLLECTED_ENV, to use
that manifest. Every other process (tests, `serve --dev`, commands, a deployer's own WSGI server
that did not collect) keeps plain names found through the finders: a manifest collected earlier
would point them at copies older than the code they run.
"""

from __future__ import annotations

import os

from whitenoise.storage import CompressedManifestStaticFilesStorage

# Set to "1" by `skillframe serve` for the production server it starts, after collecting.
COLLECTED_ENV = "_SKILLFRAME_STATIC_COLLECTED"


def collected() -> bool:
    return os.environ.get(COLLECTED_ENV) == "1"


class CollectedStaticStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    """WhiteNoise's manifest storage when the files were collected for this process, else names
    as they are (served by WhiteNoise from the apps' static folders)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        # Read once, when the storage is built: the manifest is loaded then too.
        self._use_manifest = collected()
        super().__init__(*args, **kwargs)

    def load_manifest(self) -> tuple[dict[str, str], str]:
        if not self._use_manifest:
            return {}, ""
        return super().load_manifest()  # type: ignore[no-any-return]

    def stored_name(self, name: str) -> str:
        if not self._use_manifest:
            return name
        return super().stored_name(name)  # type: ignore[no-any-return]
