"""`frontlines ingest`: idempotent reruns, named bad inputs, exit codes, the lock line."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from frontlines.store import Store

TEXT = "Government forces shelled Aleppo on {day} October 2016, killing {n} civilians.\n"


@pytest.fixture
def folder(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    for i in range(3):
        (news / f"a{i}.txt").write_text(TEXT.format(day=20 + i, n=i + 2))
    (news / "rows.jsonl").write_text(
        json.dumps({"id": "r1", "text": TEXT.format(day=27, n=9), "published": "2016-10-28"}) + "\n"
    )
    return news


def _run(cli, *args):
    return cli(["ingest", *map(str, args), "--workers", "1"])


def test_ingest_folder_twice_gives_the_same_counts(cli, folder, tmp_path):
    db = tmp_path / "s.duckdb"
    first = _run(cli, folder, "--db", db)
    with Store(db, read_only=True) as s:
        once = s.counts()
    second = _run(cli, folder, "--db", db)
    with Store(db, read_only=True) as s:
        twice = s.counts()
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert once == twice and once["documents"] == 4
    assert "0 new, 4 already stored" in second.stderr


def test_ingest_bad_inputs_are_named_and_exit_3(cli, folder, tmp_path):
    (folder / "empty.txt").write_text("")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 10)
    result = _run(cli, folder, "--db", tmp_path / "s.duckdb")
    assert result.exit_code == 3
    lines = [line for line in result.stderr.splitlines() if line.endswith("; skipped")]
    assert sorted(lines) == [
        f"frontlines: {folder / 'blob.bin'}: not text (binary, 2.5 KB); skipped",
        f"frontlines: {folder / 'empty.txt'}: empty (no text to read); skipped",
    ]
    with Store(tmp_path / "s.duckdb", read_only=True) as s:
        assert s.counts()["documents"] == 4  # the rest was stored
        assert len(s.failures()) == 2


def test_ingest_strict_stops_with_exit_1(cli, folder, tmp_path):
    (folder / "a0.txt").write_text("")
    result = _run(cli, folder, "--db", tmp_path / "s.duckdb", "--strict")
    assert result.exit_code == 1
    assert "--strict" in result.stderr


def test_ingest_quiet_prints_nothing_on_success(cli, folder, tmp_path):
    result = _run(cli, folder, "--db", tmp_path / "s.duckdb", "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_ingest_second_writer_gets_one_line_naming_the_holder(cli, folder, tmp_path):
    db = tmp_path / "s.duckdb"
    hold = textwrap.dedent(
        """
        import sys, time
        from frontlines.store import Store
        with Store(sys.argv[1], command="frontlines ingest feeds/"):
            print("ready", flush=True)
            time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", hold, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        result = _run(cli, folder, "--db", db)
    finally:
        proc.kill()
        proc.wait()
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert f"locked for writing by PID {proc.pid} (frontlines ingest feeds/) since" in line


def test_ingest_parallel_workers_store_everything(cli, folder, tmp_path):
    db = tmp_path / "s.duckdb"
    result = cli(["ingest", str(folder), "--db", str(db), "--workers", "2"])
    assert result.exit_code == 0
    with Store(db, read_only=True) as s:
        assert s.counts()["documents"] == 4


def test_ingest_help_has_an_example(cli):
    result = cli(["ingest", "-h"])
    assert "Example:" in result.output
