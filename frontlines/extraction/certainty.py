"""How sure the text is about an event, and whose word it is.

Certainty values (contract): asserted, reported ("X said"), claimed (by a party to
the fighting), hedged ("reportedly", "if true"), negated ("did not"), planned
("promised", "will", "to retake"). The strongest doubt wins:
negated > planned > hedged > claimed > reported > asserted.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontlines.extraction.context import DocContext, Hit, Sentence
from frontlines.resolve.actors import ActorMention, ActorResolver
from frontlines.types import Actor, Span

ORDER = ("negated", "planned", "hedged", "claimed", "reported", "asserted")
_SPEAKER_GAP = 5  # tokens between a speaker and its verb
_LEADING_HEDGE_TOKENS = 4  # "If true, ..." opening the next sentence hedges this one


@dataclass(slots=True)
class Claim:
    certainty: str = "asserted"
    claimed_by: Actor | str | None = None
    cue: Span | None = None
    speaker: ActorMention | None = None
    speaker_span: tuple[int, int] | None = None  # token range of the speaker


def _strongest(a: str, b: str) -> str:
    return a if ORDER.index(a) <= ORDER.index(b) else b


def _words_between(ctx: DocContext, lo: int, hi: int) -> int:
    return sum(1 for i in range(lo, hi) if not ctx.doc[i].is_space)


def assess(
    ctx: DocContext,
    sent: Sentence,
    clause: tuple[int, int],
    trigger: Hit,
    resolver: ActorResolver,
    *,
    day: str | None,
) -> Claim:
    claim = Claim()
    cues = ctx.in_range(ctx.cues, sent.tok_start, sent.tok_end)
    for cue in cues:
        if cue.label in ("negated", "planned") and cue.value.startswith("before:"):
            window = int(cue.value.split(":")[1])
            if (
                clause[0] <= cue.tok_start
                and cue.tok_end <= trigger.tok_start
                and _words_between(ctx, cue.tok_end, trigger.tok_start) < window
            ):
                claim.certainty = _strongest(cue.label, claim.certainty)
                claim.cue = claim.cue or ctx.span(*ctx.tok_char(cue.tok_start, cue.tok_end), sent.index)
    if claim.certainty == "asserted" and _infinitive(ctx, trigger):
        claim.certainty = "planned"
    if claim.certainty in ("negated", "planned"):
        return claim
    hedge = next((c for c in cues if c.label == "hedged" and not c.value.startswith("before:")), None)
    hedge = hedge or next((c for c in cues if c.label == "hedged" and _cue_before(ctx, c, clause, trigger)), None)
    hedge = hedge or _leading_hedge(ctx, sent)
    if hedge is not None:
        claim.certainty = "hedged"
        claim.cue = ctx.span(*ctx.tok_char(hedge.tok_start, hedge.tok_end))
    _attribute(ctx, sent, cues, claim, resolver, day=day)
    return claim


def _cue_before(ctx: DocContext, cue: Hit, clause: tuple[int, int], trigger: Hit) -> bool:
    """A 'before:N' cue sitting within N words before the trigger, in its clause."""
    if not cue.value.startswith("before:"):
        return False
    window = int(cue.value.split(":")[1])
    return (
        clause[0] <= cue.tok_start
        and cue.tok_end <= trigger.tok_start
        and _words_between(ctx, cue.tok_end, trigger.tok_start) < window
    )


def _infinitive(ctx: DocContext, trigger: Hit) -> bool:
    """'to retake', 'to storm': an intention, not an event."""
    keys = ctx.norms
    i = ctx.prev_word(trigger.tok_start)
    if i < 0 or keys[i] != "to":
        return False
    word = keys[trigger.tok_start]
    if word.endswith(("ed", "ing")) or (word.endswith("s") and not word.endswith("ss")):
        return False
    before = keys[i - 1] if i >= 1 else ""
    return before not in {
        "due",
        "according",
        "close",
        "next",
        "prior",
        "up",
        "led",
        "lead",
        "leading",
    }


def _leading_hedge(ctx: DocContext, sent: Sentence) -> Hit | None:
    nxt = sent.index + 1
    if nxt >= len(ctx.sentences):
        return None
    following = ctx.sentences[nxt]
    for cue in ctx.in_range(ctx.cues, following.tok_start, following.tok_end):
        if (
            cue.label == "hedged"
            and cue.value == "following"
            and cue.tok_start - following.tok_start < _LEADING_HEDGE_TOKENS
        ):
            return cue
    return None


def _attribute(
    ctx: DocContext,
    sent: Sentence,
    cues: list[Hit],
    claim: Claim,
    resolver: ActorResolver,
    *,
    day: str | None,
) -> None:
    verbs = [c for c in cues if c.label in ("attribution", "according_to")]
    if not verbs:
        return
    sources = [c for c in cues if c.label == "source"]
    actors = ctx.in_range(ctx.actors, sent.tok_start, sent.tok_end)
    for verb in verbs:
        found = _speaker(ctx, verb, actors, sources)
        if found is None:
            continue
        speaker, (lo, hi) = found
        claim.speaker_span = (lo, hi)
        claim.cue = claim.cue or ctx.span(*ctx.tok_char(verb.tok_start, verb.tok_end), sent.index)
        if isinstance(speaker, ActorMention) and speaker.entry is not None and speaker.entry.generic:
            name = _organisation(ctx, speaker)
            if name is not None:  # "the Central Committee of Sudan Doctors said": an organisation, not doctors
                speaker = name
        if isinstance(speaker, ActorMention):
            actor = resolver.to_actor(speaker, day)
            claim.speaker = speaker
            claim.claimed_by = actor or speaker.text
            party = resolver.is_party(actor)
        else:
            claim.claimed_by = speaker
            party = False
        claim.certainty = _strongest(claim.certainty, "claimed" if party else "reported")
        return
    claim.certainty = _strongest(claim.certainty, "reported")


def _speaker(
    ctx: DocContext, verb: Hit, actors: list[ActorMention], sources: list[Hit]
) -> tuple[ActorMention | str, tuple[int, int]] | None:
    """The actor or source saying it: right after 'according to', else next to the verb."""
    if verb.label == "according_to":
        after = [a for a in actors if 0 <= a.tok_start - verb.tok_end <= 2]
        if after:
            return after[0], (after[0].tok_start, after[0].tok_end)
        src = [s for s in sources if 0 <= s.tok_start - verb.tok_end <= 3]
        if src:
            return _source_text(ctx, src[0]), (src[0].tok_start, src[0].tok_end)
        return None
    before = [a for a in actors if a.tok_end <= verb.tok_start and _words_between(ctx, a.tok_end, verb.tok_start) <= 1]
    if before:
        return before[-1], (before[-1].tok_start, before[-1].tok_end)
    src = [s for s in sources if s.tok_end <= verb.tok_start and _words_between(ctx, s.tok_end, verb.tok_start) <= 1]
    if src:
        return _source_text(ctx, src[-1]), (src[-1].tok_start, src[-1].tok_end)
    after = [a for a in actors if a.tok_start >= verb.tok_end and _words_between(ctx, verb.tok_end, a.tok_start) <= 1]
    if after:
        return after[0], (after[0].tok_start, after[0].tok_end)
    src = [s for s in sources if s.tok_start >= verb.tok_end and _words_between(ctx, verb.tok_end, s.tok_start) <= 2]
    if src:
        return _source_text(ctx, src[0]), (src[0].tok_start, src[0].tok_end)
    return None


_NAME_LINKS = {"of", "for", "the", "and", "on", "in"}


def _organisation(ctx: DocContext, mention: ActorMention) -> str | None:
    """A capitalised name that ends in a generic word ("Syrian Observatory for Human Rights Doctors")."""
    i = mention.tok_start - 1
    lo = mention.tok_start
    while i >= 0:
        tok = ctx.doc[i]
        if tok.is_space or tok.is_punct:
            break
        if tok.text[:1].isupper():
            lo = i
        elif ctx.norms[i] not in _NAME_LINKS:
            break
        i -= 1
    if lo == mention.tok_start:
        return None
    start, _ = ctx.tok_char(lo, lo + 1)
    return ctx.text[start : mention.end]


def _source_text(ctx: DocContext, hit: Hit) -> str:
    """The source phrase with its capitalised or adjectival lead-in ("a senior Kurdish official")."""
    lo = hit.tok_start
    steps = 0
    while lo > 0 and steps < 4:
        prev = ctx.doc[lo - 1]
        if prev.is_space or prev.is_punct or ctx.norms[lo - 1] in {"the", "a", "an", "and", "said", "told"}:
            break
        lo -= 1
        steps += 1
    start, end = ctx.tok_char(lo, hit.tok_end)
    return ctx.text[start:end]
