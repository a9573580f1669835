"""Shared fixtures. Persona fixtures (Alice, Bob, Carol, Dave, Eve) arrive with the people app."""

from __future__ import annotations

from functools import cache

import pytest

from skillframe.frameworks.spec import FrameworkSpec


@cache
def _seed_specs() -> tuple[FrameworkSpec, ...]:
    # Parsing is pure and deterministic: do it once per test session.
    from skillframe.frameworks.seeds import seed_specs

    return tuple(seed_specs())


@pytest.fixture
def seed_specs() -> tuple[FrameworkSpec, ...]:
    return _seed_specs()


@pytest.fixture
def seeded(db: None, seed_specs: tuple[FrameworkSpec, ...]) -> tuple[FrameworkSpec, ...]:
    """Both seed frameworks loaded into the test database (inside the test's transaction)."""
    from skillframe.frameworks.loading import load_framework

    for spec in seed_specs:
        load_framework(spec)
    return seed_specs
