"""Everything the extractors need about one document, computed once.

The recognisers leave spaCy spans in ``doc.spans``; this module turns them into
plain, token-indexed records grouped by sentence and clause, so the extractors
can ask "which actors are in this clause, before this trigger?" cheaply.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc

from frontlines.recognise.base import norms
from frontlines.resolve.actors import ActorMention
from frontlines.resolve.dates import ResolvedDate
from frontlines.types import Document, Place, Span


@dataclass(slots=True)
class Sentence:
    index: int
    tok_start: int
    tok_end: int
    start: int
    end: int
    skip: bool = False  # boilerplate ("Read also: ...")
    clauses: list[tuple[int, int]] = field(default_factory=list)

    def clause_of(self, tok: int) -> tuple[int, int]:
        for c in self.clauses:
            if c[0] <= tok < c[1]:
                return c
        return (self.tok_start, self.tok_end)


@dataclass(slots=True)
class Hit:
    """A recogniser match: token range, label and payload."""

    tok_start: int
    tok_end: int
    label: str
    value: str = ""


@dataclass(slots=True)
class PlaceHit:
    tok_start: int
    tok_end: int
    start: int
    end: int
    text: str
    place: Place | None
    score: float
    relation: str | None


@dataclass(slots=True)
class DateHit:
    tok_start: int
    tok_end: int
    start: int
    end: int
    text: str
    kind: str
    resolved: ResolvedDate | None


@dataclass(slots=True)
class DocContext:
    document: Document
    doc: Doc
    published: date | None
    sentences: list[Sentence]
    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceHit] = field(default_factory=list)
    dates: list[DateHit] = field(default_factory=list)
    triggers: list[Hit] = field(default_factory=list)
    cues: list[Hit] = field(default_factory=list)
    lexicon: list[Hit] = field(default_factory=list)
    control: list[Hit] = field(default_factory=list)
    narrative: dict[int, tuple[date, int]] = field(default_factory=dict)
    focus_country: str | None = None
    focus_place: Place | None = None
    cache: dict = field(default_factory=dict)  # per-document memo for the extractors
    parse: Any = None  # a trained pipeline's Parse, when one is installed (recognise/model.py)
    _sent_starts: list[int] = field(default_factory=list)
    _starts: dict[int, tuple[list, list[int]]] = field(default_factory=dict)
    _lex_by_sent: dict[int, dict[str, list[Hit]]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def norms(self) -> list[str]:
        return norms(self.doc)

    def prev_word(self, tok: int, skip: Collection[str] = ()) -> int:
        """Index of the word before token ``tok``, passing over spaces and ``skip`` words; -1 at the start."""
        i = tok - 1
        while i >= 0 and (self.doc[i].is_space or self.norms[i] in skip):
            i -= 1
        return i

    def sentence_of(self, tok: int) -> int:
        if not self._sent_starts:
            self._sent_starts = [s.tok_start for s in self.sentences]
        return max(0, bisect_right(self._sent_starts, tok) - 1)

    def span(self, start: int, end: int, sentence: int | None = None) -> Span:
        """A contract Span for a char range; ``text`` always equals the document slice."""
        if sentence is None:
            tok = self.doc.char_span(start, end, alignment_mode="expand")
            sentence = self.sentence_of(tok.start) if tok is not None else 0
        return Span(start=start, end=end, text=self.text[start:end], sentence=sentence)

    def sentence_span(self, index: int) -> Span:
        s = self.sentences[index]
        return Span(start=s.start, end=s.end, text=self.text[s.start : s.end], sentence=index)

    def tok_char(self, tok_start: int, tok_end: int) -> tuple[int, int]:
        first = self.doc[tok_start]
        last = self.doc[tok_end - 1]
        return first.idx, last.idx + len(last.text)

    # -- grouped lookups -----------------------------------------------------------
    def in_range(self, items: list, lo: int, hi: int) -> list:
        """Items (sorted by tok_start) lying inside tokens [lo, hi)."""
        cached = self._starts.get(id(items))
        if cached is None or cached[0] is not items or len(cached[1]) != len(items):
            cached = (items, [x.tok_start for x in items])  # holding ``items`` keeps its id unique
            self._starts[id(items)] = cached
        starts = cached[1]
        i, j = bisect_left(starts, lo), bisect_left(starts, hi)
        return [x for x in items[i:j] if x.tok_end <= hi]

    def lexicon_in(self, lo: int, hi: int) -> dict[str, list[Hit]]:
        out: dict[str, list[Hit]] = defaultdict(list)
        for h in self.in_range(self.lexicon, lo, hi):
            out[h.label].append(h)
        return out

    def lexicon_of_sentence(self, index: int) -> dict[str, list[Hit]]:
        cached = self._lex_by_sent.get(index)
        if cached is None:
            s = self.sentences[index]
            cached = self.lexicon_in(s.tok_start, s.tok_end)
            self._lex_by_sent[index] = cached
        return cached
