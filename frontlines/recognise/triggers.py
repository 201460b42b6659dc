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

    def __call__(self, doc: Doc) -> Doc:
        matches = self.trie.find(norms(doc))
        write_spans(doc, self.key, ((s, e, sub, f"{w:g}") for s, e, (sub, w) in matches))
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
        write_spans(doc, self.key, ((s, e, name, "") for s, e, name in matches))
        return doc
