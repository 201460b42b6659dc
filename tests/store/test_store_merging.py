"""Merging inside the store: incremental equals all at once; user decisions stick."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from store_factory import ALEPPO, ARMY, IDLIB, REBELS, make_event, make_report

from frontlines.store import Store


def _merged(store: Store) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(e["document_ids"])) for e in store.events())


def test_merging_five_outlets_one_event(store):
    reports = [make_report(f"outlet{i}", [make_event(f"x{i}", fatalities=5 + i)]) for i in range(5)]
    store.add_reports(reports)
    (event,) = store.events()
    assert event["source_count"] == 5
    assert (event["fatalities"], event["fatalities_max"]) == (5, 9)


def test_merging_event_detail_lists_each_source_with_rule(store):
    store.add_reports(
        [
            make_report("a", [make_event("a1", fatalities=3)]),
            make_report("b", [make_event("b1", fatalities=8)]),
        ]
    )
    (row,) = store.events()
    detail = store.event(row["event_id_cnty"])
    assert sorted(s["fatalities"] for s in detail["sources"]) == [3, 8]
    assert [bool(s["merge_rule"]) for s in detail["sources"]].count(True) == 1
    assert detail["sources"][0]["evidence"][0]["text"].startswith("Event")


def test_merging_member_id_finds_its_merged_event(store):
    store.add_reports([make_report("a", [make_event("a1")]), make_report("b", [make_event("b1")])])
    (row,) = store.events()
    other = next(m for m in store.event(row["event_id_cnty"])["member_ids"] if m != row["event_id_cnty"])
    assert store.event(other)["event_id_cnty"] == row["event_id_cnty"]


def test_merging_marked_distinct_splits_and_stays_split(store):
    store.add_reports([make_report("a", [make_event("a1")]), make_report("b", [make_event("b1")])])
    ids = store.event(store.events()[0]["event_id_cnty"])["member_ids"]
    store.mark_distinct(*ids)
    assert store.count_events() == 2
    store.add_reports([make_report("c", [make_event("c1")])])  # a third report joins one of them
    assert store.count_events() == 2
    assert store.remerge() == 2


def test_merging_new_source_joins_existing_event(store):
    store.add_reports([make_report("a", [make_event("a1")])])
    store.add_reports([make_report("b", [make_event("b1")])])
    (event,) = store.events()
    assert event["source_count"] == 2


def test_merging_remerge_is_idempotent(store):
    store.add_reports([make_report(n, [make_event(n)]) for n in "abc"])
    before = store.events()
    store.remerge()
    assert store.events() == before


PLACES = st.sampled_from([ALEPPO, IDLIB])
DAYS = st.sampled_from(["2016-10-27", "2016-10-28", "2016-10-29"])
ACTORS = st.sampled_from([ARMY, REBELS, None])


@st.composite
def corpora(draw):
    n = draw(st.integers(min_value=2, max_value=8))
    return [
        make_report(
            f"doc{i}",
            [make_event(f"e{i}", place=draw(PLACES), date=draw(DAYS), actor1=draw(ACTORS))],
        )
        for i in range(n)
    ]


@settings(max_examples=15, deadline=None)
@given(corpora(), st.data())
def test_merging_incremental_equals_all_at_once(reports, data):
    order = data.draw(st.permutations(reports))
    cut = data.draw(st.integers(min_value=0, max_value=len(reports)))
    with Store(":memory:") as once, Store(":memory:") as stepwise:
        once.add_reports(reports)
        stepwise.add_reports(order[:cut])
        for r in order[cut:]:
            stepwise.add_reports([r])
        assert _merged(once) == _merged(stepwise)


def test_merging_event_lists_each_source_once(store):
    store.add_reports([make_report(n, [make_event(n)]) for n in "abcd"])
    (row,) = store.events()
    ids = [s["id"] for s in store.event(row["event_id_cnty"])["sources"]]
    assert len(ids) == len(set(ids)) == 4
