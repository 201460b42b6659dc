"""Read API filters, stats and control timelines."""

from __future__ import annotations

import pytest
from store_factory import ALEPPO, ARMY, IDLIB, REBELS, make_event, make_report

from frontlines.errors import StoreError
from frontlines.types import ControlClaim, Span

CLASH = ("Battles", "Armed clash")


@pytest.fixture
def filled(store):
    store.add_reports(
        [
            make_report("a", [make_event("a1", fatalities=4, confidence=0.9)]),
            make_report(
                "b",
                [
                    make_event(
                        "b1",
                        place=IDLIB,
                        date="2016-11-02",
                        types=CLASH,
                        actor1=REBELS,
                        actor2=ARMY,
                        confidence=0.3,
                    )
                ],
            ),
            make_report("c", [make_event("c1", date="2016-09-01", place=None)]),
        ]
    )
    return store


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, 3),
        ({"since": "2016-10-01"}, 2),
        ({"until": "2016-10-28"}, 2),
        ({"country": "SY"}, 2),
        ({"country": "syria"}, 2),
        ({"admin1": "idlib"}, 1),
        ({"near": (36.2, 37.13, 10)}, 1),  # Aleppo, not Idlib 50 km away
        ({"bbox": (36.0, 35.0, 37.0, 36.5)}, 1),  # Idlib only
        ({"type": "battles"}, 1),
        ({"sub_type": "Shelling/artillery/missile attack"}, 2),
        ({"actor": "free syrian"}, 1),
        ({"actor": "fsa"}, 1),  # dictionary id
        ({"min_confidence": 0.5}, 2),
        ({"min_sources": 2}, 0),
    ],
)
def test_queries_event_filters(filled, filters, expected):
    assert len(filled.events(**filters)) == expected
    assert filled.count_events(**filters) == expected


def test_queries_events_newest_first_with_paging(filled):
    dates = [e["event_date"] for e in filled.events()]
    assert dates == ["2016-11-02", "2016-10-28", "2016-09-01"]
    assert [e["event_date"] for e in filled.events(limit=1, offset=1)] == ["2016-10-28"]


def test_queries_bad_date_filter_is_a_store_error(filled):
    with pytest.raises(StoreError, match="not a date"):
        filled.events(since="last week")


def test_queries_stats_by_week_and_actor(filled):
    weeks = {r["key"]: r["events"] for r in filled.stats(by="week")}
    assert weeks == {"2016-08-29": 1, "2016-10-24": 1, "2016-10-31": 1}
    actors = {r["key"]: r["events"] for r in filled.stats(by="actor")}
    assert actors["Military Forces of Syria"] == 3


def test_queries_stats_rejects_unknown_grouping(filled):
    with pytest.raises(StoreError, match="choose one of"):
        filled.stats(by="colour")


def test_queries_control_timeline_is_oldest_first(store):
    def claim(day, status, actor):
        return ControlClaim(place=ALEPPO, actor=actor, status=status, date=day, evidence=[Span(0, 5, "Event", 0)])

    store.add_reports(
        [
            make_report("a", [], control=[claim("2016-11-20", "gained", ARMY)]),
            make_report("b", [], control=[claim("2016-10-28", "besieged", REBELS)]),
        ]
    )
    timeline = store.control("aleppo")
    assert [(c["date"], c["status"]) for c in timeline] == [
        ("2016-10-28", "besieged"),
        ("2016-11-20", "gained"),
    ]
    assert timeline[0]["source"] == "b"


def test_queries_events_frame_is_pandas(filled):
    pytest.importorskip("pandas")
    frame = filled.events_frame(country="SY")
    assert len(frame) == 2
    assert list(frame.columns[:3]) == ["event_id_cnty", "event_date", "time_precision"]


def test_queries_polars_frame_when_installed(filled):
    pytest.importorskip("polars", reason="polars is optional and not installed")
    assert filled.events_frame(engine="polars").height == 3
