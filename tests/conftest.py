"""Shared fixtures. Area-specific fixtures live in the conftest.py of their test folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "examples" / "aleppo-2016-10-28.txt"

# Persistent indexes (the default gazetteer) are built once per checkout, not per test,
# and never touch the user's own FRONTLINES_HOME.
os.environ["FRONTLINES_HOME"] = str(ROOT / ".pytest_cache" / "frontlines-home")
# The rule pipeline is what the tests describe; a trained spaCy pipeline installed on the
# machine is used only by the tests written for it (tests/recognise/test_model.py).
os.environ["FRONTLINES_MODEL"] = "none"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a skip naming what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is mounted read-only beside the repo)")
    return path


@pytest.fixture(scope="session")
def shared():
    """``shared("contract.md")``: a path under ../shared, or a skip naming what is missing."""
    return shared_path


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The real 2016 Aleppo article, normalised as the pipeline sees it."""
    from frontlines.ingest import read_path

    doc, _ = read_path(shared_path("examples", "aleppo-2016-10-28.txt"))
    return doc.text


@pytest.fixture(scope="session")
def pipeline():
    """One loaded Pipeline for the session (knowledge and gazetteer load once)."""
    from frontlines import Pipeline

    return Pipeline().load()


@pytest.fixture(scope="session")
def extract_text(pipeline):
    """``extract_text(text, published="2016-10-28")`` → Report, through the shared pipeline."""

    def run(text: str, *, published: str | None = "2020-06-15"):
        return pipeline.extract(text, published=published)

    return run


@pytest.fixture
def cli():
    """Invoke the click group in-process: ``cli(["extract", path])``."""
    from click.testing import CliRunner

    from frontlines.cli import cli as group

    runner = CliRunner()

    def invoke(args: list[str], **kwargs):
        return runner.invoke(group, args, catch_exceptions=False, **kwargs)

    return invoke
