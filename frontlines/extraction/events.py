"""Trigger + its clause → candidate event: type, actors, place, date, certainty, numbers.

One candidate per clause that holds a trigger: the clause's strongest trigger
gives the sub-event type, which the codebook's rules then refine or drop. A clause
naming several places after its trigger ("attacks on western Aleppo and Minya")
gives one candidate per place, as ACLED codes one event per location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from frontlines.extraction import certainty as certainty_mod
from frontlines.extraction import roles as roles_mod
from frontlines.extraction.certainty import Claim
from frontlines.extraction.context import DateHit, DocContext, Hit, PlaceHit, Sentence
from frontlines.extraction.numbers import Count, NumberReader
from frontlines.extraction.rules import RuleContext, refine
from frontlines.geo import specificity
from frontlines.knowledge import Knowledge
from frontlines.resolve.actors import ActorMention, ActorResolver
from frontlines.types import SUB_EVENT_TYPES, Place

INHERIT_SENTENCES = 2  # how far back a place or actor may be carried


@dataclass(slots=True)
class Candidate:
    sub_event_type: str
    weight: float
    sentence: int
    clause: tuple[int, int]
    trigger: Hit
    roles: roles_mod.Roles
    claim: Claim
    place: PlaceHit | None = None
    place_inherited: Place | None = None
    date: date | None = None
    date_end: date | None = None
    precision: int = 2
    date_hit: DateHit | None = None
    background: bool = False
    fatalities: Count | None = None
    fatality_sentence: int = 0
    quantity: tuple[int, int] | None = None  # char range
    rules: list[str] = field(default_factory=list)
    extra_sentences: list[int] = field(default_factory=list)

    @property
    def location(self) -> Place | None:
        if self.place is not None and self.place.place is not None:
            return self.place.place
        return self.place_inherited


class EventExtractor:
    def __init__(self, knowledge: Knowledge, resolver: ActorResolver) -> None:
        self.codebook = knowledge.codebook
        self.resolver = resolver
        self.numbers = NumberReader(knowledge.codebook.vague_numbers)

    def candidates(self, ctx: DocContext) -> list[Candidate]:
        out: list[Candidate] = []
        narrative: tuple[date, int] | None = None
        recent_places: list[tuple[int, Place]] = []
        for sent in ctx.sentences:
            if sent.skip:
                continue
            dates = ctx.in_range(ctx.dates, sent.tok_start, sent.tok_end)
            if narrative is not None:
                ctx.narrative[sent.index] = narrative
            for clause in sent.clauses:
                found = self._clause(ctx, sent, clause, dates, narrative, recent_places, out)
                out.extend(found)
            for sent_place in ctx.in_range(ctx.places, sent.tok_start, sent.tok_end):
                usable = sent_place.place is not None and sent_place.relation != "demonym"
                if usable and not _reference_point(ctx, sent_place):
                    recent_places.append((sent.index, sent_place.place))
            for d in _event_dates(ctx, dates):
                r = d.resolved
                if r is not None and r.date is not None and not r.background and not r.future:
                    narrative = (r.date, r.precision)
        return out

    # -- one clause ------------------------------------------------------------------
    def _clause(
        self,
        ctx: DocContext,
        sent: Sentence,
        clause: tuple[int, int],
        dates: list[DateHit],
        narrative: tuple[date, int] | None,
        recent_places: list[tuple[int, Place]],
        so_far: list[Candidate],
    ) -> list[Candidate]:
        blocked = _blocked_tokens(ctx)
        triggers = [
            t
            for t in ctx.in_range(ctx.triggers, *clause)
            if blocked.isdisjoint(range(t.tok_start, t.tok_end))
            and not _reference(ctx, t)
            and not self._in_a_name(ctx, sent, t)
        ]
        if not triggers:
            return []
        best = max(triggers, key=lambda t: (float(t.value), t.tok_end - t.tok_start, -t.tok_start))
        weight = float(best.value)
        day = (narrative[0].isoformat() if narrative else None) or ctx.document.published
        claim = certainty_mod.assess(ctx, sent, clause, best, self.resolver, day=day)
        previous = next(
            (c.roles.actor1 for c in reversed(so_far) if c.sentence >= sent.index - INHERIT_SENTENCES),
            None,
        )
        roles = roles_mod.assign(ctx, sent, clause, best, claim, previous=previous)
        if (roles.actor1 is None or roles.inferred) and SUB_EVENT_TYPES.get(best.label) in ARMED_EVENT_TYPES:
            national = self._national_forces(ctx, best)  # "Israeli air strikes", "Turkish drone strike"
            if national is not None:
                roles.actor1, roles.inferred = national, False
        places = self._places(ctx, sent, clause, best)
        base = Candidate(best.label, weight, sent.index, clause, best, roles, claim)
        self._date(ctx, base, clause, sent, dates, narrative)
        if base.date_hit is not None and base.date_hit.resolved and base.date_hit.resolved.future:
            claim.certainty = "planned" if claim.certainty not in ("negated",) else claim.certainty
        home = self._home(ctx, roles.actor1, places[0].place if places else None)
        rc = RuleContext(
            ctx,
            sentence=sent.index,
            clause=clause,
            trigger=best,
            weight=weight,
            actor1_type=self._actor_type(roles.actor1, base.date or ctx.published),
            actor1_home=home,
            has_actor=roles.actor1 is not None or roles.actor2 is not None,
            place_after=any(p.tok_start >= best.tok_end for p in places),
        )
        sub, fired = refine(self.codebook, best.label, rc)
        if sub is None:
            return []
        base.sub_event_type, base.rules = sub, fired
        if SUB_EVENT_TYPES[sub] in ("Protests", "Riots"):
            _demonstrators_first(ctx, sent, roles)
        self._numbers(ctx, base, sent, clause)
        if not places:
            earlier = _last_event_place(so_far, sent.index)
            # "... had captured the area": where the last event was, else the place last named
            base.place_inherited = _part_of(earlier) if earlier else _inherited(ctx, sent.index, recent_places)
            return [base]
        out = []
        for place in places:
            c = Candidate(**{f: getattr(base, f) for f in base.__dataclass_fields__})
            c.place = place
            out.append(c)
        return out

    def _in_a_name(self, ctx: DocContext, sent: Sentence, trigger: Hit) -> bool:
        """'Operation Desert Storm', 'March of Dimes': a capitalised trigger inside a sentence is a name.

        Title-case headlines are exempt, and so are weapon names written with a capital ("Grad").
        """
        word = ctx.doc[trigger.tok_start].text
        if (
            not word[:1].isupper()
            or word.isupper()
            or ctx.norms[trigger.tok_start] in self.codebook.capitalised_triggers
        ):
            return False
        first = next((i for i in range(sent.tok_start, sent.tok_end) if not ctx.doc[i].is_space), sent.tok_start)
        if trigger.tok_start == first or ctx.doc[trigger.tok_start - 1].text in {
            '"',
            "“",
            "'",
            "‘",
            ":",
            "(",
            "-",
            "–",
            "—",
        }:
            return False
        return not _title_case(ctx, sent)

    def _home(self, ctx: DocContext, actor: ActorMention | None, place: Place | None) -> bool | None:
        if actor is None or actor.entry is None or not actor.entry.country:
            return None
        where = place.country if place is not None else ctx.focus_country
        return None if where is None else actor.entry.country == where

    def _places(self, ctx: DocContext, sent: Sentence, clause: tuple[int, int], trigger: Hit) -> list[PlaceHit]:
        def usable(p: PlaceHit) -> bool:
            return p.place is not None and p.relation != "demonym" and not _dateline(ctx, p)

        in_clause = [p for p in ctx.in_range(ctx.places, *clause) if usable(p)]
        after = [p for p in in_clause if p.tok_start >= trigger.tok_end]
        if after:
            after = _inner_first(ctx, after)
            chosen = [after[0]]
            for p in after[1:]:
                gap = [ctx.norms[i] for i in range(chosen[-1].tok_end, p.tok_start) if not ctx.doc[i].is_space]
                listed = (gap and all(w in {"and", ",", "the", "of"} for w in gap) and "and" in gap) or gap == [","]
                other = p.place and chosen[-1].place and p.place.gazetteer_id != chosen[-1].place.gazetteer_id
                # "Kunduz, Afghanistan": the second names where the first is, not a second place
                container = p.place and chosen[-1].place and _contains(p.place, chosen[-1].place)
                if listed and other and not container:
                    chosen.append(p)
                    continue
                break
            return chosen
        if in_clause:
            return [_where(ctx, in_clause)]
        relative = self._relative_clause(ctx, sent, clause)
        if relative is not None:
            inside = [p for p in ctx.in_range(ctx.places, *relative) if usable(p)]
            if inside:
                return [inside[0]]
        earlier = [p for p in ctx.in_range(ctx.places, sent.tok_start, clause[0]) if usable(p)]
        if earlier:
            return [_where(ctx, earlier)]
        return []

    @staticmethod
    def _relative_clause(ctx: DocContext, sent: Sentence, clause: tuple[int, int]) -> tuple[int, int] | None:
        """The next clause when it describes this one's object (", which included ...")."""
        following = [c for c in sent.clauses if c[0] == clause[1]]
        if not following:
            return None
        words = [ctx.norms[i] for i in range(following[0][0], min(following[0][1], following[0][0] + 3))]
        return following[0] if {"which", "where", "including"}.intersection(words) else None

    def _national_forces(self, ctx: DocContext, trigger: Hit) -> ActorMention | None:
        """A demonym right before the trigger names the forces that carried it out."""
        i = ctx.prev_word(trigger.tok_start)
        if i < 0 or not ctx.doc[i].text[:1].isupper():
            return None
        iso = self.resolver.actors.demonyms.get(ctx.norms[i])
        entry = self.resolver.military(iso)
        if entry is None:
            return None
        token = ctx.doc[i]
        return ActorMention(token.idx, token.idx + len(token.text), i, i + 1, token.text, "alias", entry, iso)

    def _actor_type(self, mention: ActorMention | None, day: date | None) -> str | None:
        """The actor's ACLED type on the event's day: the Taliban are state forces from 2021-08-15."""
        if mention is None or mention.entry is None:
            return None
        actor = self.resolver.to_actor(mention, day.isoformat() if day else None)
        return actor.type if actor is not None and actor.type else mention.entry.type

    def _date(
        self,
        ctx: DocContext,
        cand: Candidate,
        clause: tuple[int, int],
        sent: Sentence,
        dates: list[DateHit],
        narrative: tuple[date, int] | None,
    ) -> None:
        dates = _event_dates(ctx, dates)
        own = [d for d in dates if clause[0] <= d.tok_start < clause[1] and d.resolved is not None]
        own = own or [d for d in dates if d.resolved is not None]
        hit = min(own, key=lambda d: abs(d.tok_start - cand.trigger.tok_start)) if own else None
        if hit is not None and hit.resolved is not None and hit.resolved.shift:
            anchor = narrative[0] if narrative else ctx.published
            if anchor is not None:
                cand.date = anchor + timedelta(days=hit.resolved.shift)
                cand.precision = narrative[1] if narrative else 2
                cand.date_hit = hit
                return
        if hit is not None and hit.resolved is not None and hit.resolved.date is not None:
            r = hit.resolved
            cand.date, cand.date_end, cand.precision = r.date, r.end, r.precision
            cand.date_hit, cand.background = hit, r.background
            return
        if narrative is not None:
            cand.date, cand.precision = narrative
            cand.date_hit = hit
            return
        if ctx.published is not None:
            cand.date, cand.precision = ctx.published, 2

    def _fatalities(self, ctx: DocContext, start: int, end: int) -> Count | None:
        key = ("fatal", start, end)
        if key not in ctx.cache:
            ctx.cache[key] = self.numbers.fatalities(ctx.text[start:end])
        return ctx.cache[key]

    def _numbers(self, ctx: DocContext, cand: Candidate, sent: Sentence, clause: tuple[int, int]) -> None:
        start, end = ctx.tok_char(*clause)
        count = self._fatalities(ctx, start, end)
        if count is None:
            start = sent.start
            count = self._fatalities(ctx, sent.start, sent.end)
            if count is not None and _owned_elsewhere(ctx, sent, clause, start + count.start):
                count = None  # "shelled X, killing dozens, while warplanes struck Y": the shelling's dead
        if count is not None:
            cand.fatalities = Count(count.value, count.start + start, count.end + start)
            cand.fatality_sentence = sent.index
        t_start, t_end = ctx.tok_char(cand.trigger.tok_start, cand.trigger.tok_end)
        c_start, c_end = ctx.tok_char(*clause)
        key = ("quantity", c_start, c_end)
        if key not in ctx.cache:
            ctx.cache[key] = self.numbers.quantities(ctx.text[c_start:c_end])
        quantities = ctx.cache[key]
        near = [(s + c_start, e + c_start) for s, e in quantities]
        touching = [q for q in near if q[0] <= t_end and q[1] >= t_start]
        if touching or near:
            cand.quantity = (touching or sorted(near, key=lambda q: abs(q[0] - t_start)))[0]


_OWN_EVENT_WEIGHT = 0.5


def _owned_elsewhere(ctx: DocContext, sent: Sentence, clause: tuple[int, int], char: int) -> bool:
    """The figure sits in another clause of the sentence that tells its own event."""
    for other in sent.clauses:
        if other == clause:
            continue
        lo, hi = ctx.tok_char(*other)
        if lo <= char < hi:
            # a clause of its own event: a trigger that is no bare "killed" and no "the strikes"
            return any(
                float(t.value) >= _OWN_EVENT_WEIGHT and not _reference(ctx, t)
                for t in ctx.in_range(ctx.triggers, *other)
            )
    return False


_REFERENCE_WORDS = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "such"}


def _reference(ctx: DocContext, trigger: Hit) -> bool:
    """'The attack also saw ...': a weak trigger after a definite word points back, not to a new event."""
    if float(trigger.value) >= 0.7:
        return False
    i = ctx.prev_word(trigger.tok_start)
    return i >= 0 and ctx.norms[i] in _REFERENCE_WORDS


_CROWD_TYPES = ("Protesters", "Rioters")


def _demonstrators_first(ctx: DocContext, sent: Sentence, roles: roles_mod.Roles) -> None:
    """ACLED codes the demonstrators as actor1 of a protest or riot, and police who intervene as actor2."""
    kind = roles.actor1.entry.type if roles.actor1 and roles.actor1.entry else None
    if kind in _CROWD_TYPES:
        return
    crowd = next(
        (a for a in ctx.in_range(ctx.actors, sent.tok_start, sent.tok_end) if a.entry and a.entry.type in _CROWD_TYPES),
        None,
    )
    if roles.inferred and crowd is None:
        roles.actor1, roles.inferred = None, False
        return
    if crowd is None and kind == "State forces" and roles.actor2 is None:
        # "Security forces fired tear gas to disperse them": the side that intervened
        roles.actor1, roles.actor2 = None, roles.actor1
        return
    if crowd is not None:
        if roles.actor1 is not None and not roles.inferred and roles.actor2 is None:
            roles.actor2 = roles.actor1
        roles.actor1, roles.inferred = crowd, False


def _title_case(ctx: DocContext, sent: Sentence) -> bool:
    """A headline in Title Case: most of its longer words start with a capital."""
    words = [ctx.doc[i].text for i in range(sent.tok_start, sent.tok_end) if ctx.doc[i].text[:1].isalpha()]
    long = [w for w in words if len(w) > 3]
    return bool(long) and sum(w[:1].isupper() for w in long) >= 0.7 * len(long)


def _blocked_tokens(ctx: DocContext) -> set[int]:
    """Tokens inside names: a trigger there ("Popular Mobilization Forces", "27 March") is no trigger.

    Generic actor words ("rioters", "demonstrators") do not block: they are the event.
    """
    cached = ctx.cache.get("blocked")
    if cached is None:
        cached = set()
        # names block, common nouns bound to a name ("the attackers" → Boko Haram) do not
        named = [a for a in ctx.actors if (a.entry is None or not a.entry.generic) and a.text[:1].isupper()]
        for item in (*named, *ctx.places, *ctx.dates):
            cached.update(range(item.tok_start, item.tok_end))
        for a in named:
            # "coalition warplanes", "army drones": a lower-case head noun is the weapon, not the name
            head = ctx.doc[a.tok_end - 1].text
            if a.tok_end - a.tok_start > 1 and head.isalpha() and head.islower():
                cached.discard(a.tok_end - 1)
        ctx.cache["blocked"] = cached
    return cached


def _overlaps_any(hit: Hit, items: list) -> bool:
    return any(hit.tok_start < x.tok_end and x.tok_start < hit.tok_end for x in items)


def _last_event_place(so_far: list[Candidate], index: int) -> Place | None:
    """Where the latest sentence with a located event put it, the most precise of its places.

    "Seized the base in Nyala, the capital of South Darfur state, after heavy fighting.
    ... shelled neighbourhoods near the base": the shelling is near Nyala.
    """
    recent = [c for c in so_far if c.sentence >= index - INHERIT_SENTENCES and c.location is not None]
    if not recent:
        return None
    latest = max(c.sentence for c in recent)
    return min((c.location for c in recent if c.sentence == latest), key=specificity)  # type: ignore[arg-type]


def _inherited(ctx: DocContext, index: int, recent: list[tuple[int, Place]]) -> Place | None:
    """Where the text last placed us (within two sentences), else the document's main place."""
    for sent_index, place in reversed(recent):
        if index - INHERIT_SENTENCES <= sent_index <= index:
            return _part_of(place)
    return _part_of(ctx.focus_place) if ctx.focus_place is not None else None


def _part_of(place: Place) -> Place:
    """Inherited places are 'part of or near' the named place: ACLED precision 2 at least."""
    copy = Place.from_dict(place.to_dict())
    copy.geo_precision = max(2, place.geo_precision)
    return copy


def _contains(outer: Place, inner: Place) -> bool:
    if outer.country != inner.country or outer.geo_precision < 3:
        return False
    feature = outer.feature or ""
    return feature.startswith("PCL") or (feature == "ADM1" and outer.admin1 == inner.admin1)


_REPORTING = {"said", "says", "told", "reported", "announced", "added", "stated", "confirmed", "tweeted", "wrote"}


def _event_dates(ctx: DocContext, dates: list[DateHit]) -> list[DateHit]:
    """The sentence's dates without the day it was said ("residents said Monday"), unless
    that is the only date the sentence gives."""
    told = [d for d in dates if not _reporting_date(ctx, d)]
    return told if told else dates


def _reporting_date(ctx: DocContext, d: DateHit) -> bool:
    i, seen = d.tok_start - 1, 0
    while i >= 0 and seen < 3:
        if not ctx.doc[i].is_space:
            word = ctx.norms[i]
            if word in _REPORTING:
                return True
            if word not in ("on", "late", "early", "in", "a", "statement", "post"):
                return False
            seen += 1
        i -= 1
    return False


ARMED_EVENT_TYPES = {"Battles", "Explosions/Remote violence"}  # event types fought by armed forces
_REFERENCE = {"from", "toward", "towards", "with"}  # "near the border with Niger"


_DATELINE = re.compile(r"(?m)^[A-Z][A-Z .'’-]{2,}(?:,[^\n()—–-]{0,40})?\s*(?:\([^)\n]{0,40}\))?\s*[-—–:]")


def _dateline(ctx: DocContext, p: PlaceHit) -> bool:
    """ "GOMA, Congo (Reuters) -": where the reporter files from, not where the event is."""
    spans = ctx.cache.get("datelines")
    if spans is None:
        spans = ctx.cache["datelines"] = [m.span() for m in _DATELINE.finditer(ctx.text)]
    return any(start <= p.start < end for start, end in spans)


def _reference_point(ctx: DocContext, p: PlaceHit) -> bool:
    return p.tok_start > 0 and ctx.norms[p.tok_start - 1] in _REFERENCE


def _where(ctx: DocContext, places: list[PlaceHit]) -> PlaceHit:
    """The place among several told before the trigger where the event is.

    A place given as a reference point ("across the Nile from Khartoum", "near the border
    with Niger") is not where the event is; of the rest, the most precise ("Omdurman", not
    "the Nile"), the latest on a tie.
    """
    pool = [p for p in places if not _reference_point(ctx, p)] or places
    return min(reversed(pool), key=lambda p: specificity(p.place))


def _inner_first(ctx: DocContext, after: list[PlaceHit]) -> list[PlaceHit]:
    """ "In central Somalia's Hiiraan region", "Syria's Idlib province": the inner place.

    A country told as the owner of the next place names where that place is, not a
    second location of the event.
    """
    while len(after) > 1:
        outer, inner = after[0], after[1]
        if outer.place is None or inner.place is None:
            break
        gap = [ctx.norms[i] for i in range(outer.tok_end, inner.tok_start) if not ctx.doc[i].is_space]
        country = (outer.place.feature or "").startswith("PCL")
        owned = country and gap in (["'s"], [","]) and inner.place.country == outer.place.country
        # "the Red Sea port of Hodeidah", "the Nile town of Shendi": a broader name describing the next
        described = (
            len(gap) == 2
            and gap[1] == "of"
            and gap[0] in _SETTLEMENT_WORDS
            and specificity(inner.place) < specificity(outer.place)
        )
        if not (owned or described):
            break
        after = after[1:]
    return after


_SETTLEMENT_WORDS = {"port", "city", "town", "village", "district", "capital", "enclave", "hub", "stronghold", "suburb"}
