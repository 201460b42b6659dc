"""Cue ruler: certainty, attribution and clause cues → ``doc.spans["cues"]``.

Labels: ``negated``/``planned``/``hedged`` (with ``kb_id_`` = where the cue must sit,
``before:N``, ``sentence`` or ``following``), ``attribution``, ``according_to``, ``source``,
``clause_break``, ``anaphora``, ``background``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from frontlines.knowledge.cues import Cues
from frontlines.recognise.base import norms, write_spans
from frontlines.recognise.phrases import PhraseTrie


class CueRuler:
    def __init__(self, cues: Cues, *, key: str = "cues") -> None:
        self.key = key
        self.trie: PhraseTrie[tuple[str, str]] = PhraseTrie()
        for cue in cues.certainty:
            where = f"before:{cue.window}" if cue.where == "before" else cue.where
            for tokens in cue.phrases:
                self.trie.add(tokens, (cue.kind, where), variants=False)
        groups = {
            "attribution": cues.attribution_verbs,
            "according_to": cues.according_to,
            "source": cues.sources,
            "clause_break": cues.clause_breaks,
            "anaphora": cues.anaphora,
            "background": cues.background,
        }
        for label, phrases in groups.items():
            for tokens in phrases:
                self.trie.add(tokens, (label, ""), variants=False)

    def __call__(self, doc: Doc) -> Doc:
        matches = self.trie.find(norms(doc))
        write_spans(doc, self.key, ((s, e, label, kb) for s, e, (label, kb) in matches))
        return doc
