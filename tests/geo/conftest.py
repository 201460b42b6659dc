"""Geoparsing fixtures: one Geoparser over the default index, and throwaway gazetteer homes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def nlp():
    from frontlines.recognise.nlp import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def geoparser():
    """Bundled gazetteers only (no user overlays), built once per checkout."""
    from frontlines.resolve.gazetteers.index import SqliteGazetteer
    from frontlines.resolve.gazetteers.store import ensure_default
    from frontlines.resolve.places import Geoparser

    return Geoparser(gazetteers=[SqliteGazetteer(ensure_default())])


@pytest.fixture
def default_gazetteer():
    """A fresh reader of the default index (its in-memory answers empty)."""
    from frontlines.resolve.gazetteers.index import SqliteGazetteer
    from frontlines.resolve.gazetteers.store import ensure_default

    return SqliteGazetteer(ensure_default())


@pytest.fixture
def parse(nlp, geoparser):
    """parse(text) -> list of PlaceMention."""

    def run(text: str, **kwargs):
        return geoparser.parse(nlp(text), **kwargs)

    return run


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh FRONTLINES_HOME whose default index links to the one already built."""
    from frontlines.resolve.gazetteers.store import ensure_default

    built = ensure_default()
    folder = tmp_path / "gazetteers"
    folder.mkdir()
    os.symlink(built, folder / built.name)
    monkeypatch.setenv("FRONTLINES_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="session")
def geo_data() -> Path:
    """Small fixtures in the real formats (GeoNames dump, alternateNames, CSV, GeoJSON)."""
    return DATA


@pytest.fixture(scope="session")
def shared():
    """shared("geodata", "x.json"): a file under ../shared, or a skip."""
    root = Path(__file__).resolve().parents[3] / "shared"

    def get(*parts: str) -> Path:
        path = root.joinpath(*parts)
        if not path.exists():
            pytest.skip(f"{path} is not available")
        return path

    return get


def find(mentions, text):
    """The first mention whose text is ``text``."""
    return next(m for m in mentions if m.text == text)


@pytest.fixture(scope="session")
def first():
    return find
