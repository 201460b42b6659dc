"""End to end on the real 2016 Aleppo article: the coder's principal rows and non-events.

Asserts the events by type, place, actors, date and certainty (not a snapshot).
"""

import pytest

DAY = "2016-10-28"


@pytest.fixture(scope="module")
def report(pipeline, shared):
    from frontlines.ingest import read_path

    doc, warnings = read_path(shared("examples", "aleppo-2016-10-28.txt"))
    return pipeline.extract_document(doc, warnings=warnings)


def events(report, sub_event_type):
    return [e for e in report.events if e.sub_event_type == sub_event_type]


def said_in(event, words):
    return any(words in span.text for span in event.evidence)


def test_example_publication_date_comes_from_the_dateline(report):
    assert report.document.published == DAY


def test_example_the_offensive_on_aleppo_is_a_battle_by_rebels(report):
    clashes = [e for e in events(report, "Armed clash") if e.date == DAY and e.location and "Aleppo" in e.location.name]
    assert clashes
    assert any(e.actor1 is not None and e.actor1.type == "Rebel groups" for e in clashes)


def test_example_two_pronged_attacks_reach_minyan_not_egypt(report):
    places = {m.text: m.resolved_to for m in report.mentions["places"]}
    assert places["Minya"].country == "SY"  # Aleppo's Minyan district, not Minya in Egypt
    assert any(e.location and e.location.name.startswith("Minyan") for e in events(report, "Armed clash"))


def test_example_grad_barrage_is_shelling_with_its_quantity(report):
    shelling = [e for e in events(report, "Shelling/artillery/missile attack") if e.certainty == "asserted"]
    assert shelling and shelling[0].date == DAY
    assert "hundreds" in (shelling[0].quantity or "")


def test_example_suicide_attacks_by_fateh_al_sham_under_its_2016_name(report):
    (suicide,) = events(report, "Suicide bomb")
    assert "Fateh al Sham" in suicide.actor1.name  # renamed from al-Nusra in July 2016
    assert suicide.date == DAY and "three" in (suicide.quantity or "")


def test_example_ahrar_al_sham_stormed_lines_in_hamdaniya(report):
    storming = [e for e in events(report, "Armed clash") if e.actor1 and "Ahrar" in e.actor1.name]
    assert storming and storming[0].location.name.startswith("Hamdaniy")
    loc = storming[0].location
    assert abs(loc.latitude - 36.17) < 0.05 and abs(loc.longitude - 37.12) < 0.06  # south-west Aleppo


def test_example_rockets_on_the_airport_are_hedged(report):
    hedged = [e for e in events(report, "Shelling/artillery/missile attack") if e.certainty == "hedged"]
    assert hedged and said_in(hedged[0], "reportedly hit")
    loc = hedged[0].location  # "the city's airport": Aleppo International, east of the city
    assert loc is not None and loc.geo_precision == 1
    assert abs(loc.latitude - 36.18) < 0.03 and abs(loc.longitude - 37.22) < 0.03


def test_example_islamic_state_offensive_on_kweres(report):
    kweres = [e for e in events(report, "Armed clash") if e.location and "Kuweires" in e.location.name]
    assert kweres
    assert "Islamic State" in kweres[0].actor1.name  # "by the Islamic State group": the attacker
    assert kweres[0].actor2.type == "State forces" and kweres[0].actor2.country == "SY"


def test_example_jaish_al_fatah_claims_the_assad_district(report):
    captures = [e for e in events(report, "Non-state actor overtakes territory") if e.certainty == "claimed"]
    assert captures
    capture = captures[0]
    assert "Jaish al Fatah" in capture.actor1.name and "Jaish al Fatah" in capture.claimed_by.name
    assert capture.date == DAY
    assert said_in(capture, "complete control")
    assert any(c.status == "gained" and "Jaish al Fatah" in c.actor.name for c in report.control)


def test_example_non_events_are_not_emitted(report):
    for e in report.events:
        assert not said_in(e, "mother of all battles")  # a promise
        assert not said_in(e, "resume air raids")  # an appeal
        assert not said_in(e, "willing to discuss")  # an offer
    assert not events(report, "Air/drone strike") and not events(report, "Agreement")


def test_example_last_august_is_dated_to_august(report):
    background = [e for e in report.events if said_in(e, "last August")]
    assert background and all(e.date.startswith("2016-08") and e.time_precision == 3 for e in background)


def test_example_geneva_is_switzerland(report):
    places = {m.text: m.resolved_to for m in report.mentions["places"]}
    assert places["Geneva"].country == "CH"
