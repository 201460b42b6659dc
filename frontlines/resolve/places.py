"""Geoparser: place mentions in a spaCy Doc, each resolved to one Place with a precision.

Recognition (``recognise/places.py``) proposes spans with gazetteer candidates;
ranking (``resolve/gazetteers/ranking.py``) picks one per span with the whole
document as context. The gazetteers open lazily on the first ``parse``, so
building a ``Geoparser`` costs nothing; the default index is built on first use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, SpanGroup

from frontlines.config import Settings
from frontlines.recognise.place_words import doc_text
from frontlines.recognise.places import propose
from frontlines.resolve.gazetteer import Candidate, Entry, Gazetteer
from frontlines.resolve.gazetteers.ranking import resolve
from frontlines.resolve.place_context import CAPITAL, FACILITY, capital_places, facility_places
from frontlines.types import Place

SPANS_KEY = "places"
FACILITY_HINT = FACILITY  # "the city's airport": resolved from the city once the rest is


@dataclass(slots=True)
class PlaceMention:
    start: int
    end: int
    text: str  # == doc.text[start:end]
    place: Place | None  # None when unresolvable
    score: float  # 0..1
    relation: str | None = None  # "in", "near", "outskirts", "district_of", "part_of", "demonym"


@dataclass(slots=True)
class Focus:
    country: str | None  # ISO alpha-2 the document is mostly about
    place: Place | None  # main city/area, if any


def to_place(entry: Entry, *, precision: int = 1, mention: str | None = None) -> Place:
    """A gazetteer entry as a contract Place."""
    return Place(
        name=entry.name,
        country=entry.country,
        admin1=entry.admin1,
        admin2=entry.admin2,
        latitude=round(entry.latitude, 5),
        longitude=round(entry.longitude, 5),
        gazetteer=entry.gazetteer,
        gazetteer_id=entry.id,
        feature=entry.feature_code,
        geo_precision=precision,
        mention=mention,
    )


class Geoparser:
    """Finds and resolves place mentions; one instance serves many documents."""

    def __init__(self, *, settings: Settings | None = None, gazetteers: Sequence[Gazetteer] | None = None) -> None:
        self.settings = settings
        self._gazetteers: list[Gazetteer] | None = list(gazetteers) if gazetteers is not None else None

    @property
    def gazetteers(self) -> list[Gazetteer]:
        if self._gazetteers is None:
            from frontlines.resolve.gazetteers.store import open_all

            self._gazetteers = list(open_all(self.settings))
        return self._gazetteers

    def lookup(self, keys: Sequence[str], skeleton: bool = False) -> dict[str, list[Candidate]]:
        """Candidates for each key from every gazetteer, higher priority first."""
        out: dict[str, list[Candidate]] = {}
        for gaz in self.gazetteers:
            for key, cands in gaz.lookup(keys, skeleton=skeleton).items():
                out.setdefault(key, []).extend(cands)
        return out

    def parse(
        self,
        doc: Doc,
        *,
        exclude: Sequence[tuple[int, int]] = (),
        known_country: str | None = None,
    ) -> list[PlaceMention]:
        """Every place mention in ``doc``, in text order; also stored in ``doc.spans["places"]``."""
        proposals = propose(doc, self.lookup, exclude=exclude)
        choices = resolve(proposals, known_country=known_country)
        mentions = []
        for p, choice in zip(proposals, choices, strict=True):
            if not choice.keep:
                continue
            place = None
            if choice.entry is not None:
                place = to_place(choice.entry, precision=choice.precision, mention=p.text)
            mentions.append(PlaceMention(p.start, p.end, p.text, place, choice.score, choice.relation))
        text = doc_text(doc)
        if mentions and FACILITY_HINT.search(text):
            mentions = _named_through(mentions, text, facility_places(text, mentions, self.lookup))
        if mentions and CAPITAL.search(text):
            country = known_country or self.focus(mentions).country
            mentions = _named_through(mentions, text, capital_places(text, mentions, country, self.lookup))
        spans = [doc.char_span(m.start, m.end, label="PLACE", alignment_mode="expand") for m in mentions]
        doc.spans[SPANS_KEY] = SpanGroup(doc, name=SPANS_KEY, spans=[s for s in spans if s is not None])
        return mentions

    def focus(self, mentions: Sequence[PlaceMention]) -> Focus:
        """The country the document is mostly about, and its main city or area."""
        countries: Counter = Counter()
        places: Counter = Counter()
        first: dict[str, Place] = {}
        for m in mentions:
            p = m.place
            if p is None or p.country is None:
                continue
            countries[p.country] += 0.5 if m.relation == "demonym" else 1.0
            if m.relation != "demonym" and p.geo_precision < 3:
                key = p.gazetteer_id or p.name
                places[key] += 1
                first.setdefault(key, p)
        if not countries:
            return Focus(None, None)
        country = countries.most_common(1)[0][0]
        ranked = [k for k, _ in places.most_common() if first[k].country == country]
        place = None
        if ranked:
            top = first[ranked[0]]
            place = Place(**{f: getattr(top, f) for f in Place.__slots__})
            place.geo_precision, place.mention = 1, None
        return Focus(country, place)


def _named_through(mentions: list[PlaceMention], text: str, found: list[tuple[int, int, Entry]]) -> list[PlaceMention]:
    """Add places the text names through others ("the city's airport", "the Libyan capital"),
    in text order; a mention inside one ("Libyan") gives way to it."""
    kept = [m for m in mentions if not any(s <= m.start and m.end <= e for s, e, _ in found)]
    for start, end, entry in found:
        place = to_place(entry, precision=1, mention=text[start:end])
        kept.append(PlaceMention(start, end, text[start:end], place, 0.6, "in"))
    return sorted(kept, key=lambda m: m.start)
