"""The ``frontlines`` command: a click group whose commands load lazily.

Exit codes (tested in ``tests/cli/test_exit_codes.py``):

====  =====================================================================
 0    all done
 1    fatal: store locked or corrupt, bad knowledge file, internal error
 2    usage error (click's own)
 3    finished, but some inputs were skipped (``--strict`` makes that fatal)
====  =====================================================================

Commands import spaCy, DuckDB or the web stack inside their functions so that
``frontlines --help`` stays fast.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from frontlines.errors import FrontlinesError

EXIT_OK = 0
EXIT_FATAL = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# name -> "module:attribute"; each module owns one command (or one sub-group).
COMMANDS: dict[str, str] = {
    "extract": "frontlines.cli.extract:extract",
    "ingest": "frontlines.cli.ingest:ingest",
    "events": "frontlines.cli.query:events",
    "control": "frontlines.cli.query:control",
    "stats": "frontlines.cli.query:stats",
    "gazetteer": "frontlines.cli.gazetteer:gazetteer",
    "eval": "frontlines.cli.eval:eval_group",
    "serve": "frontlines.cli.serve:serve",
}


def debug_enabled() -> bool:
    return os.environ.get("FRONTLINES_DEBUG", "") not in ("", "0")


class UserError(click.ClickException):
    """A FrontlinesError shown as one line: ``frontlines: SOURCE: problem``."""

    exit_code = EXIT_FATAL

    def show(self, file: Any = None) -> None:
        echo_error(self.message)


def echo_error(message: str, *, level: str = "error") -> None:
    """One line on stderr, red for errors and yellow for skips/warnings on a terminal."""
    colour = {"error": "red", "warning": "yellow"}.get(level)
    click.secho(f"frontlines: {message}", err=True, fg=colour)


def load_command(name: str) -> click.Command | None:
    target = COMMANDS.get(name)
    if target is None:
        return None
    module_name, attr = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name == module_name:  # command not built into this install
            return None
        raise
    return getattr(module, attr)


class LazyGroup(click.Group):
    """Loads each command module on first use and maps library errors to exit codes."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if load_command(name) is not None]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return load_command(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FrontlinesError as e:
            if debug_enabled():
                raise
            raise UserError(str(e)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except BrokenPipeError:
            sys.stderr.close()
            raise click.exceptions.Exit(EXIT_OK) from None
        except Exception as e:
            if debug_enabled():
                raise
            raise UserError(
                f"internal error: {type(e).__name__}: {e} (rerun with --debug for the traceback and report it)"
            ) from None


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="frontlines", prog_name="frontlines")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def cli(debug: bool) -> None:
    """Turn conflict reporting into evidence: sourced, geocoded events and control claims.

    Example:

        frontlines extract examples/reports/kharkiv-shelling.txt
    """
    if debug:
        os.environ["FRONTLINES_DEBUG"] = "1"


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="frontlines")
