"""``frontlines serve``: thin CLI, ``--get`` for one in-process request."""

from __future__ import annotations

import json

import pytest
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


@pytest.mark.slow
def test_cli_serve_runs_a_real_server(seeded, tmp_path):
    import shutil
    import subprocess
    import sys
    import time

    import httpx
    from serve_helpers import _free_port

    db = tmp_path / "copy.duckdb"
    shutil.copy(seeded["path"], db)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "frontlines", "serve", "--db", str(db), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                body = httpx.get(f"http://127.0.0.1:{port}/api/config", timeout=2).json()
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert body["counts"]["events"] == 5
        assert body["allow_write"] is False
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert f"on http://127.0.0.1:{port}/" in proc.stderr.read()
