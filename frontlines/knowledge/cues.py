"""Certainty, attribution and grammar cues from ``cues.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.errors import KnowledgeError
from frontlines.knowledge.codebook import expand_patterns, read_yaml
from frontlines.knowledge.patterns import fold

Phrases = list[tuple[str, ...]]


@dataclass(slots=True)
class CertaintyCue:
    kind: str  # negated | planned | hedged
    where: str  # before | sentence | following (opens the next sentence: "If true, ...")
    window: int
    phrases: Phrases


@dataclass(slots=True)
class Cues:
    certainty: list[CertaintyCue] = field(default_factory=list)
    attribution_verbs: Phrases = field(default_factory=list)
    according_to: Phrases = field(default_factory=list)
    sources: Phrases = field(default_factory=list)
    boilerplate_line_starts: tuple[str, ...] = ()
    clause_breaks: Phrases = field(default_factory=list)
    anaphora: Phrases = field(default_factory=list)
    background: Phrases = field(default_factory=list)
    metonym_verbs: frozenset[str] = frozenset()
    metonym_not_after: frozenset[str] = frozenset()
    irregular_verbs: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Cues:
        data = read_yaml(path)
        where = str(path)
        irregular = {str(k): tuple(str(f) for f in v or []) for k, v in (data.get("irregular_verbs") or {}).items()}

        def phrases(value: Any, key: str) -> Phrases:
            return expand_patterns(value, where=key, path=where, irregular=irregular)

        certainty: list[CertaintyCue] = []
        for kind, spec in (data.get("certainty") or {}).items():
            if kind not in ("negated", "planned", "hedged"):
                raise KnowledgeError(f"certainty.{kind}: unknown certainty", path=where)
            for place, body in (spec or {}).items():
                if place not in ("before", "sentence", "following"):
                    raise KnowledgeError(f"certainty.{kind}.{place}: use before|sentence|following", path=where)
                certainty.append(
                    CertaintyCue(
                        kind=kind,
                        where=place,
                        window=int(body.get("window", 0)),
                        phrases=phrases(body.get("patterns") or [], f"certainty.{kind}"),
                    )
                )
        attribution = data.get("attribution") or {}
        metonym = {t for ph in phrases(data.get("metonym_verbs") or [], "metonym_verbs") for t in ph}
        return cls(
            certainty=certainty,
            attribution_verbs=phrases(attribution.get("verbs") or [], "attribution.verbs"),
            according_to=phrases(attribution.get("according_to") or [], "attribution.according_to"),
            sources=phrases(attribution.get("sources") or [], "attribution.sources"),
            boilerplate_line_starts=tuple(fold(s) for s in data.get("boilerplate_line_starts") or []),
            clause_breaks=phrases(data.get("clause_breaks") or [], "clause_breaks"),
            anaphora=phrases(data.get("anaphora") or [], "anaphora"),
            background=phrases(data.get("background") or [], "background"),
            metonym_verbs=frozenset(metonym),
            metonym_not_after=frozenset(fold(str(w)) for w in data.get("metonym_not_after") or []),
            irregular_verbs=irregular,
        )
