"""Loading and validating the knowledge files in ``frontlines/data`` (and users' own).

``load_knowledge(settings)`` returns one ``Knowledge`` per distinct set of files,
cached for the process, so every recogniser and the pipeline share one copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from frontlines.config import Settings, data_path
from frontlines.knowledge.actors import ActorDictionary
from frontlines.knowledge.codebook import Codebook
from frontlines.knowledge.cues import Cues


@dataclass(slots=True)
class Knowledge:
    codebook: Codebook
    cues: Cues
    actors: ActorDictionary


def load_knowledge(settings: Settings | None = None) -> Knowledge:
    s = settings or Settings()
    return _load(
        tuple([s.codebook, *s.extra_codebooks]),
        s.cues,
        tuple([*s.actor_files, *s.extra_actor_files]),
    )


@lru_cache(maxsize=4)
def _load(codebooks: tuple[Path, ...], cues_path: Path, actor_files: tuple[Path, ...]) -> Knowledge:
    cues = Cues.load(cues_path)
    codebook = Codebook.load(list(codebooks), irregular=cues.irregular_verbs)
    actors = ActorDictionary.load(list(actor_files), demonyms=data_path("actors", "demonyms.tsv"))
    return Knowledge(codebook=codebook, cues=cues, actors=actors)


__all__ = ["Knowledge", "load_knowledge"]
