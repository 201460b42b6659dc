"""A group of merged candidates → one contract ``Event`` with evidence for every field."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from frontlines.extraction.context import DocContext
from frontlines.extraction.dedupe import TERRITORY, most_cautious
from frontlines.extraction.events import ARMED_EVENT_TYPES, Candidate
from frontlines.extraction.notes import write_note
from frontlines.geo import specificity
from frontlines.knowledge.codebook import Codebook
from frontlines.resolve.actors import ActorMention, ActorResolver
from frontlines.types import SUB_EVENT_TYPES, Actor, Event, Place, Span

_CERTAINTY_FACTOR = {
    "asserted": 1.0,
    "reported": 0.95,
    "claimed": 0.9,
    "hedged": 0.7,
    "planned": 0.5,
    "negated": 0.4,
}


def event_id(document_id: str, sub_event_type: str, start: int) -> str:
    """Stable: the same document and trigger give the same id on every run."""
    raw = f"{document_id}|{sub_event_type}|{start}".encode()
    return hashlib.sha256(raw).hexdigest()[:20]


def _best_actor(mentions: list[ActorMention | None]) -> ActorMention | None:
    named = [m for m in mentions if m is not None and m.entry is not None]
    specific = [m for m in named if not m.entry.generic]  # type: ignore[union-attr]
    return (specific or named or [None])[0]


LOCAL_EVENT_TYPES = {"Protests", "Riots"}


def build_event(ctx: DocContext, group: list[Candidate], resolver: ActorResolver, codebook: Codebook) -> Event:
    first = group[0]
    sub = first.sub_event_type
    day = min(
        (c.date for c in group if c.date and c.precision == min(x.precision for x in group)),
        default=None,
    )
    precision = min(c.precision for c in group)
    day_iso = day.isoformat() if day else None
    spans: dict[str, Span] = {}
    t_start, t_end = ctx.tok_char(first.trigger.tok_start, first.trigger.tok_end)
    spans["trigger"] = ctx.span(t_start, t_end, first.sentence)

    located = [c for c in group if c.place is not None and c.place.place is not None]
    location = None
    if located:
        # the most specific; among equals the latest told, as reports narrow down
        # ("shelled Kharkiv ... hit the Saltivka district")
        best = min(reversed(located), key=lambda c: specificity(c.place.place))  # type: ignore[union-attr]
        location = best.place.place  # type: ignore[union-attr]
        spans["location"] = ctx.span(best.place.start, best.place.end)  # type: ignore[union-attr]
        if group[0].sub_event_type in TERRITORY:
            location = _partial_capture(location, located)
    else:
        location = next((c.place_inherited for c in group if c.place_inherited is not None), None)
    # the event's own place says whose unnamed actors these are: "police detained 50 in
    # Moscow" are Russia's police even in a report about Ukraine. Attackers may come from
    # abroad, so only the side acted on, and both sides of a protest or riot, are rebound.
    where = location.country if located and location is not None else None
    civil = codebook.sub_types[sub].event_type in LOCAL_EVENT_TYPES if sub in codebook.sub_types else False
    fighting = SUB_EVENT_TYPES.get(sub) in ARMED_EVENT_TYPES or sub in ("Disrupted weapons use", *TERRITORY)

    def actor(role: str) -> Actor | None:
        mention = _best_actor([getattr(c.roles, role) for c in group])
        if mention is None:
            return None
        spans[role] = ctx.span(mention.start, mention.end)
        if role == "actor2" or civil:
            mention = resolver.rebind(mention, where)
        if fighting and mention.entry is not None and mention.entry.id.endswith("-government"):
            # "Israel's Iron Dome intercepted", "Moscow launched missiles": its armed forces
            forces = resolver.military(mention.entry.country)
            mention = replace(mention, entry=forces) if forces is not None else mention
        return resolver.to_actor(mention, day_iso)

    actor1, actor2 = actor("actor1"), actor("actor2")
    assoc1 = _assoc([m for c in group for m in c.roles.assoc1], resolver, day_iso, exclude=actor1)
    assoc2 = _assoc([m for c in group for m in c.roles.assoc2], resolver, day_iso, exclude=actor2)
    if location is not None and actor1 is not None:
        actor1 = _external(actor1, location.country)
    if location is not None and actor2 is not None:
        actor2 = _external(actor2, location.country)

    dated = next((c for c in group if c.date_hit is not None), None)
    if dated is not None and dated.date_hit is not None:
        spans["date"] = ctx.span(dated.date_hit.start, dated.date_hit.end)
    date_end = next((c.date_end for c in group if c.date_end and c.precision == precision), None)

    counted = [c for c in group if c.fatalities is not None]
    fatalities = None
    if counted:
        low = min(counted, key=lambda c: c.fatalities.value)  # type: ignore[union-attr]
        fatalities = low.fatalities.value  # type: ignore[union-attr]
        spans["fatalities"] = ctx.span(low.fatalities.start, low.fatalities.end)  # type: ignore[union-attr]
    quantity = None
    q = next((c for c in group if c.quantity is not None), None)
    if q is not None and q.quantity is not None:
        quantity = ctx.text[q.quantity[0] : q.quantity[1]]
        spans["quantity"] = ctx.span(*q.quantity)

    certainty = most_cautious([c.claim.certainty for c in group])
    claimant = next((c.claim for c in group if c.claim.certainty == certainty), first.claim)
    if claimant.cue is not None:
        spans["certainty"] = claimant.cue
    if claimant.speaker is not None:
        spans["claimed_by"] = ctx.span(claimant.speaker.start, claimant.speaker.end)

    sentences = list(dict.fromkeys([c.sentence for c in group] + [s for c in group for s in c.extra_sentences]))
    evidence = [ctx.sentence_span(i) for i in sentences]
    confidence = _confidence(group, actor1, location is not None and bool(located), certainty)
    event = Event(
        id=event_id(ctx.document.id, sub, t_start),
        event_type=SUB_EVENT_TYPES[sub],
        sub_event_type=sub,
        date=day_iso,
        date_end=date_end.isoformat() if date_end and date_end != day else None,
        time_precision=precision,
        actor1=actor1,
        actor2=actor2,
        assoc_actor1=assoc1,
        assoc_actor2=assoc2,
        location=location,
        fatalities=fatalities,
        quantity=quantity,
        certainty=certainty,
        claimed_by=claimant.claimed_by,
        confidence=confidence,
        evidence=evidence,
        spans=spans,
    )
    event.notes = write_note(event, codebook.note_template(sub))
    return event


def _assoc(
    mentions: list[ActorMention], resolver: ActorResolver, day: str | None, *, exclude: Actor | None
) -> list[Actor]:
    out: list[Actor] = []
    seen = {exclude.id} if exclude else set()
    for m in mentions:
        a = resolver.to_actor(m, day)
        if a is not None and a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def _external(actor: Actor, where: str | None) -> Actor:
    """ACLED codes a state's forces acting abroad as External/Other forces (inter 8)."""
    if actor.type == "State forces" and where and actor.country and actor.country != where:
        return Actor(actor.name, actor.id, "External/Other forces", actor.country, actor.mention)
    return actor


def _confidence(group: list[Candidate], actor1: Actor | None, located: bool, certainty: str) -> float:
    weight = max(c.weight for c in group)
    score = weight * (1.0 if actor1 else 0.8) * (1.0 if located else 0.9)
    score *= _CERTAINTY_FACTOR.get(certainty, 0.5)
    if any(c.roles.inferred for c in group):
        score *= 0.95
    if all(c.background for c in group):
        score *= 0.7  # told as background ("last month's ceasefire deal"): not the report's news
    score += min(0.1, 0.05 * (len(group) - 1))
    return round(max(0.05, min(0.99, score)), 3)


def _partial_capture(location: Place, located: list) -> Place:
    """ "Seized parts of Aleppo" told once makes the whole capture one of part of the city.

    A territory change is a claim about control: when any telling of it takes only part
    of (or ground near) the place, the row says so (precision 2) rather than handing the
    whole city over on the strength of another sentence that names it plainly.
    """
    if location.geo_precision != 1:
        return location
    same = [c.place.place for c in located if c.place.place.gazetteer_id == location.gazetteer_id]
    if not any(p.geo_precision == 2 for p in same):
        return location
    return replace(location, geo_precision=2)
