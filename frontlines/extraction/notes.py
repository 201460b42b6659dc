"""One-line ACLED-style notes, generated from an event's fields (never from free text)."""

from __future__ import annotations

from frontlines.types import Actor, Event, Place

_CERTAINTY_NOTE = {
    "reported": "reported by {who}",
    "claimed": "claimed by {who}",
    "hedged": "unconfirmed",
    "negated": "denied or did not happen",
    "planned": "planned or threatened, not carried out",
}


def _place_name(place: Place | None) -> str:
    if place is None:
        return "an unknown location"
    parts = [place.name]
    if place.admin1 and place.admin1 != place.name:
        parts.append(place.admin1)
    return ", ".join(parts)


def _actor_name(actor: Actor | None, fallback: str) -> str:
    return actor.name if actor else fallback


def write_note(event: Event, template: str) -> str:
    body = template.format(
        actor1=_actor_name(event.actor1, "an unidentified actor"),
        actor2=_actor_name(event.actor2, "unidentified forces"),
        location=_place_name(event.location),
    )
    if "{location}" not in template and event.location is not None:
        body += f" in {_place_name(event.location)}"
    when = f"On {event.date}" if event.date else "On an unknown date"
    if event.time_precision == 2:
        when = f"Around {event.date}"
    elif event.time_precision == 3 and event.date:
        when = f"In {event.date[:7]}"
    text = f"{when}, {body[0].lower() + body[1:] if body.startswith('An ') else body}."
    if event.fatalities is not None:
        text += f" {event.fatalities} reported fatalit{'y' if event.fatalities == 1 else 'ies'}."
    if event.quantity:
        text += f" Quantity: {event.quantity}."
    note = _CERTAINTY_NOTE.get(event.certainty)
    if note:
        who = event.claimed_by.name if isinstance(event.claimed_by, Actor) else event.claimed_by
        text += f" ({note.format(who=who or 'a source')})"
    return text
