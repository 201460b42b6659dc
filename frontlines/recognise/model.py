"""Optional upgrade: a trained spaCy English pipeline, when one is installed.

Its named entities find actors the dictionary lacks ("the Kafr Nabl Local Council"),
and its dependency parse decides roles where word order is ambiguous (the subject of
the trigger verb is actor1, its object or "against"/"on" target actor2, a passive
verb's "by" agent actor1). Nothing is ever downloaded: frontlines uses a pipeline
only if one is installed as a package, and ``FRONTLINES_MODEL`` chooses one by name
or turns the upgrade off (``none``). It costs ~25x the rule pipeline's time, so the
default rule pipeline stays the fast path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

ACTOR_LABELS = frozenset({"ORG", "NORP"})
SUBJECT_DEPS = frozenset({"nsubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "attr"})
TARGET_PREPOSITIONS = frozenset({"on", "against", "at", "into", "upon", "targeting"})


@dataclass(slots=True)
class ParsedToken:
    start: int
    end: int
    dep: str
    head: int  # index of the head token
    text: str


@dataclass(slots=True)
class Parse:
    """What the trained pipeline says about one text, as character offsets."""

    entities: list[tuple[int, int, str]] = field(default_factory=list)
    tokens: list[ParsedToken] = field(default_factory=list)

    def token_at(self, char: int) -> int | None:
        for i, tok in enumerate(self.tokens):
            if tok.start <= char < tok.end:
                return i
        return None

    def subtree(self, index: int) -> tuple[int, int]:
        """Character range covered by a token and its dependents."""
        members = {index}
        changed = True
        while changed:
            changed = False
            for i, tok in enumerate(self.tokens):
                if i not in members and tok.head in members and tok.head != i:
                    members.add(i)
                    changed = True
        return min(self.tokens[i].start for i in members), max(self.tokens[i].end for i in members)

    def roles(self, trigger_char: int) -> dict[str, tuple[int, int]]:
        """Character ranges of the trigger verb's agent ('actor1') and target ('actor2')."""
        i = self.token_at(trigger_char)
        if i is None:
            return {}
        out: dict[str, tuple[int, int]] = {}
        passive = any(t.head == i and t.dep in PASSIVE_SUBJECT_DEPS for t in self.tokens)
        for j, tok in enumerate(self.tokens):
            if tok.head != i or j == i:
                continue
            if tok.dep in SUBJECT_DEPS:
                out.setdefault("actor1", self.subtree(j))
            elif tok.dep in PASSIVE_SUBJECT_DEPS or (tok.dep in OBJECT_DEPS and not passive):
                out.setdefault("actor2", self.subtree(j))
            elif tok.dep == "agent" or (tok.dep == "prep" and tok.text.lower() == "by"):
                objects = [k for k, t in enumerate(self.tokens) if t.head == j and t.dep == "pobj"]
                if objects:
                    out["actor1"] = self.subtree(objects[0])
            elif tok.dep == "prep" and tok.text.lower() in TARGET_PREPOSITIONS:
                objects = [k for k, t in enumerate(self.tokens) if t.head == j and t.dep == "pobj"]
                if objects:
                    out.setdefault("actor2", self.subtree(objects[0]))
        return out


def installed_model() -> str | None:
    """The English pipeline to use: ``FRONTLINES_MODEL``, else the first installed one with NER and a parser."""
    wanted = os.environ.get("FRONTLINES_MODEL", "").strip()
    if wanted.lower() in ("none", "off", "0"):
        return None
    import spacy

    names = spacy.util.get_installed_models()
    if wanted:
        return wanted if wanted in names else None
    for name in sorted(names):
        try:
            meta = spacy.util.get_model_meta(spacy.util.get_package_path(name))
        except (OSError, ValueError):
            continue
        pipes = set(meta.get("pipeline") or [])
        if meta.get("lang", "en") == "en" and {"ner", "parser"} <= pipes:
            return name
    return None


class TrainedModel:
    """Loads the pipeline on first use (a fraction of a second); one per process."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            import spacy

            self._nlp = spacy.load(self.name, exclude=["lemmatizer", "textcat", "textcat_multilabel"])
        return self._nlp

    def parse(self, text: str) -> Parse:
        doc = self.nlp(text)
        tokens = [ParsedToken(t.idx, t.idx + len(t.text), t.dep_, t.head.i, t.text) for t in doc]
        entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        return Parse(entities=entities, tokens=tokens)


@lru_cache(maxsize=2)
def load_model(name: str) -> TrainedModel:
    return TrainedModel(name)
