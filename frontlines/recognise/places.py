"""Place recognition: capitalised word runs looked up in the gazetteers, plus context cues.

Recognition is case-aware and gazetteer-driven: a run of capitalised words (with
connectors such as "of", "de", "al-") is a place when some gazetteer knows one of
its n-grams, the longest match winning. What looks like a place but isn't is
dropped by general cues, never by listing places: people ("Jerry Hughes", "Mayor
Horton", and that name alone for the rest of the text), streets ("Main Street"),
weapons ("Grad missile"), common words opening a sentence ("Reading the report"),
with the word lists in ``data/gazetteer/``. Names the gazetteers don't know are
still proposed when the text itself says they are places ("the Qasr district",
"the village of X", the quoted ``"Assad district" of the city``).

This module only proposes spans with their candidates and cues; choosing one
candidate is ``frontlines.resolve.places``' job.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from frontlines.recognise.place_words import (
    QUOTES,
    Word,
    WordLists,
    doc_text,
    people,
    word_lists,
    words,
)
from frontlines.resolve.gazetteer import (
    AIRPORT_CODES,
    NAME_ABBREVIATION,
    NAME_DEMONYM,
    NAME_SHORT,
    Candidate,
    fold_key,
    skeleton_key,
)

Lookup = Callable[[Sequence[str], bool], dict[str, list[Candidate]]]

MAX_WORDS = 6
DESCRIBED = {"port", "city", "town", "village", "coast", "island", "enclave"}
_CONNECTOR_TEXT = (
    "of de la le du des del della da do dos das di al el ad ar as ash at az an ez es ed bin ibn abu and upon on y the"
)
CONNECTORS = frozenset(_CONNECTOR_TEXT.split(" "))
_DIRECTION_TEXT = (
    "north south east west northern southern eastern western central northeast northwest "
    "southeast southwest northeastern northwestern southeastern southwestern upper lower greater"
)
DIRECTIONS = frozenset(_DIRECTION_TEXT.split(" "))
POSSESSIVE = re.compile(r"['’]s$")
CONTRACTION = re.compile(r"['’](?:re|ve|ll|d|m|t)$", re.I)
# Words before a place that say how the event relates to it (relation, precision).
BEFORE = {
    "in": "in", "at": "in", "inside": "in", "into": "in", "from": "in", "to": "in",
    "across": "in", "throughout": "in", "of": "of", "near": "near", "nearby": "near",
    "outside": "near", "around": "near", "towards": "near", "toward": "near",
    "outskirts": "outskirts", "edge": "outskirts", "suburbs": "outskirts",
    "countryside": "outskirts", "environs": "outskirts", "vicinity": "near",
    "periphery": "outskirts", "parts": "part_of", "part": "part_of", "areas": "part_of",
    "area": "part_of", "neighbourhoods": "part_of", "neighborhoods": "part_of",
    "districts": "part_of", "north": "near", "south": "near", "east": "near", "west": "near",
    "northeast": "near", "northwest": "near", "southeast": "near", "southwest": "near",
    "km": "near", "kilometres": "near", "kilometers": "near", "miles": "near",
    "district": "district_of", "neighbourhood": "district_of", "neighborhood": "district_of",
    "quarter": "district_of", "suburb": "district_of",
    "city": "in", "town": "in", "village": "in", "province": "in", "governorate": "in",
    "region": "in", "county": "in", "state": "in",
}  # fmt: skip
# Words after a name that say what kind of place it is.
AFTER = {
    "district": "district", "neighbourhood": "district", "neighborhood": "district",
    "quarter": "district", "suburb": "district", "area": "area", "camp": "district",
    "airbase": "airbase", "airport": "airbase", "airfield": "airbase", "air": "airbase",
    "base": "base", "city": "settlement", "town": "settlement", "village": "settlement",
    "province": "region", "governorate": "region", "region": "region", "county": "region",
    "outskirts": "outskirts", "countryside": "outskirts", "suburbs": "outskirts",
    "front": "area", "frontline": "area",
}  # fmt: skip
STRONG_AFTER = frozenset({"district", "airbase", "settlement", "region"})
DISTRICT_WORDS = frozenset({"district", "neighbourhood", "neighborhood", "quarter", "suburb"})
CUED = frozenset({"in", "near", "outskirts", "district_of", "part_of"})


@dataclass(slots=True)
class Proposal:
    """A span that may be a place, with its candidates and the cues around it."""

    start: int
    end: int
    text: str
    first: int  # word indexes, inclusive
    last: int
    sent: int
    candidates: list[Candidate] = field(default_factory=list)
    exact: bool = True
    before: str | None = None  # BEFORE relation found just before the span
    after: str | None = None  # AFTER kind found just after the span
    container: int | None = None  # index of the proposal named as containing this one
    demonym: bool = False
    key: str = ""  # fold key of the text: repeats of one name share it
    quoted: bool = False  # a name in quotes the text calls a district
    of_city: bool = False  # followed by "of the city": a part of the document's city
    local: bool = False  # names a local body: "Dublin City Council", "Athens police"
    the: bool = False  # "the Atlantic": a sea, region or area more than a town
    peer: int | None = None  # index of a proposal coordinated with this one ("England and Wales")


def _core(text: str) -> str:
    """A word without a possessive "'s" (``Aleppo's`` → ``Aleppo``)."""
    return POSSESSIVE.sub("", text)


def _ngrams(ws: list[Word], excluded: Callable[[int, int], bool], never: frozenset[str]) -> list[tuple[int, int]]:
    spans = []
    n = len(ws)
    for i in [k for k, w in enumerate(ws) if w.cap or w.low in DIRECTIONS]:
        w = ws[i]
        lead = not w.cap
        if excluded(w.start, w.end):
            continue
        # "The", "He" alone are never places: only as the start of a longer name ("The Hague")
        alone = not (w.low in never and not w.text.isupper())
        for j in range(i, min(n, i + MAX_WORDS)):
            wj = ws[j]
            if wj.sent != w.sent or excluded(wj.start, wj.end):
                break
            if j > i and (wj.start - ws[j - 1].end > 1 or not wj.text[0].isalnum()):
                break
            if wj.cap:
                if not (lead and j == i) and (j > i or alone):
                    spans.append((i, j))
            elif not (wj.low in CONNECTORS or (lead and j == i)):
                break
            if POSSESSIVE.search(wj.text):
                break
    return spans


def _span_text(text: str, ws: list[Word], i: int, j: int) -> tuple[int, int, str]:
    start, end = ws[i].start, ws[j].end
    s = text[start:end]
    core = _core(s)
    end -= len(s) - len(core)
    return start, end, core


def propose(doc: Doc, lookup: Lookup, *, exclude: Sequence[tuple[int, int]] = ()) -> list[Proposal]:
    """Spans that name places, longest first match wins; candidates attached, unranked."""
    ws = words(doc)
    text = doc_text(doc)
    lists = word_lists()
    ranges = sorted(exclude)

    def excluded(start: int, end: int) -> bool:
        return bool(ranges) and any(s < end and start < e for s, e in ranges)

    texts: dict[tuple[int, int], tuple[int, int, str]] = {}
    dotted: dict[tuple[int, int], tuple[int, int, str]] = {}
    for i, j in _ngrams(ws, excluded, lists.never):
        start, end, s = _span_text(text, ws, i, j)
        if s.endswith("."):
            dotted[(i, j)] = (start, end, s)
            s, end = s[:-1], end - 1
        texts[(i, j)] = (start, end, s)
        nxt = ws[j + 1] if j + 1 < len(ws) else None
        if (
            nxt is not None and nxt.low in AFTER and nxt.sent == ws[j].sent
            and s == text[start:end] and fold_key(s) not in lists.never
        ):  # fmt: skip
            texts[(i, j + 1)] = _span_text(text, ws, i, j + 1)  # "Bagram airbase"
    quoted = _quoted_districts(ws, text, excluded)
    for k, span in quoted.items():
        texts.setdefault(k, span)
    keys = {k: fold_key(s) for k, (_, _, s) in texts.items()}
    exact = lookup(list(set(keys.values())), False)
    need_skel = {
        k: skeleton_key(texts[k][2])
        for k, key in keys.items()
        if (key not in exact or _only_facilities(exact[key])) and len(key) >= 4 and not _never_edge(key, lists.never)
    }
    skel = lookup(list(set(need_skel.values())), True) if need_skel else {}
    found: dict[tuple[int, int], tuple[list[Candidate], bool]] = {}
    for k, (_, _, s) in texts.items():
        hits = exact.get(keys[k], [])
        if k in dotted:  # "Ga." is Georgia only as written, with its dot
            with_dot = [c for c in hits if c.kind == NAME_ABBREVIATION and _form_ok(c, dotted[k][2])]
            if with_dot:
                texts[k] = dotted[k]
                found[k] = (with_dot, True)
                continue
        cands = [c for c in hits if _form_ok(c, s)]
        if s.isupper() and len(s) <= 4 and any(c.kind == NAME_ABBREVIATION for c in cands):
            cands = [c for c in cands if c.kind == NAME_ABBREVIATION]  # "EU" is not Eu, France
        fuzzy = skel.get(need_skel[k], []) if k in need_skel else []
        if cands and fuzzy and _only_facilities(cands):
            # "Hodeidah" is written exactly only as its airport's city name: the city too
            countries = {c.entry.country for c in cands}
            towns = [c for c in fuzzy if c.entry.feature_code not in AIRPORT_CODES and c.entry.country in countries]
            found[k] = (cands + towns, True)
        elif cands:
            found[k] = (cands, True)
        elif k in need_skel and need_skel[k] in skel:
            found[k] = (skel[need_skel[k]], False)
    places_at: dict[int, int] = {}
    for (i, j), (_, exact_match) in found.items():
        if exact_match and j > i and j > places_at.get(i, i):
            places_at[i] = j  # "Douglas County" stays a place; a fuzzy "Frank Sykes" doesn't
    proposals = _select(ws, texts, found, quoted)
    proposals += _unknown_by_cue(ws, texts, found, proposals, quoted)
    proposals.sort(key=lambda p: p.start)
    for p in proposals:
        _attach_cues(ws, p)
        p.key = fold_key(p.text)
    _link_containers(ws, proposals)
    _plural_kinds(ws, proposals, lookup)
    named = people(ws, lists, places_at)
    persons_seen: set[str] = set()
    kept = [p for p in proposals if _keep(ws, p, lists, persons_seen, named)]
    new_index = {id(p): k for k, p in enumerate(kept)}
    for p in kept:
        if p.container is not None:
            p.container = new_index.get(id(proposals[p.container]))
        if p.peer is not None:
            p.peer = new_index.get(id(proposals[p.peer]))
    return kept


def _only_facilities(cands: list[Candidate]) -> bool:
    return bool(cands) and all(c.entry.feature_code in AIRPORT_CODES for c in cands)


def _never_edge(key: str, never: frozenset[str]) -> bool:
    """A name opening or closing with a never-a-place word ("President X"); "Ras al Ain" is fine."""
    first, _, rest = key.partition(" ")
    return first in never or (bool(rest) and rest.rpartition(" ")[2] in never)


def _form_ok(c: Candidate, s: str) -> bool:
    if c.kind != NAME_ABBREVIATION:
        return True
    return s.replace(" ", "") == c.form or (c.form.rstrip(".") == s and s.isupper() and len(s) > 1)


def _quoted_districts(
    ws: list[Word], text: str, excluded: Callable[[int, int], bool]
) -> dict[tuple[int, int], tuple[int, int, str]]:
    """Quoted capitalised names the text calls districts: ``the "Assad district" of the city``."""
    out: dict[tuple[int, int], tuple[int, int, str]] = {}
    n = len(ws)
    for q, w in enumerate(ws):
        if w.text not in QUOTES or q + 2 >= n or not ws[q + 1].cap:
            continue
        close = next((k for k in range(q + 2, min(n, q + 7)) if ws[k].text in QUOTES), None)
        if close is None:
            continue
        inner = ws[q + 1 : close]
        after = ws[close + 1].low if close + 1 < n else ""
        if not ((inner[-1].low in DISTRICT_WORDS and len(inner) >= 2) or after in DISTRICT_WORDS):
            continue
        last = close - 1
        named = all(x.cap or x.low in CONNECTORS or x.low in DISTRICT_WORDS for x in inner)
        if named and not excluded(ws[q + 1].start, ws[last].end):
            out[(q + 1, last)] = _span_text(text, ws, q + 1, last)
    return out


def _select(ws: list[Word], texts: dict, found: dict, quoted: dict) -> list[Proposal]:
    """Greedy left to right: at each word, the longest n-gram found (exact before skeleton)."""
    out: list[Proposal] = []
    by_start: dict[int, list[tuple[int, int]]] = {}
    for k in found:
        by_start.setdefault(k[0], []).append(k)
    i, n = 0, len(ws)
    while i < n:
        options = by_start.get(i)
        if not options:
            i += 1
            continue
        best = max(options, key=lambda k: (found[k][1], k[1] - k[0]))
        longest = max(options, key=lambda k: k[1] - k[0])
        if longest[1] - longest[0] > best[1] - best[0] + 1 or (
            best[0] == best[1] < longest[1] and ws[longest[1]].cap and _whole_run(ws, longest)
        ):
            best = longest  # a longer fuzzy match of the whole name beats a short exact one ("Tal Rifaat")
        if best not in quoted and any(k[0] == i for k in quoted):
            best = next(k for k in quoted if k[0] == i)  # the whole quoted name
            found.setdefault(best, ([], False))
        cands, exact = found[best]
        start, end, s = texts[best]
        p = Proposal(start, end, s, best[0], best[1], ws[i].sent, cands, exact)
        p.quoted = best in quoted
        out.append(p)
        i = best[1] + 1
    return out


def _whole_run(ws: list[Word], k: tuple[int, int]) -> bool:
    """The span covers its whole capitalised run: no capitalised word right after it."""
    j = k[1] + 1
    return j >= len(ws) or not ws[j].cap or ws[j].sent != ws[k[1]].sent or ws[j].start - ws[k[1]].end > 1


def _unknown_by_cue(ws: list[Word], texts: dict, found: dict, taken: list[Proposal], quoted: dict) -> list[Proposal]:
    """Unknown capitalised names the text calls places: "the Qasr district", "village of X"."""
    used = {w for p in taken for w in range(p.first, p.last + 1)}
    lists = word_lists()
    out = []
    order = sorted(texts.items(), key=lambda item: item[0] not in quoted)  # whole quoted names first
    for (i, j), (start, end, s) in order:
        if any(w in used for w in range(i, j + 1)) or (i, j) in found:
            continue
        nxt = ws[j + 1].low if j + 1 < len(ws) else ""
        prev = ws[i - 1].low if i else ""
        prev2 = ws[i - 2].low if i > 1 else ""
        cued = (
            (i, j) in quoted
            or AFTER.get(nxt) in STRONG_AFTER
            or (prev == "of" and prev2 in ("village", "town", "district", "neighbourhood", "neighborhood"))
        )
        if not cued or not ws[i].cap or ((i, j) not in quoted and fold_key(s) in lists.never):
            continue
        if (i, j) not in quoted and (
            ((i, j + 1) in texts and ws[j + 1].cap) or (i > 0 and (i - 1, j) in texts and ws[i - 1].cap)
        ):
            continue  # only the whole capitalised run
        p = Proposal(start, end, s, i, j, ws[i].sent, [], False)
        p.quoted = (i, j) in quoted
        out.append(p)
        used.update(range(i, j + 1))
    return out


def _attach_cues(ws: list[Word], p: Proposal) -> None:
    k = p.first - 1
    skipped = 0
    prev = ws[k] if k >= 0 and ws[k].sent == p.sent else None
    nxt = ws[p.last + 1] if p.last + 1 < len(ws) and ws[p.last + 1].sent == p.sent else None
    # "the Atlantic", "the eastern Pacific", "the Middle East", not "the Aleppo offensive"
    p.the = prev is not None and (prev.low == "the" or (prev.low in DIRECTIONS and k > 0 and ws[k - 1].low == "the"))
    after = ws[p.last + 2] if nxt is not None and p.last + 2 < len(ws) else None
    described = nxt is not None and nxt.low in DESCRIBED and after is not None and after.low == "of"
    p.the = p.the and (
        nxt is None or not nxt.text[0].isalpha() or not nxt.text.islower() or nxt.low in BEFORE or described
    )  # "the Red Sea port of Hodeidah": the sea, describing the port
    while k >= 0 and ws[k].sent == p.sent and skipped < 3:
        low = ws[k].low
        if low in BEFORE:
            p.before = BEFORE[low]
            if low == "of" and k > 0:
                prior = ws[k - 1].low
                p.before = BEFORE.get(prior, "of") if prior in BEFORE and prior != "of" else "of"
                if p.before == "district_of":
                    p.before = "in"  # "the Zabadiyeh district of Aleppo": Aleppo holds it
            break
        if low in ("the", "a", "an", "its", "their", "his", "her") or low in DIRECTIONS or ws[k].text in QUOTES:
            k -= 1
            skipped += 1
            continue
        break
    for k in range(p.last + 1, min(len(ws), p.last + 4)):
        low = ws[k].low
        if low in AFTER and ws[k].sent == p.sent:
            p.after = AFTER[low]
            break
        if low not in ("-", "military", "international", "industrial", "residential") and ws[k].text not in QUOTES:
            break
    if p.quoted:
        p.after = "district"
        tail = [w.low for w in ws[p.last + 1 : p.last + 6]]
        p.of_city = any(tail[i : i + 3] == ["of", "the", "city"] for i in range(3))
    _, _, every, some, small = _flags(p)
    nxt_word = ws[p.last + 1] if p.last + 1 < len(ws) and ws[p.last + 1].sent == p.sent else None
    p.demonym = every
    adjective = nxt_word is not None and nxt_word.text.isalpha() and nxt_word.text.islower()
    if not every and some and (p.before not in CUED or adjective) and small and p.first == p.last:
        # "Canadian pension obligations": the adjective, not Canadian, Texas (pop. 2,600)
        p.candidates = [c for c in p.candidates if c.kind == NAME_DEMONYM]
        p.demonym = True
    nxt = ws[p.last + 1] if p.last + 1 < len(ws) else None
    p.local = nxt is not None and nxt.sent == p.sent and nxt.low in word_lists().local


CONTAINER_GAPS = (
    [","], ["in"], ["of"], ["in", "the"], ["district", "of"], ["district", "in"],
    ["neighbourhood", "of"], ["neighborhood", "of"], ["area", "of"], ["near"], ["outside"],
    ["province", ","], ["airbase", "in"], ["airport", "in"], ["district", "of", "the", "city", "of"],
    ["county", ","], ["parish", ","],
)  # fmt: skip


def _link_containers(ws: list[Word], ps: list[Proposal]) -> None:
    """ "X, Y", "X in Y", "X of Y" and "Y's X" name Y as containing X."""
    for k, (a, b) in enumerate(itertools.pairwise(ps)):
        if b.sent != a.sent or b.demonym:
            continue
        gap = [w.low for w in ws[a.last + 1 : b.first]]
        if gap in CONTAINER_GAPS:
            a.container = k + 1
        elif not gap and POSSESSIVE.search(ws[a.last].text):
            b.container = k  # Aleppo's al-Ramousa
        elif gap in (["and"], ["or"], [",", "and"], [",", "or"]):
            a.peer, b.peer = k + 1, k  # "California or Washington": one kind of place


PLURAL_KINDS = {"counties": "County", "parishes": "Parish", "provinces": "Province", "governorates": "Governorate"}


def _plural_kinds(ws: list[Word], ps: list[Proposal], lookup: Lookup) -> None:
    """ "Douglas, Lancaster and Sarpy counties": each name is "X County", not the town X."""
    for k, p in enumerate(ps):
        nxt = ws[p.last + 1].low if p.last + 1 < len(ws) else ""
        kind = PLURAL_KINDS.get(nxt)
        if kind is None:
            continue
        members = [p]
        j = k
        while j > 0 and ps[j - 1].sent == p.sent:
            gap = [w.low for w in ws[ps[j - 1].last + 1 : ps[j].first]]
            if gap not in ([","], ["and"], ["or"], [",", "and"], [",", "or"]):
                break
            j -= 1
            members.append(ps[j])
        keys = {m.key: fold_key(f"{m.text} {kind}") for m in members}
        found = lookup(list(keys.values()), False)
        for m in members:
            cands = [c for c in found.get(keys[m.key], []) if c.entry.feature_class == "A"]
            if cands:
                m.candidates, m.exact, m.demonym = cands, True, False
                m.key = keys[m.key]


def _keep(ws: list[Word], p: Proposal, lists: WordLists, persons_seen: set[str], named) -> bool:
    words_in = ws[p.first : p.last + 1]
    key = p.key
    single = p.first == p.last
    abbreviation = _flags(p)[0]  # "US", not "us"
    if single and (
        (key in lists.never and not p.quoted and not abbreviation)
        or not p.text[0].isalpha()
        or CONTRACTION.search(p.text)
    ):
        return False
    if single and p.text.isupper() and len(p.text) <= 4 and not abbreviation and not _dateline(ws, p):
        return False  # "IRS", "SWAT", "AMLO": acronyms that spell a village somewhere
    prev = ws[p.first - 1] if p.first and ws[p.first - 1].sent == p.sent else None
    nxt = ws[p.last + 1] if p.last + 1 < len(ws) and ws[p.last + 1].sent == p.sent else None
    if nxt is not None and nxt.start - ws[p.last].end <= 1 and nxt.low in lists.streets and nxt.cap:
        return False  # "Main Street", "Patrick St.": a street, not the place it is named after
    if (
        single
        and not _major(p)
        and (
            (nxt is not None and (nxt.text == "&" or nxt.text[0].isdigit())) or (prev is not None and prev.text == "&")
        )
    ):
        return False  # "Stevens & Wilkinson", "Pack 122", "Block 8": a firm, a unit, a number
    if key in lists.weapons or (nxt is not None and nxt.low in lists.weapon_nouns and not p.demonym and not _major(p)):
        return False  # "Grad missile", "Tochka": a weapon, not the town
    if all(k in named.words for k in range(p.first, p.last + 1)) and not p.quoted:
        return False  # inside a person's name: "Jerry Hughes", "Mayor Bobby Horton"
    if single and p.container is None and not _major(p) and not p.demonym:
        if key in named.surnames or key in persons_seen:
            return False  # "Hughes said", after "Jerry Hughes"
        if key in named.given and p.before not in CUED:
            return False
    if not p.candidates:
        return True
    cued = p.before in CUED or p.after is not None
    if single and key in lists.common and (words_in[0].first or words_in[0].title_line) and not cued:
        return False
    if single and key in lists.common and p.text.islower():
        return False
    if single and words_in[0].first and p.text.endswith("ing") and not cued and p.text[1:].islower():
        return False  # "Following the vote, ...": a participle opening a sentence
    if words_in[0].text.isupper() and len(p.text) > 3 and not p.exact:
        return False
    if single and not p.demonym and p.container is None:
        after_name = (
            prev is not None and prev.cap
            and (not prev.first or prev.low in lists.persons)
            and prev.text[0].isalpha() and prev.low not in lists.never
            and prev.low not in DIRECTIONS and not POSSESSIVE.search(prev.text)
        )  # fmt: skip
        before_name = (
            (key in lists.persons or not _major(p)) and nxt is not None and nxt.cap
            and nxt.text[0].isalpha() and not words_in[0].title_line
            and (nxt.low not in lists.never or nxt.low in lists.persons)
        )  # fmt: skip
        if (after_name and not words_in[0].title_line) or before_name:
            persons_seen.add(key)
            return False
    return True


def _dateline(ws: list[Word], p: Proposal) -> bool:
    """ "GAZA — ...", "ROME (AP) ...": a capitalised place opening its line."""
    nxt = ws[p.last + 1].text if p.last + 1 < len(ws) else ""
    return ws[p.first].first and nxt in ("-", "—", "–", ",", "(", ":")


def _major(p: Proposal) -> bool:
    """Countries, first-level divisions, capitals and big cities keep their reading."""
    return _flags(p)[1]


_FLAGS: dict[tuple[str, bool, int], tuple[bool, bool, bool, bool, bool]] = {}


def _flags(p: Proposal) -> tuple[bool, bool, bool, bool, bool]:
    """(abbreviation, major, all demonyms, some demonym, only small places besides demonyms)
    of a proposal's candidates; cached by written name, as the gazetteers answer alike."""
    key = (p.text, p.exact, len(p.candidates))
    flags = _FLAGS.get(key)
    if flags is None:
        cands = p.candidates
        flags = (
            any(c.kind == NAME_ABBREVIATION for c in cands),
            any(
                c.entry.is_country or c.entry.feature_code in ("ADM1", "PPLC") or c.entry.population >= 500_000
                for c in cands
                if c.kind != NAME_SHORT and c.exact
            ),
            bool(cands) and all(c.kind == NAME_DEMONYM for c in cands),
            any(c.kind == NAME_DEMONYM for c in cands),
            all(c.kind == NAME_DEMONYM or c.entry.population < 100_000 for c in cands),
        )
        if len(_FLAGS) > 100_000:
            _FLAGS.clear()
        _FLAGS[key] = flags
    return flags
