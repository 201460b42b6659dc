"""Cross-document merging: one real event told by several outlets becomes one event.

Two extracted events (from different documents) *match* when every rule below
holds; ``match`` returns the rule text that fired, which the store records:

1. types: the same sub-event type, or two sub-types in one ``COMPATIBLE`` group
   (outlets call the same fight a clash or a takeover, the same strike an air
   strike or shelling);
2. dates: their date intervals overlap; a day-precision date is its day (or
   range), week precision widens it by ``WEEK_DAYS`` each side, month precision
   makes it the whole month. Intervals ``SLACK_DAYS`` apart (outlets resolving
   "yesterday" differently) still match, but only with the same sub-event type
   and at least one shared actor;
3. places: same country, and within the larger of the two precisions' radii
   (``RADIUS_KM``); without coordinates, the same place name;
4. actors: no known actor of one is contradicted by the other (same dictionary
   id or name, or same actor type where one side has no dictionary id); when
   neither names any actor, the sub-event types must be the same;
5. certainty: both realised (asserted/reported/claimed/hedged) or the same.

Clusters are built by complete linkage over matches, strongest first with ties
broken by id: an event joins a cluster only if it matches *every* member, which
stops chains (daily shelling of one city is many events, not one). Events of the
same document and pairs a user marked distinct never share a cluster. The
result depends only on the set of events, never on their order, so incremental
re-merging equals merging everything at once.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from frontlines.geo import distance_km
from frontlines.types import REALISED, SUB_EVENT_TYPES, Actor

SLACK_DAYS = 1
WEEK_DAYS = 3
RADIUS_KM: dict[int, float] = {1: 5.0, 2: 15.0, 3: 50.0}
COMPATIBLE: tuple[frozenset[str], ...] = (
    frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack"}),
    frozenset({"Suicide bomb", "Remote explosive/landmine/IED"}),
    frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}),
    frozenset({"Violent demonstration", "Mob violence"}),
)
CERTAINTY_ORDER = ("asserted", "reported", "claimed", "hedged", "negated", "planned")


def actor_key(actor: Actor) -> str:
    """Dictionary id when there is one, else the lower-cased name."""
    return f"id:{actor.id}" if actor.id else f"name:{actor.name.strip().lower()}"


def date_interval(day: str | None, end: str | None, precision: int | None) -> tuple[date | None, date | None]:
    """The days an event may have happened on, from its date and time precision."""
    if not day:
        return None, None
    lo = date.fromisoformat(day)
    hi = max(lo, date.fromisoformat(end)) if end else lo
    if precision == 2:
        return lo - timedelta(days=WEEK_DAYS), hi + timedelta(days=WEEK_DAYS)
    if precision and precision >= 3:
        nxt = date(hi.year + (hi.month == 12), hi.month % 12 + 1, 1)
        return lo.replace(day=1), nxt - timedelta(days=1)
    return lo, hi


@dataclass(frozen=True, slots=True)
class ActorRef:
    key: str
    type: str | None
    has_id: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    """What merging looks at, for one extracted event of one document."""

    id: str
    document_id: str
    sub_event_type: str
    lo: date | None
    hi: date | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    country: str | None
    location: str | None
    actors: tuple[ActorRef, ...]
    certainty: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Candidate:
        """From a ``doc_events`` row (see ``store/rows.py``)."""
        actors = []
        for n in ("1", "2"):
            name, ident = row.get(f"actor{n}"), row.get(f"actor{n}_id")
            if name:
                key = f"id:{ident}" if ident else f"name:{name.strip().lower()}"
                actors.append(ActorRef(key, row.get(f"actor{n}_type"), bool(ident)))
        return cls(
            id=row["event_id_cnty"],
            document_id=row["document_id"],
            sub_event_type=row["sub_event_type"],
            lo=_as_date(row.get("date_lo")),
            hi=_as_date(row.get("date_hi")),
            latitude=row.get("latitude"),
            longitude=row.get("longitude"),
            geo_precision=row.get("geo_precision"),
            country=row.get("country_code"),
            location=(row.get("location") or "").strip().lower() or None,
            actors=tuple(actors),
            certainty=row.get("certainty") or "asserted",
        )


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


km = distance_km  # kept for the store's callers


def _types(a: Candidate, b: Candidate) -> str | None:
    if a.sub_event_type == b.sub_event_type:
        return f"same sub-event type ({a.sub_event_type})"
    for group in COMPATIBLE:
        if a.sub_event_type in group and b.sub_event_type in group:
            return f"compatible sub-event types ({a.sub_event_type} ~ {b.sub_event_type})"
    return None


def _dates(a: Candidate, b: Candidate) -> tuple[str, int] | None:
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return None
    gap = max((b.lo - a.hi).days, (a.lo - b.hi).days, 0)
    if gap > SLACK_DAYS:
        return None
    return (f"dates {'overlap' if gap == 0 else f'{gap} day apart'}", gap)


def _places(a: Candidate, b: Candidate) -> tuple[str, float] | None:
    if a.country != b.country:
        return None
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        radius = max(RADIUS_KM.get(p or 1, 5.0) for p in (a.geo_precision, b.geo_precision))
        d = km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        if d <= radius:
            return (f"{d:.1f} km apart (limit {radius:g} km)", d)
        return None
    if a.location and a.location == b.location:
        return (f"same place name ({a.location})", 0.0)
    return None


def _actor_fits(x: ActorRef, y: ActorRef) -> bool:
    if x.key == y.key:
        return True
    return bool(x.type and x.type == y.type and not (x.has_id and y.has_id))


def _actors(a: Candidate, b: Candidate) -> tuple[str, int] | None:
    small, large = sorted((a.actors, b.actors), key=len)
    if not small:
        return ("actors not contradicted", 0)
    pairs = [(x, y) for x in small for y in large]
    if len(small) == 1:
        ok = any(_actor_fits(x, y) for x, y in pairs)
    else:
        s1, s2 = small
        ok = any(_actor_fits(s1, y1) and _actor_fits(s2, y2) for y1 in large for y2 in large if y1 is not y2)
    if not ok:
        return None
    same = sum(1 for x in small if any(x.key == y.key for y in large))
    return (f"actors compatible ({same} shared)", same)


def match(a: Candidate, b: Candidate) -> tuple[str, tuple[Any, ...]] | None:
    """The rule text and a strength key when a and b can be the same event, else None."""
    if a.document_id == b.document_id:
        return None
    if a.certainty != b.certainty and not (a.certainty in REALISED and b.certainty in REALISED):
        return None
    types = _types(a, b)
    if types is None:
        return None
    dates = _dates(a, b)
    if dates is None:
        return None
    places = _places(a, b)
    if places is None:
        return None
    actors = _actors(a, b)
    if actors is None:
        return None
    if dates[1] > 0 and (a.sub_event_type != b.sub_event_type or actors[1] == 0):
        return None  # a day apart is the same event only with more in common
    if not a.actors and not b.actors and a.sub_event_type != b.sub_event_type:
        return None  # with no actor on either side, only the exact sub-type will do
    rule = "; ".join((types, dates[0], places[0], actors[0]))
    strength = (a.sub_event_type != b.sub_event_type, dates[1], round(places[1], 1), -actors[1])
    return rule, strength


@dataclass(slots=True)
class Cluster:
    id: str  # the smallest member id: stable while that member stays
    members: list[str]
    links: list[tuple[str, str, str]]  # (joined, linked_to, rule) for each merge step


def candidate_pairs(cands: Sequence[Candidate]) -> Iterable[tuple[Candidate, Candidate]]:
    """Pairs whose date intervals touch, by a sweep over start dates (no n² scan)."""
    dated = sorted((c for c in cands if c.lo is not None), key=lambda c: (c.lo, c.id))
    for i, a in enumerate(dated):
        limit = a.hi + timedelta(days=SLACK_DAYS)  # type: ignore[operator]
        for b in dated[i + 1 :]:
            if b.lo > limit:  # type: ignore[operator]
                break
            yield a, b


def cluster(cands: Sequence[Candidate], *, distinct: Iterable[tuple[str, str]] = ()) -> list[Cluster]:
    """Complete-linkage clusters over ``match``, independent of input order."""
    forbidden = {frozenset(p) for p in distinct}
    edges = []
    for a, b in candidate_pairs(cands):
        if frozenset((a.id, b.id)) in forbidden:
            continue
        found = match(a, b)
        if found:
            x, y = sorted((a.id, b.id))
            edges.append((found[1], x, y, found[0]))
    edges.sort()
    linked = {frozenset((x, y)) for _, x, y, _ in edges}
    root = {c.id: c.id for c in cands}
    members = {c.id: [c.id] for c in cands}
    links: dict[str, list[tuple[str, str, str]]] = {c.id: [] for c in cands}
    for _, x, y, rule in edges:
        rx, ry = root[x], root[y]
        if rx == ry:
            continue
        if not all(frozenset((p, q)) in linked for p in members[rx] for q in members[ry]):
            continue
        keep, gone = sorted((rx, ry))
        for m in members[gone]:
            root[m] = keep
        members[keep] += members.pop(gone)
        links[keep] += [*links.pop(gone), (y, x, rule)]
    return sorted(
        (Cluster(id=r, members=sorted(ms), links=links[r]) for r, ms in members.items()),
        key=lambda c: c.id,
    )


def _most_common(values: Sequence[Any], *, prefer: Any = None) -> Any:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    top = max(counts.values())
    tied = sorted(v for v, n in counts.items() if n == top)
    return prefer if prefer in tied else tied[0]


_LOCATION = ("country", "iso", "admin1", "admin2", "location", "latitude", "longitude")
_LOCATION += ("geo_precision", "country_code", "gazetteer_id")


def summarise(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The published row of one merged event from its members' ``doc_events`` rows.

    Conservative where sources disagree: the lowest fatality count (the highest
    kept in ``fatalities_max``), the most precise date and place, the most
    common sub-event type. Each source's own values stay in ``doc_events``.
    """
    rows = sorted(rows, key=lambda r: r["event_id_cnty"])
    if len(rows) == 1:
        only = dict(rows[0])
        only.update(
            fatalities_max=only.get("fatalities"),
            document_ids=[only["document_id"]],
            member_ids=[only["event_id_cnty"]],
            source_count=1,
        )
        return only

    def rank(r: dict[str, Any]) -> tuple[Any, ...]:
        tp, gp = r.get("time_precision") or 9, r.get("geo_precision") or 9
        return (tp, gp, -(r.get("confidence") or 0))

    lead = min(rows, key=rank)
    out = dict(lead)
    out["event_id_cnty"] = rows[0]["event_id_cnty"]
    sub = _most_common([r["sub_event_type"] for r in rows], prefer=lead["sub_event_type"])
    out.update(sub_event_type=sub, event_type=SUB_EVENT_TYPES.get(sub, lead["event_type"]))
    best_tp = min(r.get("time_precision") or 9 for r in rows)
    precise = [r for r in rows if (r.get("time_precision") or 9) == best_tp]
    day = _most_common([r.get("event_date") for r in precise])
    dated = min((r for r in precise if r.get("event_date") == day), key=rank)
    for k in ("event_date", "event_date_end", "time_precision"):
        out[k] = dated.get(k)
    best_gp = min(r.get("geo_precision") or 9 for r in rows)
    placed = [r for r in rows if (r.get("geo_precision") or 9) == best_gp]
    name = _most_common([r.get("location") for r in placed])
    where = min((r for r in placed if r.get("location") == name), key=rank)
    for k in _LOCATION:
        out[k] = where.get(k)
    for n, assoc in (("1", "assoc_actor_1"), ("2", "assoc_actor_2")):
        if not out.get(f"actor{n}"):
            donor = next((r for r in sorted(rows, key=rank) if r.get(f"actor{n}")), None)
            if donor:
                for k in (f"actor{n}", f"inter{n}", f"actor{n}_id", f"actor{n}_type", assoc):
                    out[k] = donor.get(k)
    deaths = [r["fatalities"] for r in rows if r.get("fatalities") is not None]
    out["fatalities"] = min(deaths) if deaths else None
    out["fatalities_max"] = max(deaths) if deaths else None
    certainty = min((r.get("certainty") or "asserted" for r in rows), key=_certainty_rank)
    out["certainty"] = certainty
    out["claimed_by"] = next(
        (r.get("claimed_by") for r in sorted(rows, key=rank) if r.get("certainty") == certainty),
        None,
    )
    by_doc: dict[str, float] = {}
    for r in rows:
        by_doc[r["document_id"]] = max(by_doc.get(r["document_id"], 0.0), r.get("confidence") or 0)
    out["confidence"] = round(min(0.99, 1 - math.prod(1 - c for c in by_doc.values())), 3)
    sources = [r.get("source") for r in rows if r.get("source")]
    out["source"] = "; ".join(dict.fromkeys(sources)) or None
    names = {n for r in rows for n in (r.get("actor_names") or "").strip("|").split("|") if n}
    out["actor_names"] = "|" + "|".join(sorted(names)) + "|" if names else ""
    out["document_ids"] = sorted(by_doc)
    out["member_ids"] = [r["event_id_cnty"] for r in rows]
    out["source_count"] = len(by_doc)
    return out


def _certainty_rank(value: str) -> int:
    return CERTAINTY_ORDER.index(value) if value in CERTAINTY_ORDER else len(CERTAINTY_ORDER)
