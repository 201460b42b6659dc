"""Exports round-trip through the store: what goes in comes out in the contract's columns."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st
from store_factory import make_event, make_report

from frontlines.export import COLUMNS, event_row, write_csv
from frontlines.store import Store
from frontlines.types import EVENT_TYPES, Actor, Place

SUBS = [(t, s) for t, subs in EVENT_TYPES.items() for s in subs]
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)


@st.composite
def events(draw, i: int):
    # each event in its own month, so none of them merge
    place = Place(
        name=draw(text),
        country=draw(st.sampled_from(["SY", "IQ", "UA", None])),
        admin1=draw(st.none() | text),
        latitude=draw(st.floats(-80, 80)),
        longitude=draw(st.floats(-170, 170)),
        geo_precision=draw(st.sampled_from([1, 2, 3])),
    )
    actor = Actor(name=draw(text), type=draw(st.sampled_from(["State forces", "Rebel groups"])))
    return make_event(
        f"e{i}",
        types=draw(st.sampled_from(SUBS)),
        date=f"20{10 + i:02d}-0{1 + i % 9}-15",
        place=place,
        actor1=actor,
        fatalities=draw(st.none() | st.integers(0, 5000)),
        confidence=draw(st.floats(0, 1)),
        notes=draw(text),
    )


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.integers(0, 10**6), min_size=1, max_size=4, unique=True).flatmap(
        lambda seeds: st.tuples(*[events(i) for i in range(len(seeds))])
    )
)
def test_roundtrip_events_come_out_as_they_went_in(evs):
    reports = [make_report(f"doc{i}", [e]) for i, e in enumerate(evs)]
    with Store(":memory:") as store:
        store.add_reports(reports)
        rows = {r["document_id"]: r for r in store.events()}
        buffer = io.StringIO()
        write_csv(rows.values(), buffer)
    parsed = {r["document_id"]: r for r in csv.DictReader(io.StringIO(buffer.getvalue()))}
    for report in reports:
        doc = report.document
        expected = event_row(report.events[0], document_id=doc.id, source=doc.source)
        got, line = rows[doc.id], parsed[doc.id]
        for col in COLUMNS:
            if col == "event_id_cnty":
                continue
            want = expected[col]
            assert got[col] == want, col
            assert line[col] == ("" if want is None else str(want)), col
