"""The output contract (``frontlines/1``) as plain dataclasses.

Names and vocabularies follow ``contract.md``; other tools read them, so fields
may be added but never renamed. Every type round-trips through ``to_dict()`` /
``from_dict()`` and therefore through JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any, Literal

CONTRACT = "frontlines/1"

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TYPES: dict[str, str] = {sub: event_type for event_type, subs in EVENT_TYPES.items() for sub in subs}

Certainty = Literal["asserted", "reported", "claimed", "hedged", "negated", "planned"]
CERTAINTIES: tuple[str, ...] = ("asserted", "reported", "claimed", "hedged", "negated", "planned")
REALISED: frozenset[str] = frozenset({"asserted", "reported", "claimed", "hedged"})

ControlStatus = Literal["gained", "lost", "holds", "contested", "besieged"]
CONTROL_STATUSES: tuple[str, ...] = ("gained", "lost", "holds", "contested", "besieged")

# ACLED ``inter`` codes.
ACTOR_TYPES: dict[int, str] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
ACTOR_TYPE_CODES: dict[str, int] = {name: code for code, name in ACTOR_TYPES.items()}


class _Record:
    """Shared dict/JSON conversion for the contract dataclasses."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)


def _plain(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(slots=True)
class Span(_Record):
    """Character offsets into the normalised document text: ``text == doc[start:end]``."""

    start: int
    end: int
    text: str
    sentence: int

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(start=d["start"], end=d["end"], text=d["text"], sentence=d["sentence"])


@dataclass(slots=True)
class Actor(_Record):
    name: str
    id: str | None = None
    type: str | None = None
    country: str | None = None
    mention: str | None = None

    @property
    def inter(self) -> int | None:
        """ACLED's numeric actor type."""
        return ACTOR_TYPE_CODES.get(self.type) if self.type else None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            name=d["name"],
            id=d.get("id"),
            type=d.get("type"),
            country=d.get("country"),
            mention=d.get("mention"),
        )


@dataclass(slots=True)
class Place(_Record):
    name: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    gazetteer: str | None = None
    gazetteer_id: str | None = None
    feature: str | None = None
    geo_precision: int = 1
    mention: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(**{f.name: d.get(f.name) for f in fields(cls) if f.name in d})


@dataclass(slots=True)
class Mention(_Record):
    text: str
    start: int
    end: int
    kind: str
    resolved_to: Actor | Place | str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(
            text=d["text"],
            start=d["start"],
            end=d["end"],
            kind=d["kind"],
            resolved_to=_resolved_from_dict(d.get("resolved_to")),
        )


def _resolved_from_dict(value: Any) -> Actor | Place | str | None:
    if value is None or isinstance(value, str):
        return value
    if "latitude" in value or "gazetteer" in value:
        return Place.from_dict(value)
    return Actor.from_dict(value)


def _actor_or_str(value: Any) -> Actor | str | None:
    if value is None or isinstance(value, str):
        return value
    return Actor.from_dict(value)


@dataclass(slots=True)
class Event(_Record):
    id: str
    event_type: str
    sub_event_type: str
    date: str | None
    date_end: str | None = None
    time_precision: int = 1
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actor1: list[Actor] = field(default_factory=list)
    assoc_actor2: list[Actor] = field(default_factory=list)
    location: Place | None = None
    fatalities: int | None = None
    quantity: str | None = None
    certainty: str = "asserted"
    claimed_by: Actor | str | None = None
    confidence: float = 0.5
    evidence: list[Span] = field(default_factory=list)
    notes: str = ""
    # Added to the contract (fields may be added): the span behind each field, keyed by
    # field name ("trigger", "actor1", "location", "date", "fatalities", ...).
    spans: dict[str, Span] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        def actor(v: Any) -> Actor | None:
            return Actor.from_dict(v) if v else None

        extra = {f.name: d[f.name] for f in fields(cls) if f.name in d}
        extra.update(
            actor1=actor(d.get("actor1")),
            actor2=actor(d.get("actor2")),
            assoc_actor1=[Actor.from_dict(a) for a in d.get("assoc_actor1") or []],
            assoc_actor2=[Actor.from_dict(a) for a in d.get("assoc_actor2") or []],
            location=Place.from_dict(d["location"]) if d.get("location") else None,
            claimed_by=_actor_or_str(d.get("claimed_by")),
            evidence=[Span.from_dict(s) for s in d.get("evidence") or []],
            spans={k: Span.from_dict(v) for k, v in (d.get("spans") or {}).items()},
        )
        return cls(**extra)


@dataclass(slots=True)
class ControlClaim(_Record):
    place: Place
    actor: Actor
    status: str
    date: str | None
    time_precision: int = 1
    claimed_by: Actor | str | None = None
    certainty: str = "asserted"
    evidence: list[Span] = field(default_factory=list)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ControlClaim:
        return cls(
            place=Place.from_dict(d["place"]),
            actor=Actor.from_dict(d["actor"]),
            status=d["status"],
            date=d.get("date"),
            time_precision=d.get("time_precision", 1),
            claimed_by=_actor_or_str(d.get("claimed_by")),
            certainty=d.get("certainty", "asserted"),
            evidence=[Span.from_dict(s) for s in d.get("evidence") or []],
        )


@dataclass(slots=True)
class Document(_Record):
    """One input text after normalisation. ``id`` is the sha256 of ``text``."""

    id: str
    text: str
    key: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"

    @property
    def chars(self) -> int:
        return len(self.text)

    def header(self) -> dict[str, Any]:
        """The contract's ``document`` object (the text itself is not repeated)."""
        return {
            "id": self.id,
            "key": self.key,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "url": self.url,
            "language": self.language,
            "chars": self.chars,
        }


@dataclass(slots=True)
class Report(_Record):
    """What ``frontlines extract`` returns for one document."""

    document: Document
    events: list[Event] = field(default_factory=list)
    control: list[ControlClaim] = field(default_factory=list)
    mentions: dict[str, list[Mention]] = field(default_factory=lambda: {"actors": [], "places": [], "dates": []})
    warnings: list[str] = field(default_factory=list)

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        document = self.document.header()
        if include_text:
            document["text"] = self.document.text
        return {
            "contract": CONTRACT,
            "document": document,
            "events": [e.to_dict() for e in self.events],
            "control": [c.to_dict() for c in self.control],
            "mentions": {k: [m.to_dict() for m in v] for k, v in self.mentions.items()},
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], *, text: str | None = None) -> Report:
        """Rebuild a Report; pass ``text`` when the dict does not carry it."""
        head = d["document"]
        document = Document(
            id=head["id"],
            text=text if text is not None else head.get("text", ""),
            key=head.get("key"),
            title=head.get("title"),
            published=head.get("published"),
            source=head.get("source"),
            url=head.get("url"),
            language=head.get("language", "en"),
        )
        return cls(
            document=document,
            events=[Event.from_dict(e) for e in d.get("events", [])],
            control=[ControlClaim.from_dict(c) for c in d.get("control", [])],
            mentions={k: [Mention.from_dict(m) for m in v] for k, v in d.get("mentions", {}).items()},
            warnings=list(d.get("warnings", [])),
        )
