"""A small store built by hand for the web app's tests: known events at known places.

Reports are built from the contract dataclasses, so these tests don't depend on
what extraction finds. One document is hostile: its text, title, outlet, actor
and place names carry HTML and script payloads that must render as text.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from frontlines.types import Actor, ControlClaim, Document, Event, Place, Report, Span

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_FLAG = '<img src=x onerror="window.__pwned=1">'

ARMY = Actor(name="Military Forces of Syria", id="sy-military", type="State forces", country="SY")
REBELS = Actor(name="Free Syrian Army", id="fsa", type="Rebel groups", country="SY")
ISIS = Actor(name="Islamic State (Iraq)", id="isis", type="Rebel groups", country="IQ")
COALITION = Actor(name="Military Forces of Saudi Arabia", id="sa-military", type="State forces", country="SA")
RUSSIA = Actor(name="Military Forces of Russia", id="ru-military", type="External/Other forces", country="RU")


def place(name: str, country: str, lat: float, lon: float, gid: str, admin1: str) -> Place:
    return Place(
        name=name,
        country=country,
        admin1=admin1,
        latitude=lat,
        longitude=lon,
        gazetteer="geonames",
        gazetteer_id=gid,
        geo_precision=1,
    )


ALEPPO = place("Aleppo", "SY", 36.2021, 37.1343, "170063", "Aleppo")
BUSTAN = place("Bustan al-Qasr", "SY", 36.1935, 37.1372, "t-bustan", "Aleppo")
BAGHDAD = place("Baghdad", "IQ", 33.3406, 44.4009, "98182", "Baghdad")
SANAA = place("Sanaa", "YE", 15.3547, 44.2067, "71137", "Amanat al Asimah")
KHARKIV = place("Kharkiv", "UA", 49.9808, 36.2527, "706483", "Kharkiv")

SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
AIRSTRIKE = ("Explosions/Remote violence", "Air/drone strike")
CLASH = ("Battles", "Armed clash")


def _span(text: str, words: str, sentence: int = 0, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span(start, start + len(words), words, sentence)


def _doc(text: str, *, title: str, source: str, published: str, key: str) -> Document:
    return Document(
        id=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        key=key,
        title=title,
        published=published,
        source=source,
        url=f"https://news.example/{key}",
    )


def _event(
    ident: str,
    text: str,
    sentence: str,
    *,
    types: tuple[str, str],
    date: str,
    location: Place,
    actor1: Actor | None,
    words: dict[str, str],
    fatalities: int | None = None,
    actor2: Actor | None = None,
    confidence: float = 0.7,
) -> Event:
    ev = _span(text, sentence)
    spans = {k: _span(text, w, 0, ev.start) for k, w in words.items()}
    return Event(
        id=ident,
        event_type=types[0],
        sub_event_type=types[1],
        date=date,
        actor1=actor1,
        actor2=actor2,
        location=location,
        fatalities=fatalities,
        confidence=confidence,
        evidence=[ev],
        notes=f"On {date}, {types[1]} in {location.name}.",
        spans=spans,
    )


def _report(
    text: str, sentence: str, ident: str, *, document: dict[str, str], control: list | None = None, **event: Any
) -> Report:
    """One document with one event told in ``sentence``."""
    return Report(
        document=_doc(text, **document),
        events=[_event(ident, text, sentence, **event)],
        control=control or [],
    )


def reports() -> list[Report]:
    """Six documents: a shelling told twice (one merged event), three elsewhere, one hostile."""
    s1 = "Syrian army artillery shelled Aleppo on Friday, killing 7 civilians."
    text1 = f"Aleppo under fire\n\n{s1} Residents fled east."
    s2 = "Government forces shelled Aleppo on Friday, and 9 people died."
    text2 = f"Shelling in Aleppo\n\n{s2}"
    s3 = "A roadside bomb exploded in Baghdad on Saturday, killing 3 people."
    s4 = "Coalition jets struck Sanaa overnight."
    s5 = "Fighting broke out near Kharkiv."
    return [
        _report(
            text1,
            s1,
            "a1",
            document={"title": "Aleppo under fire", "source": "Outlet A", "published": "2016-10-29", "key": "a.txt"},
            types=SHELLING,
            date="2016-10-28",
            location=ALEPPO,
            actor1=ARMY,
            fatalities=7,
            words={
                "trigger": "shelled",
                "actor1": "Syrian army",
                "location": "Aleppo",
                "date": "Friday",
                "fatalities": "killing 7",
            },
            control=[
                ControlClaim(
                    place=BUSTAN,
                    actor=REBELS,
                    status="holds",
                    date="2016-10-28",
                    claimed_by=REBELS,
                    certainty="claimed",
                    evidence=[_span(text1, "Residents fled east.")],
                )
            ],
        ),
        _report(
            text2,
            s2,
            "b1",
            document={"title": "Shelling in Aleppo", "source": "Outlet B", "published": "2016-10-29", "key": "b.txt"},
            types=SHELLING,
            date="2016-10-28",
            location=ALEPPO,
            actor1=ARMY,
            fatalities=9,
            words={
                "trigger": "shelled",
                "actor1": "Government forces",
                "location": "Aleppo",
                "fatalities": "9 people died",
            },
            control=[
                ControlClaim(
                    place=BUSTAN,
                    actor=ARMY,
                    status="gained",
                    date="2016-11-20",
                    claimed_by=ARMY,
                    certainty="claimed",
                    evidence=[_span(text2, s2)],
                ),
                ControlClaim(
                    place=BUSTAN,
                    actor=REBELS,
                    status="lost",
                    date="2016-11-20",
                    claimed_by="Outlet B",
                    certainty="reported",
                    evidence=[_span(text2, s2)],
                ),
            ],
        ),
        _report(
            f"Bomb in Baghdad\n\n{s3}",
            s3,
            "c1",
            document={"title": "Bomb in Baghdad", "source": "Outlet C", "published": "2016-09-11", "key": "c.txt"},
            types=IED,
            date="2016-09-10",
            location=BAGHDAD,
            actor1=ISIS,
            fatalities=3,
            words={"trigger": "roadside bomb", "location": "Baghdad"},
        ),
        _report(
            f"Strikes on Sanaa\n\n{s4}",
            s4,
            "d1",
            document={"title": "Strikes on Sanaa", "source": "Outlet D", "published": "2016-10-09", "key": "d.txt"},
            types=AIRSTRIKE,
            date="2016-10-08",
            location=SANAA,
            actor1=COALITION,
            words={"trigger": "struck", "location": "Sanaa"},
        ),
        _report(
            f"Clashes near Kharkiv\n\n{s5}",
            s5,
            "e1",
            document={"title": "Clashes near Kharkiv", "source": "Outlet E", "published": "2016-08-16", "key": "e.txt"},
            types=CLASH,
            date="2016-08-15",
            location=KHARKIV,
            actor1=RUSSIA,
            words={"trigger": "Fighting", "location": "Kharkiv"},
            confidence=0.4,
        ),
        hostile_report(),
    ]


def hostile_report() -> Report:
    """Script and HTML payloads in every article-derived field."""
    s6 = f"Rebels clashed with troops in Aleppo on Sunday {XSS_SCRIPT} {XSS_IMG} {XSS_FLAG}."
    text = f'{XSS_SCRIPT} headline\n\n{s6}\nMore: <a href="javascript:alert(1)">click</a>'
    hostile = Actor(name=f"Rebels {XSS_IMG}", id=None, type="Rebel groups", country="SY")
    where = Place(
        name=f"Aleppo {XSS_FLAG}",
        country="SY",
        admin1="Aleppo",
        latitude=36.21,
        longitude=37.15,
        gazetteer="geonames",
        gazetteer_id="t-xss",
        geo_precision=2,
    )
    event = _event(
        "x1",
        text,
        s6,
        types=CLASH,
        date="2016-10-30",
        location=where,
        actor1=hostile,
        actor2=ARMY,
        words={"trigger": "clashed", "actor1": "Rebels", "location": "Aleppo", "date": "Sunday"},
    )
    return Report(
        document=Document(
            id=hashlib.sha256(text.encode()).hexdigest(),
            text=text,
            key="x.txt",
            title=f"{XSS_SCRIPT} {XSS_IMG}",
            published="2016-10-31",
            source=f"Outlet {XSS_FLAG}",
            url="javascript:alert(1)",
        ),
        events=[event],
        control=[
            ControlClaim(
                place=where,
                actor=hostile,
                status="contested",
                date="2016-10-30",
                claimed_by=XSS_IMG,
                certainty="claimed",
                evidence=[event.evidence[0]],
            )
        ],
    )


def build_store(path: Path) -> dict[str, Any]:
    """Write the reports into a new store at ``path``; returns what tests look up."""
    from frontlines.store import Store

    reps = reports()
    with Store(path, command="tests") as store:
        store.add_reports(reps)
        ids = {r.document.key: store.document(r.document.id)["event_ids"] for r in reps}
    return {
        "path": path,
        "reports": reps,
        "event_of": {key: found[0] for key, found in ids.items()},
        "hostile_document": reps[-1].document.id,
    }
