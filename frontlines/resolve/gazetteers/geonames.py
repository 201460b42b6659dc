"""Full GeoNames dumps (``XX.zip``, ``XX.txt``, ``allCountries.zip``) into a persistent index.

The 19-column format: geonameid, name, asciiname, alternatenames, latitude,
longitude, feature class, feature code, country code, cc2, admin1, admin2, admin3,
admin4, population, elevation, dem, timezone, modification date. Optional
companions: ``alternateNamesV2`` (more names), ``admin1CodesASCII.txt`` and
``admin2Codes.txt`` (division names; otherwise taken from the dump's own ADM rows).

The file is read twice (division names, then places) and streamed, so memory
stays flat; the index's row ids are the geonameids, so alternate names need no
lookup table. Any error discards the half-built file and leaves the old index.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from frontlines.errors import GazetteerError
from frontlines.resolve.gazetteer import NAME_ALTERNATE, NAME_PRIMARY, Entry, is_latin
from frontlines.resolve.gazetteers.index import IndexWriter

COLUMNS = 19
PRIORITY = 10
Progress = Callable[[str, int, int], None]
_SKIP_LANGS = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "fr_1793", "unlc", "tcid"})


@contextlib.contextmanager
def _open_text(path: Path, member_hint: str | None = None) -> Iterator[io.TextIOBase]:
    """A dump as text lines, from a .txt file or the main .txt inside a .zip."""
    path = Path(path)
    if not path.exists():
        raise GazetteerError("file not found", path=str(path))
    if path.suffix.lower() != ".zip":
        with path.open(encoding="utf-8", errors="replace") as f:
            yield f
        return
    try:
        zf = zipfile.ZipFile(path)
        names = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
        if member_hint:
            names = [n for n in names if member_hint.lower() in n.lower()] or names
        if not names:
            raise GazetteerError("no .txt dump inside the zip", path=str(path))
        with zf, zf.open(names[0]) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as e:
        raise GazetteerError(f"truncated or corrupt zip ({e})", path=str(path)) from None


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        with _open_text(path) as f:
            for n, line in enumerate(f, start=1):
                if not line.strip() or line.startswith("#"):
                    continue
                row = line.rstrip("\r\n").split("\t")
                if len(row) != COLUMNS:
                    raise GazetteerError(
                        f"line {n}: expected {COLUMNS} tab-separated columns (GeoNames dump), found {len(row)}",
                        path=str(path),
                    )
                yield n, row
    except (zipfile.BadZipFile, EOFError) as e:
        raise GazetteerError(f"truncated or corrupt zip ({e})", path=str(path)) from None


def _code_names(path: Path | None) -> dict[str, str]:
    """``admin1CodesASCII.txt``/``admin2Codes.txt``: code → name."""
    out: dict[str, str] = {}
    if path is None:
        return out
    with _open_text(path) as f:
        for n, line in enumerate(f, start=1):
            row = line.rstrip("\r\n").split("\t")
            if len(row) < 2:
                raise GazetteerError(f"line {n}: expected code<TAB>name", path=str(path))
            out[row[0]] = row[1]
    return out


def load_dump(
    dump: Path,
    out: Path,
    *,
    name: str,
    alternate_names: Path | None = None,
    admin1_codes: Path | None = None,
    admin2_codes: Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """Build the index ``out`` from a GeoNames dump; returns its path."""
    report = progress or (lambda stage, done, total: None)
    admin1 = _code_names(admin1_codes)
    admin2 = _code_names(admin2_codes)
    admin1_ids: dict[str, str] = {}
    report("reading divisions", 0, 0)
    for _, row in _rows(dump):
        if row[7] == "ADM1":
            admin1.setdefault(f"{row[8]}.{row[10]}", row[1])
            admin1_ids[f"{row[8]}.{row[10]}"] = row[0]
        elif row[7] == "ADM2":
            admin2.setdefault(f"{row[8]}.{row[10]}.{row[11]}", row[1])
    writer = IndexWriter(out, name=name, kind="geonames", priority=PRIORITY, source=str(dump))
    writer.rowid_from_id = True
    with writer:
        count = 0
        for n, row in _rows(dump):
            try:
                entry = _entry(row, admin1, admin2, admin1_ids)
            except ValueError:
                raise GazetteerError(f"line {n}: bad number in a GeoNames row", path=str(dump)) from None
            alts = [a for a in row[3].split(",") if a and is_latin(a)]
            names = [(row[1], NAME_PRIMARY), (row[2], NAME_ALTERNATE)]
            writer.add(entry, names + [(a, NAME_ALTERNATE) for a in alts])
            count += 1
            if count % 100_000 == 0:
                report("places", count, 0)
        if alternate_names is not None:
            _add_alternates(writer, alternate_names, report)
        writer.commit(format_source="geonames")
    report("done", count, count)
    return out


def _entry(row: list[str], admin1: dict, admin2: dict, admin1_ids: dict) -> Entry:
    cc = row[8] or None
    a1 = f"{row[8]}.{row[10]}" if row[10] else None
    a2 = f"{a1}.{row[11]}" if a1 and row[11] else None
    return Entry(
        id=row[0],
        name=row[1],
        latitude=float(row[4]),
        longitude=float(row[5]),
        feature_class=row[6],
        feature_code=row[7],
        country=cc,
        admin1=admin1.get(a1) if a1 else None,
        admin2=admin2.get(a2) if a2 else None,
        population=int(row[14] or 0),
        parent=admin1_ids.get(a1) if a1 and row[7] != "ADM1" else None,
        admin1_code=a1,
        alternate_names=tuple(a for a in row[3].split(",")[:20] if a),
    )


def _add_alternates(writer: IndexWriter, path: Path, report: Progress) -> None:
    """alternateNamesV2 rows: id, geonameid, language, name, preferred, short, colloquial,
    historic (historic names are skipped: they mislead more than they help)."""
    with _open_text(path, "alternateNames") as f:
        for n, line in enumerate(f, start=1):
            row = line.rstrip("\r\n").split("\t")
            if len(row) < 4:
                raise GazetteerError(f"line {n}: not an alternateNames row", path=str(path))
            if row[2] in _SKIP_LANGS or not is_latin(row[3]):
                continue
            if len(row) > 7 and row[7] == "1":
                continue  # historic names mislead more than they help
            writer.add_names(row[1], [(row[3], NAME_ALTERNATE)])
            if n % 1_000_000 == 0:
                report("alternate names", n, 0)
