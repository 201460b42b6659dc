"""What is and isn't a place: people, streets, weapons, firms, acronyms and the cues around names."""

from __future__ import annotations

import pytest

from frontlines.resolve.gazetteers.ranking import distance_km


def _texts(mentions):
    return [m.text for m in mentions]


@pytest.mark.parametrize(
    ("sentence", "not_place"),
    [
        # a person introduced with a given name stays a person when named alone later
        ("Jerry Hughes bought his dog in Caddo. Hughes said it was stolen.", "Hughes"),
        # a title makes the following names a person's
        ("The council met in Paris on Monday. Mayor Bobby E. Horton called the session.", "Horton"),
        # a middle initial across a tokenizer's sentence break after "F."
        ("A passenger, Marvin F. Lane, was hurt near Williston.", "Lane"),
        # a quoted nickname inside a name
        ('Mitch Lewis and G.B. "Sonny" Hall were unaware of the change.', "Hall"),
        # a street named after a place is a street
        ("A fire destroyed a home on Main Street in Torrington.", "Main"),
        # a firm's name, and a numbered scout pack
        ("The city hired Stevens & Wilkinson to design the hotel.", "Stevens"),
        ("Pack 122 of Norfolk collected food.", "Pack"),
        # an acronym that spells a village somewhere
        ("The IRS audited the company last year.", "IRS"),
        # a participle opening a sentence
        ("Following the vote, the council adjourned.", "Following"),
    ],
)
def test_places_general_cues_drop_non_places(parse, sentence, not_place):
    assert not_place not in _texts(parse(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "It began with hundreds of Grad missiles fired on regime positions.",  # Grad, the rocket
        "The army fired a Tochka at the town.",  # a weapon's name alone
    ],
)
def test_places_weapon_names_are_not_places(parse, sentence):
    assert parse(sentence) == []


def test_places_us_abbreviation_is_a_place(parse, first):
    # "US" is a stop word in lower case ("us"), but written in capitals it is the country
    assert first(parse("The US imposed new sanctions."), "US").place.country == "US"


def test_places_demonym_beats_small_same_named_town(parse, first):
    # "Canadian pension obligations" means Canada, not Canadian, Texas (pop. 2,600)
    m = first(parse("The firm will transfer Canadian pension obligations."), "Canadian")
    assert m.relation == "demonym" and m.place.country == "CA"


def test_places_plural_counties_are_counties(parse):
    # "Douglas, Sarpy and Lancaster counties": each a county of Nebraska, not the towns
    ms = parse("The combined population of Douglas, Sarpy and Lancaster counties grew again.")
    assert [m.place.feature for m in ms] == ["ADM2", "ADM2", "ADM2"]
    assert {m.place.admin1 for m in ms} == {"Nebraska"}


def test_places_repeats_of_a_name_resolve_alike(parse):
    # one sense per document: the bare "Paris" is the Paris, Texas named first
    ms = parse("Police in Paris, Texas, made an arrest. Paris officials praised them.")
    assert {m.place.country for m in ms if m.text == "Paris"} == {"US"}


def test_places_capital_is_the_largest_of_its_name(parse, first):
    # many US towns are called Washington; the capital is the one a bare mention means
    m = first(parse("Officials in Washington said the talks would resume."), "Washington")
    assert distance_km(m.place.latitude, m.place.longitude, 38.895, -77.036) < 30


@pytest.mark.parametrize(
    ("sentence", "name", "relation"),
    [
        ("Airstrikes hit parts of Idlib overnight.", "Idlib", "part_of"),
        ("Clashes broke out in the countryside of Homs.", "Homs", "outskirts"),
        ("Shelling continued on the outskirts of Hama.", "Hama", "outskirts"),
        ("Fighting near Kobani continued.", "Kobani", "near"),
    ],
)
def test_places_part_and_near_cues_set_precision_two(parse, first, sentence, name, relation):
    m = first(parse(sentence), name)
    assert m.relation == relation and m.place.geo_precision == 2


def test_places_city_airport_resolves_to_the_airport(parse):
    # "the city's airport" names Aleppo's airport through the city named before it
    ms = parse("Rebels shelled Aleppo overnight. Rockets hit the city's airport.")
    m = next(m for m in ms if m.text == "the city's airport")
    assert m.place.feature in ("AIRP", "AIRB")
    assert distance_km(m.place.latitude, m.place.longitude, 36.18, 37.22) < 10


def test_places_city_airport_after_a_neighbourhood_is_the_citys(parse):
    # a district named just before is part of the city, not the city the airport serves
    ms = parse("Fighting raged in Aleppo. Rebels stormed the Hamdaniyah district. Rockets hit the city's airport.")
    m = next(m for m in ms if m.text == "the city's airport")
    assert m.place.feature in ("AIRP", "AIRB")
    assert distance_km(m.place.latitude, m.place.longitude, 36.18, 37.22) < 10


def test_places_unknown_quoted_district_of_the_city_is_the_city(parse):
    # an unknown quoted district "of the city" is coded to the city, precision 2
    ms = parse('Rebels advanced in Aleppo. They took the "Qwzzrt district" of the city.')
    m = next(m for m in ms if m.text.startswith("Qwzzrt"))
    assert m.place.name == "Aleppo" and m.place.geo_precision == 2 and m.relation == "district_of"


def test_places_unknown_quoted_district_alone_is_kept_unresolved(parse):
    # without "of the city" the district is still a mention, with no place
    ms = parse('Rebels advanced in Aleppo. They took the "Qwzzrt" district.')
    m = next(m for m in ms if m.text == "Qwzzrt")
    assert m.place is None and m.relation == "district_of"


def test_places_state_abbreviation_after_a_comma_contains_the_town(parse, first):
    # AP style "Caddo, Okla." puts Caddo in Oklahoma
    m = first(parse("He bought his dog in Caddo, Okla. last year."), "Caddo")
    assert m.place.admin1 == "Oklahoma"


def test_places_fuzzy_whole_name_beats_a_short_exact_word(parse, first):
    # "Tal Rifaat" is GeoNames' "Tall Rif'at", not the village "Tal" followed by a word
    ms = parse("Government forces advanced near Aleppo, capturing the village of Tal Rifaat.")
    m = first(ms, "Tal Rifaat")
    assert m.place.country == "SY"
    assert distance_km(m.place.latitude, m.place.longitude, 36.47, 37.10) < 10


def test_places_cued_town_whose_only_twin_is_abroad_stays_unresolved(parse):
    # a Somalia report: "the town of Mahas" has no Somali entry in the bundled data; its
    # gazetteer twin in Jordan is no answer, and the mention is kept, unresolved
    ms = parse(
        "Fighting in Somalia: Al Shabaab attacked Beledweyne and Mogadishu in Somalia, "
        "then the town of Mahas in Somalia's Hiiraan region."
    )
    mahas = next(m for m in ms if m.text == "Mahas")
    assert mahas.place is None or mahas.place.country == "SO"


def test_places_the_sea_describing_a_port_is_the_sea(parse):
    ms = parse("A strike hit a building in the Red Sea port of Hodeidah in Yemen.")
    red = next(m for m in ms if m.text == "Red Sea")
    assert red.place is not None and red.place.country is None and red.place.feature == "SEA"


def test_places_the_capital_is_the_report_countrys_capital(parse):
    ms = parse("Jihadists attacked Djibo and Dori in Burkina Faso. Protesters gathered in the capital on Monday.")
    capital = next(m for m in ms if m.text == "the capital")
    assert capital.place.name == "Ouagadougou" and capital.place.geo_precision == 1
    # "the Libyan capital" is Libya's, whatever else the report is about
    libyan = parse("Fighting in Burkina Faso and Mali went on. Clashes erupted in the Libyan capital overnight.")
    assert next(m for m in libyan if m.text == "the Libyan capital").place.name == "Tripoli"
    assert "Libyan" not in {m.text for m in libyan}
    # "the capital Bamako" names its own place
    named = parse("Fighting in Mali: protesters gathered in the capital Bamako on Monday.")
    assert "the capital" not in {m.text for m in named}


def test_places_a_town_known_only_by_its_airport_is_near_the_airport(parse):
    ms = parse("In Myanmar's Rakhine state the group captured two outposts near the town of Paletwa.")
    town = next(m for m in ms if m.text == "Paletwa")
    assert town.place is not None and town.place.country == "MM" and town.place.geo_precision == 2


def test_places_a_spelling_vouched_for_by_its_airport_is_the_city(parse):
    # "Hodeidah" is written exactly only as its airport's city; the fuzzy city beside it wins
    ms = parse("In Yemen, a strike hit the Red Sea port of Hodeidah.")
    city = next(m for m in ms if m.text == "Hodeidah")
    assert city.place is not None and city.place.country == "YE" and city.place.feature.startswith("PPL")


def test_places_a_fuzzy_reading_needs_another_place_in_its_country(parse):
    # an unknown village in a Myanmar report is not Požega, Croatia
    ms = parse("Military air strikes hit Pazigyi village in the Sagaing region of Myanmar.")
    village = next(m for m in ms if m.text == "Pazigyi")
    assert village.place is None or village.place.country == "MM"
