"""Actor ruler: dictionary aliases → ``doc.spans["actors"]``.

Span label is how the alias matched (``alias``, ``context``, ``metonym``) and
``kb_id_`` the candidate actor ids joined by ``|``; ``resolve/actors.py`` picks one
using the document's focus country. Rules applied here, because they are about
the words themselves:

- an alias written with capitals matches only the same capitalisation ("HTS", not "hts");
- overlapping matches keep the longest ("Free Syrian Army" over "Syrian Army");
- a capital city is the government only before a verb of saying or deciding
  ("Damascus said"), never as a place ("fighting in Damascus");
- a generic actor preceded by a demonym takes it in ("Syrian rebels").
"""

from __future__ import annotations

from spacy.tokens import Doc

from frontlines.knowledge.actors import ActorDictionary, Alias, alias_tokens, alias_variants
from frontlines.knowledge.cues import Cues
from frontlines.recognise.base import norms, write_spans
from frontlines.recognise.phrases import PhraseTrie

_KIND_RANK = {"alias": 0, "context": 1, "metonym": 2}


class ActorRuler:
    def __init__(self, actors: ActorDictionary, cues: Cues, *, key: str = "actors") -> None:
        self.key = key
        self.actors = actors
        self.metonym_verbs = cues.metonym_verbs
        self.demonyms = actors.demonyms
        self.trie: PhraseTrie[tuple[Alias, tuple[str, ...]]] = PhraseTrie()
        for alias in actors.aliases():
            written = tuple(t for t in _written_tokens(alias.text))
            for variant in alias_variants(alias_tokens(alias.text)):
                self.trie.add(variant, (alias, written), variants=False)

    def __call__(self, doc: Doc) -> Doc:
        keys = norms(doc)
        candidates: dict[tuple[int, int, str], list[str]] = {}
        for start, end, (alias, written) in self.trie.find(keys):
            if alias.case_sensitive and not _same_case(doc, start, end, written):
                continue
            if alias.kind == "metonym" and not self._metonym_context(doc, keys, end):
                continue
            ids = candidates.setdefault((start, end, alias.kind), [])
            if alias.actor_id not in ids:
                ids.append(alias.actor_id)
        chosen: list[tuple[int, int, str, str]] = []
        taken: set[int] = set()
        order = sorted(candidates, key=lambda k: (-(k[1] - k[0]), _KIND_RANK[k[2]], k[0]))
        for start, end, kind in order:
            if any(i in taken for i in range(start, end)):
                continue
            ids = candidates[(start, end, kind)]
            start = self._demonym_start(doc, keys, start, ids, taken)
            taken.update(range(start, end))
            chosen.append((start, end, kind, "|".join(ids)))
        chosen.sort()
        write_spans(doc, self.key, chosen)
        return doc

    def _metonym_context(self, doc: Doc, keys: list[str], end: int) -> bool:
        j = end
        while j < len(doc) and doc[j].is_space:
            j += 1
        return j < len(doc) and keys[j] in self.metonym_verbs

    def _demonym_start(
        self, doc: Doc, keys: list[str], start: int, ids: list[str], taken: set[int]
    ) -> int:
        entries = [self.actors.entries.get(i) for i in ids]
        if not any(e is not None and e.generic for e in entries):
            return start
        j = start - 1
        if j >= 0 and j not in taken and keys[j] in self.demonyms and doc[j].text[:1].isupper():
            return j
        return start


def _written_tokens(text: str) -> list[str]:
    from frontlines.recognise.nlp import TOKEN

    return [m.group() for m in TOKEN.finditer(text)]


def _same_case(doc: Doc, start: int, end: int, written: tuple[str, ...]) -> bool:
    """Capitalised alias words must be capitalised in the text (all-caps must be all-caps)."""
    toks = [doc[i].text for i in range(start, end)]
    if len(toks) != len(written):  # an "al X" / "al-X" variant: compare the letters only
        return (
            "".join(toks).replace("-", "").replace(" ", "")[:1].isupper()
            == "".join(written)[:1].isupper()
        )
    for have, want in zip(toks, written, strict=True):
        if want.isupper() and len(want) > 1 and not have.isupper():
            return False
        if want[:1].isupper() and not have[:1].isupper():
            return False
    return True
