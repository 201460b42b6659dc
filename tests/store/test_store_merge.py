"""Cross-document merging: the rules, complete linkage, order independence."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_factory import ALEPPO, ARMY, IDLIB, REBELS, make_event, make_report

from frontlines.merge import Candidate, cluster, match, summarise
from frontlines.store.rows import doc_event_row
from frontlines.types import Place

HOMS = Place(name="Homs", country="SY", latitude=34.7324, longitude=36.7137, geo_precision=1)
NEAR_ALEPPO = Place(name="Hamadaniya", country="SY", latitude=36.1833, longitude=37.1333)
CLASH = ("Battles", "Armed clash")
TAKEOVER = ("Battles", "Non-state actor overtakes territory")
PROTEST = ("Protests", "Peaceful protest")


def row(name: str, **kw):
    ev = make_event(kw.pop("ident", "e1"), **kw)
    return doc_event_row(ev, make_report(name, [ev]))


def cand(name: str, **kw) -> Candidate:
    return Candidate.from_row(row(name, **kw))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ({}, {}, True),  # same type, day, place, actor
        ({}, {"place": NEAR_ALEPPO}, True),  # 2 km apart, within 5 km
        ({}, {"place": HOMS}, False),  # another city
        ({}, {"date": "2016-10-30"}, False),  # two days apart
        ({}, {"date": "2016-10-29"}, True),  # a day apart, same sub-type, shared actor
        ({}, {"date": "2016-10-29", "actor1": REBELS}, False),  # a day apart, no shared actor
        ({}, {"types": PROTEST}, False),  # incompatible types
        ({"types": CLASH}, {"types": TAKEOVER}, True),  # compatible battle sub-types
        ({}, {"actor1": REBELS}, False),  # contradicting named actors
        ({}, {"actor1": None}, True),  # unknown actor contradicts nothing
        ({"actor1": None, "types": CLASH}, {"actor1": None, "types": TAKEOVER}, False),
        ({}, {"date": None}, False),  # undated events are never merged
        ({}, {"time_precision": 3, "date": "2016-10-05"}, True),  # month precision: whole month
        ({}, {"certainty": "negated"}, False),  # a denial is not a report of it
    ],
)
def test_merge_match_rules(a, b, same):
    assert (match(cand("a", **a), cand("b", **b)) is not None) is same


def test_merge_never_within_one_document():
    one = make_report("a", [make_event("x"), make_event("y")])
    cands = [Candidate.from_row(doc_event_row(e, one)) for e in one.events]
    assert len(cluster(cands)) == 2


def test_merge_complete_linkage_stops_chains():
    # day 28, 29, 30: each is a day from the next, but 28 and 30 are two days apart
    cands = [cand(n, date=d) for n, d in (("a", "2016-10-28"), ("b", "2016-10-29"), ("c", "2016-10-30"))]
    sizes = sorted(len(c.members) for c in cluster(cands))
    assert sizes == [1, 2]


def test_merge_distinct_pairs_are_never_merged():
    a, b = cand("a"), cand("b")
    assert len(cluster([a, b])) == 1
    assert len(cluster([a, b], distinct=[(a.id, b.id)])) == 2


def test_merge_records_the_rule_that_fired():
    (cl,) = cluster([cand("a"), cand("b")])
    assert "same sub-event type" in cl.links[0][2]
    assert "km apart" in cl.links[0][2]


def test_merge_summary_publishes_lowest_fatalities_and_keeps_range():
    merged = summarise([row("a", fatalities=12), row("b", fatalities=7), row("c")])
    assert (merged["fatalities"], merged["fatalities_max"]) == (7, 12)
    assert merged["source_count"] == 3


def test_merge_summary_prefers_the_most_precise_place():
    region = Place(name="Aleppo Governorate", country="SY", latitude=36.2, longitude=37.13, geo_precision=3)
    merged = summarise([row("a", place=region), row("b", place=ALEPPO)])
    assert merged["location"] == "Aleppo"


def test_merge_summary_lists_every_source():
    merged = summarise([row("a"), row("b")])
    assert sorted(merged["source"].split("; ")) == ["a", "b"]
    assert len(merged["document_ids"]) == 2


def _shape(clusters):
    return sorted(tuple(c.members) for c in clusters)


places = st.sampled_from([ALEPPO, NEAR_ALEPPO, IDLIB, HOMS, None])
days = st.sampled_from(["2016-10-27", "2016-10-28", "2016-10-29", "2016-10-31", None])
actors = st.sampled_from([ARMY, REBELS, None])
types = st.sampled_from([("Explosions/Remote violence", "Air/drone strike"), CLASH, TAKEOVER])


@st.composite
def candidates(draw):
    n = draw(st.integers(min_value=1, max_value=12))
    out = []
    for i in range(n):
        out.append(
            cand(
                f"doc{i % 9}",
                ident=f"e{i}",
                place=draw(places),
                date=draw(days),
                actor1=draw(actors),
                types=draw(types),
            )
        )
    return out


@settings(max_examples=60, deadline=None)
@given(candidates(), st.randoms(use_true_random=False))
def test_merge_is_order_independent(cands, rnd: random.Random):
    shuffled = list(cands)
    rnd.shuffle(shuffled)
    assert _shape(cluster(cands)) == _shape(cluster(shuffled))


@settings(max_examples=60, deadline=None)
@given(candidates())
def test_merge_clusters_are_cliques_of_matches(cands):
    by_id = {c.id: c for c in cands}
    for cl in cluster(cands):
        for i, a in enumerate(cl.members):
            for b in cl.members[i + 1 :]:
                assert match(by_id[a], by_id[b]) is not None
