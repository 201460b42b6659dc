"""Who claims control of which place: ControlClaims from events and control language.

A territory event yields ``gained`` for its actor1 and ``lost`` for its actor2.
Control language adds ``holds`` ("rebel-held east Aleppo", "held by the SDF",
"its hold over the corridor"), ``besieged`` ("besieged Madaya": the actor
besieges the place) and ``contested`` ("the front line in Bakhmut").
"""

from __future__ import annotations

from dataclasses import dataclass

from frontlines.extraction import certainty as certainty_mod
from frontlines.extraction.context import DocContext, Hit, PlaceHit
from frontlines.extraction.dedupe import TERRITORY
from frontlines.knowledge.actors import ActorDictionary
from frontlines.knowledge.patterns import fold
from frontlines.recognise.actors import ActorRuler, lookup
from frontlines.resolve.actors import ActorMention, ActorResolver
from frontlines.types import REALISED, Actor, ControlClaim, Event, Place

_NEAR = 6  # tokens between a control phrase and its place or actor


@dataclass(slots=True)
class ControlExtractor:
    resolver: ActorResolver
    actors: ActorDictionary
    ruler: ActorRuler
    include_unrealised: bool = False

    def claims(self, ctx: DocContext, events: list[Event]) -> list[ControlClaim]:
        out = [c for e in events for c in _from_event(e)]
        for hit in _control_hits(ctx):
            claim = self._from_language(ctx, hit)
            if claim is not None and (self.include_unrealised or claim.certainty in REALISED):
                out.append(claim)
        return _unique(out)

    def _from_language(self, ctx: DocContext, hit: Hit) -> ControlClaim | None:
        sent = ctx.sentences[ctx.sentence_of(hit.tok_start)]
        if sent.skip:
            return None
        clause = sent.clause_of(hit.tok_start)
        places = [p for p in ctx.in_range(ctx.places, sent.tok_start, sent.tok_end) if p.place is not None]
        if hit.value == "compound":
            actor = self._compound_actor(ctx, hit)
            place = _nearest(places, hit.tok_end, after=True)
        else:
            place = _nearest(places, hit.tok_end, after=True) or _nearest(places, hit.tok_start, after=False)
            actor = self._actor_for(ctx, hit, sent.tok_start, sent.tok_end)
        if place is None or actor is None or place.place is None:
            return None
        day = ctx.narrative.get(sent.index)
        claim = certainty_mod.assess(ctx, sent, clause, hit, self.resolver, day=day[0].isoformat() if day else None)
        return ControlClaim(
            place=place.place,
            actor=actor,
            status=hit.label,
            date=day[0].isoformat() if day else ctx.document.published,
            time_precision=day[1] if day else 2,
            claimed_by=claim.claimed_by,
            certainty=claim.certainty,
            evidence=[
                ctx.sentence_span(sent.index),
                ctx.span(*ctx.tok_char(hit.tok_start, hit.tok_end), sent.index),
            ],
        )

    def _compound_actor(self, ctx: DocContext, hit: Hit) -> Actor | None:
        word = ctx.doc[hit.tok_start].text
        prefix = word.rsplit("-", 1)[0]
        aliases = lookup(self.ruler, prefix) or lookup(self.ruler, prefix + "s")
        aliases = [a for a in aliases if a.kind != "metonym"]
        if not aliases:
            return None
        entry = self.actors.entries.get(aliases[0].actor_id)
        if aliases[0].kind == "context":
            entry = next(
                (
                    self.actors.entries[a.actor_id]
                    for a in aliases
                    if self.actors.entries[a.actor_id].country == ctx.focus_country
                ),
                None,
            )
        if entry is None:
            return None
        start = ctx.doc[hit.tok_start].idx
        mention = ActorMention(
            start,
            start + len(prefix),
            hit.tok_start,
            hit.tok_end,
            prefix,
            "alias",
            entry,
            entry.country if not entry.generic else (self.actors.demonyms.get(fold(prefix)) or ctx.focus_country),
        )
        return self.resolver.to_actor(mention, ctx.document.published)

    def _actor_for(self, ctx: DocContext, hit: Hit, lo: int, hi: int) -> Actor | None:
        actors = [a for a in ctx.in_range(ctx.actors, lo, hi) if a.entry is not None]
        after = [a for a in actors if 0 <= a.tok_start - hit.tok_end <= _NEAR]
        before = [a for a in actors if 0 <= hit.tok_start - a.tok_end <= _NEAR]
        passive = fold(ctx.doc[hit.tok_start].text) in {
            "held",
            "controlled",
            "under",
            "in",
            "stronghold",
        }
        chosen = (after or before) if passive else (before[-1:] or after)
        if not chosen:
            return None
        return self.resolver.to_actor(chosen[0], ctx.document.published)


def _control_hits(ctx: DocContext) -> list[Hit]:
    return [h for h in ctx.control]


def _nearest(places: list[PlaceHit], tok: int, *, after: bool) -> PlaceHit | None:
    if after:
        cands = [p for p in places if 0 <= p.tok_start - tok <= _NEAR]
        return min(cands, key=lambda p: p.tok_start) if cands else None
    cands = [p for p in places if 0 <= tok - p.tok_end <= _NEAR]
    return max(cands, key=lambda p: p.tok_end) if cands else None


def _from_event(event: Event) -> list[ControlClaim]:
    if event.sub_event_type not in TERRITORY or event.location is None or event.actor1 is None:
        return []
    if event.location.geo_precision >= 3 or "location" not in event.spans:
        return []  # a place only carried over from earlier sentences is no claim about it
    if event.location.geo_precision == 2:
        # ground taken in or near a place: the place is fought over, not changed hands
        return [_claim(event, event.actor1, "contested", event.location)]
    out = [_claim(event, event.actor1, "gained", event.location)]
    if event.actor2 is not None:
        out.append(_claim(event, event.actor2, "lost", event.location))
    return out


def _claim(event: Event, actor: Actor, status: str, place: Place) -> ControlClaim:
    return ControlClaim(
        place=place,
        actor=actor,
        status=status,
        date=event.date,
        time_precision=event.time_precision,
        claimed_by=event.claimed_by,
        certainty=event.certainty,
        evidence=list(event.evidence),
    )


def _unique(claims: list[ControlClaim]) -> list[ControlClaim]:
    seen: set[tuple] = set()
    out = []
    for c in claims:
        key = (c.place.gazetteer_id or c.place.name, c.actor.id or c.actor.name, c.status, c.date)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
