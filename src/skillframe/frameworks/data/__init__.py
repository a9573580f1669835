"""The source texts of the seed frameworks, shipped inside the package as data."""

from importlib.resources import files

SEED_FILES = {
    "axelos": "axelos_skills_framework_2015.txt",
    "nos-ml": "nos_management_leadership_2021.txt",
}


def seed_text(name: str) -> str:
    """Return the text of a shipped seed ("axelos" or "nos-ml")."""
    try:
        filename = SEED_FILES[name]
    except KeyError:
        raise KeyError(f"unknown seed {name!r}; known: {', '.join(sorted(SEED_FILES))}") from None
    return files(__package__).joinpath(filename).read_text(encoding="utf-8")
