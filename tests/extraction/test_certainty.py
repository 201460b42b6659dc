"""Certainty and attribution: asserted, reported, claimed, hedged, negated, planned."""

import pytest

from frontlines import Pipeline, Settings


def only(report):
    assert len(report.events) == 1, [e.sub_event_type for e in report.events]
    return report.events[0]


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("Rebels shelled the town of Daraa in Syria on Monday.", "asserted"),
        (
            "Rebels shelled the town of Daraa in Syria on Monday, the Syrian Observatory for Human Rights said.",
            "reported",
        ),
        ("Rockets reportedly hit the airport of Aleppo in Syria.", "hedged"),
        ("Jaish al-Fatah said it had captured the town of Khan Tuman in Syria.", "claimed"),
    ],
)
def test_certainty_of_realised_events(extract_text, text, certainty):
    assert only(extract_text(text)).certainty == certainty


def test_claimant_is_named(extract_text):
    event = only(extract_text("Jaish al-Fatah said it had captured the town of Khan Tuman in Syria."))
    assert event.claimed_by is not None and "Fatah" in event.claimed_by.name
    assert event.spans["claimed_by"].text == "Jaish al-Fatah"


def test_if_true_in_the_next_sentence_hedges(extract_text):
    report = extract_text("Rockets hit the airport of Aleppo in Syria. If true, this would cut supply lines.")
    assert [e.certainty for e in report.events] == ["hedged"]


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("The offensive did not result in a rout of the army in Syria.", "negated"),
        ("Rebels promised to retake the district of Ramouseh in Syria.", "planned"),
        ("Russia will resume air strikes on Aleppo in Syria.", "planned"),
        ("The government said it was willing to discuss a ceasefire agreement.", "planned"),
    ],
)
def test_unrealised_events_are_kept_out_unless_asked(text, certainty):
    assert Pipeline().extract(text, published="2016-10-28").events == []
    settings = Settings(include_unrealised=True)
    events = Pipeline(settings).extract(text, published="2016-10-28").events
    assert events and events[0].certainty == certainty
