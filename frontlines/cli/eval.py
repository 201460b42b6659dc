"""``frontlines eval``: score extraction against your own coded data."""

from __future__ import annotations

import json
from pathlib import Path

import click

from frontlines.cli.options import knowledge_options, settings_from


@click.group("eval", context_settings={"help_option_names": ["-h", "--help"]})
def eval_group() -> None:
    """Measure event typing or geoparsing on a gold file.

    Example:

        frontlines eval events my-coded-snippets.jsonl
    """


@eval_group.command("events", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", "show_errors", type=int, default=0, help="List this many misclassified rows.")
@knowledge_options
def events(gold: Path, as_json: bool, show_errors: int, **knowledge: object) -> None:
    """Accuracy of the top event's sub-event type, per-type P/R/F1 and confusions.

    GOLD is JSONL with {"id", "text", "label"}; label is an ACLED sub-event type,
    a CASE 2021 code (ARMED_CLASH, ...) or "none" for texts with no ACLED event.

    Example:

        frontlines eval events gold.jsonl --errors 20
    """
    from frontlines.eval.events import read_gold, score
    from frontlines.pipeline import Pipeline

    rows = read_gold(gold)
    texts = {rid: text for rid, text, _ in rows}
    result = score(rows, Pipeline(settings_from(knowledge)))
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
        return
    _print(result)
    if show_errors:
        wrong = [r for r in result.rows if r.gold != r.predicted][:show_errors]
        for r in wrong:
            click.echo(f"\n{r.id}: gold {r.gold!r}, predicted {r.predicted!r}\n  {texts[r.id][:240]}")


def _print(result) -> None:  # EventScores
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(
        f"rows {len(result.rows)}: {len(result.event_rows)} with an ACLED event, {len(result.none_rows)} without"
    )
    console.print(f"top-event sub-type accuracy (ACLED rows): [bold]{result.accuracy:.3f}[/bold]")
    console.print(f"nothing emitted (non-ACLED rows):        [bold]{result.none_rate:.3f}[/bold]")
    console.print(f"weighted F1 (all rows, 'none' a class):  [bold]{result.weighted_f1:.3f}[/bold]")
    table = Table(header_style="bold")
    for col in ("sub-event type", "P", "R", "F1", "n"):
        table.add_column(col, justify="left" if col == "sub-event type" else "right")
    for label, v in result.per_type().items():
        table.add_row(
            label,
            f"{v['precision']:.2f}",
            f"{v['recall']:.2f}",
            f"{v['f1']:.2f}",
            str(int(v["support"])),
        )
    console.print(table)
    console.print("main confusions (gold → predicted):")
    for g, p, c in result.confusions():
        console.print(f"  {c:3d}  {g} → {p}")


def _attach_places() -> None:
    try:
        from frontlines.cli.eval_places import places
    except ModuleNotFoundError:  # pragma: no cover - geoparsing not installed
        return
    eval_group.add_command(places, "places")


_attach_places()
