"""A user's own named places (CSV, GeoJSON or a JSON list of records) as an overlay index.

Overlays take precedence over GeoNames for the names they share. Fields are
found by common names (``name``/``nameEnglish``, ``lat``/``centerLatitude``, ...)
or mapped explicitly; polygons (GeoJSON or WKT) are reduced to their area centroid.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.errors import GazetteerError
from frontlines.resolve.gazetteer import NAME_ALTERNATE, NAME_PRIMARY, Entry, fold_key
from frontlines.resolve.gazetteers.index import IndexWriter

PRIORITY = 20
DEFAULTS = {
    "name": ("name", "nameEnglish", "name_en", "NAME", "Name", "title", "label"),
    "alt": ("alt", "alternate_names", "aliases", "nameArabic", "name_ar", "alt_names"),
    "lat": ("lat", "latitude", "centerLatitude", "y", "LAT", "Latitude"),
    "lon": ("lon", "lng", "longitude", "centerLongitude", "x", "LON", "Longitude"),
    "id": ("id", "pCode", "pcode", "code", "ID", "fid"),
    "geometry": ("wkt", "boundaryWkt", "WKT", "geometry_wkt"),
}


@dataclass(slots=True)
class FieldMap:
    """Which record fields hold what; None means "find it by its usual names"."""

    name: str | None = None
    alt: list[str] = field(default_factory=list)
    lat: str | None = None
    lon: str | None = None
    id: str | None = None
    geometry: str | None = None


def _pick(rec: dict[str, Any], explicit: str | None, kind: str) -> Any:
    if explicit:
        return rec.get(explicit)
    for key in DEFAULTS[kind]:
        if rec.get(key) not in (None, ""):
            return rec[key]
    return None


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any], Any]]:
    """(row number, properties, geometry or None) from CSV, GeoJSON or a JSON record list."""
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        with path.open(encoding="utf-8-sig", newline="") as f:
            sample = f.read(4096)
            f.seek(0)
            dialect = csv.excel_tab if "\t" in sample.splitlines()[0] else csv.excel
            for n, row in enumerate(csv.DictReader(f, dialect=dialect), start=2):
                yield n, row, None
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise GazetteerError(f"not valid JSON ({e})", path=str(path)) from None
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        for n, feat in enumerate(data.get("features") or [], start=1):
            yield n, dict(feat.get("properties") or {}), feat.get("geometry")
        return
    items = data
    if isinstance(data, dict):
        items = next(
            (v for k, v in data.items() if isinstance(v, list) and k in ("items", "records", "data", "places")),
            None,
        )
    if not isinstance(items, list):
        raise GazetteerError("expected GeoJSON, a JSON list of records, or a CSV file", path=str(path))
    for n, rec in enumerate(items, start=1):
        if isinstance(rec, dict):
            yield n, rec, None


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(signed area, lon, lat) of one ring by the shoelace formula."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=False):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-15:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return a / 2, cx / (3 * a), cy / (3 * a)


def centroid(polygons: list[list[list[list[float]]]]) -> tuple[float, float]:
    """(lat, lon) area centroid of polygons given as [ring, ...] of [lon, lat] points."""
    total = sx = sy = 0.0
    fallback = None
    for poly in polygons:
        if not poly or not poly[0]:
            continue
        a, x, y = _ring_centroid([list(map(float, p[:2])) for p in poly[0]])
        fallback = fallback or (y, x)
        total += abs(a)
        sx += x * abs(a)
        sy += y * abs(a)
    if total:
        return sy / total, sx / total
    if fallback:
        return fallback
    raise ValueError("empty geometry")


def _wkt_polygons(wkt: str) -> list[list[list[list[float]]]]:
    polys = []
    for body in re.findall(r"\(\(([^()]*(?:\)\s*,\s*\([^()]*)*)\)\)", wkt):
        rings = []
        for ring in re.split(r"\)\s*,\s*\(", body):
            rings.append([[float(v) for v in pt.split()[:2]] for pt in ring.split(",") if pt.strip()])
        polys.append(rings)
    if not polys:
        raise ValueError("no polygon in WKT")
    return polys


def _geometry_point(geom: Any) -> tuple[float, float]:
    kind, coords = geom.get("type"), geom.get("coordinates")
    if kind == "Point":
        return float(coords[1]), float(coords[0])
    if kind == "Polygon":
        return centroid([coords])
    if kind == "MultiPolygon":
        return centroid(coords)
    raise ValueError(f"unsupported geometry {kind!r}")


def load_overlay(
    src: Path,
    out: Path,
    *,
    name: str,
    fields: FieldMap | None = None,
    feature_code: str = "PPLX",
    country: str | None = None,
    parent: Entry | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Path:
    """Build the overlay index ``out`` from ``src``; one clear error for a bad row or file."""
    src = Path(src)
    if not src.exists():
        raise GazetteerError("file not found", path=str(src))
    fm = fields or FieldMap()
    writer = IndexWriter(out, name=name, kind="overlay", priority=PRIORITY, source=str(src))
    named = 0
    with writer:
        for n, rec, geom in _records(src):
            label = _pick(rec, fm.name, "name")
            if not label or not str(label).strip():
                continue
            named += 1
            try:
                lat, lon = _coordinates(rec, geom, fm)
            except (ValueError, TypeError, KeyError, IndexError) as e:
                raise GazetteerError(f"record {n} ({label}): bad coordinates ({e})", path=str(src)) from None
            alts = []
            for key in fm.alt or [k for k in DEFAULTS["alt"] if k in rec]:
                value = rec.get(key)
                alts += [
                    a.strip() for a in (value if isinstance(value, list) else str(value or "").split("|")) if a.strip()
                ]
            ident = str(_pick(rec, fm.id, "id") or f"{n}-{fold_key(str(label)).replace(' ', '-')}")
            entry = Entry(
                id=ident,
                name=str(label).strip(),
                latitude=lat,
                longitude=lon,
                feature_class="P" if feature_code.startswith("PPL") else "S",
                feature_code=feature_code,
                country=country or (parent.country if parent else None),
                admin1=parent.admin1 if parent else None,
                admin2=parent.admin2 if parent else None,
                parent=parent.id if parent else None,
                admin1_code=parent.admin1_code if parent else None,
                gazetteer=name,
                alternate_names=tuple(alts),
            )
            writer.add(entry, [(entry.name, NAME_PRIMARY)] + [(a, NAME_ALTERNATE) for a in alts])
        if not named:
            field_names = fm.name or " or ".join(DEFAULTS["name"][:3])
            raise GazetteerError(f"no names: no record has a {field_names} field", path=str(src))
        writer.commit(kind="overlay")
    return out


def _coordinates(rec: dict[str, Any], geom: Any, fm: FieldMap) -> tuple[float, float]:
    lat, lon = _pick(rec, fm.lat, "lat"), _pick(rec, fm.lon, "lon")
    if lat not in (None, "") and lon not in (None, ""):
        lat, lon = float(lat), float(lon)
    elif geom:
        lat, lon = _geometry_point(geom)
    else:
        wkt = _pick(rec, fm.geometry, "geometry")
        if not wkt:
            raise ValueError("no latitude/longitude or geometry")
        lat, lon = centroid(_wkt_polygons(str(wkt)))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or lat != lat or lon != lon:
        raise ValueError(f"{lat}, {lon} is outside the globe")
    return lat, lon
