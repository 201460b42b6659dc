"""`frontlines eval events`: scores can fail, labels map, bad gold files are refused clearly."""

import json

import pytest

from frontlines.errors import EvalError
from frontlines.eval.events import NONE, EventScores, Scored, read_gold, score


def write(tmp_path, rows):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_eval_scores_are_computed_from_rows():
    scores = EventScores(
        [
            Scored("1", "Armed clash", "Armed clash"),
            Scored("2", "Armed clash", "Attack"),
            Scored("3", NONE, NONE),
            Scored("4", NONE, "Arrests"),
        ]
    )
    assert scores.accuracy == 0.5 and scores.none_rate == 0.5
    assert scores.confusions()[0][2] == 1
    assert scores.per_type()["Armed clash"]["recall"] == 0.5


def test_eval_reads_case_codes_and_acled_names(tmp_path):
    path = write(
        tmp_path,
        [
            {"id": "a", "text": "x", "label": "ART_MISS_ATTACK"},
            {"id": "b", "text": "y", "label": "Arrests"},
            {"id": "c", "text": "z", "label": "NATURAL_DISASTER"},
        ],
    )
    assert [g for _, _, g in read_gold(path)] == ["Shelling/artillery/missile attack", "Arrests", NONE]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"id": "a", "text": "x", "label": "EXPLOSION"}], "unknown label"),
        ([{"id": "a", "label": "Arrests"}], "'text'"),
        ([], "no rows"),
    ],
)
def test_eval_bad_gold_is_refused_with_line(tmp_path, rows, message):
    path = write(tmp_path, rows) if rows else tmp_path / "empty.jsonl"
    if not rows:
        path.write_text("", encoding="utf-8")
    with pytest.raises(EvalError, match=message):
        read_gold(path)


def test_eval_runs_the_pipeline(pipeline, tmp_path):
    rows = read_gold(
        write(
            tmp_path,
            [
                {
                    "id": "1",
                    "text": "Police fired tear gas to disperse protesters in Nairobi.",
                    "label": "PROTEST_WITH_INTER",
                },
                {"id": "2", "text": "A flood destroyed 300 homes in Sindh.", "label": "NATURAL_DISASTER"},
            ],
        )
    )
    result = score(rows, pipeline)
    assert [r.predicted for r in result.rows] == ["Protest with intervention", NONE]


def test_eval_cli_on_a_dev_slice(cli, shared, tmp_path):
    # the scorer runs end to end on real labelled snippets; the figure itself is a bench number
    lines = shared("bench-dev", "case2021_task2_dev.jsonl").read_text(encoding="utf-8").splitlines()[:20]
    gold = tmp_path / "slice.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli(["eval", "events", str(gold), "--json"])
    data = json.loads(result.stdout)
    assert data["rows"] == 20 and 0 <= data["accuracy"] <= 1 and "confusions" in data
