"""One gazetteer as one SQLite file: written once, atomically, then read by key.

SQLite opens in microseconds, answers a batch of keys in one query and keeps
nothing in memory that the page cache doesn't, so the same format serves the
bundled set (~240k places) and a full GeoNames ``allCountries`` (~13M).

Files are built under a temporary name and renamed into place, so a failed
build (bad input, Ctrl-C) never touches the index that was there before.
Names are first appended to a scratch database beside it and copied over in key
order at the end: inserting tens of millions of random keys straight into a
B-tree is what makes a naive build of ``allCountries`` take hours.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from frontlines.errors import GazetteerError
from frontlines.resolve.gazetteer import (
    NAME_ABBREVIATION,
    Candidate,
    Entry,
    fold_key,
    skeleton_key,
)

FORMAT = "frontlines-gazetteer/2"  # 2: names ordered by population within a key
SUFFIX = ".sqlite"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE places (
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, lat REAL, lon REAL,
  fclass TEXT, fcode TEXT, country TEXT, admin1 TEXT, admin2 TEXT, population INTEGER,
  parent TEXT, admin1_code TEXT, alts TEXT, gaz TEXT
);
CREATE TABLE names (key TEXT, rank INTEGER, place INTEGER, kind INTEGER, form TEXT,
  PRIMARY KEY (key, rank, place, kind)) WITHOUT ROWID;
CREATE TABLE skels (skel TEXT, rank INTEGER, place INTEGER, kind INTEGER,
  PRIMARY KEY (skel, rank, place)) WITHOUT ROWID;
"""
_STAGE = """
CREATE TABLE stage.names (key TEXT, place INTEGER, kind INTEGER, form TEXT);
CREATE TABLE stage.skels (skel TEXT, place INTEGER, kind INTEGER);
"""
_INDEXES = "CREATE UNIQUE INDEX places_id ON places(id);"
_PER_KEY = 50  # candidates kept for one name, most populous first (the ranking looks at a dozen)
_CACHE_KEYS = 100_000  # answers per key (hits and misses) a reader keeps in memory
_CACHE_CANDIDATES = 300_000  # and candidates across those answers (~100 MB)
_COLUMNS = (
    "rowid, id, name, lat, lon, fclass, fcode, country, admin1, admin2, population, parent, admin1_code, alts, gaz"
)
_PLACE_COLUMNS = ", ".join(f"p.{c.strip()}" for c in _COLUMNS.split(","))
_BATCH = 500  # SQLite's default limit on bound parameters is far above this


class IndexWriter:
    """Builds one index file; ``commit()`` renames it into place, anything else discards it."""

    def __init__(self, path: Path, *, name: str, kind: str, priority: int, source: str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self.stage = self.path.with_name(f".{self.path.name}.{os.getpid()}.stage")
        for scratch in (self.tmp, self.stage):
            with contextlib.suppress(FileNotFoundError):
                scratch.unlink()
        self.db = sqlite3.connect(self.tmp, isolation_level=None)
        self.db.execute("ATTACH DATABASE ? AS stage", (str(self.stage),))
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA stage.journal_mode=OFF;"
            "PRAGMA stage.synchronous=OFF; PRAGMA cache_size=-65536;" + _SCHEMA + _STAGE
        )
        self.db.execute("BEGIN")
        self.meta: dict[str, Any] = {
            "format": FORMAT,
            "name": name,
            "kind": kind,
            "priority": priority,
            "source": source,
        }
        self.count = 0
        self._places: list[tuple] = []
        self._names: list[tuple] = []
        self._skels: list[tuple] = []
        self._ids: dict[str, int] = {}
        # GeoNames ids are integers: use them as row ids, with no id table in memory.
        self.rowid_from_id = False

    def add(self, entry: Entry, names: Iterable[tuple[str, int]]) -> None:
        """One entry and its names as (name, kind); repeated ids are ignored."""
        if self.rowid_from_id:
            self.count += 1
            rowid = int(entry.id)
        elif entry.id in self._ids:
            return
        else:
            self.count += 1
            rowid = self._ids[entry.id] = self.count
        self._places.append(
            (
                rowid,
                entry.id,
                entry.name,
                entry.latitude,
                entry.longitude,
                entry.feature_class,
                entry.feature_code,
                entry.country,
                entry.admin1,
                entry.admin2,
                entry.population,
                entry.parent,
                entry.admin1_code,
                "|".join(entry.alternate_names[:12]) or None,
                None if entry.gazetteer == self.meta["name"] else entry.gazetteer,
            )
        )
        self._add_names(rowid, names)
        if len(self._places) >= 20_000:
            self._flush()

    def add_names(self, id: str, names: Iterable[tuple[str, int]]) -> bool:
        """More names for an entry already added; False when the id is unknown."""
        rowid = int(id) if self.rowid_from_id else self._ids.get(id)
        if rowid is None:
            return False
        self._add_names(rowid, names)
        return True

    def _add_names(self, rowid: int, names: Iterable[tuple[str, int]]) -> None:
        keys: dict[tuple[str, int], str | None] = {}
        skels: dict[str, int] = {}
        for text, kind in names:
            key = fold_key(text)
            if not key:
                continue
            form = text.replace(" ", "") if kind == NAME_ABBREVIATION else None
            keys.setdefault((key, kind), form)
            if kind != NAME_ABBREVIATION:
                skel = skeleton_key(text)
                if skel and len(skel) >= 2:
                    skels[skel] = min(kind, skels.get(skel, kind))
        self._names.extend((k, rowid, kind, form) for (k, kind), form in keys.items())
        self._skels.extend((s, rowid, kind) for s, kind in skels.items())
        if len(self._names) >= 100_000:  # alternate-name files add names only: flush here too
            self._flush()

    def _flush(self) -> None:
        self.db.executemany(f"INSERT OR IGNORE INTO places ({_COLUMNS}) VALUES ({','.join('?' * 15)})", self._places)
        self.db.executemany("INSERT INTO stage.names VALUES (?,?,?,?)", self._names)
        self.db.executemany("INSERT INTO stage.skels VALUES (?,?,?)", self._skels)
        self._places, self._names, self._skels = [], [], []

    def commit(self, **meta: Any) -> Path:
        """Finish, index, and atomically replace ``path``; raises if nothing was added."""
        try:
            self._flush()
            if not self.count:
                raise GazetteerError("no places found in the input", path=self.meta["source"])
            self.meta.update(meta, count=self.count, created=time.strftime("%Y-%m-%dT%H:%M:%S"))
            self.db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [(k, json.dumps(v)) for k, v in self.meta.items()],
            )
            self._copy_names()
            if self.rowid_from_id:  # ids are the row ids: no second index on them
                self.db.execute("INSERT INTO meta VALUES ('rowid_is_id', 'true')")
            else:
                self.db.execute(_INDEXES)
            self.db.execute("COMMIT")
            self.db.execute("ANALYZE")
            self.db.execute("DETACH DATABASE stage")
            self.db.close()
            os.replace(self.tmp, self.path)
            self.stage.unlink()
        except BaseException:
            self.discard()
            raise
        return self.path

    def _copy_names(self) -> None:
        """Scratch rows into the key-ordered tables, sorted once; names of unknown places go.

        Within a key, rows are ordered most populous first (``rank`` is minus the
        population), so a reader takes the first rows of a name shared by thousands of
        places (a stream name in allCountries) without sorting them at query time.
        """
        self.db.execute(
            "INSERT OR IGNORE INTO names SELECT n.key, -coalesce(p.population, 0), n.place, n.kind, n.form"
            " FROM stage.names n JOIN places p ON p.rowid = n.place ORDER BY 1, 2, 3, 4"
        )
        self.db.execute(
            "INSERT OR IGNORE INTO skels SELECT s.skel, -coalesce(p.population, 0), s.place, min(s.kind)"
            " FROM stage.skels s JOIN places p ON p.rowid = s.place GROUP BY s.skel, s.place ORDER BY 1, 2, 3"
        )

    def discard(self) -> None:
        with contextlib.suppress(Exception):
            self.db.close()
        for scratch in (self.tmp, self.stage):
            with contextlib.suppress(FileNotFoundError):
                scratch.unlink()

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        if exc_type is not None:
            self.discard()


class SqliteGazetteer:
    """Reads one index file; implements the ``Gazetteer`` protocol."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            uri = f"file:{self.path}?mode=ro&immutable=1"
            self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            rows = self.db.execute("SELECT key, value FROM meta").fetchall()
        except sqlite3.Error as e:
            raise GazetteerError(f"not a gazetteer index ({e})", path=str(path)) from None
        self.meta: dict[str, Any] = {k: json.loads(v) for k, v in rows}
        if self.meta.get("format") != FORMAT:
            raise GazetteerError(
                f"gazetteer index format {self.meta.get('format')!r} is not {FORMAT!r}: "
                "remove it (frontlines gazetteer remove NAME) and add it again",
                path=str(path),
            )
        self.name: str = self.meta["name"]
        self.priority: int = int(self.meta.get("priority", 0))
        self._rowid_is_id = bool(self.meta.get("rowid_is_id"))
        self._cache: dict[int, Entry] = {}
        # Answers per key, misses included: a news corpus asks for the same few
        # thousand names again and again, and a dict beats a SQLite round trip 20x.
        self._answers: tuple[dict[str, list[Candidate]], dict[str, list[Candidate]]] = ({}, {})
        self._held = 0  # candidates held in the answers

    def lookup(self, keys: Iterable[str], *, skeleton: bool = False) -> dict[str, list[Candidate]]:
        answers = self._answers[skeleton]
        out: dict[str, list[Candidate]] = {}
        missing: list[str] = []
        for key in keys:
            found = answers.get(key)
            if found is None:
                if key:
                    missing.append(key)
            elif found:
                out[key] = found
        if not missing:
            return out
        missing = list(dict.fromkeys(missing))
        fresh = self._query(missing, skeleton)
        held = sum(len(v) for v in fresh.values())
        if len(answers) + len(missing) > _CACHE_KEYS or self._held + held > _CACHE_CANDIDATES:
            answers.clear()  # bounded by names and by candidates: memory stays flat
            self._held = 0
        self._held += held
        for key in missing:
            found = fresh.get(key, [])
            answers[key] = found
            if found:
                out[key] = found
        return out

    def _query(self, keys: list[str], skeleton: bool) -> dict[str, list[Candidate]]:
        table, col, form = ("skels", "skel", "NULL") if skeleton else ("names", "key", "form")
        if len(keys) == 1:  # the common case in a warm process: one new name, one query
            return self._query_one(keys[0], table, col, form, skeleton)
        # Rows of one key come most populous first (see IndexWriter._copy_names): keep the
        # first _PER_KEY, so a name shared by thousands of places can't fill memory.
        hits: list[tuple] = []
        for i in range(0, len(keys), _BATCH):
            chunk = keys[i : i + _BATCH]
            sql = f"SELECT {col}, place, kind, {form} FROM {table} WHERE {col} IN ({','.join('?' * len(chunk))})"
            sql += f" ORDER BY {col}, rank"
            hits.extend(self.db.execute(sql, chunk))
        kept: list[tuple] = []
        counts: dict[str, int] = {}
        for h in hits:
            n = counts[h[0]] = counts.get(h[0], 0) + 1
            if n <= _PER_KEY:
                kept.append(h)
        out: dict[str, list[Candidate]] = {}
        if not kept:
            return out
        entries = self._entries({h[1] for h in kept})
        for key, place, kind, f in kept:
            if place in entries:
                out.setdefault(key, []).append(Candidate(entries[place], kind, not skeleton, self.priority, f))
        return out

    def _query_one(self, key: str, table: str, col: str, form: str, skeleton: bool) -> dict[str, list[Candidate]]:
        sql = (
            f"SELECT n.kind, {'NULL' if skeleton else 'n.form'}, {_PLACE_COLUMNS} FROM {table} n "
            f"JOIN places p ON p.rowid = n.place WHERE n.{col} = ? ORDER BY n.rank LIMIT {_PER_KEY}"
        )
        rows = self.db.execute(sql, (key,)).fetchall()
        cache = self._cache
        cands = []
        for row in rows:
            entry = cache.get(row[2])
            if entry is None:
                entry = cache[row[2]] = self._entry(row[2:])
            cands.append(Candidate(entry, row[0], not skeleton, self.priority, row[1]))
        if len(cache) > 200_000:
            cache.clear()
        return {key: cands} if cands else {}

    def get(self, id: str) -> Entry | None:
        if self._rowid_is_id:
            if not id.isdigit():
                return None
            sql, arg = f"SELECT {_COLUMNS} FROM places WHERE rowid = ?", int(id)
        else:
            sql, arg = f"SELECT {_COLUMNS} FROM places WHERE id = ?", id
        row = self.db.execute(sql, (arg,)).fetchone()
        return self._entry(row) if row else None

    def _entries(self, rowids: set[int]) -> dict[int, Entry]:
        cache = self._cache
        missing = [r for r in rowids if r not in cache]
        for i in range(0, len(missing), _BATCH):
            chunk = missing[i : i + _BATCH]
            sql = f"SELECT {_COLUMNS} FROM places WHERE rowid IN ({','.join('?' * len(chunk))})"
            for row in self.db.execute(sql, chunk):
                cache[row[0]] = self._entry(row)
        if len(cache) > 200_000:
            self._cache = {r: cache[r] for r in rowids}
            cache = self._cache
        return {r: cache[r] for r in rowids if r in cache}

    def _entry(self, row: tuple) -> Entry:
        return Entry(
            id=row[1],
            name=row[2],
            latitude=row[3],
            longitude=row[4],
            feature_class=row[5] or "",
            feature_code=row[6] or "",
            country=row[7],
            admin1=row[8],
            admin2=row[9],
            population=row[10] or 0,
            parent=row[11],
            gazetteer=row[14] or self.name,
            admin1_code=row[12],
            alternate_names=tuple(row[13].split("|")) if row[13] else (),
        )

    def entries(self) -> Iterator[Entry]:
        """Every entry, in insertion order (for exports and tests)."""
        for row in self.db.execute(f"SELECT {_COLUMNS} FROM places ORDER BY rowid"):
            yield self._entry(row)

    def close(self) -> None:
        self.db.close()

    def __repr__(self) -> str:
        return f"SqliteGazetteer({self.name!r}, {self.meta.get('count')} places)"
