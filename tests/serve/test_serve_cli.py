"""``frontlines serve``: thin CLI, ``--get`` for one in-process request."""

from __future__ import annotations

import json

from click.testing import CliRunner


def _run(args):
    from frontlines.cli import cli

    return CliRunner().invoke(cli, args, catch_exceptions=False)


def test_cli_serve_help_has_example():
    result = _run(["serve", "-h"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "--allow-write" in result.output and "--tiles" in result.output


def test_cli_serve_get_prints_json(seeded):
    result = _run(["serve", "--db", str(seeded["path"]), "--get", "/api/events?country=IQ"])
    assert result.exit_code == 0
    body = json.loads(result.output)
    assert [e["location"] for e in body["events"]] == ["Baghdad"]


def test_cli_serve_get_error_exits_1(seeded):
    result = _run(["serve", "--db", str(seeded["path"]), "--get", "/api/events/nope"])
    assert result.exit_code == 1
    assert json.loads(result.output)["status"] == 404


def test_cli_serve_missing_store_is_one_line(tmp_path):
    result = _run(["serve", "--db", str(tmp_path / "none.duckdb"), "--get", "/api/config"])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "no store here yet" in result.output


def test_cli_serve_allow_write_creates_empty_store(tmp_path):
    db = tmp_path / "new.duckdb"
    result = _run(["serve", "--db", str(db), "--allow-write", "--get", "/api/config"])
    assert result.exit_code == 0
    assert json.loads(result.output)["counts"]["events"] == 0


def test_cli_serve_rejects_non_http_tiles(seeded):
    result = _run(["serve", "--db", str(seeded["path"]), "--tiles", "file:///etc", "--get", "/"])
    assert result.exit_code == 2
