"""Compiled knowledge: the rulers' tries, built once and cached on disk.

Expanding ~60k trigger patterns and ~20k actor aliases into tries takes seconds;
unpickling the result takes a fraction of that. The cache key hashes every
knowledge file's bytes and the frontlines version, so editing a codebook or
passing ``--actors FILE`` rebuilds it, and a stale cache is never used. A cache
that can't be written (read-only home) only costs speed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from frontlines.config import Settings, data_path

CACHE_VERSION = "1"


@dataclass(slots=True)
class Compiled:
    knowledge: Any  # frontlines.knowledge.Knowledge
    rulers: list[Any]  # spaCy-style components, each writing one doc.spans key


def _inputs(settings: Settings) -> list[Path]:
    return [
        settings.codebook,
        *settings.extra_codebooks,
        settings.cues,
        *settings.actor_files,
        *settings.extra_actor_files,
        data_path("actors", "demonyms.tsv"),
    ]


def _code() -> list[Path]:
    """The modules whose objects are pickled: a change to them must rebuild the cache."""
    package = Path(__file__).resolve().parent.parent
    return sorted([*package.joinpath("knowledge").glob("*.py"), *package.joinpath("recognise").glob("*.py")])


def cache_key(settings: Settings) -> str:
    from frontlines import __version__

    digest = hashlib.sha256(f"{CACHE_VERSION}|{__version__}".encode())
    for path in [*_inputs(settings), *_code()]:
        digest.update(str(path).encode())
        try:
            digest.update(Path(path).read_bytes())
        except FileNotFoundError:
            digest.update(b"<missing>")
    return digest.hexdigest()[:24]


def build(settings: Settings) -> Compiled:
    from frontlines.knowledge import load_knowledge
    from frontlines.recognise.actors import ActorRuler
    from frontlines.recognise.cues import CueRuler
    from frontlines.recognise.dates import DateRuler
    from frontlines.recognise.triggers import ControlRuler, LexiconRuler, TriggerRuler

    knowledge = load_knowledge(settings)
    rulers = [
        ActorRuler(knowledge.actors, knowledge.cues),
        DateRuler(),
        TriggerRuler(knowledge.codebook),
        LexiconRuler(knowledge.codebook),
        CueRuler(knowledge.cues),
        ControlRuler(knowledge.codebook),
    ]
    # The expanded trigger list lives in the tries now; drop it from what is pickled, on a
    # copy: ``load_knowledge`` is cached for the process, and emptying the shared codebook
    # would leave the next build in this process with no triggers at all.
    lean = replace(knowledge, codebook=replace(knowledge.codebook, triggers=[]))
    return Compiled(knowledge=lean, rulers=rulers)


def load(settings: Settings, *, use_cache: bool = True) -> Compiled:
    """The compiled knowledge for these settings, from the cache when it is current."""
    if not use_cache or os.environ.get("FRONTLINES_NO_CACHE"):
        return build(settings)
    path = settings.home / "cache" / f"knowledge-{cache_key(settings)}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        pass
    compiled = build(settings)
    _write(path, compiled)
    return compiled


def _write(path: Path, compiled: Compiled) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(compiled, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a reader sees the old file or the whole new one
        for old in path.parent.glob("knowledge-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return
