"""Merge within one document: one event told in three sentences is one row.

Two candidates are the same event when they have the same sub-event type,
compatible actors (the same actor, or one unnamed or generic of the same type),
compatible places (the same gazetteer entry; a place only inherited from context
must be the other's place), the same hedging (a hedged report stays apart),
compatible dates and the same background/current status. A battle reported in the
same sentence as the capture it led to is folded into the capture (ACLED codes
the final takeover, not the fighting before it).
"""

from __future__ import annotations

from frontlines.extraction.events import Candidate
from frontlines.geo import distance_km
from frontlines.types import REALISED

TERRITORY = {
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
}
_CAUTION = ("hedged", "claimed", "reported", "asserted")


def realised(cands: list[Candidate], *, include_unrealised: bool) -> list[Candidate]:
    if include_unrealised:
        return cands
    return [c for c in cands if c.claim.certainty in REALISED]


def _actor_ok(a, b) -> bool:
    if a is None or b is None or a.entry is None or b.entry is None:
        return True
    if a.entry.id == b.entry.id:
        return a.country == b.country or not a.country or not b.country
    if a.entry.generic or b.entry.generic:
        return a.entry.type == b.entry.type
    return False


def _same_actor(a, b) -> bool:
    """The battle's side named first is the side that lost the place."""
    return a is not None and b is not None and a.entry is not None and b.entry is not None and a.entry.id == b.entry.id


def _place_key(c: Candidate) -> tuple[str | None, str | None] | None:
    place = c.location
    return (place.gazetteer, place.gazetteer_id or place.name) if place is not None else None


def _own(c: Candidate) -> bool:
    return c.place is not None and c.place.place is not None


NESTED_KM = 12  # a district told right after its city ("shelled Kharkiv ... hit Saltivka")
NESTED_SENTENCES = 2


def _nested(a: Candidate, b: Candidate) -> bool:
    """Two nearby places told within a couple of sentences: the same event, more precisely."""
    pa, pb = a.location, b.location
    if pa is None or pb is None or None in (pa.latitude, pa.longitude, pb.latitude, pb.longitude):
        return False
    if pa.country != pb.country:
        return False
    city = {"PPLA", "PPLA2", "PPLC", "PPL", "PPLA3"}
    if not ({pa.feature, pb.feature} & city):
        return False  # two districts or two facilities are two places
    return distance_km(pa.latitude, pa.longitude, pb.latitude, pb.longitude) <= NESTED_KM  # type: ignore[arg-type]


def compatible(a: Candidate, b: Candidate) -> bool:
    if a.sub_event_type != b.sub_event_type or a.background != b.background:
        return False
    if (a.claim.certainty in REALISED) != (b.claim.certainty in REALISED):
        return False
    if (a.claim.certainty == "hedged") != (b.claim.certainty == "hedged"):
        return False  # "reportedly hit the airport" is not the barrage the text asserts
    ka, kb = _place_key(a), _place_key(b)
    if ka is not None and kb is not None and ka != kb and (_own(a) or _own(b)) and not _nested(a, b):
        return False
    if a.date and b.date and a.date != b.date and max(a.precision, b.precision) == 1:
        return False
    return _actor_ok(a.roles.actor1, b.roles.actor1) and _actor_ok(a.roles.actor2, b.roles.actor2)


def fold_battles(cands: list[Candidate]) -> list[Candidate]:
    """Drop an armed clash told in the sentence of a territory change by the same side."""
    out = []
    for c in cands:
        if c.sub_event_type == "Armed clash" and any(
            o.sentence == c.sentence
            and o.sub_event_type in TERRITORY
            and (_actor_ok(o.roles.actor1, c.roles.actor1) or _same_actor(o.roles.actor2, c.roles.actor1))
            for o in cands
        ):
            continue
        out.append(c)
    return out


WEAK = 0.5  # a bare "killed" or "violence": a trigger that only says people died
STRONG = 0.7


def fold_weak(cands: list[Candidate]) -> list[Candidate]:
    """Drop a weak trigger's event told in the sentence of a strong one at the same place.

    "Two people were killed in Kramatorsk when a missile struck an apartment building" is
    one missile strike, not a strike and an attack.
    """
    out = []
    for c in cands:
        if c.weight < WEAK and any(
            o is not c
            and o.sentence == c.sentence
            and o.weight >= STRONG
            and (o.location is None or c.location is None or _place_key(o) == _place_key(c))
            for o in cands
        ):
            continue
        out.append(c)
    return out


def merge(cands: list[Candidate]) -> list[list[Candidate]]:
    """Group candidates that tell the same event; each group keeps text order.

    A candidate placed in a nearby but different place (a district of the group's
    city) joins only when some member is within two sentences of it.
    """
    groups: list[list[Candidate]] = []
    for c in cands:
        fits = [g for g in groups if _joins(c, g)]
        # a group at the very same place first ("the area" after the Assad district), else the earliest
        same = [g for g in fits if any(_place_key(o) == _place_key(c) for o in g)]
        if same or fits:
            (same or fits)[0].append(c)
        else:
            groups.append([c])
    return groups


def _joins(c: Candidate, group: list[Candidate]) -> bool:
    if not all(compatible(c, o) for o in group):
        return False
    elsewhere = any(_place_key(c) != _place_key(o) and _own(c) and _own(o) for o in group)
    return not (elsewhere and min(abs(c.sentence - o.sentence) for o in group) > NESTED_SENTENCES)


def most_cautious(certainties: list[str]) -> str:
    """Within the realised certainties, the one that claims least."""
    for level in _CAUTION:
        if level in certainties:
            return level
    return certainties[0]
