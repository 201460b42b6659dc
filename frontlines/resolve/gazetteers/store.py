"""Where installed gazetteers live, and the default index built on first use.

Every gazetteer is one ``*.sqlite`` file in ``Settings().gazetteer_dir``. The
default one is built from bundled data the first time anything needs it, under
a file lock so that parallel processes (pytest-xdist workers, two CLI runs)
build it once, and rebuilt when the curated data or the packages change.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from frontlines.config import Settings
from frontlines.errors import GazetteerError
from frontlines.resolve.gazetteers.bundled import Progress, build_default, source_version
from frontlines.resolve.gazetteers.index import SUFFIX, SqliteGazetteer

DEFAULT = "default"


def gazetteer_dir(settings: Settings | None = None) -> Path:
    return (settings or Settings()).gazetteer_dir


def index_path(name: str, settings: Settings | None = None) -> Path:
    if not name or "/" in name or name.startswith("."):
        raise GazetteerError(f"invalid gazetteer name {name!r}")
    return gazetteer_dir(settings) / f"{name}{SUFFIX}"


@contextlib.contextmanager
def build_lock(settings: Settings | None = None) -> Iterator[None]:
    """An exclusive lock on the gazetteer folder for the length of a build."""
    folder = gazetteer_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def default_is_current(settings: Settings | None = None) -> bool:
    path = index_path(DEFAULT, settings)
    if not path.exists():
        return False
    try:
        gaz = SqliteGazetteer(path)
    except GazetteerError:
        return False
    try:
        return gaz.meta.get("version") == source_version()
    finally:
        gaz.close()


def ensure_default(
    settings: Settings | None = None, *, progress: Progress | None = None, force: bool = False
) -> Path:
    """The default index's path, building it first when it is missing or stale."""
    path = index_path(DEFAULT, settings)
    if not force and default_is_current(settings):
        return path
    with build_lock(settings):
        if force or not default_is_current(settings):  # another process may have built it
            build_default(path, progress=progress)
    return path


def installed(settings: Settings | None = None) -> list[Path]:
    """Paths of the installed gazetteer files, default first."""
    folder = gazetteer_dir(settings)
    if not folder.is_dir():
        return []
    paths = sorted(p for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith("."))
    return sorted(paths, key=lambda p: p.stem != DEFAULT)


def open_all(settings: Settings | None = None) -> list[SqliteGazetteer]:
    """Every installed gazetteer (building the default first), highest priority first."""
    ensure_default(settings)
    out = [SqliteGazetteer(p) for p in installed(settings)]
    return sorted(out, key=lambda g: -g.priority)


def remove(name: str, settings: Settings | None = None) -> Path:
    path = index_path(name, settings)
    if not path.exists():
        raise GazetteerError(f"no gazetteer named {name!r} is installed", path=str(path.parent))
    with build_lock(settings):
        os.unlink(path)
    return path
