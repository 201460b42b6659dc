"""Claims of responsibility: "Islamic State claimed responsibility" names the attacker.

ACLED codes the group that claims an attack as its actor when the report names no other.
A claim told in the event's sentence or the next two ("A suicide bomber struck a mosque
... The Islamic State group's affiliate claimed responsibility.") fills an empty actor1
of a violent event, and the event keeps its own certainty.
"""

from __future__ import annotations

from dataclasses import replace

from frontlines.extraction.context import DocContext
from frontlines.extraction.events import ARMED_EVENT_TYPES
from frontlines.resolve.actors import ActorResolver
from frontlines.types import SUB_EVENT_TYPES, Event

VIOLENT = {*ARMED_EVENT_TYPES, "Violence against civilians"}
DENIAL_WINDOW = 3  # tokens before "claimed" where a negation cue ("has not", "no group") denies it
FOLLOWING = 2  # sentences after the event's last evidence sentence that may tell the claim


def claimed_actors(ctx: DocContext, events: list[Event], resolver: ActorResolver) -> list[Event]:
    claims = [h for h in ctx.lexicon if h.label == "responsibility"]
    if not claims:
        return events
    out = []
    for event in events:
        if event.actor1 is None and SUB_EVENT_TYPES.get(event.sub_event_type) in VIOLENT and event.evidence:
            first = min(s.sentence for s in event.evidence)
            last = max(s.sentence for s in event.evidence)
            found = _claimant(ctx, claims, first, last + FOLLOWING, resolver, event.date)
            if found is not None:
                actor, mention, index = found
                spans = {**event.spans, "actor1": ctx.span(mention.start, mention.end, index)}
                evidence = list(event.evidence)
                if all(s.sentence != index for s in evidence):
                    evidence.append(ctx.sentence_span(index))  # the claim is evidence too
                event = replace(event, actor1=actor, spans=spans, evidence=evidence)
        out.append(event)
    return out


def _claimant(ctx: DocContext, claims: list, first: int, last: int, resolver: ActorResolver, day: str | None):
    for hit in claims:
        index = ctx.sentence_of(hit.tok_start)
        if not first <= index <= last:
            continue
        sent = ctx.sentences[index]
        lead = ctx.in_range(ctx.cues, max(sent.tok_start, hit.tok_start - DENIAL_WINDOW), hit.tok_start)
        if any(c.label == "negated" for c in lead):
            continue  # "JNIM has not claimed the attack", "no group has claimed responsibility"
        before = [a for a in ctx.in_range(ctx.actors, sent.tok_start, hit.tok_start) if a.entry is not None]
        named = [a for a in before if not a.entry.generic]
        if named:
            actor = resolver.to_actor(named[-1], day)
            if resolver.is_party(actor):
                return actor, named[-1], index
    return None
