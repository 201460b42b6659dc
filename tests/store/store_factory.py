"""Reports built by hand, so store and merge tests don't depend on what extraction finds."""

from __future__ import annotations

import hashlib
from typing import Any

from frontlines.types import Actor, Document, Event, Place, Report, Span

ARMY = Actor(name="Military Forces of Syria", id="sy-state", type="State forces", country="SY")
REBELS = Actor(name="Free Syrian Army", id="fsa", type="Rebel groups", country="SY")
ALEPPO = Place(
    name="Aleppo",
    country="SY",
    admin1="Aleppo",
    latitude=36.2021,
    longitude=37.1343,
    gazetteer="geonames",
    gazetteer_id="170063",
    geo_precision=1,
)
IDLIB = Place(
    name="Idlib",
    country="SY",
    admin1="Idlib",
    latitude=35.9306,
    longitude=36.6339,
    gazetteer="geonames",
    gazetteer_id="169388",
    geo_precision=1,
)
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def make_event(
    ident: str = "e1",
    *,
    types: tuple[str, str] = SHELLING,
    date: str | None = "2016-10-28",
    place: Place | None = ALEPPO,
    actor1: Actor | None = ARMY,
    actor2: Actor | None = None,
    fatalities: int | None = None,
    confidence: float = 0.6,
    **kw: Any,
) -> Event:
    text = f"Event {ident} happened."
    return Event(
        id=ident,
        event_type=types[0],
        sub_event_type=types[1],
        date=date,
        actor1=actor1,
        actor2=actor2,
        location=place,
        fatalities=fatalities,
        confidence=confidence,
        evidence=[Span(0, len(text), text, 0)],
        **kw,
    )


def make_report(name: str, events: list[Event], *, source: str | None = None, control: list | None = None) -> Report:
    """A Report whose document text (and so id) is unique to ``name``."""
    text = "\n".join(e.evidence[0].text for e in events) or f"Nothing happened ({name})."
    text = f"{name}\n{text}"
    doc = Document(
        id=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        key=f"{name}.txt",
        title=name,
        published="2016-10-29",
        source=source or name,
    )
    for e in events:
        start = text.index(e.evidence[0].text)
        e.evidence = [Span(start, start + len(e.evidence[0].text), e.evidence[0].text, 1)]
    return Report(document=doc, events=events, control=control or [])
