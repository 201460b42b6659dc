"""Places the text names only through another: "the city's airport", "its airbase".

War reporting often names a facility by its city ("rockets hit the city's airport").
Once the document's places are resolved, the city is known, and the gazetteers'
airports and airbases near it (airportsdata entries, found under the city's own
name as their short name) give the facility itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from frontlines.resolve.gazetteer import AIRPORT_CODES, NAME_DEMONYM, Candidate, Entry, fold_key
from frontlines.resolve.gazetteers.ranking import distance_km

Lookup = Callable[[Sequence[str], bool], dict[str, list[Candidate]]]

FACILITY = re.compile(
    r"\b(?:[Tt]he (?:city|town|capital|province|region)['’]s|[Ii]ts)\s+"
    r"(?:(?:main|international|military|civilian|civil)\s+)?(airport|air ?base|airfield)\b"
)
NEAR_KM = 40.0  # an airport farther than this from the city is not "the city's"
LOOKBACK = 600  # characters searched back for the city "its" refers to


def facility_places(
    text: str,
    mentions: Sequence,
    lookup: Lookup,
) -> list[tuple[int, int, Entry]]:
    """(start, end, airport entry) for each "the city's airport" whose city is known.

    ``mentions`` are the resolved PlaceMentions; the city is the closest town mention
    before the phrase (within a few sentences), else the document's most named town.
    """
    towns = [m for m in mentions if m.place is not None and _is_town(m.place.feature)]
    if not towns:
        return []
    counts: dict[str, int] = {}
    for m in towns:
        counts[m.place.name] = counts.get(m.place.name, 0) + 1
    main = max(towns, key=lambda m: counts[m.place.name])
    out = []
    for match in FACILITY.finditer(text):
        if _taken(match, mentions):
            continue
        before = [m.place for m in towns if match.start() - LOOKBACK <= m.end <= match.start()]
        kind = match.group(1).replace(" ", "").lower()
        # the closest town first, then the document's main one: "the city's airport" after
        # a town with no airfield near it still means the main city's
        for city in [*reversed(before), main.place]:
            entry = _nearest_facility(city, kind, lookup)
            if entry is not None:
                out.append((match.start(), match.end(), entry))
                break
    return out


def _taken(match: re.Match[str], mentions: Sequence) -> bool:
    """The phrase overlaps a place the text already names."""
    return any(m.start < match.end() and match.start() < m.end for m in mentions)


def _is_town(feature: str | None) -> bool:
    # a neighbourhood (PPLX) is part of a city, never "the city" a facility belongs to
    return bool(feature) and feature.startswith("PPL") and feature != "PPLX"


def _nearest_facility(city, kind: str, lookup: Lookup) -> Entry | None:
    key = fold_key(city.name)
    found = lookup([key], False).get(key, [])
    best: tuple[float, Entry] | None = None
    for c in found:
        e = c.entry
        if e.feature_code not in AIRPORT_CODES:
            continue
        km = distance_km(city.latitude, city.longitude, e.latitude, e.longitude)
        if km > NEAR_KM:
            continue
        # an "airbase" prefers military fields, an "airport" civil ones
        wanted = (e.feature_code == "AIRB") == (kind != "airport")
        rank = km - (100 if wanted else 0)
        if best is None or rank < best[0]:
            best = (rank, e)
    return best[1] if best else None


# "in the capital", "the country's capital": the capital of the country the report is
# about; not "the capital Sanaa" or "the capital of Mali", which name their own place.
CAPITAL = re.compile(r"\b[Tt]he (?:(?:country|nation)['’]s |([A-Z][a-z]+) )?capital\b(?!\s+(?:of\b|[A-Z]))")


def capital_places(text: str, mentions: Sequence, country: str | None, lookup: Lookup) -> list[tuple[int, int, Entry]]:
    """(start, end, capital entry) for each "the capital" in a report about ``country``;
    "the Libyan capital" is Libya's whatever the report is about."""
    out = []
    for match in CAPITAL.finditer(text):
        if _taken(match, [m for m in mentions if m.text != match.group(1)]):
            continue
        whose = _demonym_country(match.group(1), lookup) if match.group(1) else country
        capital = _capital(whose, lookup)
        if capital is not None:
            out.append((match.start(), match.end(), capital))
    return out


def _demonym_country(word: str, lookup: Lookup) -> str | None:
    key = fold_key(word)
    return next((c.entry.country for c in lookup([key], False).get(key, []) if c.kind == NAME_DEMONYM), None)


def _capital(country: str | None, lookup: Lookup) -> Entry | None:
    from frontlines.countries import countries

    record = countries().get(country or "")
    if record is None or not record.get("capital"):
        return None
    key = fold_key(record["capital"])
    found = [c.entry for c in lookup([key], False).get(key, []) if c.entry.country == country]
    return next((e for e in found if e.feature_code == "PPLC"), found[0] if found else None)
