"""Settings: knowledge paths, thresholds and defaults, all in one place.

Environment variables (read once, when ``Settings()`` is built):

- ``FRONTLINES_HOME``: where persistent indexes (gazetteers) live;
  default ``$XDG_DATA_HOME/frontlines`` or ``~/.local/share/frontlines``.
- ``FRONTLINES_DEBUG=1``: the CLI shows tracebacks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path


def data_path(*parts: str) -> Path:
    """A file shipped in ``frontlines/data`` (works from a wheel or a checkout)."""
    return Path(str(resources.files("frontlines").joinpath("data", *parts)))


def home() -> Path:
    env = os.environ.get("FRONTLINES_HOME")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "frontlines"


@dataclass(slots=True)
class Settings:
    """Everything a Pipeline needs to know; cheap to build, loaded lazily."""

    codebook: Path = field(default_factory=lambda: data_path("codebook.yaml"))
    extra_codebooks: list[Path] = field(default_factory=list)
    cues: Path = field(default_factory=lambda: data_path("cues.yaml"))
    actor_files: list[Path] = field(default_factory=lambda: sorted(data_path("actors").glob("*.jsonl")))
    extra_actor_files: list[Path] = field(default_factory=list)
    home: Path = field(default_factory=home)
    include_unrealised: bool = False
    min_confidence: float = 0.0
    use_trained_model: bool = True

    @property
    def gazetteer_dir(self) -> Path:
        return self.home / "gazetteers"
