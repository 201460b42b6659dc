"""``frontlines gazetteer``: list, inspect, build, add, download and remove gazetteers."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click


@contextmanager
def _progress(quiet: bool):
    """A rich progress bar on stderr when it is a terminal; otherwise a silent callback."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,}"),
        console=Console(stderr=True), transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("starting", total=None)

        def update(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total or None)

        yield update


def _describe(path: Path) -> dict[str, Any]:
    from frontlines.resolve.gazetteers.index import SqliteGazetteer

    gaz = SqliteGazetteer(path)
    try:
        meta = dict(gaz.meta)
    finally:
        gaz.close()
    meta.update(file=str(path), size_mb=round(path.stat().st_size / 1e6, 1), installed_as=path.stem)
    return meta


@click.group()
def gazetteer() -> None:
    """Manage the gazetteers places are resolved against (bundled, GeoNames, overlays).

    Example:

        frontlines gazetteer list
    """


@gazetteer.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per gazetteer.")
def list_(as_json: bool) -> None:
    """List installed gazetteers (the default one is built on first use).

    Example:

        frontlines gazetteer list --json
    """
    from frontlines.resolve.gazetteers.store import ensure_default, installed

    with _progress(False) as progress:
        ensure_default(progress=progress)
    for path in installed():
        d = _describe(path)
        if as_json:
            click.echo(json.dumps(d, ensure_ascii=False))
        else:
            click.echo(
                f"{d['installed_as']:<24} {d['kind']:<9} {d['count']:>10,} places  {d['size_mb']:>8} MB  {d['source']}"
            )


@gazetteer.command()
@click.argument("name")
def info(name: str) -> None:
    """Show one gazetteer's metadata as JSON.

    Example:

        frontlines gazetteer info default
    """
    from frontlines.errors import GazetteerError
    from frontlines.resolve.gazetteers.store import ensure_default, index_path

    if name == "default":
        ensure_default()
    path = index_path(name)
    if not path.exists():
        raise GazetteerError(f"no gazetteer named {name!r} is installed", path=str(path.parent))
    click.echo(json.dumps(_describe(path), ensure_ascii=False, indent=2))


@gazetteer.command()
@click.argument("name")
def remove(name: str) -> None:
    """Remove an installed gazetteer (the default one is rebuilt when next needed).

    Example:

        frontlines gazetteer remove geonames-SY
    """
    from frontlines.resolve.gazetteers.store import remove as remove_index

    path = remove_index(name)
    click.echo(f"removed {path}", err=True)


@gazetteer.command()
@click.option("--force", is_flag=True, help="Rebuild even when the index is current.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def build(force: bool, quiet: bool) -> None:
    """Build the default index from the bundled data (done automatically on first use).

    Example:

        frontlines gazetteer build --force
    """
    from frontlines.resolve.gazetteers.store import ensure_default

    with _progress(quiet) as progress:
        path = ensure_default(progress=progress, force=force)
    click.echo(f"built {path}", err=True)


@gazetteer.group()
def add() -> None:
    """Add a GeoNames dump or an overlay of your own places.

    Example:

        frontlines gazetteer add geonames SY.zip
    """


@add.command("geonames")
@click.argument("dump", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--alternate-names", type=click.Path(dir_okay=False, path_type=Path),
              help="alternateNamesV2 file (.zip or .txt) for more names.")  # fmt: skip
@click.option("--admin1", type=click.Path(dir_okay=False, path_type=Path), help="admin1CodesASCII.txt")
@click.option("--admin2", type=click.Path(dir_okay=False, path_type=Path), help="admin2Codes.txt")
@click.option("--name", help="Install under this name (default geonames-XX).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def add_geonames(dump: Path, alternate_names: Path | None, admin1: Path | None,
                 admin2: Path | None, name: str | None, quiet: bool) -> None:  # fmt: skip
    """Index a GeoNames dump (XX.zip, XX.txt or allCountries.zip) once, persistently.

    Example:

        frontlines gazetteer add geonames SY.zip --admin1 admin1CodesASCII.txt
    """
    from frontlines.resolve.gazetteers.store import install_geonames

    with _progress(quiet) as progress:
        path = install_geonames(
            dump, name=name, alternate_names=alternate_names, admin1_codes=admin1,
            admin2_codes=admin2, progress=progress,
        )  # fmt: skip
    click.echo(f"installed {path}", err=True)


@add.command("overlay")
@click.argument("src", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", help="Gazetteer name (default: the file's stem).")
@click.option("--name-field", help="Field holding the place name (default: name, nameEnglish, ...).")
@click.option("--alt-field", multiple=True, help="Field(s) holding alternate names ('|'-separated).")
@click.option("--lat-field", help="Latitude field.")
@click.option("--lon-field", help="Longitude field.")
@click.option("--id-field", help="Identifier field (default: id, pCode, ...).")
@click.option("--geometry-field", help="WKT polygon field, used when there are no coordinates.")
@click.option("--feature", default="PPLX", show_default=True, help="Feature code for every place.")
@click.option("--country", help="ISO alpha-2 country of every place.")
@click.option("--parent", help='The city they lie in, as "Name, CC" (e.g. "Aleppo, SY").')
def add_overlay(src: Path, name: str | None, name_field: str | None, alt_field: tuple[str, ...],
                lat_field: str | None, lon_field: str | None, id_field: str | None,
                geometry_field: str | None, feature: str, country: str | None,
                parent: str | None) -> None:  # fmt: skip
    """Add your own named places (CSV, GeoJSON or JSON records); they win over GeoNames.

    Example:

        frontlines gazetteer add overlay aleppo.json --parent "Aleppo, SY" --alt-field nameArabic
    """
    from frontlines.resolve.gazetteers.overlay import FieldMap
    from frontlines.resolve.gazetteers.store import install_overlay

    fields = FieldMap(
        name=name_field, alt=list(alt_field), lat=lat_field, lon=lon_field, id=id_field,
        geometry=geometry_field,
    )  # fmt: skip
    path = install_overlay(
        src, name=name, fields=fields, feature_code=feature,
        country=country.upper() if country else None, parent=parent,
    )  # fmt: skip
    click.echo(f"installed {path}", err=True)


@gazetteer.command()
@click.argument("country")
@click.option("--url", help="Dump server (default: GeoNames' public server, or $FRONTLINES_GEONAMES_URL).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def download(country: str, url: str | None, quiet: bool) -> None:
    """Download a country's GeoNames dump and index it (needs internet).

    Example:

        frontlines gazetteer download SY
    """
    from frontlines.resolve.gazetteers.download import download_dump
    from frontlines.resolve.gazetteers.store import gazetteer_dir, install_geonames

    with _progress(quiet) as progress:
        dump = download_dump(country, gazetteer_dir() / "downloads", url=url, progress=progress)
        path = install_geonames(dump, progress=progress)
    click.echo(f"installed {path}", err=True)
