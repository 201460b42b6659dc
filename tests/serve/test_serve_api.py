"""The JSON API over the hand-built store (serve_factory), called in-process."""

from __future__ import annotations

import pytest


def test_api_events_newest_first_with_total(api):
    body = api.get("/api/events").json()
    assert body["ok"] is True
    assert body["total"] == 5  # six documents, the Aleppo shelling told twice is one event
    dates = [e["event_date"] for e in body["events"]]
    assert dates == sorted(dates, reverse=True)


def test_api_events_pages(api):
    first = api.get("/api/events?limit=2").json()
    second = api.get("/api/events?limit=2&offset=2").json()
    assert len(first["events"]) == 2 and len(second["events"]) == 2
    ids = {e["event_id_cnty"] for e in first["events"]} | {e["event_id_cnty"] for e in second["events"]}
    assert len(ids) == 4  # no row on both pages
    assert second["total"] == 5


@pytest.mark.parametrize(
    ("query", "locations"),
    [
        ("type=Battles", {"Kharkiv", 'Aleppo <img src=x onerror="window.__pwned=1">'}),
        ("country=IQ", {"Baghdad"}),
        ("country=Yemen", {"Sanaa"}),
        ("since=2016-10-01&until=2016-10-29", {"Sanaa", "Aleppo"}),
        ("min_confidence=0.8", {"Aleppo"}),  # two sources corroborate: 1-(1-0.7)^2
        ("min_sources=2", {"Aleppo"}),
        ("actor=saudi", {"Sanaa"}),
        ("bbox=44,15,45,16", {"Sanaa"}),
        ("near=33.34,44.4,10", {"Baghdad"}),
        ("type=Battles,Protests&country=UA", {"Kharkiv"}),
    ],
)
def test_api_events_filters(api, query, locations):
    body = api.get(f"/api/events?{query}").json()
    assert {e["location"] for e in body["events"]} == locations
    assert body["total"] == len(locations)


def test_api_event_has_every_source(api, seeded):
    event = api.get(f"/api/events/{seeded['event_of']['a.txt']}").json()["event"]
    assert event["source_count"] == 2
    assert {s["source"] for s in event["sources"]} == {"Outlet A", "Outlet B"}
    assert set(event["documents"]) == {s["document_id"] for s in event["sources"]}


def test_api_event_fields_carry_span_and_sentence(api, seeded):
    event = api.get(f"/api/events/{seeded['event_of']['a.txt']}").json()["event"]
    source = next(s for s in event["sources"] if s["source"] == "Outlet A")
    text = event["documents"][source["document_id"]]["text"]
    fields = {f["field"]: f for f in source["fields"]}
    # the span points into the document text, and its sentence holds it
    fat = fields["fatalities"]
    assert text[fat["span"]["start"] : fat["span"]["end"]] == "killing 7"
    assert fat["sentence"]["text"] == "Syrian army artillery shelled Aleppo on Friday, killing 7 civilians."
    assert fields["actor1"]["value"] == "Military Forces of Syria"
    assert fields["actor1"]["span"]["text"] == "Syrian army"


def test_api_event_found_by_member_id(api, seeded):
    merged = seeded["event_of"]["a.txt"]
    event = api.get(f"/api/events/{merged}").json()["event"]
    other = next(s["id"] for s in event["sources"] if s["id"] != merged)
    assert api.get(f"/api/events/{other}").json()["event"]["event_id_cnty"] == merged


def test_api_evidence_offsets_point_into_document_text(api, seeded):
    event = api.get(f"/api/events/{seeded['event_of']['x.txt']}").json()["event"]
    source = event["sources"][0]
    text = event["documents"][source["document_id"]]["text"]
    for span in source["evidence"]:
        assert text[span["start"] : span["end"]] == span["text"]


def test_api_hostile_text_is_returned_verbatim(api, seeded):
    # The API is data; escaping happens where it is shown (the page builds text nodes).
    doc = api.get(f"/api/documents/{seeded['hostile_document']}").json()["document"]
    assert "<script>alert(1)</script>" in doc["text"]


def test_api_map_points(api):
    body = api.get("/api/map").json()
    assert body["mode"] == "points"
    rows = [dict(zip(body["columns"], r, strict=True)) for r in body["rows"]]
    baghdad = next(r for r in rows if r["location"] == "Baghdad")
    assert (baghdad["latitude"], baghdad["longitude"]) == (33.3406, 44.4009)
    assert baghdad["fatalities"] == 3


def test_api_map_grid_when_too_many_points(api):
    body = api.get("/api/map?max_points=2&zoom=3").json()
    assert body["mode"] == "grid"
    assert sum(r[body["columns"].index("events")] for r in body["rows"]) == 5


def test_api_map_follows_filters(api):
    body = api.get("/api/map?country=YE").json()
    assert [r[body["columns"].index("location")] for r in body["rows"]] == ["Sanaa"]


def test_api_stats_by_day(api):
    body = api.get("/api/stats?by=day").json()
    assert [b["key"] for b in body["buckets"]] == [
        "2016-08-15",
        "2016-09-10",
        "2016-10-08",
        "2016-10-28",
        "2016-10-30",
    ]


def test_api_stats_by_week_groups_on_mondays(api):
    keys = [b["key"] for b in api.get("/api/stats?by=week").json()["buckets"]]
    assert "2016-10-24" in keys  # Friday 28 and Sunday 30 October share that week


def test_api_facets(api):
    body = api.get("/api/facets").json()
    assert {c["code"] for c in body["countries"]} == {"SY", "IQ", "YE", "UA"}
    assert (body["first_date"], body["last_date"]) == ("2016-08-15", "2016-10-30")
    assert "Military Forces of Syria" in {a["name"] for a in body["actors"]}


def test_api_place_control_timeline(api):
    body = api.get("/api/places/bustan al-qasr").json()
    assert [(c["date"], c["actor"], c["status"]) for c in body["claims"]] == [
        ("2016-10-28", "Free Syrian Army", "holds"),
        ("2016-11-20", "Military Forces of Syria", "gained"),
        ("2016-11-20", "Free Syrian Army", "lost"),
    ]
    assert body["claimants"] == {"Free Syrian Army": 1, "Military Forces of Syria": 1, "Outlet B": 1}


def test_api_place_lists_its_events(api):
    body = api.get("/api/places/Aleppo").json()
    assert [e["sub_event_type"] for e in body["events"]] == ["Shelling/artillery/missile attack"]


def test_api_places_most_claimed_first(api):
    places = api.get("/api/places").json()["places"]
    assert places[0]["place"] == "Bustan al-Qasr"
    assert places[0]["claims"] == 3


def test_api_config_reports_read_only(api):
    body = api.get("/api/config").json()
    assert body["allow_write"] is False
    assert body["counts"]["events"] == 5


def test_api_openapi_describes_every_route(api):
    from frontlines.serve.api import ROUTES

    spec = api.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for ep in ROUTES:
        assert ep.method.lower() in spec["paths"][ep.path]
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "type", "actor", "country", "min_confidence", "limit"} <= params
