"""Who did it to whom: actor1, actor2 and associated actors of a trigger's clause.

Word-order rules, because the blank pipeline has no parser (a trained spaCy model,
when installed, refines them in ``recognise/model.py``):

- the first actor before the trigger is actor1, others joined to it by "and" are
  its associates ("Fighters from the FSA and Jaish al-Fatah launched ...");
- the first actor after it is actor2 ("... fired on regime positions");
- "by X" after the trigger makes X actor1 (passive: "an offensive ... by the Islamic State group");
- "between X and Y" makes X actor1 and Y actor2;
- speakers ("X said") are not participants, unless the clause refers back to them
  ("Jaish al-Fatah said they had taken ...").
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from frontlines.extraction.certainty import Claim
from frontlines.extraction.context import DocContext, Hit, Sentence
from frontlines.resolve.actors import ActorMention


def _reciprocal(ctx: DocContext, trigger: Hit) -> bool:
    """A trigger two sides do to each other ("X and Y clashed"): the codebook's `reciprocal` lexicon."""
    first = trigger.tok_start
    return trigger.label == "Armed clash" and any(
        h.label == "reciprocal" and h.tok_start == first for h in ctx.in_range(ctx.lexicon, first, first + 1)
    )


_PASSIVE = {"was", "were", "been", "being", "is", "are"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "several", "two", "three"}
# "Former al-Qaeda affiliate, Fatah al-Sham, ...": the actor named before these is not the one acting.
_NOT_THE_ACTOR = {
    "affiliate",
    "affiliates",
    "offshoot",
    "branch",
    "splinter",
    "ally",
    "allies",
    "proxy",
    "proxies",
    "wing",
    "faction",
    "former",
    "successor",
    "rival",
    "rivals",
    "enemy",
    "enemies",
}


@dataclass(slots=True)
class Roles:
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc1: list[ActorMention] = field(default_factory=list)
    assoc2: list[ActorMention] = field(default_factory=list)
    inferred: bool = False  # actor1 came from earlier text, not this clause


def _prev_word(ctx: DocContext, tok: int, *, skip_determiners: bool = False) -> str:
    i = ctx.prev_word(tok, _DETERMINERS if skip_determiners else ())
    return ctx.norms[i] if i >= 0 else ""


def _next_word(ctx: DocContext, tok: int) -> str:
    i = tok
    while i < len(ctx.doc) and ctx.doc[i].is_space:
        i += 1
    return ctx.norms[i] if i < len(ctx.doc) else ""


def _passive(ctx: DocContext, trigger: Hit) -> bool:
    """'were killed', 'has been detained', 'were reportedly arrested'."""
    word = ctx.norms[trigger.tok_start]
    if not word.endswith(("ed", "en")) and word not in {"shot", "held", "hit", "taken", "caught", "beaten"}:
        return False
    prev = _prev_word(ctx, trigger.tok_start)
    if prev in {"reportedly", "allegedly", "also", "all", "later", "then", "subsequently"}:
        i = trigger.tok_start - 1
        while i >= 0 and (ctx.doc[i].is_space or ctx.norms[i] == prev):
            i -= 1
        prev = _prev_word(ctx, i + 1)
    return prev in _PASSIVE


def _joined(ctx: DocContext, a: ActorMention, b: ActorMention) -> bool:
    """Two mentions linked only by 'and', ',', '&' or 'with' (and articles)."""
    words = [ctx.norms[i] for i in range(a.tok_end, b.tok_start) if not ctx.doc[i].is_space]
    links = {"and", ",", "&", "with", "alongside"}
    if not words or not links.intersection(words) or len(words) > 4:
        return False
    return all(w in links or w in _DETERMINERS or "-" in w or w == "allied" for w in words)


def assign(
    ctx: DocContext,
    sent: Sentence,
    clause: tuple[int, int],
    trigger: Hit,
    claim: Claim,
    *,
    previous: ActorMention | None,
) -> Roles:
    roles = Roles()
    speaker = claim.speaker_span
    mentions = [
        a
        for a in ctx.in_range(ctx.actors, sent.tok_start, sent.tok_end)
        if a.entry is not None and not (speaker and a.tok_start == speaker[0])
    ]
    in_clause = [a for a in mentions if clause[0] <= a.tok_start and a.tok_end <= clause[1]]
    before = [a for a in in_clause if a.tok_end <= trigger.tok_start]
    after = [a for a in in_clause if a.tok_start >= trigger.tok_end]
    before = [a for a in before if _next_word(ctx, a.tok_end) not in _NOT_THE_ACTOR] or before
    agents = [a for a in after if _prev_word(ctx, a.tok_start, skip_determiners=True) == "by"]
    between = [a for a in in_clause if _prev_word(ctx, a.tok_start, skip_determiners=True) == "between"]
    if between:
        first = between[0]
        rest = [a for a in in_clause if a.tok_start > first.tok_start]
        roles.actor1 = first
        roles.actor2 = rest[0] if rest else None
    elif agents:
        roles.actor1 = agents[0]
        others = [a for a in in_clause if a is not agents[0]]
        roles.actor2 = others[0] if others else None
    elif before and _passive(ctx, trigger):
        # "Four civilians were killed ...", "PKK militants were detained ...": the subject suffered it.
        roles.actor2 = before[-1]
        if after:
            roles.actor1 = after[0]
    else:
        overlapping = [a for a in in_clause if a.tok_start < trigger.tok_end and trigger.tok_start < a.tok_end]
        if before:
            roles.actor1 = before[0]
            joined = [b for prev, b in itertools.pairwise(before) if _joined(ctx, prev, b)]
            if joined and not after and _reciprocal(ctx, trigger):
                roles.actor2 = joined[0]  # "Ethiopian forces and Tigrayan rebels clashed": the two sides
        elif overlapping:  # "Protesters marched ...": the trigger word names the actor
            roles.actor1 = overlapping[0]
            after = [a for a in after if a is not overlapping[0]]
            roles.assoc1 = [b for prev, b in itertools.pairwise(before) if _joined(ctx, prev, b)]
        if after:
            roles.actor2 = after[0]
            roles.assoc2 = [b for prev, b in itertools.pairwise(after) if _joined(ctx, prev, b)]
    if ctx.parse is not None:
        from frontlines.extraction.model_actors import parsed_roles

        parsed = parsed_roles(ctx, ctx.doc[trigger.tok_start].idx)
        for role in ("actor1", "actor2"):
            mention = parsed.get(role)
            if mention is not None and not (speaker and mention.tok_start == speaker[0]):
                setattr(roles, role, mention)
    if roles.actor1 is None:
        roles.actor1, roles.inferred = _fallback_actor1(ctx, sent, clause, trigger, claim, mentions, previous)
    if roles.actor1 is not None and roles.actor2 is roles.actor1:
        roles.actor2 = None
    if _same_entry(roles.actor1, roles.actor2) and roles.inferred:
        roles.actor1, roles.inferred = None, False  # a guessed attacker that is its own target
    return roles


def _same_entry(a: ActorMention | None, b: ActorMention | None) -> bool:
    return (
        a is not None
        and b is not None
        and a.entry is not None
        and b.entry is not None
        and a.entry.id == b.entry.id
        and a.country == b.country
    )


def _fallback_actor1(
    ctx: DocContext,
    sent: Sentence,
    clause: tuple[int, int],
    trigger: Hit,
    claim: Claim,
    mentions: list[ActorMention],
    previous: ActorMention | None,
) -> tuple[ActorMention | None, bool]:
    refers_back = any(
        c.label == "anaphora" and clause[0] <= c.tok_start < trigger.tok_start
        for c in ctx.in_range(ctx.cues, sent.tok_start, sent.tok_end)
    )
    if refers_back and claim.speaker is not None and claim.speaker.entry is not None:
        return claim.speaker, True
    earlier = [a for a in mentions if a.tok_end <= clause[0]]
    if earlier:
        return earlier[0], True
    passive = _prev_word(ctx, trigger.tok_start) in _PASSIVE
    if (refers_back or passive) and previous is not None:
        return previous, True
    return None, False
