"""Choose one candidate per proposed span, using the whole document.

Repeats of a name are one decision (one sense per document): "Paris" is the same
Paris every time, and all its mentions pool their evidence. Each candidate gets a
prior (what kind of place, how populous, how the name matched) and then context:
an explicit container in the text ("Gainesville, Ga.", "Aleppo's al-Ramousa"),
the document's focus country and first-level division, closeness to the other
places, and the focus city's own districts ("Minya" in an article about Aleppo
is its Minyan district). A few passes let the focus settle.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from frontlines.recognise.places import CUED, Proposal
from frontlines.resolve.gazetteer import (
    AIRPORT_CODES,
    NAME_ABBREVIATION,
    NAME_DEMONYM,
    NAME_PRIMARY,
    NAME_SHORT,
    Candidate,
    Entry,
)
from frontlines.resolve.gazetteers.curated import PART_CODES

FEATURE_PRIOR = {
    "PCLI": 7.0, "PCLS": 5.0, "PCLD": 5.0, "PCLF": 4.0, "TERR": 4.0, "CONT": 6.0,
    "ADM1": 4.0, "ADM2": 1.0, "ADM3": 0.5, "PPLC": 5.0, "PPLA": 1.5, "PPLA2": 1.0,
    "RGN": 4.5, "SEA": 4.5, "OCN": 5.0, "GULF": 4.0, "STRT": 4.0, "PEN": 4.0, "STM": 2.5,
    "PART": 2.0, "PPLX": 0.5, "AIRP": -2.0, "AIRB": -2.0,
}  # fmt: skip
MAX_CANDIDATES = 12
PASSES = 2
AREA_CODES = frozenset({"CONT", "RGN", "SEA", "OCN", "GULF", "STRT", "PEN", "MTS", "STM"})
REGION_PRECISION_CODES = frozenset({"PCLI", "PCLS", "PCLD", "PCLF", "TERR", "ADM1", "ADM2"})
STRONG_KINDS = frozenset({"district", "airbase", "settlement"})
TYPE_WORDS = frozenset(
    {"district", "neighbourhood", "neighborhood", "quarter", "suburb", "camp", "airbase",
     "airport", "village", "town", "area"}
)  # fmt: skip
KM_PER_DEG = 111.2
LEVELS = frozenset({"PCLI", "ADM1", "ADM2", "CONT", "RGN"})  # kinds a coordinated pair shares
PRIMARY_BONUS = 1.5
POP_WEIGHT = 0.8  # prior per tenfold population
THE_TOWN = 2.0  # a small town is seldom "the X"
THE_WATER = 5.0  # and "the X" with a sea or ocean of that name is the water
PEER_BONUS = 2.0  # coordinated names ("England and Wales") are the same kind of place
LOCAL_BONUS = 3.0  # a local body's town is in the country the text is about
SOFTMAX_T = 1.5  # how sharply priors turn into a name's reading probabilities
SUPPORT_NEAR, SUPPORT_MAX = 2.5, 5.0  # another name's likely reading within 30 km (half to 100 km)
SUPPORT_ADMIN1, SUPPORT_COUNTRY = 2.0, 1.0  # another name is likely its state or its country
SUPPORT_INSIDE = 2.5  # a country or state holding other names' likely readings


@dataclass(slots=True)
class Choice:
    entry: Entry | None
    score: float  # 0..1
    precision: int
    relation: str | None
    candidate: Candidate | None = None
    keep: bool = True  # False: not a place after all (an unsupported fuzzy match)


@dataclass(slots=True)
class _Group:
    """All mentions of one name in a document, decided together."""

    members: list[int]
    cands: list[Candidate]
    priors: list[float]
    scores: list[float] = field(default_factory=list)
    pick: int | None = None  # index into cands
    exact: bool = True
    local: bool = False  # some mention names a local body ("Athens Police Department")
    the: bool = False  # some mention is "the X": a sea or region more than a small town

    @property
    def entry(self) -> Entry | None:
        return None if self.pick is None else self.cands[self.pick].entry

    @property
    def candidate(self) -> Candidate | None:
        return None if self.pick is None else self.cands[self.pick]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _near_km(e: Entry, lat: float, lon: float) -> float:
    """Quick flat-earth distance: good to a few percent below ~500 km, all ranking needs."""
    dy = e.latitude - lat
    dx = (e.longitude - lon) * math.cos(math.radians((e.latitude + lat) / 2))
    return KM_PER_DEG * math.sqrt(dx * dx + dy * dy)


def _dedupe(cands: Sequence[Candidate]) -> list[Candidate]:
    best: dict[tuple[str, str], Candidate] = {}
    for c in cands:
        key = (c.entry.gazetteer, c.entry.id)
        old = best.get(key)
        if old is None or (c.priority, -c.kind) > (old.priority, -old.kind):
            best[key] = c
    return list(best.values())


def _usable(p: Proposal) -> list[Candidate]:
    cands = _dedupe(p.candidates)
    if len(cands) > MAX_CANDIDATES:
        cands = sorted(cands, key=lambda c: -prior(c, p))[:MAX_CANDIDATES]
    if p.demonym:
        return [c for c in cands if c.kind == NAME_DEMONYM]
    cands = [c for c in cands if c.kind != NAME_DEMONYM]
    if p.after in ("airbase", "base"):
        air = [c for c in cands if c.entry.feature_code in AIRPORT_CODES or c.entry.feature_code == "MILB"]
        if air:
            return air
    if p.after == "region":
        return cands
    named = [c for c in cands if c.kind != NAME_SHORT]
    airports = [c for c in cands if _airport_by_city(c)]
    if named and not any(c.exact for c in named) and airports:
        return named + airports  # "Hodeidah": its airport's city name vouches for the fuzzy city
    if named or not (p.before or p.after):
        return named
    # "near the town of Paletwa", known to the gazetteers only as its airport's city: near that
    return airports


def prior(c: Candidate, p: Proposal) -> float:
    e = c.entry
    score = FEATURE_PRIOR.get(e.feature_code, 0.0) + POP_WEIGHT * math.log10(e.population + 1)
    if c.kind == NAME_PRIMARY or c.kind == NAME_ABBREVIATION:
        score += PRIMARY_BONUS  # its own name, not a translation or a former name
    elif c.kind == NAME_SHORT:
        score -= 1.5
    if not c.exact:
        score -= 2.0
    score += min(c.priority, 20) * 0.25  # overlays win ties with GeoNames
    if p.after == "district" and e.feature_code in ("PPLX", "PART"):
        score += 2.0
    if p.after in ("airbase", "base") and e.feature_code in AIRPORT_CODES:
        score += 4.0
    if p.after == "region" and e.feature_class == "A":
        score += 2.0
    return score


def _priors(cands: list[Candidate], p: Proposal) -> list[float]:
    """Priors, with a city preferred over the same-named division it lies in (Aleppo, New York)."""
    out = [prior(c, p) for c in cands]
    if p.after == "region":
        return out
    for i, c in enumerate(cands):
        e = c.entry
        if e.feature_class != "P" or e.population < 20_000 or c.kind not in (NAME_PRIMARY, 1):
            continue
        for j, d in enumerate(cands):
            a = d.entry
            if (
                a.feature_code in ("ADM1", "ADM2")
                and a.country == e.country
                and (a.admin1_code == e.admin1_code or a.id == e.parent)
            ):
                out[i] = max(out[i], out[j] + 0.5)
    return out


_READINGS: dict[tuple, tuple[list[Candidate], list[float]]] = {}


def _readings(p: Proposal) -> tuple[list[Candidate], list[float]]:
    """A name's usable candidates and their priors, kept across documents: the gazetteers
    hand back the same candidate objects for a name, so their identity is a safe key."""
    key = (p.key, p.exact, p.demonym, p.after, len(p.candidates), id(p.candidates[0]) if p.candidates else 0)
    found = _READINGS.get(key)
    if found is None:
        cands = _usable(p)
        found = (cands, _priors(cands, p))
        if len(_READINGS) > 50_000:
            _READINGS.clear()
        _READINGS[key] = found
    return found


def _inside(e: Entry, box: Entry) -> bool:
    """True when ``e`` lies in ``box`` as far as the records tell."""
    if e.id == box.id:
        return False
    if box.is_country:
        return e.country == box.country
    if box.feature_code == "ADM1":
        return e.country == box.country and e.admin1_code == box.admin1_code
    if box.feature_code == "ADM2":
        return e.country == box.country and e.admin2 == box.admin2 and e.admin2 is not None
    if e.parent == box.id:
        return True
    return e.country == box.country and _near_km(e, box.latitude, box.longitude) < 40


def _groups(proposals: Sequence[Proposal]) -> tuple[list[_Group], list[int]]:
    """One group per (name, demonym, kind of place); and each proposal's group index."""
    index: dict[tuple, int] = {}
    groups: list[_Group] = []
    of: list[int] = []
    for i, p in enumerate(proposals):
        kind = "air" if p.after in ("airbase", "base") else p.after if p.after in ("region", "district") else None
        key = (p.key, p.demonym, kind, p.exact)
        g = index.get(key)
        if g is None:
            cands, priors = _readings(p)
            g = index[key] = len(groups)
            groups.append(_Group([], cands, list(priors), exact=p.exact))
        groups[g].members.append(i)
        groups[g].local = groups[g].local or p.local
        groups[g].the = groups[g].the or p.the
        of.append(g)
    return groups, of


@dataclass(slots=True)
class _Focus:
    countries: Counter
    admin1: Counter
    cities: Counter
    total: float
    points: list[tuple[int, float, float]]  # (group, lat, lon) of the picked towns and sites
    towns: dict[str, Entry] = field(default_factory=dict)  # id -> entry of the towns in cities

    def city(self) -> Entry | None:
        """The town the document names most (the focus city), if any."""
        return self.towns[self.cities.most_common(1)[0][0]] if self.cities else None


def _focus(groups: list[_Group], known_country: str | None) -> _Focus:
    countries: Counter = Counter()
    admin1: Counter = Counter()
    cities: Counter = Counter()
    towns: dict[str, Entry] = {}
    points = []
    for g, grp in enumerate(groups):
        c = grp.candidate
        if c is None or c.entry.country is None:
            continue
        e = c.entry
        weight = (0.5 if c.kind == NAME_DEMONYM else 1.0) * min(len(grp.members), 3)
        countries[e.country] += weight
        if e.admin1_code and not e.is_country:
            admin1[e.admin1_code] += weight
        if e.feature_class == "P" and e.feature_code not in PART_CODES:
            cities[e.id] += len(grp.members)
            towns[e.id] = e
        if c.kind != NAME_DEMONYM and e.feature_class in "PS" and not e.is_region:
            points.append((g, e.latitude, e.longitude))
    if known_country:
        countries[known_country] += 3
    return _Focus(countries, admin1, cities, sum(countries.values()) or 1.0, points, towns)


def resolve(proposals: Sequence[Proposal], *, known_country: str | None = None) -> list[Choice]:
    """One Choice per proposal, in order."""
    groups, of = _groups(proposals)
    containers = _containers(proposals, of)
    peers: dict[int, set[int]] = {}
    for i, p in enumerate(proposals):
        if p.peer is not None and of[p.peer] != of[i]:
            peers.setdefault(of[i], set()).add(of[p.peer])
    for grp, bonus in zip(groups, _support(groups), strict=True):
        grp.priors = [pr + b for pr, b in zip(grp.priors, bonus, strict=True)]
    for grp in groups:
        grp.pick = max(range(len(grp.cands)), key=grp.priors.__getitem__) if grp.cands else None
    for _ in range(PASSES):
        focus = _focus(groups, known_country)
        for g, grp in enumerate(groups):
            if len(grp.cands) < 2:
                continue
            boxes = [b for b in (groups[h].entry for h in containers.get(g, ())) if b is not None]
            top = focus.countries.most_common(1)[0][0] if grp.local and focus.countries else None
            kinds = {e.feature_code for e in (groups[h].entry for h in peers.get(g, ())) if e is not None}
            grp.scores = [
                pr
                + _context(c, g, grp, boxes, focus, known_country, top)
                + (PEER_BONUS if c.entry.feature_code in kinds and c.entry.feature_code in LEVELS else 0.0)
                for c, pr in zip(grp.cands, grp.priors, strict=True)
            ]
        for grp in groups:
            if len(grp.cands) > 1:
                grp.pick = max(range(len(grp.cands)), key=grp.scores.__getitem__)
    focus = _focus(groups, known_country)
    city = focus.city()
    keep = [True] * len(groups)
    for g, grp in enumerate(groups):
        c = grp.candidate
        if c is not None and any(proposals[i].quoted for i in grp.members) and not _in_city(c.entry, city):
            grp.pick = c = None  # a quoted district is one of the focus city's, or unknown
        if c is None:
            continue
        boxes = [groups[b].entry for b in containers.get(g, ())]
        cued = any(_cued(proposals[i]) for i in grp.members)
        countries = [b for b in boxes if b is not None and b.is_country]
        if c.exact and countries and c.entry.population < 100_000 and not any(_inside(c.entry, b) for b in countries):
            # "Mahas in Somalia's Hiiraan region" whose only twin is in Jordan: not that one
            keep[g] = True
            grp.pick = None
        elif c.exact and not boxes and _outlier(c, g, focus):
            # named without a cue: likely no place at all; with one ("the town of Mahas" in
            # a Somalia report, whose only gazetteer twin is in Jordan): a place we don't know
            if cued and not _one_country(focus, besides=c.entry.country):
                continue  # a world news story names towns abroad: keep the reading
            keep[g] = cued
            grp.pick = None
        elif not c.exact and not _supported(c, g, grp, boxes, focus, proposals):
            grp.pick = None
            keep[g] = None  # decided per mention below
    out = []
    for i, p in enumerate(proposals):
        g = of[i]
        grp = groups[g]
        if keep[g] is False:
            out.append(Choice(None, 0.0, 1, None, None, keep=False))
            continue
        box = groups[of[p.container]].entry if p.container is not None else None
        if box is None and p.of_city:
            box = city  # the "Assad district" of the city
        choice = _choice(p, grp, box)
        if keep[g] is None:
            choice.keep = choice.entry is not None or p.after in STRONG_KINDS or _typed(p) or p.quoted
        out.append(choice)
    return out


def _in_city(e: Entry, city: Entry | None) -> bool:
    if city is None:
        return False
    return e.parent == city.id or (e.country == city.country and _near_km(e, city.latitude, city.longitude) < 20)


def _support(groups: list[_Group]) -> list[list[float]]:
    """What the other names' likely readings say for each candidate, before any choice.

    "Paris" and "Henry County" in one text: the Paris inside a Henry County, and the
    Henry County around a Paris, back each other up whichever the first guesses were.
    Each reading of another name counts by how likely it is on its own (a softmax of
    its priors), so the thousand small towns a common word also names add little.
    A country or first-level division is backed by the readings inside it, a town
    by the readings near it and by its own division or country named. Candidates are
    binned on a one-degree grid so this stays linear in practice.
    """
    grid: dict[tuple[int, int], list[tuple[int, Entry, float]]] = {}
    inside: dict[str, dict[int, float]] = {}  # country or admin1 code -> group -> mass inside
    named: dict[str, dict[int, float]] = {}  # country or admin1 code -> group -> mass naming it
    for g, grp in enumerate(groups):
        for c, prob in zip(grp.cands, _probabilities(grp.priors), strict=True):
            e = c.entry
            codes = (e.country,) if e.is_country or c.kind == NAME_DEMONYM else (e.country, e.admin1_code)
            if e.is_country or e.feature_code == "ADM1" or c.kind == NAME_DEMONYM:
                code = e.admin1_code if e.feature_code == "ADM1" else e.country
                if code:
                    slot = named.setdefault(code, {})
                    slot[g] = slot.get(g, 0.0) + prob
                continue
            for code in codes:
                if code:
                    slot = inside.setdefault(code, {})
                    slot[g] = slot.get(g, 0.0) + prob
            if e.feature_class in "PSA" and not e.is_region:
                grid.setdefault((int(e.latitude // 1), int(e.longitude // 1)), []).append((g, e, prob))
    out = []
    for g, grp in enumerate(groups):
        bonus: list[float] = []
        out.append(bonus)
        if len(grp.cands) < 2:  # one reading: nothing to decide
            bonus.extend(0.0 for _ in grp.cands)
            continue
        for c in grp.cands:
            e = c.entry
            if c.kind == NAME_DEMONYM:
                bonus.append(0.0)
                continue
            if e.is_country or e.feature_code == "ADM1":
                code = e.admin1_code if e.feature_code == "ADM1" else e.country
                mass = sum(m for h, m in inside.get(code or "", {}).items() if h != g)
                bonus.append(min(SUPPORT_INSIDE * mass, SUPPORT_MAX))
                continue
            score = 0.0
            if e.feature_class in "PSA" and not e.is_region:
                near: dict[int, float] = {}
                la, lo = int(e.latitude // 1), int(e.longitude // 1)
                for x in (la - 1, la, la + 1):
                    for y in (lo - 1, lo, lo + 1):
                        for h, o, prob in grid.get((x, y), ()):
                            if h != g and o.id != e.id:
                                d = _near_km(e, o.latitude, o.longitude)
                                w = prob if d < 30 else prob / 2 if d < 100 else 0.0
                                if w > near.get(h, 0.0):
                                    near[h] = w
                score = SUPPORT_NEAR * sum(near.values())
            for code, weight in ((e.admin1_code, SUPPORT_ADMIN1), (e.country, SUPPORT_COUNTRY)):
                if code and not e.is_country:
                    score += weight * sum(m for h, m in named.get(code, {}).items() if h != g)
            bonus.append(min(score, SUPPORT_MAX))
    return out


def _probabilities(priors: list[float]) -> list[float]:
    if not priors:
        return []
    top = max(priors)
    weights = [math.exp((p - top) / SOFTMAX_T) for p in priors]
    total = sum(weights)
    return [w / total for w in weights]


def _containers(proposals: Sequence[Proposal], of: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for i, p in enumerate(proposals):
        if p.container is not None and of[p.container] != of[i]:
            out.setdefault(of[i], []).append(of[p.container])
    return out


def _cued(p: Proposal) -> bool:
    return p.before in CUED or bool(p.after) or p.first != p.last


def _typed(p: Proposal) -> bool:
    """The span ends in a place-type word: "the Qasr district", "Bagram airbase"."""
    return p.text.split()[-1].lower() in TYPE_WORDS


AIRPORT_CITY_KM = 40.0


def _airport_by_city(c: Candidate) -> bool:
    """An airport found exactly under its city's name ("Paletwa" for Paletwa Airport)."""
    return c.exact and c.kind == NAME_SHORT and c.entry.feature_code in AIRPORT_CODES


def _one_country(focus: _Focus, besides: str | None, share: float = 0.6) -> bool:
    """The document is about one country: its other places are nearly all there."""
    if not focus.countries:
        return False
    top, count = focus.countries.most_common(1)[0]
    rest = focus.total - (focus.countries[besides] if besides != top else 0.0)
    return count >= share * rest


def _outlier(c: Candidate, g: int, focus: _Focus) -> bool:
    """A small place in a country nothing else in the document is about, named without a cue."""
    e = c.entry
    if e.is_country or e.is_region or e.feature_code in ("ADM1", "PPLC") or e.population >= 100_000:
        return False
    if e.country is None or focus.total < 3:
        return False
    own = 1.0 if c.kind != NAME_DEMONYM else 0.5
    return focus.countries[e.country] - own <= 0 and _proximity(e, g, focus) == 0.0


def _supported(
    c: Candidate, g: int, grp: _Group, boxes: list[Entry | None], focus: _Focus, proposals: Sequence[Proposal]
) -> bool:
    """A fuzzy (skeleton) match counts only when the document backs it up."""
    e = c.entry
    if any(_airport_by_city(o) and _near_km(o.entry, e.latitude, e.longitude) < AIRPORT_CITY_KM for o in grp.cands):
        return True  # the airport named after the city is beside it
    real = [b for b in boxes if b is not None]
    if real:
        return any(_inside(e, b) for b in real)
    if e.parent and focus.cities.get(e.parent):
        return True
    if e.country and focus.countries[e.country] >= 0.5 * focus.total and _proximity(e, g, focus) >= 1.2:
        return True
    strong = any(proposals[i].after in STRONG_KINDS for i in grp.members)
    # another place of the document in that country, not this reading's own vote
    # ("Pazigyi village" in a Myanmar report is not Požega, Croatia)
    own = min(len(grp.members), 3) if grp.candidate is not None and grp.candidate.entry is e else 0
    return strong and focus.countries[e.country] - own > 0


def _context(
    c: Candidate,
    g: int,
    grp: _Group,
    boxes: list[Entry],
    focus: _Focus,
    known_country: str | None,
    local_country: str | None,
) -> float:
    e = c.entry
    score = 0.0
    if boxes:
        score += 8.0 if any(_inside(e, b) for b in boxes) else -1.0
    if known_country and e.country == known_country:
        score += 3.0
    if local_country and e.country == local_country:
        score += LOCAL_BONUS  # "Dublin City Council" in a text about Ohio
    if grp.the and e.feature_class == "P" and e.population < 100_000:
        score -= THE_TOWN  # "the Atlantic" is the ocean, not Atlantic, Iowa
    if grp.the and e.feature_class == "H" and not e.country:
        score += THE_WATER  # "the Red Sea" is the sea, not Sudan's Red Sea state
    mine = grp.candidate
    weight = min(len(grp.members), 3)
    if e.country:
        own = 0.0
        if mine is not None and mine.entry.country == e.country:
            own = (0.5 if mine.kind == NAME_DEMONYM else 1.0) * weight
        share = (focus.countries[e.country] - own) / max(focus.total - own, 1.0)
        score += 5.0 * max(share, 0.0)
    if e.admin1_code and not e.is_country:
        own = weight if mine is not None and mine.entry.admin1_code == e.admin1_code else 0.0
        score += min(focus.admin1[e.admin1_code] - own, 3) * 1.5
    if e.parent and focus.cities.get(e.parent):
        score += 2.5  # a district of a city the document is about
    if e.feature_class in "PS" and not e.is_region:
        score += _proximity(e, g, focus)
    return score


def _proximity(e: Entry, g: int, focus: _Focus) -> float:
    best = math.inf
    lat, lon = e.latitude, e.longitude
    for other, olat, olon in focus.points:
        if other == g or abs(olat - lat) > 3 or abs(olon - lon) > 4:
            continue
        d = _near_km(e, olat, olon)
        if 0 < d < best or (d == 0 and other != g):
            best = d
    if best < 30:
        return 3.0
    if best < 100:
        return 1.5
    if best < 300:
        return 0.5
    return 0.0


def _choice(p: Proposal, grp: _Group, container: Entry | None) -> Choice:
    relation = p.before if p.before not in (None, "of") else None
    if p.after in ("district", "outskirts"):
        relation = "district_of" if p.after == "district" else "outskirts"
    pick = grp.candidate
    if pick is None:
        if container is not None and p.after in ("district", "area", "settlement", "airbase", "base"):
            return Choice(container, 0.4, 2, "district_of" if p.after == "district" else "part_of")
        return Choice(None, 0.0, 1, relation)
    ranked = sorted(grp.scores or grp.priors, reverse=True)
    margin = ranked[0] - ranked[1] if len(ranked) > 1 else 4.0
    confidence = 1 / (1 + math.exp(-(margin + (0 if pick.exact else -1.5)) / 1.5))
    e = pick.entry
    if p.demonym:
        return Choice(e, round(confidence * 0.8, 3), 3, "demonym", pick)
    precision = 1
    if e.feature_code in REGION_PRECISION_CODES or e.feature_code in AREA_CODES or e.is_region:
        precision = 3
    elif e.feature_code in PART_CODES or relation in ("near", "outskirts", "part_of"):
        precision = 2
    elif p.after in ("airbase", "base") and e.feature_code not in AIRPORT_CODES and e.feature_class == "P":
        precision, relation = 2, "near"
    elif e.feature_code in AIRPORT_CODES and p.after not in ("airbase", "base") and not _typed(p):
        precision, relation = 2, "near"  # "the town of Paletwa", known only by its airport
    if e.feature_code in PART_CODES:
        relation = relation or "part_of"
    return Choice(e, round(confidence, 3), precision, relation, pick)
