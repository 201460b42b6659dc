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


def ensure_default(settings: Settings | None = None, *, progress: Progress | None = None, force: bool = False) -> Path:
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


def install_geonames(
    dump: Path,
    *,
    settings: Settings | None = None,
    name: str | None = None,
    alternate_names: Path | None = None,
    admin1_codes: Path | None = None,
    admin2_codes: Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """Index a GeoNames dump as ``geonames-XX`` (or ``geonames`` for allCountries)."""
    from frontlines.resolve.gazetteers.geonames import load_dump

    stem = Path(dump).name.split(".")[0]
    name = name or ("geonames" if stem.lower().startswith("allcountries") else f"geonames-{stem}")
    with build_lock(settings):
        return load_dump(
            Path(dump),
            index_path(name, settings),
            name="geonames",
            alternate_names=alternate_names,
            admin1_codes=admin1_codes,
            admin2_codes=admin2_codes,
            progress=progress,
        )


def install_overlay(
    src: Path,
    *,
    settings: Settings | None = None,
    name: str | None = None,
    fields: object | None = None,
    feature_code: str = "PPLX",
    country: str | None = None,
    parent: str | None = None,
    progress: Progress | None = None,
) -> Path:
    """Index a CSV/GeoJSON/JSON overlay; ``parent`` ("Aleppo, SY") places it inside a city."""
    from frontlines.resolve.gazetteers.overlay import load_overlay

    name = name or Path(src).stem
    if name == DEFAULT or name.startswith("geonames"):
        raise GazetteerError(f"{name!r} is reserved; pick another --name")
    parent_entry = find_parent(parent, settings) if parent else None
    with build_lock(settings):
        return load_overlay(
            Path(src),
            index_path(name, settings),
            name=name,
            fields=fields,  # type: ignore[arg-type]
            feature_code=feature_code,
            country=country,
            parent=parent_entry,
            progress=progress,
        )


def find_parent(ref: str, settings: Settings | None = None):  # -> Entry
    """The most populous place named ``"Name, CC"`` in the installed gazetteers."""
    from frontlines.resolve.gazetteer import fold_key

    label, _, cc = ref.rpartition(",")
    label, cc = (label or cc).strip(), cc.strip().upper() if label else None
    best = None
    for gaz in open_all(settings):
        for cand in gaz.lookup([fold_key(label)]).get(fold_key(label), []):
            e = cand.entry
            if cc and e.country != cc:
                continue
            if e.feature_class == "P" and (best is None or e.population > best.population):
                best = e
    if best is None:
        raise GazetteerError(f"parent {ref!r} is not in any installed gazetteer")
    return best
