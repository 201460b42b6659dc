"""Geoparser behaviour on short real-style sentences and on the 2016 Aleppo article."""

from __future__ import annotations

import pytest

from frontlines.resolve.gazetteers.ranking import distance_km


def _km(place, lat, lon):
    return distance_km(place.latitude, place.longitude, lat, lon)


@pytest.fixture(scope="module")
def seed_mentions(seed_text, nlp, geoparser):
    return geoparser.parse(nlp(seed_text))


@pytest.mark.parametrize(
    ("mention", "lat", "lon", "km"),
    [
        ("Hamadaniya", 36.181, 37.112, 3),  # Aleppo's Hamdaniyah district
        ("al-Ramousa", 36.157, 37.129, 3),  # Ramouseh, south Aleppo
        ("Kweres", 36.187, 37.583, 3),  # Kuweires airbase, east of Aleppo
        ("Aleppo", 36.201, 37.161, 5),  # the city, not the governorate
    ],
)
def test_places_seed_article_resolves_within_km(seed_mentions, mention, lat, lon, km, first):
    assert _km(first(seed_mentions, mention).place, lat, lon) < km


def test_places_seed_article_minya_is_not_egypt(seed_mentions):
    # "Minya" in an article about Aleppo is its Minyan district, not Minya in Egypt
    assert all(m.place.country == "SY" for m in seed_mentions if m.text == "Minya")


def test_places_seed_article_geneva_is_switzerland(seed_mentions, first):
    assert first(seed_mentions, "Geneva").place.country == "CH"


def test_places_seed_article_focus_is_aleppo(geoparser, seed_mentions):
    focus = geoparser.focus(seed_mentions)
    assert focus.country == "SY" and focus.place.name == "Aleppo"


def test_places_offsets_match_text_and_spans(nlp, geoparser):
    doc = nlp("Shelling hit Aleppo's al-Ramousa district and the eastern Mediterranean.")
    mentions = geoparser.parse(doc)
    assert [m.text for m in mentions] == ["Aleppo", "al-Ramousa", "eastern Mediterranean"]
    assert all(doc.text[m.start : m.end] == m.text for m in mentions)
    assert len(doc.spans["places"]) == 3 and doc.spans["places"][0].label_ == "PLACE"


@pytest.mark.parametrize(
    "sentence",
    [
        "Of the 40 people arrested, most were released.",  # "Of" is a town in Turkey
        "Reading the statement aloud, he paused.",  # Reading, UK/PA
        "Jordan Smith scored twice for the visitors.",  # Jordan the person
        "He met President Vladimir Putin on Monday.",  # Vladimir, Russia
    ],
)
def test_places_common_words_and_names_are_not_places(parse, sentence):
    assert parse(sentence) == []


def test_places_mobile_with_a_cue_is_a_place(parse):
    # case-aware, not a blacklist: with a cue the city is back
    (m,) = parse("The storm flooded streets in Mobile, Ala. on Tuesday.")[:1]
    assert m.place.country == "US" and m.place.admin1 == "Alabama"


def test_places_city_state_pair_picks_the_state(parse):
    # "Paris, Texas" is not the French capital
    m = parse("The fire started in Paris, Texas late on Friday.")[0]
    assert m.place.country == "US"


def test_places_unknown_district_resolves_to_its_city(parse, first):
    # not in any gazetteer, but the text says where it is: Aleppo, precision 2
    ms = parse("Rebels shelled the Zabadiyeh district of Aleppo overnight.")
    m = first(ms, "Zabadiyeh")
    assert m.place.name == "Aleppo" and m.place.geo_precision == 2
    assert m.relation == "district_of"


def test_places_unresolvable_mention_is_kept_as_none(parse, first):
    # an unknown village named as such stays, unresolved, and doesn't drop the others
    ms = parse("Clashes erupted in the Qwzzrt district while jets struck Idlib.")
    assert first(ms, "Qwzzrt").place is None
    assert first(ms, "Idlib").place.country == "SY"


def test_places_near_sets_precision_two(parse, first):
    m = first(parse("Airstrikes killed 12 people near Idlib on Sunday."), "Idlib")
    assert m.relation == "near" and m.place.geo_precision == 2


def test_places_country_has_precision_three(parse, first):
    m = first(parse("The ministry said the strike happened in Yemen."), "Yemen")
    assert m.place.geo_precision == 3 and m.place.feature == "PCLI"


def test_places_demonym_is_marked(parse, first):
    m = first(parse("Syrian rebels advanced on the town."), "Syrian")
    assert m.relation == "demonym" and m.place.country == "SY" and m.place.geo_precision == 3


def test_places_exclude_skips_actor_names(nlp, geoparser):
    text = "Fighters of the Free Syrian Army entered Manbij."
    start = text.index("Free Syrian Army")
    ms = geoparser.parse(nlp(text), exclude=[(start, start + len("Free Syrian Army"))])
    assert [m.text for m in ms] == ["Manbij"]


def test_places_known_country_breaks_ties(parse):
    # Tripoli is in Libya and Lebanon; the caller may know which
    m = parse("Militias clashed in Tripoli.", known_country="LB")[0]
    assert m.place.country == "LB"


def test_places_airbase_cue_picks_the_airport(parse):
    m = parse("Jets took off from Bagram airbase at dawn.")[0]
    assert m.place.feature in ("AIRB", "AIRP")
