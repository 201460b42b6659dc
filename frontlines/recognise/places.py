"""Place recognition: capitalised word runs looked up in the gazetteers, plus context cues.

Recognition is case-aware and gazetteer-driven: a run of capitalised words (with
connectors such as "of", "de", "al-") is a place when some gazetteer knows one of
its n-grams, the longest match winning. Common words ("Mobile", "Reading" at the
start of a sentence), titles and people's names ("Jordan Smith", "Rick Henry") are
filtered with the word lists in ``data/gazetteer/words.yaml``. Names the
gazetteers don't know are still proposed when the text itself says they are
places ("the Qasr district", "the village of X").

This module only proposes spans with their candidates and cues; choosing one
candidate is ``frontlines.resolve.places``' job.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import yaml
from spacy.tokens import Doc

from frontlines.config import data_path
from frontlines.resolve.gazetteer import (
    NAME_ABBREVIATION,
    NAME_SHORT,
    Candidate,
    fold_key,
    skeleton_key,
)

Lookup = Callable[[Sequence[str], bool], dict[str, list[Candidate]]]

MAX_WORDS = 6
CONNECTORS = frozenset(
    [
        "of",
        "de",
        "la",
        "le",
        "du",
        "des",
        "del",
        "della",
        "da",
        "do",
        "dos",
        "das",
        "di",
        "al",
        "el",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "an",
        "ez",
        "es",
        "ed",
        "bin",
        "ibn",
        "abu",
        "and",
        "upon",
        "on",
        "y",
        "the",
    ]
)
DIRECTIONS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "upper",
        "lower",
        "greater",
    ]
)
ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ad-d|as-s)[-‐](?=[A-Z])")
POSSESSIVE = re.compile(r"['’]s$")
CONTRACTION = re.compile(r"['’](?:re|ve|ll|d|m|t)$", re.I)
# Words before a place that say how the event relates to it (relation, precision).
BEFORE = {
    "in": "in", "at": "in", "inside": "in", "into": "in", "from": "in", "to": "in",
    "across": "in", "throughout": "in", "of": "of", "near": "near", "nearby": "near",
    "outside": "near", "around": "near", "towards": "near", "toward": "near",
    "outskirts": "outskirts", "edge": "outskirts", "suburbs": "outskirts",
    "north": "near", "south": "near", "east": "near", "west": "near",
    "northeast": "near", "northwest": "near", "southeast": "near", "southwest": "near",
    "km": "near", "kilometres": "near", "kilometers": "near", "miles": "near",
    "district": "district_of", "neighbourhood": "district_of", "neighborhood": "district_of",
    "quarter": "district_of", "suburb": "district_of", "area": "district_of",
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


@dataclass(slots=True)
class Word:
    start: int
    end: int
    text: str
    sent: int
    first: bool  # opens its sentence
    cap: bool
    title_line: bool  # its sentence is a title-case headline


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


@dataclass(slots=True, frozen=True)
class WordLists:
    never: frozenset[str]
    common: frozenset[str]
    persons: frozenset[str]


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    data = yaml.load(data_path("gazetteer", "words.yaml").read_text(encoding="utf-8"), yaml.BaseLoader)
    from spacy.lang.en.stop_words import STOP_WORDS

    return WordLists(
        never=frozenset(w.lower() for w in data["never"]) | {fold_key(w) for w in STOP_WORDS},
        common=frozenset(w.lower() for w in data["common_words"]),
        persons=frozenset(w.lower() for w in data["person_names"]),
    )


def _is_cap(text: str) -> bool:
    c = text[0]
    return (c.isupper() and c.isalpha()) or bool(ARTICLE_PREFIX.match(text)) or c.isdigit()


def words(doc: Doc) -> list[Word]:
    """Word units: tokens joined when nothing separates them ("W.Va.", "T&T"); no punctuation."""
    out: list[Word] = []
    sent = -1
    for s in doc.sents:
        sent += 1
        units: list[Word] = []
        for tok in s:
            if tok.is_space:
                continue
            text = tok.text
            glue = units and units[-1].end == tok.idx and (text in ".&" or units[-1].text[-1] in ".&")
            if glue and (text[0].isalnum() or text in ".&"):
                u = units[-1]
                u.end, u.text = tok.idx + len(text), u.text + text
                continue
            if not (text[0].isalnum() or ARTICLE_PREFIX.match(text)):
                units.append(Word(tok.idx, tok.idx + len(text), text, sent, False, False, False))
                continue
            units.append(Word(tok.idx, tok.idx + len(text), text, sent, False, _is_cap(text), False))
        alpha = [u for u in units if u.text[0].isalpha() and len(u.text) > 1]
        title = len(alpha) >= 4 and sum(u.cap for u in alpha) >= 0.75 * len(alpha)
        for u in units:
            u.title_line = title
        for u in units:
            if u.text[0].isalnum():
                u.first = True
                break
        out.extend(units)
    return out


def _core(text: str) -> str:
    """A word without a possessive "'s" (``Aleppo's`` → ``Aleppo``)."""
    return POSSESSIVE.sub("", text)


def _ngrams(ws: list[Word], excluded: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    spans = []
    n = len(ws)
    for i, w in enumerate(ws):
        lead = w.text.lower() in DIRECTIONS and not w.cap
        if not (w.cap or lead) or excluded(w.start, w.end):
            continue
        for j in range(i, min(n, i + MAX_WORDS)):
            wj = ws[j]
            if wj.sent != w.sent or excluded(wj.start, wj.end):
                break
            if j > i and (wj.start - ws[j - 1].end > 1 or not wj.text[0].isalnum()):
                break
            if wj.cap:
                if not (lead and j == i):
                    spans.append((i, j))
            elif not (wj.text.lower() in CONNECTORS or (lead and j == i)):
                break
            if j > i and POSSESSIVE.search(ws[j - 1].text):
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
    text = doc.text
    ws = words(doc)

    def excluded(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in exclude)

    grams = _ngrams(ws, excluded)
    texts: dict[tuple[int, int], tuple[int, int, str]] = {}
    dotted: dict[tuple[int, int], tuple[int, int, str]] = {}
    for i, j in grams:
        start, end, s = _span_text(text, ws, i, j)
        if s.endswith("."):
            dotted[(i, j)] = (start, end, s)
            s, end = s[:-1], end - 1
        texts[(i, j)] = (start, end, s)
        nxt = ws[j + 1] if j + 1 < len(ws) else None
        if (
            nxt is not None and nxt.text.lower() in AFTER and nxt.sent == ws[j].sent
            and s == text[start:end] and fold_key(s) not in word_lists().never
        ):  # fmt: skip
            texts[(i, j + 1)] = _span_text(text, ws, i, j + 1)  # "Assad district", "Bagram airbase"
    exact = lookup([fold_key(s) for _, _, s in texts.values()], False)
    lists = word_lists()
    need_skel = {
        k: skeleton_key(s)
        for k, (_, _, s) in texts.items()
        if fold_key(s) not in exact and len(s) >= 4
        and not any(w in lists.never for w in fold_key(s).split())
    }  # fmt: skip
    skel = lookup(list(need_skel.values()), True) if need_skel else {}
    found: dict[tuple[int, int], tuple[list[Candidate], bool]] = {}
    for k, (_, _, s) in texts.items():
        hits = exact.get(fold_key(s), [])
        if k in dotted:  # "Ga." is Georgia only as written, with its dot
            with_dot = [c for c in hits if c.kind == NAME_ABBREVIATION and _form_ok(c, dotted[k][2])]
            if with_dot:
                texts[k] = dotted[k]
                found[k] = (with_dot, True)
                continue
        cands = [c for c in hits if _form_ok(c, s)]
        if cands:
            found[k] = (cands, True)
        elif k in need_skel and need_skel[k] in skel:
            found[k] = (skel[need_skel[k]], False)
    proposals = _select(ws, texts, found)
    proposals += _unknown_by_cue(ws, texts, found, proposals)
    proposals.sort(key=lambda p: p.start)
    for p in proposals:
        _attach_cues(ws, p)
    _link_containers(ws, proposals)
    persons_seen: set[str] = set()
    kept = [p for p in proposals if _keep(ws, p, lists, persons_seen)]
    new_index = {id(p): k for k, p in enumerate(kept)}
    for p in kept:
        if p.container is not None:
            p.container = new_index.get(id(proposals[p.container]))
    return kept


def _form_ok(c: Candidate, s: str) -> bool:
    if c.kind != NAME_ABBREVIATION:
        return True
    return s.replace(" ", "") == c.form or (c.form.rstrip(".") == s and s.isupper() and len(s) > 1)


def _select(ws: list[Word], texts: dict, found: dict) -> list[Proposal]:
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
        if longest[1] - longest[0] > best[1] - best[0] + 1:
            best = longest  # a much longer skeleton match beats a short exact one
        cands, exact = found[best]
        start, end, s = texts[best]
        out.append(Proposal(start, end, s, best[0], best[1], ws[i].sent, cands, exact))
        i = best[1] + 1
    return out


def _unknown_by_cue(ws: list[Word], texts: dict, found: dict, taken: list[Proposal]) -> list[Proposal]:
    """Unknown capitalised names the text calls places: "the Qasr district", "village of X"."""
    used = {w for p in taken for w in range(p.first, p.last + 1)}
    lists = word_lists()
    out = []
    for (i, j), (start, end, s) in texts.items():
        if any(w in used for w in range(i, j + 1)) or (i, j) in found:
            continue
        nxt = ws[j + 1].text.lower() if j + 1 < len(ws) else ""
        prev = ws[i - 1].text.lower() if i else ""
        prev2 = ws[i - 2].text.lower() if i > 1 else ""
        cued = AFTER.get(nxt) in STRONG_AFTER or (
            prev == "of" and prev2 in ("village", "town", "district", "neighbourhood", "neighborhood")
        )
        if not cued or fold_key(s) in lists.never or not ws[i].cap:
            continue
        if ((i, j + 1) in texts and ws[j + 1].cap) or (i > 0 and (i - 1, j) in texts and ws[i - 1].cap):
            continue  # only the whole capitalised run
        out.append(Proposal(start, end, s, i, j, ws[i].sent, [], False))
        used.update(range(i, j + 1))
    return out


def _attach_cues(ws: list[Word], p: Proposal) -> None:
    k = p.first - 1
    skipped = 0
    while k >= 0 and ws[k].sent == p.sent and skipped < 3:
        low = ws[k].text.lower()
        if low in BEFORE:
            p.before = BEFORE[low]
            if low == "of" and k > 0:
                prior = ws[k - 1].text.lower()
                p.before = BEFORE.get(prior, "of") if prior in BEFORE and prior != "of" else "of"
            break
        if low in ("the", "a", "an", "its", "their", "his", "her") or low in DIRECTIONS:
            k -= 1
            skipped += 1
            continue
        break
    for k in range(p.last + 1, min(len(ws), p.last + 3)):
        low = ws[k].text.lower()
        if low in AFTER and ws[k].sent == p.sent:
            p.after = AFTER[low]
            break
        if low not in ("-", "military", "international", "industrial", "residential"):
            break
    p.demonym = bool(p.candidates) and all(c.kind == 3 for c in p.candidates)


def _link_containers(ws: list[Word], ps: list[Proposal]) -> None:
    """ "X, Y", "X in Y", "X of Y" and "Y's X" name Y as containing X."""
    for a, b in itertools.pairwise(ps):
        if b.sent != a.sent or b.demonym:
            continue
        gap = [w.text.lower() for w in ws[a.last + 1 : b.first]]
        if gap in ([","], ["in"], ["of"], ["in", "the"], ["district", "of"], ["district", "in"],
                   ["neighbourhood", "of"], ["neighborhood", "of"], ["area", "of"], ["near"],
                   ["outside"], ["province", ","], ["airbase", "in"], ["airport", "in"],
                   ["district", "of", "the", "city", "of"]):  # fmt: skip
            a.container = ps.index(b)
        elif not gap and POSSESSIVE.search(ws[a.last].text):
            b.container = ps.index(a)  # Aleppo's al-Ramousa
        elif gap == [] or gap in (["in"],):
            pass


def _keep(ws: list[Word], p: Proposal, lists: WordLists, persons_seen: set[str]) -> bool:
    words_in = ws[p.first : p.last + 1]
    key = fold_key(p.text)
    single = p.first == p.last
    if single and (key in lists.never or not p.text[0].isalpha() or CONTRACTION.search(p.text)):
        return False
    if single and key in persons_seen:
        return False
    if not p.candidates:
        return True
    cued = p.before in ("in", "near", "outskirts", "district_of") or p.after is not None
    if single and key in lists.common and (words_in[0].first or words_in[0].title_line) and not cued:
        return False
    if single and key in lists.common and p.text.islower():
        return False
    if words_in[0].text.isupper() and len(p.text) > 3 and not p.exact:
        return False
    if single and not p.demonym and p.container is None:
        prev = ws[p.first - 1] if p.first else None
        nxt = ws[p.last + 1] if p.last + 1 < len(ws) else None
        after_name = (
            prev is not None and prev.cap and prev.sent == p.sent
            and (not prev.first or fold_key(prev.text) in lists.persons)
            and prev.text[0].isalpha() and fold_key(prev.text) not in lists.never
            and prev.text.lower() not in DIRECTIONS and not POSSESSIVE.search(prev.text)
        )  # fmt: skip
        before_name = (
            (key in lists.persons or not _major(p)) and nxt is not None and nxt.cap
            and nxt.sent == p.sent and nxt.text[0].isalpha() and not words_in[0].title_line
            and (fold_key(nxt.text) not in lists.never or fold_key(nxt.text) in lists.persons)
        )  # fmt: skip
        if (after_name and not words_in[0].title_line) or before_name:
            persons_seen.add(key)
            return False
    return True


def _major(p: Proposal) -> bool:
    """Countries, first-level divisions and big cities keep their reading next to other names."""
    return any(
        c.entry.is_country or c.entry.feature_code == "ADM1" or c.entry.population >= 1_000_000
        for c in p.candidates
        if c.kind != NAME_SHORT
    )
