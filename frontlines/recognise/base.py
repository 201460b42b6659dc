"""What every recogniser shares: folded token keys and writing a ``doc.spans`` group."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from frontlines.knowledge.patterns import fold

_FOLDED: dict[str, str] = {}


def _fold_cached(word: str) -> str:
    key = _FOLDED.get(word)
    if key is None:
        key = fold(word)
        if len(_FOLDED) < 200_000:
            _FOLDED[word] = key
    return key


def doc_text(doc: Doc) -> str:
    """``doc.text`` without rebuilding it: the tokenizer keeps the original string."""
    text = doc.user_data.get("frontlines.text")
    return text if text is not None else doc.text


def norms(doc: Doc) -> list[str]:
    """Folded token texts (lower case, straight apostrophes, no diacritics), cached on the Doc."""
    cached = doc.user_data.get("frontlines.norms")
    if cached is None:
        words = doc.user_data.get("frontlines.words") or [t.text for t in doc]
        cached = [_fold_cached(w) for w in words]
        doc.user_data["frontlines.norms"] = cached
    return cached


def write_spans(doc: Doc, key: str, items: Iterable[tuple[int, int, str, str]]) -> None:
    """Store (start_token, end_token, label, kb_id) items as ``doc.spans[key]``.

    The plain tuples are also kept in ``doc.user_data`` so the extractors can read
    them without building a spaCy Span object per match.
    """
    items = sorted(items)
    doc.user_data[f"frontlines.spans.{key}"] = items
    doc.spans[key] = [Span(doc, s, e, label=label, kb_id=kb) for s, e, label, kb in items]


def raw_spans(doc: Doc, key: str) -> list[tuple[int, int, str, str]]:
    """The (start, end, label, kb_id) tuples a ruler wrote, in text order."""
    cached = doc.user_data.get(f"frontlines.spans.{key}")
    if cached is not None:
        return cached
    if key not in doc.spans:
        return []
    return [(s.start, s.end, s.label_, s.kb_id_) for s in doc.spans[key]]
