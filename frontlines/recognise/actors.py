"""Actor ruler: dictionary aliases → ``doc.spans["actors"]``.

Span label is how the alias matched best (``alias``, ``context``, ``metonym``) and
``kb_id_`` every candidate id by kind (``alias=a|b;context=c``); ``resolve/actors.py`` picks one
using the document's focus country. Rules applied here, because they are about
the words themselves:

- an alias written with capitals matches only the same capitalisation ("HTS", not "hts");
- overlapping matches keep the longest ("Free Syrian Army" over "Syrian Army");
- a capital city is the government only before a verb of saying or deciding
  ("Damascus said"), never as a place ("fighting in Damascus");
- a generic actor preceded by a demonym takes it in ("Syrian rebels");
- a generic word right after a named actor is part of it ("Jaish al-Fatah rebel group").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from frontlines.knowledge.actors import ActorDictionary, Alias, alias_tokens, alias_variants
from frontlines.knowledge.cues import Cues
from frontlines.recognise.base import norms, write_spans
from frontlines.recognise.phrases import PhraseTrie

_KIND_RANK = {"alias": 0, "context": 1, "metonym": 2}
_OWNED_WITHIN = 4  # "Sudan's [paramilitary] Rapid Support Forces": tokens from the 's to the actor


class ActorRuler:
    def __init__(self, actors: ActorDictionary, cues: Cues, *, key: str = "actors") -> None:
        self.key = key
        self.actors = actors
        self.metonym_verbs = cues.metonym_verbs
        self.metonym_not_after = cues.metonym_not_after
        self.demonyms = actors.demonyms
        # One payload per distinct (phrase, kind, spelling): "the army" is a context
        # alias of ~200 states, and matching it once keeps the ruler fast.
        groups: dict[tuple, list[str]] = {}
        for alias in actors.aliases():
            written = tuple(_written_tokens(alias.text))
            for variant in alias_variants(alias_tokens(alias.text)):
                ids = groups.setdefault((variant, alias.kind, written, alias.case_sensitive), [])
                if alias.actor_id not in ids:
                    ids.append(alias.actor_id)
        self.trie: PhraseTrie[_Group] = PhraseTrie()
        for (variant, kind, written, cased), ids in groups.items():
            self.trie.add(variant, _Group(kind, written, cased, tuple(ids)), variants=False)

    def __call__(self, doc: Doc) -> Doc:
        keys = norms(doc)
        found: dict[tuple[int, int], dict[str, dict[str, None]]] = {}
        for start, end, group in self.trie.find(keys):
            if group.cased and not _same_case(doc, start, end, group.written):
                continue
            if group.kind == "metonym" and not self._metonym_context(doc, keys, start, end):
                continue
            found.setdefault((start, end), {}).setdefault(group.kind, {}).update(dict.fromkeys(group.ids))
        candidates = {span: {k: list(ids) for k, ids in kinds.items()} for span, kinds in found.items()}
        self._the_demonym(doc, keys, candidates)
        chosen: list[tuple[int, int, str, str]] = []
        taken: set[int] = set()

        def rank(k: tuple[int, int]) -> tuple[int, int, int]:
            best = min(_KIND_RANK[kind] for kind in candidates[k])
            return (-(k[1] - k[0]), best, k[0])

        for start, end in sorted(candidates, key=rank):
            if any(i in taken for i in range(start, end)):
                continue
            kinds = candidates[(start, end)]
            label = min(kinds, key=_KIND_RANK.__getitem__)
            all_ids = [i for ids in kinds.values() for i in ids]
            start = self._demonym_start(doc, keys, start, all_ids, taken)
            taken.update(range(start, end))
            chosen.append((start, end, label, encode_ids(kinds)))
        chosen.sort()
        chosen = self._drop_owner_metonyms(keys, chosen)
        write_spans(doc, self.key, self._absorb_generic_heads(doc, chosen))
        return doc

    def _the_demonym(self, doc: Doc, keys: list[str], candidates: dict[tuple[int, int], dict[str, list[str]]]) -> None:
        """'The Syrian opposition' is 'the opposition' with a country."""
        n = len(keys)
        for i in range(n - 2):
            if keys[i] != "the" or keys[i + 1] not in self.demonyms or doc[i + 2].is_space:
                continue
            window = [keys[i], *keys[i + 2 : i + 8]]
            for s, e, group in self.trie.find(window):
                if s != 0 or group.kind != "alias":
                    continue
                if not all(self.actors.entries[a].generic for a in group.ids if a in self.actors.entries):
                    continue
                kinds = candidates.setdefault((i, i + e + 1), {})
                ids = kinds.setdefault("alias", [])
                ids.extend(a for a in group.ids if a not in ids)

    def _absorb_generic_heads(
        self, doc: Doc, chosen: list[tuple[int, int, str, str]]
    ) -> list[tuple[int, int, str, str]]:
        """'Jaish al-Fatah rebel group', 'Taliban fighters': one mention of the named actor."""
        out: list[tuple[int, int, str, str]] = []
        for item in chosen:
            if out:
                ps, pe, pkind, pids = out[-1]
                start, end, _, ids = item
                if start == pe and self._generic(ids) and not self._generic(pids):
                    out[-1] = (ps, end, pkind, pids)
                    continue
            out.append(item)
        return out

    def _generic(self, encoded: str) -> bool:
        ids = [i for group in decode_ids(encoded).values() for i in group]
        if not ids:
            return False
        for i in ids:
            entry = self.actors.entries.get(i)
            if entry is None or not entry.generic:
                return False
        return True

    @staticmethod
    def _drop_owner_metonyms(
        keys: list[str], chosen: list[tuple[int, int, str, str]]
    ) -> list[tuple[int, int, str, str]]:
        """'Sudan's paramilitary Rapid Support Forces': the country describes the actor after it."""
        out = []
        for i, item in enumerate(chosen):
            _, end, label, _ = item
            nxt = chosen[i + 1][0] if i + 1 < len(chosen) else None
            owner = label == "metonym" and end < len(keys) and keys[end] == "'s"
            if owner and nxt is not None and nxt - end <= _OWNED_WITHIN:
                continue
            out.append(item)
        return out

    def _metonym_context(self, doc: Doc, keys: list[str], start: int, end: int) -> bool:
        if start > 0 and keys[start - 1] in self.metonym_not_after:
            return False  # "in central Somalia's Hiiraan region": a place
        j = end
        while j < len(doc) and doc[j].is_space:
            j += 1
        return j < len(doc) and keys[j] in self.metonym_verbs

    def _demonym_start(self, doc: Doc, keys: list[str], start: int, ids: list[str], taken: set[int]) -> int:
        entries = [self.actors.entries.get(i) for i in ids]
        if not any(e is not None and e.generic for e in entries):
            return start
        j = start - 1
        demonym = keys[j] in self.demonyms or keys[j] in self.actors.shared_demonyms if j >= 0 else False
        if j >= 0 and j not in taken and demonym and doc[j].text[:1].isupper():
            return j
        return start


@dataclass(frozen=True, slots=True)
class _Group:
    kind: str
    written: tuple[str, ...]
    cased: bool
    ids: tuple[str, ...]


def encode_ids(kinds: dict[str, list[str]]) -> str:
    """``alias=a|b;context=c``: every actor the words may name, by how they matched."""
    return ";".join(f"{kind}={'|'.join(ids)}" for kind, ids in sorted(kinds.items()))


def decode_ids(encoded: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in encoded.split(";"):
        if "=" in part:
            kind, ids = part.split("=", 1)
            out[kind] = [i for i in ids.split("|") if i]
    return out


def _written_tokens(text: str) -> list[str]:
    from frontlines.recognise.nlp import TOKEN

    return [m.group() for m in TOKEN.finditer(text)]


def _same_case(doc: Doc, start: int, end: int, written: tuple[str, ...]) -> bool:
    """Capitalised alias words must be capitalised in the text (all-caps must be all-caps)."""
    toks = [doc[i].text for i in range(start, end)]
    if len(toks) != len(written):  # an "al X" / "al-X" variant: compare the letters only
        return "".join(toks).replace("-", "").replace(" ", "")[:1].isupper() == "".join(written)[:1].isupper()
    for have, want in zip(toks, written, strict=True):
        if want.isupper() and len(want) > 1 and not have.isupper():
            return False
        if want[:1].isupper() and not have[:1].isupper():
            return False
    return True


def lookup(ruler: ActorRuler, text: str) -> list[Alias]:
    """Aliases whose whole text is ``text`` ("rebel" in "rebel-held")."""
    from frontlines.knowledge.actors import alias_tokens as _tokens

    tokens = _tokens(text)
    return [
        Alias(actor_id, group.kind, text, group.cased)
        for s, e, group in ruler.trie.find(tokens)
        if s == 0 and e == len(tokens)
        for actor_id in group.ids
    ]
