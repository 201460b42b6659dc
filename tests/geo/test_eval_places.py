"""The places scorer and its command."""

from __future__ import annotations

import json

import pytest

from frontlines.errors import EvalError
from frontlines.eval.places import GoldDoc, GoldToponym, PlaceScores, read_gold, score_document
from frontlines.resolve.places import PlaceMention
from frontlines.types import Place


def test_eval_places_counts_overlap_and_distance():
    # one right (Aleppo), one far off (Paris, France for a gold Paris, Texas), one spurious
    gold = GoldDoc("d", "Aleppo and Paris", [
        GoldToponym(0, 6, "Aleppo", 36.2, 37.16), GoldToponym(11, 16, "Paris", 33.66, -95.55),
    ])  # fmt: skip
    preds = [
        PlaceMention(0, 6, "Aleppo", Place("Aleppo", latitude=36.2, longitude=37.16), 1.0),
        PlaceMention(7, 10, "and", None, 0.1),
        PlaceMention(11, 16, "Paris", Place("Paris", latitude=48.85, longitude=2.35), 1.0),
    ]
    s = PlaceScores()
    score_document(gold, preds, s)
    assert (s.matched, s.predicted, s.gold) == (2, 3, 2)
    assert s.accuracy_161 == 0.5 and s.recall == 1.0


def test_eval_places_bad_offsets_match_by_phrase():
    # ok=false rows have offsets that don't fit the text; the phrase decides
    gold = GoldDoc("d", "In Homs today", [GoldToponym(50, 54, "Homs", 34.73, 36.71, ok=False)])
    s = PlaceScores()
    score_document(gold, [PlaceMention(3, 7, "Homs", None, 0.5)], s)
    assert s.matched == 1 and s.resolved_within == 0


def test_eval_places_bad_gold_line_is_one_error(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x", "toponyms": []}) + "\n{not json\n")
    with pytest.raises(EvalError, match=r"gold\.jsonl:2"):
        list(read_gold(path))


def test_eval_places_command_scores_a_dev_slice(cli, shared):
    from click.testing import CliRunner

    from frontlines.cli.eval_places import places

    gold = shared("bench-dev", "gwn.jsonl")
    result = CliRunner().invoke(places, [str(gold), "--limit", "3", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["documents"] == 3 and 0 <= scores["f1"] <= 1
