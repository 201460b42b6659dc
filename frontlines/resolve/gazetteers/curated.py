"""frontlines' own curated places (``data/gazetteer/places.yaml``) into an index being built.

Records either describe a new place (seas, regions, city districts, bases) or
``extend`` a bundled entry with more names ("Ga." for Georgia, US). A district's
``parent`` ("Aleppo, SY") names the most populous bundled place so called in that
country, which supplies its admin1 and its parent id.
"""

from __future__ import annotations

import re
from typing import Any

from frontlines.config import data_path
from frontlines.errors import KnowledgeError
from frontlines.resolve.gazetteer import (
    NAME_ABBREVIATION,
    NAME_ALTERNATE,
    NAME_DEMONYM,
    NAME_PRIMARY,
    Entry,
    fold_key,
)
from frontlines.resolve.gazetteers.index import IndexWriter

# Codes that say "a part of the parent place": resolved with geo_precision 2.
PART_CODES = frozenset({"PART"})
_FCLASS = {
    "RGN": "L", "CONT": "L", "PEN": "T", "MTS": "T", "VAL": "T", "SEA": "H", "OCN": "H",
    "GULF": "H", "STRT": "H", "CHN": "H", "LK": "H", "STM": "H", "CNL": "H", "ADM1": "A",
    "PPL": "P", "PPLA": "P", "PPLX": "P", "PART": "P", "RD": "R",
}  # fmt: skip


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_key(text)).strip("-")


def add_curated(
    writer: IndexWriter,
    cities: dict[str, dict[str, Any]],
    admin: dict[str, Any],
    data: dict[str, list[dict[str, Any]]],
) -> int:
    """Add every curated record; returns how many new places were added."""
    path = str(data_path("gazetteer", "places.yaml"))
    by_name: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities.values():
        keys = {fold_key(city["name"])} | {fold_key(a) for a in city.get("alternatenames") or ()}
        for key in keys:
            k = (key, city["countrycode"])
            if city["population"] > by_name.get(k, {"population": -1})["population"]:
                by_name[k] = city
    added = 0
    for section, records in data.items():
        for rec in records or []:
            if not isinstance(rec, dict):
                raise KnowledgeError(f"{section}: each record must be a mapping", path=path)
            if "extend" in rec:
                _extend(writer, admin, rec, path)
                continue
            try:
                entry = _entry(rec, by_name, admin)
            except (KeyError, TypeError, ValueError) as e:
                raise KnowledgeError(f"{section}: bad record {rec!r} ({e})", path=path) from None
            names = [(rec["name"], NAME_PRIMARY)] + [(a, NAME_ALTERNATE) for a in rec.get("alt", [])]
            names += [(d, NAME_DEMONYM) for d in rec.get("demonyms", [])]
            names += [(a, NAME_ABBREVIATION) for a in rec.get("abbr", [])]
            writer.add(entry, names)
            added += 1
    return added


def _entry(rec: dict[str, Any], by_name: dict, admin: dict[str, Any]) -> Entry:
    code = rec.get("code", "PPL")
    country = rec.get("country")
    admin1 = admin2 = parent = a1code = None
    if rec.get("parent"):
        pname, _, pcc = rec["parent"].rpartition(",")
        city = by_name.get((fold_key(pname), pcc.strip()))
        if city is None:
            raise ValueError(f"parent {rec['parent']!r} is not a bundled place")
        parent = str(city["geonameid"])
        a1code = f"{city['countrycode']}.{city['admin1code']}"
        admin1 = admin["admin1_names"].get(a1code)
        country = country or city["countrycode"]
    return Entry(
        id=f"{(country or 'xx').lower()}-{_slug(rec['name'])}",
        name=rec["name"],
        latitude=float(rec["lat"]),
        longitude=float(rec["lon"]),
        feature_class=_FCLASS.get(code, "S"),
        feature_code=code,
        country=country,
        admin1=admin1,
        admin2=admin2,
        population=int(rec.get("population", 0)),
        parent=parent,
        gazetteer="frontlines",
        admin1_code=a1code,
        alternate_names=tuple(rec.get("alt", [])),
    )


def _extend(writer: IndexWriter, admin: dict[str, Any], rec: dict[str, Any], path: str) -> None:
    kind, _, ref = str(rec["extend"]).partition(":")
    target = {
        "admin1": lambda: admin["admin1_ids"].get(ref),
        "country": lambda: admin["country_gid"].get(ref),
        "airport": lambda: ref,
        "id": lambda: ref,
    }.get(kind, lambda: None)()
    names = [(a, NAME_ALTERNATE) for a in rec.get("alt", [])]
    names += [(a, NAME_ABBREVIATION) for a in rec.get("abbr", [])]
    names += [(a, NAME_DEMONYM) for a in rec.get("demonyms", [])]
    if not target or not writer.add_names(target, names):
        raise KnowledgeError(f"extend: {rec['extend']!r} is not a bundled entry", path=path)
