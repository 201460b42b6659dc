"""Word units for place recognition, the word lists it reads, and the people named in a text.

Words come from the tokenizer's own string list (``doc.user_data["frontlines.words"]``)
and one ``to_array`` call, never from spaCy ``Token`` objects, which cost more to
build than the whole place search. People matter because most false places in
news are surnames ("Hughes said", "Mayor Horton"): a name introduced as a person
("Jerry Hughes", "Mayor Bobby E. Horton") is a person for the rest of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from frontlines.config import data_path
from frontlines.resolve.gazetteer import fold_key

ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ez|es|ed|er|et|ul|ad-d|as-s)[-‐](?=[A-Z])")
INITIAL = re.compile(r"^[A-Z]\.$")
QUOTES = frozenset("\"“”‘’'«»")
# Lower-case words that may sit inside a person's name ("Osama bin Laden").
NAME_LINKS = frozenset({"bin", "ibn", "abu", "van", "von", "de", "da", "del", "al", "el"})


@dataclass(slots=True)
class Word:
    start: int
    end: int
    text: str
    sent: int
    first: bool  # opens its sentence
    cap: bool
    title_line: bool  # its sentence is a title-case headline
    low: str = ""  # lower case, final dot dropped: "rev." -> "rev"


@dataclass(slots=True, frozen=True)
class WordLists:
    never: frozenset[str]
    common: frozenset[str]
    persons: frozenset[str]
    given: frozenset[str]
    titles: frozenset[str]
    suffixes: frozenset[str]
    streets: frozenset[str]
    weapons: frozenset[str]
    weapon_nouns: frozenset[str]
    local: frozenset[str]


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    data = yaml.load(data_path("gazetteer", "words.yaml").read_text(encoding="utf-8"), yaml.BaseLoader)
    given = data_path("gazetteer", "given_names.txt").read_text(encoding="utf-8").splitlines()
    from spacy.lang.en.stop_words import STOP_WORDS

    def low(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data[key])

    return WordLists(
        never=low("never") | {fold_key(w) for w in STOP_WORDS},
        common=low("common_words"),
        persons=low("person_names"),
        given=frozenset(g.strip() for g in given if g.strip() and not g.startswith("#")),
        titles=low("titles"),
        suffixes=low("name_suffixes"),
        streets=low("street_words"),
        weapons=frozenset(fold_key(w) for w in data["weapons"]),
        weapon_nouns=low("weapon_nouns"),
        local=low("local_words"),
    )


def is_cap(text: str) -> bool:
    c = text[0]
    return (c.isupper() and c.isalpha()) or bool(ARTICLE_PREFIX.match(text)) or c.isdigit()


_SHAPES: dict[str, tuple[str, bool, bool, bool]] = {}  # text -> (low, cap, alnum, alpha word)


def _shape(text: str) -> tuple[str, bool, bool, bool]:
    shape = _SHAPES.get(text)
    if shape is None:
        alnum = text[0].isalnum() or bool(ARTICLE_PREFIX.match(text))
        shape = (text.lower().rstrip("."), alnum and is_cap(text), alnum, len(text) > 1 and text[0].isalpha())
        if len(_SHAPES) < 200_000:
            _SHAPES[text] = shape
    return shape


def words(doc: Doc) -> list[Word]:
    """Word units: tokens joined when nothing separates them ("W.Va.", "T&T"); spaces dropped.

    One pass, no per-sentence rescans: this runs on every token of every article.
    """
    texts = doc.user_data.get("frontlines.words")
    if texts is None or len(texts) != len(doc):
        texts = [t.text for t in doc]
        doc.user_data["frontlines.text"] = doc.text
    idxs = doc.to_array(IDX).tolist() if len(doc) else []
    starts = doc.to_array(SENT_START).tolist() if len(doc) else []
    if "frontlines.text" not in doc.user_data:
        doc.user_data["frontlines.text"] = _join(texts, idxs)
    out: list[Word] = []
    append = out.append
    shapes = _SHAPES
    sent = begin = alpha = caps = 0
    opened = False
    prev: Word | None = None
    for idx, sent_start, text in zip(idxs, starts, texts, strict=True):
        if sent_start == 1 and out and not (prev is not None and INITIAL.match(prev.text)):
            if alpha >= 4 and caps >= 0.75 * alpha:
                _title(out, begin)
            sent += 1
            begin, alpha, caps, opened, prev = len(out), 0, 0, False, None
        shape = shapes.get(text) or _shape(text)
        if not shape[2] and text.isspace():
            continue
        if (
            prev is not None
            and prev.end == idx
            and (text in ".&" or prev.text[-1] in ".&")
            and (text[0].isalnum() or text in ".&")
        ):
            prev.end, prev.text = idx + len(text), prev.text + text
            prev.low = prev.text.lower().rstrip(".")
            continue
        first = not opened and shape[2]
        if first:
            opened = True
        if shape[3]:
            alpha += 1
            caps += shape[1]
        prev = Word(idx, idx + len(text), text, sent, first, shape[1], False, shape[0])
        append(prev)
    if alpha >= 4 and caps >= 0.75 * alpha:
        _title(out, begin)
    return out


def _title(out: list[Word], begin: int) -> None:
    """The sentence from ``begin`` is a title-case headline: mark its words."""
    for k in range(begin, len(out)):
        out[k].title_line = True


def _join(texts: list[str], idxs: list[int]) -> str:
    """The document text from the tokenizer's strings: ``Doc.text`` rebuilds it token by token."""
    parts: list[str] = []
    pos = 0
    for idx, text in zip(idxs, texts, strict=True):
        if idx > pos:
            parts.append(" " * (idx - pos))
        parts.append(text)
        pos = idx + len(text)
    return "".join(parts)


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached by ``words()`` (spaCy joins every token again on each access)."""
    text = doc.user_data.get("frontlines.text")
    return text if text is not None else doc.text


@dataclass(slots=True)
class People:
    """Who the text names as people: word indexes inside person names, and their keys."""

    words: set[int]
    surnames: set[str]  # every word of a person's name but the first
    given: set[str]  # first words of person names


def people(ws: list[Word], lists: WordLists, places_at: dict[int, int]) -> People:
    """Capitalised runs that are people's names: after a title, opening with a given name,
    with a middle initial or a suffix. ``places_at`` maps a word index to the last word of
    the longest multi-word gazetteer name starting there ("Douglas County", "King County"),
    which stays a place."""
    found = People(set(), set(), set())
    n = len(ws)
    done = -1
    for i in [k for k, w in enumerate(ws) if w.cap]:
        if i <= done:
            continue
        w = ws[i]
        j = i
        while j + 1 < n and ws[j + 1].sent == w.sent and ws[j + 1].start - ws[j].end <= 1:
            nxt = ws[j + 1]
            if _nickname(ws, j + 1):
                j += 4  # G.B. "Sonny" Hall
                continue
            if not (nxt.cap or (nxt.low in NAME_LINKS and j + 2 < n and ws[j + 2].cap)):
                break
            j += 1
        _person_run(ws, i, j, lists, places_at, found)
        done = j
    return found


def _nickname(ws: list[Word], q: int) -> bool:
    """A quoted nickname inside a name: ``"Sonny"`` in ``G.B. "Sonny" Hall``."""
    if q + 3 >= len(ws) or ws[q].text not in QUOTES or ws[q + 2].text not in QUOTES:
        return False
    return ws[q + 1].cap and ws[q + 3].cap and ws[q + 3].sent == ws[q].sent


def _person_run(ws: list[Word], i: int, j: int, lists: WordLists, places_at: dict[int, int], found: People) -> None:
    # A title inside or just before the run starts the name after it.
    start = i
    titled = False
    prev = ws[i - 1] if i > 0 else None
    if prev is not None and prev.sent == ws[i].sent and prev.low in lists.titles:
        titled = ws[i].start - prev.end <= 1
    for k in range(i, j):
        if ws[k].low in lists.titles and places_at.get(k, k) == k:
            start, titled = k + 1, True
    if start > j or places_at.get(start, start) >= j > start:
        return  # "King County", "Mary Esther": a multi-word place, not a person
    run = ws[start : j + 1]
    after = ws[j + 1].low if j + 1 < len(ws) and ws[j + 1].sent == ws[j].sent else ""
    head = run[0].low
    person = titled or after in lists.suffixes
    if not person and len(run) >= 2:
        second = run[1].low
        person = (
            head in lists.given
            and second not in lists.never
            and second not in lists.streets
            and places_at.get(start, start) == start
        ) or any(INITIAL.match(w.text) or w.text in QUOTES for w in run[1:-1])
    if not person:
        return
    found.words.update(range(start, j + 1))
    rest = run
    if len(run) >= 2:
        found.given.add(fold_key(run[0].text))
        rest = run[1:]
    for w in rest:  # "Mayor Horton": a lone name after a title is a surname
        if not INITIAL.match(w.text) and w.low not in NAME_LINKS:
            found.surnames.add(fold_key(w.text))
