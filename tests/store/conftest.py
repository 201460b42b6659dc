"""Fixtures for store tests; the Report builders live in ``store_factory``."""

from __future__ import annotations

import pytest


@pytest.fixture
def store(tmp_path):
    from frontlines.store import Store

    with Store(tmp_path / "test.duckdb") as s:
        yield s
