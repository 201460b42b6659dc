"""What every recogniser shares: folded token keys and writing a ``doc.spans`` group."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from frontlines.knowledge.patterns import fold


def norms(doc: Doc) -> list[str]:
    """Folded token texts (lower case, straight apostrophes, no diacritics), cached on the Doc."""
    cached = doc.user_data.get("frontlines.norms")
    if cached is None:
        cached = [fold(t.text) for t in doc]
        doc.user_data["frontlines.norms"] = cached
    return cached


def write_spans(doc: Doc, key: str, items: Iterable[tuple[int, int, str, str]]) -> None:
    """Store (start_token, end_token, label, kb_id) items as ``doc.spans[key]``."""
    doc.spans[key] = [Span(doc, s, e, label=label, kb_id=kb) for s, e, label, kb in items]
