"""Choose one candidate per proposed span, using the whole document.

Each candidate gets a prior (what kind of place, how populous, how the name
matched) and then context: an explicit container in the text ("Gainesville,
Ga.", "Aleppo's al-Ramousa"), the document's focus country and first-level
division, closeness to the other places resolved, and the focus city's own
districts ("Minya" in an article about Aleppo is its Minyan district). Two
passes: the first fixes the focus, the second uses it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from frontlines.recognise.places import Proposal
from frontlines.resolve.gazetteer import (
    AIRPORT_CODES,
    NAME_DEMONYM,
    NAME_PRIMARY,
    NAME_SHORT,
    Candidate,
    Entry,
)
from frontlines.resolve.gazetteers.curated import PART_CODES

FEATURE_PRIOR = {
    "PCLI": 7.0, "PCLS": 5.0, "PCLD": 5.0, "PCLF": 4.0, "TERR": 4.0, "CONT": 6.0,
    "ADM1": 4.0, "ADM2": 1.0, "ADM3": 0.5, "PPLC": 4.0, "PPLA": 1.5, "PPLA2": 1.0,
    "RGN": 4.5, "SEA": 4.5, "OCN": 5.0, "GULF": 4.0, "STRT": 4.0, "PEN": 4.0, "STM": 2.5,
    "PART": 2.0, "PPLX": 0.5, "AIRP": -2.0, "AIRB": -2.0,
}  # fmt: skip
MAX_CANDIDATES = 12
AREA_CODES = frozenset({"CONT", "RGN", "SEA", "OCN", "GULF", "STRT", "PEN", "MTS", "STM"})
REGION_PRECISION_CODES = frozenset({"PCLI", "PCLS", "PCLD", "PCLF", "TERR", "ADM1", "ADM2"})


@dataclass(slots=True)
class Choice:
    entry: Entry | None
    score: float  # 0..1
    precision: int
    relation: str | None
    candidate: Candidate | None = None
    keep: bool = True  # False: not a place after all (an unsupported fuzzy match)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


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
    return [c for c in cands if c.kind != NAME_SHORT]


def prior(c: Candidate, p: Proposal) -> float:
    e = c.entry
    score = FEATURE_PRIOR.get(e.feature_code, 0.0) + 0.55 * math.log10(e.population + 1)
    score += {NAME_PRIMARY: 0.6, NAME_SHORT: -1.5}.get(c.kind, 0.0)
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
    """Priors, with a city preferred over the same-named division it lies in (Aleppo, Geneva)."""
    out = [prior(c, p) for c in cands]
    if p.after == "region":
        return out
    for i, c in enumerate(cands):
        e = c.entry
        if e.feature_class != "P" or e.population < 20_000:
            continue
        if c.kind != NAME_PRIMARY:
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
    return e.country == box.country and distance_km(e.latitude, e.longitude, box.latitude, box.longitude) < 40


def resolve(proposals: Sequence[Proposal], *, known_country: str | None = None) -> list[Choice]:
    """One Choice per proposal, in order."""
    usable = [_usable(p) for p in proposals]
    priors = [_priors(cs, p) for cs, p in zip(usable, proposals, strict=True)]
    picks: list[Candidate | None] = [
        cs[max(range(len(cs)), key=ps.__getitem__)] if cs else None for cs, ps in zip(usable, priors, strict=True)
    ]
    scores: list[list[float]] = priors
    for _ in range(2):
        focus = _focus_counts(picks, known_country)
        scores = [
            [pr + _context(c, i, p, picks, focus, known_country, proposals) for c, pr in zip(cs, ps, strict=True)]
            for i, (cs, ps, p) in enumerate(zip(usable, priors, proposals, strict=True))
        ]
        picks = [
            cs[max(range(len(cs)), key=ss.__getitem__)] if cs else None for cs, ss in zip(usable, scores, strict=True)
        ]
    focus = _focus_counts(picks, known_country)
    out = []
    for i, p in enumerate(proposals):
        pick = picks[i]
        if pick is not None and pick.exact and _outlier(pick, i, p, picks, focus):
            out.append(Choice(None, 0.0, 1, None, None, keep=False))
            picks[i] = None
            continue
        if pick is not None and not pick.exact and not _supported(pick, i, p, picks, focus):
            picks[i] = None
            choice = _choice(p, None, scores[i], usable[i], picks, proposals)
            choice.keep = choice.entry is not None or p.after in STRONG_KINDS or _typed(p)
            out.append(choice)
            continue
        out.append(_choice(p, pick, scores[i], usable[i], picks, proposals))
    return out


STRONG_KINDS = frozenset({"district", "airbase", "settlement"})
CUED = frozenset({"in", "near", "outskirts", "district_of"})
DISTRICT_WORDS = frozenset({"district", "neighbourhood", "neighborhood", "quarter", "suburb"})
TYPE_WORDS = frozenset(
    {"district", "neighbourhood", "neighborhood", "quarter", "suburb", "camp", "airbase",
     "airport", "village", "town", "area"}
)  # fmt: skip


def _typed(p: Proposal) -> bool:
    """The span ends in a place-type word: "the Qasr district", "Bagram airbase"."""
    return p.text.split()[-1].lower() in TYPE_WORDS


def _outlier(c: Candidate, i: int, p: Proposal, picks: Sequence[Candidate | None], focus: _Focus) -> bool:
    """A small place in a country nothing else in the document is about, named without a cue."""
    e = c.entry
    if p.before in CUED or p.after or p.container is not None or p.first != p.last:
        return False
    if e.is_country or e.is_region or e.feature_code in ("ADM1", "PPLC") or e.population >= 100_000:
        return False
    if e.country is None or focus.total < 3:
        return False
    own = 1.0 if c.kind != NAME_DEMONYM else 0.5
    return focus.countries[e.country] - own <= 0 and _proximity(e, i, picks) == 0.0


def _supported(c: Candidate, i: int, p: Proposal, picks: Sequence[Candidate | None], focus: _Focus) -> bool:
    """A fuzzy (skeleton) match counts only when the document backs it up."""
    e = c.entry
    if p.container is not None and picks[p.container] is not None:
        return _inside(e, picks[p.container].entry)
    if e.parent and focus.cities.get(e.parent):
        return True
    if e.country and focus.countries[e.country] >= 0.5 * focus.total and _proximity(e, i, picks) >= 1.2:
        return True
    return p.after in STRONG_KINDS and focus.countries[e.country] > 0


@dataclass(slots=True)
class _Focus:
    countries: Counter
    admin1: Counter
    cities: Counter
    total: float


def _focus_counts(picks: Sequence[Candidate | None], known_country: str | None) -> _Focus:
    countries: Counter = Counter()
    admin1: Counter = Counter()
    cities: Counter = Counter()
    for c in picks:
        if c is None or c.entry.country is None:
            continue
        e = c.entry
        weight = 0.5 if c.kind == NAME_DEMONYM else 1.0
        countries[e.country] += weight
        if e.admin1_code and not e.is_country:
            admin1[e.admin1_code] += weight
        if e.feature_class == "P" and e.feature_code not in PART_CODES:
            cities[e.id] += 1
    if known_country:
        countries[known_country] += 3
    return _Focus(countries, admin1, cities, sum(countries.values()) or 1.0)


def _context(
    c: Candidate,
    i: int,
    p: Proposal,
    picks: Sequence[Candidate | None],
    focus: _Focus,
    known_country: str | None,
    proposals: Sequence[Proposal],
) -> float:
    e = c.entry
    score = 0.0
    if p.container is not None and picks[p.container] is not None:
        box = picks[p.container].entry
        score += 8.0 if _inside(e, box) else -1.0
    if known_country and e.country == known_country:
        score += 3.0
    if e.country:
        own = 0.5 if picks[i] is not None and picks[i].entry.country == e.country else 0.0
        share = (focus.countries[e.country] - own) / focus.total
        score += 5.0 * max(share, 0.0)
    if e.admin1_code and not e.is_country:
        own = 1.0 if picks[i] is not None and picks[i].entry.admin1_code == e.admin1_code else 0.0
        score += min(focus.admin1[e.admin1_code] - own, 3) * 1.5
    if e.parent and focus.cities.get(e.parent):
        score += 2.5  # a district of a city the document is about
    if e.feature_class in "PS" and not e.is_region:
        score += _proximity(e, i, picks)
    return score


def _proximity(e: Entry, i: int, picks: Sequence[Candidate | None]) -> float:
    best = math.inf
    seen = set()
    for j, other in enumerate(picks):
        if j == i or other is None or other.kind == NAME_DEMONYM:
            continue
        o = other.entry
        if o.id in seen or o.feature_class not in "PS" or o.is_region or o.id == e.id:
            continue
        seen.add(o.id)
        if abs(o.latitude - e.latitude) > 3 or abs(o.longitude - e.longitude) > 4:
            continue
        best = min(best, distance_km(e.latitude, e.longitude, o.latitude, o.longitude))
    if best < 30:
        return 3.0
    if best < 100:
        return 1.5
    if best < 300:
        return 0.5
    return 0.0


def _choice(
    p: Proposal,
    pick: Candidate | None,
    scores: list[float],
    cands: list[Candidate],
    picks: Sequence[Candidate | None],
    proposals: Sequence[Proposal],
) -> Choice:
    container = picks[p.container].entry if p.container is not None and picks[p.container] else None
    relation = p.before if p.before not in (None, "of") else None
    if p.after in ("district", "outskirts"):
        relation = "district_of" if p.after == "district" else "outskirts"
    if pick is None:
        if container is not None and p.after in (
            "district",
            "area",
            "settlement",
            "airbase",
            "base",
        ):
            return Choice(container, 0.4, 2, "district_of" if p.after == "district" else "part_of")
        return Choice(None, 0.0, 1, relation)
    ranked = sorted(scores, reverse=True)
    margin = ranked[0] - ranked[1] if len(ranked) > 1 else 4.0
    confidence = 1 / (1 + math.exp(-(margin + (0 if pick.exact else -1.5)) / 1.5))
    e = pick.entry
    if p.demonym:
        return Choice(e, round(confidence * 0.8, 3), 3, "demonym", pick)
    precision = 1
    if e.feature_code in REGION_PRECISION_CODES or e.feature_code in AREA_CODES or e.is_region:
        precision = 3
    elif e.feature_code in PART_CODES or relation in ("near", "outskirts"):
        precision = 2
    elif p.after in ("airbase", "base") and e.feature_code not in AIRPORT_CODES and e.feature_class == "P":
        precision, relation = 2, "near"
    if e.feature_code in PART_CODES:
        relation = relation or "part_of"
    return Choice(e, round(confidence, 3), precision, relation, pick)
