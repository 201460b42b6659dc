"""Trigger ruler: codebook trigger phrases → ``doc.spans["triggers"]``.

Each span's label is the sub-event type and its ``kb_id_`` the trigger weight, so
the event assembler can rank competing triggers without reloading the codebook.
A second ruler writes the codebook's named lexicons to ``doc.spans["lexicon"]``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from frontlines.knowledge.codebook import Codebook
from frontlines.recognise.base import norms, write_spans
from frontlines.recognise.phrases import PhraseTrie


class TriggerRuler:
    def __init__(self, codebook: Codebook, *, key: str = "triggers") -> None:
        self.key = key
        self.trie: PhraseTrie[tuple[str, float]] = PhraseTrie()
        for trig in codebook.triggers:
            self.trie.add(trig.tokens, (trig.sub_event_type, trig.weight))
        self.blockers: PhraseTrie[bool] = PhraseTrie()
        for tokens in codebook.not_triggers:
            self.blockers.add(tokens, True)

    def __call__(self, doc: Doc) -> Doc:
        keys = norms(doc)
        blocked = [(s, e) for s, e, _ in self.blockers.find(keys)]
        matches = [
            (s, e, sub, f"{w:g}")
            for s, e, (sub, w) in self.trie.find(keys)
            if not any(bs <= s and e <= be for bs, be in blocked)
        ]
        write_spans(doc, self.key, matches)
        return doc


class LexiconRuler:
    def __init__(self, codebook: Codebook, *, key: str = "lexicon") -> None:
        self.key = key
        self.trie: PhraseTrie[str] = PhraseTrie()
        for name, phrases in codebook.lexicons.items():
            for tokens in phrases:
                self.trie.add(tokens, name)

    def __call__(self, doc: Doc) -> Doc:
        matches = self.trie.find(norms(doc))
        # "fight" inside "without a fight" is not fighting: a word strictly inside a longer
        # phrase of another lexicon belongs to that phrase.
        by_start: dict[int, list[tuple[int, str]]] = {}
        for s, e, name in matches:
            by_start.setdefault(s, []).append((e, name))
        kept = [(s, e, name) for s, e, name in matches if not _inside_other(s, e, name, by_start)]
        write_spans(doc, self.key, ((s, e, name, "") for s, e, name in kept))
        return doc


def _inside_other(s: int, e: int, name: str, by_start: dict[int, list[tuple[int, str]]]) -> bool:
    for start in range(max(0, s - _MAX_PHRASE), s + 1):
        for end, other in by_start.get(start, ()):
            if other != name and start <= s and e <= end and (end - start) > (e - s):
                return True
    return False


_MAX_PHRASE = 8


class ControlRuler:
    """Control language ("held by", "besieged", "front line") → ``doc.spans["control"]``."""

    def __init__(self, codebook: Codebook, *, key: str = "control") -> None:
        self.key = key
        self.trie: PhraseTrie[str] = PhraseTrie()
        for status, phrases in codebook.control.items():
            for tokens in phrases:
                self.trie.add(tokens, status, variants=False)

    def __call__(self, doc: Doc) -> Doc:
        matches = self.trie.find(norms(doc))
        items = [(s, e, status, "") for s, e, status in matches]
        for i, key in enumerate(norms(doc)):
            if key.endswith(("-held", "-controlled", "-run", "-occupied")):
                items.append((i, i + 1, "holds", "compound"))
        write_spans(doc, self.key, items)
        return doc
