"""`frontlines extract`: formats, batches, and one clear stderr line per bad input."""

import csv
import io
import json
from pathlib import Path

import pytest

from frontlines.cli import COMMANDS, EXIT_SKIPPED
from frontlines.export import COLUMNS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KHARKIV = str(EXAMPLES / "reports" / "kharkiv-shelling.txt")


def stderr_lines(result):
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_extract_json_is_the_contract_report(cli):
    result = cli(["extract", KHARKIV, "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["contract"] == "frontlines/1"
    assert report["document"]["published"] == "2023-03-14"
    assert any(e["sub_event_type"] == "Shelling/artillery/missile attack" for e in report["events"])


def test_extract_csv_has_acled_columns_in_order(cli):
    result = cli(["extract", KHARKIV, "--format", "csv"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) > 1


def test_extract_geojson_points(cli):
    result = cli(["extract", KHARKIV, "--format", "geojson"])
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 35 < lon < 40 and 48 < lat < 51  # north-east Ukraine


def test_extract_table_summarises(cli):
    result = cli(["extract", KHARKIV, "--format", "table"])
    assert result.exit_code == 0 and "events" in result.stdout


def test_extract_reads_stdin(cli):
    result = cli(
        ["extract", "-", "--published", "2020-02-02", "--format", "json"],
        input="Police arrested 20 activists in Minsk.",
    )
    assert json.loads(result.stdout)["events"][0]["sub_event_type"] == "Arrests"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty (no text to read)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40, "not text (binary"),
    ],
)
def test_extract_bad_file_gives_one_line_and_exit_1(cli, tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = cli(["extract", str(path)])
    assert result.exit_code == 1
    lines = stderr_lines(result)
    assert len(lines) == 1 and lines[0].startswith(f"frontlines: {path}: ") and problem in lines[0]
    assert "Traceback" not in result.stderr


def test_extract_huge_file_is_refused(cli, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Rebels attacked the town. " * (50 * 1024 * 1024 // 26 + 1))  # ~50 MB
    result = cli(["extract", str(path)])
    assert result.exit_code == 1
    (line,) = stderr_lines(result)
    assert "too large" in line and "--max-bytes" in line


def test_extract_windows_1256_arabic_is_read_with_a_warning(cli, tmp_path):
    path = tmp_path / "arabic.txt"
    path.write_bytes(("قصف الجيش مدينة حلب يوم الجمعة وقتل خمسة مدنيين.\n" * 3).encode("cp1256"))
    result = cli(["extract", str(path), "--published", "2016-10-28", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["document"]["chars"] > 100  # decoded, not refused
    assert any("not UTF-8" in line for line in stderr_lines(result))


def test_extract_html_passed_as_text_is_extracted(cli, tmp_path):
    path = tmp_path / "page.txt"
    path.write_text((EXAMPLES / "reports" / "khartoum-protest.html").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli(["extract", str(path), "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["document"]["published"] == "2022-01-17"
    assert "<p>" not in result.stdout
    assert any("looks like HTML" in line for line in stderr_lines(result))


def test_extract_invalid_published_is_a_usage_error(cli):
    result = cli(["extract", KHARKIV, "--published", "2023-02-30"])
    assert result.exit_code == 2
    (line,) = stderr_lines(result)
    assert "--published '2023-02-30'" in line and "YYYY-MM-DD" in line


def test_extract_missing_file(cli, tmp_path):
    result = cli(["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_extract_jsonl_batch_keeps_order_and_skips_bad_lines(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        (EXAMPLES / "batch.jsonl").read_text(encoding="utf-8") + '{"id": "broken", "text": \n' + "[1, 2]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = cli(["extract", "--jsonl", str(src), "-o", str(out)])
    assert result.exit_code == EXIT_SKIPPED
    keys = [json.loads(line)["document"]["key"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert keys == ["ex-1", "ex-2", "ex-3", "ex-5"]  # input order, bad rows left out
    problems = [line for line in stderr_lines(result) if line.endswith("; skipped")]
    assert len(problems) == 3
    assert any(":4 (id ex-4)" in p and "text" in p for p in problems)
    assert any(":6:" in p and "not valid JSON" in p for p in problems)
    assert any(":7:" in p and "not a JSON object" in p for p in problems)
    assert stderr_lines(result)[-1] == "frontlines: 4 documents extracted, 3 skipped"


def test_extract_jsonl_strict_makes_skips_fatal(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": ""}\n', encoding="utf-8")
    assert cli(["extract", "--jsonl", str(src), "--strict", "-q"]).exit_code == 1


def test_extract_jsonl_workers_give_the_same_output(cli, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    cli(["extract", "--jsonl", str(EXAMPLES / "batch.jsonl"), "-o", str(one), "-q"])
    cli(["extract", "--jsonl", str(EXAMPLES / "batch.jsonl"), "-o", str(two), "-q", "--workers", "2"])
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(cli, command):
    result = cli([command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert cli([command, "-h"]).exit_code == 0


def test_user_actor_file_extends_the_dictionary(cli, tmp_path):
    actors = tmp_path / "mine.jsonl"
    actors.write_text(
        '{"id": "kdg", "name": "Kafr Nabl Defence Group", "type": "Political militias", "country": "SY",'
        ' "aliases": ["Kafr Nabl Defence Group"]}\n',
        encoding="utf-8",
    )
    text = "The Kafr Nabl Defence Group attacked an army checkpoint near Idlib in Syria."
    result = cli(["extract", "-", "--published", "2018-01-01", "--format", "json", "--actors", str(actors)], input=text)
    event = json.loads(result.stdout)["events"][0]
    assert event["actor1"]["id"] == "kdg"


def test_bad_user_actor_file_is_one_clear_error(cli, tmp_path):
    actors = tmp_path / "bad.jsonl"
    actors.write_text('{"id": "x", "name": "X"}\n', encoding="utf-8")
    result = cli(["extract", KHARKIV, "--actors", str(actors)])
    assert result.exit_code == 1
    (line,) = stderr_lines(result)
    assert f"{actors}:1" in line and "missing 'type'" in line
