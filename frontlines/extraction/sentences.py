"""spaCy spans → the plain records of ``extract/context.py``: sentences, clauses, hits."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.tokens import Doc

from frontlines.extraction.context import Hit, PlaceHit, Sentence
from frontlines.knowledge.cues import Cues
from frontlines.knowledge.patterns import fold
from frontlines.recognise.base import doc_text, raw_spans


def hits(doc: Doc, key: str) -> list[Hit]:
    return [Hit(s, e, label, kb) for s, e, label, kb in raw_spans(doc, key)]


def place_hits(doc: Doc, mentions: Sequence) -> list[PlaceHit]:
    out = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        out.append(PlaceHit(span.start, span.end, m.start, m.end, m.text, m.place, m.score, m.relation))
    return out


def sentences(doc: Doc, cues: Cues) -> list[Sentence]:
    """Sentences with their clauses; boilerplate lines ("Read also: ...") are marked skip.

    Read from token arrays rather than ``doc.sents``, which rebuilds Span objects
    on every access and cost more than all the recognisers together.
    """
    n = len(doc)
    if n == 0:
        return []
    arr = doc.to_array([SENT_START, IDX, IS_SPACE])
    starts = [i for i in range(n) if arr[i, 0] == 1] or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    ends = [*starts[1:], n]
    breaks = sorted({s for s, _, label, _ in raw_spans(doc, "cues") if label == "clause_break"})
    out: list[Sentence] = []
    text = doc_text(doc)
    for i, (a, b) in enumerate(zip(starts, ends, strict=True)):
        first, last = a, b - 1
        while first < b and arr[first, 2]:
            first += 1
        while last > first and arr[last, 2]:
            last -= 1
        if first < b:
            start = int(arr[first, 1])
            end = int(arr[last, 1]) + len(doc[last].text)
        else:
            start = end = int(arr[a, 1])
        skip = fold(text[start : min(end, start + 40)]).startswith(cues.boilerplate_line_starts)
        sent = Sentence(i, a, b, start, end, skip)
        bounds = [a, *(x for x in breaks if a < x < b), b]
        sent.clauses = [(x, y) for x, y in itertools.pairwise(bounds) if y > x]
        out.append(sent)
    return out
