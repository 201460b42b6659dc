"""``frontlines eval places GOLD.jsonl``: geotagging P/R/F1, accuracy within 161 km, median error."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command("places")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--limit", type=int, help="Score only the first N documents.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def places(gold: Path, limit: int | None, as_json: bool, quiet: bool) -> None:
    """Score place recognition and resolution against gold toponyms (LGL/GeoWebNews rows).

    Rows: {"id", "text", "toponyms": [{"start", "end", "phrase", "lat", "lon", "ok"}]}.

    Example:

        frontlines eval places my-geotagged-articles.jsonl
    """
    from frontlines.eval.places import evaluate

    if quiet or not sys.stderr.isatty():
        scores = evaluate(gold, limit=limit)
    else:
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("documents", total=limit)
            scores = evaluate(gold, limit=limit, progress=lambda n: bar.update(task, completed=n))
    d = scores.to_dict()
    if as_json:
        click.echo(json.dumps(d))
        return
    click.echo(f"documents        {d['documents']}")
    click.echo(f"gold toponyms    {d['gold']}   predicted {d['predicted']}   matched {d['matched']}")
    click.echo(f"precision        {d['precision']:.3f}")
    click.echo(f"recall           {d['recall']:.3f}")
    click.echo(f"F1               {d['f1']:.3f}")
    click.echo(f"acc@161km        {d['accuracy_161km']:.3f}   (of {d['matched_with_coords']} recognised)")
    click.echo(f"median error km  {d['median_error_km']}")
