"""Use a trained pipeline's output: organisations it names become actors, its parse decides roles."""

from __future__ import annotations

from collections.abc import Sequence

from frontlines.extraction.context import DocContext
from frontlines.knowledge.actors import ActorEntry
from frontlines.knowledge.patterns import fold
from frontlines.recognise.model import ACTOR_LABELS
from frontlines.resolve.actors import ActorMention

_LEADING = ("the ", "The ")


def add_entity_actors(ctx: DocContext, places: Sequence) -> None:
    """Organisations the dictionary lacks, kept with an unknown ACLED type (the entry's type is empty)."""
    actors = [(a.start, a.end) for a in ctx.actors]
    added: list[ActorMention] = []
    for start, end, label in ctx.parse.entities:
        if label not in ACTOR_LABELS or label == "NORP":
            continue  # a nationality alone ("Syrian") is not an actor; the dictionary's demonyms cover "Syrian rebels"
        if any(start < e and s < end for s, e in actors):
            continue
        if any(s <= start and end <= e for s, e in ((p.start, p.end) for p in places)):
            continue  # the whole entity is a place ("Aleppo")
        text = ctx.text[start:end]
        for lead in _LEADING:
            if text.startswith(lead):
                start, text = start + len(lead), text[len(lead) :]
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not text.strip():
            continue
        entry = ActorEntry(id=f"ner:{fold(text)}", name=text, type="", note="named by the trained pipeline's NER")
        added.append(ActorMention(start, end, span.start, span.end, text, "entity", entry, None))
    if added:
        ctx.actors = sorted([*ctx.actors, *added], key=lambda a: a.tok_start)
        # a place inside an organisation's name ("Kafr Nabl" in "Kafr Nabl Local Council") is not a place here
        ctx.places = [p for p in ctx.places if not any(a.start <= p.start and p.end <= a.end for a in added)]


def parsed_roles(ctx: DocContext, trigger_start: int) -> dict[str, ActorMention]:
    """actor1/actor2 mentions according to the parse of the trigger's verb, when it names them."""
    out: dict[str, ActorMention] = {}
    for role, (lo, hi) in ctx.parse.roles(trigger_start).items():
        inside = [a for a in ctx.actors if a.entry is not None and lo <= a.start and a.end <= hi]
        if inside:
            out[role] = inside[0]
    return out
