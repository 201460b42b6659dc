"""Incremental re-merging inside the store, equal to merging everything at once.

``merge.cluster`` depends only on the set of events it is given, and clusters
never cross a connected component of the match graph. So when events arrive we
find the component(s) they belong to (a breadth-first walk over matches, pulling
neighbours from ``doc_events`` by date range and country), re-cluster just those
events, and rewrite their merged rows. Everything else stays as it was.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from frontlines.merge import SLACK_DAYS, Candidate, cluster, match, summarise
from frontlines.store.rows import insert_rows

# How far beyond a frontier event's own window one fetch reaches, so a long chain
# of day-to-day matches costs a few queries rather than one per day.
MARGIN_DAYS = 14

_CAND_COLS = (
    "event_id_cnty, document_id, sub_event_type, date_lo, date_hi, latitude, longitude, "
    "geo_precision, country_code, location, actor1, actor1_id, actor1_type, actor2, "
    "actor2_id, actor2_type, certainty"
)


def _rows(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _by_ids(conn: Any, ids: Sequence[str], cols: str = _CAND_COLS) -> list[dict[str, Any]]:
    if not ids:
        return []
    cur = conn.execute(
        f"SELECT {cols} FROM doc_events WHERE event_id_cnty IN (SELECT unnest(?::VARCHAR[]))",
        [list(ids)],
    )
    return _rows(cur)


def _window(c: Candidate) -> tuple[date, date]:
    slack = timedelta(days=SLACK_DAYS)
    return c.lo - slack, c.hi + slack  # type: ignore[operator]


def _union(intervals: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    out: list[tuple[date, date]] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


class _Neighbourhood:
    """Doc events fetched so far, and the (country, date range)s already fetched."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.cands: dict[str, Candidate] = {}
        self.by_country: dict[str | None, list[Candidate]] = defaultdict(list)
        self.covered: dict[str | None, list[tuple[date, date]]] = defaultdict(list)

    def _is_covered(self, c: Candidate) -> bool:
        lo, hi = _window(c)
        return any(a <= lo and hi <= b for a, b in self.covered[c.country])

    def ensure(self, frontier: Iterable[Candidate]) -> None:
        """Fetch every stored event that could match a frontier event."""
        margin = timedelta(days=MARGIN_DAYS)
        wanted: dict[str | None, list[tuple[date, date]]] = defaultdict(list)
        for c in frontier:
            if c.lo is not None and not self._is_covered(c):
                lo, hi = _window(c)
                wanted[c.country].append((lo - margin, hi + margin))
        if not wanted:
            return
        ccs, los, his = [], [], []
        for country, intervals in wanted.items():
            for lo, hi in _union(intervals):
                ccs.append(country)
                los.append(lo)
                his.append(hi)
                self.covered[country].append((lo, hi))
            self.covered[country] = _union(self.covered[country])
        cur = self.conn.execute(
            f"""
            WITH r AS (SELECT unnest(?::VARCHAR[]) AS cc, unnest(?::DATE[]) AS lo,
                              unnest(?::DATE[]) AS hi)
            SELECT {_CAND_COLS} FROM doc_events d
            WHERE EXISTS (SELECT 1 FROM r WHERE d.country_code IS NOT DISTINCT FROM r.cc
                          AND d.date_lo <= r.hi AND d.date_hi >= r.lo)
            """,
            [ccs, los, his],
        )
        for row in _rows(cur):
            if row["event_id_cnty"] not in self.cands:
                self.add(Candidate.from_row(row))

    def add(self, c: Candidate) -> None:
        self.cands[c.id] = c
        self.by_country[c.country].append(c)

    def neighbours(self, c: Candidate) -> list[Candidate]:
        if c.lo is None:
            return []
        lo, hi = _window(c)
        return [
            o
            for o in self.by_country[c.country]
            if o.id != c.id
            and o.lo is not None
            and o.lo <= hi
            and o.hi >= lo  # type: ignore[operator]
            and match(c, o) is not None
        ]


def components(conn: Any, seeds: Sequence[str]) -> list[list[str]]:
    """The match-graph components that contain the seed events."""
    hood = _Neighbourhood(conn)
    for row in _by_ids(conn, seeds):
        hood.add(Candidate.from_row(row))
    hood.ensure(list(hood.cands.values()))  # one query for the whole batch's neighbourhood
    seen: set[str] = set()
    comps = []
    for seed in sorted(seeds):
        if seed in seen or seed not in hood.cands:
            continue
        comp, frontier = {seed}, [hood.cands[seed]]
        while frontier:
            hood.ensure(frontier)
            nxt = []
            for c in frontier:
                for o in hood.neighbours(c):
                    if o.id not in comp:
                        comp.add(o.id)
                        nxt.append(o)
            frontier = nxt
        seen |= comp
        comps.append(sorted(comp))
    return comps


def recluster(conn: Any, ids: Sequence[str]) -> int:
    """Re-merge the components holding ``ids``; returns the number of merged events written."""
    comps = components(conn, ids)
    if not comps:
        return 0
    every = [m for comp in comps for m in comp]
    rows = _by_ids(conn, every, cols="*")
    by_id = {r["event_id_cnty"]: r for r in rows}
    distinct = conn.execute(
        "SELECT a, b FROM distinct_pairs WHERE a IN (SELECT unnest(?::VARCHAR[])) "
        "OR b IN (SELECT unnest(?::VARCHAR[]))",
        [every, every],
    ).fetchall()
    merged, links, assign_ids, assign_cids = [], [], [], []
    for comp in comps:
        cands = [Candidate.from_row(by_id[m]) for m in comp]
        for cl in cluster(cands, distinct=distinct if len(comp) > 1 else ()):
            merged.append(summarise([by_id[m] for m in cl.members]))
            for joined, linked_to, rule in cl.links:
                link = {"event_id": cl.id, "doc_event_id": joined, "linked_to": linked_to}
                links.append({**link, "rule": rule})
            for m in cl.members:
                if by_id[m].get("cluster_id") != cl.id:
                    assign_ids.append(m)
                    assign_cids.append(cl.id)
    old = sorted({r["cluster_id"] for r in rows if r.get("cluster_id")} | set(every))
    conn.execute("DELETE FROM events WHERE event_id_cnty IN (SELECT unnest(?::VARCHAR[]))", [old])
    conn.execute("DELETE FROM merges WHERE doc_event_id IN (SELECT unnest(?::VARCHAR[]))", [every])
    insert_rows(conn, "events", merged)
    insert_rows(conn, "merges", links)
    if assign_ids:
        conn.execute(
            """
            UPDATE doc_events SET cluster_id = m.cid
            FROM (SELECT unnest(?::VARCHAR[]) AS id, unnest(?::VARCHAR[]) AS cid) AS m
            WHERE doc_events.event_id_cnty = m.id
            """,
            [assign_ids, assign_cids],
        )
    return len(merged)
