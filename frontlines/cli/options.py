"""Option groups shared by several commands (sqlite-utils style decorators)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def db_option(fn: F) -> F:
    """--db PATH (or FRONTLINES_DB): the store file, shared by every store command."""
    return click.option(
        "--db",
        default="frontlines.duckdb",
        show_default=True,
        metavar="PATH",
        envvar="FRONTLINES_DB",
        help="The store file (env FRONTLINES_DB).",
    )(fn)


def knowledge_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--actors, --codebook, --include-unrealised and --model: what the pipeline knows and uses."""
    f = click.option(
        "--model",
        "model",
        metavar="NAME|none",
        help="Installed spaCy English pipeline to use for NER and parsing (default: the first installed; "
        "'none' for rules only). Never downloaded.",
    )(f)
    f = click.option(
        "--include-unrealised",
        is_flag=True,
        help="Also emit negated and planned events (promises, threats, denials).",
    )(f)
    f = click.option(
        "--codebook",
        "codebooks",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Extra codebook YAML merged over the shipped one (repeatable).",
    )(f)
    f = click.option(
        "--actors",
        "actor_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Extra actor dictionary JSONL; later files win on id (repeatable).",
    )(f)
    return f


def settings_from(options: Mapping[str, Any]):  # -> Settings
    from frontlines.config import Settings

    settings = Settings()
    settings.extra_actor_files = list(options.get("actor_files") or [])
    settings.extra_codebooks = list(options.get("codebooks") or [])
    settings.include_unrealised = bool(options.get("include_unrealised"))
    model = options.get("model")
    if model:
        import os

        os.environ["FRONTLINES_MODEL"] = str(model)
        settings.use_trained_model = str(model).lower() not in ("none", "off", "0")
    return settings
