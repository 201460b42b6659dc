"""Every Report keeps the contract: vocabularies, consistent types, spans that equal the text."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlines.types import CERTAINTIES, CONTRACT, CONTROL_STATUSES, SUB_EVENT_TYPES, Report

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples" / "reports").iterdir())


def check_report(report: Report) -> None:
    text = report.document.text
    data = report.to_dict()
    assert data["contract"] == CONTRACT
    assert set(data["mentions"]) >= {"actors", "places", "dates"}
    for event in report.events:
        assert SUB_EVENT_TYPES[event.sub_event_type] == event.event_type
        assert event.certainty in CERTAINTIES
        assert event.time_precision in (1, 2, 3)
        assert event.location is None or event.location.geo_precision in (1, 2, 3)
        assert 0 <= event.confidence <= 1
        assert event.evidence, "every event carries at least one span"
        assert event.fatalities is None or event.fatalities >= 0
        for span in [*event.evidence, *event.spans.values()]:
            assert text[span.start : span.end] == span.text
    for claim in report.control:
        assert claim.status in CONTROL_STATUSES and claim.certainty in CERTAINTIES
        for span in claim.evidence:
            assert text[span.start : span.end] == span.text
    for mentions in report.mentions.values():
        for m in mentions:
            assert text[m.start : m.end] == m.text
    again = Report.from_dict(json.loads(json.dumps(data)), text=text)
    assert again.to_dict() == data  # JSON round trip


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_contract_shipped_examples(pipeline, path):
    report = pipeline.extract(path)
    assert report.events, f"{path.name} should yield events"
    check_report(report)


def test_contract_example_article(pipeline, shared):
    check_report(pipeline.extract(shared("examples", "aleppo-2016-10-28.txt")))


def test_contract_event_ids_are_stable(pipeline, shared):
    path = shared("examples", "aleppo-2016-10-28.txt")
    first = [e.id for e in pipeline.extract(path).events]
    assert first and first == [e.id for e in pipeline.extract(path).events]


WORDS = st.sampled_from(
    [
        "rebels",
        "army",
        "shelled",
        "attacked",
        "captured",
        "protesters",
        "police",
        "killed",
        "12",
        "civilians",
        "in",
        "Aleppo",
        "Kabul",
        "on",
        "Friday",
        "said",
        "reportedly",
        "did",
        "not",
        "will",
        "ÿ",
        "ʿ",
        "Ḩalab",
        "al-Raqqa",
        "\n",
        ",",
        ".",
        "“",
        "”",
        "'s",
        "-",
        "Damascus",
        "airstrike",
        "ceasefire",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, min_size=1, max_size=40).map(" ".join))
def test_contract_holds_for_any_text(pipeline, text):
    from frontlines.errors import InputError

    try:
        report = pipeline.extract(text, published="2020-05-05")
    except InputError:
        return  # e.g. nothing but whitespace: refused with a clear error
    check_report(report)
