"""Actor mention → contract ``Actor``, using the dictionary and the document's context.

- An alias shared by several actors goes to the one of the document's focus country.
- A context alias ("the regime", "government forces") resolves only when the
  document's focus country has such an actor; otherwise it stays unresolved.
- A generic actor ("protesters", "Syrian rebels") takes the demonym's country, or
  the focus country, and its template name: "Protesters (Syria)".
- A dated name gives the name on the event's date: Jabhat al-Nusra is "Jabhat
  Fateh al-Sham" in October 2016 and "Hayat Tahrir al-Sham" in 2018.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan

from frontlines.countries import country_name
from frontlines.knowledge.actors import ActorDictionary, ActorEntry
from frontlines.knowledge.patterns import fold
from frontlines.recognise.actors import decode_ids
from frontlines.recognise.base import norms
from frontlines.types import Actor


@dataclass(slots=True)
class ActorMention:
    start: int  # char offsets into the document text
    end: int
    tok_start: int
    tok_end: int
    text: str
    kind: str  # alias | context | metonym
    entry: ActorEntry | None
    country: str | None  # the country this mention is about, when known
    # the span's dictionary ids, and whether the words themselves name the country
    # ("Syrian troops", "Hezbollah") rather than the document's focus supplying it ("troops")
    kb: str = ""
    named: bool = True

    def actor(self, day: str | None, resolver: ActorResolver) -> Actor | None:
        return resolver.to_actor(self, day) if self.entry else None


class ActorResolver:
    def __init__(self, actors: ActorDictionary) -> None:
        self.actors = actors

    def mention(self, span: SpacySpan, *, focus_country: str | None) -> ActorMention:
        """Pick the actor the words name here.

        Precedence: a plain alias of an actor of the focus country; a context alias
        of the focus country's actor ("the regime", or "Islamic State group" for the
        Syrian province); a capital as metonym; any other plain alias.
        """
        kinds = decode_ids(span.kb_id_)
        entries = {k: [self.actors.entries[i] for i in ids if i in self.actors.entries] for k, ids in kinds.items()}
        local = [e for e in entries.get("alias", []) if e.country and e.country == focus_country]
        context = [e for e in entries.get("context", []) if e.country and e.country == focus_country]
        chosen: list[tuple[str, ActorEntry]] = (
            [("alias", e) for e in local]
            + [("context", e) for e in context]
            + [("metonym", e) for e in entries.get("metonym", [])]
            + [("alias", e) for e in entries.get("alias", [])]
        )
        kind, entry = chosen[0] if chosen else (span.label_, None)
        country: str | None = None
        named = kind != "context"
        if entry is not None:
            country = entry.country
            if entry.generic:
                first = fold(span[0].text)
                if first == "the" and len(span) > 1:
                    first = fold(span[1].text)
                shared = self.actors.shared_demonyms.get(first, [])
                named = first in self.actors.demonyms
                country = (
                    self.actors.demonyms.get(first)
                    or (focus_country if focus_country in shared else None)
                    or focus_country
                )
        return ActorMention(
            start=span.start_char,
            end=span.end_char,
            tok_start=span.start,
            tok_end=span.end,
            text=span.text,
            kind=kind,
            entry=entry,
            country=country,
            kb=span.kb_id_,
            named=named,
        )

    def rebind(self, mention: ActorMention, country: str | None) -> ActorMention:
        """The same words read as an actor of ``country``, when they don't name their own.

        "Police detained 50 in Moscow" in a report about Ukraine: the police are Russia's.
        Words that name a country or a group keep it.
        """
        if mention.named or mention.entry is None or not country or country == mention.country:
            return mention
        if mention.entry.generic:
            return replace(mention, country=country)
        for i in decode_ids(mention.kb).get("context", []):
            entry = self.actors.entries.get(i)
            if entry is not None and entry.country == country:
                return replace(mention, entry=entry, country=country)
        return mention

    def to_actor(self, mention: ActorMention, day: str | None) -> Actor | None:
        entry = mention.entry
        if entry is None:
            return None
        if entry.generic:
            iso = mention.country
            cname = self.actors.country_names.get(iso or "") or country_name(iso)
            if cname and cname.lower().startswith("the "):
                cname = cname[4:]
            return Actor(
                name=entry.name_at(day, country_name=cname),
                id=f"{entry.id}@{iso}" if iso else entry.id,
                type=entry.type,
                country=iso,
                mention=mention.text,
            )
        for _ in range(3):  # the Taliban became Afghanistan's state forces on 2021-08-15
            if entry.ended_before(day) and entry.successor in self.actors.entries:
                entry = self.actors.entries[entry.successor]
            else:
                break
        return Actor(
            name=entry.name_at(day),
            id=entry.id,
            type=entry.type_at(day) or None,
            country=entry.country,
            mention=mention.text,
        )

    def military(self, country: str | None) -> ActorEntry | None:
        """A country's armed forces (``state.jsonl`` ids are ``xx-military``)."""
        return self.actors.entries.get(f"{country.lower()}-military") if country else None

    def is_party(self, actor: Actor | None) -> bool:
        """A party to the fighting: its word about an event is a claim, not a report."""
        return actor is not None and actor.type in {
            "State forces",
            "Rebel groups",
            "Political militias",
            "Identity militias",
            "External/Other forces",
        }


POSSESSIVES = {"its", "their"}
# what "its"/"their" may own that is a fighting force ("its forces", "their fighters")
FORCES = {"forces", "troops", "fighters", "soldiers", "militants", "men", "units", "gunmen", "militiamen"}
NON_STATE = {"Rebel groups", "Political militias", "Identity militias", "External/Other forces"}
_ANAPHORA_TOKENS = 15  # how far back "its" looks for the actor it stands for


def bind_possessives(resolver: ActorResolver, mentions: list[ActorMention], doc) -> list[ActorMention]:
    """ "Al Shabaab said its fighters ...", "Moscow said its forces ...": whose forces they are.

    After "its"/"their", a force word is the armed group named just before it in the same
    sentence, or the military of the state named there (Moscow, the Russian ministry),
    instead of the focus country's actor or nobody.
    """
    keys = norms(doc)
    spots = [i for i in range(len(keys) - 1) if keys[i] in POSSESSIVES and keys[i + 1] in FORCES]
    if not spots:
        return mentions
    covered = {t for m in mentions for t in range(m.tok_start, m.tok_end)}
    out: list[ActorMention] = []
    for i in spots:
        owned = next((m for m in mentions if m.tok_start == i + 1), None)
        if owned is not None and owned.named:
            continue  # "their Wagner fighters" names its own
        if owned is None and i + 1 in covered:
            continue
        prior = _owner(mentions, i, doc)
        if prior is None:
            continue
        bound = _owned_by(resolver, prior, owned, doc[i + 1])
        if bound is not None:
            out.append(bound)
    if not out:
        return mentions
    replaced = {(m.tok_start, m.tok_end) for m in out}
    kept = [m for m in mentions if (m.tok_start, m.tok_end) not in replaced]
    return sorted(kept + out, key=lambda m: m.tok_start)


def _owner(mentions: list[ActorMention], at: int, doc) -> ActorMention | None:
    for prior in reversed([m for m in mentions if m.tok_end <= at]):
        if at - prior.tok_end > _ANAPHORA_TOKENS or any(doc[t].is_sent_start for t in range(prior.tok_end, at + 1)):
            return None
        if prior.entry is not None and prior.named and (prior.country or prior.entry.type in NON_STATE):
            return prior
    return None


def _owned_by(resolver: ActorResolver, prior: ActorMention, owned: ActorMention | None, word) -> ActorMention | None:
    entry = prior.entry
    if entry is None:
        return None
    if entry.type != "State forces":
        if entry.type not in NON_STATE or entry.generic:
            return None  # "protesters ... their men": no force of theirs to name
    else:
        # a state speaking (its government, ministry or army): its forces are its military
        entry = resolver.military(prior.country) or entry
    start = owned.start if owned is not None else word.idx
    end = owned.end if owned is not None else word.idx + len(word.text)
    return ActorMention(
        start=start,
        end=end,
        tok_start=word.i,
        tok_end=owned.tok_end if owned is not None else word.i + 1,
        text=owned.text if owned is not None else word.text,
        kind="alias",
        entry=entry,
        country=prior.country if entry.type == "State forces" else entry.country,
        named=True,
    )


GROUP_NOUNS = {
    "group", "movement", "militia", "organisation", "organization", "outfit", "insurgency",
    # "the extremists arrived in trucks": the group just named, told as its members
    "militants", "extremists", "insurgents", "jihadists", "attackers", "assailants", "gunmen",
}  # fmt: skip
_DEFINITE_TOKENS = 120  # how far back "the group" looks for the group it stands for


def bind_definites(mentions: list[ActorMention], doc) -> list[ActorMention]:
    """ "... the Arakan Army. The ethnic armed group said it had captured ...": the same group.

    A generic mention ending in a group noun, introduced by "the" (with only lower-case
    words between), names the non-state armed group mentioned last, within a few
    sentences, instead of an unidentified one.
    """
    keys = norms(doc)
    out = list(mentions)
    for i, m in enumerate(mentions):
        if m.entry is None or not m.entry.generic or keys[m.tok_end - 1] not in GROUP_NOUNS:
            continue
        if not _definite(keys, doc, m.tok_start):
            continue
        prior = next(
            (
                p
                for p in reversed(out[:i])
                if p.entry is not None and not p.entry.generic and p.entry.type in NON_STATE
                and m.tok_start - p.tok_end <= _DEFINITE_TOKENS
            ),
            None,
        )  # fmt: skip
        if prior is not None:
            out[i] = replace(m, kind=prior.kind, entry=prior.entry, country=prior.country, named=True)
    return out


def _definite(keys: list[str], doc, start: int) -> bool:
    j = start - 1
    while j >= 0 and start - j <= 3:
        if keys[j] == "the":
            return True
        if not (doc[j].text.isalpha() and doc[j].text.islower()):
            return False
        j -= 1
    return keys[start] == "the"
