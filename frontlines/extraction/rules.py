"""Apply the codebook's rules to a candidate event: refine its sub-event type or drop it.

Rules are data (``codebook.yaml``); this module only knows how to test their
conditions against the document. Every applied rule is recorded on the event
candidate, so a user can see why a row has the type it has.
"""

from __future__ import annotations

from collections.abc import Iterable

from frontlines.extraction.context import DocContext, Hit
from frontlines.knowledge.codebook import Codebook, Rule


class RuleContext:
    """What a rule may ask about one candidate."""

    def __init__(
        self,
        ctx: DocContext,
        *,
        sentence: int,
        clause: tuple[int, int],
        trigger: Hit,
        weight: float,
        actor1_type: str | None,
        actor1_home: bool | None,
        has_actor: bool,
        place_after: bool = False,
    ) -> None:
        self.ctx = ctx
        self.sentence = sentence
        self.clause = clause
        self.trigger = trigger
        self.weight = weight
        self.actor1_type = actor1_type
        self.actor1_home = actor1_home
        self.has_actor = has_actor
        self.place_after = place_after
        self._cache: dict[str, set[str]] = {}

    def lexicons(self, scope: str) -> set[str]:
        found = self._cache.get(scope)
        if found is None:
            found = self._cache[scope] = self._lexicons(scope)
        return found

    def _lexicons(self, scope: str) -> set[str]:
        ctx = self.ctx
        if scope == "clause":
            hits: Iterable[Hit] = ctx.in_range(ctx.lexicon, *self.clause)
            return {h.label for h in hits if not _inside_trigger(h, self.trigger)}
        if scope == "document":
            return {h.label for h in ctx.lexicon}
        lo = hi = self.sentence
        if scope == "window":
            lo, hi = max(0, lo - 1), min(len(ctx.sentences) - 1, hi + 1)
        out: set[str] = set()
        for i in range(lo, hi + 1):
            for name, hits in ctx.lexicon_of_sentence(i).items():
                if any(not _inside_trigger(h, self.trigger) for h in hits):
                    out.add(name)
        return out

    def before(self, window: int = 5) -> set[str]:
        """Lexicons in the few words just before the trigger ("numerous offensives")."""
        lo = max(self.clause[0], self.trigger.tok_start - window)
        hits = self.ctx.in_range(self.ctx.lexicon, lo, self.trigger.tok_start)
        return {h.label for h in hits}

    def own(self) -> set[str]:
        """Lexicons the trigger's own words belong to ("seized" in "seized weapons")."""
        hits = self.ctx.in_range(self.ctx.lexicon, self.trigger.tok_start, self.trigger.tok_end)
        return {h.label for h in hits if _inside_trigger(h, self.trigger)}

    def target(self, window: int = 8) -> set[str]:
        """Lexicons among the few words after the trigger (its object), within its clause."""
        hi = min(self.clause[1], self.trigger.tok_end + window)
        hits = self.ctx.in_range(self.ctx.lexicon, self.trigger.tok_end, hi)
        return {h.label for h in hits}


def _inside_trigger(hit: Hit, trigger: Hit) -> bool:
    return trigger.tok_start <= hit.tok_start and hit.tok_end <= trigger.tok_end


def matches(rule: Rule, sub_event_type: str, rc: RuleContext) -> bool:
    w = rule.when
    subs = w.get("sub_event_type")
    if subs and sub_event_type not in subs:
        return False
    if "max_weight" in w and rc.weight > float(w["max_weight"]):
        return False
    if "min_weight" in w and rc.weight < float(w["min_weight"]):
        return False
    if "has_actor" in w and bool(w["has_actor"]) != rc.has_actor:
        return False
    if w.get("actor1_type") and rc.actor1_type not in w["actor1_type"]:
        return False
    if w.get("not_actor1_type") and (rc.actor1_type is None or rc.actor1_type in w["not_actor1_type"]):
        return False
    if "actor1_home" in w and rc.actor1_home is not None and bool(w["actor1_home"]) != rc.actor1_home:
        return False
    if "actor1_home" in w and rc.actor1_home is None and w["actor1_home"]:
        return False
    if w.get("actor1_not") and rc.actor1_type in w["actor1_not"]:
        return False  # unlike not_actor1_type, also true when there is no actor1
    if "place_after" in w and bool(w["place_after"]) != rc.place_after:
        return False
    if any(k in w for k in ("context", "context_all", "not_context")):
        present = rc.lexicons(rule.scope)
        if w.get("context") and not present.intersection(w["context"]):
            return False
        if w.get("context_all") and not set(w["context_all"]) <= present:
            return False
        if w.get("not_context") and present.intersection(w["not_context"]):
            return False
    if w.get("trigger_in") and not rc.own().intersection(w["trigger_in"]):
        return False
    if w.get("before") and not rc.before().intersection(w["before"]):
        return False
    if w.get("not_target") and rc.target().intersection(w["not_target"]):
        return False
    return not (w.get("target") and not rc.target().intersection(w["target"]))


def refine(codebook: Codebook, sub_event_type: str, rc: RuleContext) -> tuple[str | None, list[str]]:
    """The refined sub-event type (None = drop) and the ids of the rules that fired.

    Rules run in order and each may fire once, so a chain such as
    "territory taken by state forces at home" → "... without fighting" can apply.
    """
    fired: list[str] = []
    current = sub_event_type
    for rule in codebook.rules:
        if matches(rule, current, rc):
            fired.append(rule.id)
            if rule.then == "drop":
                return None, fired
            current = rule.then
    return current, fired
